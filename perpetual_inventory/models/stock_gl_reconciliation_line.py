from datetime import datetime, time, timedelta

from odoo import _, api, fields, models


class StockGlReconciliationLine(models.Model):
    _name = "stock.gl.reconciliation.line"
    _description = "Stock-vs-GL Reconciliation Line"
    _order = "account_id, difference desc, product_id"

    reconciliation_id = fields.Many2one(
        "stock.gl.reconciliation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(related="reconciliation_id.date")
    account_id = fields.Many2one("account.account", string="Valuation Account", required=True)
    product_id = fields.Many2one(
        "product.product", help="Empty for journal items on the account that name no product."
    )
    gl_balance = fields.Monetary(string="GL Balance")
    layer_value = fields.Monetary(string="Valuation Layers")
    difference = fields.Monetary()

    @api.depends("account_id", "product_id", "date")
    def _compute_display_name(self):
        for line in self:
            parts = [line.account_id.display_name, line.product_id.display_name]
            line.display_name = " / ".join(filter(None, parts))

    @api.readonly
    def action_open_journal_items(self):
        self.ensure_one()
        # Button calls read fields outside read(), which checks access rights: check them here.
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": _("Journal Items"),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "domain": [
                ("company_id", "=", self.company_id.id),
                ("account_id", "=", self.account_id.id),
                ("product_id", "=", self.product_id.id),
                ("parent_state", "=", "posted"),
                ("date", "<=", self.date),
            ],
        }

    @api.readonly
    def action_open_valuation_layers(self):
        self.ensure_one()
        self.check_access("read")
        end = datetime.combine(self.date + timedelta(days=1), time.min)
        return {
            "type": "ir.actions.act_window",
            "name": _("Valuation Layers"),
            "res_model": "stock.valuation.layer",
            "view_mode": "list,form",
            "domain": [
                ("company_id", "=", self.company_id.id),
                ("product_id", "=", self.product_id.id),
                ("create_date", "<", end),
            ],
        }

    @api.readonly
    def action_open_stock_moves(self):
        self.ensure_one()
        self.check_access("read")
        layer_moves = (
            self.env["stock.valuation.layer"]
            .search(self.action_open_valuation_layers()["domain"])
            .stock_move_id
        )
        entry_moves = (
            self.env["account.move.line"]
            .search(self.action_open_journal_items()["domain"])
            .move_id.stock_move_id
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Stock Moves"),
            "res_model": "stock.move",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("perpetual_inventory.stock_move_view_list_valued").id, "list"),
                (False, "form"),
            ],
            "domain": [("id", "in", (layer_moves | entry_moves).ids)],
        }
