from odoo import Command, _, fields, models
from odoo.exceptions import UserError


class StockCountBaselineWizard(models.TransientModel):
    """Plan the opening count: locations split into zones, a team for each."""

    _name = "stock.count.baseline.wizard"
    _description = "Plan a Baseline Count"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    zone_ids = fields.One2many("stock.count.baseline.wizard.zone", "wizard_id", string="Zones")
    double_count_value = fields.Monetary(
        string="Double Count Above",
        default=lambda self: self.env.company.double_count_value,
        help="Lines whose stock is worth more than this get two independent blind counts.",
    )

    def action_create_session(self):
        self.ensure_one()
        self._check_zones()
        session = self.env["stock.count.session"].create(self._prepare_session_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.count.session",
            "res_id": session.id,
            "view_mode": "form",
        }

    def _check_zones(self):
        if not self.zone_ids:
            raise UserError(_("Split the locations to count into at least one zone."))
        for zone in self.zone_ids:
            if not zone.location_ids or not zone.counter_ids:
                raise UserError(_("Zone %(zone)s needs locations and a team.", zone=zone.name))
        locations = self.zone_ids.location_ids
        if sum(len(zone.location_ids) for zone in self.zone_ids) != len(locations):
            raise UserError(_("A location belongs to one zone only."))
        if self.double_count_value and len(self.zone_ids.counter_ids) < 2:
            raise UserError(_("Two independent counts need at least two counters."))

    def _prepare_session_vals(self):
        return {
            "kind": "baseline",
            "company_id": self.company_id.id,
            "location_ids": [Command.set(self.zone_ids.location_ids.ids)],
            "counter_ids": [Command.set(self.zone_ids.counter_ids.ids)],
            "double_count_value": self.double_count_value,
            "zone_ids": [
                Command.create(
                    {
                        "name": zone.name,
                        "sequence": zone.sequence,
                        "location_ids": [Command.set(zone.location_ids.ids)],
                        "counter_ids": [Command.set(zone.counter_ids.ids)],
                    }
                )
                for zone in self.zone_ids
            ],
        }
