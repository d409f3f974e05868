from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from odoo.addons.stock.models.stock_move import StockMove

from .count_common import CountCommon


@tagged("post_install", "-at_install")
class TestCountIntegrity(CountCommon):
    """Packages, owners and batches: counts book what Odoo's own count would."""

    def setUp(self):
        super().setUp()
        self.quants = self.env["stock.quant"]
        self.box = self.env["stock.quant.package"].create({"name": "BOX-1", "company_id": self.company.id})
        self.consignor = self.env["res.partner"].create({"name": "Consignment Supplier"})
        self._receive_into(self.beans, 10, 5.0, self.bin_a)  # loose beans
        self.quants._update_available_quantity(self.beans, self.bin_a, 6, package_id=self.box)
        self.quants._update_available_quantity(self.tea, self.bin_a, 8, owner_id=self.consignor)

    def _started(self):
        session = self._session(self.bin_a, self.counter_1)
        session.with_user(self.manager).action_start()
        return session

    def _quant(self, product, package=None, owner=None):
        return self.quants.search(
            [
                ("product_id", "=", product.id),
                ("location_id", "=", self.bin_a.id),
                ("package_id", "=", package.id if package else False),
                ("owner_id", "=", owner.id if owner else False),
            ]
        )

    def test_packaged_and_consigned_stock_get_their_own_lines(self):
        session = self._started()
        keys = sorted(
            (line.product_id.name, line.package_id.name or "", line.owner_id.name or "")
            for line in session.line_ids
        )
        self.assertEqual(
            keys,
            [
                ("Espresso Beans", "", ""),
                ("Espresso Beans", "BOX-1", ""),
                ("Green Tea", "", "Consignment Supplier"),
            ],
        )

    def test_adjustments_stay_inside_their_package_and_consigned_stock_is_not_valued(self):
        self.company.count_tolerance_value = 1000.0
        self.company.count_tolerance_percent = 50.0
        session = self._started()
        lines = session.line_ids
        packaged = lines.filtered("package_id")
        consigned = lines.filtered("owner_id")
        self._count(lines - packaged - consigned, 10)
        self._count(packaged, 5)  # one bean missing from the box
        self._count(consigned, 9)  # one more consigned tea than recorded
        session.with_user(self.manager).action_reconcile()

        self.assertEqual(set(lines.mapped("state")), {"applied"})
        self.assertEqual(self._quant(self.beans, package=self.box).quantity, 5)
        self.assertEqual(self._quant(self.beans).quantity, 10)
        self.assertEqual(self._quant(self.tea, owner=self.consignor).quantity, 9)
        self.assertEqual(packaged.adjustment_move_id.move_line_ids.package_id, self.box)
        self.assertEqual(consigned.adjustment_move_id.move_line_ids.owner_id, self.consignor)
        self.assertFalse(
            consigned.adjustment_move_id.stock_valuation_layer_ids, "consigned stock is not ours"
        )
        self.assertFalse(consigned.adjustment_move_id.account_move_ids)
        self.assertEntry(
            packaged.adjustment_move_id.account_move_ids, {"COUNTDIFF": (5.0, 0.0), "STOCKVAL": (0.0, 5.0)}
        )
        self.assertPerpetualInvariant()

    def test_a_reconciliation_books_all_its_adjustments_in_one_batch(self):
        self.company.count_tolerance_value = 1000.0
        self.company.count_tolerance_percent = 50.0
        session = self._started()
        for line in session.line_ids:
            self._count(line, line.sudo()._current_quantity() - 1)
        done_calls = []
        original = StockMove._action_done

        def counting_action_done(moves, *args, **kwargs):
            done_calls.append(len(moves))
            return original(moves, *args, **kwargs)

        with patch.object(StockMove, "_action_done", counting_action_done):
            session.with_user(self.manager).action_reconcile()

        self.assertEqual(done_calls, [3], "one _action_done for the three adjustments")
        self.assertEqual(len(session.line_ids.adjustment_move_id), 3)

    def test_matching_counts_confirm_the_quantity_and_date_the_count(self):
        session = self._started()
        for line in session.line_ids:
            self._count(line, line.sudo()._current_quantity())
        session.with_user(self.manager).action_reconcile()

        quant = self._quant(self.beans, package=self.box)
        self.assertEqual(quant.last_count_date, fields.Date.today())
        self.assertEqual(quant.inventory_date, self.bin_a._get_next_inventory_date())
        confirmations = session.line_ids.adjustment_move_id
        self.assertEqual(set(confirmations.mapped("quantity")), {0.0})
        self.assertFalse(confirmations.account_move_ids)
