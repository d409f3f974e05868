from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools import epc as epc_tools


class PerpetualEpcReader(models.AbstractModel):
    """What the tags of one RFID read stand for, shared by the scanning screens.

    A read is what a reader in keyboard-wedge mode types: EPCs in hexadecimal, one per
    line. Each distinct tag is decoded (tools/epc.py) and resolved to a product in one
    query per kind of record, whatever the number of tags; a tag that cannot count is
    listed with the reason, never dropped silently.
    """

    _name = "perpetual.epc.reader"
    _description = "RFID Read"

    @api.model
    def _resolve(self, read, company, new_serials=False, packages_count=False):
        """([(epc, product, lot, new serial, units)], [(epc, package)], [{"epc", "reason"}])
        for the tags of ``read``: those that count a product of ``company``, the package tags
        (SSCC) of its packages, and the others with the reason.

        :param new_serials: a serial number the system does not know yet counts as a new
            serial (a receipt that creates them), rather than being refused
        :param packages_count: the screen takes package tags (the Operations screen moves
            the package); elsewhere they are listed with the package's name
        """
        try:
            tags = [epc_tools.decode(epc) for epc in epc_tools.split_read(read)]
        except epc_tools.ReadError as error:
            raise UserError(self._read_error_message(str(error))) from None
        gtins = {tag.gtin for tag in tags if tag.kind == "product"}
        lookup = self.env["perpetual.scan.lookup"]
        products = lookup._products_by_gtins(gtins)
        serials = self._serials(tags, products, company)
        packages = lookup._packages_by_names({tag.sscc for tag in tags if tag.kind == "package"})
        counted, package_tags, refused = [], [], []
        for tag in tags:
            if tag.kind == "package":
                package, reason = self._package_of_tag(tag, packages, company, packages_count)
                if package:
                    package_tags.append((tag.epc, package))
                else:
                    refused.append({"epc": tag.epc, "reason": reason})
                continue
            product, units, reason = self._product_of_tag(tag, products, company)
            lot, new_serial = self.env["stock.lot"], ""
            if product and product.tracking == "serial":
                lot = serials.get((product.id, tag.serial), lot)
                new_serial = "" if lot or not new_serials else tag.serial
                if not (lot or new_serial):
                    reason = _(
                        "serial %(serial)s is not a known serial number of %(product)s",
                        serial=tag.serial,
                        product=product.display_name,
                    )
            elif product and product.tracking == "lot":
                reason = _(
                    "%(product)s is tracked by lot: scan the lot's barcode", product=product.display_name
                )
            if reason:
                refused.append({"epc": tag.epc, "reason": reason})
            else:
                counted.append((tag.epc, product, lot, new_serial, units))
        return counted, package_tags, refused

    @api.model
    def _package_of_tag(self, tag, packages, company, packages_count):
        """(package, reason not counted) for an SSCC tag."""
        package = packages.get(tag.sscc)
        if not package:
            return None, _("a package tag (SSCC %(sscc)s) of no known package", sscc=tag.sscc)
        if package.company_id and package.company_id != company:
            return None, _("package %(package)s belongs to another company", package=package.name)
        if not packages_count:
            return None, _("package %(package)s: count the items in it", package=package.name)
        return package.with_env(self.env), None

    @api.model
    def _count_read(
        self, read, scope, location, start_read, count_item, new_serials=False, count_package=None
    ):
        """Count the tags of ``read`` on ``scope`` (a count or a transfer) at ``location``, each
        tag once: the scope's EPC register (stock.epc.read) decides which tags are new. The
        tags of one product (and lot) are counted together by ``count_item``, in a savepoint:
        when it refuses them, they are listed with its reason and left free in the register.

        :param start_read: ``start_read(tags)`` logs the read's step in the screen's scan log
            and returns its operation, which an undo takes back whole
        :param count_item: ``count_item(product, lot, new serial, units, first epc, operation)``
            counts them and returns the line as the screen shows it
        :param count_package: ``count_package(package, epc, operation)`` counts a package tag's
            package and returns the screen's answer (its ``lines`` and ``units``); without it, package tags
            are listed as not counted
        :return: the screen's answer: tags read, counted (and units), already counted, moved
            (already counted at another location), refused (with the reason), the lines
        """
        counted, package_tags, refused = self._resolve(
            read, scope.company_id, new_serials=new_serials, packages_count=bool(count_package)
        )
        tags_read = len(counted) + len(package_tags) + len(refused)
        register = self.env["stock.epc.read"].sudo()
        new_epcs = register._register_tags(
            scope,
            location,
            [(epc, product.id, lot.id, units) for epc, product, lot, _new, units in counted]
            + [(epc, False, False, 0.0) for epc, _package in package_tags],
            packages={epc: package.id for epc, package in package_tags},
        )
        seen_before = register._locations_read(scope, {tag[0] for tag in counted + package_tags} - new_epcs)
        moved = [
            {"epc": epc, "location_name": place.complete_name}
            for epc, place in seen_before.items()
            if place != location
        ]
        items = {}
        for epc, product, lot, new_serial, units in counted:
            if epc in new_epcs:
                epcs, total = items.get((product, lot, new_serial), ([], 0.0))
                items[(product, lot, new_serial)] = (epcs + [epc], total + units)
        new_packages = [(epc, package) for epc, package in package_tags if epc in new_epcs]
        lines, package_units = [], 0.0
        if items or new_packages:
            operation = start_read(len(new_epcs))
            for (product, lot, new_serial), (epcs, units) in items.items():
                try:
                    with self.env.cr.savepoint():
                        lines.append(count_item(product, lot, new_serial, units, epcs[0], operation))
                except UserError as error:
                    register._forget(scope, epcs)
                    new_epcs -= set(epcs)
                    refused += [{"epc": epc, "reason": error.args[0]} for epc in epcs]
            for epc, package in new_packages:
                try:
                    with self.env.cr.savepoint():
                        answer = count_package(package, epc, operation)
                        lines += answer["lines"]
                        package_units += answer["units"]
                except UserError as error:
                    register._forget(scope, [epc])
                    new_epcs.discard(epc)
                    refused.append({"epc": epc, "reason": error.args[0]})
            register._link_operation(scope, new_epcs, operation)
        return {
            "type": "rfid",
            "tags_read": tags_read,
            "tags_counted": len(new_epcs),
            "units_counted": sum(tag[-1] for tag in counted if tag[0] in new_epcs) + package_units,
            "already_counted": len(seen_before) - len(moved),
            "moved": moved,
            "refused": refused,
            "lines": lines,
        }

    @api.model
    def _read_error_message(self, error):
        if error == "too many":
            return _(
                "More than %(count)s different tags in one read: nothing was counted. "
                "Read a shelf or a case at a time.",
                count=epc_tools.MAX_TAGS_PER_READ,
            )
        return _("The RFID read holds no tag: nothing was counted.")

    @api.model
    def _product_of_tag(self, tag, products, company):
        """(product, units, reason not counted) for one decoded tag."""
        product = self.env["product.product"]
        if tag.kind == "invalid":
            return product, 0.0, self._invalid_reason(tag.problem)
        if tag.kind == "other":
            return product, 0.0, _("not a product tag (%(scheme)s)", scheme=tag.problem)
        if tag.gtin not in products:
            return product, 0.0, _("no product has the GTIN %(gtin)s", gtin=tag.gtin)
        product, units = products[tag.gtin]
        # Read as superuser: the user may not read another company's product at all.
        if product.sudo().company_id not in (company, product.company_id.browse()):
            return (
                product.browse(),
                0.0,
                _("%(product)s belongs to another company", product=product.sudo().display_name),
            )
        return product, units, None

    @api.model
    def _invalid_reason(self, problem):
        return {
            "not hexadecimal": _("not an EPC (not hexadecimal)"),
            "wrong length": _("not an EPC (wrong length)"),
            "unknown header": _("an EPC of an unknown kind (header)"),
        }.get(problem) or _("a malformed EPC")

    @api.model
    def _serials(self, tags, products, company):
        """{(product id, serial): lot} of the serial-tracked products' tags, in one query."""
        wanted = {
            (products[tag.gtin][0].id, tag.serial)
            for tag in tags
            if tag.kind == "product"
            and tag.gtin in products
            and products[tag.gtin][0].sudo().tracking == "serial"
        }
        if not wanted:
            return {}
        lots = self.env["stock.lot"].search(
            [
                ("product_id", "in", list({product_id for product_id, _serial in wanted})),
                ("name", "in", list({serial for _product_id, serial in wanted})),
                ("company_id", "in", (company.id, False)),
            ]
        )
        return {(lot.product_id.id, lot.name): lot for lot in lots}
