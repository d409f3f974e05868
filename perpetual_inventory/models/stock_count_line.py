from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

MANAGER_GROUP = "perpetual_inventory.group_manager"


class StockCountLine(models.Model):
    """One product (and lot) at one location, counted once per round.

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
    location_id = fields.Many2one(
        "stock.location", required=True, check_company=True, index=True,
        domain="[('usage', '=', 'internal')]",
    )
    counter_id = fields.Many2one("res.users", string="Counter", index=True)
    count_round = fields.Integer(string="Count", default=1, readonly=True)
    recount_of_id = fields.Many2one("stock.count.line", string="Recount Of", readonly=True, index=True)
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
        default="to_count", required=True, readonly=True, index=True,
    )
    counted_qty = fields.Float(digits="Product Unit of Measure")
    counted_by_id = fields.Many2one("res.users", string="Counted By", readonly=True)
    counted_at = fields.Datetime(readonly=True)

    # Expected quantities, differences and values: managers only, never counters.
    expected_qty = fields.Float(
        digits="Product Unit of Measure", readonly=True, groups=MANAGER_GROUP,
        help="Quantity on hand when the line was counted.",
    )
    difference_qty = fields.Float(
        digits="Product Unit of Measure", compute="_compute_difference", store=True, groups=MANAGER_GROUP,
    )
    difference_value = fields.Monetary(
        compute="_compute_difference", store=True, groups=MANAGER_GROUP, currency_field="currency_id",
    )
    difference_percent = fields.Float(
        string="Difference (%)", compute="_compute_difference", store=True, groups=MANAGER_GROUP,
    )
    within_tolerance = fields.Boolean(readonly=True, groups=MANAGER_GROUP)
    currency_id = fields.Many2one(related="company_id.currency_id")
    adjustment_move_id = fields.Many2one("stock.move", readonly=True, groups=MANAGER_GROUP)
    variance_id = fields.Many2one("stock.variance", readonly=True, groups=MANAGER_GROUP)

    @api.depends("counted_qty", "expected_qty", "state")
    def _compute_difference(self):
        for line in self:
            if line.state in ("to_count", "cancel"):
                line.difference_qty = line.difference_value = line.difference_percent = 0.0
                continue
            line.difference_qty = line.counted_qty - line.expected_qty
            line.difference_value = line.difference_qty * line._unit_cost()
            line.difference_percent = (
                100.0 * line.difference_qty / line.expected_qty if line.expected_qty else 0.0
            )

    @api.constrains("lot_id", "product_id")
    def _check_lot(self):
        for line in self:
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(_("The lot %(lot)s is not a lot of %(product)s.",
                                        lot=line.lot_id.name, product=line.product_id.display_name))

    # Counting -----------------------------------------------------------------

    def write(self, vals):
        if "counted_qty" in vals:
            quantity = vals.pop("counted_qty")
            for line in self:
                line._set_count(quantity)
        if vals and not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Counters can only enter counted quantities."))
        return super().write(vals) if vals else True

    def _set_count(self, quantity):
        """Record the user's count and the quantity on hand at this moment."""
        self.ensure_one()
        self._check_countable(quantity)
        super(StockCountLine, self.sudo()).write({
            "counted_qty": quantity,
            "counted_by_id": self.env.user.id,
            "counted_at": fields.Datetime.now(),
            "expected_qty": self._current_quantity(),
            "state": "counted",
        })

    def _check_countable(self, quantity):
        session = self.sudo().session_id
        if session.state != "in_progress":
            raise UserError(_(
                "%(session)s is %(state)s: its counts can no longer change.",
                session=session.name,
                state=dict(session._fields["state"]._description_selection(self.env))[session.state],
            ))
        if self.state not in ("to_count", "counted"):
            raise UserError(_("This line of %(product)s is already decided; it cannot be counted again.",
                              product=self.product_id.display_name))
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP) and self.counter_id != self.env.user:
            raise AccessError(_("This line is assigned to another counter."))
        self._check_count_input(self.product_id, self.lot_id, quantity)

    @api.model
    def _check_count_input(self, product, lot, quantity):
        if float_compare(quantity, 0, precision_rounding=product.uom_id.rounding) < 0:
            raise ValidationError(_("A counted quantity cannot be negative (%(product)s).",
                                    product=product.display_name))
        if product.tracking != "none" and not lot:
            raise ValidationError(_("%(product)s is tracked: count it per lot or serial number.",
                                    product=product.display_name))
        if product.tracking == "serial" and quantity not in (0, 1):
            raise ValidationError(_("A serial number is counted 0 or 1, not %(quantity)s (%(serial)s).",
                                    quantity=quantity, serial=lot.name))

    def _current_quantity(self):
        """Quantity on hand of the line's product and lot at exactly its location."""
        self.ensure_one()
        quants = self.env["stock.quant"].sudo()._read_group(
            [
                ("product_id", "=", self.product_id.id),
                ("location_id", "=", self.location_id.id),
                ("lot_id", "=", self.lot_id.id),
            ],
            aggregates=["quantity:sum"],
        )
        return quants[0][0] or 0.0

    # Tolerance and decisions (managers, at reconciliation) ------------------

    def _unit_cost(self):
        return self.product_id.with_company(self.company_id).sudo().standard_price

    def _tolerances(self):
        """{line id: (percent, value)} allowed for these lines, read in one pass: the
        company settings here; extensions (ABC classes) refine them per line."""
        return {
            line.id: (line.company_id.count_tolerance_percent, line.company_id.count_tolerance_value)
            for line in self
        }

    def _tolerance(self):
        """(percent, value) allowed for this line."""
        self.ensure_one()
        return self._tolerances()[self.id]

    def _is_within_tolerance(self, difference, base_quantity):
        percent, value = self._tolerance()
        rounding = self.product_uom_id.rounding
        within_quantity = float_compare(
            abs(difference), abs(base_quantity) * percent / 100.0, precision_rounding=rounding
        ) <= 0
        within_value = self.currency_id.compare_amounts(abs(difference) * self._unit_cost(), value) <= 0
        return within_quantity and within_value

    def _decide(self):
        """Decide counted lines: accept, confirm a difference, or ask for another count.
        Returns the lines that reached a decision (accepted or confirmed)."""
        decided = self.browse()
        for line in self.sorted(lambda line: (line.count_round, line.id)):
            if line.count_round == 1 and line.recount_line_ids:
                continue  # a double count: decided together with its second count
            if line.count_round == 1:
                # A baseline recounts only its high-value lines, which are double counted.
                if line.session_id.kind == "baseline" or line.sudo()._difference_within_tolerance():
                    decided |= line._settle()
                else:
                    line.state = "recounted"
                    line._request_recount()
            elif line.count_round == 2:
                first = line.recount_of_id
                first.state = "recounted"
                if line._is_within_tolerance(line.counted_qty - first.counted_qty, first.counted_qty):
                    decided |= line._settle()
                else:
                    line.state = "recounted"
                    line._request_recount()
            else:
                decided |= line._settle()
        return decided

    def _difference_within_tolerance(self):
        return self._is_within_tolerance(self.counted_qty - self.expected_qty, self.expected_qty)

    def _settle(self):
        within = self.sudo()._difference_within_tolerance()
        self.sudo().write({"state": "accepted" if within else "confirmed", "within_tolerance": within})
        return self

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
        self.ensure_one()
        already = self._counters()
        others = self.session_id.counter_ids - already
        return self.create({
            "session_id": self.session_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "location_id": self.location_id.id,
            "count_round": self.count_round + 1,
            "recount_of_id": self.id,
            "is_double_count": is_double_count,
            "counter_id": others[:1].id,
        })

    def _apply_adjustment(self, reason=None):
        """Book each line's difference as an inventory adjustment on the reason's account."""
        for line in self.sudo():
            reason_to_use = reason or line.company_id.count_adjustment_reason_id
            move = self.env["stock.move"]
            if not float_is_zero(line.difference_qty, precision_rounding=line.product_uom_id.rounding):
                move = move.sudo()._create_count_adjustment(
                    line.product_id, line.location_id, line.lot_id, line.difference_qty, reason_to_use,
                    _("Count %(session)s: %(product)s", session=line.session_id.name,
                      product=line.product_id.display_name),
                )
            line.write({"state": "applied", "adjustment_move_id": move.id})

    def _open_variance(self):
        """Differences confirmed outside tolerance go to the variance log for approval."""
        variances = self.env["stock.variance"]
        found_stock = self.env.ref("perpetual_inventory.reason_found_stock")
        for line in self.sudo():
            variance = self.env["stock.variance"].create({
                "company_id": line.company_id.id,
                "session_id": line.session_id.id,
                "count_line_id": line.id,
                "kind": "count",
                "product_id": line.product_id.id,
                "lot_id": line.lot_id.id,
                "location_id": line.location_id.id,
                "expected_qty": line.expected_qty,
                "counted_qty": line.counted_qty,
                "counter_ids": [(6, 0, line._counters().ids)],
                "reason_id": found_stock.id if line._is_found() else False,
            })
            line.write({"state": "variance", "variance_id": variance.id})
            variances |= variance
        variances.action_submit()
        return variances

    def _is_found(self):
        first = self
        while first.recount_of_id:
            first = first.recount_of_id
        return first.is_found_stock or float_is_zero(self.expected_qty, precision_rounding=self.product_uom_id.rounding)
