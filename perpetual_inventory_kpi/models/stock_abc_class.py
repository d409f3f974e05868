from odoo import api, fields, models

from ..tools import check_service_level


class StockAbcClass(models.Model):
    _inherit = "stock.abc.class"

    service_level = fields.Float(
        string="Service Level (%)",
        digits=(4, 1),
        help="Reorder points of this class's products keep this chance of not running out during "
        "the lead time. Empty (0): the company's reorder service level.",
    )

    @api.constrains("service_level")
    def _check_service_level(self):
        for abc_class in self.filtered("service_level"):
            check_service_level(abc_class.service_level)
