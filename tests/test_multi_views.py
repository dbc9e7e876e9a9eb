"""Several directives in one ledger (issue 12), the reading commands without ``--cv``:
``history``, ``eligibility``, ``task list``, ``units``, ``items`` show every directive, grouped
under a heading, each ``--json`` row with its ``"directive"``; ``import`` and ``export`` still
need ``--cv``; ``info`` lists the stored directives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from test_multi import CV12, CV968, SECOND, as_json, ok, wide_terminal  # noqa: F401


@pytest.fixture
def two(cli: Any) -> Any:
    """968 with one event and one task, then 12/KH-UBND added with one event and one task."""
    ok(cli("record", "tu-phap", "6", "-p", "2022-06", "-d", "--on", "3/6/2022"))
    ok(cli("task", "add", "tu-phap", "Rà soát thủ tục", "--before", "1/7/2022"))
    ok(cli("directive", "add", str(SECOND)))
    ok(cli("--cv", CV12, "record", "vh-tt", "2", "-d", "--on", "3/8/2022"))
    ok(cli("--cv", CV12, "task", "add", "vh-tt", "Kiểm tra lưu trữ", "--item", "2"))
    return cli


def headings(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("Công văn ")]


def test_history_shows_every_directive(two: Any) -> None:
    rows = as_json(two("history", "--json"))
    assert [(r["directive"], r["unit"]) for r in rows] == [(CV968, "tu-phap"), (CV12, "vh-tt")]
    text = ok(two("history")).stdout
    assert headings(text) == [f"Công văn {CV968}", f"Công văn {CV12}"]
    # a unit only one directive has: that directive's history alone, with no error
    only = as_json(two("history", "vh-tt", "--json"))
    assert [r["directive"] for r in only] == [CV12]
    mine = as_json(two("history", "tu-phap", "6", "--json"))
    assert [r["directive"] for r in mine] == [CV968]
    tasks = as_json(two("task", "list", "--json"))
    twelve = next(t["id"] for t in tasks if t["directive"] == CV12)
    assert as_json(two("history", "vh-tt", twelve, "--json")) == []  # a task of 12/KH-UBND
    # --cv: one directive, as before
    assert [r["directive"] for r in as_json(two("--cv", CV12, "history", "--json"))] == [CV12]
    # a unit neither has is the first directive's error
    bad = two("history", "khong-co")
    assert bad.exit_code == 2 and "khong-co" in bad.stderr


def test_eligibility_shows_every_directive(two: Any) -> None:
    rows = as_json(two("eligibility", "--as-of", "1/8/2022", "--json"))
    assert {r["directive"] for r in rows} == {CV968, CV12}
    assert len([r for r in rows if r["directive"] == CV12]) >= 3
    text = ok(two("eligibility", "--as-of", "1/8/2022")).stdout
    assert headings(text) == [f"Công văn {CV968}", f"Công văn {CV12}"]


def test_task_list_shows_every_directive(two: Any) -> None:
    tasks = as_json(two("task", "list", "--json"))
    assert [(t["directive"], t["unit"]) for t in tasks] == [(CV968, "tu-phap"), (CV12, "vh-tt")]
    text = ok(two("task", "list")).stdout
    assert "Rà soát thủ tục" in text and "Kiểm tra lưu trữ" in text
    assert headings(text) == [f"Công văn {CV968}", f"Công văn {CV12}"]
    by_unit = as_json(two("task", "list", "--unit", "vh-tt", "--json"))
    assert [t["directive"] for t in by_unit] == [CV12]


def test_units_and_items_show_every_directive(two: Any) -> None:
    units = as_json(two("units", "--json"))
    assert len([u for u in units if u["directive"] == CV968]) == 29
    assert [u["id"] for u in units if u["directive"] == CV12] == ["vh-tt", "tu-phap", "noi-vu"]
    items = as_json(two("items", "--json"))
    assert [i["id"] for i in items if i["directive"] == CV12] == ["1", "2"]
    assert headings(ok(two("items")).stdout) == [f"Công văn {CV968}", f"Công văn {CV12}"]
    assert {u["directive"] for u in as_json(two("--cv", CV12, "units", "--json"))} == {CV12}


def test_import_and_export_still_need_cv(two: Any, tmp_path: Path) -> None:
    for args in (("export",), ("import", str(tmp_path / "x.csv"))):
        if args[0] == "import":
            (tmp_path / "x.csv").write_text("unit,item,percent,on\nvh-tt,1,100,2022-08-01\n")
        result = two(*args)
        assert result.exit_code == 2, result.output
        assert CV968 in result.stderr and CV12 in result.stderr
    exported = ok(two("--cv", CV12, "export")).stdout
    assert "vh-tt" in exported and "tu-phap" not in exported


def test_info_lists_the_stored_directives(two: Any) -> None:
    data = as_json(two("info", "--json"))
    assert [d["id"] for d in data["directives"]["stored"]] == [CV968, CV12]
    assert data["units_registry"]["exists"] is False
    ok(two("directive", "retire", CV12, "--on", "1/10/2022"))
    text = ok(two("info")).stdout
    assert f"{CV968}, {CV12} (hết hiệu lực từ 1/10/2022)" in text
    ok(two("unit", "init"))
    data = as_json(two("info", "--json"))
    assert data["units_registry"]["exists"] is True and data["units_registry"]["units"] == 29


def test_info_with_one_directive_lists_none(cli: Any) -> None:
    assert as_json(cli("info", "--json"))["directives"] == {"stored": [], "error": None}
