from odoo import Command

from .common import PerpetualCogsCommon


class CountCommon(PerpetualCogsCommon):
    """A warehouse with two bins, counters, a manager, and reason accounts.

    Tolerance: 5 % and 50.00 per line. Small differences post on COUNTDIFF,
    theft on SHRINK, found stock on FOUND.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        # The test user reviews like an inventory manager (expected quantities, values).
        cls.env.user.groups_id += cls.env.ref("perpetual_inventory.group_manager")
        cls.company.write({"count_tolerance_percent": 5.0, "count_tolerance_value": 50.0})
        stock = cls.company_data["default_warehouse"].lot_stock_id
        cls.bin_a = cls.env["stock.location"].create({"name": "A-01", "location_id": stock.id})
        cls.bin_b = cls.env["stock.location"].create({"name": "B-01", "location_id": stock.id})
        cls.counter_1 = cls._create_user("Carla Counter", "pi_counter_1", "perpetual_inventory.group_counter")
        cls.counter_2 = cls._create_user("Colin Counter", "pi_counter_2", "perpetual_inventory.group_counter")
        cls.counter_3 = cls._create_user("Cleo Counter", "pi_counter_3", "perpetual_inventory.group_counter")
        cls.manager = cls._create_user("Mia Manager", "pi_manager", "perpetual_inventory.group_manager")
        cls.accounts = {}
        for code, xmlid in [
            ("COUNTDIFF", "perpetual_inventory.reason_counting_difference"),
            ("SHRINK", "perpetual_inventory.reason_theft"),
            ("FOUND", "perpetual_inventory.reason_found_stock"),
            ("OPENING", "perpetual_inventory.reason_baseline"),
        ]:
            account = cls.env["account.account"].create(
                {
                    "name": f"Inventory differences {code}",
                    "code": code,
                    "account_type": "expense",
                }
            )
            cls.env.ref(xmlid).with_company(cls.company).account_id = account
            cls.accounts[code] = account
        cls.beans = cls.fifo_product  # FIFO
        cls.soap = cls.avco_product  # AVCO
        cls.tea = cls._create_stock_product("Green Tea", "fifo", cls.company_data, cost=4.0)

    def _receive_into(self, product, qty, price_unit, location):
        warehouse = self.company_data["default_warehouse"]
        return self._transfer(
            product,
            qty,
            warehouse.in_type_id,
            self.env.ref("stock.stock_location_suppliers"),
            location,
            price_unit=price_unit,
        )

    def _session(self, locations, counters, **values):
        return (
            self.env["stock.count.session"]
            .with_user(self.manager)
            .create(
                {
                    "location_ids": [Command.set(locations.ids)],
                    "counter_ids": [Command.set(counters.ids)],
                    **values,
                }
            )
        )

    def _line(self, session, product, location=None, count_round=1):
        return session.line_ids.filtered(
            lambda line: (
                line.product_id == product
                and (location is None or line.location_id == location)
                and line.count_round == count_round
            )
        )

    def _count(self, line, quantity):
        """The assigned counter types the quantity, as in the My Counts list."""
        line.with_user(line.counter_id).write({"counted_qty": quantity})

    def _quantity(self, product, location):
        return product.with_context(location=location.id).qty_available
