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
