from odoo import Command

from odoo.addons.perpetual_inventory_cyclecount.tests.common import CycleCountCommon


class ReviewCommon(CycleCountCommon):
    """Hand-made variances and count lines around the second quarter of 2026.

    In the quarter (company 1):
      V1 beans, bin A, theft, -3, posted -30.00, counted by Carla            15 April
      V2 beans, bin A, theft, -1, posted -10.00, counted by Carla and Colin  10 May
      V3 soap,  bin B, found stock, +2, to approve, estimated +8.00, by Colin 30 June 23:59
    Left out: a rejected variance (in the quarter), a posted one on 1 July, one of 31 March.
    Count lines (decided, by their product's class): beans (A) 2 within tolerance and 1 not,
    tea (C) 1 within; a recounted line and a line counted in July are left out.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_class(cls.beans, "A")
        cls._set_class(cls.tea, "C")
        cls.theft = cls.env.ref("perpetual_inventory.reason_theft")
        cls.found = cls.env.ref("perpetual_inventory.reason_found_stock")
        carla, colin = cls.counter_1, cls.counter_2
        cls._variance(cls.beans, cls.bin_a, cls.theft, 10, 7, "posted", -30.0, carla, "2026-04-15 10:00:00")
        cls._variance(
            cls.beans, cls.bin_a, cls.theft, 5, 4, "posted", -10.0, carla | colin, "2026-05-10 10:00:00"
        )
        cls._variance(cls.soap, cls.bin_b, cls.found, 0, 2, "to_approve", 8.0, colin, "2026-06-30 23:59:00")
        cls._variance(cls.tea, cls.bin_b, cls.theft, 4, 1, "rejected", -12.0, colin, "2026-05-01 10:00:00")
        cls._variance(cls.tea, cls.bin_a, cls.theft, 8, 4, "posted", -16.0, carla, "2026-07-01 00:00:00")
        cls._variance(cls.tea, cls.bin_a, cls.theft, 8, 4, "posted", -16.0, carla, "2026-03-31 23:59:00")

        for product, state, within, when in [
            (cls.beans, "accepted", True, "2026-04-02 09:00:00"),
            (cls.beans, "applied", True, "2026-05-02 09:00:00"),
            (cls.beans, "variance", False, "2026-06-02 09:00:00"),
            (cls.beans, "recounted", False, "2026-06-01 09:00:00"),
            (cls.tea, "accepted", True, "2026-06-03 09:00:00"),
            (cls.tea, "accepted", False, "2026-07-03 09:00:00"),
        ]:
            session = cls.env["stock.count.session"].create(
                {
                    "location_ids": [Command.set(cls.bin_a.ids)],
                    "counter_ids": [Command.set(carla.ids)],
                }
            )
            line = (
                cls.env["stock.count.line"]
                .sudo()
                .create(
                    {
                        "session_id": session.id,
                        "product_id": product.id,
                        "location_id": cls.bin_a.id,
                        "counter_id": carla.id,
                    }
                )
            )
            cls.env.flush_all()
            # the workflow's outcome, written as it would have left it
            cls.env.cr.execute(
                "UPDATE stock_count_line SET state = %s, within_tolerance = %s, counted_at = %s WHERE id = %s",
                [state, within, when, line.id],
            )

    @classmethod
    def _variance(cls, product, location, reason, expected, counted, state, value, counters, when):
        variance = (
            cls.env["stock.variance"]
            .sudo()
            .create(
                {
                    "product_id": product.id,
                    "location_id": location.id,
                    "reason_id": reason.id,
                    "expected_qty": expected,
                    "counted_qty": counted,
                    "company_id": cls.company.id,
                }
            )
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE stock_variance SET state = %s, difference_value = %s, posted_value = %s, create_date = %s "
            "WHERE id = %s",
            [state, value, value if state == "posted" else None, when, variance.id],
        )
        cls.env.cr.execute("DELETE FROM stock_variance_counter_rel WHERE variance_id = %s", [variance.id])
        cls.env.cr.executemany(
            "INSERT INTO stock_variance_counter_rel (variance_id, user_id) VALUES (%s, %s)",
            [(variance.id, user.id) for user in counters],
        )
        cls.env.invalidate_all()
        return variance

    def _review(self, **values):
        return self.env["stock.variance.review"].create(
            dict({"company_id": self.company.id, "year": 2026, "quarter": "2"}, **values)
        )

    @staticmethod
    def _rows(lines, field):
        return [(line[field], line.variance_count, line.quantity, line.value) for line in lines]
