from lxml import etree

from odoo import fields
from odoo.tools.safe_eval import safe_eval


def open_window_action(env, xmlid, view_type="list"):
    """The records a window action shows first as env's user, in the order it shows them,
    the way the web client opens it: the action's domain, the search filters its context
    turns on, and the default order of its view of ``view_type``.

    Returns (action, records)."""
    action = env["ir.actions.actions"]._for_xml_id(xmlid)
    model = env[action["res_model"]]
    today = fields.Date.context_today(model)
    eval_context = {"uid": env.uid, "context_today": lambda: today}
    context = safe_eval(action.get("context") or "{}", eval_context)
    view_id = action["view_id"][0] if action.get("view_id") and view_type == "list" else False
    search_view_id = action["search_view_id"][0] if action.get("search_view_id") else False
    views = model.get_views([(view_id, view_type), (search_view_id, "search")])["views"]
    search = etree.fromstring(views["search"]["arch"])
    domain = safe_eval(action.get("domain") or "[]", eval_context)
    for key, value in context.items():
        if key.startswith("search_default_") and value:
            [search_filter] = search.xpath(f"//filter[@name='{key[len('search_default_') :]}']")
            domain += safe_eval(search_filter.get("domain") or "[]", eval_context)
    order = etree.fromstring(views[view_type]["arch"]).get("default_order")
    return action, model.search(domain, order=order)
