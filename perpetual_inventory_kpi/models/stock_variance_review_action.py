from odoo import _, api, fields, models
from odoo.exceptions import UserError

TODO_ACTIVITY = "mail.mail_activity_data_todo"


class StockVarianceReviewAction(models.Model):
    """A corrective action decided in a variance review: who does what by when.
    Its owner gets an activity on the review when it is saved."""

    _name = "stock.variance.review.action"
    _inherit = ["perpetual.input.guard"]
    _description = "Variance Review Corrective Action"
    _order = "deadline, id"
    _check_company_auto = True

    review_id = fields.Many2one("stock.variance.review", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    name = fields.Char(string="Action", required=True)
    owner_id = fields.Many2one("res.users", required=True)
    deadline = fields.Date(required=True)
    done = fields.Boolean()
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions._schedule_activities()
        return actions

    def write(self, vals):
        result = super().write(vals)
        if set(vals) & {"name", "owner_id", "deadline", "done"}:
            self._schedule_activities()
        return result

    def _schedule_activities(self):
        """One open activity per undone action, for its owner and at its deadline."""
        for action in self:
            activity = action.sudo().activity_id
            if action.done:
                if activity:
                    activity.action_feedback(feedback=_("Done"))
                continue
            vals = {
                "summary": action.name,
                "user_id": action.owner_id.id,
                "date_deadline": action.deadline,
            }
            if activity:
                activity.write(vals)
                continue
            if not action.owner_id.has_group("base.group_user"):
                raise UserError(
                    _(
                        "%(user)s cannot own a corrective action: they have no access to the back office.",
                        user=action.owner_id.name,
                    )
                )
            activity = action.review_id.sudo().activity_schedule(TODO_ACTIVITY, **vals)
            action.sudo().activity_id = activity
