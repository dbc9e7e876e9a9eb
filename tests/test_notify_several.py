"""``notify`` with several directives in one ledger: one flow with one directive's, and the
ledger's mail kept as one row per directive a mail covers (``sent_mail`` and ``mail_claims``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import ledger_url
from cvtracker.ledger import open_ledger
from test_notify import HOST, NOIVU, SENDER, configure, err, plain, sent_rows
from test_notify import smtp as smtp  # the fixture

SECOND = Path(__file__).parent / "fixtures" / "multi" / "ke-hoach-12.yaml"
CV968 = "968/UBND-TH"
CV12 = "12/KH-UBND"
DAY = ("--as-of", "20/8/2022")


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def two(cli: Any) -> Any:
    """968 (the packaged file) and 12/KH-UBND stored in the ledger."""
    ok(cli("record", "tu-phap", "6", "-p", "2022-06", "-d", "--on", "3/6/2022"))
    ok(cli("directive", "add", str(SECOND)))
    return cli


def claims(home: Path) -> list[dict[str, Any]]:
    return open_ledger(ledger_url(home)).mail_claims()


def test_a_mail_covering_two_directives_is_a_row_for_each(two: Any, home: Path, smtp: Any) -> None:
    server = smtp()
    configure(home, plain(server.port))
    first = ok(two("notify", *DAY))
    assert len(server.handler.received) == 1
    rows = sent_rows(home)
    # one mail, one recipient: a row for each directive it covers, never "a,b" or "*"
    assert sorted(r["directive"] for r in rows) == [CV12, CV968]
    assert len({(r["recipient"], r["content_hash"], r["message_id"]) for r in rows}) == 1
    assert rows[0]["message_id"] == server.handler.received[0].message["Message-ID"]
    claimed = claims(home)
    assert sorted(c["directive"] for c in claimed) == [CV12, CV968]
    assert {c["state"] for c in claimed} == {"sent"}
    assert "Đã gửi" in first.stdout

    # still one mail per recipient per day
    again = ok(two("notify", *DAY))
    assert len(server.handler.received) == 1
    assert f"Đã gửi thư này cho {NOIVU} ngày 20/8/2022; không gửi lại" in again.stdout
    assert len(sent_rows(home)) == 2 and len(claims(home)) == 2

    # --force: the same mail again, a row for each directive again
    ok(two("notify", *DAY, "--force"))
    assert len(server.handler.received) == 2
    assert sorted(r["directive"] for r in sent_rows(home)[2:]) == [CV12, CV968]


def test_a_unit_mail_of_one_directive_is_a_row_of_that_directive(
    two: Any, home: Path, smtp: Any
) -> None:
    server = smtp()
    # Phòng Tài chính – Kế hoạch is a unit of 968 only
    configure(home, plain(server.port), {"units": {"tai-chinh": ["tc@tuyphong.example"]}})
    ok(two("notify", *DAY, "--per-unit"))
    assert len(server.handler.received) == 1
    rows = sent_rows(home)
    assert [(r["recipient"], r["directive"]) for r in rows] == [("tc@tuyphong.example", CV968)]
    assert [c["directive"] for c in claims(home)] == [CV968]


def test_one_directive_keeps_its_single_row(cli: Any, home: Path, smtp: Any) -> None:
    server = smtp()
    configure(home, plain(server.port))
    ok(cli("notify", *DAY))
    assert [r["directive"] for r in sent_rows(home)] == [CV968]
    assert [c["directive"] for c in claims(home)] == [CV968]
    # the message names its own letter's hash, as before several directives
    header = str(server.handler.received[0].message["X-Cvtracker-Hash"]).strip()
    assert header == sent_rows(home)[0]["content_hash"]


def test_several_directives_say_what_one_says_when_all_was_sent(
    two: Any, home: Path, smtp: Any
) -> None:
    server = smtp()
    configure(home, plain(server.port))
    ok(two("--cv", CV968, "notify", *DAY))
    one = ok(two("--cv", CV968, "notify", *DAY, "--dry-run")).stdout
    ok(two("notify", *DAY))
    several = ok(two("notify", *DAY, "--dry-run")).stdout
    assert len(server.handler.received) == 2
    # the same words whether one directive is asked for or all of them
    assert "Đã gửi thư này cho" in one and "0 thư sẽ được gửi" in one
    assert several == one


def test_unit_addresses_of_one_directive_are_enough(two: Any, home: Path) -> None:
    # no main recipient; the only unit address is of a unit that 12/KH-UBND does not have
    configure(home, {"host": HOST, "from": SENDER}, {"to": [], "units": {"tai-chinh": "a@b.vn"}})
    result = ok(two("notify", *DAY, "--per-unit", "--dry-run"))
    assert "To: a@b.vn" in result.stdout


def test_an_unknown_unit_is_said_first_with_several_as_with_one(two: Any, home: Path) -> None:
    configure(home, {"host": HOST, "from": SENDER}, {"units": {"phong khong co": "a@b.vn"}})
    several = two("notify", *DAY, "--per-unit")
    one = two("--cv", CV968, "notify", *DAY, "--per-unit")
    assert several.exit_code == one.exit_code == 2
    assert "[notify.units] không có đơn vị 'phong khong co'" in err(several)
    assert err(several) == err(one)
