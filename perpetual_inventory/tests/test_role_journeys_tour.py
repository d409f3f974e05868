from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRoleJourneys(HttpCase):
    """Each role logs in on the demo database and walks its journey in Chromium."""

    def _variance(self, name):
        return self.env["stock.variance"].search([("name", "=", name)])

    def test_accountant_goes_from_cogs_review_to_entry_lines_and_back_to_the_move(self):
        self.start_tour("/odoo", "perpetual_inventory_accountant_tour", login="accountant")

    def test_manager_approves_and_posts_a_variance_and_finds_configuration_and_reporting(self):
        variance = self._variance("VAR/00002")
        self.assertEqual(variance.state, "to_approve")

        self.start_tour("/odoo", "perpetual_inventory_manager_tour", login="manager")

        self.assertEqual(variance.state, "posted")
        self.assertEqual(variance.manager_approver_id.login, "manager")
        self.assertEqual(variance.reason_id, self.env.ref("perpetual_inventory.reason_picking_error"))
        self.assertEqual(variance.account_move_id.state, "posted")

    def test_finance_opens_a_posted_variances_entry_in_one_click(self):
        self.assertEqual(self._variance("VAR/00001").state, "posted")
        self.start_tour("/odoo", "perpetual_inventory_finance_tour", login="finance")
