{
    "name": "Perpetual Inventory",
    "summary": "Real-time COGS at layer cost, stock-vs-GL reconciliation, "
    "cycle counting with blind barcode counts, variance approval",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "author": "Perpetual Inventory developers",
    "website": "https://github.com/perpetual-inventory/perpetual-inventory",
    "license": "LGPL-3",
    "depends": ["stock_account", "point_of_sale", "barcodes"],
    "external_dependencies": {"python": ["barcode"]},
    "data": [
        "security/perpetual_inventory_security.xml",
        "views/res_config_settings_views.xml",
        "views/perpetual_inventory_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/account_demo.xml",
        "demo/product_category_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/stock_warehouse_demo.xml",
        "demo/product_product_demo.xml",
        "demo/pos_config_demo.xml",
        "demo/stock_history_demo.xml",
    ],
    "installable": True,
    "application": True,
}
