{
    "name": "Perpetual Inventory - Cycle Counting",
    "summary": "ABC classification, count scheduling, daily count lists, exception counts",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "author": "Perpetual Inventory developers",
    "website": "https://github.com/perpetual-inventory/perpetual-inventory",
    "license": "LGPL-3",
    "depends": ["perpetual_inventory"],
    "data": [
        "views/perpetual_inventory_cyclecount_menus.xml",
    ],
    "installable": True,
}
