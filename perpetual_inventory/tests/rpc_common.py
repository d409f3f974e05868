import json

from odoo.tests import HttpCase

from .scanner_common import ScannerCommon

# Exception names a client may get: what the user did wrong, or what they may not do.
USER_ERRORS = ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError", "odoo.exceptions.AccessError")


class RpcCommon(ScannerCommon, HttpCase):
    """The scanner's count in progress, reached the way any client reaches Odoo: logged in
    as a role, calling model methods over JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_2 = cls._create_user("Max Manager", "pi_manager_2", "perpetual_inventory.group_manager")
        cls.finance = cls._create_user(
            "Fiona Finance", "pi_finance", "perpetual_inventory.group_finance_approver"
        )
        for user in (cls.manager, cls.manager_2, cls.finance, cls.counter_3):
            user.password = user.login

    def _rpc_raw(self, user, model, method, args=(), kwargs=None):
        """The decoded JSON-RPC answer of ``model.method(*args, **kwargs)`` called by ``user``."""
        if getattr(self, "_rpc_user", None) != user:
            self.authenticate(user.login, user.login)
            self._rpc_user = user
        payload = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs or {}},
            }
        )
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=payload,
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, "a refusal is an answer, never an HTTP error")
        return response.json()

    def rpc(self, user, model, method, *args, **kwargs):
        answer = self._rpc_raw(user, model, method, args, kwargs)
        self.assertNotIn("error", answer, answer.get("error", {}).get("data", {}).get("message"))
        return answer.get("result")  # Odoo leaves out a None result

    def assertRpcRefused(self, user, model, method, *args, message="", **kwargs):
        """The call answers a readable user error (never a Python exception), naming ``message``."""
        answer = self._rpc_raw(user, model, method, args, kwargs)
        self.assertIn("error", answer, f"{model}.{method} was accepted for {user.login}")
        error = answer["error"]["data"]
        self.assertIn(error["name"], USER_ERRORS, error.get("debug", "")[-2000:])
        if message:
            self.assertRegex(error["message"], message)
        self.env.invalidate_all()
        return error["message"]
