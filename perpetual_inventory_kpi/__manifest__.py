{
    "name": "Perpetual Inventory - KPIs",
    "summary": "Daily KPI snapshots, dashboards, variance review, reorder-point suggestions",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "author": "Perpetual Inventory developers",
    "website": "https://github.com/perpetual-inventory/perpetual-inventory",
    "license": "LGPL-3",
    "depends": ["perpetual_inventory_cyclecount"],
    "data": [
        "views/perpetual_inventory_kpi_menus.xml",
    ],
    "installable": True,
}
