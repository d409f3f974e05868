"""Demo stock history: 90 days of receipts, deliveries, replenishments and POS sales.

Called from the addon's demo XML only. The history is generated from a fixed
random seed so that every demo database tells the same story.
"""

import random
import uuid
from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models

HISTORY_DAYS = 90
PRODUCT_COUNT = 40
# Till sessions stay within the current month: their journal entries are
# named by month, so they cannot be moved into an earlier one.
POS_DAYS_AGO = (1, 2, 4, 7, 10, 14, 18, 22, 26)
BIN_XMLIDS = [
    "location_wh_a_01",
    "location_wh_a_02",
    "location_wh_b_01",
    "location_wh_b_02",
    "location_wh_c_01",
    "location_wh_c_02",
]


class PerpetualInventoryDemo(models.AbstractModel):
    _name = "perpetual.inventory.demo"
    _description = "Perpetual Inventory demo data generator"

    def _ref(self, xmlid):
        return self.env.ref(f"perpetual_inventory.{xmlid}")

    @api.model
    def _create_shop_pos_config(self):
        if self.env.ref("perpetual_inventory.pos_config_shop", raise_if_not_found=False):
            return  # demo functions run again on every update
        company = self.env.ref("base.main_company")
        shop = self._ref("warehouse_shop")
        bank_journal = self.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
        )
        cash_journal = self.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "cash")], limit=1
        )
        card = self.env["pos.payment.method"].create(
            {
                "name": "Card (City Shop)",
                "journal_id": bank_journal.id,
                "company_id": company.id,
            }
        )
        cash = self.env["pos.payment.method"].create(
            {
                "name": "Cash (City Shop)",
                "journal_id": cash_journal.id,
                "is_cash_count": True,
                "company_id": company.id,
            }
        )
        # The till sells the suite's retail catalogue only, not Odoo's furniture demo.
        retail = self.env["pos.category"].create({"name": "City Shop"})
        products = self.env["product.product"].concat(
            *(self._ref(f"product_retail_{i:02d}") for i in range(1, PRODUCT_COUNT + 1))
        )
        products.product_tmpl_id.pos_categ_ids = [Command.link(retail.id)]
        config = self.env["pos.config"].create(
            {
                "name": "City Shop Till",
                "company_id": company.id,
                "picking_type_id": shop.pos_type_id.id,
                "payment_method_ids": [Command.set((cash | card).ids)],
                "limit_categories": True,
                "iface_available_categ_ids": [Command.set(retail.ids)],
            }
        )
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": "perpetual_inventory.pos_payment_method_shop_card",
                    "record": card,
                    "noupdate": True,
                },
                {
                    "xml_id": "perpetual_inventory.pos_payment_method_shop_cash",
                    "record": cash,
                    "noupdate": True,
                },
                {"xml_id": "perpetual_inventory.pos_category_shop", "record": retail, "noupdate": True},
                {"xml_id": "perpetual_inventory.pos_config_shop", "record": config, "noupdate": True},
            ]
        )

    @api.model
    def _create_stock_history(self):
        rng = random.Random(18)
        products = [self._ref(f"product_retail_{i:02d}") for i in range(1, PRODUCT_COUNT + 1)]
        bins = [self._ref(xmlid) for xmlid in BIN_XMLIDS]
        home_bin = {product: bins[i % len(bins)] for i, product in enumerate(products)}
        on_hand = {product: 0.0 for product in products}
        today = fields.Date.context_today(self)
        for days_ago in range(HISTORY_DAYS, 0, -1):
            day = today - timedelta(days=days_ago)
            if days_ago % 15 == 0:
                self._demo_receipts(rng, day, products, home_bin, on_hand)
            if days_ago % 3 == 0:
                self._demo_delivery(rng, day, products, home_bin, on_hand)
            if days_ago % 14 == 6:
                self._demo_shop_replenishment(rng, day, products, home_bin, on_hand)
            if days_ago in POS_DAYS_AGO and day.month == today.month:
                self._demo_pos_session(rng, day)

    def _demo_receipts(self, rng, day, products, home_bin, on_hand):
        warehouse = self.env.ref("stock.warehouse0")
        vendor_of = {
            "fifo": self._ref("partner_vendor_fresh"),
            "average": self._ref("partner_vendor_home"),
        }
        for cost_method, vendor in vendor_of.items():
            lines = []
            for product in products:
                if product.categ_id.property_cost_method != cost_method:
                    continue
                qty = rng.randrange(30, 90, 6)
                # Vendor prices drift, so FIFO layers and AVCO averages differ.
                price = round(product.standard_price * rng.uniform(0.92, 1.08), 2)
                lines.append((product, qty, home_bin[product], price))
                on_hand[product] += qty
            self._demo_transfer(
                warehouse.in_type_id,
                vendor,
                day,
                lines,
                source=self.env.ref("stock.stock_location_suppliers"),
            )

    def _demo_delivery(self, rng, day, products, home_bin, on_hand):
        warehouse = self.env.ref("stock.warehouse0")
        customer = self._ref(
            rng.choice(["partner_customer_cafe", "partner_customer_hotel", "partner_customer_office"])
        )
        lines = []
        for product in rng.sample(products, 6):
            qty = min(rng.randint(2, 12), on_hand[product])
            if qty > 0:
                lines.append((product, qty, home_bin[product], None))
                on_hand[product] -= qty
        self._demo_transfer(
            warehouse.out_type_id,
            customer,
            day,
            lines,
            destination=self.env.ref("stock.stock_location_customers"),
        )

    def _demo_shop_replenishment(self, rng, day, products, home_bin, on_hand):
        warehouse = self.env.ref("stock.warehouse0")
        floor = self._ref("location_shop_floor")
        lines = []
        for product in rng.sample(products, 16):
            qty = min(rng.randint(8, 16), on_hand[product])
            if qty > 0:
                lines.append((product, qty, home_bin[product], None))
                on_hand[product] -= qty
        self._demo_transfer(warehouse.int_type_id, False, day, lines, destination=floor)

    def _demo_transfer(self, picking_type, partner, day, lines, source=None, destination=None):
        """Create, validate and backdate one transfer.

        ``lines`` holds (product, quantity, warehouse bin, unit price or None);
        the bin is the destination of receipts and the source of anything else.
        """
        if not lines:
            return
        moves = []
        for product, qty, bin_location, price in lines:
            moves.append(
                Command.create(
                    {
                        "name": product.display_name,
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "product_uom": product.uom_id.id,
                        "location_id": (source or bin_location).id,
                        "location_dest_id": (destination or bin_location).id,
                        **({"price_unit": price} if price is not None else {}),
                    }
                )
            )
        first_bin = lines[0][2]
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": partner and partner.id,
                "location_id": (source or first_bin).id,
                "location_dest_id": (destination or first_bin).id,
                "scheduled_date": datetime.combine(day, time(9)),
                "move_ids": moves,
            }
        )
        picking.action_confirm()
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.with_context(force_period_date=day, skip_backorder=True).button_validate()
        self._backdate_moves(picking.move_ids, day)

    def _demo_pos_session(self, rng, day):
        config = self._ref("pos_config_shop")
        card = self._ref("pos_payment_method_shop_card")
        # Sell only what the shop floor holds enough of for four orders of three.
        stocked = (
            self.env["stock.quant"]
            .search(
                [
                    ("location_id", "=", self._ref("location_shop_floor").id),
                    ("quantity", ">=", 12),
                ]
            )
            .product_id.sorted("id")
        )
        if len(stocked) < 3:
            return
        config.open_ui()
        session = config.current_session_id
        session.set_opening_control(0, None)
        orders = [self._demo_pos_order(rng, session, card, rng.sample(list(stocked), 3)) for _ in range(4)]
        self.env["pos.order"].sync_from_ui(orders)
        session.action_pos_session_closing_control()
        moment = datetime.combine(day, time(18))
        self.env.cr.execute(
            "UPDATE pos_order SET date_order = %s WHERE session_id = %s", (moment, session.id)
        )
        self.env.cr.execute(
            "UPDATE pos_session SET start_at = %s, stop_at = %s WHERE id = %s",
            (datetime.combine(day, time(9)), moment, session.id),
        )
        self._backdate_moves(session.picking_ids.move_ids, day)
        self._backdate_entries(session.move_id, day)
        self.env.invalidate_all()

    def _demo_pos_order(self, rng, session, payment_method, products):
        lines = []
        for product in products:
            qty = rng.randint(1, 3)
            lines.append(
                Command.create(
                    {
                        "product_id": product.id,
                        "qty": qty,
                        "price_unit": product.list_price,
                        "price_subtotal": product.list_price * qty,
                        "price_subtotal_incl": product.list_price * qty,
                        "tax_ids": [],
                    }
                )
            )
        total = sum(line[2]["price_subtotal_incl"] for line in lines)
        order_uuid = str(uuid.UUID(int=rng.getrandbits(128)))
        return {
            "uuid": order_uuid,
            "name": f"Order {order_uuid}",
            "session_id": session.id,
            "user_id": self.env.uid,
            "pricelist_id": session.config_id.pricelist_id.id,
            "lines": lines,
            "amount_total": total,
            "amount_tax": 0.0,
            "amount_paid": total,
            "amount_return": 0.0,
            "payment_ids": [
                Command.create(
                    {
                        "amount": total,
                        "payment_method_id": payment_method.id,
                    }
                )
            ],
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "last_order_preparation_change": "{}",
            "sequence_number": 1,
            "to_invoice": False,
        }

    def _backdate_moves(self, moves, day):
        """Move stock moves, their lines, layers and pickings to ``day``."""
        if not moves:
            return
        moment = datetime.combine(day, time(10))
        self.env.flush_all()
        move_ids = tuple(moves.ids)
        self.env.cr.execute("UPDATE stock_move SET date = %s WHERE id IN %s", (moment, move_ids))
        self.env.cr.execute("UPDATE stock_move_line SET date = %s WHERE move_id IN %s", (moment, move_ids))
        self.env.cr.execute(
            "UPDATE stock_valuation_layer SET create_date = %s WHERE stock_move_id IN %s",
            (moment, move_ids),
        )
        self.env.cr.execute(
            "UPDATE stock_picking SET date_done = %s, scheduled_date = %s, date_deadline = NULL"
            " WHERE id IN (SELECT picking_id FROM stock_move WHERE id IN %s)",
            (moment, moment, move_ids),
        )
        self._backdate_entries(moves.account_move_ids, day)
        self.env.invalidate_all()

    def _backdate_entries(self, entries, day):
        if not entries:
            return
        entry_ids = tuple(entries.ids)
        self.env.cr.execute("UPDATE account_move SET date = %s WHERE id IN %s", (day, entry_ids))
        self.env.cr.execute("UPDATE account_move_line SET date = %s WHERE move_id IN %s", (day, entry_ids))

    # The Operations screen -------------------------------------------------------

    @api.model
    def _create_demo_customer_return(self):
        """The café sends back 2 units of its latest delivery, ready to be received today on
        the Operations screen (one of them will be found damaged)."""
        if self.env.ref("perpetual_inventory.picking_demo_return_1", raise_if_not_found=False):
            return  # demo functions run again on every update
        delivery = self.env["stock.picking"].search(
            [
                ("picking_type_id", "=", self.env.ref("stock.picking_type_out").id),
                ("partner_id", "=", self._ref("partner_customer_cafe").id),
                ("state", "=", "done"),
            ],
            order="date_done desc, id desc",
            limit=1,
        )
        move = delivery.move_ids.filtered(
            lambda move: move.quantity >= 2 and move.product_id.barcode and move.product_id.tracking == "none"
        )[:1]
        if not move:
            return
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=delivery.id, active_model="stock.picking")
            .create({})
        )
        for line in wizard.product_return_moves:
            line.quantity = 2 if line.move_id == move else 0
        customer_return = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": "perpetual_inventory.picking_demo_return_1",
                    "record": customer_return,
                    "noupdate": True,
                }
            ]
        )

    # Counting -----------------------------------------------------------------

    @api.model
    def _set_reason_accounts(self):
        company = self.env.ref("base.main_company")
        shrinkage = self._ref("account_retail_shrinkage")
        count_differences = self._ref("account_retail_count_differences")
        reasons = self.env["stock.variance.reason"].with_company(company).search([])
        for reason in reasons:
            small = reason.code in ("TOL", "BASE", "FOUND", "UOM", "RECV", "SCAN")
            reason.account_id = count_differences if small else shrinkage

    @api.model
    def _create_counting_history(self):
        counter, counter_2 = self._ref("user_counter"), self._ref("user_counter_2")
        manager = self._ref("user_manager")
        counters = counter | counter_2

        closed = self._demo_count_session(manager, ["location_wh_b_01"], counters, "cycle")
        self._demo_count_and_reconcile(closed, manager)
        for variance in closed.variance_ids:
            variance.with_user(manager).write(
                {
                    "reason_id": self.env.ref("perpetual_inventory.reason_theft").id,
                    "root_cause": "Shelf next to the loading door, out of camera view.",
                    "corrective_action": "High-value items moved to aisle A.",
                }
            )
            variance.with_user(manager).action_approve()
            variance.with_user(manager).action_post()
        closed.with_user(manager).action_done()

        pending = self._demo_count_session(manager, ["location_wh_c_01"], counters, "spot")
        self._demo_count_and_reconcile(pending, manager)

        in_progress = self._demo_count_session(
            manager, ["location_wh_a_01", "location_wh_a_02"], counters, "cycle"
        )
        in_progress.with_user(manager).action_start()

        self.env["stock.count.baseline.wizard"].with_user(manager).create(
            {
                "double_count_value": 200.0,
                "zone_ids": [
                    Command.create(
                        {
                            "name": "Sales floor",
                            "location_ids": [Command.set(self._ref("location_shop_floor").ids)],
                            "counter_ids": [Command.set(counter.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Back room",
                            "location_ids": [Command.set(self._ref("location_shop_back").ids)],
                            "counter_ids": [Command.set(counter_2.ids)],
                        }
                    ),
                ],
            }
        ).action_create_session()

    def _demo_count_session(self, manager, location_xmlids, counters, kind):
        locations = self.env["stock.location"].concat(*(self._ref(xmlid) for xmlid in location_xmlids))
        return (
            self.env["stock.count.session"]
            .with_user(manager)
            .create(
                {
                    "kind": kind,
                    "location_ids": [Command.set(locations.ids)],
                    "counter_ids": [Command.set(counters.ids)],
                    "note": f"<p>{kind.capitalize()} count of {', '.join(locations.mapped('name'))}.</p>",
                }
            )
        )

    def _demo_count_and_reconcile(self, session, manager):
        """Counters find everything but a third of the first line, twice (count and recount)."""
        session.with_user(manager).action_start()
        short_line = session.line_ids.sorted("id")[:1]
        while session.state == "in_progress":
            for line in session.line_ids.filtered(lambda line: line.state == "to_count"):
                quantity = line.sudo()._current_quantity()
                if line == short_line or line.recount_of_id == short_line:
                    quantity = round(quantity * 2 / 3)
                line.with_user(line.counter_id).write({"counted_qty": quantity})
            session.with_user(manager).action_reconcile()
