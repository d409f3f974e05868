from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CycleCountCommon, counting_days


@tagged("post_install", "-at_install")
class TestExceptionCounts(CycleCountCommon):
    """Exception counts join the warehouse's count of the day, each line saying why.
    The warehouse counts every day of the week here, so that today is a counting day."""

    def setUp(self):
        super().setUp()
        self.calendar.attendance_ids = counting_days((5, 6))
        self.customers = self.env.ref("stock.stock_location_customers")
        self.today = date.today()

    def _ship(self, product, qty, location, done_qty=None):
        return self._transfer(
            product, qty, self.warehouse.out_type_id, location, self.customers, done_qty=done_qty
        )

    def _exceptions(self, product):
        return self.env["stock.count.exception"].search([("product_id", "=", product.id)])

    def test_a_quant_going_negative(self):
        self._receive_into(self.beans, 5, 5.0, self.bin_a)
        picking = self._ship(self.beans, 8, self.bin_a)
        exception = self._exceptions(self.beans)
        self.assertEqual(
            (exception.reason, exception.location_id, exception.state, exception.origin),
            ("negative", self.bin_a, "pending", picking.name),
        )

        session = self.warehouse._build_cycle_count(self.today)
        line = session.line_ids.filtered(lambda line: line.product_id == self.beans)
        self.assertEqual((line.location_id, line.schedule_reason), (self.bin_a, "negative"))
        self.assertEqual((exception.state, exception.count_line_id), ("planned", line))

    def test_a_location_emptied_asks_for_a_zero_confirmation(self):
        self._receive_into(self.tea, 6, 4.0, self.bin_b)
        self._receive_into(self.soap, 3, 2.0, self.bin_a)
        self._ship(self.tea, 6, self.bin_b)
        self._ship(self.soap, 2, self.bin_a)  # one left: not empty
        exception = self._exceptions(self.tea)
        self.assertEqual((exception.reason, exception.location_id), ("empty", self.bin_b))
        self.assertFalse(self._exceptions(self.soap))

        session = self.warehouse._build_cycle_count(self.today)
        line = session.line_ids.filtered(lambda line: line.product_id == self.tea)
        self.assertEqual(line.schedule_reason, "empty")
        self._count(line, 0)  # the counter confirms the bin is empty
        session.with_user(self.manager).action_reconcile()
        self.assertEqual(line.state, "applied")

    def test_a_count_adjustment_emptying_a_bin_asks_for_nothing(self):
        self._receive_into(self.tea, 6, 4.0, self.bin_b)
        self.env["stock.move"]._create_count_adjustments(
            [
                {
                    "product": self.tea,
                    "location": self.bin_b,
                    "lot": self.env["stock.lot"],
                    "package": self.env["stock.quant.package"],
                    "owner": self.env["res.partner"],
                    "difference": -6,
                    "description": "Counted 0",
                }
            ],
            self.env.ref("perpetual_inventory.reason_theft"),
        )
        self.assertEqual(self._quantity(self.tea, self.bin_b), 0)
        self.assertFalse(self._exceptions(self.tea), "the count itself confirmed the zero")

    def test_a_short_pick_where_the_system_shows_stock(self):
        self._receive_into(self.soap, 10, 2.0, self.bin_a)
        picking = self._ship(self.soap, 10, self.bin_a, done_qty=6)
        exception = self._exceptions(self.soap)
        self.assertEqual(
            (exception.reason, exception.location_id, exception.origin),
            ("short_pick", self.bin_a, picking.name),
        )

    def test_a_partial_delivery_without_stock_is_no_short_pick(self):
        self._receive_into(self.soap, 6, 2.0, self.bin_a)
        self._ship(self.soap, 10, self.bin_a, done_qty=6)
        self.assertEqual(
            self._exceptions(self.soap).reason, "empty", "the bin is empty: confirm it, no short pick"
        )

    def test_a_variance_asking_for_a_recount_joins_todays_count_at_once(self):
        self._receive_into(self.beans, 10, 5.0, self.bin_a)
        self._receive_into(self.tea, 10, 4.0, self.bin_b)
        self._set_class(self.beans | self.tea, "A")
        self.classes["A"].counts_per_year = 365  # due every day: both on today's list
        session = self.warehouse._build_cycle_count(self.today)
        self.assertEqual(session.line_ids.product_id, self.beans | self.tea)
        variance = (
            self.env["stock.variance"]
            .with_user(self.manager)
            .create(
                {
                    "company_id": self.company.id,
                    "product_id": self.soap.id,
                    "location_id": self.bin_b.id,
                    "expected_qty": 10,
                    "counted_qty": 7,
                }
            )
        )
        variance.action_request_recount()
        line = session.line_ids.filtered(lambda line: line.product_id == self.soap)
        self.assertEqual(
            (line.location_id, line.schedule_reason, line.state), (self.bin_b, "recount", "to_count")
        )
        self.assertEqual(
            line.counter_id,
            session.line_ids.filtered(
                lambda other: other.location_id == self.bin_b and other != line
            ).counter_id,
            "the counter of that location counts it",
        )
        self.assertIn(self.bin_b, session.location_ids)
        self.assertEqual(self._exceptions(self.soap).count_line_id, line)
        variance.action_request_recount()
        self.assertEqual(len(self._exceptions(self.soap)), 1, "asked once while it waits")
        schedule = self.env["stock.count.schedule"].search([("session_id", "=", session.id)])
        self.assertEqual(schedule.exception_count, 1)

    def test_recount_requests_refused(self):
        variance = (
            self.env["stock.variance"]
            .with_user(self.manager)
            .create(
                {
                    "company_id": self.company.id,
                    "product_id": self.soap.id,
                    "location_id": self.bin_b.id,
                    "expected_qty": 10,
                    "counted_qty": 7,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "Only inventory managers"):
            variance.with_user(self.counter_1).action_request_recount()
        variance.action_reject() if variance.state == "to_approve" else variance.sudo().write(
            {"state": "rejected"}
        )
        with self.assertRaisesRegex(UserError, "is closed"):
            variance.with_user(self.manager).action_request_recount()
        self.warehouse.count_counter_ids = False
        variance.sudo().write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "no warehouse with daily counts"):
            variance.with_user(self.manager).action_request_recount()
        self.assertFalse(self._exceptions(self.soap))

    def test_exceptions_come_first_within_the_capacity(self):
        self._set_class(self.beans | self.tea, "A")
        self.classes["A"].counts_per_year = 365
        self._receive_into(self.beans, 10, 5.0, self.bin_a)
        self._receive_into(self.tea, 10, 4.0, self.bin_a)
        self._receive_into(self.soap, 4, 2.0, self.bin_b)
        self._ship(self.soap, 4, self.bin_b)  # empty: an exception
        self.warehouse.count_capacity = 1  # two counters: two lines
        session = self.warehouse._build_cycle_count(self.today)
        self.assertEqual(
            sorted(session.line_ids.mapped(lambda line: (line.schedule_reason, line.product_id.name))),
            [("cycle", "Espresso Beans"), ("empty", "Dish Soap")],
        )

    def test_warehouses_without_daily_counts_ask_for_nothing(self):
        self.warehouse.count_counter_ids = False
        self._receive_into(self.beans, 5, 5.0, self.bin_a)
        self._ship(self.beans, 8, self.bin_a)
        self.assertFalse(self._exceptions(self.beans))
