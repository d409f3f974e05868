{
    "name": "Perpetual Inventory - Cycle Counting",
    "summary": "ABC classification, count scheduling, daily count lists, exception counts",
    "version": "18.0.1.3.0",
    "category": "Inventory/Inventory",
    "author": "Perpetual Inventory developers",
    "website": "https://github.com/perpetual-inventory/perpetual-inventory",
    "license": "LGPL-3",
    "depends": ["perpetual_inventory", "resource"],
    "data": [
        "security/ir.model.access.csv",
        "security/perpetual_inventory_cyclecount_rules.xml",
        "data/stock_abc_class_data.xml",
        "data/ir_cron_data.xml",
        "views/stock_abc_class_views.xml",
        "views/stock_abc_history_views.xml",
        "views/product_product_views.xml",
        "views/stock_warehouse_views.xml",
        "views/stock_count_session_views.xml",
        "views/stock_count_exception_views.xml",
        "views/stock_count_schedule_views.xml",
        "views/stock_variance_views.xml",
        "views/perpetual_inventory_cyclecount_menus.xml",
    ],
    "demo": [
        "demo/cyclecount_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "perpetual_inventory_cyclecount/static/tests/tours/*",
        ],
    },
    "installable": True,
}
