"""For the tests that run Odoo in a process of its own on a database of their own, on the
cluster of the test command (whose configuration scripts/test.sh names in PI_ODOO_CONFIG)."""

import configparser
import os

import psycopg2


def configuration_of_the_test_command():
    """The test command's Odoo configuration, parsed."""
    path = os.environ.get("PI_ODOO_CONFIG")
    assert path, "run through scripts/test.sh, which sets PI_ODOO_CONFIG"
    parser = configparser.ConfigParser()
    parser.read(path)
    return parser


def connect(options, dbname):
    conn = psycopg2.connect(
        host=options["db_host"], port=options["db_port"], user=options["db_user"], dbname=dbname
    )
    conn.autocommit = True
    return conn


def drop_database(options, dbname):
    conn = connect(options, "postgres")
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    conn.close()
