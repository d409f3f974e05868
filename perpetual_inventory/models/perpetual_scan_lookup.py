from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools.barcode_parsing import Gs1Error, gtin_candidates, parse_gs1


class PerpetualScanLookup(models.AbstractModel):
    """What a scanned barcode stands for, shared by the scanning screens.

    Products are also searched beyond the user's companies, so that a product of
    another company is refused in words ("belongs to another company") rather than
    reported unknown. Every refusal is a UserError in the user's terms.
    """

    _name = "perpetual.scan.lookup"
    _description = "Barcode Lookup for Scanning Screens"

    @api.model
    def _clean_barcode(self, barcode):
        if not isinstance(barcode, str):
            raise UserError(_("A barcode is a text: nothing was recorded."))
        barcode = barcode.strip()
        if not barcode:
            raise UserError(_("Empty barcode: nothing was recorded."))
        return barcode

    @api.model
    def _location_by_barcode(self, barcode, company=None):
        """The location with this barcode among those the user may read; refused when it
        belongs to another company than ``company``."""
        location = self.env["stock.location"].search([("barcode", "=", barcode)], limit=1)
        if location and company and location.company_id and location.company_id != company:
            raise UserError(
                _(
                    "%(location)s belongs to another company: nothing was recorded.",
                    location=location.complete_name,
                )
            )
        return location

    @api.model
    def _package_by_barcode(self, barcode, company):
        """The package whose name was scanned, alone or as the SSCC of a GS1 code (AI 00)
        holding nothing else; refused when it is another company's. Searched as superuser,
        like products: another company's package is refused in words."""
        names = [barcode]
        try:
            gs1 = parse_gs1(barcode)
        except Gs1Error:
            gs1 = {}
        if gs1.get("sscc") and not gs1.get("gtin"):
            names.append(gs1["sscc"])
        package = self.env["stock.quant.package"].sudo().search([("name", "in", names)], limit=1)
        return self._own_package(package, company)

    @api.model
    def _packages_by_names(self, names):
        """{name: package} of the packages of these names (the SSCCs of RFID tags), in one
        query, as superuser: the caller refuses another company's (_own_package)."""
        packages = self.env["stock.quant.package"].sudo().search([("name", "in", list(names))])
        return {package.name: package for package in packages}

    @api.model
    def _own_package(self, package, company):
        if package.company_id and package.company_id != company:
            raise UserError(
                _(
                    "Package %(package)s belongs to another company: nothing was recorded.",
                    package=package.name,
                )
            )
        return package.with_env(self.env)

    @api.model
    def _product_by_barcode(self, barcode, company):
        """(product, quantity) for a product barcode (EAN/UPC, GTIN-14 with indicator 0)
        or a product packaging barcode (its pack quantity); an empty product when none."""
        product = self.env["product.product"]
        if not barcode:
            return product, 0.0
        candidates = gtin_candidates(barcode)
        found = (
            product.sudo().with_context(active_test=False).search([("barcode", "in", candidates)], limit=1)
        )
        quantity = 1.0
        if not found:
            packaging = (
                self.env["product.packaging"]
                .sudo()
                .search([("barcode", "in", candidates), ("qty", ">", 0)], limit=1)
            )
            found, quantity = packaging.product_id, packaging.qty
        if found.company_id and found.company_id != company:
            raise UserError(
                _(
                    "%(product)s belongs to another company: nothing was recorded here.",
                    product=found.display_name,
                )
            )
        return found.with_env(self.env), quantity

    @api.model
    def _products_by_gtins(self, gtins):
        """{GTIN-14: (product, units)} for the GTIN-14s of RFID tags, in two queries: a GTIN
        with indicator 0 is the product of that barcode (GTIN-14, EAN-13, UPC-A), one with
        indicator 1-8 the product packaging of that GTIN (its pack quantity). Searched
        beyond the user's companies, like _product_by_barcode: the caller refuses another
        company's. GTINs of no product are left out."""
        candidates = {gtin: gtin_candidates(gtin) for gtin in gtins}
        products = (
            self.env["product.product"]
            .sudo()
            .with_context(active_test=False)
            .search([("barcode", "in", [code for codes in candidates.values() for code in codes])])
        )
        product_of_barcode = {product.barcode: product for product in products}
        packagings = (
            self.env["product.packaging"]
            .sudo()
            .search([("barcode", "in", [gtin for gtin in gtins if gtin[0] != "0"]), ("qty", ">", 0)])
        )
        packaging_of_barcode = {packaging.barcode: packaging for packaging in packagings}
        found = {}
        for gtin, codes in candidates.items():
            product = next((product_of_barcode[code] for code in codes if code in product_of_barcode), None)
            if product:
                found[gtin] = (product.with_env(self.env), 1.0)
            elif gtin in packaging_of_barcode:
                packaging = packaging_of_barcode[gtin]
                found[gtin] = (packaging.product_id.with_env(self.env), packaging.qty)
        return found

    @api.model
    def _lot_by_name(self, product, name, company):
        """The lot/serial ``name`` of ``product`` in ``company``, or an empty record."""
        return self.env["stock.lot"].search(
            [
                ("product_id", "=", product.id),
                ("name", "=", name),
                ("company_id", "in", (company.id, False)),
            ],
            limit=1,
        )

    @api.model
    def _existing_lot(self, product, name, company):
        """The lot/serial ``name`` of ``product``; refused when there is none."""
        lot = self._lot_by_name(product, name, company)
        if not lot:
            raise UserError(
                _(
                    "%(lot)s is not a known lot/serial number of %(product)s.",
                    lot=name,
                    product=product.display_name,
                )
            )
        return lot

    @api.model
    def _gs1(self, barcode):
        """parse_gs1, with a malformed code refused in the user's terms."""
        try:
            return parse_gs1(barcode)
        except Gs1Error:
            raise UserError(
                _(
                    "%(barcode)s is not a valid GS1 barcode (a date, quantity or part "
                    "is malformed): nothing was recorded.",
                    barcode=barcode,
                )
            ) from None

    @api.model
    def _item_by_barcode(self, barcode, company, pending_product=None):
        """What an item barcode says, as a dict: ``product``, ``quantity``, ``lot_name``
        (read from a GS1 code or a lot scanned alone), ``lot`` (the existing lot/serial of
        that name, or an empty record), ``expiry`` and ``sscc`` (GS1).

        :param pending_product: a tracked product scanned before its lot/serial: the
            barcode is that lot/serial
        """
        lots = self.env["stock.lot"]
        if pending_product:
            lot = self._lot_by_name(pending_product, barcode, company)
            return self._item(pending_product, 1.0, barcode, lot)
        product, quantity = self._product_by_barcode(barcode, company)
        if product:
            return self._item(product, quantity, "", lots)
        gs1 = self._gs1(barcode)
        if gs1.get("gtin"):
            product, quantity = self._product_by_barcode(gs1["gtin"], company)
            if not product:
                raise UserError(_("Unknown product in GS1 barcode %(barcode)s.", barcode=barcode))
            lot_name = gs1.get("lot") or gs1.get("serial") or ""
            lot = self._lot_by_name(product, lot_name, company) if lot_name else lots
            item = self._item(product, gs1.get("quantity", quantity), lot_name, lot)
            item.update(expiry=gs1.get("expiry"), sscc=gs1.get("sscc"))
            return item
        lot = lots.search([("name", "=", barcode), ("company_id", "in", (company.id, False))], limit=2)
        if len(lot) == 1:
            return self._item(lot.product_id, 1.0, lot.name, lot)
        raise UserError(_("Unknown barcode %(barcode)s: nothing was recorded.", barcode=barcode))

    @api.model
    def _item(self, product, quantity, lot_name, lot):
        return {
            "product": product,
            "quantity": quantity,
            "lot_name": lot_name,
            "lot": lot,
            "expiry": None,
            "sscc": None,
        }
