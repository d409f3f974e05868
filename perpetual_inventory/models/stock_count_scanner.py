from odoo import _, api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_repr

from .stock_count_line import check_quantity_value

LINE_OPEN_STATES = ("to_count", "counted")


def _number(value):
    """1000.0 as "1000", 12.5 as "12.5": a quantity as a counter reads it."""
    return float_repr(value, 3).rstrip("0").rstrip(".")


class StockCountScanner(models.AbstractModel):
    """Server side of the Count screen: one call per scan, returning what the screen shows.

    Every answer is blind: it never holds an expected quantity, a value or a cost.
    Errors come back as ``{"type": "error", "message": ...}`` with nothing recorded,
    so that the screen can show them and play the error sound.
    """

    _name = "stock.count.scanner"
    _description = "Count Screen"

    # Screen data -------------------------------------------------------------

    @api.model
    def get_screen_data(self, session_id=False, session_ids=None):
        """The user's open count lines, grouped by location in walking order; the counts
        they finished; and where they are, as the scan log knows it: the location of their
        last step and whether they can undo one (the screen takes up there after a reload).

        :param session_id, session_ids: the counts the screen was opened on (default: all
            the user's counts in progress)
        """
        session_id = self._id(session_id)
        if session_id:
            session_ids = [session_id]
        elif session_ids is not None:
            session_ids = self._id_list(session_ids)
        sessions = self._my_sessions(session_ids=session_ids)
        lines = self.env["stock.count.line"].search(
            [
                ("session_id", "in", sessions.ids),
                ("counter_id", "=", self.env.uid),
                ("state", "in", LINE_OPEN_STATES),
            ]
        )
        locations = {}
        for line in lines.sorted(lambda line: (line.location_id.complete_name, line.id)):
            group = locations.setdefault(
                (line.session_id.id, line.location_id.id),
                {
                    **self._location_data(line.location_id),
                    "session_id": line.session_id.id,
                    "lines": [],
                },
            )
            group["lines"].append(self._line_data(line))
        log = self.env["stock.count.scan"]
        current_session, current_location = log._current_location(sessions)
        finished = self._my_finished_sessions(session_ids)
        return {
            "sessions": [
                {"id": s.id, "name": s.name, "kind": s.kind, "finished": s in finished}
                for s in sessions | finished
            ],
            "locations": list(locations.values()),
            "current": {"session_id": current_session.id, **self._location_data(current_location)}
            if current_location
            else False,
            "can_undo": bool(log._last_operation(sessions)),
        }

    def _my_sessions(self, session_id=False, session_ids=None):
        """The counts in progress the user counts and has not finished their part of."""
        domain = [
            ("state", "=", "in_progress"),
            ("counter_ids", "in", self.env.uid),
            ("finished_counter_ids", "not in", self.env.uid),
        ]
        if session_id:
            domain.append(("id", "=", session_id))
        if session_ids is not None:
            domain.append(("id", "in", session_ids))
        return self.env["stock.count.session"].search(domain, order="id")

    def _my_finished_sessions(self, session_ids=None):
        """The counts whose part the user finished, while others count on; among the
        counts given (those the screen shows), also once everyone finished them."""
        domain = [("counter_ids", "in", self.env.uid), ("finished_counter_ids", "in", self.env.uid)]
        if session_ids is None:
            domain.append(("state", "=", "in_progress"))
        else:
            domain += [("id", "in", session_ids), ("state", "in", ("in_progress", "counted"))]
        return self.env["stock.count.session"].search(domain, order="id")

    @api.model
    def _location_data(self, location):
        return {
            "location_id": location.id,
            "location_name": location.complete_name,
            "location_barcode": location.barcode or "",
        }

    @api.model
    def _line_data(self, line):
        return {
            "id": line.id,
            "session_id": line.session_id.id,
            "location_id": line.location_id.id,
            "product_id": line.product_id.id,
            "product_name": line.product_id.display_name,
            "product_barcode": line.product_id.barcode or "",
            "lot_name": line.lot_id.name or "",
            "tracking": line.product_id.tracking,
            "uom": line.product_uom_id.name,
            "counted_qty": line.counted_qty,
            "state": line.state,
            "is_found_stock": line.is_found_stock,
            "count_round": line.count_round,
        }

    # Scanning ----------------------------------------------------------------

    @api.model
    def scan(
        self,
        barcode,
        session_id=False,
        location_id=False,
        pending_product_id=False,
        session_ids=None,
        confirmed=False,
        request_id=None,
    ):
        """Interpret one scanned barcode.

        :param session_id, location_id: the current location, once one was scanned
        :param pending_product_id: a tracked product scanned before its lot/serial
        :param session_ids: the sessions shown on the screen
        :param confirmed: the counter confirmed an implausible quantity (a GS1 code's count)
        :param request_id: the screen's id for this scan (see perpetual.scan.request)
        """
        return self._answer(
            self._scan,
            barcode,
            session_id,
            location_id,
            pending_product_id,
            session_ids,
            confirmed,
            request_id=request_id,
            scope=self._scope(session_id),
        )

    def _answer(self, operation, *args, request_id=None, scope=None):
        """Run one screen operation in a savepoint: an error answer leaves nothing written.

        :param request_id: the id the screen made for this request: sent again, it gets
            the first answer back and changes nothing
        :param scope: the count the request works on, if known
        """
        requests = self.env["perpetual.scan.request"]
        scope = scope or self.env["stock.count.session"]
        try:
            return requests._replay_or_run(request_id, scope, lambda: operation(*args))
        except (UserError, ValidationError, AccessError) as error:
            return self._error(error.args[0])

    def _scope(self, session_id):
        """The count a request names, for the request log (never trusted for access)."""
        sessions = self.env["stock.count.session"]
        if isinstance(session_id, bool) or not isinstance(session_id, int) or not 0 < session_id < 2**31:
            return sessions
        return sessions.browse(session_id)

    def _scan(self, barcode, session_id, location_id, pending_product_id, session_ids, confirmed):
        if not isinstance(barcode, str):
            raise UserError(_("A barcode is a text: nothing was counted."))
        barcode = barcode.strip()
        if not barcode:
            raise UserError(_("Empty barcode: nothing was counted."))
        location = self._find_location(barcode)
        if location:
            return self._scan_location(location, self._id_list(session_ids))
        session, location = self._counting_place(session_id, location_id)
        package = self.env["perpetual.scan.lookup"]._package_by_barcode(barcode, session.company_id)
        if package:
            raise UserError(_("%(package)s is a package: count the items in it.", package=package.name))
        product, lot, quantity = self._parse_item(barcode, session, self._id(pending_product_id))
        if product.tracking != "none" and not lot:
            return {"type": "need_lot", "product_id": product.id, "product_name": product.display_name}
        doubt = not confirmed and self._implausible(product, session.company_id, quantity)
        if doubt:
            return doubt
        return self._count_item(session, location, product, lot, quantity, barcode)

    @api.model
    def scan_epcs(self, read, session_id=False, location_id=False, request_id=None):
        """Count the RFID tags of one read (EPCs in hexadecimal, one per line, as a reader
        in keyboard-wedge mode types a trigger pull) at the current location.

        Each tag counts once per count, whatever the reader repeats, the reads sent again,
        or another counter's reader: the count's EPC register decides. A tag already counted
        at another location is reported as moved, not counted again. The answer lists the
        lines counted (blind, as a scan's) and the tags not counted with the reason; an
        undo takes the whole read back."""
        return self._answer(
            self._scan_epcs,
            read,
            session_id,
            location_id,
            request_id=request_id,
            scope=self._scope(session_id),
        )

    def _scan_epcs(self, read, session_id, location_id):
        session, location = self._counting_place(session_id, location_id)

        def start_read(tags_counted):
            step = self.env["stock.count.scan"]._log_step(
                session, "rfid", location, barcode=_("%(count)s RFID tags", count=tags_counted)
            )
            return step.operation

        def count_item(product, lot, _new_serial, units, epc, operation):
            return self._count_item(session, location, product, lot, units, epc, operation=operation)["line"]

        answer = self.env["perpetual.epc.reader"]._count_read(read, session, location, start_read, count_item)
        band = self._read_rate_band(session, location)
        if band:
            answer["read_rate_band"] = band
        return answer

    def _read_rate_band(self, session, location):
        """How complete the count's reads at ``location`` are, as a band: the serial numbers
        the system has there that a read of this count has seen, over those it has. Only
        where the company shows it (rfid_read_rate); never a number of serials, which would
        tell a blind counter what the system expects."""
        if session.company_id.rfid_read_rate != "band":
            return None
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("location_id", "=", location.id),
                    ("product_id.tracking", "=", "serial"),
                    ("lot_id", "!=", False),
                    ("quantity", ">", 0),
                ]
            )
        )
        expected = set(quants.lot_id.ids)
        if not expected:
            return None
        seen = self.env["stock.epc.read"].sudo()._lots_read(session, location, expected)
        share = len(seen) / len(expected)
        if share >= 1:
            return _("all expected serials read")
        if share >= 0.9:
            return _("90 to 99 % of the expected serials read")
        if share >= 0.5:
            return _("50 to 89 % of the expected serials read")
        return _("under 50 % of the expected serials read")

    def _counting_place(self, session_id, location_id):
        """(count, location) where the screen says the counter is, checked."""
        location_id = self._id(location_id)
        if not location_id:
            raise UserError(_("Scan a location first."))
        session = self._session_for(session_id)
        location = self.env["stock.location"].browse(location_id).exists()
        if not location or location not in session._scope_locations():
            raise UserError(_("Scan a location of your count first."))
        return session, location

    def _error(self, message):
        return {"type": "error", "message": message}

    @api.model
    def _id(self, value):
        """A record id sent by a client, or False; anything else is refused."""
        if value in (False, None, 0):
            return False
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UserError(_("The screen sent an invalid reference: reload it."))
        return value

    @api.model
    def _id_list(self, values):
        if not values:
            return []
        if not isinstance(values, (list, tuple)):
            raise UserError(_("The screen sent an invalid reference: reload it."))
        return [self._id(value) for value in values]

    def _session_for(self, session_id):
        """The count in progress the user works on: the one given, or their only one."""
        session_id = self._id(session_id)
        sessions = self._my_sessions(session_id)
        if session_id and not sessions:
            self._my_finished_sessions([session_id])._check_not_finished_by_user()
            raise UserError(_("This count is not open for you: it is finished, or you do not count it."))
        if len(sessions) != 1:
            raise UserError(_("Scan a location first: you have several counts open."))
        return sessions

    def _find_location(self, barcode):
        return self.env["perpetual.scan.lookup"]._location_by_barcode(barcode)

    def _scan_location(self, location, session_ids):
        sessions = self._my_sessions()
        if session_ids:
            sessions = sessions.filtered(lambda session: session.id in session_ids)
        others = self.env["res.users"]
        for session in sessions.filtered(lambda session: location in session._scope_locations()):
            counters = session._counters_of_location(location)
            if not counters or self.env.user in counters:
                self.env["stock.count.scan"]._log_step(
                    session, "location", location, barcode=location.barcode
                )
                return {"type": "location", "session_id": session.id, **self._location_data(location)}
            others |= counters
        self._my_finished_sessions(session_ids or None).filtered(
            lambda session: location in session._scope_locations()
        )._check_not_finished_by_user()
        if others:
            raise UserError(
                _(
                    "%(location)s is counted by %(counters)s, not by you.",
                    location=location.complete_name,
                    counters=", ".join(others.mapped("name")),
                )
            )
        raise UserError(_("%(location)s is not part of your counts.", location=location.complete_name))

    def _parse_item(self, barcode, session, pending_product):
        """(product, lot, quantity) for a product, packaging, lot/serial or GS1 barcode."""
        lookup = self.env["perpetual.scan.lookup"]
        if pending_product:
            pending_product = self.env["product.product"].browse(pending_product)
        item = lookup._item_by_barcode(barcode, session.company_id, pending_product=pending_product)
        if item["lot_name"] and not item["lot"]:
            item["lot"] = lookup._existing_lot(item["product"], item["lot_name"], session.company_id)
        return item["product"], item["lot"], item["quantity"]

    def _count_item(self, session, location, product, lot, quantity, barcode, operation=False):
        lines = (
            self.env["stock.count.line"]
            .sudo()
            .search(
                [
                    ("session_id", "=", session.id),
                    ("location_id", "=", location.id),
                    ("product_id", "=", product.id),
                    ("lot_id", "=", lot.id),
                    ("state", "!=", "cancel"),
                ],
                order="count_round desc, package_id desc, id",
            )
        )
        open_lines = lines.filtered(lambda line: line.state in LINE_OPEN_STATES)
        if not lines:
            return self._line_answer(
                session._add_found_stock(
                    product, location, lot, quantity, barcode=barcode, operation=operation
                )
            )
        if not open_lines:
            raise UserError(
                _(
                    "%(product)s at %(location)s is already counted and decided.",
                    product=product.display_name,
                    location=location.complete_name,
                )
            )
        line = open_lines.filtered(lambda line: line.counter_id == self.env.user)[:1]
        if not line:
            raise UserError(
                _(
                    "%(product)s at %(location)s is counted by %(counter)s, not by you.",
                    product=product.display_name,
                    location=location.complete_name,
                    counter=open_lines[0].counter_id.name or _("another counter"),
                )
            )
        line = line.with_env(self.env)
        base = line.counted_qty if line.state == "counted" else 0.0
        if product.tracking == "serial" and line.state == "counted" and line.counted_qty:
            raise UserError(_("Serial number %(serial)s is already counted.", serial=lot.name))
        line._set_count(base + quantity, action="scan", barcode=barcode, operation=operation)
        return self._line_answer(line)

    def _line_answer(self, line):
        return {"type": "line", "line": self._line_data(line)}

    # Typing, undo and finishing -----------------------------------------------

    @api.model
    def set_quantity(self, line_id, quantity, confirmed=False, request_id=None):
        """Record a typed quantity; an implausible one only once the counter confirmed it."""
        return self._answer(self._set_quantity, line_id, quantity, confirmed, request_id=request_id)

    def _set_quantity(self, line_id, quantity, confirmed):
        line = self._my_line(line_id)
        quantity = check_quantity_value(quantity, line.product_id)
        line._check_countable(quantity)
        company = line.sudo().session_id.company_id
        doubt = not confirmed and self._implausible(line.product_id, company, quantity)
        if doubt:
            return doubt
        line._set_count(quantity, action="typed")
        return self._line_answer(line)

    def _implausible(self, product, company, quantity):
        """A "confirm" answer when the quantity is above the company's plausible count, else
        False. It tells the limit that was passed, never the expected quantity."""
        uom = product.uom_id.name
        pack = product.sudo().packaging_ids.filtered("qty")[:1]
        limit = company.count_plausible_qty
        if limit and quantity > limit:
            reason = _("more than %(limit)s %(uom)s", limit=_number(limit), uom=uom)
        elif company.count_plausible_packs and pack and quantity > company.count_plausible_packs * pack.qty:
            reason = _(
                "more than %(packs)s × %(pack)s (%(qty)s %(uom)s)",
                packs=_number(company.count_plausible_packs),
                pack=pack.name,
                qty=_number(pack.qty),
                uom=uom,
            )
        else:
            return False
        return {
            "type": "confirm",
            "quantity": quantity,
            "message": _(
                "%(quantity)s %(uom)s of %(product)s is %(reason)s. Is this quantity right?",
                quantity=_number(quantity),
                uom=uom,
                product=product.display_name,
                reason=reason,
            ),
        }

    @api.model
    def undo(self, session_ids=None, *_legacy_args, request_id=None):
        """Take back the user's last step, as the server's scan log recorded it."""
        return self._answer(self._undo, session_ids, request_id=request_id)

    def _undo(self, session_ids):
        sessions = self._my_sessions()
        session_ids = self._id_list(session_ids) if isinstance(session_ids, (list, tuple)) else []
        if session_ids:
            sessions = sessions.filtered(lambda session: session.id in session_ids)
        log = self.env["stock.count.scan"]
        entries = log._last_operation(sessions)
        if not entries:
            self._my_finished_sessions(session_ids or None)._check_not_finished_by_user()
            raise UserError(_("Nothing to undo."))
        lines = entries._undo()
        return {
            "type": "undone",
            "lines": [self._line_data(line) for line in lines if line.state != "cancel"],
            "removed_line_ids": lines.filtered(lambda line: line.state == "cancel").ids,
            "can_undo": bool(log._last_operation(sessions)),
        }

    def _my_line(self, line_id):
        line = self.env["stock.count.line"].browse(self._id(line_id)).exists()
        if not line or line.counter_id != self.env.user:
            raise AccessError(_("This count line is not yours."))
        return line

    @api.model
    def finish_location(self, session_id, location_id, request_id=None):
        return self._answer(
            self._finish_location,
            session_id,
            location_id,
            request_id=request_id,
            scope=self._scope(session_id),
        )

    def _finish_location(self, session_id, location_id):
        """What was not scanned at this location is not there: its lines count 0."""
        session = self._session_for(session_id)
        lines = self.env["stock.count.line"].search(
            [
                ("session_id", "=", session.id),
                ("location_id", "=", self._id(location_id)),
                ("counter_id", "=", self.env.uid),
                ("state", "=", "to_count"),
            ]
        )
        operation = False
        for line in lines:
            operation = line._set_count(0.0, action="zero", operation=operation).operation
        return {"type": "location_done", "zeroed": len(lines)}

    @api.model
    def finish_session(self, session_id, request_id=None):
        return self._answer(
            self._finish_session, session_id, request_id=request_id, scope=self._scope(session_id)
        )

    def _finish_session(self, session_id):
        """The counter's part is done: from now on their counts of the session are final."""
        session = self._session_for(session_id)
        waiting = session.sudo().line_ids.filtered(lambda line: line.state == "to_count")
        mine = waiting.filtered(lambda line: line.counter_id == self.env.user)
        if mine:
            raise UserError(_("%(count)s of your lines are not counted yet.", count=len(mine)))
        session.sudo().finished_counter_ids |= self.env.user
        self.env["stock.count.scan"]._log_step(session, "finish")
        if not waiting:
            session.sudo().action_finish_counting()
        return {"type": "session_done", "session_state": session.sudo().state, "others_waiting": len(waiting)}
