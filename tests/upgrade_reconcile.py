"""Run by tests/test_upgrade.py on the upgraded database: the stock-vs-GL reconciliation of
every company as of today. Prints one line per company: name, difference, rows that differ."""

import sys

import odoo
from odoo import api

config_path, db_name = sys.argv[1:3]
odoo.tools.config.parse_config(["-c", config_path, "-d", db_name])
with odoo.modules.registry.Registry(db_name).cursor() as cr:
    env = api.Environment(cr, odoo.SUPERUSER_ID, {})
    for company in env["res.company"].search([]):
        check = env["stock.gl.reconciliation"]._run_check(company)
        print(f"RECONCILIATION {company.id} {check.difference:.2f} {check.difference_line_count}")
    cr.rollback()
