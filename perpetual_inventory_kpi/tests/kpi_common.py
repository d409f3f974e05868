from datetime import datetime, time, timedelta

from odoo import Command, fields

from odoo.addons.perpetual_inventory_cyclecount.tests.common import CycleCountCommon


class KpiCommon(CycleCountCommon):
    """The cycle-count company, its products classed (beans and tea A, soap B, sea salt
    none), and helpers to date what happened and read a day's snapshot rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_class(cls.beans | cls.tea, "A")
        cls._set_class(cls.soap, "B")
        cls.salt = cls.standard_product  # no ABC class
        cls.today = fields.Date.today()
        cls.picking_error = cls.env.ref("perpetual_inventory.reason_picking_error")
        cls.damage = cls.env.ref("perpetual_inventory.reason_unrecorded_damage")

    def _days_ago(self, days):
        return self.today - timedelta(days=days)

    def _backdate(self, records, days, hour=12):
        """Move what ``records`` (pickings, scraps or variances) booked ``days`` back."""
        moment = datetime.combine(self._days_ago(days), time(hour))
        moves = self.env["stock.move"]
        if records._name == "stock.picking":
            moves = records.move_ids
            records.sudo().date_done = moment
        elif records._name == "stock.scrap":
            moves = records.move_ids
        elif records._name == "stock.variance":
            moves = records.sudo().stock_move_id
        self.env.flush_all()
        self.env.cr.execute("UPDATE stock_move SET date = %s WHERE id = ANY(%s)", [moment, moves.ids])
        self.env.cr.execute(
            "UPDATE stock_move_line SET date = %s WHERE move_id = ANY(%s)", [moment, moves.ids]
        )
        self.env.cr.execute(
            "UPDATE stock_valuation_layer SET create_date = %s WHERE stock_move_id = ANY(%s)",
            [moment, moves.ids],
        )
        self.env.invalidate_all()

    def _snapshot(self, day=None, companies=None):
        """Build ``day`` (today) and return its rows {class code or 'all': row} for the warehouse."""
        day = day or self.today
        snapshots = self.env["stock.kpi.snapshot"].sudo()
        snapshots._build_day(day, companies or self.company)
        rows = snapshots.search(
            [
                ("date", "=", day),
                ("company_id", "=", self.company.id),
                ("warehouse_id", "=", self.warehouse.id),
            ]
        )
        return {row.abc_class_id.code or "all": row for row in rows}

    def _ratio(self, row, name):
        """A stored ratio as the database holds it: None on a day without its figures."""
        self.env.flush_all()
        self.env.cr.execute(f"SELECT {name} FROM stock_kpi_snapshot WHERE id = %s", [row.id])
        value = self.env.cr.fetchone()[0]
        return None if value is None else round(value, 4)

    def _decided_line(
        self, session, product, expected, counted, within, state="accepted", day=None, location=None
    ):
        """A count line decided on ``day`` (today): the workflow's fields written directly."""
        return (
            self.env["stock.count.line"]
            .sudo()
            .create(
                {
                    "session_id": session.id,
                    "product_id": product.id,
                    "location_id": (location or self.bin_a).id,
                    "counter_id": self.counter_1.id,
                    "state": state,
                    "expected_qty": expected,
                    "counted_qty": counted,
                    "within_tolerance": within,
                    "counted_at": datetime.combine(day or self.today, time(10)),
                }
            )
        )

    def _count_session(self):
        return (
            self.env["stock.count.session"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "location_ids": [Command.set(self.bin_a.ids)],
                    "counter_ids": [Command.set(self.counter_1.ids)],
                }
            )
        )

    def _posted_variance(self, product, expected, counted, reason):
        variance = (
            self.env["stock.variance"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "product_id": product.id,
                    "location_id": self.warehouse.lot_stock_id.id,
                    "expected_qty": expected,
                    "counted_qty": counted,
                    "reason_id": reason.id,
                    "counter_ids": [Command.set(self.counter_1.ids)],
                }
            )
        )
        variance.action_submit()
        variance.with_user(self.manager).action_approve()
        variance.with_user(self.manager).action_post()
        self.assertEqual(variance.state, "posted")
        return variance
