"""Hypothesis: command-line arguments, import files and directive files made up at random never
get a traceback; they succeed (exit 0) or are refused as bad input (exit 2) with nothing written.

The normal run makes 75 examples per property, the same ones each time (derandomised);
``CVTRACKER_FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest tests/reliability/test_fuzz.py`` makes
10,000 per property, new ones each run (see docs/reliability.md).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from cvtracker.settings import packaged_directive

from .conftest import fingerprint

UNITS = ["tu-phap", "tc-kh", "phong noi vu", "tư pháp", "tu", "T1", "", " "]
ITEMS = ["1", "2", "3", "4", "5", "5a", "5.a", "6", "7", "obstacles", "T1", "T99", "8", ""]
DATES = ["29/4/2022", "2022-05-09", "31/2/2022", "1/1/2099", "0/0/0", "9/5/22", ""]
# any text, control characters and lone surrogates included
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
CHOICE_OR_TEXT = lambda xs: st.one_of(st.sampled_from(xs), TEXT)  # noqa: E731

PERCENTS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["100", "89,5", "90.0", "1e2", "0x10", "½", "٩٠", ""]),
    TEXT,
)


def events(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        conn.close()


def check(result: Any, db: Path, before: str, written: int) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    if result.exit_code == 2:
        assert result.stderr.strip(), "a refusal says why"
        assert fingerprint(db) == before


@given(
    unit=CHOICE_OR_TEXT(UNITS),
    item=CHOICE_OR_TEXT(ITEMS),
    percent=PERCENTS,
    on=CHOICE_OR_TEXT(DATES),
    period=st.one_of(st.none(), CHOICE_OR_TEXT(["2022-05", "5/2022", "2022-13", "2030-01"])),
    evidence=st.one_of(st.none(), TEXT),
    note=st.one_of(st.none(), TEXT),
)
def test_record_arguments(
    cli: Any,
    ledger: Path,
    unit: str,
    item: str,
    percent: str,
    on: str,
    period: str | None,
    evidence: str | None,
    note: str | None,
) -> None:
    args = ["record", unit, item, "--percent", percent, "--on", on]
    for option, value in (("--period", period), ("--evidence", evidence), ("--note", note)):
        if value is not None:
            args += [option, value]
    before, count = fingerprint(ledger), events(ledger)
    result = cli(*args)
    check(result, ledger, before, count)
    assert events(ledger) == count + (1 if result.exit_code == 0 else 0)


READ_COMMANDS = [
    ["status", "--as-of"],
    ["status", "--unit"],
    ["status", "--item"],
    ["overdue", "--as-of"],
    ["eligibility", "--year"],
    ["eligibility", "--as-of"],
    ["history"],
    ["report", "--month"],
    ["task", "list", "--unit"],
    ["task", "add", "tu-phap"],
]


@given(command=st.sampled_from(READ_COMMANDS), value=CHOICE_OR_TEXT(UNITS + ITEMS + DATES))
def test_any_command_any_value(cli: Any, ledger: Path, command: list[str], value: str) -> None:
    before, count = fingerprint(ledger), events(ledger)
    result = cli(*command, value)
    check(result, ledger, before, count)
    if command[0] != "task" or result.exit_code != 0:
        assert fingerprint(ledger) == before  # reading writes nothing


FIELDS = ["unit", "item", "period", "percent", "done", "on", "evidence", "note", "by", "other"]
CELLS = st.one_of(
    st.sampled_from(UNITS + ITEMS + DATES + ["100", "50", "x", "1", '"', ",", "\n", '""']),
    TEXT,
)


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    header = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=5))
    lines = [",".join(header)] + [",".join(row) for row in rows]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


@st.composite
def jsonl_files(draw: st.DrawFn) -> str:
    import json

    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), CELLS)
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=5)
    rows = draw(st.lists(st.dictionaries(st.sampled_from(FIELDS), values, max_size=8), max_size=4))
    return "\n".join(json.dumps(row, ensure_ascii=draw(st.booleans())) for row in rows) + "\n"


@given(kind=st.sampled_from(["csv", "jsonl"]), data=st.data())
def test_import_files(
    cli: Any, ledger: Path, tmp_path: Path, kind: str, data: st.DataObject
) -> None:
    text = data.draw(csv_files() if kind == "csv" else jsonl_files())
    source = tmp_path / f"rows.{kind}"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    before, count = fingerprint(ledger), events(ledger)
    result = cli("import", str(source))
    check(result, ledger, before, count)
    if result.exit_code == 0:
        assert events(ledger) > count


PACKAGED = packaged_directive().read_text(encoding="utf-8")
LINES = PACKAGED.splitlines()


@st.composite
def directive_files(draw: st.DrawFn) -> str:
    """The packaged file with a few lines changed, deleted, doubled, or replaced by YAML made
    up at random."""
    lines = list(LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        where = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        change = draw(st.sampled_from(["delete", "double", "text", "yaml", "indent"]))
        if change == "delete":
            del lines[where]
        elif change == "double":
            lines.insert(where, lines[where])
        elif change == "text":
            lines[where] = draw(TEXT)
        elif change == "indent":
            lines[where] = " " * draw(st.integers(0, 6)) + lines[where].lstrip()
        else:
            scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10))
            made = draw(
                st.recursive(
                    scalars,
                    lambda inner: st.one_of(
                        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner)
                    ),
                    max_leaves=6,
                )
            )
            lines[where] = yaml.safe_dump({"x": made}, default_flow_style=True).strip()
    return "\n".join(lines) + "\n"


@given(text=directive_files())
def test_directive_files(cli: Any, tmp_path: Path, text: str) -> None:
    path = tmp_path / "directive.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = cli("validate", str(path))
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code == 2:
        *problems, last = result.stderr.strip().splitlines()
        assert last.startswith("Lỗi: ")
        assert all(line.startswith(str(path)) for line in problems), problems
