from datetime import datetime, time

from odoo import Command

from odoo.addons.perpetual_inventory.tests.count_common import CountCommon


def counting_days(days):
    """Working-time lines making ``days`` (0 = Monday) counting days of a calendar."""
    return [
        Command.create(
            {
                "name": f"Day {day}",
                "dayofweek": str(day),
                "hour_from": 8,
                "hour_to": 16,
                "day_period": "morning",
            }
        )
        for day in days
    ]


class CycleCountCommon(CountCommon):
    """CountCommon's company with its default ABC classes, a Monday-to-Friday
    counting calendar on its warehouse, and the three counters on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.classes = {
            abc_class.code: abc_class
            for abc_class in cls.env["stock.abc.class"].search([("company_id", "=", cls.company.id)])
        }
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Counting days",
                "tz": "UTC",
                "company_id": cls.company.id,
                "attendance_ids": counting_days(range(5)),
            }
        )
        cls.warehouse = cls.company_data["default_warehouse"]
        cls.warehouse.write(
            {
                "count_calendar_id": cls.calendar.id,
                "count_counter_ids": [Command.set((cls.counter_1 | cls.counter_2).ids)],
                "count_responsible_id": cls.manager.id,
            }
        )

    @classmethod
    def _set_class(cls, products, code):
        products.write({"abc_class_id": cls.classes[code].id, "abc_override_reason": "Test set-up"})

    @classmethod
    def _put(cls, product, location, quantity, lot=None):
        """Stock without a transfer: the quants only (scheduling reads nothing else)."""
        cls.env["stock.quant"].sudo()._update_available_quantity(product, location, quantity, lot_id=lot)

    @staticmethod
    def _count_list(session, day):
        """The counters count the whole list on ``day`` (as its lines record it)."""
        session.line_ids.sudo().write(
            {
                "state": "counted",
                "counted_at": datetime.combine(day, time(10, 0)),
            }
        )
