import json
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.concurrency import lock_or_retry, retry_transaction

MAX_REQUEST_ID_LENGTH = 64
KEEP_DAYS = 30


class PerpetualScanRequest(models.Model):
    """One request of a scanning screen, under the id its client made for it.

    A screen sends every scan, typed quantity, undo and finish with a fresh id and sends
    it again, with the same id, when the answer was lost (dropped connection, reload).
    The first answer is kept here: the repeated request gets it back and changes nothing.
    """

    _name = "perpetual.scan.request"
    _description = "Scanning Screen Request"
    _order = "id desc"

    request_id = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, ondelete="cascade", default=lambda self: self.env.user
    )
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(string="Document", model_field="res_model", readonly=True)
    answer = fields.Json(readonly=True)

    _sql_constraints = [
        (
            "request_user_unique",
            "UNIQUE(request_id, user_id)",
            "A scanning screen request is recorded once per user.",
        ),
    ]

    @api.model
    def _replay_or_run(self, request_id, scope_record, operation):
        """The answer of ``operation()`` for the request ``request_id`` of the current user.

        A request already answered gets its stored answer back and nothing runs. Otherwise
        ``operation`` runs in a savepoint; its answer is stored, unless it is an error
        (``{"type": "error"}`` or a raised exception): a retry may then succeed.
        Without ``request_id`` (older clients), ``operation`` simply runs in a savepoint.

        :param scope_record: the document the request works on (a count, a transfer), kept
            to find the request again; may be empty
        """
        if request_id in (None, False, ""):
            with self.env.cr.savepoint():
                return operation()
        request_id = self._check_request_id(request_id)
        # A duplicate sent at the same moment waits for the first, then is retried and
        # finds its answer.
        lock_or_retry(self.env.cr, f"perpetual.scan.request:{self.env.uid}:{request_id}")
        done = self._answered(request_id)
        if done:
            return done.answer
        with self.env.cr.savepoint() as savepoint:
            answer = operation()
            if isinstance(answer, dict) and answer.get("type") == "error":
                savepoint.rollback()
                return answer
            self._store(request_id, scope_record, answer)
        return answer

    @api.model
    def _check_request_id(self, request_id):
        if not isinstance(request_id, str) or not 0 < len(request_id.strip()) <= MAX_REQUEST_ID_LENGTH:
            raise UserError(_("The screen sent an invalid request id: reload it."))
        return request_id.strip()

    @api.model
    def _answered(self, request_id):
        return self.search([("request_id", "=", request_id), ("user_id", "=", self.env.uid)], limit=1)

    @api.model
    def _store(self, request_id, scope_record, answer):
        """Keep the answer; in one statement, with no savepoint, as it runs on every scan. It
        fills every column the ORM's create would."""
        scope_record = scope_record if scope_record and len(scope_record) == 1 else None
        now = self.env.cr.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO perpetual_scan_request (request_id, user_id, res_model, res_id, answer,
                                                    create_uid, create_date, write_uid, write_date)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
                ON CONFLICT (request_id, user_id) DO NOTHING
                RETURNING id
                """,
                request_id,
                self.env.uid,
                scope_record._name if scope_record else None,
                scope_record.id if scope_record else None,
                json.dumps(answer),
                self.env.uid,
                now,
                self.env.uid,
                now,
            )
        )
        if not self.env.cr.fetchone():
            # Committed by another transaction after this one began: its answer counts.
            retry_transaction(self.env.cr, f"scan request {request_id} was answered meanwhile")

    @api.autovacuum
    def _gc_old_requests(self):
        """A screen resends its queue within minutes; a month of answers is plenty."""
        limit = fields.Datetime.now() - timedelta(days=KEEP_DAYS)
        self.sudo().search([("create_date", "<", limit)]).unlink()
