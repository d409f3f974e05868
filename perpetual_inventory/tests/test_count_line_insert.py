from odoo.tests import tagged

from .count_common import CountCommon


@tagged("post_install", "-at_install")
class TestCountLineInsert(CountCommon):
    """A daily count's lines are inserted in one statement: each row holds exactly what
    the ORM's create would have stored, so that record rules, reports and the workflow
    see the same lines."""

    def _row(self, line):
        self.env.flush_all()
        self.env.cr.execute("SELECT * FROM stock_count_line WHERE id = %s", [line.id])
        columns = [column.name for column in self.env.cr.description]
        return dict(zip(columns, self.env.cr.fetchone()))

    def test_inserted_line_is_stored_as_the_orm_stores_it(self):
        session = self._session(self.bin_a | self.bin_b, self.counter_1)
        session.sudo().state = "in_progress"
        Line = self.env["stock.count.line"].sudo()
        by_orm = Line.create(
            {
                "session_id": session.id,
                "product_id": self.beans.id,
                "location_id": self.bin_a.id,
                "lot_id": False,
                "counter_id": self.counter_1.id,
            }
        )
        inserted = Line._insert_lines_to_count(
            session,
            [
                {
                    "product_id": self.beans.id,
                    "location_id": self.bin_b.id,
                    "lot_id": 0,
                    "counter_id": self.counter_1.id,
                }
            ],
        )
        orm_row, inserted_row = self._row(by_orm), self._row(inserted)
        self.assertEqual(inserted_row.pop("location_id"), self.bin_b.id)
        self.assertEqual(orm_row.pop("location_id"), self.bin_a.id)
        self.assertGreater(inserted_row.pop("id"), orm_row.pop("id"))
        self.assertEqual(inserted_row, orm_row)
        self.assertEqual(inserted_row["company_id"], self.company.id)
        self.assertEqual(inserted_row["state"], "to_count")
        self.assertEqual(inserted_row["create_uid"], self.env.uid)
        self.assertIsNotNone(inserted_row["create_date"])

    def test_inserted_lines_keep_their_order_and_show_to_their_counter(self):
        session = self._session(self.bin_a | self.bin_b, self.counter_1 | self.counter_2)
        session.sudo().state = "in_progress"
        values = [
            {"product_id": product.id, "location_id": location.id, "lot_id": 0, "counter_id": counter.id}
            for product, location, counter in [
                (self.tea, self.bin_b, self.counter_2),
                (self.beans, self.bin_a, self.counter_1),
                (self.soap, self.bin_a, self.counter_1),
            ]
        ]
        lines = self.env["stock.count.line"].sudo()._insert_lines_to_count(session, values)
        self.assertEqual(lines.product_id.mapped("name"), ["Green Tea", "Espresso Beans", "Dish Soap"])
        self.assertEqual(session.line_ids, lines)
        self.assertEqual(session.line_count, 3)
        # The counter reads their lines through the record rules, as any ORM-created line.
        mine = (
            self.env["stock.count.line"].with_user(self.counter_1).search([("session_id", "=", session.id)])
        )
        self.assertEqual(mine.product_id.mapped("name"), ["Dish Soap", "Espresso Beans"])

    def test_no_lines_inserts_nothing(self):
        session = self._session(self.bin_a, self.counter_1)
        self.assertFalse(self.env["stock.count.line"].sudo()._insert_lines_to_count(session, []))
        self.assertFalse(session.line_ids)
