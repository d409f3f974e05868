from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .count_common import CountCommon


@tagged("post_install", "-at_install")
class TestCountSession(CountCommon):
    """Count → tolerance → recount → variance → approval → posting."""

    def setUp(self):
        super().setUp()
        self._receive_into(self.beans, 10, 5.0, self.bin_a)  # 10 × 5.00
        self._receive_into(self.soap, 100, 2.0, self.bin_a)  # 100 × 2.00
        self._receive_into(self.tea, 20, 4.0, self.bin_b)  # 20 × 4.00
        self.session = self._session(self.bin_a | self.bin_b, self.counter_1 | self.counter_2)
        self.session.with_user(self.manager).action_start()

    def test_start_creates_one_line_per_stocked_product_and_location_one_counter_per_location(self):
        lines = self.session.line_ids
        self.assertEqual(
            sorted((line.location_id.name, line.product_id.name) for line in lines),
            [("A-01", "Dish Soap"), ("A-01", "Espresso Beans"), ("B-01", "Green Tea")],
        )
        self.assertEqual(set(lines.mapped("state")), {"to_count"})
        self.assertEqual(
            len(
                self._line(self.session, self.beans).counter_id
                | self._line(self.session, self.soap).counter_id
            ),
            1,
        )
        self.assertEqual(lines.counter_id, self.counter_1 | self.counter_2)
        self.assertEqual(self.session.state, "in_progress")

    def test_within_tolerance_is_applied_at_reconciliation_with_its_entry(self):
        self._count(self._line(self.session, self.beans), 10)
        self._count(self._line(self.session, self.soap), 98)  # −2 %: 4.00, within 5 % and 50.00
        self._count(self._line(self.session, self.tea), 20)

        self.session.with_user(self.manager).action_reconcile()

        self.assertEqual(self.session.state, "reconciled")
        soap_line = self._line(self.session, self.soap)
        self.assertEqual(soap_line.state, "applied")
        self.assertTrue(soap_line.within_tolerance)
        self.assertEntry(
            soap_line.adjustment_move_id.account_move_ids, {"COUNTDIFF": (4.0, 0.0), "STOCKVAL": (0.0, 4.0)}
        )
        self.assertEqual(self._quantity(self.soap, self.bin_a), 98)
        # A matching count confirms the quantity as Odoo's own count does: a done zero move
        # (it dates the last count) without any entry, and the quant's next inventory date.
        confirmation = self._line(self.session, self.beans).adjustment_move_id
        self.assertEqual(
            (confirmation.state, confirmation.quantity, confirmation.is_inventory), ("done", 0.0, True)
        )
        self.assertFalse(confirmation.account_move_ids)
        beans_quant = self.env["stock.quant"].search(
            [("product_id", "=", self.beans.id), ("location_id", "=", self.bin_a.id)]
        )
        self.assertEqual(beans_quant.last_count_date, fields.Date.today())
        self.assertEqual(beans_quant.inventory_date, self.bin_a._get_next_inventory_date())
        self.assertEqual(self.bin_a.last_inventory_date, fields.Date.today())
        self.assertFalse(self.session.variance_ids)
        self.assertPerpetualInvariant()
        self.session.with_user(self.manager).action_done()
        self.assertEqual(self.session.state, "done")

    def test_out_of_tolerance_recount_confirms_then_variance_approved_and_posted(self):
        self._count(self._line(self.session, self.beans), 10)
        self._count(self._line(self.session, self.soap), 100)
        tea_line = self._line(self.session, self.tea)
        self._count(tea_line, 15)  # −25 %

        self.session.with_user(self.manager).action_reconcile()

        recount = self._line(self.session, self.tea, count_round=2)
        self.assertEqual(tea_line.state, "recounted")
        self.assertEqual(recount.state, "to_count")
        self.assertNotEqual(recount.counter_id, tea_line.counted_by_id, "a different counter recounts")
        self.assertEqual(self.session.state, "in_progress")
        self.assertEqual(self._quantity(self.tea, self.bin_b), 20, "nothing is booked before a decision")

        self._count(recount, 15)
        self.session.with_user(self.manager).action_reconcile()

        variance = recount.variance_id
        self.assertEqual(recount.state, "variance")
        self.assertEqual(self.session.state, "reconciled")
        self.assertEqual((variance.expected_qty, variance.counted_qty, variance.difference_qty), (20, 15, -5))
        self.assertEqual(variance.state, "to_approve")
        self.assertEqual(variance.counter_ids, self.counter_1 | self.counter_2)
        with self.assertRaises(UserError):
            self.session.with_user(self.manager).action_done()

        variance.with_user(self.manager).reason_id = self.env.ref("perpetual_inventory.reason_theft")
        variance.with_user(self.manager).action_approve()
        variance.with_user(self.manager).action_post()

        self.assertEqual(variance.state, "posted")
        self.assertEntry(variance.account_move_id, {"SHRINK": (20.0, 0.0), "STOCKVAL": (0.0, 20.0)})
        self.assertEqual(self._quantity(self.tea, self.bin_b), 15)
        self.assertPerpetualInvariant()
        self.session.with_user(self.manager).action_done()
        self.assertEqual(self.session.state, "done")

    def test_reconciliation_tells_what_it_did(self):
        self._count(self._line(self.session, self.beans), 10)
        self._count(self._line(self.session, self.soap), 98)
        self._count(self._line(self.session, self.tea), 15)

        action = self.session.with_user(self.manager).action_reconcile()

        expected = f"{self.session.name}: 2 lines applied, 0 variances opened, 1 lines to recount."
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual((action["params"]["message"], action["params"]["type"]), (expected, "warning"))
        self.assertEqual(self.session.message_ids[0].body, f"<p>{expected}</p>")

        self._count(self._line(self.session, self.tea, count_round=2), 15)
        action = self.session.with_user(self.manager).action_reconcile()
        self.assertEqual(
            action["params"]["message"],
            f"{self.session.name}: 0 lines applied, 1 variances opened, 0 lines to recount.",
        )
        self.assertEqual(action["params"]["type"], "success")

    def test_lines_and_scans_are_named_for_people(self):
        line = self._line(self.session, self.tea)
        self.assertEqual(line.display_name, f"{self.session.name}: Green Tea at {self.bin_b.display_name}")
        self._count(line, 15)
        self._count(self._line(self.session, self.beans), 10)
        self._count(self._line(self.session, self.soap), 100)
        self.session.with_user(self.manager).action_reconcile()
        recount = self._line(self.session, self.tea, count_round=2)
        self.assertEqual(
            recount.display_name, f"{self.session.name}: Green Tea at {self.bin_b.display_name} (count 2)"
        )
        self.assertNotIn("stock.count.line,", recount.recount_of_id.display_name)
        scan = self.env["stock.count.scan"].search([("line_id", "=", line.id)], limit=1)
        self.assertEqual(scan.display_name, f"{line.display_name} - Typed quantity")

    def test_expected_quantities_stay_empty_until_counted(self):
        view = self.env.ref("perpetual_inventory.stock_count_session_view_form")
        arch = self.env["stock.count.session"].with_user(self.manager).get_view(view.id)["arch"]
        for name in ("expected_qty", "difference_qty", "difference_value"):
            self.assertRegex(arch, rf'<field name="{name}"[^>]*invisible="state == \'to_count\'"', name)
        self.assertRegex(arch, r'<field name="difference_value"[^>]*widget="monetary"')

    def test_recount_disagreeing_with_first_count_asks_a_third_count_which_decides(self):
        self._count(self._line(self.session, self.beans), 10)
        self._count(self._line(self.session, self.soap), 100)
        self._count(self._line(self.session, self.tea), 12)
        self.session.with_user(self.manager).action_reconcile()
        self._count(self._line(self.session, self.tea, count_round=2), 17)  # disagrees with 12

        self.session.with_user(self.manager).action_reconcile()

        third = self._line(self.session, self.tea, count_round=3)
        self.assertEqual(third.state, "to_count")
        self.assertFalse(third.counter_id, "both counters counted already: the manager assigns one")
        third.with_user(self.manager).counter_id = self.counter_3
        self._count(third, 20)
        self.session.with_user(self.manager).action_reconcile()

        self.assertEqual(third.state, "applied")
        self.assertTrue(third.within_tolerance)
        self.assertFalse(self.session.variance_ids)
        self.assertEqual(self._quantity(self.tea, self.bin_b), 20)

    def test_found_stock_and_missing_stock_are_both_variances(self):
        self._count(self._line(self.session, self.beans), 0)  # all 10 missing
        self._count(self._line(self.session, self.soap), 100)
        self._count(self._line(self.session, self.tea), 20)
        found = self.session.with_user(self.counter_2)._add_found_stock(
            self.standard_product, self.bin_b, self.env["stock.lot"], 3
        )  # Sea Salt, standard 9.00
        self.assertTrue(found.is_found_stock)
        self.assertEqual(found.counter_id, self.counter_2)

        self.session.with_user(self.manager).action_reconcile()
        self._count(self._line(self.session, self.beans, count_round=2), 0)
        self._count(self._line(self.session, self.standard_product, count_round=2), 3)
        self.session.with_user(self.manager).action_reconcile()

        missing = self._line(self.session, self.beans, count_round=2).variance_id
        gained = self._line(self.session, self.standard_product, count_round=2).variance_id
        self.assertEqual((missing.expected_qty, missing.counted_qty), (10, 0))
        self.assertEqual((gained.expected_qty, gained.counted_qty), (0, 3))
        self.assertEqual(gained.reason_id, self.env.ref("perpetual_inventory.reason_found_stock"))
        missing.with_user(self.manager).reason_id = self.env.ref("perpetual_inventory.reason_theft")
        for variance in missing | gained:
            variance.with_user(self.manager).action_approve()
            variance.with_user(self.manager).action_post()

        self.assertEntry(missing.account_move_id, {"SHRINK": (50.0, 0.0), "STOCKVAL": (0.0, 50.0)})
        self.assertEntry(gained.account_move_id, {"STOCKVAL": (27.0, 0.0), "FOUND": (0.0, 27.0)})
        self.assertEqual(self._quantity(self.beans, self.bin_a), 0)
        self.assertEqual(self._quantity(self.standard_product, self.bin_b), 3)
        self.assertPerpetualInvariant()

    def test_a_move_between_count_and_reconciliation_does_not_distort_the_variance(self):
        self._count(self._line(self.session, self.beans), 10)
        self._count(self._line(self.session, self.soap), 98)  # counted while 100 were there
        self._count(self._line(self.session, self.tea), 20)
        warehouse = self.company_data["default_warehouse"]
        self._transfer(
            self.soap, 10, warehouse.out_type_id, self.bin_a, self.env.ref("stock.stock_location_customers")
        )

        self.session.with_user(self.manager).action_reconcile()

        soap_line = self._line(self.session, self.soap)
        self.assertEqual((soap_line.expected_qty, soap_line.difference_qty), (100, -2))
        self.assertEqual(self._quantity(self.soap, self.bin_a), 88, "100 − 10 delivered − 2 missing")
        self.assertPerpetualInvariant()

    # Bad input ------------------------------------------------------------

    def test_negative_count_is_refused(self):
        line = self._line(self.session, self.beans)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._count(line, -1)
        self.assertEqual(line.state, "to_count")

    def test_counting_on_a_done_session_is_refused(self):
        for line in self.session.line_ids:
            self._count(line, line.sudo()._current_quantity())
        self.session.with_user(self.manager).action_reconcile()
        self.session.with_user(self.manager).action_done()
        line = self._line(self.session, self.beans)
        with self.assertRaisesRegex(UserError, "can no longer change"):
            line.with_user(self.manager).write({"counted_qty": 3})
        self.assertEqual(line.counted_qty, 10)

    def test_reconciling_with_lines_not_counted_is_refused(self):
        self._count(self._line(self.session, self.beans), 10)
        with self.assertRaisesRegex(UserError, "not counted yet"):
            self.session.with_user(self.manager).action_reconcile()
        self.assertEqual(self.session.state, "in_progress")

    def test_serials_count_zero_or_one_and_tracked_products_need_a_lot(self):
        camera = self.env["product.product"].create(
            {
                "name": "Camera",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": self.company_data["categories"]["fifo"].id,
                "company_id": self.company.id,
            }
        )
        serial = self.env["stock.lot"].create(
            {"name": "SN-1", "product_id": camera.id, "company_id": self.company.id}
        )
        self.env["stock.quant"]._update_available_quantity(camera, self.bin_a, 1, lot_id=serial)
        session = self._session(self.bin_a, self.counter_1)
        session.with_user(self.manager).action_start()
        line = self._line(session, camera)
        self.assertEqual(line.lot_id, serial)

        with self.assertRaisesRegex(ValidationError, "counted 0 or 1"):
            self._count(line, 2)
        with self.assertRaisesRegex(ValidationError, "per lot or serial"):
            session.with_user(self.counter_1)._add_found_stock(camera, self.bin_a, self.env["stock.lot"], 1)
        self.assertEqual(len(session.line_ids.filtered(lambda line: line.product_id == camera)), 1)
        self._count(line, 1)
        self.assertEqual(line.state, "counted")

    def test_a_product_of_another_company_cannot_be_counted(self):
        other = self.setup_other_company()["company"]
        foreign = self.env["product.product"].create(
            {
                "name": "Foreign",
                "is_storable": True,
                "company_id": other.id,
            }
        )
        with self.assertRaises(UserError):
            self.session.with_user(self.manager).write(
                {
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": foreign.id,
                                "location_id": self.bin_a.id,
                            },
                        )
                    ]
                }
            )
        self.assertNotIn(foreign, self.session.line_ids.product_id)

    def test_found_stock_outside_the_scope_is_refused(self):
        elsewhere = self.env["stock.location"].create(
            {
                "name": "C-01",
                "location_id": self.company_data["default_warehouse"].lot_stock_id.id,
            }
        )
        with self.assertRaisesRegex(UserError, "outside the scope"):
            self.session.with_user(self.counter_1)._add_found_stock(
                self.tea, elsewhere, self.env["stock.lot"], 1
            )

    # Blind counting -------------------------------------------------------------

    def test_a_counter_never_reads_expected_quantities_values_or_quants(self):
        line = self._line(self.session, self.beans).with_user(self.counter_1)
        if line.counter_id != self.counter_1:
            line = self._line(self.session, self.tea).with_user(self.counter_1)
        self._count(line, 7)

        for field_name in ("expected_qty", "difference_qty", "difference_value", "within_tolerance"):
            with self.assertRaises(AccessError):
                line.read([field_name])
        record = line.search_read([("id", "=", line.id)])[0]
        self.assertNotIn("expected_qty", record)
        self.assertEqual(record["counted_qty"], 7)
        self.assertFalse(
            self.env["stock.quant"].with_user(self.counter_1).search([("product_id", "=", self.beans.id)])
        )

    def test_a_counter_writes_only_the_counted_quantity_of_their_own_lines(self):
        mine = self.session.line_ids.filtered(lambda line: line.counter_id == self.counter_1)[:1]
        theirs = self.session.line_ids.filtered(lambda line: line.counter_id == self.counter_2)[:1]
        with self.assertRaises(AccessError):
            mine.with_user(self.counter_1).write({"product_id": self.tea.id})
        with self.assertRaises(AccessError):
            theirs.with_user(self.counter_1).write({"counted_qty": 1})
        self.assertEqual(theirs.state, "to_count")
        self.assertEqual(
            self.env["stock.count.line"].with_user(self.counter_1).search([]),
            self.session.line_ids.filtered(lambda line: line.counter_id == self.counter_1),
        )
