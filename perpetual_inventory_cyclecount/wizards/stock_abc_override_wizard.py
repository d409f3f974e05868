from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class StockAbcOverrideWizard(models.TransientModel):
    """A manager sets the ABC class of products by hand, with a reason."""

    _name = "stock.abc.override.wizard"
    _description = "Override ABC Class"

    product_ids = fields.Many2many("product.product", string="Products", required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, required=True)
    abc_class_id = fields.Many2one(
        "stock.abc.class", string="ABC Class", required=True, domain="[('company_id', '=', company_id)]"
    )
    reason = fields.Char(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "product.product":
            values["product_ids"] = [(6, 0, context.get("active_ids", []))]
        elif context.get("active_model") == "product.template":
            templates = self.env["product.template"].browse(context.get("active_ids", []))
            values["product_ids"] = [(6, 0, templates.product_variant_ids.ids)]
        return values

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("perpetual_inventory.group_manager"):
            raise UserError(_("Only inventory managers can override ABC classes."))
        if self.abc_class_id.sudo().company_id not in self.env.companies:
            raise AccessError(
                _(
                    "Class %(code)s belongs to %(company)s: choose a class of your company.",
                    code=self.abc_class_id.code,
                    company=self.abc_class_id.sudo().company_id.name,
                )
            )
        # All the products asked for, not only those the user's reading lets through.
        products = self.sudo().product_ids.with_env(self.env)
        products._check_abc_class_in_reach()
        products.sudo().write({"abc_class_id": self.abc_class_id.id, "abc_override_reason": self.reason})
        return {"type": "ir.actions.act_window_close"}
