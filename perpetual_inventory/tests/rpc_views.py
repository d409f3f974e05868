from lxml import etree


class ViewReadMixin:
    """Reads records the way the web client shows them: the fields of a view, as the user
    gets that view, through JSON-RPC. Needs ``self.rpc`` (RpcCommon)."""

    def _view_specification(self, user, model, view_type, view_id=False):
        """The web_read specification of the fields ``user`` sees in the view."""
        views = self.rpc(user, model, "get_views", [[view_id, view_type]])
        arch = etree.fromstring(views["views"][view_type]["arch"])
        fields = views["models"][model]["fields"]
        specification = {}
        for node in arch.iter("field"):
            # Fields of an x2many's sub-view or of a group's header belong to another model.
            if any(parent.tag in ("field", "groupby") for parent in node.iterancestors()):
                continue
            name = node.get("name")
            relational = fields[name]["type"] == "many2one"
            specification[name] = {"fields": {"display_name": {}}} if relational else {}
        return specification

    def _read_as_shown(self, user, action, view_type="list"):
        """The records of a window action as ``user`` sees them in its ``view_type`` view."""
        view_id = dict((kind, view) for view, kind in action.get("views", [])).get(view_type, False)
        specification = self._view_specification(user, action["res_model"], view_type, view_id)
        if view_type == "form":
            ids = self.rpc(user, action["res_model"], "search", action["domain"], limit=1)
            return self.rpc(user, action["res_model"], "web_read", ids, specification=specification)
        return self.rpc(
            user, action["res_model"], "web_search_read", action["domain"], specification=specification
        )["records"]
