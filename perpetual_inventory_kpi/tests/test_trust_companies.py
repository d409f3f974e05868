from odoo import Command
from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.rpc_common import RpcCommon

OVERRIDE_WIZARD = "stock.abc.override.wizard"


@tagged("post_install", "-at_install")
class TestTrustCompanies(RpcCommon):
    """Two companies, each with its inventory manager, calling the server directly: each
    changes its own classes, reviews and rules only, and never the other's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.foreign.company_id
        cls.manager_c2 = cls._create_user(
            "Mo Manager",
            "pi_manager_c2",
            "perpetual_inventory.group_manager",
            company_data={"company": cls.company_2},
        )
        cls.manager_c2.password = cls.manager_c2.login
        cls.classes_1 = cls._classes(cls.company)
        cls.classes_2 = cls._classes(cls.company_2)
        cls.shared = cls.env["product.product"].create({"name": "Shared Sugar", "is_storable": True})

    @classmethod
    def _classes(cls, company):
        return {
            abc_class.code: abc_class
            for abc_class in cls.env["stock.abc.class"].search([("company_id", "=", company.id)])
        }

    def _override(self, user, products, abc_class, reason="Theft-prone"):
        wizard_id = self.rpc(
            user,
            OVERRIDE_WIZARD,
            "create",
            {
                "product_ids": [Command.set(products.ids)],
                "abc_class_id": abc_class.id,
                "reason": reason,
            },
        )
        return self.rpc(user, OVERRIDE_WIZARD, "action_apply", [wizard_id])

    def _class_state(self, products):
        self.env.invalidate_all()
        return [
            (
                product.abc_class_id,
                product.abc_is_manual,
                product.abc_override_reason,
                len(product.sudo().abc_history_ids),
            )
            for product in products
        ]

    # Back to Computed Class ------------------------------------------------------

    def test_a_manager_overrides_and_resets_their_companys_product(self):
        self.env["product.product"]._classify_abc(self.company)
        computed = self.beans.abc_class_id
        self._override(self.manager, self.beans, self.classes_1["A"])
        self.assertEqual((self.beans.abc_class_id, self.beans.abc_is_manual), (self.classes_1["A"], True))
        self.rpc(self.manager, "product.product", "action_reset_abc_override", [self.beans.id])
        self.assertEqual(
            (self.beans.abc_class_id, self.beans.abc_is_manual, self.beans.abc_override_reason),
            (computed, False, False),
        )
        self.assertEqual(self.beans.abc_history_ids[0].reason, "Override removed")

    def test_a_manager_never_changes_another_companys_class(self):
        self.foreign.write({"abc_class_id": self.classes_2["A"].id, "abc_override_reason": "Their reason"})
        before = self._class_state(self.foreign)
        self.assertRpcRefused(self.manager, "product.product", "action_reset_abc_override", [self.foreign.id])
        self.assertRpcRefused(
            self.manager,
            OVERRIDE_WIZARD,
            "action_apply",
            [
                self.rpc(
                    self.manager,
                    OVERRIDE_WIZARD,
                    "create",
                    {
                        "product_ids": [Command.set(self.foreign.ids)],
                        "abc_class_id": self.classes_1["B"].id,
                        "reason": "x",
                    },
                )
            ],
        )
        self.assertEqual(self._class_state(self.foreign), before)
        # Nor with a class of the other company on their own product.
        before = self._class_state(self.beans)
        self.assertRpcRefused(
            self.manager,
            OVERRIDE_WIZARD,
            "action_apply",
            [
                self.rpc(
                    self.manager,
                    OVERRIDE_WIZARD,
                    "create",
                    {
                        "product_ids": [Command.set(self.beans.ids)],
                        "abc_class_id": self.classes_2["C"].id,
                        "reason": "x",
                    },
                )
            ],
            message="belongs to company_2",
        )
        self.assertEqual(self._class_state(self.beans), before)
        # Their own manager resets it.
        self.rpc(self.manager_c2, "product.product", "action_reset_abc_override", [self.foreign.id])
        self.assertFalse(self.foreign.abc_is_manual)

    # Shared products ---------------------------------------------------------------

    def test_classifying_one_company_never_reclassifies_the_others_shared_products(self):
        self.rpc(self.manager, "stock.abc.class", "action_classify_now")
        self.assertEqual(self.shared.abc_class_id, self.classes_1["N"])
        before = self._class_state(self.shared)
        self.rpc(self.manager_c2, "stock.abc.class", "action_classify_now")
        self.assertEqual(self._class_state(self.shared), before)
        self.assertEqual(
            self.foreign.abc_class_id, self.classes_2["N"], "company 2's own products are classified"
        )
        # Nor does company 2's manager override or reset it.
        self.assertRpcRefused(
            self.manager_c2,
            OVERRIDE_WIZARD,
            "action_apply",
            [
                self.rpc(
                    self.manager_c2,
                    OVERRIDE_WIZARD,
                    "create",
                    {
                        "product_ids": [Command.set(self.shared.ids)],
                        "abc_class_id": self.classes_2["A"].id,
                        "reason": "x",
                    },
                )
            ],
            message="belongs to",
        )
        self._override(self.manager, self.shared, self.classes_1["A"])
        before = self._class_state(self.shared)
        self.assertRpcRefused(
            self.manager_c2,
            "product.product",
            "action_reset_abc_override",
            [self.shared.id],
            message="belongs to",
        )
        self.rpc(self.manager_c2, "stock.abc.class", "action_classify_now")
        self.assertEqual(self._class_state(self.shared), before)

    def test_an_inventory_administrator_writing_products_keeps_to_their_company(self):
        administrator_c2 = self._create_user(
            "Ada Admin", "pi_admin_c2", "stock.group_stock_manager", company_data={"company": self.company_2}
        )
        administrator_c2.password = administrator_c2.login
        self.env["product.product"]._classify_abc(self.company)
        before = self._class_state(self.shared)
        for vals in (
            {"abc_class_id": self.classes_2["A"].id, "abc_override_reason": "Ours now"},
            {"abc_override_reason": "Ours now"},
            {"abc_is_manual": True},
            {"abc_rank": 1},
        ):
            with self.subTest(vals=vals):
                self.assertRpcRefused(
                    administrator_c2, "product.product", "write", [self.shared.id], vals, message="belongs to"
                )
        self.assertEqual(self._class_state(self.shared), before)
        # Their own products, and other fields of the shared one, stay theirs to write.
        self.rpc(
            administrator_c2,
            "product.product",
            "write",
            [self.foreign.id],
            {"abc_class_id": self.classes_2["B"].id, "abc_override_reason": "Seasonal"},
        )
        self.assertEqual(self.foreign.abc_class_id, self.classes_2["B"])
        self.rpc(administrator_c2, "product.product", "write", [self.shared.id], {"default_code": "SUGAR"})
        self.assertEqual(self.shared.default_code, "SUGAR")

    # Variance reviews ----------------------------------------------------------------

    def test_a_closed_review_is_final(self):
        review_id = self.rpc(
            self.manager,
            "stock.variance.review",
            "create",
            {"company_id": self.company.id, "year": 2026, "quarter": "1"},
        )
        review = self.env["stock.variance.review"].browse(review_id)
        self.rpc(self.manager, "stock.variance.review", "action_close", [review_id])
        computed_at = review.computed_at
        self.assertRpcRefused(
            self.manager,
            "stock.variance.review",
            "write",
            [review_id],
            {"computed_at": "2020-01-01 00:00:00"},
            message="computing them",
        )
        self.assertRpcRefused(
            self.manager,
            "stock.variance.review",
            "unlink",
            [review_id],
            message="only reviews still in review",
        )
        self.assertRpcRefused(self.manager, "stock.variance.review", "action_compute_figures", [review_id])
        self.assertRpcRefused(self.manager_c2, "stock.variance.review", "action_compute_figures", [review_id])
        review.invalidate_recordset()
        self.assertEqual((review.exists(), review.computed_at, review.state), (review, computed_at, "done"))
        # A draft review can be deleted; its date is still not the client's to set.
        draft_id = self.rpc(
            self.manager,
            "stock.variance.review",
            "create",
            {"company_id": self.company.id, "year": 2026, "quarter": "2"},
        )
        self.assertRpcRefused(
            self.manager,
            "stock.variance.review",
            "write",
            [draft_id],
            {"computed_at": "2020-01-01 00:00:00"},
            message="computing them",
        )
        self.rpc(self.manager, "stock.variance.review", "unlink", [draft_id])
        self.assertFalse(self.env["stock.variance.review"].browse(draft_id).exists())

    # Reorder suggestions ----------------------------------------------------------------

    def test_apply_reactivates_the_archived_rule(self):
        warehouse = self.company_data["default_warehouse"]
        archived = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.beans.id,
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
                "product_min_qty": 1.0,
                "product_max_qty": 2.0,
                "trigger": "manual",
            }
        )
        archived.active = False
        wizard = self.env["stock.reorder.suggestion.wizard"].with_user(self.manager).create({})
        suggestion = (
            self.env["stock.reorder.suggestion"]
            .sudo()
            .create(
                {
                    "wizard_id": wizard.id,
                    "warehouse_id": warehouse.id,
                    "product_id": self.beans.id,
                    "reorder_point": 12.0,
                    "max_qty": 30.0,
                    "status": "new",
                }
            )
        )
        self.rpc(self.manager, "stock.reorder.suggestion", "action_apply", [suggestion.id])
        archived.invalidate_recordset()
        self.assertEqual(
            (archived.active, archived.product_min_qty, archived.product_max_qty), (True, 12.0, 30.0)
        )
        self.assertEqual(
            self.env["stock.warehouse.orderpoint"]
            .with_context(active_test=False)
            .search_count([("product_id", "=", self.beans.id)]),
            1,
        )
        self.assertEqual((suggestion.orderpoint_id, suggestion.status), (archived, "same"))
