from odoo.tests import tagged

from .common import CycleCountCommon


@tagged("post_install", "-at_install")
class TestClassTolerance(CycleCountCommon):
    """Company tolerance 5 % and 50.00; class A ±0.5 %, class C ±5 % and 1.00 in value."""

    def setUp(self):
        super().setUp()
        self._receive_into(self.soap, 100, 2.0, self.bin_a)  # 100 × 2.00
        self._receive_into(self.tea, 20, 4.0, self.bin_b)  # 20 × 4.00
        self._receive_into(self.beans, 10, 5.0, self.bin_b)  # 10 × 5.00, no class
        self.classes["C"].tolerance_value = 1.0

    def _reconcile(self, counts):
        session = self._session(self.bin_a | self.bin_b, self.counter_1 | self.counter_2)
        session.with_user(self.manager).action_start()
        for product, quantity in counts.items():
            self._count(self._line(session, product), quantity)
        session.with_user(self.manager).action_reconcile()
        return session

    def test_class_a_tolerance_asks_for_a_recount_where_the_company_one_accepts(self):
        session = self._reconcile({self.soap: 98, self.tea: 20, self.beans: 10})
        self.assertEqual(self._line(session, self.soap).state, "applied", "2 % is within the company's 5 %")

        self._set_class(self.soap, "A")
        session = self._reconcile({self.soap: 96, self.tea: 20, self.beans: 10})  # 98 on hand, -2 %
        soap = self._line(session, self.soap)
        self.assertEqual(soap.state, "recounted")
        self.assertEqual(self._line(session, self.soap, count_round=2).state, "to_count")

    def test_class_value_tolerance(self):
        self._set_class(self.tea, "C")
        session = self._reconcile({self.soap: 100, self.tea: 19, self.beans: 9})
        self.assertEqual(
            self._line(session, self.tea).state,
            "recounted",
            "-5 % is within 5 %, but 4.00 is above the class's 1.00",
        )
        self.assertEqual(
            self._line(session, self.beans).state,
            "recounted",
            "no class: the company's 5 %, and -10 % is outside it",
        )

    def test_tolerances_are_read_for_all_lines_at_once(self):
        self._set_class(self.soap, "B")
        self._set_class(self.tea, "C")
        session = self._session(self.bin_a | self.bin_b, self.counter_1)
        session.with_user(self.manager).action_start()
        self.assertEqual(
            session.line_ids.sorted("id")._tolerances(),
            {
                line.id: (5.0, 1.0)
                if line.product_id == self.tea
                else ((2.0, 50.0) if line.product_id == self.soap else (5.0, 50.0))
                for line in session.line_ids
            },
        )
        self.env.flush_all()
        queries = []
        for size in (3, 1, 3):  # the first call warms Odoo's caches
            lines = session.line_ids.sorted("id")[:size]
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            lines.browse(lines.ids)._tolerances()
            queries.append(self.env.cr.sql_log_count - before)
        self.assertEqual(queries[1], queries[2], "as many queries for 3 lines as for 1")
        self.assertLessEqual(queries[2], 4)
