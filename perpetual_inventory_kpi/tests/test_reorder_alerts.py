from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tools import try_job_lock
from odoo.addons.perpetual_inventory_cyclecount.tests.common import CycleCountCommon


@tagged("post_install", "-at_install")
class TestLowStockAlerts(CycleCountCommon):
    """Espresso Beans: 5 in stock, reorder point 10 in the main warehouse."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref("perpetual_inventory_kpi.mail_activity_low_stock")
        cls.Orderpoint = cls.env["stock.warehouse.orderpoint"]
        cls._put(cls.beans, cls.warehouse.lot_stock_id, 5.0)
        cls.rule = cls._rule(cls.beans, cls.warehouse.lot_stock_id, 10.0)

    @classmethod
    def _rule(cls, product, location, minimum):
        return cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": product.id,
                "warehouse_id": cls.warehouse.id,
                "location_id": location.id,
                "product_min_qty": minimum,
                "product_max_qty": minimum * 2,
                "trigger": "manual",
            }
        )

    def _alerts(self):
        return self.env["mail.activity"].search([("activity_type_id", "=", self.activity_type.id)])

    def test_one_alert_to_the_responsible_however_often_the_job_runs(self):
        self.beans.responsible_id = self.manager
        self._rule(self.beans, self.bin_a, 3.0)  # a second rule, same product and warehouse
        self._put(self.tea, self.warehouse.lot_stock_id, 50.0)
        self._rule(self.tea, self.warehouse.lot_stock_id, 10.0)  # above its reorder point
        self.Orderpoint._cron_low_stock_alerts()
        alert = self._alerts()
        self.assertEqual(len(alert), 1)
        self.assertEqual(
            (alert.res_model, alert.res_id, alert.user_id),
            (self.Orderpoint._name, self.rule.id, self.manager),
        )
        self.assertIn("Espresso Beans", alert.summary)
        self.Orderpoint._cron_low_stock_alerts()
        self.Orderpoint._cron_low_stock_alerts()
        self.assertEqual(self._alerts(), alert)

    def test_alert_closes_when_stock_is_back_and_reopens_once(self):
        self.Orderpoint._cron_low_stock_alerts()
        self.assertEqual(len(self._alerts()), 1)
        self._put(self.beans, self.warehouse.lot_stock_id, 20.0)
        self.Orderpoint._cron_low_stock_alerts()
        self.assertFalse(self._alerts())
        self._put(self.beans, self.warehouse.lot_stock_id, -20.0)
        self.Orderpoint._cron_low_stock_alerts()
        self.Orderpoint._cron_low_stock_alerts()
        self.assertEqual(len(self._alerts()), 1)

    def test_without_responsible_the_stock_manager_gets_the_alert(self):
        self.beans.responsible_id = False
        self.Orderpoint._cron_low_stock_alerts()
        managers = (
            self.env.ref("perpetual_inventory.group_manager")
            .users.filtered(lambda user: self.company in user.company_ids and not user.share)
            .sorted("id")
        )
        self.assertEqual(self._alerts().user_id, managers[0])

    def test_a_second_worker_running_the_job_at_once_does_nothing(self):
        with self.registry.cursor() as other_worker_cr:
            # another worker holds the job's lock in its own transaction
            self.assertTrue(try_job_lock(other_worker_cr, "low_stock_alerts"))
            self.Orderpoint._cron_low_stock_alerts()
            self.assertFalse(self._alerts())
            other_worker_cr.rollback()
        self.Orderpoint._cron_low_stock_alerts()
        self.assertEqual(len(self._alerts()), 1)

    def test_rules_are_created_without_chatter_note_or_follower(self):
        rule = self._rule(self.tea, self.warehouse.lot_stock_id, 4.0)
        self.assertFalse(rule.message_ids)
        self.assertFalse(rule.message_follower_ids)
