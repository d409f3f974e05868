from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo database must show every later screen something real."""

    def _ref(self, xmlid):
        return self.env.ref(f"perpetual_inventory.{xmlid}")

    def test_forty_products_with_valid_unique_barcodes(self):
        products = self.env["product.product"].search([("default_code", "=like", "RT%")])
        self.assertEqual(len(products), 40)
        self.assertTrue(all(p.is_storable and p.available_in_pos for p in products))
        barcodes = products.mapped("barcode")
        self.assertEqual(len(set(barcodes)), 40)
        for code in barcodes:
            digits = [int(c) for c in code]
            weighted = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
            self.assertEqual((10 - weighted % 10) % 10, digits[12], code)

    def test_fifo_and_avco_categories_with_real_time_valuation_and_own_accounts(self):
        fifo = self._ref("product_category_retail_fifo")
        avco = self._ref("product_category_retail_avco")
        self.assertEqual((fifo.property_cost_method, avco.property_cost_method), ("fifo", "average"))
        for category in fifo | avco:
            self.assertEqual(category.property_valuation, "real_time")
            self.assertEqual(
                category.property_stock_valuation_account_id, self._ref("account_retail_inventory")
            )
            self.assertEqual(
                category.property_stock_account_output_categ_id, self._ref("account_retail_stock_out")
            )
            self.assertEqual(category.property_account_expense_categ_id, self._ref("account_retail_cogs"))
            self.assertTrue(category.property_stock_journal)
        products = self.env["product.product"].search([("default_code", "=like", "RT%")])
        self.assertEqual(len(products.filtered(lambda p: p.categ_id == fifo)), 24)
        self.assertEqual(len(products.filtered(lambda p: p.categ_id == avco)), 16)

    def test_warehouse_and_shop_locations_have_barcodes(self):
        shop = self._ref("warehouse_shop")
        self.assertEqual(shop.code, "SHOP")
        self.assertEqual(self._ref("location_shop_floor").location_id, shop.lot_stock_id)
        bins = self.env["stock.location"].search([("barcode", "=like", "WH-_-__")])
        self.assertEqual(len(bins), 6)
        self.assertTrue(all(b.location_id == self.env.ref("stock.stock_location_stock") for b in bins))

    def test_role_users_and_pos_config(self):
        self.assertTrue(self._ref("user_counter").has_group("perpetual_inventory.group_counter"))
        self.assertFalse(self._ref("user_counter").has_group("stock.group_stock_user"))
        self.assertTrue(self._ref("user_manager").has_group("perpetual_inventory.group_manager"))
        self.assertTrue(self._ref("user_finance").has_group("perpetual_inventory.group_finance_approver"))
        self.assertTrue(self._ref("user_accountant").has_group("perpetual_inventory.group_stock_accountant"))
        self.assertTrue(self._ref("user_accountant").has_group("account.group_account_readonly"))
        self.assertEqual(self.env.ref("base.main_company").stock_accountant_id, self._ref("user_accountant"))
        config = self._ref("pos_config_shop")
        self.assertEqual(config.picking_type_id.warehouse_id, self._ref("warehouse_shop"))

    def test_the_till_takes_cash_and_card_and_sells_the_retail_catalogue(self):
        config = self._ref("pos_config_shop")
        methods = config.payment_method_ids
        self.assertEqual(sorted(methods.mapped("is_cash_count")), [False, True])
        self.assertEqual(methods.filtered("is_cash_count").journal_id.type, "cash")
        self.assertTrue(config.limit_categories)
        sold = self.env["product.product"].search(config._get_available_product_domain())
        retail = self.env["product.product"].search([("default_code", "=like", "RT%")])
        self.assertEqual(sold, retail)

    def test_ninety_days_of_stock_history(self):
        products = self.env["product.product"].search([("default_code", "=like", "RT%")])
        layers = self.env["stock.valuation.layer"].search([("product_id", "in", products.ids)])
        today = fields.Date.context_today(self.env.user)
        oldest = min(layers.mapped("create_date")).date()
        self.assertGreaterEqual((today - oldest).days, 85)
        moves = layers.stock_move_id
        self.assertTrue(moves.filtered(lambda m: m.picking_code == "incoming"))
        self.assertTrue(moves.filtered(lambda m: m.picking_code == "outgoing"))
        replenishments = self.env["stock.move"].search(
            [
                ("product_id", "in", products.ids),
                ("state", "=", "done"),
                ("location_dest_id", "=", self._ref("location_shop_floor").id),
            ]
        )
        self.assertTrue(replenishments)
        pos_orders = self.env["pos.order"].search([("config_id", "=", self._ref("pos_config_shop").id)])
        self.assertGreaterEqual(len(pos_orders), 4)
        self.assertEqual(set(pos_orders.mapped("state")), {"done"})
        # Every valued movement of the demo has its posted journal entry.
        self.assertTrue(all(layer.account_move_id.state == "posted" for layer in layers if layer.value))
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "in", products.ids),
                ("location_id.usage", "=", "internal"),
            ]
        )
        self.assertGreater(sum(quants.mapped("quantity")), 0)
        self.assertFalse(quants.filtered(lambda q: q.quantity < 0))
        recent = today - timedelta(days=30)
        self.assertTrue(layers.filtered(lambda layer: layer.create_date.date() >= recent))

    def test_counting_demo_shows_every_stage(self):
        sessions = self.env["stock.count.session"].search(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertTrue({"done", "reconciled", "in_progress", "draft"} <= set(sessions.mapped("state")))
        baseline = sessions.filtered(lambda session: session.kind == "baseline")
        self.assertEqual(baseline.zone_ids.mapped("name"), ["Sales floor", "Back room"])
        counting = sessions.filtered(lambda session: session.state == "in_progress")
        self.assertEqual(
            counting.line_ids.counter_id, self._ref("user_counter") | self._ref("user_counter_2")
        )
        variances = sessions.variance_ids
        self.assertEqual(set(variances.mapped("state")), {"posted", "to_approve"})
        posted = variances.filtered(lambda variance: variance.state == "posted")
        self.assertEqual(set(posted.account_move_id.line_ids.account_id.mapped("code")), {"510520", "110510"})
