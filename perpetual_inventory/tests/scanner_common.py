from .count_common import CountCommon


def ean13(first_twelve):
    weighted = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(first_twelve))
    return first_twelve + str((10 - weighted % 10) % 10)


class ScannerCommon(CountCommon):
    """A count in progress over two bins with barcodes: A-01 for counter 1, B-01 for counter 2.

    A-01 holds 10 Espresso Beans and 5 Honey of lot L42; B-01 holds 20 Green Tea.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bin_a.barcode = "PITEST-A01"
        cls.bin_b.barcode = "PITEST-B01"
        cls.elsewhere = cls.env["stock.location"].create(
            {
                "name": "Z-99",
                "barcode": "PITEST-Z99",
                "location_id": cls.company_data["default_warehouse"].lot_stock_id.id,
            }
        )
        cls.beans.barcode = ean13("299990000001")
        cls.tea.barcode = ean13("299990000002")
        cls.soap.barcode = "PITEST-SOAP"
        cls.honey = cls.env["product.product"].create(
            {
                "name": "Honey",
                "is_storable": True,
                "tracking": "lot",
                "barcode": ean13("299990000003"),
                "categ_id": cls.company_data["categories"]["fifo"].id,
                "company_id": cls.company.id,
            }
        )
        cls.camera = cls.env["product.product"].create(
            {
                "name": "Camera",
                "is_storable": True,
                "tracking": "serial",
                "barcode": "PITEST-CAMERA",
                "categ_id": cls.company_data["categories"]["fifo"].id,
                "company_id": cls.company.id,
            }
        )
        cls.lot_42 = cls.env["stock.lot"].create(
            {"name": "L42", "product_id": cls.honey.id, "company_id": cls.company.id}
        )
        cls.serial_1 = cls.env["stock.lot"].create(
            {"name": "SN-0001", "product_id": cls.camera.id, "company_id": cls.company.id}
        )
        other_company = cls.setup_other_company()["company"]
        cls.foreign = cls.env["product.product"].create(
            {
                "name": "Foreign Jam",
                "is_storable": True,
                "barcode": "PITEST-FOREIGN",
                "company_id": other_company.id,
            }
        )
        for user in (cls.counter_1, cls.counter_2):
            user.password = user.login

    def setUp(self):
        super().setUp()
        self._receive_into(self.beans, 10, 5.0, self.bin_a)
        self._receive_into(self.tea, 20, 4.0, self.bin_b)
        quants = self.env["stock.quant"]
        quants._update_available_quantity(self.honey, self.bin_a, 5, lot_id=self.lot_42)
        quants._update_available_quantity(self.camera, self.bin_a, 1, lot_id=self.serial_1)
        self.count_session = self._session(self.bin_a | self.bin_b, self.counter_1 | self.counter_2)
        self.count_session.with_user(self.manager).action_start()
        self.count_session.line_ids.filtered(
            lambda line: line.location_id == self.bin_a
        ).counter_id = self.counter_1
        self.count_session.line_ids.filtered(
            lambda line: line.location_id == self.bin_b
        ).counter_id = self.counter_2

    def _lines_snapshot(self):
        return sorted(
            (
                line.product_id.name,
                line.location_id.name,
                line.lot_id.name or "",
                line.counted_qty,
                line.state,
            )
            for line in self.count_session.line_ids
        )
