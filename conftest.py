"""Project-wide pytest rules.

A skipped test hides a missing Odoo, database or browser: here a skip is a failure.
"""

import os

import pytest


def pytest_report_header(config):
    """Which Odoo the run tests: scripts/test.sh names its source and commit."""
    return f"odoo: {os.environ.get('PI_ODOO_SOURCE', '(not started through scripts/test.sh)')}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, and skips count as failures in this project: {reason}"
