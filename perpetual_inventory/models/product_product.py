from odoo import _, fields, models
from odoo.exceptions import AccessError

# Internal users, except counters: blind counting hides costs and quantities on hand.
NOT_FOR_COUNTERS = "base.group_user,!perpetual_inventory.group_counter"


def check_blind_fields(records, field_names):
    """Refuse a counter the hidden fields with a readable error. (Odoo's own message, for
    users with technical features, cannot describe a "!group" restriction.)"""
    if (
        not field_names
        or records.env.su
        or not records.env.user.has_group("perpetual_inventory.group_counter")
    ):
        return
    hidden = [
        name
        for name in field_names
        if name in records._fields and records._fields[name].groups == NOT_FOR_COUNTERS
    ]
    if hidden:
        raise AccessError(
            _(
                "You do not have enough rights to access the fields %(fields)s of %(model)s: counters "
                "count blind, without quantities on hand or costs.",
                fields=", ".join(hidden),
                model=records._description,
            )
        )


class ProductProduct(models.Model):
    _inherit = "product.product"

    standard_price = fields.Float(groups=NOT_FOR_COUNTERS)
    value_svl = fields.Float(groups=NOT_FOR_COUNTERS)
    quantity_svl = fields.Float(groups=NOT_FOR_COUNTERS)
    avg_cost = fields.Monetary(groups=NOT_FOR_COUNTERS)
    total_value = fields.Monetary(groups=NOT_FOR_COUNTERS)
    qty_available = fields.Float(groups=NOT_FOR_COUNTERS)
    virtual_available = fields.Float(groups=NOT_FOR_COUNTERS)
    free_qty = fields.Float(groups=NOT_FOR_COUNTERS)
    incoming_qty = fields.Float(groups=NOT_FOR_COUNTERS)
    outgoing_qty = fields.Float(groups=NOT_FOR_COUNTERS)

    def action_print_barcode_labels(self):
        return self.env["perpetual.barcode.label"]._print_labels(
            "perpetual_inventory.action_report_product_label", self
        )

    def check_field_access_rights(self, operation, field_names):
        check_blind_fields(self, field_names)
        return super().check_field_access_rights(operation, field_names)

    def _create_fifo_vacuum_anglo_saxon_expense_entries(self, vacuum_pairs):
        # With COGS booked at delivery, the vacuum correction of negative stock
        # already reaches COGS through the delivery's own accounts.
        vacuum_pairs = [
            (vacuum_svl, svl_to_vacuum)
            for vacuum_svl, svl_to_vacuum in vacuum_pairs
            if not vacuum_svl.company_id._books_cogs_at_delivery()
        ]
        return super()._create_fifo_vacuum_anglo_saxon_expense_entries(vacuum_pairs)
