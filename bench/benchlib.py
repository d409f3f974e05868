"""What every benchmark shares: an Odoo environment on the benchmark database."""

import argparse
import contextlib
import time

import odoo


def parse_args(description, **extra_options):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", dest="config", required=True)
    parser.add_argument("-d", dest="database", required=True)
    for name, (default, help_text) in extra_options.items():
        parser.add_argument(f"--{name}", type=type(default), default=default, help=help_text)
    return parser.parse_args()


@contextlib.contextmanager
def odoo_env(args):
    """A superuser environment whose changes are rolled back at the end."""
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        try:
            yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        finally:
            cr.rollback()


@contextlib.contextmanager
def timed(label, results):
    start = time.perf_counter()
    yield
    results[label] = time.perf_counter() - start
    print(f"{label}: {results[label]:.3f} s", flush=True)
