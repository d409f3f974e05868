from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        result = super()._post_load_data(template_code, company, template_data)
        # A new company gets its adjustment accounts as soon as it has a chart.
        (company or self.env.company)._setup_perpetual_inventory_defaults()
        return result
