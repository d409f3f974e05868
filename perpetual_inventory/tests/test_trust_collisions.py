from unittest.mock import patch

from odoo import api
from odoo.tests import tagged

from ..tools import retry_transaction
from .rpc_common import RpcCommon


@tagged("post_install", "-at_install")
class TestTrustCollisions(RpcCommon):
    """A request that keeps colliding with others after Odoo's retries gets a readable
    answer, never the database's serialization error."""

    def test_a_request_that_loses_every_retry_gets_words_not_a_database_error(self):
        scanner = type(self.env["stock.count.scanner"])
        calls = []

        @api.model
        def always_colliding(records, *_args, **_kwargs):
            calls.append(1)
            retry_transaction(records.env.cr, "could not serialize access due to concurrent update")

        # Two tries instead of Odoo's five keep the test short; the answer is the same.
        with (
            patch("odoo.service.model.MAX_TRIES_ON_CONCURRENCY_FAILURE", 2),
            patch.object(scanner, "get_screen_data", always_colliding, create=False),
        ):
            message = self.assertRpcRefused(
                self.counter_1,
                "stock.count.scanner",
                "get_screen_data",
                message="changed by someone else .* try again",
            )
        self.assertEqual(len(calls), 2, "Odoo retried the request before answering")
        self.assertNotIn("serialize", message)
