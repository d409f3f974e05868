from odoo import _, models
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Counters without a Home Action of their own land on the Count screen."""
        info = super().session_info()
        user = self.env.user
        if (
            info.get("is_internal_user")
            and not info.get("home_action_id")
            and user.has_group("perpetual_inventory.group_counter")
            and not user.has_group("perpetual_inventory.group_manager")
        ):
            action = self.env.ref("perpetual_inventory.action_count_screen", raise_if_not_found=False)
            info["home_action_id"] = action.id if action else False
        return info

    @classmethod
    def _handle_error(cls, exception):
        """A request that still collides with another one after Odoo's retries (a
        serialization failure, a deadlock, a lock not available) gets an answer in the
        user's words instead of the database error. Nothing of it was written: its
        transaction was rolled back."""
        if isinstance(exception, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY):
            readable = UserError(
                _(
                    "The records were being changed by someone else at the same moment, and nothing "
                    "of yours was saved: please try again."
                )
            )
            readable.__cause__ = exception
            exception = readable
        return super()._handle_error(exception)
