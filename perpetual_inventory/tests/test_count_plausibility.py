import re

from odoo.tests import tagged

from .rpc_common import RpcCommon


@tagged("post_install", "-at_install")
class TestCountPlausibility(RpcCommon):
    """A quantity far above what is plausible is only counted once the counter confirms
    it, whichever client sends it; the question never tells the expected quantity
    (10 Espresso Beans in A-01)."""

    def setUp(self):
        super().setUp()
        self.company.write({"count_plausible_qty": 1000, "count_plausible_packs": 10})
        self.line = self._line(self.count_session, self.beans)

    def _typed(self, quantity, **kwargs):
        return self.rpc(
            self.counter_1, "stock.count.scanner", "set_quantity", self.line.id, quantity, **kwargs
        )

    def assertAsked(self, answer, reason):
        self.assertEqual(answer["type"], "confirm")
        self.assertIn(reason, answer["message"])
        self.assertNotRegex(answer["message"], r"\b10\b", "the question tells the expected quantity")
        self.assertNotIn("line", answer)
        self.env.invalidate_all()
        self.assertEqual((self.line.state, self.line.scan_ids), ("to_count", self.env["stock.count.scan"]))

    def test_typed_quantity_above_the_company_limit_needs_confirmation(self):
        self.assertAsked(self._typed("5000"), "more than 1000 Units")

        answer = self._typed("5000", confirmed=True)

        self.assertEqual(answer["line"]["counted_qty"], 5000)
        self.assertEqual((self.line.counted_qty, len(self.line.scan_ids)), (5000, 1))

    def test_quantity_above_ten_usual_packs_needs_confirmation(self):
        self.company.count_plausible_packs = 8
        self.env["product.packaging"].create(
            {"name": "Box of 12", "product_id": self.beans.id, "qty": 12, "company_id": self.company.id}
        )

        self.assertAsked(self._typed("97"), "more than 8 × Box of 12 (12 Units)")
        self.assertEqual(self._typed("96")["line"]["counted_qty"], 96)

    def test_gs1_quantity_above_the_limit_needs_confirmation(self):
        current = self.rpc(
            self.counter_1, "stock.count.scanner", "scan", "PITEST-A01", session_ids=self.count_session.ids
        )
        gs1 = "01" + "0" + self.honey.barcode + "10L42" + "\x1d" + "302500"
        kwargs = {"session_id": current["session_id"], "location_id": current["location_id"]}
        honey = self._line(self.count_session, self.honey)

        asked = self.rpc(self.counter_1, "stock.count.scanner", "scan", gs1, **kwargs)
        self.assertEqual(asked["type"], "confirm")
        self.assertRegex(asked["message"], re.escape("2500 Units of Honey is more than 1000 Units"))
        self.env.invalidate_all()
        self.assertEqual(honey.state, "to_count")

        counted = self.rpc(self.counter_1, "stock.count.scanner", "scan", gs1, confirmed=True, **kwargs)
        self.assertEqual(counted["line"]["counted_qty"], 2500)
        self.assertEqual(honey.counted_qty, 2500)

    def test_no_limit_when_the_settings_are_zero(self):
        self.company.write({"count_plausible_qty": 0, "count_plausible_packs": 0})
        self.env["product.packaging"].create(
            {"name": "Box of 12", "product_id": self.beans.id, "qty": 12, "company_id": self.company.id}
        )

        self.assertEqual(self._typed("5000")["line"]["counted_qty"], 5000)

    def test_plausible_quantities_are_counted_at_once(self):
        self.assertEqual(self._typed("1000")["line"]["counted_qty"], 1000)
