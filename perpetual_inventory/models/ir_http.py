from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Counters without a Home Action of their own land on the Count screen."""
        info = super().session_info()
        user = self.env.user
        if (info.get("is_internal_user") and not info.get("home_action_id")
                and user.has_group("perpetual_inventory.group_counter")
                and not user.has_group("perpetual_inventory.group_manager")):
            action = self.env.ref("perpetual_inventory.action_count_screen", raise_if_not_found=False)
            info["home_action_id"] = action.id if action else False
        return info
