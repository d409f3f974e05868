from collections import defaultdict

import psycopg2

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

from ..tools import retry_transaction

OPEN_VARIANCE_STATES = ("draft", "to_approve", "to_approve_finance", "approved")
# What one count line counts: a product (lot, package, owner) at a location.
STOCK_KEY_FIELDS = ["location_id", "product_id", "lot_id", "package_id", "owner_id"]


class StockCountSession(models.Model):
    """One counting document: what to count, who counts, and what came of it."""

    _name = "stock.count.session"
    _description = "Stock Count Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("perpetual_inventory.group_manager").id)],
    )
    kind = fields.Selection(
        [("baseline", "Baseline"), ("cycle", "Cycle"), ("spot", "Spot"), ("recount", "Recount")],
        required=True,
        default="spot",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_progress", "In Progress"),
            ("counted", "Counted"),
            ("reconciled", "Reconciled"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    location_ids = fields.Many2many(
        "stock.location",
        string="Locations",
        check_company=True,
        domain="[('usage', '=', 'internal')]",
    )
    include_child_locations = fields.Boolean(default=True)
    product_ids = fields.Many2many("product.product", string="Products", check_company=True)
    categ_ids = fields.Many2many("product.category", string="Product Categories")
    counter_ids = fields.Many2many(
        "res.users",
        "stock_count_session_counter_rel",
        "session_id",
        "user_id",
        string="Counters",
        domain=lambda self: [
            (
                "groups_id",
                "in",
                [
                    self.env.ref("perpetual_inventory.group_counter").id,
                    self.env.ref("perpetual_inventory.group_manager").id,
                ],
            )
        ],
    )
    finished_counter_ids = fields.Many2many(
        "res.users",
        "stock_count_session_finished_rel",
        "session_id",
        "user_id",
        string="Finished By",
        readonly=True,
        copy=False,
        help="Counters who finished their part: their counts of this session no longer change, "
        "unless they are given lines to count again.",
    )
    blind = fields.Boolean(
        default=True, help="Counters never see the expected quantities (always true for counters' rights)."
    )
    double_count_value = fields.Monetary(
        string="Double Count Above",
        currency_field="currency_id",
        help="Lines whose expected stock is worth more than this get two independent blind "
        "counts. Zero: no double counts.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Datetime(string="Started", readonly=True, copy=False)
    date_done = fields.Datetime(string="Closed", readonly=True, copy=False)
    zone_ids = fields.One2many("stock.count.zone", "session_id", string="Zones", copy=True)
    line_ids = fields.One2many("stock.count.line", "session_id", string="Lines", copy=False)
    variance_ids = fields.One2many("stock.variance", "session_id", string="Variances", copy=False)
    line_count = fields.Integer(compute="_compute_progress")
    to_count_count = fields.Integer(string="Lines to Count", compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress", help="Share of lines counted.")
    variance_count = fields.Integer(compute="_compute_variance_count")
    note = fields.Html()

    @api.depends("line_ids.state")
    def _compute_progress(self):
        for session in self:
            lines = session.line_ids.filtered(lambda line: line.state != "cancel")
            waiting = lines.filtered(lambda line: line.state == "to_count")
            session.line_count = len(lines)
            session.to_count_count = len(waiting)
            session.progress = 100.0 * (len(lines) - len(waiting)) / len(lines) if lines else 0.0

    @api.depends("variance_ids")
    def _compute_variance_count(self):
        for session in self:
            session.variance_count = len(session.variance_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("stock.count.session") or "/"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_or_cancelled(self):
        if any(session.state not in ("draft", "cancel") for session in self):
            raise UserError(_("Only draft or cancelled count sessions can be deleted."))

    # Scope --------------------------------------------------------------------

    def _scope_locations(self):
        self.ensure_one()
        if not self.location_ids:
            raise UserError(_("Choose the locations to count in %(session)s.", session=self.name))
        if not self.include_child_locations:
            return self.location_ids
        return self.env["stock.location"].search(
            [
                ("id", "child_of", self.location_ids.ids),
                ("usage", "=", "internal"),
            ]
        )

    def _scope_quant_domain(self):
        domain = [
            ("company_id", "=", self.company_id.id),
            ("location_id", "in", self._scope_locations().ids),
            ("product_id.is_storable", "=", True),
        ]
        if self.product_ids:
            domain.append(("product_id", "in", self.product_ids.ids))
        if self.categ_ids:
            domain.append(("product_id.categ_id", "child_of", self.categ_ids.ids))
        return domain

    def _in_scope(self, product, location):
        self.ensure_one()
        return (
            location in self._scope_locations()
            and (not self.product_ids or product in self.product_ids)
            and (
                not self.categ_ids
                or product.categ_id.parent_path.startswith(
                    tuple(categ.parent_path for categ in self.categ_ids)
                )
            )
        )

    # Workflow -----------------------------------------------------------------

    def action_start(self):
        for session in self:
            if session.state != "draft":
                raise UserError(_("%(session)s has already started.", session=session.name))
            lines_vals = session._prepare_lines_vals()
            session.write(
                {
                    "state": "in_progress",
                    "date_start": fields.Datetime.now(),
                    "line_ids": [Command.create(vals) for vals in lines_vals],
                }
            )
            session._create_double_count_lines()
            session.message_post(body=_("Counting started: %(count)s lines.", count=len(lines_vals)))

    def _prepare_lines_vals(self):
        """One line per product, lot and location with stock in scope, grouped so that
        each location (a counter's stop on the route) goes to one counter."""
        self.ensure_one()
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                self._scope_quant_domain(),
                STOCK_KEY_FIELDS,
                ["quantity:sum"],
            )
        )
        keys = sorted(
            (key for *key, quantity in groups if quantity),
            key=lambda key: (
                key[0].complete_name,
                key[1].default_code or "",
                key[1].name,
                key[2].name or "",
                key[3].name or "",
                key[4].name or "",
            ),
        )
        counter_of_location = self._assign_counters(dict.fromkeys(key[0] for key in keys))
        return [
            {
                "location_id": location.id,
                "product_id": product.id,
                "lot_id": lot.id,
                "package_id": package.id,
                "owner_id": owner.id,
                "counter_id": counter_of_location[location].id,
            }
            for location, product, lot, package, owner in keys
        ]

    def _assign_counters(self, locations):
        """{location: counter}: locations in turn to the team of their zone (or to all
        the session's counters), so that one counter walks each location."""
        assignment = {}
        turns = defaultdict(int)
        for location in locations:
            zone = self._zone_of(location)
            team = zone.counter_ids or self.counter_ids
            assignment[location] = team[turns[zone] % len(team)] if team else self.env["res.users"]
            turns[zone] += 1
        return assignment

    def _zone_of(self, location):
        return self.zone_ids.filtered(
            lambda zone: location.parent_path.startswith(tuple(zone.location_ids.mapped("parent_path")))
        )[:1]

    def _create_double_count_lines(self):
        """High-value lines get a second, independent blind count by another counter."""
        self.ensure_one()
        if not self.double_count_value:
            return
        # One query for the whole session, not one per line.
        on_hand = {
            tuple(record.id for record in key): quantity
            for *key, quantity in self.env["stock.quant"]
            .sudo()
            ._read_group(self._scope_quant_domain(), STOCK_KEY_FIELDS, ["quantity:sum"])
        }
        high_value = self.line_ids.filtered(
            lambda line: (
                line.count_round == 1
                and abs(
                    on_hand.get(line._stock_key(), 0.0)
                    * line.product_id.with_company(self.company_id).standard_price
                )
                > self.double_count_value
            )
        )
        high_value._request_recount(is_double_count=True)

    def action_finish_counting(self):
        for session in self:
            if session.state != "in_progress":
                raise UserError(_("%(session)s is not being counted.", session=session.name))
            session._check_all_counted()
            session.state = "counted"

    def _check_all_counted(self):
        waiting = self.line_ids.filtered(lambda line: line.state == "to_count")
        if waiting:
            raise UserError(
                _(
                    "%(count)s lines of %(session)s are not counted yet, e.g. %(product)s in %(location)s.",
                    count=len(waiting),
                    session=self.name,
                    product=waiting[0].product_id.display_name,
                    location=waiting[0].location_id.display_name,
                )
            )

    def action_reconcile(self):
        """Decides every counted line, then tells the manager what came out of it."""
        summaries = []
        for session in self:
            if session.state not in ("in_progress", "counted"):
                raise UserError(_("%(session)s cannot be reconciled in its state.", session=session.name))
            session._check_all_counted()
            decided = session.line_ids.filtered(lambda line: line.state == "counted")._decide()
            recounts = session.line_ids.filtered(lambda line: line.state == "to_count")
            accepted = decided.filtered(lambda line: line.state == "accepted")
            confirmed = decided.filtered(lambda line: line.state == "confirmed")
            if session.kind != "baseline":
                accepted._apply_adjustment()
                confirmed._open_variance()
            session.state = "in_progress" if recounts else "reconciled"
            summary = session._reconcile_summary(accepted, recounts, confirmed)
            session.message_post(body=summary)
            summaries.append(summary)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Reconciliation"),
                "message": "\n".join(summaries),
                "type": "warning" if self.filtered(lambda s: s.state == "in_progress") else "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _reconcile_summary(self, accepted, recounts, confirmed):
        self.ensure_one()
        if self.kind == "baseline":
            done = _("%(count)s lines are ready for the opening balance", count=len(accepted | confirmed))
        else:
            done = _(
                "%(applied)s lines applied, %(variances)s variances opened",
                applied=len(accepted),
                variances=len(confirmed),
            )
        return _(
            "%(session)s: %(done)s, %(recounts)s lines to recount.",
            session=self.name,
            done=done,
            recounts=len(recounts),
        )

    def _has_booked(self):
        """Adjustments or variances already came out of this count."""
        self.ensure_one()
        return bool(
            self.env["stock.count.line"]
            .sudo()
            .search_count(
                [
                    ("session_id", "=", self.id),
                    ("state", "in", ("applied", "variance")),
                ],
                limit=1,
            )
        )

    def action_approve_baseline(self):
        """One approval turns the counted quantities of a baseline into the opening balance."""
        self.ensure_one()
        if self.kind != "baseline" or self.state != "reconciled":
            raise UserError(_("Only a reconciled baseline count can be approved as opening balance."))
        if not self.env.user.has_group("perpetual_inventory.group_manager"):
            raise UserError(_("Only an inventory manager can approve a baseline count."))
        if self.env.user in self.line_ids.counted_by_id:
            raise UserError(
                _("You counted lines of %(session)s: someone else must approve it.", session=self.name)
            )
        reason = self.env.ref("perpetual_inventory.reason_baseline")
        self.line_ids.filtered(lambda line: line.state in ("accepted", "confirmed"))._apply_adjustment(reason)
        self.message_post(body=_("Baseline approved: counted quantities are the opening balance."))
        self.write({"state": "done", "date_done": fields.Datetime.now()})

    def action_done(self):
        for session in self:
            if session.state != "reconciled":
                raise UserError(_("Reconcile %(session)s before closing it.", session=session.name))
            open_variances = session.variance_ids.filtered(lambda v: v.state in OPEN_VARIANCE_STATES)
            if open_variances:
                raise UserError(
                    _(
                        "%(count)s variances of %(session)s are still open: post or reject them first.",
                        count=len(open_variances),
                        session=session.name,
                    )
                )
            session.write({"state": "done", "date_done": fields.Datetime.now()})

    def action_cancel(self):
        for session in self:
            if session.state in ("reconciled", "done", "cancel") or session._has_booked():
                raise UserError(
                    _(
                        "%(session)s has booked adjustments or opened variances and cannot "
                        "be cancelled: finish and close it instead.",
                        session=session.name,
                    )
                )
            session.sudo().line_ids.state = "cancel"
            session.state = "cancel"

    # Counting helpers used by screens -------------------------------------

    def _counters_of_location(self, location):
        """Who is assigned lines at this location (nobody: found stock only)."""
        self.ensure_one()
        # Searched, not filtered from line_ids: a location scan must not read the whole session.
        return (
            self.env["stock.count.line"]
            .sudo()
            .search(
                [
                    ("session_id", "=", self.id),
                    ("location_id", "=", location.id),
                    ("state", "!=", "cancel"),
                ]
            )
            .counter_id
        )

    def _check_not_finished_by_user(self):
        """A counter who finished their part of a count can no longer change its counts."""
        finished = self.sudo().filtered(lambda session: self.env.user in session.finished_counter_ids)
        if finished:
            raise UserError(
                _(
                    "You finished your part of %(session)s: its counts can no longer change. "
                    "Ask your inventory manager if something must be counted again.",
                    session=finished[0].name,
                )
            )

    def _add_found_stock(self, product, location, lot, quantity, barcode=False, operation=False):
        """Open a line for stock counted that is not on the session's list; return it.

        It is found stock when the system expects nothing there; a product with stock at
        the location is an ordinary line, whose expected quantity is read when counted.
        Two counters scanning the same stock at once open one line: the second scan waits
        for the first and counts onto its line."""
        self.ensure_one()
        if self.state != "in_progress":
            raise UserError(_("%(session)s is not being counted.", session=self.name))
        self._check_not_finished_by_user()
        if not self._in_scope(product, location):
            raise UserError(
                _(
                    "%(product)s in %(location)s is outside the scope of %(session)s.",
                    product=product.display_name,
                    location=location.display_name,
                    session=self.name,
                )
            )
        self.env["stock.count.line"]._check_count_input(product, lot, quantity)
        try:
            with self.env.cr.savepoint():
                line = (
                    self.env["stock.count.line"]
                    .sudo()
                    .create(
                        {
                            "session_id": self.id,
                            "product_id": product.id,
                            "location_id": location.id,
                            "lot_id": lot.id,
                            "counter_id": self.env.user.id,
                        }
                    )
                )
        except psycopg2.errors.UniqueViolation:
            # Another scan opened the line meanwhile: start the request again, it will count onto it.
            retry_transaction(self.env.cr, "found stock line opened by another scan")
        if float_is_zero(line._current_quantity(), precision_rounding=product.uom_id.rounding):
            line.is_found_stock = True
        line = line.with_env(self.env)
        line._set_count(
            quantity,
            action="found" if line.is_found_stock else "scan",
            barcode=barcode,
            line_created=True,
            operation=operation,
        )
        return line

    # Smart buttons ------------------------------------------------------------

    def action_open_scan_log(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Scan Log"),
            "res_model": "stock.count.scan",
            "view_mode": "list",
            "domain": [("session_id", "=", self.id)],
        }

    def action_open_variances(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Variances"),
            "res_model": "stock.variance",
            "view_mode": "list,form",
            "domain": [("session_id", "=", self.id)],
            "context": {"default_session_id": self.id},
        }
