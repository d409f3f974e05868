from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .count_common import CountCommon


@tagged("post_install", "-at_install")
class TestBaselineCount(CountCommon):
    """The opening count: zones and teams, double counts of high-value lines, one approval."""

    def setUp(self):
        super().setUp()
        self.camera = self._create_stock_product("Camera Body", "fifo", self.company_data, cost=300.0)
        self._receive_into(self.camera, 3, 300.0, self.bin_a)  # 900.00: above the 500.00 double count value
        self._receive_into(self.tea, 20, 4.0, self.bin_b)  # 80.00: counted once

    def _plan(self, zones, double_count_value=500.0):
        wizard_form = Form(self.env["stock.count.baseline.wizard"].with_user(self.manager))
        wizard_form.double_count_value = double_count_value
        for name, locations, team in zones:
            with wizard_form.zone_ids.new() as zone:
                zone.name = name
                for location in locations:
                    zone.location_ids.add(location)
                for counter in team:
                    zone.counter_ids.add(counter)
        action = wizard_form.save().action_create_session()
        return self.env["stock.count.session"].browse(action["res_id"])

    def test_zones_teams_double_count_third_count_and_one_approval(self):
        session = self._plan([("Zone A", self.bin_a, self.counter_1), ("Zone B", self.bin_b, self.counter_2)])
        self.assertEqual((session.kind, session.counter_ids), ("baseline", self.counter_1 | self.counter_2))

        session.with_user(self.manager).action_start()

        camera_first = self._line(session, self.camera)
        camera_second = self._line(session, self.camera, count_round=2)
        tea = self._line(session, self.tea)
        self.assertEqual(camera_first.counter_id, self.counter_1, "zone A's team")
        self.assertEqual(tea.counter_id, self.counter_2, "zone B's team")
        self.assertTrue(camera_second.is_double_count)
        self.assertEqual(camera_second.counter_id, self.counter_2, "an independent counter")
        self.assertFalse(self._line(session, self.tea, count_round=2), "low value: one count")

        self._count(camera_first, 3)
        self._count(camera_second, 2)  # the two blind counts disagree
        self._count(tea, 18)  # −10 %: shown as a difference, not recounted
        found = session.with_user(self.counter_1)._add_found_stock(
            self.standard_product, self.bin_a, self.env["stock.lot"], 5
        )  # Sea Salt, 9.00
        session.with_user(self.manager).action_reconcile()

        third = self._line(session, self.camera, count_round=3)
        self.assertEqual(third.state, "to_count")
        self.assertEqual(session.state, "in_progress")
        third.with_user(self.manager).counter_id = self.counter_3
        self._count(third, 2)
        session.with_user(self.manager).action_reconcile()

        self.assertEqual(session.state, "reconciled")
        differences = {
            line.product_id.name: line.difference_qty
            for line in session.line_ids
            if line.state in ("accepted", "confirmed")
        }
        self.assertEqual(differences, {"Camera Body": -1.0, "Green Tea": -2.0, "Sea Salt": 5.0})
        self.assertEqual(self._quantity(self.camera, self.bin_a), 3, "nothing booked before approval")
        self.assertFalse(session.variance_ids, "a baseline is approved once, not per line")

        session.with_user(self.manager).action_approve_baseline()

        self.assertEqual(session.state, "done")
        self.assertEqual(self._quantity(self.camera, self.bin_a), 2)
        self.assertEqual(self._quantity(self.tea, self.bin_b), 18)
        self.assertEqual(self._quantity(self.standard_product, self.bin_a), 5)
        self.assertEntry(
            third.adjustment_move_id.account_move_ids, {"OPENING": (300.0, 0.0), "STOCKVAL": (0.0, 300.0)}
        )
        self.assertEntry(
            tea.adjustment_move_id.account_move_ids, {"OPENING": (8.0, 0.0), "STOCKVAL": (0.0, 8.0)}
        )
        self.assertEntry(
            found.adjustment_move_id.account_move_ids, {"STOCKVAL": (45.0, 0.0), "OPENING": (0.0, 45.0)}
        )
        # Opening value: 2 × 300.00 + 18 × 4.00 + 5 × 9.00
        self.assertEqual(self._layer_value(), 717.0)
        self.assertPerpetualInvariant()

    def test_a_counter_of_the_baseline_cannot_approve_it(self):
        self.counter_1.groups_id += self.env.ref("perpetual_inventory.group_manager")
        session = self._plan([("All", self.bin_a | self.bin_b, self.counter_1)], double_count_value=0.0)
        session.with_user(self.manager).action_start()
        for line in session.line_ids:
            self._count(line, 1)
        session.with_user(self.manager).action_reconcile()
        with self.assertRaisesRegex(UserError, "someone else must approve"):
            session.with_user(self.counter_1).action_approve_baseline()
        self.assertEqual(session.state, "reconciled")

    def test_approving_before_reconciliation_is_refused(self):
        session = self._plan([("All", self.bin_a | self.bin_b, self.counter_1 | self.counter_2)])
        session.with_user(self.manager).action_start()
        with self.assertRaisesRegex(UserError, "reconciled baseline"):
            session.with_user(self.manager).action_approve_baseline()
        self.assertEqual(session.state, "in_progress")

    def test_bad_plans_are_refused(self):
        Wizard = self.env["stock.count.baseline.wizard"].with_user(self.manager)
        sessions_before = self.env["stock.count.session"].search_count([])
        bad_plans = {
            "at least one zone": [],
            "needs locations and a team": [
                Command.create({"name": "A", "location_ids": [Command.set(self.bin_a.ids)]})
            ],
            "one zone only": [
                Command.create(
                    {
                        "name": "A",
                        "location_ids": [Command.set(self.bin_a.ids)],
                        "counter_ids": [Command.set(self.counter_1.ids)],
                    }
                ),
                Command.create(
                    {
                        "name": "B",
                        "location_ids": [Command.set(self.bin_a.ids)],
                        "counter_ids": [Command.set(self.counter_2.ids)],
                    }
                ),
            ],
            "at least two counters": [
                Command.create(
                    {
                        "name": "A",
                        "location_ids": [Command.set(self.bin_a.ids)],
                        "counter_ids": [Command.set(self.counter_1.ids)],
                    }
                )
            ],
        }
        for message, zones in bad_plans.items():
            with self.subTest(message), self.assertRaisesRegex(UserError, message):
                Wizard.create({"zone_ids": zones, "double_count_value": 500.0}).action_create_session()
        self.assertEqual(self.env["stock.count.session"].search_count([]), sessions_before)
