from odoo.tests import tagged

from .rpc_common import RpcCommon

COST_AND_STOCK_FIELDS = {
    "product.product": [
        "standard_price",
        "qty_available",
        "virtual_available",
        "free_qty",
        "incoming_qty",
        "outgoing_qty",
        "value_svl",
        "quantity_svl",
        "avg_cost",
        "total_value",
    ],
    "product.template": [
        "standard_price",
        "qty_available",
        "virtual_available",
        "incoming_qty",
        "outgoing_qty",
    ],
    "stock.lot": ["standard_price", "product_qty", "value_svl", "quantity_svl", "avg_cost", "total_value"],
    "stock.count.line": [
        "expected_qty",
        "difference_qty",
        "difference_value",
        "difference_percent",
        "within_tolerance",
        "adjustment_move_id",
        "variance_id",
    ],
}


@tagged("post_install", "-at_install")
class TestTrustBlindCounting(RpcCommon):
    """A curious counter calls the server directly: no quantity on hand and no cost comes back,
    from any model a counter can reach, and every refusal is a readable access error."""

    def test_quants_are_hidden_and_reading_one_is_a_clean_access_error(self):
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.beans.id), ("location_id", "=", self.bin_a.id)]
        )
        self.assertEqual(self.rpc(self.counter_1, "stock.quant", "search_read", [], ["quantity"]), [])
        self.assertEqual(
            self.rpc(self.counter_1, "stock.quant", "read_group", [], ["quantity:sum"], []),
            [{"__count": 0, "quantity": False, "__domain": []}],
        )
        self.assertRpcRefused(
            self.counter_1,
            "stock.quant",
            "read",
            [quant.id],
            ["quantity"],
            message="doesn't have 'read' access|not allowed to access",
        )

    def test_moves_history_and_stock_reports_are_hidden(self):
        for model in ("stock.move.line", "report.stock.quantity"):
            self.assertEqual(
                self.rpc(self.counter_1, model, "search_read", [], ["product_id"], limit=5), [], model
            )
        move_line = self.env["stock.move.line"].search([("product_id", "=", self.beans.id)], limit=1)
        self.assertRpcRefused(
            self.counter_1,
            "stock.move.line",
            "read",
            [move_line.id],
            ["quantity"],
            message="doesn't have 'read' access|not allowed to access",
        )

    def test_costs_and_quantities_on_hand_are_not_readable(self):
        records = {
            "product.product": self.beans,
            "product.template": self.beans.product_tmpl_id,
            "stock.lot": self.lot_42,
            "stock.count.line": self._line(self.count_session, self.beans),
        }
        for model, field_names in COST_AND_STOCK_FIELDS.items():
            visible = self.rpc(self.counter_1, model, "fields_get", [], attributes=["type"])
            self.assertFalse(set(field_names) & set(visible), model)
            for field_name in field_names:
                self.assertRpcRefused(
                    self.counter_1,
                    model,
                    "read",
                    [records[model].id],
                    [field_name],
                    message="do not have enough rights",
                )
        # What a counter needs stays readable.
        product = self.rpc(
            self.counter_1, "product.product", "read", [self.beans.id], ["display_name", "barcode"]
        )
        self.assertEqual(product[0]["barcode"], self.beans.barcode)

    def test_valuation_moves_and_accounting_are_out_of_reach(self):
        for model in (
            "stock.valuation.layer",
            "stock.move",
            "account.move",
            "account.move.line",
            "stock.variance",
            "stock.gl.reconciliation",
            "stock.cogs.report",
        ):
            self.assertRpcRefused(
                self.counter_1,
                model,
                "search_read",
                [],
                ["id"],
                message="doesn't have 'read' access|not allowed to access",
            )

    def test_a_counter_sees_only_their_own_scans(self):
        at_a = self.rpc(
            self.counter_1, "stock.count.scanner", "scan", "PITEST-A01", session_ids=self.count_session.ids
        )
        self.rpc(
            self.counter_1,
            "stock.count.scanner",
            "scan",
            self.beans.barcode,
            session_id=at_a["session_id"],
            location_id=at_a["location_id"],
        )
        at_b = self.rpc(
            self.counter_2, "stock.count.scanner", "scan", "PITEST-B01", session_ids=self.count_session.ids
        )
        self.rpc(
            self.counter_2,
            "stock.count.scanner",
            "scan",
            self.tea.barcode,
            session_id=at_b["session_id"],
            location_id=at_b["location_id"],
        )

        mine = self.rpc(self.counter_1, "stock.count.scan", "search_read", [], ["barcode", "qty_after"])
        self.assertEqual(
            [(scan["barcode"], scan["qty_after"]) for scan in mine],
            [(self.beans.barcode, 1.0), ("PITEST-A01", 0.0)],
        )
        self.assertRpcRefused(
            self.counter_1,
            "stock.count.scan",
            "write",
            [mine[0]["id"]],
            {"qty_after": 9},
            message="not allowed|written by the counting engine",
        )

    def test_the_screen_data_and_scan_answers_are_blind(self):
        data = self.rpc(self.counter_1, "stock.count.scanner", "get_screen_data")
        text = repr(data).lower()
        for word in ("expected", "value", "cost", "difference", "quantity_on_hand"):
            self.assertNotIn(word, text)

    def test_managers_still_see_costs_and_stock(self):
        product = self.rpc(
            self.manager, "product.product", "read", [self.beans.id], ["standard_price", "qty_available"]
        )
        self.assertEqual(product[0]["qty_available"], 10.0)
        self.assertTrue(
            self.rpc(
                self.manager, "stock.quant", "search_read", [("product_id", "=", self.beans.id)], ["quantity"]
            )
        )
