"""Two clients doing the same thing at the same moment produce one result.

These stories need real, committed transactions running side by side, which Odoo's
test cases (one rolled-back transaction) cannot give. They run on a copy of the test
database that scripts/test.sh makes for them (PI_CONCURRENCY_DB), and each request
goes through Odoo's own retry on serialization failures, as an RPC call does.
"""

import os
import threading
import time
import uuid

import pytest

import odoo
from odoo import Command, api, fields
from odoo.service.model import retrying

HOLD_SECONDS = 1.0  # how long the first request keeps its transaction open


@pytest.fixture(scope="module")
def registry():
    db = os.environ.get("PI_CONCURRENCY_DB")
    assert db, "run through scripts/test.sh, which makes the concurrency database"
    # Loading a registry under pytest-odoo would run the modules' tests again: not here.
    test_enable = odoo.tools.config["test_enable"]
    odoo.tools.config["test_enable"] = False
    try:
        return odoo.modules.registry.Registry(db)
    finally:
        odoo.tools.config["test_enable"] = test_enable


def _in_transaction(registry, func, uid=odoo.SUPERUSER_ID):
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, {})
        return func(env)


def _race(registry, first, second, uid_first, uid_second):
    """Run ``first`` and, while its transaction is still open, ``second``; each is one
    request, retried by Odoo on serialization failures. Returns their results."""
    results, errors = {}, []
    first_did_its_work = threading.Event()

    def run(name, func, uid, hold):
        try:
            with registry.cursor() as cr:
                env = api.Environment(cr, uid, {})

                def request():
                    result = func(env)
                    if hold:
                        first_did_its_work.set()
                        time.sleep(HOLD_SECONDS)  # still uncommitted while the second one runs
                    return result

                results[name] = retrying(request, env)
        except Exception as error:  # reported by the test below
            errors.append(error)
            first_did_its_work.set()

    threads = [threading.Thread(target=run, args=("first", first, uid_first, True))]
    threads[0].start()
    first_did_its_work.wait(30)
    threads.append(threading.Thread(target=run, args=("second", second, uid_second, False)))
    threads[1].start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


def _pos_order_data(env, session, product):
    order_uuid = str(uuid.uuid4())
    price = 10.0
    return {
        "uuid": order_uuid,
        "name": f"Order {order_uuid}",
        "session_id": session.id,
        "user_id": env.uid,
        "pricelist_id": session.config_id.pricelist_id.id,
        "lines": [
            Command.create(
                {
                    "product_id": product.id,
                    "qty": 1,
                    "price_unit": price,
                    "price_subtotal": price,
                    "price_subtotal_incl": price,
                    "tax_ids": [],
                }
            )
        ],
        "amount_total": price,
        "amount_tax": 0.0,
        "amount_paid": price,
        "amount_return": 0.0,
        "payment_ids": [
            Command.create(
                {
                    "amount": price,
                    "payment_method_id": session.config_id.payment_method_ids[:1].id,
                }
            )
        ],
        "date_order": fields.Datetime.to_string(fields.Datetime.now()),
        "last_order_preparation_change": "{}",
        "sequence_number": 1,
        "to_invoice": False,
    }


def test_the_same_pos_order_sent_twice_at_once_is_booked_once(registry):
    def prepare(env):
        config = env.ref("perpetual_inventory.pos_config_shop")
        if not config.current_session_id:
            config.open_ui()
            config.current_session_id.set_opening_control(0, None)
        # No stock of it at the shop: the case where nothing else serialized the two requests.
        category = env["product.category"].search([("property_valuation", "=", "real_time")], limit=1)
        product = env["product.product"].create(
            {
                "name": f"Race Product {uuid.uuid4().hex[:6]}",
                "is_storable": True,
                "available_in_pos": True,
                "categ_id": category.id,
                "standard_price": 4.0,
                "list_price": 10.0,
                "taxes_id": [Command.clear()],
            }
        )
        return _pos_order_data(env, config.current_session_id, product), product.id

    order, product_id = _in_transaction(registry, prepare)

    def sync(env):
        return env["pos.order"].sync_from_ui([dict(order)])

    _race(registry, sync, sync, odoo.SUPERUSER_ID, odoo.SUPERUSER_ID)

    def check(env):
        orders = env["pos.order"].search([("uuid", "=", order["uuid"])])
        moves = env["stock.move"].search([("product_id", "=", product_id), ("state", "=", "done")])
        cogs_lines = env["account.move.line"].search(
            [("product_id", "=", product_id), ("cogs_source", "!=", False)]
        )
        return (
            len(orders),
            len(orders.picking_ids),
            len(moves),
            [(line.debit, line.cogs_source) for line in cogs_lines],
        )

    assert _in_transaction(registry, check) == (1, 1, 1, [(4.0, "pos")])


def _count_in_a_new_bin(registry):
    """(counter id, count id, bin id, barcode, product id): the demo counter's new count
    of an empty bin, and a product with a barcode."""

    def prepare(env):
        counter = env.ref("perpetual_inventory.user_counter")
        stock = env.ref("stock.warehouse0").lot_stock_id
        bin_ = env["stock.location"].create(
            {
                "name": f"RACE-{uuid.uuid4().hex[:4]}",
                "location_id": stock.id,
                "barcode": f"RACE-{uuid.uuid4().hex}",
            }
        )
        product = env["product.product"].search(
            [("is_storable", "=", True), ("barcode", "!=", False), ("tracking", "=", "none")], limit=1
        )
        session = env["stock.count.session"].create(
            {
                "kind": "spot",
                "location_ids": [Command.set(bin_.ids)],
                "counter_ids": [Command.set(counter.ids)],
            }
        )
        session.action_start()
        return counter.id, session.id, bin_.id, product.barcode, product.id

    return _in_transaction(registry, prepare)


def test_two_first_scans_of_the_same_found_stock_open_one_line(registry):
    counter_id, session_id, bin_id, barcode, product_id = _count_in_a_new_bin(registry)

    def scan(env):
        answer = env["stock.count.scanner"].scan(barcode, session_id=session_id, location_id=bin_id)
        assert answer["type"] == "line", answer
        return answer["line"]["id"]

    results = _race(registry, scan, scan, counter_id, counter_id)

    def check(env):
        lines = env["stock.count.line"].search(
            [("session_id", "=", session_id), ("product_id", "=", product_id), ("state", "!=", "cancel")]
        )
        return len(lines), lines.counted_qty, len(lines.scan_ids)

    assert results["first"] == results["second"]
    assert _in_transaction(registry, check) == (1, 2.0, 2)


def test_two_customer_deliveries_of_one_fifo_product_at_once_both_go_through(registry):
    """Two clients validate a delivery of the same FIFO product at the same moment: the
    second one collides on the product's cost layers, is retried, and both are booked."""

    def prepare(env):
        warehouse = env.ref("stock.warehouse0")
        product = env["product.product"].create(
            {
                "name": f"Race FIFO {uuid.uuid4().hex[:6]}",
                "is_storable": True,
                "categ_id": env.ref("perpetual_inventory.product_category_retail_fifo").id,
                "standard_price": 3.0,
                "taxes_id": [Command.clear()],
            }
        )
        receipt = env["stock.picking"].create(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "partner_id": env.ref("base.res_partner_1").id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": 10,
                            "price_unit": 3.0,
                            "location_id": warehouse.in_type_id.default_location_src_id.id,
                            "location_dest_id": warehouse.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        receipt.move_ids.quantity = 10
        receipt.button_validate()
        deliveries = env["stock.picking"]
        for _index in range(2):
            delivery = env["stock.picking"].create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "partner_id": env.ref("base.res_partner_2").id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": 2,
                                "location_id": warehouse.lot_stock_id.id,
                                "location_dest_id": env.ref("stock.stock_location_customers").id,
                            }
                        )
                    ],
                }
            )
            delivery.action_confirm()
            delivery.action_assign()
            deliveries |= delivery
        return product.id, deliveries.ids

    product_id, delivery_ids = _in_transaction(registry, prepare)

    def validate(delivery_id):
        def request(env):
            return env["stock.picking"].with_context(skip_sms=True).browse(delivery_id).button_validate()

        return request

    results = _race(
        registry, validate(delivery_ids[0]), validate(delivery_ids[1]), odoo.SUPERUSER_ID, odoo.SUPERUSER_ID
    )
    assert results == {"first": True, "second": True}

    def check(env):
        product = env["product.product"].browse(product_id)
        deliveries = env["stock.picking"].browse(delivery_ids)
        layers = env["stock.valuation.layer"].search([("product_id", "=", product_id)])
        cogs = env["account.move.line"].search(
            [("product_id", "=", product_id), ("cogs_source", "=", "delivery")]
        )
        return (
            deliveries.mapped("state"),
            product.qty_available,
            sum(layers.mapped("value")),
            sum(layers.mapped("remaining_qty")),
            sorted(cogs.mapped("debit")),
        )

    assert _in_transaction(registry, check) == (["done", "done"], 6.0, 18.0, 6.0, [6.0, 6.0])


def test_two_approvals_of_one_counts_variances_at_once_give_finance_one_activity(registry):
    def prepare(env):
        manager = env.ref("perpetual_inventory.user_manager")
        counter = env.ref("perpetual_inventory.user_counter")
        session = env["stock.count.session"].create(
            {
                "kind": "spot",
                "user_id": manager.id,
                "location_ids": [Command.set(env.ref("perpetual_inventory.location_wh_c_02").ids)],
            }
        )
        product = env["product.product"].search(
            [("is_storable", "=", True), ("standard_price", ">", 1.0)], limit=1
        )
        # Both above the manager limit: after a manager's approval they go to finance.
        # The first was counted by a counter (the responsible reviews it), the second by
        # the responsible (another manager reviews it): the two approvals touch no shared row.
        variances = env["stock.variance"].create(
            [
                {
                    "session_id": session.id,
                    "product_id": product.id,
                    "location_id": session.location_ids.id,
                    "expected_qty": 10000.0,
                    "counted_qty": 0.0,
                    "reason_id": env.ref("perpetual_inventory.reason_theft").id,
                    "counter_ids": [Command.set(counted_by.ids)],
                }
                for counted_by in (counter, manager)
            ]
        )
        variances.action_submit()
        reviewers = [variance._get_manager_approver() for variance in variances]
        return session.id, variances.ids, [reviewer.id for reviewer in reviewers]

    session_id, variance_ids, reviewer_ids = _in_transaction(registry, prepare)
    assert len(set(reviewer_ids)) == 2

    def approve(index):
        def request(env):
            return env["stock.variance"].browse(variance_ids[index]).action_approve()

        return request

    _race(registry, approve(0), approve(1), reviewer_ids[0], reviewer_ids[1])

    def check(env):
        session = env["stock.count.session"].browse(session_id)
        variances = env["stock.variance"].browse(variance_ids)
        return variances.mapped("state"), sorted(session.activity_ids.mapped("summary"))

    states, summaries = _in_transaction(registry, check)
    assert states == ["to_approve_finance"] * 2
    assert summaries and all(summary.endswith("to approve: 2") for summary in summaries), summaries


def test_the_same_scan_request_sent_twice_at_once_counts_once(registry):
    counter_id, session_id, bin_id, barcode, product_id = _count_in_a_new_bin(registry)
    request_id = str(uuid.uuid4())

    def scan(env):
        return env["stock.count.scanner"].scan(
            barcode, session_id=session_id, location_id=bin_id, request_id=request_id
        )

    results = _race(registry, scan, scan, counter_id, counter_id)

    def check(env):
        lines = env["stock.count.line"].search(
            [("session_id", "=", session_id), ("product_id", "=", product_id), ("state", "!=", "cancel")]
        )
        requests = env["perpetual.scan.request"].search([("request_id", "=", request_id)])
        return len(lines), lines.counted_qty, len(lines.scan_ids), len(requests)

    assert results["first"]["type"] == "line", results["first"]
    assert results["second"] == results["first"]
    assert _in_transaction(registry, check) == (1, 1.0, 1, 1)


def test_the_same_location_scan_sent_twice_at_once_is_logged_once(registry):
    # Nothing else serializes two location scans: only the request log does.
    counter_id, session_id, bin_id, _barcode, _product_id = _count_in_a_new_bin(registry)
    location_barcode = _in_transaction(registry, lambda env: env["stock.location"].browse(bin_id).barcode)
    request_id = str(uuid.uuid4())

    def scan(env):
        return env["stock.count.scanner"].scan(
            location_barcode, session_ids=[session_id], request_id=request_id
        )

    results = _race(registry, scan, scan, counter_id, counter_id)

    def check(env):
        steps = env["stock.count.scan"].search([("session_id", "=", session_id), ("action", "=", "location")])
        return len(steps)

    assert results["first"]["type"] == "location", results["first"]
    assert results["second"] == results["first"]
    assert _in_transaction(registry, check) == 1


def test_two_rfid_readers_reading_the_same_tags_at_once_count_each_tag_once(registry):
    counter_id, session_id, bin_id, _barcode, _product_id = _count_in_a_new_bin(registry)

    def gtin_product(env):
        product = env["product.product"].search(
            [("is_storable", "=", True), ("barcode", "=like", "_____________"), ("tracking", "=", "none")],
            limit=1,
        )
        return product.id, product.barcode

    product_id, barcode = _in_transaction(registry, gtin_product)
    from odoo.addons.perpetual_inventory.tools import epc

    tags = [epc.sgtin96(barcode, serial, barcode[:7]) for serial in (1, 2, 3, 4)]

    def reader(epcs):
        def read(env):
            answer = env["stock.count.scanner"].scan_epcs(
                "\n".join(epcs), session_id=session_id, location_id=bin_id, request_id=str(uuid.uuid4())
            )
            assert answer["type"] == "rfid", answer
            return answer["tags_counted"], answer["already_counted"]

        return read

    results = _race(registry, reader(tags[:3]), reader(tags[1:]), counter_id, counter_id)

    def check(env):
        lines = env["stock.count.line"].search(
            [("session_id", "=", session_id), ("product_id", "=", product_id), ("state", "!=", "cancel")]
        )
        register = env["stock.epc.read"].search([("session_id", "=", session_id)])
        return len(lines), lines.counted_qty, sorted(register.mapped("epc"))

    assert results == {"first": (3, 0), "second": (1, 2)}
    assert _in_transaction(registry, check) == (1, 4.0, sorted(tags))


def _receipt_to_scan(registry, quantity=10):
    """A ready receipt of a new barcoded product in the demo warehouse, and two warehouse users."""

    def prepare(env):
        warehouse = env.ref("stock.warehouse0")
        product = env["product.product"].create(
            {
                "name": f"Race Receipt {uuid.uuid4().hex[:6]}",
                "is_storable": True,
                "barcode": f"PIRACE-{uuid.uuid4().hex[:10]}",
                "categ_id": env.ref("perpetual_inventory.product_category_retail_fifo").id,
                "standard_price": 3.0,
            }
        )
        receipt = env["stock.picking"].create(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "partner_id": env.ref("base.res_partner_1").id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "price_unit": 3.0,
                            "location_id": warehouse.in_type_id.default_location_src_id.id,
                            "location_dest_id": warehouse.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        users = env.ref("perpetual_inventory.user_manager") | env.ref("perpetual_inventory.user_finance")
        return users.ids, receipt.id, product.barcode

    return _in_transaction(registry, prepare)


def _scanned_on(registry, receipt_id):
    def check(env):
        receipt = env["stock.picking"].browse(receipt_id)
        scans = env["stock.operation.scan"].search([("picking_id", "=", receipt_id), ("action", "=", "scan")])
        return sum(receipt.move_line_ids.filtered("picked").mapped("quantity")), len(scans)

    return _in_transaction(registry, check)


def test_two_users_scanning_one_receipt_at_once_count_both_scans(registry):
    (first_user, second_user), receipt_id, barcode = _receipt_to_scan(registry)
    request_ids = iter([str(uuid.uuid4()), str(uuid.uuid4())])
    ids_by_user = {first_user: next(request_ids), second_user: next(request_ids)}

    def scan(env):
        return env["stock.operation.scanner"].scan(receipt_id, barcode, request_id=ids_by_user[env.uid])

    results = _race(registry, scan, scan, first_user, second_user)
    assert results["first"]["type"] == "line", results["first"]
    assert results["second"]["type"] == "line", results["second"]
    assert _scanned_on(registry, receipt_id) == (2.0, 2)


def test_the_same_operations_scan_sent_twice_at_once_counts_once(registry):
    (user, _other), receipt_id, barcode = _receipt_to_scan(registry)
    request_id = str(uuid.uuid4())

    def scan(env):
        return env["stock.operation.scanner"].scan(receipt_id, barcode, request_id=request_id)

    results = _race(registry, scan, scan, user, user)
    assert results["first"]["type"] == "line", results["first"]
    assert results["second"] == results["first"]
    assert _scanned_on(registry, receipt_id) == (1.0, 1)
