"""Several directives in one ledger on a real PostgreSQL server (issue 12): add, record with
--cv, status grouped by directive, and the guards of the new tables. (The server:
tests/test_postgres.py.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cvtracker.ledger import PG_GUARDS
from test_postgres import Server, pg_server, pg_url, run  # noqa: F401 - fixtures
from test_shared_ledger import cv, office, ok  # noqa: F401 - fixtures

psycopg = pytest.importorskip("psycopg")

SECOND = Path(__file__).parent / "fixtures" / "multi" / "ke-hoach-12.yaml"


def test_two_directives_on_postgres(
    pg_server: Server,  # noqa: F811
    pg_url: str,  # noqa: F811
    run: Any,  # noqa: F811
) -> None:
    first = run("record", "tu-phap", "6", "-p", "2022-06", "-d", "--on", "3/6/2022")
    assert first.exit_code == 0
    assert run("directive", "add", str(SECOND)).exit_code == 0
    refused = run("record", "tu-phap", "2", "-d", "--on", "3/8/2022")
    assert refused.exit_code == 2 and "12/KH-UBND" in refused.stderr
    recorded = run("--cv", "12/KH-UBND", "record", "tu-phap", "2", "-d", "--on", "3/8/2022")
    assert recorded.exit_code == 0
    assert run("directive", "retire", "12/KH-UBND", "--on", "1/12/2022").exit_code == 0
    rows = json.loads(run("status", "--unit", "tu-phap", "--as-of", "20/8/2022", "--json").stdout)
    done = [(r["directive"], r["item"]) for r in rows if r["state"] == "done"]
    assert done == [("968/UBND-TH", "6"), ("12/KH-UBND", "2")]
    with pg_server.connect(pg_url.rsplit("/", 1)[1]) as conn:
        assert conn.execute("SELECT id, directive FROM events ORDER BY id").fetchall() == [
            (1, "968/UBND-TH"),
            (2, "12/KH-UBND"),
        ]
        triggers = {
            r[0] for r in conn.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        }
        assert triggers >= PG_GUARDS
        for statement in (
            "UPDATE directives SET yaml = 'x'",
            "DELETE FROM directive_retirements",
            "TRUNCATE directives CASCADE",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                conn.execute(statement)
            conn.rollback()


def test_only_phong_noi_vu_adds_directives_where_rights_are_per_unit(
    home: Path,
    pg_server: Server,  # noqa: F811
    office: dict[str, str],  # noqa: F811
) -> None:
    owner, clerk, noivu = office["owner"], office["clerk"], office["noivu"]
    ok(owner, "db", "upgrade")
    ok(owner, "db", "grant", office["clerk_role"], "--unit", "tu phap")
    ok(owner, "db", "grant", office["noivu_role"], "--all")
    refused = cv(clerk, "directive", "add", str(SECOND))
    assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1
    ok(noivu, "directive", "add", str(SECOND))
    ok(noivu, "directive", "retire", "12/KH-UBND", "--on", "1/12/2022")
    assert cv(clerk, "directive", "retire", "12/KH-UBND", "--on", "1/9/2022").exit_code == 2
    # the clerk records for its unit, under either directive
    ok(clerk, "--cv", "12/KH-UBND", "record", "tu-phap", "2", "-d", "--on", "3/8/2022")
    listed = json.loads(ok(clerk, "directive", "list", "--json").stdout)
    assert [(d["id"], d["retired_on"]) for d in listed] == [("12/KH-UBND", "2022-12-01")]
