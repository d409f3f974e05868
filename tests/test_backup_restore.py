"""scripts/backup.sh and scripts/restore.sh on the demo (test) database: the restored copy
holds the same records and attachments, and Odoo runs on it."""

import configparser
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

REPO = Path(__file__).resolve().parent.parent
RESTORED = "perpetual_restore_check"
DATA_DIR = REPO / ".local/data"


@pytest.fixture
def options():
    parser = configparser.ConfigParser()
    parser.read(os.environ["PI_ODOO_CONFIG"])
    return parser["options"]


def _query(options, dbname, sql):
    conn = psycopg2.connect(
        host=options["db_host"], port=options["db_port"], user=options["db_user"], dbname=dbname
    )
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(sql)
            return cr.fetchall() if cr.description else None
    finally:
        conn.close()


def _drop_restored(options):
    _query(options, "postgres", f'DROP DATABASE IF EXISTS "{RESTORED}" WITH (FORCE)')
    subprocess.run(["rm", "-rf", str(DATA_DIR / "filestore" / RESTORED)], check=True)


def _figures(options, dbname):
    return _query(
        options,
        dbname,
        """
        SELECT (SELECT count(*) FROM account_move_line),
               (SELECT sum(value) FROM stock_valuation_layer),
               (SELECT count(*) FROM stock_count_line),
               (SELECT count(*) FROM ir_attachment WHERE store_fname IS NOT NULL)
    """,
    )[0]


def _files(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def _run(*command):
    return subprocess.run(["bash", *command], capture_output=True, text=True, timeout=600)


def test_backup_then_restore_gives_an_identical_database_odoo_can_run(options, tmp_path):
    source = os.environ["PI_TEST_DB"]
    _drop_restored(options)
    try:
        backup = _run(str(REPO / "scripts/backup.sh"), source, str(tmp_path))
        assert backup.returncode == 0, backup.stderr
        folder = Path(backup.stdout.strip())
        assert folder.parent == tmp_path and folder.name.startswith(f"{source}-")
        assert sorted(path.name for path in folder.iterdir()) == ["database.dump", "filestore.tar.gz"]

        restore = _run(str(REPO / "scripts/restore.sh"), str(folder), RESTORED)
        assert restore.returncode == 0, restore.stderr

        assert _figures(options, RESTORED) == _figures(options, source)
        restored_files = _files(DATA_DIR / "filestore" / RESTORED)
        assert restored_files and restored_files == _files(DATA_DIR / "filestore" / source)
        # Every stored attachment of the restored database has its file.
        names = {
            name
            for (name,) in _query(
                options, RESTORED, "SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL"
            )
        }
        assert names <= set(restored_files)

        # Odoo loads the restored database and its modules.
        odoo = subprocess.run(
            [
                sys.executable,
                os.path.join(os.environ["ODOO_PATH"], "odoo-bin"),
                "-c",
                os.environ["PI_ODOO_CONFIG"],
                "-d",
                RESTORED,
                "--stop-after-init",
                "--log-level=warn",
                "--no-http",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert odoo.returncode == 0 and " ERROR " not in odoo.stderr, odoo.stderr[-3000:]

        # A restore never overwrites a database.
        again = _run(str(REPO / "scripts/restore.sh"), str(folder), RESTORED)
        assert again.returncode == 2
        assert f"the database {RESTORED} exists already" in again.stderr
    finally:
        _drop_restored(options)


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    result = _run(str(REPO / "scripts/restore.sh"), str(tmp_path), RESTORED)
    assert result.returncode == 2
    assert "is not a backup of scripts/backup.sh" in result.stderr


def test_backup_of_a_missing_database_fails_clearly(tmp_path):
    result = _run(str(REPO / "scripts/backup.sh"), "no_such_database", str(tmp_path))
    assert result.returncode == 2
    assert "there is no database no_such_database" in result.stderr
    assert not list(tmp_path.iterdir())
