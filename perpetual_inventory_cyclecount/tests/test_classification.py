from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.screen_common import open_window_action

from .common import CycleCountCommon


@tagged("post_install", "-at_install")
class TestClassification(CycleCountCommon):
    """Annual consumption values from real deliveries, POS-like issues and returns, at
    10.00 a unit, ranked into the default classes (A 80 %, B 15 %, C 5 %).

    ACV: P1 600, P2 200, P3 100, P4 40 and P5 40 (a tie), P6 30 issued - 10 returned = 20,
    total 1 000. P7 received only, P8 archived, P9 issued 13 months ago.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.products = {
            name: cls._create_stock_product(name, "fifo", cls.company_data, cost=10.0)
            for name in ("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9")
        }

    def setUp(self):
        super().setUp()
        issued = {"P1": 60, "P2": 20, "P3": 10, "P4": 4, "P5": 4, "P6": 3, "P8": 50, "P9": 7}
        for product in self.products.values():
            self._receive(product, 100, 10.0)
        self.deliveries = {name: self._deliver(self.products[name], qty) for name, qty in issued.items()}
        self._return(self.deliveries["P6"], 1)
        self.products["P8"].active = False
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_valuation_layer SET create_date = create_date - interval '13 months' "
            "WHERE stock_move_id IN %s",
            [tuple(self.deliveries["P9"].move_ids.ids)],
        )

    def _classify(self):
        self.env["product.product"]._classify_abc(self.company)

    def _classes(self, *names):
        return [self.products[name].abc_class_id.code for name in names]

    def test_exact_classes_ranks_and_shares(self):
        self._classify()
        table = [
            (name, p.abc_class_id.code, p.abc_consumption_value, p.abc_rank, p.abc_cumulative_share)
            for name, p in self.products.items()
        ]
        self.assertEqual(
            table,
            [
                ("P1", "A", 600.0, 1, 60.0),
                ("P2", "A", 200.0, 2, 80.0),  # crosses nothing: 60 % were before it
                ("P3", "B", 100.0, 3, 90.0),  # 80 % before it: the A share is full
                ("P4", "B", 40.0, 4, 98.0),  # tie: same rank, same share, same class
                ("P5", "B", 40.0, 4, 98.0),
                ("P6", "C", 20.0, 6, 100.0),  # returns net its consumption
                ("P7", "N", 0.0, 0, 0.0),  # stocked, never issued: no movement
                ("P8", False, 0.0, 0, 0.0),  # archived: not classified
                ("P9", "N", 0.0, 0, 0.0),  # issued before the trailing 12 months
            ],
        )
        self.assertEqual(self.products["P1"].abc_computed_class_id, self.classes["A"])
        self.assertTrue(self.products["P1"].abc_classified_date)

    def test_abc_classification_opens_on_class_a_by_rank(self):
        self._set_class(self.products["P7"], "A")  # an override: ranked last (no consumption)
        self._classify()
        _action, shown = open_window_action(
            self.env(user=self.manager), "perpetual_inventory_cyclecount.action_product_abc_classification"
        )
        mine = shown.filtered(lambda product: product.company_id == self.company)
        self.assertEqual(
            [(product.name, product.abc_rank) for product in mine], [("P1", 1), ("P2", 2), ("P7", 0)]
        )
        self.assertEqual(set(shown.abc_class_id.mapped("code")), {"A"})

    def test_class_changes_are_recorded(self):
        self._classify()
        history = self.env["stock.abc.history"].search([("product_id", "in", self.products["P3"].ids)])
        self.assertEqual(
            [(h.old_class_id.code, h.new_class_id.code, h.consumption_value, h.origin) for h in history],
            [(False, "B", 100.0, "computed")],
        )
        self._classify()
        self.assertEqual(
            len(self.env["stock.abc.history"].search([("product_id", "in", self.products["P3"].ids)])),
            1,
            "an unchanged class records nothing",
        )

    def test_override_is_kept_by_reclassification_and_can_be_removed(self):
        self._classify()
        wizard = (
            self.env["stock.abc.override.wizard"]
            .with_user(self.manager)
            .with_context(active_model="product.product", active_ids=self.products["P3"].ids)
            .create(
                {
                    "abc_class_id": self.classes["A"].id,
                    "reason": "Theft-prone",
                }
            )
        )
        wizard.action_apply()
        p3 = self.products["P3"]
        self.assertEqual(
            (p3.abc_class_id.code, p3.abc_is_manual, p3.abc_override_reason), ("A", True, "Theft-prone")
        )

        self._deliver(p3, 50)  # P3 rises to 600 of 1 500: computed A as well
        self._classify()
        self.assertEqual((p3.abc_class_id.code, p3.abc_is_manual), ("A", True), "the override stays")
        self.assertEqual(p3.abc_consumption_value, 600.0)
        self.assertEqual(p3.abc_computed_class_id.code, "A")

        p3.with_user(self.manager).action_reset_abc_override()
        self.assertEqual(
            (p3.abc_class_id.code, p3.abc_is_manual, p3.abc_override_reason), ("A", False, False)
        )
        history = self.env["stock.abc.history"].search([("product_id", "=", p3.id)], order="id")
        self.assertEqual(
            [(h.old_class_id.code, h.new_class_id.code, h.origin) for h in history],
            [(False, "B", "computed"), ("B", "A", "manual")],
        )

    def test_reclassification_moves_products_between_classes(self):
        self._classify()
        self._deliver(self.products["P6"], 80)  # P6: 20 + 800 = 820 of 1 800
        self._classify()
        # Before each: P6 0, P1 820 (45.6 %), P2 1 420 (78.9 %), P3 1 620 (90 %), P4/P5 1 720 (95.6 %).
        self.assertEqual(self._classes("P6", "P1", "P2", "P3", "P4", "P5"), ["A", "A", "A", "B", "C", "C"])
        history = self.env["stock.abc.history"].search(
            [("product_id", "=", self.products["P4"].id)], order="id"
        )
        self.assertEqual(
            [(h.old_class_id.code, h.new_class_id.code, h.consumption_value) for h in history],
            [(False, "B", 40.0), ("B", "C", 40.0)],
        )

    def test_per_warehouse_classification(self):
        other = self.env["stock.warehouse"].create(
            {
                "name": "Second",
                "code": "WH2",
                "company_id": self.company.id,
            }
        )
        self.company.abc_warehouse_id = other
        self._classify()
        self.assertEqual(self._classes("P1", "P7"), ["N", "N"], "nothing left the second warehouse")
        self.company.abc_warehouse_id = self.warehouse
        self._classify()
        self.assertEqual(self._classes("P1", "P3"), ["A", "B"])

    def test_companies_are_classified_apart(self):
        company_data_2 = self.setup_other_company(name="Second Company")
        self._setup_company_stock(company_data_2)
        big_seller = self._create_stock_product("Big seller", "fifo", company_data_2, cost=10.0)
        self._receive(big_seller, 1000, 10.0, company_data=company_data_2)
        self._deliver(big_seller, 1000, company_data=company_data_2)
        self._classify()
        self.assertEqual(self.products["P3"].abc_class_id.code, "B", "another company's sales do not count")
        self.assertFalse(big_seller.abc_class_id)
        self.env["product.product"]._classify_abc(company_data_2["company"])
        self.assertEqual(big_seller.abc_class_id.company_id, company_data_2["company"])
        self.assertEqual(big_seller.abc_class_id.code, "A")
        self.assertEqual(self.products["P3"].abc_class_id.company_id, self.company)

    def test_classify_now_button_and_monthly_action(self):
        self.env["stock.abc.class"].with_user(self.manager).with_context(
            allowed_company_ids=self.company.ids
        ).action_classify_now()
        self.assertEqual(self._classes("P1", "P6"), ["A", "C"])
        cron = self.env.ref("perpetual_inventory_cyclecount.ir_cron_classify_abc")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "months"))
        self.products["P1"].invalidate_recordset()
        cron.method_direct_trigger()
        self.assertEqual(self._classes("P1"), ["A"])

    def test_trailing_window_ends_now(self):
        later = fields.Datetime.now() + relativedelta(months=11, days=29)
        self.env["product.product"]._classify_abc(self.company, now=later)
        self.assertEqual(self._classes("P1"), ["A"])
        self.env["product.product"]._classify_abc(self.company, now=later + relativedelta(days=3))
        self.assertEqual(self._classes("P1"), ["N"], "a year later nothing was issued")
