from odoo import api, models

from ..tools.inputs import check_field_values

SUITE_MODULE_PREFIX = "perpetual_inventory"


class PerpetualInputGuard(models.AbstractModel):
    """Numbers and dates written by clients are checked before anything is written: the
    suite's Integer, Float, Monetary and Date fields of a model that inherits this get a
    readable error for text, NaN, infinities and values their column cannot hold.

    Only the fields the suite declares are checked, so that inheriting an Odoo model
    (company, warehouse, settings) leaves Odoo's own fields as Odoo handles them."""

    _name = "perpetual.input.guard"
    _description = "Perpetual Inventory: input guard"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input_values(vals)
        return super().write(vals)

    def _check_input_values(self, vals):
        check_field_values(
            self,
            {
                name: value
                for name, value in vals.items()
                if name in self._fields and (self._fields[name]._module or "").startswith(SUITE_MODULE_PREFIX)
            },
        )
