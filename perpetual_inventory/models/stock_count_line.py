import math
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare, float_is_zero

MANAGER_GROUP = "perpetual_inventory.group_manager"
OPEN_STATES = ("to_count", "counted")
# No shelf holds more than this of one product: larger numbers are typing or scanning errors.
MAX_COUNT = 1e9
# What a manager plans by hand on a line not counted yet; the rest belongs to the workflow.
PLANNING_FIELDS = {"location_id", "product_id", "lot_id", "package_id", "owner_id", "counter_id"}


def check_quantity_value(value, product, allow_negative=False):
    """A quantity as a user or a client sent it, as a float; a ValidationError in the
    user's words when it is not a plausible count."""
    if isinstance(value, bool) or value is None:
        raise ValidationError(_("Enter the counted quantity as a number."))
    try:
        quantity = float(value)
    except (TypeError, ValueError):
        raise ValidationError(_("“%(value)s” is not a quantity: enter a number.", value=value)) from None
    if not math.isfinite(quantity):
        raise ValidationError(_("“%(value)s” is not a quantity: enter a number.", value=value))
    if abs(quantity) > MAX_COUNT:
        raise ValidationError(
            _(
                "%(quantity)s is not a plausible count of %(product)s: check the quantity.",
                quantity=value,
                product=product.display_name,
            )
        )
    if (
        not allow_negative
        and float_compare(quantity, 0, precision_rounding=product.uom_id.rounding or 0.01) < 0
    ):
        raise ValidationError(
            _("A counted quantity cannot be negative (%(product)s).", product=product.display_name)
        )
    return quantity


class StockCountLine(models.Model):
    """One product (lot, package, owner) at one location, counted once per round.

    A recount or a double count is a further line (round 2, then 3) pointing at
    the line it checks. The expected quantity is read when the line is counted:
    its difference is what the stock must move by, whatever moved since.
    """

    _name = "stock.count.line"
    _description = "Stock Count Line"
    _order = "session_id, location_id, count_round, product_id, id"
    _check_company_auto = True

    session_id = fields.Many2one("stock.count.session", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    session_state = fields.Selection(related="session_id.state", string="Session State")
    product_id = fields.Many2one("product.product", required=True, check_company=True, index=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one(
        "stock.lot", string="Lot/Serial", check_company=True, domain="[('product_id', '=', product_id)]"
    )
    package_id = fields.Many2one("stock.quant.package", check_company=True)
    owner_id = fields.Many2one("res.partner", help="Consigned stock: counted, not valued.")
    location_id = fields.Many2one(
        "stock.location",
        required=True,
        check_company=True,
        index=True,
        domain="[('usage', '=', 'internal')]",
    )
    counter_id = fields.Many2one("res.users", index=True)
    count_round = fields.Integer(string="Count", default=1, readonly=True)
    recount_of_id = fields.Many2one("stock.count.line", readonly=True, index=True)
    recount_line_ids = fields.One2many("stock.count.line", "recount_of_id", string="Recounts")
    is_double_count = fields.Boolean(readonly=True, help="An independent second count of a high-value line.")
    is_found_stock = fields.Boolean(readonly=True, help="Counted where the session expected nothing.")
    state = fields.Selection(
        [
            ("to_count", "To Count"),
            ("counted", "Counted"),
            ("recounted", "Recounted"),
            ("accepted", "Within Tolerance"),
            ("confirmed", "Difference Confirmed"),
            ("applied", "Applied"),
            ("variance", "Variance"),
            ("cancel", "Cancelled"),
        ],
        default="to_count",
        required=True,
        readonly=True,
        index=True,
    )
    counted_qty = fields.Float(digits="Product Unit of Measure")
    counted_by_id = fields.Many2one("res.users", readonly=True)
    counted_at = fields.Datetime(readonly=True)
    scan_ids = fields.One2many("stock.count.scan", "line_id", string="Scan Log", readonly=True)

    # Expected quantities, differences and values: managers only, never counters.
    expected_qty = fields.Float(
        digits="Product Unit of Measure",
        readonly=True,
        groups=MANAGER_GROUP,
        help="Quantity on hand when the line was counted.",
    )
    difference_qty = fields.Float(
        digits="Product Unit of Measure",
        compute="_compute_difference",
        store=True,
        groups=MANAGER_GROUP,
    )
    difference_value = fields.Monetary(
        compute="_compute_difference",
        store=True,
        groups=MANAGER_GROUP,
        currency_field="currency_id",
    )
    difference_percent = fields.Float(
        string="Difference (%)",
        compute="_compute_difference",
        store=True,
        groups=MANAGER_GROUP,
        aggregator="avg",
    )
    within_tolerance = fields.Boolean(readonly=True, groups=MANAGER_GROUP)
    currency_id = fields.Many2one(related="company_id.currency_id")
    adjustment_move_id = fields.Many2one(
        "stock.move",
        compute="_compute_adjustment_move_id",
        groups=MANAGER_GROUP,
        help="The inventory adjustment that booked this line's difference.",
    )
    variance_id = fields.Many2one("stock.variance", readonly=True, groups=MANAGER_GROUP)

    @api.depends("session_id.name", "product_id", "location_id", "count_round")
    def _compute_display_name(self):
        for line in self:
            name = _(
                "%(session)s: %(product)s at %(location)s",
                session=line.session_id.name,
                product=line.product_id.display_name,
                location=line.location_id.display_name,
            )
            if line.count_round > 1:
                name = _("%(name)s (count %(round)s)", name=name, round=line.count_round)
            line.display_name = name

    def init(self):
        # One line per stock and count round: concurrent scans of the same found stock
        # cannot open two lines.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS stock_count_line_unique_stock_round
                ON stock_count_line (session_id, location_id, product_id, COALESCE(lot_id, 0),
                                     COALESCE(package_id, 0), COALESCE(owner_id, 0), count_round)
             WHERE state != 'cancel'
        """)

    @api.depends("counted_qty", "expected_qty", "state")
    def _compute_difference(self):
        unit_costs = self._unit_costs()
        for line in self:
            if line.state in ("to_count", "cancel"):
                line.difference_qty = line.difference_value = line.difference_percent = 0.0
                continue
            line.difference_qty = line.counted_qty - line.expected_qty
            line.difference_value = line.difference_qty * unit_costs[line.id]
            line.difference_percent = (
                100.0 * line.difference_qty / line.expected_qty if line.expected_qty else 0.0
            )

    def _compute_adjustment_move_id(self):
        moves = self.env["stock.move"].sudo().search([("count_line_id", "in", self.ids)])
        move_of_line = {move.count_line_id.id: move for move in moves}
        for line in self:
            line.adjustment_move_id = move_of_line.get(line.id, False)

    @api.constrains("lot_id", "product_id")
    def _check_lot(self):
        for line in self:
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(
                    _(
                        "The lot %(lot)s is not a lot of %(product)s.",
                        lot=line.lot_id.name,
                        product=line.product_id.display_name,
                    )
                )

    # Who may change what --------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_planning_vals(vals)
                session = self.env["stock.count.session"].browse(vals.get("session_id"))
                if session.state not in ("draft", "in_progress"):
                    raise UserError(_("Lines can only be added to a count that is planned or in progress."))
        lines = super().create(vals_list)
        lines._reopen_finished_counters()
        return lines

    def write(self, vals):
        if "counted_qty" in vals and not self.env.su:
            vals = dict(vals)
            quantity = vals.pop("counted_qty")
            for line in self:
                line._set_count(quantity, action="typed")
        if not vals:
            return True
        if not self.env.su:
            self._check_planning_vals(vals)
            decided = self.filtered(lambda line: line.state != "to_count")
            if decided:
                raise UserError(
                    _(
                        "Only lines still to count can be planned again; %(product)s at %(location)s "
                        "is %(state)s.",
                        product=decided[0].product_id.display_name,
                        location=decided[0].location_id.display_name,
                        state=decided[0]._state_label(),
                    )
                )
        result = super().write(vals)
        if "counter_id" in vals:
            self._reopen_finished_counters()
        return result

    @api.model
    def _insert_lines_to_count(self, session, lines_values):
        """Lines to count of a new ``session`` (a daily cycle count of thousands of lines),
        inserted in one statement, in the order given: the ORM's create costs about a
        millisecond a line. Every column the ORM fills is filled here (company, author and
        dates, the stored differences, zero on a line to count).

        :param lines_values: [{"product_id", "location_id", "lot_id", "counter_id", ...}], the
            same keys in each; further keys are stored columns of the line (e.g. why counted)
        :return: the lines created
        """
        if not lines_values:
            return self
        self.env.flush_all()
        names = list(lines_values[0])
        arrays = [[values[name] or None for values in lines_values] for name in names]
        types = [self._fields[name].column_type[1] for name in names]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO stock_count_line (session_id, company_id, state, count_round, difference_qty,
                                              difference_value, difference_percent, create_uid, create_date,
                                              write_uid, write_date, %(columns)s)
                SELECT %(session)s, %(company)s, 'to_count', 1, 0, 0, 0, %(uid)s, %(now)s, %(uid)s, %(now)s,
                       %(values)s
                  FROM unnest(%(arrays)s) WITH ORDINALITY AS line (%(columns)s, position)
                 ORDER BY line.position
                RETURNING id
                """,
                columns=SQL(", ").join(SQL.identifier(name) for name in names),
                values=SQL(", ").join(SQL.identifier("line", name) for name in names),
                arrays=SQL(", ").join(
                    SQL("%s::%s[]", array, SQL(kind)) for array, kind in zip(arrays, types)
                ),
                session=session.id,
                company=session.company_id.id,
                uid=self.env.uid,
                now=self.env.cr.now(),
            )
        )
        session.invalidate_recordset(["line_ids"])
        return self.browse(sorted(row[0] for row in self.env.cr.fetchall()))

    def _reopen_finished_counters(self):
        """A counter who finished their part and is given lines to count (a recount, an
        exception count, a line reassigned to them) takes up their part again."""
        if not self.sudo().session_id.finished_counter_ids:
            return  # nobody finished yet: the usual case, checked without reading each line
        lines = self.sudo().filtered(
            lambda line: line.state == "to_count" and line.counter_id in line.session_id.finished_counter_ids
        )
        for session, session_lines in lines.grouped("session_id").items():
            session.finished_counter_ids -= session_lines.counter_id

    def _check_planning_vals(self, vals):
        """Managers plan what is counted where and by whom; quantities, expectations and
        decisions are the workflow's."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Counters can only enter counted quantities."))
        refused = set(vals) - PLANNING_FIELDS - {"session_id"}
        if refused:
            raise AccessError(
                _(
                    "%(fields)s of a count line are set by the counting workflow, not by hand.",
                    fields=", ".join(sorted(refused)),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_planned_lines(self):
        if self.env.su:
            return
        counted = self.filtered(
            lambda line: line.state != "to_count" or line.session_id.state not in ("draft", "in_progress")
        )
        if counted:
            raise UserError(
                _(
                    "Counted or decided lines are kept as the record of the count; only lines not "
                    "counted yet can be removed (%(product)s at %(location)s).",
                    product=counted[0].product_id.display_name,
                    location=counted[0].location_id.display_name,
                )
            )

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    # Counting -----------------------------------------------------------------

    def _set_count(self, quantity, action="typed", barcode=False, line_created=False, operation=False):
        """Record the user's count, the quantity on hand at this moment, and the scan log
        entry that lets the counter undo it."""
        self.ensure_one()
        quantity = check_quantity_value(quantity, self.product_id)
        self._check_countable(quantity)
        before = {"qty_before": self.counted_qty, "state_before": self.state}
        super(StockCountLine, self.sudo()).write(
            {
                "counted_qty": quantity,
                "counted_by_id": self.env.user.id,
                "counted_at": fields.Datetime.now(),
                "expected_qty": self._current_quantity(),
                "state": "counted",
            }
        )
        return self.env["stock.count.scan"]._log(
            self,
            action,
            barcode=barcode,
            line_created=line_created,
            operation=operation,
            qty_after=quantity,
            state_after="counted",
            **before,
        )

    def _check_countable(self, quantity):
        session = self.sudo().session_id
        session._check_not_finished_by_user()
        if session.state != "in_progress":
            raise UserError(
                _(
                    "%(session)s is %(state)s: its counts can no longer change.",
                    session=session.name,
                    state=dict(session._fields["state"]._description_selection(self.env))[session.state],
                )
            )
        if self.state not in OPEN_STATES:
            raise UserError(
                _(
                    "This line of %(product)s is already decided; it cannot be counted again.",
                    product=self.product_id.display_name,
                )
            )
        if (
            not self.env.su
            and not self.env.user.has_group(MANAGER_GROUP)
            and self.counter_id != self.env.user
        ):
            raise AccessError(_("This line is assigned to another counter."))
        self._check_count_input(self.product_id, self.lot_id, quantity)

    @api.model
    def _check_count_input(self, product, lot, quantity):
        check_quantity_value(quantity, product)
        if product.tracking != "none" and not lot:
            raise ValidationError(
                _("%(product)s is tracked: count it per lot or serial number.", product=product.display_name)
            )
        if product.tracking == "serial" and quantity not in (0, 1):
            raise ValidationError(
                _(
                    "A serial number is counted 0 or 1, not %(quantity)s (%(serial)s).",
                    quantity=quantity,
                    serial=lot.name,
                )
            )

    def _stock_key(self):
        self.ensure_one()
        return (self.location_id.id, self.product_id.id, self.lot_id.id, self.package_id.id, self.owner_id.id)

    def _current_quantity(self):
        """Quantity on hand of exactly the line's stock: product, lot, package and owner at its location."""
        self.ensure_one()
        quants = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "=", self.product_id.id),
                    ("location_id", "=", self.location_id.id),
                    ("lot_id", "=", self.lot_id.id),
                    ("package_id", "=", self.package_id.id),
                    ("owner_id", "=", self.owner_id.id),
                ],
                aggregates=["quantity:sum"],
            )
        )
        return quants[0][0] or 0.0

    # Tolerance and decisions (managers, at reconciliation) ------------------

    def _unit_cost(self):
        return self.product_id.with_company(self.company_id).sudo().standard_price

    def _unit_costs(self):
        """{line id: unit cost} of these lines' products, read once per company."""
        costs = {}
        for company, lines in self.grouped("company_id").items():
            products = lines.product_id.with_company(company).sudo()
            cost_of_product = {product.id: product.standard_price for product in products}
            costs.update((line.id, cost_of_product.get(line.product_id.id, 0.0)) for line in lines)
        return costs

    def _tolerances(self):
        """{line id: (percent, value)} allowed for these lines, read in one pass: the
        company settings here; extensions (ABC classes) refine them per line."""
        return {
            line.id: (line.company_id.count_tolerance_percent, line.company_id.count_tolerance_value)
            for line in self
        }

    def _is_within_tolerance(self, difference, base_quantity, tolerance, unit_cost=None):
        percent, value = tolerance
        rounding = self.product_uom_id.rounding
        within_quantity = (
            float_compare(abs(difference), abs(base_quantity) * percent / 100.0, precision_rounding=rounding)
            <= 0
        )
        if unit_cost is None:
            unit_cost = self._unit_cost()
        within_value = self.currency_id.compare_amounts(abs(difference) * unit_cost, value) <= 0
        return within_quantity and within_value

    def _decide(self):
        """Decide counted lines: accept, confirm a difference, or ask for another count.
        Returns the lines that reached a decision (accepted or confirmed)."""
        lines = self.sudo()
        tolerances = lines._tolerances()
        unit_costs = lines._unit_costs()
        new_state = {}
        to_recount_ids = []
        for line in lines.sorted(lambda line: (line.count_round, line.id)):
            if line.count_round == 1 and line.recount_line_ids:
                continue  # a double count: decided together with its second count
            tolerance, unit_cost = tolerances[line.id], unit_costs[line.id]
            within = line._is_within_tolerance(
                line.counted_qty - line.expected_qty, line.expected_qty, tolerance, unit_cost
            )
            if line.count_round == 2:
                first = line.recount_of_id
                new_state[first] = "recounted"
                agree = line._is_within_tolerance(
                    line.counted_qty - first.counted_qty, first.counted_qty, tolerance, unit_cost
                )
            else:
                # A baseline recounts only its high-value lines, which are double counted;
                # a third count decides.
                agree = line.count_round == 3 or line.session_id.kind == "baseline" or within
            if agree:
                new_state[line] = ("accepted", within) if within else ("confirmed", within)
            else:
                new_state[line] = "recounted"
                to_recount_ids.append(line.id)
        lines._write_decisions(new_state)
        lines.browse(to_recount_ids)._request_recount()
        decided = [line.id for line, state in new_state.items() if isinstance(state, tuple)]
        return self.browse(decided)

    def _write_decisions(self, new_state):  # pylint: disable=missing-return
        """One write per outcome instead of one per line (super() is the ORM's write,
        past this model's rules for clients; nothing to return)."""
        groups = defaultdict(list)
        for line, state in new_state.items():
            if isinstance(state, tuple):
                groups[(state[0], state[1])].append(line.id)
            else:
                groups[(state, None)].append(line.id)
        for (state, within), ids in groups.items():
            vals = {"state": state}
            if within is not None:
                vals["within_tolerance"] = within
            super(StockCountLine, self.browse(ids)).write(vals)

    def _counters(self):
        """Everyone assigned to or counting this line and the lines it checks."""
        counters = self.env["res.users"]
        line = self
        while line:
            counters |= line.counter_id | line.counted_by_id
            line = line.recount_of_id
        return counters

    def _request_recount(self, is_double_count=False):
        """A blind count of the same stock by a counter who has not counted it yet."""
        vals_list = []
        for line in self:
            others = line.session_id.counter_ids - line._counters()
            vals_list.append(
                {
                    "session_id": line.session_id.id,
                    "product_id": line.product_id.id,
                    "lot_id": line.lot_id.id,
                    "package_id": line.package_id.id,
                    "owner_id": line.owner_id.id,
                    "location_id": line.location_id.id,
                    "count_round": line.count_round + 1,
                    "recount_of_id": line.id,
                    "is_double_count": is_double_count,
                    "counter_id": others[:1].id,
                }
            )
        return self.sudo().create(vals_list)

    def _apply_adjustment(self, reason=None):
        """Book the lines' differences as inventory adjustments in one batch, as Odoo's own
        count does; matching counts confirm the quantity and the count date."""
        lines = self.sudo()
        if not lines:
            return
        reason = reason or lines.company_id.count_adjustment_reason_id
        if not reason:
            raise UserError(_("Set the reason for small differences in the Inventory settings."))
        description = _("Count %(session)s: %(product)s")  # translated once, not per line
        self.env["stock.move"].sudo()._create_count_adjustments(
            [
                {
                    "product": line.product_id,
                    "location": line.location_id,
                    "lot": line.lot_id,
                    "package": line.package_id,
                    "owner": line.owner_id,
                    "difference": line.difference_qty,
                    "count_line_id": line.id,
                    "description": description
                    % {"session": line.session_id.name, "product": line.product_id.display_name},
                }
                for line in lines
            ],
            reason,
        )
        super(StockCountLine, lines).write({"state": "applied"})
        lines._confirm_count_dates()

    def _confirm_count_dates(self):
        """Counted quants get their next inventory date, their locations today's count date."""
        self.location_id.write({"last_inventory_date": fields.Date.today()})
        keys = {line._stock_key() for line in self}
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("location_id", "in", self.location_id.ids),
                    ("product_id", "in", self.product_id.ids),
                ]
            )
            .filtered(
                lambda quant: (
                    (
                        quant.location_id.id,
                        quant.product_id.id,
                        quant.lot_id.id,
                        quant.package_id.id,
                        quant.owner_id.id,
                    )
                    in keys
                )
            )
        )
        for location, location_quants in quants.grouped("location_id").items():
            location_quants.inventory_date = location._get_next_inventory_date()

    def _open_variance(self):
        """Differences confirmed outside tolerance go to the variance log for approval."""
        found_stock = self.env.ref("perpetual_inventory.reason_found_stock")
        lines = self.sudo()
        variances = (
            self.env["stock.variance"]
            .sudo()
            .create(
                [
                    {
                        "company_id": line.company_id.id,
                        "session_id": line.session_id.id,
                        "count_line_id": line.id,
                        "kind": "count",
                        "product_id": line.product_id.id,
                        "lot_id": line.lot_id.id,
                        "package_id": line.package_id.id,
                        "owner_id": line.owner_id.id,
                        "location_id": line.location_id.id,
                        "expected_qty": line.expected_qty,
                        "counted_qty": line.counted_qty,
                        "counter_ids": [(6, 0, line._counters().ids)],
                        "reason_id": found_stock.id if line._is_found() else False,
                    }
                    for line in lines
                ]
            )
        )
        for line, variance in zip(lines, variances):
            super(StockCountLine, line).write({"state": "variance", "variance_id": variance.id})
        variances.action_submit()
        return variances

    def _is_found(self):
        first = self
        while first.recount_of_id:
            first = first.recount_of_id
        return first.is_found_stock or float_is_zero(
            self.expected_qty, precision_rounding=self.product_uom_id.rounding
        )
