{
    "name": "Perpetual Inventory - KPIs",
    "summary": "Daily KPI snapshots, dashboards, variance review, reorder-point suggestions",
    "version": "18.0.1.1.0",
    "category": "Inventory/Inventory",
    "author": "Perpetual Inventory developers",
    "website": "https://github.com/perpetual-inventory/perpetual-inventory",
    "license": "LGPL-3",
    "depends": ["perpetual_inventory_cyclecount"],
    "data": [
        "security/ir.model.access.csv",
        "security/stock_kpi_snapshot_rules.xml",
        "data/stock_kpi_snapshot_cron.xml",
        "views/stock_kpi_snapshot_views.xml",
        "views/stock_kpi_shrinkage_views.xml",
        "views/stock_kpi_backfill_views.xml",
        "security/perpetual_inventory_kpi_review_rules.xml",
        "data/low_stock_alert_data.xml",
        "report/stock_variance_review_report.xml",
        "views/stock_variance_review_views.xml",
        "views/stock_reorder_suggestion_views.xml",
        "views/stock_abc_class_views.xml",
        "views/res_config_settings_views.xml",
        "views/perpetual_inventory_kpi_menus.xml",
    ],
    "demo": [
        "demo/variance_review_demo.xml",
        "demo/stock_kpi_snapshot_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "perpetual_inventory_kpi/static/src/kpi_dashboard/*",
        ],
        "web.assets_tests": [
            "perpetual_inventory_kpi/static/tests/tours/*",
        ],
    },
    "installable": True,
}
