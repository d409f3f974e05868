from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, float_repr

from ..tools.inputs import check_number, field_limit

TRANSFER_CODES = ("incoming", "outgoing", "internal")
CLOSED_STATES = ("done", "cancel")


def _number(value):
    """1000.0 as "1000", 12.5 as "12.5": a quantity as a warehouse user reads it."""
    return float_repr(value, 3).rstrip("0").rstrip(".")


class PickError(UserError):
    """A wrong product or a wrong bin scanned on a transfer: refused, and logged on picks."""

    def __init__(self, message, kind, product=None, location=None):
        super().__init__(message)
        self.kind = kind
        self.product = product
        self.location = location


class StockOperationScanner(models.AbstractModel):
    """Server side of the Operations screen: receipts, picks and internal transfers done by
    scan. One call per scan returns what the screen shows.

    The quantities are Odoo's own: a scan sets ``quantity`` and ``picked`` on the transfer's
    move lines (a reserved line first, a new line for an unreserved lot or location), and
    Validate calls Odoo's ``button_validate``. Errors come back as
    ``{"type": "error", "message": ...}`` with nothing written.
    """

    _name = "stock.operation.scanner"
    _description = "Operations Screen"

    # Access and arguments -------------------------------------------------------

    def _check_access(self):
        if not self.env.user.has_group("stock.group_stock_user"):
            raise AccessError(_("The Operations screen is for warehouse users (Inventory / User)."))

    @api.model
    def _id(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise UserError(_("The screen sent an invalid reference: reload it."))
        return value

    def _barcode(self, barcode):
        return self._lookup()._clean_barcode(barcode)

    def _transfer(self, transfer_id, open_only=True):
        picking = self.env["stock.picking"].browse(self._id(transfer_id)).exists()
        if not picking or picking.picking_type_code not in TRANSFER_CODES:
            raise UserError(_("This transfer does not exist (any more): reload the screen."))
        picking.check_access("read")
        if picking.company_id not in self.env.companies:
            raise UserError(_("%(transfer)s belongs to another company.", transfer=picking.name))
        if open_only:
            self._check_open(picking)
        return picking

    def _check_open(self, picking):
        picking.check_access("write")
        if picking.state in CLOSED_STATES:
            raise UserError(
                _(
                    "%(transfer)s is %(state)s: nothing more can be scanned on it.",
                    transfer=picking.name,
                    state=dict(picking._fields["state"]._description_selection(self.env))[picking.state],
                )
            )

    def _run(self, transfer_id, request_id, operation, *args):
        """Run one screen operation on a transfer in a savepoint: an error answer leaves
        nothing written (except the pick error it reports, logged afterwards)."""
        self._check_access()
        picking = False
        try:
            picking = self._transfer(transfer_id, open_only=False)
            # A request answered before is answered again, even once the transfer is done. The
            # operation runs in a savepoint there: an error rolls it back whole.
            return self._idempotent(request_id, picking, lambda: self._open_and_run(picking, operation, args))
        except PickError as error:
            if picking and picking.picking_type_code == "outgoing":
                self._log_pick_error(picking, error)
            return self._error(error.args[0])
        except (UserError, ValidationError, AccessError) as error:
            return self._error(error.args[0])

    def _open_and_run(self, picking, operation, args):
        self._check_open(picking)
        return operation(picking, *args)

    def _idempotent(self, request_id, picking, work):
        """``work()``, or the answer it gave the first time this request id was sent."""
        return self.env["perpetual.scan.request"]._replay_or_run(request_id, picking, work)

    def _error(self, message):
        return {"type": "error", "message": message}

    # Barcode lookups (the shared scan lookup) ---------------------------------------

    def _lookup(self):
        return self.env["perpetual.scan.lookup"]

    def _lookup_location(self, barcode, company):
        return self._lookup()._location_by_barcode(barcode, company)

    # Transfers list -------------------------------------------------------------

    @api.model
    def get_transfers(self, search=False):
        """Today's and earlier ready transfers, grouped by kind of operation."""
        self._check_access()
        end_of_today = fields.Datetime.end_of(fields.Datetime.now(), "day")
        domain = [
            ("state", "=", "assigned"),
            ("picking_type_code", "in", TRANSFER_CODES),
            ("scheduled_date", "<=", end_of_today),
            ("company_id", "in", self.env.companies.ids),
        ]
        if search:
            if not isinstance(search, str):
                raise UserError(_("Search by a transfer reference, an order number or a partner."))
            domain += [
                "|",
                "|",
                ("name", "ilike", search),
                ("origin", "ilike", search),
                ("partner_id", "ilike", search),
            ]
        pickings = self.env["stock.picking"].search(domain, order="scheduled_date, id", limit=500)
        names = dict(self.env["stock.picking.type"]._fields["code"]._description_selection(self.env))
        groups = []
        for code in TRANSFER_CODES:
            of_code = pickings.filtered(lambda picking, code=code: picking.picking_type_code == code)
            if of_code:
                groups.append(
                    {
                        "code": code,
                        "name": names[code],
                        "transfers": [self._transfer_summary(p) for p in of_code],
                    }
                )
        return {"groups": groups}

    def _transfer_summary(self, picking):
        moves = picking.move_ids.filtered(lambda move: move.state != "cancel")
        return {
            "id": picking.id,
            "name": picking.name,
            "origin": picking.origin or "",
            "partner_name": picking.partner_id.display_name or "",
            "scheduled_date": fields.Datetime.to_string(picking.scheduled_date),
            "state": picking.state,
            "location_name": picking.location_id.complete_name,
            "location_dest_name": picking.location_dest_id.complete_name,
            "lines_total": len(moves),
            "lines_done": len(moves.filtered(self._move_done)),
        }

    @api.model
    def open_by_barcode(self, barcode):
        """The open transfer whose reference, or whose order (PO / SO number), was scanned."""
        self._check_access()
        try:
            barcode = self._barcode(barcode)
            pickings = self.env["stock.picking"].search(
                [
                    "|",
                    ("name", "=", barcode),
                    ("origin", "=", barcode),
                    ("state", "not in", CLOSED_STATES),
                    ("picking_type_code", "in", TRANSFER_CODES),
                    ("company_id", "in", self.env.companies.ids),
                ],
                order="id",
            )
            if not pickings:
                raise UserError(_("No open transfer for %(barcode)s.", barcode=barcode))
            ready = pickings.filtered(lambda picking: picking.state == "assigned")
            return {"transfer_id": (ready or pickings)[0].id}
        except UserError as error:
            return self._error(error.args[0])

    @api.model
    def start_internal(self, barcode):
        """A new internal transfer from the location scanned on the list."""
        self._check_access()
        try:
            with self.env.cr.savepoint():
                barcode = self._barcode(barcode)
                location = self._lookup_location(barcode, self.env.company)
                if not location or location.usage != "internal":
                    raise UserError(_("%(barcode)s is not a stock location.", barcode=barcode))
                picking_type = location.warehouse_id.int_type_id
                if not picking_type or picking_type.company_id not in self.env.companies:
                    raise UserError(
                        _("%(location)s has no internal transfer type.", location=location.complete_name)
                    )
                picking = self.env["stock.picking"].create(
                    {
                        "picking_type_id": picking_type.id,
                        "location_id": location.id,
                        "location_dest_id": picking_type.default_location_dest_id.id or location.id,
                    }
                )
                self.env["stock.operation.scan"]._log(
                    picking, "location", location_id=location.id, barcode=barcode
                )
                return {"transfer_id": picking.id}
        except (UserError, ValidationError, AccessError) as error:
            return self._error(error.args[0])

    # One transfer -----------------------------------------------------------------

    @api.model
    def get_transfer_data(self, transfer_id):
        self._check_access()
        try:
            picking = self._transfer(transfer_id, open_only=False)
        except (UserError, AccessError) as error:
            return self._error(error.args[0])
        moves = picking.move_ids.filtered(lambda move: move.state != "cancel")
        lines = sorted((self._line_data(move) for move in moves), key=self._walking_key)
        location = self._current_location(picking)
        log = self.env["stock.operation.scan"]
        return {
            "transfer": {
                "id": picking.id,
                "name": picking.name,
                "state": picking.state,
                "code": picking.picking_type_code,
                "origin": picking.origin or "",
                "partner_name": picking.partner_id.display_name or "",
                "rules": self._rules(picking.picking_type_id),
                "customer_return": picking._pi_is_customer_return(),
            },
            "lines": lines,
            "current": {"location_id": location.id, "location_name": location.complete_name}
            if location
            else None,
            "can_undo": bool(log._last_operation(picking)),
        }

    def _rules(self, picking_type):
        return {
            "source_location": picking_type.pi_scan_source_location,
            "product": picking_type.pi_scan_product,
            "lot": picking_type.pi_scan_lot,
            "destination": picking_type.pi_scan_destination,
            "allow_extra": picking_type.pi_scan_allow_extra,
            "allow_empty_validation": picking_type.pi_scan_allow_empty_validation,
        }

    @staticmethod
    def _walking_key(line):
        """Lines still to do first, then in walking order: location, then product."""
        return (line["done"], line["walk_location"], line["product_name"], line["id"])

    def _scanned_qty(self, move):
        return sum(
            line.product_uom_id._compute_quantity(line.quantity, move.product_uom, round=False)
            for line in move.move_line_ids
            if line.picked
        )

    def _move_done(self, move):
        demand = move.product_uom_qty
        return (
            bool(demand)
            and float_compare(self._scanned_qty(move), demand, precision_rounding=move.product_uom.rounding)
            >= 0
        )

    def _line_data(self, move):
        picked = move.move_line_ids.filtered("picked")
        shown = picked or move.move_line_ids
        first = shown[:1]
        location = first.location_id or move.location_id
        destination = first.location_dest_id or move.location_dest_id
        walk = destination if move.picking_code == "incoming" else location
        return {
            "id": move.id,
            "product_id": move.product_id.id,
            "product_name": move.product_id.display_name,
            "barcode": move.product_id.barcode or "",
            "lot_name": ", ".join(
                sorted({line.lot_id.name or line.lot_name for line in shown} - {False, ""})
            ),
            "tracking": move.product_id.tracking,
            "location_name": location.complete_name,
            "location_dest_name": destination.complete_name,
            "walk_location": walk.complete_name or "",
            "demand": move.product_uom_qty,
            "scanned": self._scanned_qty(move),
            "done": self._move_done(move),
            "damaged": self._damaged_qty(move),
            "uom": move.product_uom.name,
        }

    def _progress_answer(self, move):
        """The line of a move after a scan or a typed quantity: scanned / demanded."""
        return self._line_answer(
            move,
            _(
                "%(product)s: %(scanned)s / %(demand)s",
                product=move.product_id.display_name,
                scanned=_number(self._scanned_qty(move)),
                demand=_number(move.product_uom_qty),
            ),
        )

    def _line_answer(self, move, message, kind="line"):
        return {"type": kind, "message": message, "line": self._line_data(move)}

    def _current_location(self, picking):
        """The source location the user scanned last on this transfer, if it has one."""
        if picking.location_id.usage != "internal":
            return self.env["stock.location"]
        step = self.env["stock.operation.scan"]._last_step(picking, ("location",))
        return step.location_id.with_env(self.env)

    # Scanning ---------------------------------------------------------------------

    @api.model
    def scan(self, transfer_id, barcode, request_id=None):
        return self._run(transfer_id, request_id, self._scan, barcode)

    def _scan(self, picking, barcode):
        barcode = self._barcode(barcode)
        location = self._lookup_location(barcode, picking.company_id)
        if location:
            return self._scan_location(picking, location, barcode)
        package = self._lookup()._package_by_barcode(barcode, picking.company_id)
        if package:
            return self._scan_package(picking, package, barcode)
        product, lot, lot_name, quantity = self._parse_item(picking, barcode)
        if product.tracking != "none" and not (lot or lot_name):
            answer = self._ask_lot(picking, product, barcode)
            if answer:
                return answer
        return self._count(picking, product, lot, lot_name, quantity, barcode, "scan")

    @api.model
    def scan_epcs(self, transfer_id, read, request_id=None):
        """Scan the RFID tags of one read (EPCs in hexadecimal, one per line, as a reader in
        keyboard-wedge mode types a trigger pull) on the transfer: a tagged case or pallet
        received against the purchase order, goods picked. Each tag counts once per
        transfer (its EPC register decides); each product's tags count as its scans would,
        with the same checks (a product or lot not in the transfer is refused, and logged
        as a pick error on a delivery). A receipt that creates lots receives the serials of
        new tags. Undo takes the whole read back."""
        return self._run(transfer_id, request_id, self._scan_epcs, read)

    def _scan_epcs(self, picking, read):
        location = self._current_location(picking) or (
            picking.location_dest_id if picking.picking_type_code == "incoming" else picking.location_id
        )
        pick_errors = []

        def start_read(tags_counted):
            step = self.env["stock.operation.scan"]._log(
                picking, "rfid", barcode=_("%(count)s RFID tags", count=tags_counted)
            )
            return step.operation

        def count_item(product, lot, new_serial, units, epc, operation):
            try:
                answer = self._count(
                    picking, product, lot, new_serial, units, epc, "scan", operation=operation
                )
            except PickError as error:
                pick_errors.append(error)
                raise
            return answer["line"]

        answer = self.env["perpetual.epc.reader"]._count_read(
            read,
            picking,
            location,
            start_read,
            count_item,
            new_serials=picking.picking_type_code == "incoming" and picking.picking_type_id.use_create_lots,
            count_package=lambda package, epc, operation: self._scan_package(
                picking, package, epc, operation=operation
            ),
        )
        if picking.picking_type_code == "outgoing":
            for error in pick_errors:
                self._log_pick_error(picking, error)
        return answer

    def _parse_item(self, picking, barcode):
        """(product, lot, new lot name, quantity) for a product, packaging, GS1 or lot barcode;
        after a tracked product asked for its lot, a barcode that is no product is that lot."""
        company = picking.company_id
        lookup = self._lookup()
        product, quantity = lookup._product_by_barcode(barcode, company)
        if product:
            return product, self.env["stock.lot"], "", quantity
        pending = self.env["stock.operation.scan"]._last_step(picking)
        pending_product = pending.product_id.with_env(self.env) if pending.action == "need_lot" else None
        item = lookup._item_by_barcode(barcode, company, pending_product=pending_product)
        product, lot, lot_name = item["product"], item["lot"], item["lot_name"]
        if lot_name and not lot:
            self._check_new_lot(picking, product, lot_name)
        quantity = check_number(item["quantity"], _("Quantity"))
        return product, lot, "" if lot else lot_name, quantity

    def _check_new_lot(self, picking, product, name):
        """A lot/serial number not known yet is created only by receipts whose type creates lots."""
        if picking.picking_type_code == "incoming" and picking.picking_type_id.use_create_lots:
            return
        raise UserError(
            _(
                "%(lot)s is not a known lot/serial number of %(product)s.",
                lot=name,
                product=product.display_name,
            )
        )

    def _ask_lot(self, picking, product, barcode):
        """A "need_lot" answer, unless the lot may be taken from the reserved line (the type
        does not force its scan, and the goods leave a location)."""
        if not picking.picking_type_id.pi_scan_lot and picking.picking_type_code != "incoming":
            reserved = picking.move_line_ids.filtered(
                lambda line: line.product_id == product and line.lot_id and not line.picked
            )
            if reserved:
                return False
        move = self._moves_of(picking, product)[:1]
        self.env["stock.operation.scan"]._log(
            picking, "need_lot", product_id=product.id, move_id=move.id, barcode=barcode
        )
        return {
            "type": "need_lot",
            "message": _("Scan the lot/serial number of %(product)s.", product=product.display_name),
            "line": self._line_data(move) if move else None,
            "product_id": product.id,
        }

    def _moves_of(self, picking, product):
        # Searched, not filtered from the transfer's moves: a scan's time must not grow
        # with the number of lines (bench/operation_scan.py).
        return self.env["stock.move"].search(
            [
                ("picking_id", "=", picking.id),
                ("product_id", "=", product.id),
                ("state", "not in", CLOSED_STATES),
            ]
        )

    # Packages ---------------------------------------------------------------------------

    def _scan_package(self, picking, package, barcode, operation=False):
        """Pick a whole package: its reserved lines on the transfer are picked as reserved;
        a transfer that takes extra items (or one started by scan) gets the package's content
        as new lines. When the transfer then holds everything in the package, the package
        itself moves (its lines keep it as their destination package)."""
        if picking.picking_type_code == "incoming":
            raise UserError(
                _("%(package)s is a package: on a receipt, scan the items in it.", package=package.name)
            )
        if not package.quant_ids:
            raise UserError(_("Package %(package)s is empty: nothing was recorded.", package=package.name))
        location = self._package_location(picking, package)
        reserved = picking.move_line_ids.filtered(
            lambda line: line.package_id == package and not line.picked and line.quantity > 0
        )
        if picking.move_line_ids.filtered(lambda line: line.package_id == package and line.picked):
            raise UserError(
                _("Package %(package)s was already scanned in this transfer.", package=package.name)
            )
        if reserved:
            lines = self._pick_reserved_package(picking, package, reserved, barcode, operation)
        elif picking.picking_type_id.pi_scan_allow_extra or picking.state == "draft":
            lines = self._add_package(picking, package, location, barcode, operation)
        else:
            raise PickError(
                _("Package %(package)s is not in this transfer.", package=package.name),
                "wrong_product",
                location=location,
            )
        if picking._check_move_lines_map_quant_package(package):
            lines.result_package_id = package
        moves = lines.move_id
        return {
            "type": "package",
            "message": _(
                "Package %(package)s: %(count)s line(s) picked.", package=package.name, count=len(lines)
            ),
            "line": self._line_data(moves[:1]),
            "lines": [self._line_data(move) for move in moves],
            "units": sum(lines.mapped("quantity")),
        }

    def _package_location(self, picking, package):
        """Where the package is; refused when it is outside the transfer's source or away from
        the location scanned last."""
        location = package.location_id
        source = picking.location_id
        if not location or not location.parent_path.startswith(source.parent_path):
            raise PickError(
                _(
                    "Package %(package)s is at %(location)s, outside this transfer, which takes from %(source)s.",
                    package=package.name,
                    location=location.complete_name or _("no location"),
                    source=source.complete_name,
                ),
                "wrong_location",
                location=location,
            )
        current = self._current_location(picking)
        if picking.picking_type_id.pi_scan_source_location and not current:
            raise UserError(_("Scan the source location first."))
        if current and current != location:
            raise PickError(
                _(
                    "Package %(package)s is at %(location)s, not at %(current)s.",
                    package=package.name,
                    location=location.complete_name,
                    current=current.complete_name,
                ),
                "wrong_location",
                location=current,
            )
        return location

    def _pick_reserved_package(self, picking, package, reserved, barcode, operation):
        for line in reserved:
            taken = line.quantity
            line.picked = True
            self._write_scanned(line, taken)
            operation = self._log_package_line(
                picking, package, line, barcode, operation, origin_line_id=line.id, reserved_taken=taken
            )
        return reserved

    def _add_package(self, picking, package, location, barcode, operation):
        lines = self.env["stock.move.line"]
        for quant in package.quant_ids.filtered(lambda quant: quant.quantity > 0):
            line = self.env["stock.move.line"].create(
                {
                    "picking_id": picking.id,
                    "product_id": quant.product_id.id,
                    "product_uom_id": quant.product_uom_id.id,
                    "location_id": location.id,
                    "location_dest_id": picking.location_dest_id.id,
                    "lot_id": quant.lot_id.id,
                    "package_id": package.id,
                    "owner_id": quant.owner_id.id,
                    "quantity": quant.quantity,
                    "picked": True,
                }
            )
            line.sudo().pi_scanned_qty = line.quantity
            if picking.state == "draft":
                line.move_id.product_uom_qty = self._scanned_qty(line.move_id)
            operation = self._log_package_line(picking, package, line, barcode, operation, line_created=True)
            lines |= line
        return lines

    def _log_package_line(self, picking, package, line, barcode, operation, **values):
        """Log a line a package scan picked, in the step ``operation``; returns the step's id."""
        entry = self.env["stock.operation.scan"]._log(
            picking,
            "scan",
            operation=operation,
            move_id=line.move_id.id,
            move_line_id=line.id,
            product_id=line.product_id.id,
            package_id=package.id,
            lot_name=line.lot_id.name or False,
            location_id=line.location_id.id,
            location_dest_id=line.location_dest_id.id,
            barcode=barcode,
            qty_before=0.0,
            qty_after=line.quantity,
            **values,
        )
        return entry.operation

    def _scan_location(self, picking, location, barcode):
        log = self.env["stock.operation.scan"]
        source, destination = picking.location_id, picking.location_dest_id
        in_source = source.usage == "internal" and location.parent_path.startswith(source.parent_path)
        in_destination = destination.usage == "internal" and location.parent_path.startswith(
            destination.parent_path
        )
        waiting = self._waiting_destination(picking)
        if in_destination and (waiting or not in_source):
            if not waiting:
                raise UserError(
                    _(
                        "Scan a product first, then the location where you put it (%(location)s).",
                        location=location.complete_name,
                    )
                )
            return self._scan_destination(picking, location, waiting, barcode)
        if in_source:
            log._log(picking, "location", location_id=location.id, barcode=barcode)
            return {
                "type": "location",
                "message": location.complete_name,
                "location_id": location.id,
                "location_name": location.complete_name,
            }
        raise PickError(
            _(
                "%(location)s is outside this transfer, which goes from %(start)s to %(destination)s.",
                location=location.complete_name,
                start=source.complete_name,
                destination=destination.complete_name,
            ),
            "wrong_location",
            location=location,
        )

    def _waiting_destination(self, picking):
        """The lines scanned since their destination was last scanned."""
        return picking.move_line_ids.filtered(
            lambda line: line.picked and line.pi_scanned_qty and not line.pi_dest_scanned
        )

    def _scan_destination(self, picking, location, lines, barcode):
        log = self.env["stock.operation.scan"]
        operation = False
        for line in lines:
            entry = log._log(
                picking,
                "destination",
                operation=operation,
                move_id=line.move_id.id,
                move_line_id=line.id,
                product_id=line.product_id.id,
                location_dest_id=location.id,
                previous_location_dest_id=line.location_dest_id.id,
                qty_before=line.quantity,
                qty_after=line.quantity,
                barcode=barcode,
            )
            operation = entry.operation
        lines.location_dest_id = location
        lines.sudo().pi_dest_scanned = True
        return {
            "type": "destination",
            "message": _(
                "%(count)s line(s) put in %(location)s.", count=len(lines), location=location.complete_name
            ),
            "line": self._line_data(lines[-1].move_id),
            "location_id": location.id,
            "location_name": location.complete_name,
        }

    def _count(self, picking, product, lot, lot_name, quantity, barcode, action, operation=False):
        """Add ``quantity`` of the product (and lot) to the transfer's lines, at the scanned
        location; log it."""
        picking_type = picking.picking_type_id
        rounding = product.uom_id.rounding
        if float_compare(quantity, 0, precision_rounding=rounding) <= 0:
            raise UserError(_("Enter a quantity above zero."))
        location = self._current_location(picking)
        if picking_type.pi_scan_source_location and picking.location_id.usage == "internal" and not location:
            raise UserError(_("Scan the source location first."))
        moves = self._moves_of(picking, product)
        extra_allowed = picking_type.pi_scan_allow_extra or picking.state == "draft"
        if not moves and not extra_allowed:
            raise PickError(
                _("%(product)s is not in this transfer.", product=product.display_name),
                "wrong_product",
                product=product,
                location=location,
            )
        self._check_serial(picking, product, lot, lot_name, quantity)
        self._check_destination_order(picking, product)
        line, entry_values = self._add_to_line(picking, moves, product, lot, lot_name, location, quantity)
        move = line.move_id
        if picking.state == "draft":
            move.product_uom_qty = self._scanned_qty(move)  # a transfer started by scan asks what was scanned
        elif (
            not picking_type.pi_scan_allow_extra
            and float_compare(
                self._scanned_qty(move), move.product_uom_qty, precision_rounding=move.product_uom.rounding
            )
            > 0
        ):
            raise UserError(
                _(
                    "%(product)s: %(scanned)s scanned, more than the %(demand)s %(uom)s asked. "
                    "This operation takes no extra quantity.",
                    product=product.display_name,
                    scanned=_number(self._scanned_qty(move)),
                    demand=_number(move.product_uom_qty),
                    uom=move.product_uom.name,
                )
            )
        self.env["stock.operation.scan"]._log(
            picking,
            action,
            operation=operation,
            move_id=move.id,
            move_line_id=line.id,
            product_id=product.id,
            lot_name=line.lot_id.name or line.lot_name or False,
            location_id=line.location_id.id,
            location_dest_id=line.location_dest_id.id,
            barcode=barcode or False,
            **entry_values,
        )
        return self._progress_answer(move)

    def _check_serial(self, picking, product, lot, lot_name, quantity):
        if product.tracking != "serial" or not (lot or lot_name):
            return
        name = lot.name or lot_name
        if float_compare(quantity, 1, precision_rounding=product.uom_id.rounding):
            raise UserError(
                _(
                    "A serial number is one unit: scan each serial of %(product)s.",
                    product=product.display_name,
                )
            )
        if picking.move_line_ids.filtered(
            lambda line: (
                line.picked and line.product_id == product and (line.lot_id.name or line.lot_name) == name
            )
        ):
            raise UserError(_("Serial number %(serial)s was already scanned in this transfer.", serial=name))
        if (
            picking.picking_type_code == "incoming"
            and lot
            and lot.sudo().quant_ids.filtered(
                lambda quant: quant.location_id.usage == "internal" and quant.quantity > 0
            )
        ):
            raise UserError(
                _("Serial number %(serial)s is already in stock: it cannot be received again.", serial=name)
            )

    def _check_destination_order(self, picking, product):
        if picking.picking_type_id.pi_scan_destination != "after_each":
            return
        waiting = self._waiting_destination(picking).filtered(lambda line: line.product_id != product)
        if waiting:
            raise UserError(
                _("Scan where you put %(product)s first.", product=waiting[0].product_id.display_name)
            )

    def _add_to_line(self, picking, moves, product, lot, lot_name, location, quantity):
        """(move line, scan log values): the quantity added to a scanned line, else taken from
        a reserved line, else on a new line."""
        lines = moves.move_line_ids

        def matches(line):
            if location and line.location_id != location:
                return False
            if lot:
                return line.lot_id == lot
            if lot_name:
                return line.lot_name == lot_name or (
                    not line.picked and not line.lot_id and not line.lot_name
                )
            return True

        candidates = lines.filtered(matches)
        scanned = candidates.filtered(
            lambda line: line.picked and (not lot_name or line.lot_name == lot_name)
        )[:1]
        reserved = candidates.filtered(lambda line: not line.picked and line.quantity > 0)[:1]
        if scanned:
            before = scanned.quantity
            values = {"qty_before": before}
            if (
                reserved
                and float_compare(reserved.quantity, quantity, precision_rounding=product.uom_id.rounding) > 0
            ):
                self._take_reserved(
                    reserved, quantity, lambda: self._write_scanned(scanned, before + quantity)
                )
                values.update(origin_line_id=reserved.id, reserved_taken=quantity)
            else:
                self._write_scanned(scanned, before + quantity)
            return scanned, {**values, "qty_after": scanned.quantity}
        if (
            reserved
            and float_compare(reserved.quantity, quantity, precision_rounding=product.uom_id.rounding) <= 0
        ):
            taken = reserved.quantity
            vals = {"lot_name": lot_name} if lot_name else {}
            reserved.write({**vals, "picked": True})
            self._write_scanned(reserved, quantity)
            return reserved, {
                "qty_before": 0.0,
                "qty_after": quantity,
                "origin_line_id": reserved.id,
                "reserved_taken": taken,
            }
        if reserved:
            line = self._take_reserved(
                reserved,
                quantity,
                lambda: self._new_line(
                    picking,
                    moves,
                    product,
                    lot or reserved.lot_id,
                    lot_name,
                    reserved.location_id,
                    quantity,
                    reserved,
                ),
            )
            return line, {
                "qty_before": 0.0,
                "qty_after": quantity,
                "origin_line_id": reserved.id,
                "reserved_taken": quantity,
                "line_created": True,
            }
        line = self._new_line(
            picking, moves, product, lot, lot_name, location or picking.location_id, quantity
        )
        return line, {"qty_before": 0.0, "qty_after": quantity, "line_created": True}

    def _take_reserved(self, reserved, quantity, add_scanned):
        """``add_scanned()``, its ``quantity`` taken off the ``reserved`` line: the move keeps its
        quantity. Where nothing is reserved from stock (a receipt), the scanned quantity is
        added first, so that the move's quantity never dips below its demand: its state, and
        its transfer's, are not computed again (a scan's time stays flat)."""
        from_stock = not reserved.location_id.should_bypass_reservation()
        if from_stock:
            reserved.quantity -= quantity
        added = add_scanned()
        if not from_stock:
            reserved.quantity -= quantity
        return added

    def _new_line(self, picking, moves, product, lot, lot_name, location, quantity, like=None):
        move = moves[:1]
        line = self.env["stock.move.line"].create(
            {
                "picking_id": picking.id,
                "move_id": move.id,
                "product_id": product.id,
                "product_uom_id": (move.product_uom or product.uom_id).id,
                "location_id": location.id,
                "location_dest_id": (
                    like.location_dest_id if like else move.location_dest_id or picking.location_dest_id
                ).id,
                "lot_id": lot.id,
                "lot_name": lot_name or False,
                "package_id": like.package_id.id if like else False,
                "owner_id": like.owner_id.id if like else False,
                "quantity": quantity,
                "picked": True,
            }
        )
        line.sudo().pi_scanned_qty = line.quantity
        return line

    def _write_scanned(self, line, quantity):
        # One write (as superuser: only the screen confirms a line by scan); the user's write
        # access to the transfer was checked before any scan. Both fields have the same digits.
        line.sudo().write({"quantity": quantity, "pi_scanned_qty": quantity, "pi_dest_scanned": False})

    # Typed quantities ---------------------------------------------------------------

    @api.model
    def set_quantity(self, transfer_id, move_id, quantity, request_id=None):
        return self._run(transfer_id, request_id, self._set_quantity, move_id, quantity)

    def _set_quantity(self, picking, move_id, quantity):
        move = picking.move_ids.filtered(lambda move: move.id == self._id(move_id))
        if not move or move.state in CLOSED_STATES:
            raise UserError(
                _("This line is not part of %(transfer)s: reload the screen.", transfer=picking.name)
            )
        product = move.product_id
        limit = field_limit(self.env["stock.move.line"]._fields["quantity"], self.env)
        quantity = check_number(
            quantity, _("Quantity of %(product)s", product=product.display_name), limit=limit
        )
        if quantity is False or quantity is None or quantity < 0:
            raise UserError(_("Enter a quantity of zero or more."))
        log = self.env["stock.operation.scan"]
        if picking.picking_type_id.pi_scan_product and not log.sudo().search_count(
            [("move_id", "=", move.id), ("action", "=", "scan"), ("undone", "=", False)], limit=1
        ):
            raise UserError(_("Scan %(product)s before typing its quantity.", product=product.display_name))
        if product.tracking == "serial":
            raise UserError(
                _(
                    "Scan each serial number of %(product)s: its quantity cannot be typed.",
                    product=product.display_name,
                )
            )
        delta = quantity - self._scanned_qty(move)
        rounding = move.product_uom.rounding
        if float_is_zero(delta, precision_rounding=rounding):
            return self._line_answer(move, _("%(product)s: unchanged.", product=product.display_name))
        scanned = move.move_line_ids.filtered(lambda line: line.picked)
        if delta > 0 and not scanned:
            if product.tracking != "none" and not move.move_line_ids.filtered("lot_id"):
                raise UserError(
                    _("Scan the lot/serial number of %(product)s first.", product=product.display_name)
                )
            return self._count(picking, product, self.env["stock.lot"], "", delta, False, "typed")
        if delta < 0 and len(scanned) > 1:
            raise UserError(
                _(
                    "%(product)s was scanned from several lots or locations: undo the scans to lower it.",
                    product=product.display_name,
                )
            )
        line = scanned[:1]
        before = line.quantity
        self._write_scanned(line, before + delta)
        if (
            not picking.picking_type_id.pi_scan_allow_extra
            and picking.state != "draft"
            and float_compare(self._scanned_qty(move), move.product_uom_qty, precision_rounding=rounding) > 0
        ):
            raise UserError(
                _(
                    "%(product)s: at most %(demand)s %(uom)s. This operation takes no extra quantity.",
                    product=product.display_name,
                    demand=_number(move.product_uom_qty),
                    uom=move.product_uom.name,
                )
            )
        if picking.state == "draft":
            move.product_uom_qty = self._scanned_qty(move)
        log._log(
            picking,
            "typed",
            move_id=move.id,
            move_line_id=line.id,
            product_id=product.id,
            location_id=line.location_id.id,
            qty_before=before,
            qty_after=line.quantity,
        )
        return self._progress_answer(move)

    # Undo -------------------------------------------------------------------------------

    @api.model
    def undo(self, transfer_id, request_id=None):
        return self._run(transfer_id, request_id, self._undo)

    def _undo(self, picking):
        log = self.env["stock.operation.scan"]
        entries = log._last_operation(picking)
        if not entries:
            raise UserError(_("Nothing to undo."))
        moves = entries.move_id
        for entry in entries:
            self._undo_entry(picking, entry)
        entries.write({"undone": True})
        log._log(picking, "undo", move_id=moves[:1].id, product_id=entries[:1].product_id.id)
        move = moves.exists()[:1].with_env(self.env)
        answer = {
            "type": "undo",
            "message": _("Last step undone."),
            "line": self._line_data(move) if move else None,
        }
        return answer

    def _undo_entry(self, picking, entry):
        if entry.action == "damaged":
            return self._undo_damaged(entry)
        if entry.action == "rfid":  # the read's first entry; its tags count again when read again
            self.env["stock.epc.read"].sudo()._forget(picking, operations=[entry.operation])
            return
        line = entry.move_line_id.with_env(self.env)
        if entry.action == "destination":
            if line:
                line.location_dest_id = entry.previous_location_dest_id
                line.sudo().pi_dest_scanned = False
            return
        if not line or float_compare(
            line.quantity, entry.qty_after, precision_rounding=line.product_uom_id.rounding
        ):
            raise UserError(
                _(
                    "%(product)s changed since this step: nothing was undone.",
                    product=entry.product_id.display_name,
                )
            )
        if entry.package_id:
            line.result_package_id = False
        origin = entry.origin_line_id.with_env(self.env).exists()
        move = line.move_id
        if entry.line_created:
            line.unlink()
            if origin:
                origin.quantity += entry.reserved_taken
        elif origin == line:
            line.write({"quantity": entry.reserved_taken, "picked": False})
            line.sudo().write({"pi_scanned_qty": 0.0, "pi_dest_scanned": False})
        else:
            self._write_scanned(line, entry.qty_before)
            if origin:
                origin.quantity += entry.reserved_taken
        if picking.state == "draft" and move.exists():
            move.product_uom_qty = self._scanned_qty(move)

    # Validation -------------------------------------------------------------------------

    @api.model
    def validate(self, transfer_id, request_id=None):
        return self._run(transfer_id, request_id, self._validate)

    def _validate(self, picking):
        scanned = picking.move_line_ids.filtered(lambda line: line.picked and line.pi_scanned_qty)
        if not scanned and not picking.picking_type_id.pi_scan_allow_empty_validation:
            raise UserError(_("Nothing was scanned on %(transfer)s yet.", transfer=picking.name))
        result = picking.button_validate()
        if isinstance(result, dict):
            return {"type": "action", "action": result}
        return {"type": "done", "message": _("%(transfer)s is done.", transfer=picking.name)}

    # Pick errors ---------------------------------------------------------------------------

    def _log_pick_error(self, picking, error):
        self.env["stock.operation.scan"]._log(
            picking,
            "pick_error",
            error_kind=error.kind,
            product_id=error.product.id if error.product else False,
            location_id=error.location.id if error.location else False,
            message=error.args[0][:250],
        )

    # Customer returns: items marked damaged ------------------------------------------------

    @api.model
    def mark_damaged(self, transfer_id, move_id, quantity=1, request_id=None):
        """Mark ``quantity`` more scanned units of a line of a customer return as damaged
        (one, for the item just scanned). Validation receives them with the return, then
        writes them off (``stock.picking._pi_write_off_damaged``). Undo takes the mark back."""
        return self._run(transfer_id, request_id, self._mark_damaged, move_id, quantity)

    def _mark_damaged(self, picking, move_id, quantity):
        if not picking._pi_is_customer_return():
            raise UserError(
                _(
                    "%(transfer)s is not a customer return: only goods a customer sends back are "
                    "marked damaged here. Write other damaged stock off with a scrap order.",
                    transfer=picking.name,
                )
            )
        move = picking.move_ids.filtered(lambda move: move.id == self._id(move_id))
        if not move or move.state in CLOSED_STATES:
            raise UserError(
                _("This line is not part of %(transfer)s: reload the screen.", transfer=picking.name)
            )
        product = move.product_id
        limit = field_limit(self.env["stock.move.line"]._fields["quantity"], self.env)
        quantity = check_number(
            quantity, _("Damaged quantity of %(product)s", product=product.display_name), limit=limit
        )
        rounding = move.product_uom.rounding
        if (
            quantity is None
            or quantity is False
            or float_compare(quantity, 0, precision_rounding=rounding) <= 0
        ):
            raise UserError(_("Enter a damaged quantity above zero."))
        line = self._line_to_mark_damaged(move, quantity)
        before = line.pi_damaged_qty
        line.sudo().pi_damaged_qty = before + move.product_uom._compute_quantity(
            quantity, line.product_uom_id, round=False
        )
        self.env["stock.operation.scan"]._log(
            picking,
            "damaged",
            move_id=move.id,
            move_line_id=line.id,
            product_id=product.id,
            lot_name=line.lot_id.name or line.lot_name or False,
            location_id=line.location_id.id,
            location_dest_id=line.location_dest_id.id,
            qty_before=before,
            qty_after=line.pi_damaged_qty,
        )
        return self._line_answer(
            move,
            _(
                "%(product)s: %(damaged)s of %(scanned)s damaged, to be written off.",
                product=product.display_name,
                damaged=_number(self._damaged_qty(move)),
                scanned=_number(self._scanned_qty(move)),
            ),
        )

    def _line_to_mark_damaged(self, move, quantity):
        """The scanned line of the move the damaged units belong to: the last one scanned
        that has that many undamaged units."""
        rounding = move.product_uom.rounding

        def undamaged(line):
            return line.product_uom_id._compute_quantity(
                line.quantity - line.pi_damaged_qty, move.product_uom, round=False
            )

        scanned = move.move_line_ids.filtered("picked")
        steps = (
            self.env["stock.operation.scan"]
            .sudo()
            .search(
                [
                    ("move_id", "=", move.id),
                    ("action", "in", ("scan", "typed", "rfid")),
                    ("undone", "=", False),
                ]
            )
        )
        last_scanned_first = steps.move_line_id.with_env(self.env).filtered(lambda line: line in scanned)
        for line in last_scanned_first | scanned:
            if float_compare(undamaged(line), quantity, precision_rounding=rounding) >= 0:
                return line
        raise UserError(
            _(
                "%(product)s: %(scanned)s scanned, %(damaged)s already damaged. Scan the damaged "
                "item before marking it.",
                product=move.product_id.display_name,
                scanned=_number(self._scanned_qty(move)),
                damaged=_number(self._damaged_qty(move)),
            )
        )

    def _damaged_qty(self, move):
        return sum(
            line.product_uom_id._compute_quantity(line.pi_damaged_qty, move.product_uom, round=False)
            for line in move.move_line_ids
            if line.picked
        )

    def _undo_damaged(self, entry):
        line = entry.move_line_id.with_env(self.env)
        if not line or float_compare(
            line.pi_damaged_qty, entry.qty_after, precision_rounding=line.product_uom_id.rounding
        ):
            raise UserError(
                _(
                    "%(product)s changed since this step: nothing was undone.",
                    product=entry.product_id.display_name,
                )
            )
        line.sudo().pi_damaged_qty = entry.qty_before
