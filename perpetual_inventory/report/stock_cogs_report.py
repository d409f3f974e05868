from odoo import _, api, fields, models


class StockCogsReport(models.Model):
    """One row per cost-of-goods-sold journal item booked when goods moved."""

    _name = "stock.cogs.report"
    _description = "COGS Review"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "account_move_id"

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    source = fields.Selection(
        [("delivery", "Customer delivery"), ("return", "Customer return"), ("pos", "Point of Sale")],
        readonly=True,
    )
    quantity = fields.Float(digits="Product Unit of Measure", readonly=True)
    # The amount over the quantity, to six places: quantity x unit cost gives back the amount.
    # A unit cost is no measure: neither its sum nor its average gives the cost of a group.
    unit_cost = fields.Float(digits=(16, 6), readonly=True, aggregator=None)
    value = fields.Monetary(string="COGS", readonly=True)
    account_id = fields.Many2one("account.account", string="COGS Account", readonly=True)
    account_move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    stock_move_id = fields.Many2one("stock.move", readonly=True)
    picking_id = fields.Many2one("stock.picking", string="Transfer", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)

    _depends = {
        "account.move.line": [
            "date",
            "company_id",
            "product_id",
            "cogs_source",
            "quantity",
            "balance",
            "account_id",
            "move_id",
            "partner_id",
            "parent_state",
        ],
        "account.move": ["stock_move_id"],
        "stock.move": ["picking_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
    }

    @property
    def _table_query(self):
        return """
            SELECT aml.id,
                   aml.date,
                   aml.company_id,
                   aml.company_currency_id AS currency_id,
                   aml.product_id,
                   tmpl.categ_id,
                   aml.cogs_source AS source,
                   -aml.quantity AS quantity,  -- stock lines carry the stock direction: out < 0
                   aml.balance / NULLIF(-aml.quantity, 0) AS unit_cost,
                   aml.balance AS value,
                   aml.account_id,
                   aml.move_id AS account_move_id,
                   entry.stock_move_id,
                   move.picking_id,
                   aml.partner_id
              FROM account_move_line aml
              JOIN account_move entry ON entry.id = aml.move_id
         LEFT JOIN stock_move move ON move.id = entry.stock_move_id
         LEFT JOIN product_product product ON product.id = aml.product_id
         LEFT JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
             WHERE aml.cogs_source IS NOT NULL
               AND aml.parent_state = 'posted'
        """

    @api.readonly
    def action_open_stock_move(self):
        return self.account_move_id.action_open_stock_move()

    @api.readonly
    def action_open_stock_valuation_layers(self):
        return self.account_move_id.action_open_stock_valuation_layers()

    @api.readonly
    def action_open_journal_entry(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Journal Entry"),
            "res_model": "account.move",
            "res_id": self.account_move_id.id,
            "view_mode": "form",
        }
