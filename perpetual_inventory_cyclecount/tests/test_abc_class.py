from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CycleCountCommon


@tagged("post_install", "-at_install")
class TestAbcClass(CycleCountCommon):
    """The classes of a company: the design's defaults, and every bad input refused."""

    def test_a_new_company_gets_the_default_classes(self):
        company = self.env["res.company"].create({"name": "Fresh Corner Shop"})
        classes = self.env["stock.abc.class"].search([("company_id", "=", company.id)])
        self.assertEqual(
            [
                (c.code, c.value_share, c.counts_per_year, c.tolerance_percent, c.is_no_movement)
                for c in classes
            ],
            [
                ("A", 80.0, 12, 0.5, False),
                ("B", 15.0, 4, 2.0, False),
                ("C", 5.0, 2, 5.0, False),
                ("N", 0.0, 1, 5.0, True),
            ],
        )
        self.assertEqual(set(classes.mapped("tolerance_value")), {company.count_tolerance_value})
        self.assertEqual(self.classes["A"].count_interval_days, 30.4)

    def test_every_company_had_its_classes_at_install(self):
        classes = self.env["stock.abc.class"].sudo().search([])
        self.assertEqual(classes.company_id, self.env["res.company"].search([]))

    def test_shares_must_add_up_to_100(self):
        with self.assertRaisesRegex(ValidationError, "add up to 90.0 %, not 100 %"), self.env.cr.savepoint():
            self.classes["A"].with_user(self.manager).value_share = 70.0
        self.env.invalidate_all()
        self.assertEqual(self.classes["A"].value_share, 80.0)

    def test_shares_change_together(self):
        wizard = self.env["stock.abc.share.wizard"].with_user(self.manager).create({})
        self.assertEqual(wizard.line_ids.class_id.mapped("code"), ["A", "B", "C"])
        wizard.line_ids.filtered(lambda line: line.class_id.code == "A").value_share = 70.0
        wizard.line_ids.filtered(lambda line: line.class_id.code == "B").value_share = 25.0
        self.assertEqual(wizard.total_share, 100.0)
        wizard.action_apply()
        self.assertEqual((self.classes["A"].value_share, self.classes["B"].value_share), (70.0, 25.0))

        wizard = self.env["stock.abc.share.wizard"].with_user(self.manager).create({})
        wizard.line_ids[0].value_share = 50.0
        with self.assertRaisesRegex(ValidationError, "add up to 80.0 %"), self.env.cr.savepoint():
            wizard.action_apply()
        self.env.invalidate_all()
        self.assertEqual(self.classes["A"].value_share, 70.0, "nothing saved")

    def test_counts_per_year_must_be_positive(self):
        for counts in (0, -2):
            with self.subTest(counts=counts), self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.classes["B"].counts_per_year = counts
        self.classes["B"].invalidate_recordset()
        self.assertEqual(self.classes["B"].counts_per_year, 4)

    def test_tolerances_cannot_be_negative(self):
        for field in ("tolerance_percent", "tolerance_value"):
            with self.subTest(field=field), self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.classes["C"][field] = -1.0

    @mute_logger("odoo.sql_db")
    def test_two_classes_cannot_share_a_code_in_a_company(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["stock.abc.class"].create(
                {
                    "name": "Another A",
                    "code": "A",
                    "company_id": self.company.id,
                    "counts_per_year": 6,
                }
            )
        other = self.env["res.company"].create({"name": "Other Shop"})
        self.assertEqual(
            self.env["stock.abc.class"].search_count(
                [("code", "=", "A"), ("company_id", "in", (self.company | other).ids)]
            ),
            2,
        )

    def test_no_movement_class_takes_no_share_and_is_alone(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["stock.abc.class"].create(
                {
                    "name": "Dead stock",
                    "code": "D",
                    "company_id": self.company.id,
                    "is_no_movement": True,
                }
            )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.classes["N"].value_share = 5.0

    def test_a_class_of_another_company_cannot_be_set_on_a_product(self):
        other = self.env["res.company"].create({"name": "Other Shop"})
        foreign_a = self.env["stock.abc.class"].search([("company_id", "=", other.id), ("code", "=", "A")])
        with self.assertRaisesRegex(ValidationError, "cannot be set on it"), self.env.cr.savepoint():
            self.beans.write({"abc_class_id": foreign_a.id, "abc_override_reason": "Mistake"})
        self.env.invalidate_all()
        self.assertFalse(self.beans.abc_class_id)

    def test_an_override_needs_a_reason(self):
        with self.assertRaisesRegex(UserError, "Give a reason"):
            self.beans.abc_class_id = self.classes["A"]
        wizard = (
            self.env["stock.abc.override.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "product_ids": [(6, 0, self.beans.ids)],
                    "abc_class_id": self.classes["A"].id,
                    "reason": "   ",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "Give a reason"):
            wizard.action_apply()
        self.assertFalse(self.beans.abc_class_id)

    def test_a_class_holding_products_cannot_be_deleted(self):
        self._set_class(self.beans, "C")
        with self.assertRaisesRegex(UserError, "still holds products"):
            self.classes["C"].unlink()

    def test_counters_cannot_change_classes_or_override(self):
        with self.assertRaises(AccessError):
            self.classes["A"].with_user(self.counter_1).tolerance_percent = 10.0
        with self.assertRaises(AccessError):
            self.env["stock.abc.override.wizard"].with_user(self.counter_1).create(
                {
                    "product_ids": [(6, 0, self.beans.ids)],
                    "abc_class_id": self.classes["A"].id,
                    "reason": "x",
                }
            )
        with self.assertRaises(UserError):
            self.env["stock.abc.class"].with_user(self.counter_1).action_classify_now()
        for model in ("stock.abc.history", "stock.count.schedule", "stock.count.exception"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.counter_1).search([])

    def test_classes_of_other_companies_are_invisible(self):
        other = self.env["res.company"].create({"name": "Other Shop"})
        visible = self.env["stock.abc.class"].with_user(self.manager).search([])
        self.assertEqual(visible.company_id, self.company)
        self.assertNotIn(other, visible.company_id)
