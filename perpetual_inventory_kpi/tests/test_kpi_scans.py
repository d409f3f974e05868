from datetime import datetime, time, timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .kpi_common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiScans(KpiCommon):
    """Scan-verified pick accuracy and productivity, exactly, from hand-made scan logs of
    the Operations screen."""

    def _picking(self, picking_type, products, validate=False):
        """A transfer of ``picking_type`` with one line of 2 units per product."""
        source, destination = picking_type.default_location_src_id, picking_type.default_location_dest_id
        if picking_type.code == "incoming":
            source = self.env.ref("stock.stock_location_suppliers")
        if picking_type.code == "outgoing":
            destination = self.env.ref("stock.stock_location_customers")
        picking = (
            self._company_env(self.company)["stock.picking"]
            .sudo()
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": 2,
                                "product_uom": product.uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": destination.id,
                            }
                        )
                        for product in products
                    ],
                }
            )
        )
        if validate:
            picking.action_confirm()
            picking.action_assign()
            for move in picking.move_ids:
                move.quantity = 2
            picking.move_ids.picked = True
            picking.button_validate()
            self.assertEqual(picking.state, "done")
        return picking

    def _step(self, picking, user, action, at, move=None, before=0.0, after=0.0, undone=False):
        """One step of the scan log, taken at ``at`` (a time of today, or a datetime)."""
        moment = at if isinstance(at, datetime) else datetime.combine(self.today, at)
        entry = self.env["stock.operation.scan"]._log(
            picking,
            action,
            move_id=move.id if move else False,
            product_id=move.product_id.id if move else False,
            qty_before=before,
            qty_after=after,
            undone=undone,
        )
        entry.sudo().user_id = user
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_operation_scan SET create_date = %s WHERE id = %s", [moment, entry.id]
        )
        return entry

    def _move(self, picking, product):
        return picking.move_ids.filtered(lambda move: move.product_id == product)

    def test_scan_verified_pick_accuracy(self):
        for product in (self.beans, self.tea, self.salt, self.soap):
            self._receive(product, 10, 4.0)
        picking = self._picking(self.warehouse.out_type_id, self.beans | self.tea | self.salt, validate=True)
        beans, tea, salt = (self._move(picking, product) for product in (self.beans, self.tea, self.salt))
        picker, other = self.counter_1, self.counter_2
        self._step(picking, picker, "location", time(9, 0))
        self._step(picking, picker, "scan", time(9, 1), beans, 0, 2)
        self._step(picking, picker, "pick_error", time(9, 2))  # looking for the tea: its fault
        self._step(picking, other, "pick_error", time(9, 2))  # another user, who scanned nothing after
        self._step(picking, picker, "scan", time(9, 3), tea, 0, 2)
        self._step(picking, picker, "scan", time(9, 4), salt, 0, 1, undone=True)
        self._step(picking, picker, "undo", time(9, 5), salt)
        self._step(picking, picker, "scan", time(9, 6), salt, 0, 2)
        # Delivered the same day without a scan: Odoo's lines count, the scan-verified ones do not.
        self._deliver(self.beans, 1)
        # A delivery whose only scan was undone was not picked by scan.
        unscanned = self._picking(self.warehouse.out_type_id, self.soap, validate=True)
        self._step(unscanned, picker, "scan", time(9, 7), unscanned.move_ids, 0, 2, undone=True)

        rows = self._snapshot()

        all_row, a_row = rows["all"], rows["A"]
        self.assertEqual((all_row.scan_picked_lines, all_row.scan_picked_lines_ok), (3, 2))
        self.assertEqual(self._ratio(all_row, "scan_pick_accuracy"), 66.6667)
        self.assertEqual((a_row.scan_picked_lines, a_row.scan_picked_lines_ok), (2, 1), "beans and tea")
        self.assertEqual(self._ratio(a_row, "scan_pick_accuracy"), 50.0)
        self.assertEqual(all_row.picked_lines, 5, "the returns-based figure keeps every delivery line")
        self.assertEqual(self._ratio(all_row, "pick_accuracy"), 100.0)
        self.assertEqual((rows["B"].picked_lines, rows["B"].scan_picked_lines), (1, 0), "its scan was undone")
        self.assertIsNone(self._ratio(rows["B"], "scan_pick_accuracy"))

        yesterday = self._snapshot(self._days_ago(1))
        self.assertFalse(
            any(row.scan_picked_lines for row in yesterday.values()),
            "the picks count on the day they were done",
        )

        tiles = {
            tile["key"]: tile
            for tile in self.env["stock.kpi.snapshot"].with_user(self.manager).get_dashboard_data()["tiles"]
        }
        self.assertAlmostEqual(tiles["scan_pick_accuracy"]["value"], 200 / 3)
        self.assertEqual(tiles["scan_pick_accuracy"]["target"], self.company.kpi_target_pick_accuracy)
        self.assertAlmostEqual(tiles["pick_accuracy"]["value"], 100.0)

        caught = self._tile_records("scan_pick_accuracy")
        self.assertEqual(len(caught), 2)
        self.assertEqual(set(caught.mapped("action")), {"pick_error"})
        with self.assertRaises(UserError):
            self.env["stock.kpi.snapshot"].with_user(self.manager).action_open_kpi_records(
                "scan_pick_accuracy", str(self.today), "1; DROP TABLE stock_move"
            )

    def _tile_records(self, kpi):
        action = (
            self.env["stock.kpi.snapshot"]
            .with_user(self.manager)
            .action_open_kpi_records(kpi, str(self.today), self.warehouse.id)
        )
        return self.env[action["res_model"]].with_user(self.manager).search(action["domain"])

    def test_productivity_per_person_hour_by_kind(self):
        receipt = self._picking(self.warehouse.in_type_id, self.beans | self.tea | self.salt)
        beans, tea, salt = (self._move(receipt, product) for product in (self.beans, self.tea, self.salt))
        pick = self._picking(self.warehouse.out_type_id, self.soap)
        internal = self._picking(self.warehouse.int_type_id, self.soap)
        first, second = self.counter_1, self.counter_2

        # First user: 12 minutes of receipts, a 28-minute break, 15 minutes of picks,
        # 6 minutes of an internal move whose scan was undone.
        self._step(receipt, first, "location", time(9, 0))
        self._step(receipt, first, "scan", time(9, 5), beans, 0, 10)
        self._step(receipt, first, "scan", time(9, 10), tea, 0, 5)
        self._step(receipt, first, "typed", time(9, 12), tea, 5, 3)
        self._step(pick, first, "location", time(9, 40))
        self._step(pick, first, "pick_error", time(9, 50))
        self._step(pick, first, "scan", time(9, 55), pick.move_ids, 0, 4)
        self._step(internal, first, "scan", time(10, 0), internal.move_ids, 0, 1, undone=True)
        self._step(internal, first, "undo", time(10, 1), internal.move_ids)
        # Second user: a stretch begun before midnight; only today's 12 minutes count today.
        midnight = datetime.combine(self.today, time.min)
        self._step(receipt, second, "location", midnight - timedelta(minutes=4))
        self._step(receipt, second, "scan", midnight + timedelta(minutes=2), salt, 0, 1)
        self._step(receipt, second, "scan", midnight + timedelta(minutes=8), salt, 1, 2)
        # Tomorrow's steps are not today's.
        self._step(
            receipt, second, "scan", datetime.combine(self.today + timedelta(days=1), time(0, 5)), salt, 2, 3
        )

        all_row = self._snapshot()["all"]

        self.assertEqual(
            (all_row.scan_receipt_lines, all_row.scan_receipt_units, round(all_row.scan_receipt_hours, 4)),
            (3, 15.0, 0.4),
        )
        self.assertEqual(self._ratio(all_row, "receipt_lines_per_hour"), 7.5)
        self.assertEqual(self._ratio(all_row, "receipt_units_per_hour"), 37.5)
        self.assertEqual(
            (all_row.scan_pick_lines, all_row.scan_pick_units, round(all_row.scan_pick_hours, 4)),
            (1, 4.0, 0.25),
        )
        self.assertEqual(self._ratio(all_row, "pick_lines_per_hour"), 4.0)
        self.assertEqual(self._ratio(all_row, "pick_units_per_hour"), 16.0)
        self.assertEqual(
            (all_row.scan_internal_lines, all_row.scan_internal_units, round(all_row.scan_internal_hours, 4)),
            (0, 0.0, 0.1),
        )
        self.assertEqual(self._ratio(all_row, "internal_lines_per_hour"), 0.0)

        class_rows = self._snapshot()
        for code in ("A", "B"):
            if code in class_rows:
                self.assertIsNone(
                    self._ratio(class_rows[code], "receipt_lines_per_hour"), "time has no class"
                )

        manager_data = (
            self.env["stock.kpi.snapshot"]
            .with_user(self.manager)
            .get_dashboard_data(warehouse_id=self.warehouse.id)
        )
        tiles = {tile["key"]: tile for tile in manager_data["tiles"]}
        self.assertAlmostEqual(tiles["receipt_lines_per_hour"]["value"], 7.5)
        self.assertAlmostEqual(tiles["pick_lines_per_hour"]["value"], 4.0)
        self.assertEqual(self._tile_records("receipt_lines_per_hour").picking_id, receipt)
