from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class StockEpcRead(models.Model):
    """The EPC register of a count or a transfer: every RFID tag it counted, once.

    A reader repeats a tag many times a second, a user reads a shelf twice, two readers
    see the same tag from neighbouring bins: the register, under a unique key per count
    (or transfer) and EPC, decides on the server which read counts. Written by the
    scanning engine only (as superuser); an undone read leaves it, so that its tags can be
    read again.
    """

    _name = "stock.epc.read"
    _description = "RFID Tag Read"
    _order = "id desc"

    epc = fields.Char(string="EPC", required=True, readonly=True)
    session_id = fields.Many2one("stock.count.session", readonly=True, index=True, ondelete="cascade")
    picking_id = fields.Many2one(
        "stock.picking", string="Transfer", readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    location_id = fields.Many2one("stock.location", required=True, readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    package_id = fields.Many2one("stock.quant.package", readonly=True, help="The package an SSCC tag names.")
    lot_id = fields.Many2one("stock.lot", string="Lot/Serial", readonly=True)
    quantity = fields.Float(digits="Product Unit of Measure", readonly=True, help="Units the tag counted.")
    user_id = fields.Many2one("res.users", string="Read By", required=True, readonly=True)
    operation = fields.Integer(
        readonly=True, index=True, help="The scan log operation that counted the tag (undone with it)."
    )

    _sql_constraints = [
        ("session_epc_unique", "UNIQUE(session_id, epc)", "An RFID tag is counted once per count."),
        ("picking_epc_unique", "UNIQUE(picking_id, epc)", "An RFID tag is counted once per transfer."),
        (
            "count_or_transfer",
            "CHECK((session_id IS NULL) != (picking_id IS NULL))",
            "An RFID tag is read for a count or for a transfer.",
        ),
    ]

    @api.model
    def _scope_column(self, scope):
        """The register's column of ``scope``: a count session or a transfer."""
        return SQL.identifier("session_id" if scope._name == "stock.count.session" else "picking_id")

    @api.model
    def _register_tags(self, scope, location, reads, packages=None):
        """Register the tags of ``reads`` [(epc, product id, lot id, quantity)] for ``scope``
        (a count or a transfer) at ``location``, with the packages of package tags
        ({epc: package id}); a tag already registered (even by a concurrent transaction,
        which is waited for) is left as it is. Returns the EPCs registered now."""
        if not reads:
            return set()
        packages = packages or {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO stock_epc_read (epc, %(column)s, company_id, location_id, product_id, lot_id,
                                            package_id, quantity, user_id, create_uid, create_date,
                                            write_uid, write_date)
                SELECT read.epc, %(scope)s, %(company)s, %(location)s, NULLIF(read.product_id, 0),
                       NULLIF(read.lot_id, 0), NULLIF(read.package_id, 0), read.quantity,
                       %(uid)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(epcs)s::varchar[], %(products)s::int4[], %(lots)s::int4[],
                              %(packages)s::int4[], %(quantities)s::float8[])
                       AS read (epc, product_id, lot_id, package_id, quantity)
                    ON CONFLICT DO NOTHING
             RETURNING epc
                """,
                column=self._scope_column(scope),
                scope=scope.id,
                company=scope.company_id.id,
                location=location.id,
                uid=self.env.uid,
                now=self.env.cr.now(),
                epcs=[read[0] for read in reads],
                products=[read[1] or 0 for read in reads],
                packages=[packages.get(read[0], 0) for read in reads],
                lots=[read[2] or 0 for read in reads],
                quantities=[read[3] for read in reads],
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _locations_read(self, scope, epcs):
        """{epc: location} of these tags already in the register of ``scope``."""
        self.env.cr.execute(
            SQL(
                "SELECT epc, location_id FROM stock_epc_read WHERE %s = %s AND epc = ANY(%s)",
                self._scope_column(scope),
                scope.id,
                list(epcs),
            )
        )
        locations = self.env["stock.location"]
        return {epc: locations.browse(location_id) for epc, location_id in self.env.cr.fetchall()}

    @api.model
    def _lots_read(self, scope, location, lot_ids):
        """The lots/serials among ``lot_ids`` that tags read for ``scope`` at ``location`` named."""
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT lot_id FROM stock_epc_read WHERE %s = %s AND location_id = %s AND lot_id = ANY(%s)",
                self._scope_column(scope),
                scope.id,
                location.id,
                list(lot_ids),
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _link_operation(self, scope, epcs, operation):
        self.env.cr.execute(
            SQL(
                "UPDATE stock_epc_read SET operation = %s WHERE %s = %s AND epc = ANY(%s)",
                operation,
                self._scope_column(scope),
                scope.id,
                list(epcs),
            )
        )

    @api.model
    def _forget(self, scope, epcs=(), operations=()):
        """Tags no longer counted, so that they count when read again: those of a read whose
        count was refused (``epcs``), those of undone reads (``operations``)."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM stock_epc_read WHERE %s = %s AND (epc = ANY(%s) OR operation = ANY(%s))",
                self._scope_column(scope),
                scope.id,
                list(epcs),
                list(operations),
            )
        )

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("The RFID register is written by the scanning engine only."))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(_("The RFID register is written by the scanning engine only."))
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(_("The RFID register is the record of the tags counted: it cannot be deleted."))
