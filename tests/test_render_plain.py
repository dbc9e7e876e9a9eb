"""Long tables are plain aligned lines with the rich table's columns and words (issue 8)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from rich.console import Console

from cvtracker import render
from cvtracker.compliance import overdue_rows, status_rows
from cvtracker.i18n import Translator
from cvtracker.schedule import occurrences

EN = Translator("en")
VI = Translator("vi")
DAY = dt.date(2025, 6, 30)


def _overdue(directive: Any) -> list[Any]:
    return overdue_rows(status_rows(occurrences(directive, [], DAY), [], DAY))


def _rich_lines(table: Any) -> list[str]:
    console = Console(width=400, record=True, color_system=None)
    console.print(table)
    return [" ".join(line.split()) for line in console.export_text().splitlines()]


def test_plain_rows_have_the_rich_tables_words(directive: Any) -> None:
    rows = _overdue(directive)[:40]
    left: list[int | None] = [None] * len(rows)
    for t in (EN, VI):
        plain = render.rows_plain(directive, rows, left, t, "Quá hạn")
        lines = plain.splitlines()
        assert lines[0] == "Quá hạn"
        assert (
            lines[1].split()
            == " ".join(
                t(k)
                for k in (
                    "col_unit",
                    "col_item",
                    "col_deadline",
                    "col_state",
                    "col_percent",
                    "col_when",
                )
            ).split()
        )
        assert set(lines[2]) <= {"-", " "}
        assert len(lines) == 3 + len(rows)
        # the same cells as the rich table's, spaces aside, in the same order
        rich = _rich_lines(render.rows_table(directive, rows, left, t, "Quá hạn"))
        body = [" ".join(line.split()) for line in lines[3:]]
        assert body == [line for line in rich if line and line in body]
        assert len([line for line in rich if line in body]) == len(rows)


def test_plain_columns_are_aligned(directive: Any) -> None:
    rows = _overdue(directive)[:50]
    plain = render.rows_plain(directive, rows, [None] * len(rows), EN, "t")
    lines = plain.splitlines()[1:]
    # every column starts where its heading's rule starts
    starts = [m.start() for m in re.finditer(r"-+", lines[1])]
    for line in lines[2:]:
        for start in starts[1:-2]:
            assert line[start - 2 : start] == "  ", line


def test_a_long_overdue_list_is_plain_a_short_one_rich(cli: Any) -> None:
    count = len(json.loads(cli("overdue", "--as-of", "30/6/2025", "--json").output))
    assert count > render.PLAIN_FROM
    long = cli("--lang", "en", "overdue", "--as-of", "30/6/2025")
    assert long.exit_code == 0
    lines = long.output.splitlines()
    title = next(n for n, line in enumerate(lines) if line.startswith("Overdue as of"))
    assert len(lines) - title - 3 == count
    assert "│" not in long.output and "━" not in long.output
    short = cli("--lang", "en", "overdue", "--as-of", "30/6/2025", "--limit", "5")
    assert short.exit_code == 0
    assert "─" in short.output or "━" in short.output  # rich's rule under the headings


def _add_task(cli: Any, unit: str, title: str, assignee: str) -> None:
    done = cli("task", "add", unit, title, "--assignee", assignee, "--before", "1/6/2022")
    assert done.exit_code == 0, done.output


def _table_lines(output: str, title: str, rows: int) -> list[str]:
    """The heading and the ``rows`` rows of the table under ``title``, spaces aside."""
    lines = output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(title))
    words = [" ".join(line.split()) for line in lines[start + 1 :]]
    return [w for w in words if w and set(w) - {"-", " ", "─", "━"}][: rows + 1]


def test_a_long_eligibility_table_is_plain_with_the_rich_tables_cells(
    cli: Any, monkeypatch: Any
) -> None:
    import cvtracker.plain

    _add_task(cli, "tu-phap", "Rà soát", "Nguyễn Văn A")
    _add_task(cli, "tu-phap", "[Tuyên] truyền", "Trần Thị B")
    _add_task(cli, "tai-chinh", "Kiểm kê", "Lê Văn C")
    for task, percent in (("T1", "90"), ("T2", "40"), ("T3", "100")):
        done = cli("record", "tu-phap" if task != "T3" else "tai-chinh", task, "--percent",
                   percent, "--on", "20/5/2022")  # fmt: skip
        assert done.exit_code == 0, done.output
    args = ("--lang", "en", "eligibility", "--year", "2022", "--as-of", "30/6/2022")
    monkeypatch.setenv("COLUMNS", "400")  # rich: no cell wrapped, no unit named short
    rich = cli(*args)
    assert rich.exit_code == 0
    assert "━" in rich.output or "─" in rich.output
    monkeypatch.setattr(cvtracker.plain, "PLAIN_FROM", 2)  # this table of 5 rows is long
    plain = cli(*args)
    assert plain.exit_code == 0
    assert "━" not in plain.output and "─" not in plain.output
    title = "The 90% rule"
    lines = plain.output.splitlines()
    heading = next(n for n, line in enumerate(lines) if line.startswith(title))
    assert set(lines[heading + 2]) <= {"-", " "}  # the plain rule under the headings
    # the same cells, in the same order, spaces aside; the rest of the output is the same
    table = _table_lines(plain.output, title, 5)
    assert table == _table_lines(rich.output, title, 5)
    assert table[0] == "Unit Person Under item 4 Tasks under 90%"
    assert table[1] == (
        "Office of Justice Head may not be rated “good” or higher (item 4) T2 ([Tuyên] truyền): 40%"
    )
    assert plain.output.splitlines()[-1] == rich.output.splitlines()[-1]
    assert "[Tuyên] truyền" in plain.output  # text from the ledger shown as typed
