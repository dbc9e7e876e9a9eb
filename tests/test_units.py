"""The office's units registry (issue 12): ``units.yaml`` in ``CVTRACKER_HOME``, ``unit init``,
``unit rename``, ``unit merge``, ``unit retire``; the name of a day in ``history`` and ``report``;
a merged unit's obligations; the registry's errors as FILE:LINE; a directive that lists its
units by id alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cvtracker.units import (
    Registry,
    RegistryUnit,
    dump_registry,
    merge,
    parse_registry,
    rename,
    retire,
)
from cvtracker.units import seed as seed_of
from test_multi import ok, wide_terminal  # noqa: F401  (the autouse fixture too)

BY_ID = Path(__file__).parent / "fixtures" / "units" / "ke-hoach-20.yaml"
CV968 = "968/UBND-TH"
CV20 = "20/KH-UBND"


def refused(result: Any) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return str(result.stderr)


def as_json(result: Any) -> Any:
    return json.loads(ok(result).stdout)


def rows_of(cli: Any, unit: str, day: str) -> list[dict[str, Any]]:
    return list(as_json(cli("status", "--unit", unit, "--as-of", day, "--json")))


def keys(rows: list[dict[str, Any]]) -> set[tuple[str, str | None]]:
    return {(r["item"], r["period"]) for r in rows}


# --- unit init, list, check ---------------------------------------------------------------------


def test_init_writes_the_units_of_the_directive_and_reading_never_does(cli: Any) -> None:
    path = cli.home / "units.yaml"
    ok(cli("status", "--as-of", "1/6/2022"))
    listed = as_json(cli("unit", "list", "--json"))
    assert listed["file"] is None and len(listed["units"]) == 29
    assert not path.exists()  # reading commands never write it
    said = ok(cli("unit", "init")).stdout
    assert "29" in said and path.is_file()
    assert parse_registry(path.read_text(encoding="utf-8"), str(path)).get("vinh-hao") is not None
    assert "Traceback" not in refused(cli("unit", "init"))  # never over an existing one
    assert "hợp lệ" in ok(cli("unit", "check")).stdout
    # with the registry as seeded, every command reads as before
    assert as_json(cli("units", "--json"))[0]["name"] == "Văn phòng HĐND&UBND huyện"


def test_check_without_a_registry(cli: Any) -> None:
    assert "unit init" in refused(cli("unit", "check"))


# --- rename: the name of its day ----------------------------------------------------------------


def test_rename_history_and_report_keep_the_name_of_their_day(cli: Any) -> None:
    ok(cli("record", "vinh-hao", "2", "-d", "--on", "20/4/2022"))
    ok(cli("record", "vinh-hao", "4", "-d", "-p", "2023-02", "--on", "20/2/2023"))
    # without diacritics, by name: the same unit
    said = ok(
        cli(
            "unit",
            "rename",
            "ubnd xa vinh hao",
            "--name",
            "UBND xã Vĩnh Hảo Mới",
            "--on",
            "1/1/2023",
        )
    ).stdout
    assert "vinh-hao" in said and "1/1/2023" in said
    data = as_json(cli("unit", "list", "--json"))
    unit = next(u for u in data["units"] if u["id"] == "vinh-hao")
    assert unit["name"] == "UBND xã Vĩnh Hảo Mới"
    assert unit["former"] == [
        {
            "until": "2022-12-31",
            "name": "UBND xã Vĩnh Hảo",
            "name_en": "People's Committee of Vĩnh Hảo commune",
            "short": "Xã Vĩnh Hảo",
            "short_en": "Vĩnh Hảo commune",
        }
    ]
    history = ok(cli("history")).stdout
    before, after = history.split("\n 2 ", 1)
    assert "UBND xã Vĩnh Hảo" in before and "Mới" not in before
    assert "UBND xã Vĩnh Hảo Mới" in after
    # a report for a past month names the unit as it was then; for a later month, the new name
    old = ok(cli("report", "--month", "2022-06", "--format", "md")).stdout
    assert "UBND xã Vĩnh Hảo |" in old and "Vĩnh Hảo Mới" not in old
    new = ok(cli("report", "--month", "2023-02", "--format", "md")).stdout
    assert "UBND xã Vĩnh Hảo Mới |" in new
    # the present name is shown today, and the old one still finds the unit
    assert (
        "UBND xã Vĩnh Hảo Mới"
        in ok(cli("status", "--unit", "vinh hao", "--as-of", "1/3/2023")).stdout
    )
    assert rows_of(cli, "UBND xã Vĩnh Hảo", "1/3/2023")[0]["unit"] == "vinh-hao"


def test_rename_dates_must_move_forward(cli: Any) -> None:
    ok(cli("unit", "rename", "vinh-hao", "--name", "A", "--on", "1/1/2023"))
    assert "2/1/2023" in refused(
        cli("unit", "rename", "vinh-hao", "--name", "B", "--on", "1/1/2023")
    )
    ok(cli("unit", "rename", "vinh-hao", "--name", "B", "--on", "1/6/2023"))
    err = refused(cli("unit", "rename", "khong-co", "--name", "B", "--on", "1/6/2023"))
    assert "Không tìm thấy đơn vị 'khong-co'" in err


# --- merge: the obligations of a merged unit ----------------------------------------------------


def test_merge_old_obligations_stay_new_ones_fall_on_the_successor(cli: Any) -> None:
    said = ok(
        cli(
            "unit",
            "merge",
            "vinh-tan",
            "phu lac",
            "--into",
            "vinh-tan-phu-lac",
            "--name",
            "UBND xã Vĩnh Tân Phú Lạc",
            "--on",
            "1/1/2023",
            "--json",
        )
    )
    assert json.loads(said.stdout)["units"] == ["vinh-tan", "phu-lac"]
    old = rows_of(cli, "vinh-tan", "1/3/2023")
    # what fell due before the merge stays on the merged unit, still overdue
    assert ("2", None) in keys(old) and ("4", "2022-12") in keys(old)
    assert next(r for r in old if r["item"] == "2")["state"] == "overdue"
    # nothing falls due for it from the merge on
    assert not any(r["period"] and r["period"] >= "2023-01" for r in old)
    new = rows_of(cli, "vinh-tan-phu-lac", "1/3/2023")
    periods = {p for _, p in keys(new) if p}
    assert periods == {"2023-01", "2023-02", "2023-03"}
    assert ("2", None) not in keys(new)  # a one-off item due before its first day: not its own
    assert ("1", None) in keys(new)  # the ongoing items from its first day
    # before the merge it owes nothing
    assert rows_of(cli, "vinh-tan-phu-lac", "1/12/2022") == []
    assert "Vĩnh Tân Phú Lạc" not in ok(cli("status", "--as-of", "1/12/2022")).stdout
    assert "Vĩnh Tân Phú Lạc" in ok(cli("status", "--as-of", "1/2/2023")).stdout
    # the successor is recorded for like any unit, by its name without diacritics
    ok(cli("record", "ubnd xa vinh tan phu lac", "4", "-d", "-p", "2023-01", "--on", "20/1/2023"))
    done = rows_of(cli, "vinh-tan-phu-lac", "1/3/2023")
    assert next(r for r in done if r["period"] == "2023-01" and r["item"] == "4")["percent"] == 100
    units = as_json(cli("units", "--json"))
    successor = next(u for u in units if u["id"] == "vinh-tan-phu-lac")
    assert successor["starts"] == "2023-01-01" and successor["group"] == "xa-thi-tran"
    merged = next(u for u in units if u["id"] == "vinh-tan")
    assert (merged["ends"], merged["merged_into"]) == ("2023-01-01", "vinh-tan-phu-lac")
    # a report for a month after the merge has the successor's rows
    report = ok(cli("report", "--month", "2023-02", "--format", "md")).stdout
    assert "UBND xã Vĩnh Tân Phú Lạc" in report


def test_merge_refusals(cli: Any) -> None:
    args = ("--name", "X", "--on", "1/1/2023")
    assert "vinh-hao" in refused(cli("unit", "merge", "vinh-tan", "--into", "vinh-hao", *args))
    assert refused(cli("unit", "merge", "vinh-tan", "--into", "Bad Id", *args))
    ok(cli("unit", "merge", "vinh-tan", "phu-lac", "--into", "vtpl", *args))
    # a unit merged already cannot be merged, renamed or retired after
    for again in (
        ("unit", "merge", "vinh-tan", "--into", "other", "--name", "Y", "--on", "1/2/2023"),
        ("unit", "rename", "phu-lac", "--name", "Y", "--on", "1/2/2023"),
        ("unit", "retire", "phu-lac", "--on", "1/2/2023"),
    ):
        assert "1/1/2023" in refused(cli(*again))
    assert not (cli.home / "units.yaml").read_text(encoding="utf-8").count("other")


# --- retire ---------------------------------------------------------------------------------------


def test_retire(cli: Any) -> None:
    ok(cli("unit", "retire", "bql-da", "--on", "1/1/2023"))
    rows = rows_of(cli, "bql-da", "1/3/2023")
    assert ("6", "2022-12") in keys(rows) and ("6", "2023-01") not in keys(rows)
    listed = ok(cli("unit", "list")).stdout
    assert "giải thể từ 1/1/2023" in listed
    english = ok(cli("--lang", "en", "unit", "list")).stdout
    assert "retired from 1/1/2023" in english


# --- the registry file's errors -------------------------------------------------------------------


def write(cli: Any, text: str) -> Path:
    path = cli.home / "units.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


UNIT = (
    "  - id: {id}\n    name: {name}\n    name_en: {name}\n    kind: commune\n    one_stop: true\n"
)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "units:\n" + UNIT.format(id="a", name="A") + "    colour: red\n",
            7,
            "unknown key 'colour'",
        ),
        (
            "units:\n" + UNIT.format(id="a", name="A") + UNIT.format(id="a", name="B"),
            7,
            "duplicate unit id 'a'",
        ),
        (
            "units:\n"
            + UNIT.format(id="a", name="A")
            + "    ends: 2023-01-01\n    merged_into: z\n",
            8,
            "unknown unit 'z'",
        ),
        ("units:\n" + UNIT.format(id="a", name="A") + "    ends: 2023-02-30\n", 7, "date"),
        ("units:\n  - id: a\n    name: [\n", 4, "YAML syntax"),
        ("units:\n" + UNIT.format(id="a", name="A") + "    merged_into: a\n", 7, "needs `ends`"),
    ],
)
def test_registry_errors_are_file_line(cli: Any, text: str, line: int, message: str) -> None:
    path = write(cli, text)
    # the English wording (in Vietnamese the problem is translated: tests/test_polish.py)
    for command in (("unit", "check"), ("status",), ("units",)):
        err = refused(cli("--lang", "en", *command))
        assert f"{path}:{line}:" in err and message in err, err
        assert "units.yaml" in err.splitlines()[-1]  # the last line says which file


def test_a_directive_unit_unknown_to_both_is_file_line(cli: Any, tmp_path: Path) -> None:
    # without a registry, a unit listed by id alone is unknown
    err = refused(cli("validate", str(BY_ID)))
    line = next(i for i, x in enumerate(BY_ID.read_text().splitlines(), 1) if "id: vinh-hao," in x)
    assert f"{BY_ID}:{line}:" in err and "unknown unit 'vinh-hao'" in err
    # with one that has it, it validates; a unit neither has is refused where it is listed
    ok(cli("unit", "init"))
    ok(cli("validate", str(BY_ID)))
    other = tmp_path / "other.yaml"
    other.write_text(BY_ID.read_text().replace("id: vinh-hao,", "id: khong-co,"), encoding="utf-8")
    err = refused(cli("directive", "add", str(other)))
    assert f"{other}:{line}:" in err and "unknown unit 'khong-co'" in err


def test_a_directive_by_id_takes_the_registry_names(cli: Any) -> None:
    ok(cli("unit", "init"))
    ok(cli("unit", "rename", "vinh-tan", "--name", "UBND xã Vĩnh Tân Mới", "--on", "1/7/2022"))
    ok(cli("directive", "add", str(BY_ID)))
    units = {u["id"]: u for u in as_json(cli("--cv", CV20, "units", "--json"))}
    assert units["vinh-hao"]["name"] == "UBND xã Vĩnh Hảo"  # from the registry
    assert units["vinh-hao"]["group"] == "phong-ban"  # from the directive
    assert units["vinh-tan"]["name"] == "UBND xã Vĩnh Tân Mới"  # the registry wins
    assert units["vinh-tan"]["former"][0]["name"] == "UBND xã Vĩnh Tân"
    # and the registry's later changes reach the stored directive
    ok(
        cli(
            "unit",
            "merge",
            "vinh-hao",
            "vinh-tan",
            "--into",
            "vh-vt",
            "--name",
            "Xã VH-VT",
            "--on",
            "1/10/2022",
        )
    )
    rows = as_json(cli("--cv", CV20, "status", "--as-of", "20/12/2022", "--json"))
    periods = {(r["unit"], r["period"]) for r in rows if r["item"] == "1"}
    assert ("vinh-hao", "2022-09") in periods and ("vinh-hao", "2022-10") not in periods
    assert ("vh-vt", "2022-10") in periods and ("vh-vt", "2022-09") not in periods


def test_a_change_that_breaks_a_directive_is_not_written(cli: Any) -> None:
    ok(cli("unit", "init"))
    before = (cli.home / "units.yaml").read_text(encoding="utf-8")
    # two units with one short name could not be told apart
    err = refused(
        cli("unit", "rename", "phu-lac", "--name", "UBND xã Vĩnh Hảo", "--on", "1/1/2023")
    )
    assert "duplicate unit name 'UBND xã Vĩnh Hảo'" in err
    assert (cli.home / "units.yaml").read_text(encoding="utf-8") == before


# --- the pure functions -------------------------------------------------------------------------


def test_dump_and_parse_round_trip() -> None:
    import datetime as dt

    registry = Registry(
        units=[
            RegistryUnit(id="a", name="Xã A", name_en="A", kind="commune", one_stop=True),
            RegistryUnit(id="b", name="Xã B", name_en="B", kind="commune"),
            RegistryUnit(id="d", name="Xã D", name_en="D", kind="commune"),
        ]
    )
    changed = rename(registry, "a", dt.date(2023, 1, 1), name="Xã A mới")
    changed = merge(changed, ["a", "b"], "c", dt.date(2024, 1, 1), name="Xã C")
    changed = retire(changed, "d", dt.date(2024, 6, 1))
    assert parse_registry(dump_registry(changed), "units.yaml") == changed
    c = changed.get("c")
    assert c is not None and c.merged_from == ["a", "b"] and c.one_stop


def test_record_follows_the_units_life(cli: Any) -> None:
    ok(
        cli(
            "unit",
            "merge",
            "vinh-tan",
            "phu-lac",
            "--into",
            "vtpl",
            "--name",
            "Xã VTPL",
            "--on",
            "1/1/2023",
        )
    )
    ok(cli("unit", "retire", "bql-da", "--on", "1/1/2023"))
    # the merged unit's old obligations may still be recorded on it, late
    ok(cli("record", "vinh-tan", "2", "-d", "--on", "20/1/2023"))
    ok(cli("record", "vinh-tan", "4", "-p", "2022-12", "-d", "--on", "20/1/2023"))
    # what falls due from the merge on is the successor's
    err = refused(cli("record", "vinh-tan", "4", "-p", "2023-01", "-d", "--on", "20/1/2023"))
    assert "ghi nhận cho vtpl" in err
    assert "vtpl" in refused(cli("record", "vinh-tan", "1", "-d", "--on", "20/1/2023"))
    ok(cli("record", "vtpl", "4", "-p", "2023-01", "-d", "--on", "20/1/2023"))
    # and what fell due before it, the merged units'
    err = refused(
        cli("--lang", "en", "record", "vtpl", "4", "-p", "2022-12", "-d", "--on", "20/1/2023")
    )
    assert "exists from 1/1/2023" in err
    err = refused(cli("record", "bql-da", "6", "-p", "2023-01", "-d", "--on", "5/1/2023"))
    assert "giải thể từ ngày 1/1/2023" in err
    events = as_json(cli("history", "--json"))
    assert [(e["unit"], e["period"]) for e in events] == [
        ("vinh-tan", None),
        ("vinh-tan", "2022-12"),
        ("vtpl", "2023-01"),
    ]


def test_draft_finds_a_unit_by_the_name_it_had(cli: Any, tmp_path: Path) -> None:
    import datetime as dt

    from cvtracker.directive import load_directive
    from cvtracker.draft import Registry as DraftUnits
    from cvtracker.draft import read_assignees
    from cvtracker.settings import packaged_directive

    registry = rename(
        parse_registry(
            dump_registry(seed_of([load_directive(packaged_directive())])), "units.yaml"
        ),
        "tu-phap",
        dt.date(2025, 7, 1),
        name="Phòng Pháp chế và Hộ tịch",
    )
    directive = load_directive(packaged_directive(), registry)
    units = DraftUnits(tuple(directive.groups), tuple(directive.units))
    # a text written before the rename names the unit as it was then
    assert read_assignees("Giao Phòng Tư pháp chủ trì", units).units == ("tu-phap",)
    assert read_assignees("Giao Phòng Pháp chế và Hộ tịch chủ trì", units).units == ("tu-phap",)


def test_draft_matches_a_unit_only_the_registry_has(cli: Any, tmp_path: Path) -> None:
    ok(cli("unit", "init"))
    registry = cli.home / "units.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "- id: ban-dan-toc\n  name: Ban Dân tộc\n  name_en: Ethnic Affairs Board\n"
        "  kind: office\n",
        encoding="utf-8",
    )
    ok(cli("unit", "check"))
    text = tmp_path / "cv.md"
    text.write_text(
        "ỦY BAN NHÂN DÂN HUYỆN TUY PHONG\n\nSố: 15/UBND-TH\n\n"
        "Tuy Phong, ngày 10 tháng 3 năm 2023\n\nKính gửi: Ban Dân tộc.\n\n"
        "1. Giao Ban Dân tộc rà soát hồ sơ, báo cáo kết quả trước ngày 30/3/2023.\n",
        encoding="utf-8",
    )
    drafted = ok(cli("draft", str(text))).stdout
    assert 'assignees: {units: ["ban-dan-toc"]}' in drafted
    assert "not in the unit registry" not in drafted
    unit = drafted[drafted.index('- id: "ban-dan-toc"') :]
    assert 'group: "draft"  # draft: in units.yaml' in unit.splitlines()[4]
    # the draft still validates once its markers are allowed
    out = tmp_path / "out.yaml"
    out.write_text(drafted, encoding="utf-8")
    ok(cli("validate", "--allow-draft", str(out)))
