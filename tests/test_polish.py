"""Leftovers of the review of issue 12: `directive list` counts the events that count,
`history --limit N` limits the table as the JSON, and tables in a pipe end no line in spaces."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SECOND = Path(__file__).parent / "fixtures" / "multi" / "ke-hoach-12.yaml"
CV968 = "968/UBND-TH"
CV12 = "12/KH-UBND"


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def as_json(result: Any) -> Any:
    return json.loads(ok(result).stdout)


# --- directive list: the events that count -------------------------------------------------


def test_directive_list_counts_neither_voided_events_nor_voids(cli: Any) -> None:
    ok(cli("record", "tu-phap", "6", "-p", "2022-06", "-d", "--on", "3/6/2022"))
    ok(cli("record", "tu-phap", "6", "-p", "2022-07", "-d", "--on", "3/7/2022"))
    ok(cli("directive", "add", str(SECOND)))
    ok(cli("--cv", CV12, "record", "tu-phap", "2", "-d", "--on", "3/8/2022"))
    ok(cli("void", "2", "--reason", "nhầm tháng"))  # a 968 event
    ok(cli("void", "3", "--reason", "nhầm"))  # the 12/KH-UBND event
    listed = {d["id"]: d for d in as_json(cli("directive", "list", "--json"))}
    # five rows in the ledger: two events of 968 (one voided, then its void), one of 12 voided
    assert listed[CV968]["events"] == 1
    assert listed[CV12]["events"] == 0
    shown = as_json(cli("directive", "show", CV968, "--json"))
    assert shown["events"] == 1
    # as status and export see them
    exported = ok(cli("--cv", CV968, "export", "--format", "csv")).stdout
    assert len(exported.strip().splitlines()) == 1 + 1
    table = ok(cli("directive", "list")).stdout
    assert "1 ghi nhận" in table and "0 ghi nhận" in table


# --- history --limit N: the last N events, in the table as in the JSON ------------------------


def test_history_limit_is_the_last_n_events_in_the_table_as_in_json(cli: Any) -> None:
    ok(cli("record", "tu-phap", "6", "-p", "2022-05", "-d", "--on", "9/5/2022"))
    ok(cli("task", "add", "tu-phap", "Rà soát thủ tục", "--before", "1/6/2022"))
    ok(cli("record", "tu-phap", "T1", "--percent", "50", "--on", "10/5/2022"))
    ok(cli("task", "edit", "T1", "--title", "Rà soát lại", "--reason", "đổi tên"))

    last = as_json(cli("history", "--limit", "1", "--json"))
    assert [e["id"] for e in last] == [2]
    table = ok(cli("history", "--limit", "1")).stdout
    # the last event is in the table (not crowded out by the revision after it), and the
    # revision made after it too; the earlier event is not
    assert "10/5/2022" in table and "Rà soát lại" in table
    assert "9/5/2022" not in table and "báo cáo" not in table  # item 6's event

    both = as_json(cli("history", "--limit", "2", "--json"))
    assert [e["id"] for e in both] == [1, 2]
    table = ok(cli("history", "--limit", "2")).stdout
    assert "9/5/2022" in table and "10/5/2022" in table and "Rà soát lại" in table
    assert table.index("báo cáo") < table.index("T1") < table.index("Rà soát lại")

    everything = ok(cli("history")).stdout
    assert ok(cli("history", "--limit", "5")).stdout == everything
    assert ok(cli("history", "--limit", "0")).stdout == ok(cli("history", "-l", "0")).stdout
    assert as_json(cli("history", "--limit", "0", "--json")) == []


# --- tables in a pipe: no trailing spaces ---------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--as-of", "20/5/2022"),
        ("status", "-u", "tu-phap", "--as-of", "20/5/2022"),
        ("overdue", "--as-of", "20/5/2022"),
        ("history",),
        ("units",),
        ("items",),
        ("task", "list"),
        ("eligibility", "--as-of", "20/5/2022"),
        ("report", "--month", "5/2022"),
        ("directive", "list"),
    ],
)
def test_no_line_of_a_table_in_a_pipe_ends_in_spaces(cli: Any, args: tuple[str, ...]) -> None:
    ok(cli("record", "tu-phap", "6", "-p", "2022-05", "-d", "--on", "9/5/2022"))
    ok(cli("task", "add", "tu-phap", "Rà soát thủ tục", "--before", "1/6/2022"))
    out = ok(cli(*args)).stdout
    assert "─" in out or "--" in out  # a table
    padded = [line for line in out.splitlines() if line != line.rstrip()]
    assert not padded, padded[:3]


# --- the root help: directives, 968 as the packaged example ------------------------------------


def test_the_root_help_says_it_follows_directives_with_968_as_the_example(cli: Any) -> None:
    vi = " ".join(ok(cli("--help")).stdout.split())
    assert "các công văn chỉ đạo" in vi
    assert "968/UBND-TH của UBND huyện Tuy Phong có sẵn làm mẫu" in vi
    assert "cvtracker directive add" in vi
    en = " ".join(ok(cli("--lang", "en", "--help")).stdout.split())
    assert "Follow administrative directives" in en
    assert "968/UBND-TH (Tuy Phong district) comes packaged as the example" in en


# --- a directive file's problems in the user's language -----------------------------------------


def _broken(tmp_path: Path) -> Path:
    from cvtracker.settings import packaged_directive

    text = packaged_directive().read_text(encoding="utf-8")
    for old, new in (
        ("  - id: noi-vu\n", "  - id: noi-vu\n    colour: red\n"),  # extra_forbidden
        ("assignees: {units: [noi-vu]}", "assignees: {units: [noi-vuu]}"),  # our own check
        ("day: 10\n", "day: ten\n"),  # int_parsing
        ("    name_en: Office of Justice\n", ""),  # missing
        ("{kind: before, date: 2022-04-30,", "{kind: befor, date: 2022-04-30,"),  # literal
        ("{kind: before, date: 2022-05-30,", "{kind: before, date: 2022-05-32,"),  # date
        ("one_stop: false", "one_stop: maybe"),  # bool_parsing
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(result: Any, path: Path) -> list[str]:
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    for line in lines[:-1]:  # each keeps its place: PATH:LINE:COL:
        head = line[len(str(path)) :].split(":")
        assert line.startswith(f"{path}:") and head[1].isdigit() and head[2].isdigit(), line
    return [line.split(": ", 1)[1] for line in lines[:-1]]


def test_directive_file_problems_in_vietnamese(cli: Any, tmp_path: Path) -> None:
    path = _broken(tmp_path)
    said = _problems(cli("validate", str(path)), path)
    assert said == [
        "'one_stop': 'maybe' không phải là true hay false",
        "thiếu khóa 'name_en'",
        "khóa không có trong mẫu: 'colour'",
        "'kind': 'befor' không phải là một trong các giá trị 'before', 'through', "
        "'monthly_before', 'monthly_through_end', 'ongoing'",
        "'day': 'ten' không phải là số nguyên",
        said[5],
        "'date': '2022-05-32' không phải là ngày hợp lệ (viết YYYY-MM-DD)",
    ]
    assert said[5].startswith("không có đơn vị 'noi-vuu'; các đơn vị: vp-hdnd-ubnd, ")


def test_directive_file_problems_in_english(cli: Any, tmp_path: Path) -> None:
    path = _broken(tmp_path)
    said = _problems(cli("--lang", "en", "validate", str(path)), path)
    assert said[:3] == [
        "'one_stop': 'maybe' is not true or false",
        "missing key 'name_en'",
        "unknown key 'colour'",
    ]
    assert said[4] == "'day': 'ten' is not a whole number"
    assert said[5].startswith("unknown unit 'noi-vuu'; known: ")
    assert said[6] == "'date': '2022-05-32' is not a valid date (write YYYY-MM-DD)"


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("- a\n- b\n", "tệp phải là một bảng YAML", "the file must be a YAML mapping"),
        ("a: [\n", "sai cú pháp YAML: ", "YAML syntax: "),
        ("a: 1\na: 2\n", "khóa 'a' lặp lại (lần đầu ở dòng 1)", "duplicate key 'a' (first on"),
    ],
)
def test_the_loaders_own_words_in_both_languages(
    cli: Any, tmp_path: Path, text: str, vi: str, en: str
) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    assert vi in _problems(cli("validate", str(path)), path)[0]
    assert en in _problems(cli("--lang", "en", "validate", str(path)), path)[0]
    missing = cli("validate", str(tmp_path / "nowhere.yaml"))
    assert missing.stderr.splitlines()[0] == f"{tmp_path / 'nowhere.yaml'}: không có tệp này"


def test_every_template_is_in_the_catalog_in_both_languages() -> None:
    from cvtracker.errors import FileProblem
    from cvtracker.fileproblems import PYDANTIC, TEMPLATES, say
    from cvtracker.i18n import CATALOG

    for _, key in TEMPLATES:
        assert key in CATALOG
    for key in PYDANTIC.values():
        assert key in CATALOG
    # an unknown message: said as it is, with a Vietnamese lead-in
    odd = FileProblem("f.yaml", 3, 1, "something new")
    assert say(odd, "en") == "f.yaml:3:1: something new"
    assert say(odd, "vi") == "f.yaml:3:1: giá trị không hợp lệ: something new"
    # a key whose parameters pydantic did not give: the message as found
    partial = FileProblem("f.yaml", 3, 1, "too short", key="fp_text_too_short")
    assert say(partial, "en") == "f.yaml:3:1: too short"
