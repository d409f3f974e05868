from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.rpc_common import RpcCommon

# What a client may send instead of a number: text, NaN (as text and as a JSON number),
# the infinities, and a number no column of the suite holds.
BAD_NUMBERS = ("abc", "NaN", float("nan"), float("inf"), float("-inf"), 1e308)
BAD_DATES = ("abc", "2026-13-45", "2026-02-30", 20260101, ["2026-01-01"], {"day": 1})


@tagged("post_install", "-at_install")
class TestTrustInputs(RpcCommon):
    """Bad numbers and dates, sent over JSON-RPC by the role that may write them, get a
    message naming the field; nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.administrator = cls._create_user("Ines Admin", "pi_inventory_admin", "stock.group_stock_manager")
        cls.administrator.groups_id |= cls.env.ref("base.group_system")
        cls.administrator.password = cls.administrator.login
        cls.classes = {
            abc_class.code: abc_class
            for abc_class in cls.env["stock.abc.class"].search([("company_id", "=", cls.company.id)])
        }
        cls.warehouse = cls.company_data["default_warehouse"]

    def assertEachRefused(self, user, model, method, args_for, values, label, state):
        """Each of ``values`` (through ``args_for``) is refused naming ``label``; ``state()`` unchanged."""
        before = state()
        for value in values:
            with self.subTest(model=model, method=method, label=label, value=value):
                self.assertRpcRefused(user, model, method, *args_for(value), message=label)
                self.assertEqual(state(), before)

    def _read(self, records, field_names):
        records.invalidate_recordset()
        return records.sudo().read(field_names)

    # Writes ------------------------------------------------------------------

    def test_abc_class_numbers(self):
        class_a = self.classes["A"]
        numbers = ["value_share", "counts_per_year", "tolerance_percent", "tolerance_value", "service_level"]
        labels = {
            "value_share": r"Value Share \(%\)",
            "counts_per_year": "Counts Per Year",
            "tolerance_percent": r"Tolerance \(%\)",
            "tolerance_value": r"Tolerance \(Value\)",
            "service_level": r"Service Level \(%\)",
        }

        def state():
            return self._read(
                self.env["stock.abc.class"].search([("company_id", "=", self.company.id)]), numbers
            )

        for name in numbers:
            self.assertEachRefused(
                self.manager,
                "stock.abc.class",
                "write",
                lambda value, name=name: ([class_a.id], {name: value}),
                BAD_NUMBERS,
                labels[name],
                state,
            )
            self.assertEachRefused(
                self.manager,
                "stock.abc.class",
                "create",
                lambda value, name=name: ({"code": "X", "name": "X", name: value},),
                BAD_NUMBERS,
                labels[name],
                state,
            )
        # Empty means 0: refused where 0 is not a value of the field.
        self.assertEachRefused(
            self.manager,
            "stock.abc.class",
            "write",
            lambda value: ([class_a.id], {"counts_per_year": value}),
            [None, False, 0.5],
            "at least once|whole number",
            state,
        )
        self.assertEachRefused(
            self.manager,
            "stock.abc.class",
            "write",
            lambda value: ([class_a.id], {"value_share": value}),
            [None, 150],
            "add up to|between 0 % and 100 %",
            state,
        )
        # A good value still goes through.
        self.rpc(self.manager, "stock.abc.class", "write", [class_a.id], {"counts_per_year": 24})
        self.assertEqual(class_a.counts_per_year, 24)

    def test_edit_value_shares_wizard(self):
        class_a, class_b = self.classes["A"], self.classes["B"]

        def state():
            return (
                self._read(class_a | class_b, ["value_share"]),
                self.env["stock.abc.share.wizard.line"].sudo().search_count([]),
            )

        self.assertEachRefused(
            self.manager,
            "stock.abc.share.wizard",
            "create",
            lambda value: (
                {
                    "line_ids": [Command.create({"class_id": class_a.id, "value_share": value})],
                },
            ),
            BAD_NUMBERS,
            r"Value Share \(%\)",
            state,
        )
        wizard_id = self.rpc(self.manager, "stock.abc.share.wizard", "create", {})
        line_ids = self.rpc(self.manager, "stock.abc.share.wizard", "read", [wizard_id], ["line_ids"])[0][
            "line_ids"
        ]
        lines = self.env["stock.abc.share.wizard.line"].browse(line_ids)
        line_a = lines.filtered(lambda line: line.class_id == class_a)
        self.assertEachRefused(
            self.manager,
            "stock.abc.share.wizard",
            "write",
            lambda value: (
                [wizard_id],
                {"line_ids": [Command.update(line_a.id, {"value_share": value})]},
            ),
            BAD_NUMBERS,
            r"Value Share \(%\)",
            state,
        )

    def test_warehouse_lines_per_counter_and_day(self):
        def state():
            return self._read(self.warehouse, ["count_capacity"])

        self.assertEachRefused(
            self.administrator,
            "stock.warehouse",
            "write",
            lambda value: ([self.warehouse.id], {"count_capacity": value}),
            BAD_NUMBERS + (2**31, 2.5),
            "Lines per Counter and Day",
            state,
        )
        self.rpc(self.administrator, "stock.warehouse", "write", [self.warehouse.id], {"count_capacity": 40})
        self.assertEqual(self.warehouse.count_capacity, 40)

    def test_reorder_wizard_settings(self):
        labels = {
            "window_days": r"Demand Window \(days\)",
            "service_level": r"Service Level \(%\)",
            "default_lead_time_days": r"Default Lead Time \(days\)",
            "review_days": r"Review Period \(days\)",
        }

        def state():
            return self.env["stock.reorder.suggestion.wizard"].sudo().search_count([])

        for name, label in labels.items():
            self.assertEachRefused(
                self.manager,
                "stock.reorder.suggestion.wizard",
                "create",
                lambda value, name=name: ({name: value},),
                BAD_NUMBERS,
                label,
                state,
            )
        wizard_id = self.rpc(self.manager, "stock.reorder.suggestion.wizard", "create", {})
        for name, label in labels.items():
            self.assertEachRefused(
                self.manager,
                "stock.reorder.suggestion.wizard",
                "write",
                lambda value, name=name: ([wizard_id], {name: value}),
                BAD_NUMBERS,
                label,
                lambda: self._read(
                    self.env["stock.reorder.suggestion.wizard"].browse(wizard_id), list(labels)
                ),
            )
        self.assertEachRefused(
            self.manager,
            "stock.reorder.suggestion.wizard",
            "write",
            lambda value: ([wizard_id], {"window_days": value}),
            [None, 0],
            "at least one day",
            lambda: self._read(
                self.env["stock.reorder.suggestion.wizard"].browse(wizard_id), ["window_days"]
            ),
        )

    def test_company_reorder_and_kpi_target_settings(self):
        labels = {
            "kpi_target_record_accuracy": r"Record Accuracy Target \(%\)",
            "kpi_target_pick_accuracy": r"Pick Accuracy Target \(%\)",
            "kpi_target_stockout_rate": r"Stockout Rate Target \(%\)",
            "kpi_target_count_coverage": r"Count Coverage Target \(%\)",
            "reorder_service_level": r"Reorder Service Level \(%\)",
            "reorder_lead_time_days": r"Default Lead Time \(days\)",
            "reorder_window_days": r"Demand Window \(days\)",
            "reorder_review_days": r"Review Period \(days\)",
        }

        def state():
            return (
                self._read(self.company, list(labels)),
                self.env["res.config.settings"].sudo().search_count([]),
            )

        for name, label in labels.items():
            self.assertEachRefused(
                self.administrator,
                "res.company",
                "write",
                lambda value, name=name: ([self.company.id], {name: value}),
                BAD_NUMBERS,
                label,
                state,
            )
            self.assertEachRefused(
                self.administrator,
                "res.config.settings",
                "create",
                lambda value, name=name: ({name: value},),
                BAD_NUMBERS,
                label,
                state,
            )
        self.rpc(
            self.administrator, "res.company", "write", [self.company.id], {"kpi_target_pick_accuracy": 99.0}
        )
        self.assertEqual(self.company.kpi_target_pick_accuracy, 99.0)

    def test_review_year(self):
        review = self.env["stock.variance.review"].create(
            {"company_id": self.company.id, "year": 2025, "quarter": "1"}
        )

        def state():
            return (
                self._read(review, ["year", "date_from"]),
                self.env["stock.variance.review"].sudo().search_count([]),
            )

        self.assertEachRefused(
            self.manager,
            "stock.variance.review",
            "write",
            lambda value: ([review.id], {"year": value}),
            BAD_NUMBERS,
            "Year",
            state,
        )
        self.assertEachRefused(
            self.manager,
            "stock.variance.review",
            "create",
            lambda value: ({"year": value, "quarter": "2"},),
            BAD_NUMBERS,
            "Year",
            state,
        )
        self.assertEachRefused(
            self.manager,
            "stock.variance.review",
            "write",
            lambda value: ([review.id], {"year": value}),
            [None, 20000],
            "not a year a review can cover",
            state,
        )

    # Method arguments ----------------------------------------------------------

    def test_backfill_dates_and_range(self):
        snapshots = self.env["stock.kpi.snapshot"].sudo()

        def state():
            return snapshots.search_count([]), self.env["stock.kpi.backfill"].sudo().search_count([])

        today = fields.Date.today()
        for name, label in (("date_from", "From"), ("date_to", "To")):
            other = "date_to" if name == "date_from" else "date_from"
            self.assertEachRefused(
                self.manager,
                "stock.kpi.backfill",
                "create",
                lambda value, name=name, other=other: ({name: value, other: str(today)},),
                BAD_DATES,
                label,
                state,
            )
        # A range longer than the bound is refused before any day is taken.
        for date_from in ("1900-01-01", str(today - timedelta(days=366))):
            wizard_id = self.rpc(
                self.manager, "stock.kpi.backfill", "create", {"date_from": date_from, "date_to": str(today)}
            )
            before = snapshots.search_count([])
            self.assertRpcRefused(
                self.manager, "stock.kpi.backfill", "action_backfill", [wizard_id], message="at most 366 days"
            )
            self.assertEqual(snapshots.search_count([]), before)
        # The bound itself is accepted; a short range goes through.
        snapshots._check_range(today - timedelta(days=365), today)
        wizard_id = self.rpc(
            self.manager,
            "stock.kpi.backfill",
            "create",
            {"date_from": str(today - timedelta(days=2)), "date_to": str(today)},
        )
        self.rpc(self.manager, "stock.kpi.backfill", "action_backfill", [wizard_id])
        self.assertTrue(snapshots.search_count([("company_id", "=", self.company.id), ("date", "=", today)]))

    def test_dashboard_filters(self):
        for kwargs in (
            {"warehouse_id": "abc"},
            {"warehouse_id": [1, 2]},
            {"warehouse_id": 1.5},
            {"warehouse_id": True},
            {"warehouse_id": -1},
            {"warehouse_id": 2**40},
            {"abc_class_id": "A"},
            {"abc_class_id": {"id": 1}},
        ):
            with self.subTest(**kwargs):
                self.assertRpcRefused(
                    self.manager,
                    "stock.kpi.snapshot",
                    "get_dashboard_data",
                    message="Warehouse|ABC Class",
                    **kwargs,
                )
        data = self.rpc(
            self.manager, "stock.kpi.snapshot", "get_dashboard_data", warehouse_id=self.warehouse.id
        )
        self.assertEqual(len(data["tiles"]), 14)

    def test_open_kpi_records_arguments(self):
        for args, message in (
            (("record_accuracy", "not-a-date"), "Day"),
            (("record_accuracy", "2026-13-45"), "Day"),
            (("record_accuracy", 20260101), "Day"),
            ((["record_accuracy"], False), "KPI"),
            (("record_accuracy", False, "abc"), "Warehouse"),
            (("record_accuracy", False, False, [1]), "ABC Class"),
        ):
            with self.subTest(args=args):
                self.assertRpcRefused(
                    self.manager, "stock.kpi.snapshot", "action_open_kpi_records", *args, message=message
                )
        action = self.rpc(
            self.manager,
            "stock.kpi.snapshot",
            "action_open_kpi_records",
            "record_accuracy",
            str(fields.Date.today()),
            self.warehouse.id,
        )
        self.assertEqual(action["res_model"], "stock.count.line")
