"""The report for a terminal, a file or a pipe: rich tables, the summary first.

On a terminal narrower than 100 columns a section's optional columns are left out and the
overdue list is capped with the command that shows it all; to a file or a pipe, one row a line.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.report.model import Report
from cvtracker.report.view import View, text, view

if TYPE_CHECKING:
    from rich.console import RenderableType


PIPE_WIDTH = 400


NARROW = 100
"""Below this many columns the terminal report leaves out each section's optional columns."""


TERMINAL_ROWS = 20
"""On a terminal, a long section shows this many rows and says how to see the rest."""


def table(
    report_view: View,
    t: Translator,
    *,
    width: int | None = None,
    cap: int | None = None,
    more_command: str | None = None,
) -> list[RenderableType]:
    """Rich renderables: the title, the summary first, then each section. On a screen narrower
    than 100 columns the optional columns are left out, so that none is squeezed to a word per
    line; with ``cap``, a long section shows its first rows and a line with the count of the
    rest and ``more_command``. Print them with ``crop=False``: nothing is ever cut off."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from cvtracker.render import STATE_STYLE

    narrow = width is not None and width < NARROW
    out: list[RenderableType] = [Text(report_view.title, style="bold")]
    if report_view.notice:
        out.append(Text(report_view.notice, style="bold"))
    out.append(Text(t("section_summary"), style="bold"))
    out.extend(Text(f"  {line}") for line in report_view.summary)
    out.append(Text(""))
    for section in report_view.sections:
        if not section.rows:
            out.append(Text(section.title, style="bold"))
            out.append(Text(f"  {t('report_none')}", style="dim"))
            continue
        keep = [i for i in range(len(section.columns)) if not (narrow and i in section.optional)]
        grid = Table(
            title=section.title,
            box=box.SIMPLE_HEAD,
            title_justify="left",
            pad_edge=False,
            title_style="bold",
        )
        for index in keep:
            numeric = all(
                isinstance(r[index].value, int | float) or r[index].value is None
                for r in section.rows
            )
            grid.add_column(
                section.columns[index],
                justify="right" if numeric else "left",
                overflow="fold",
                # no minimum width: on a narrow terminal every column wraps, none is cropped;
                # a file or a pipe (no width) gets whole rows
                max_width=None if index == 0 or width is None else 40,
            )
        capped = cap is not None and section.key == "overdue"
        rows = section.rows[:cap] if capped else section.rows
        for row in rows:
            grid.add_row(
                *(
                    Text(
                        text(row[i].value, row[i].signed),
                        style=STATE_STYLE[c] if (c := row[i].state) else "",
                    )
                    for i in keep
                )
            )
        out.append(grid)
        if len(rows) < len(section.rows):
            left = len(section.rows) - len(rows)
            out.append(Text(f"  {t('report_more_rows', count=left, command=more_command or '')}"))
            out.append(Text(""))
    return out


def render(
    report: Report, directive: Directive, t: Translator, written_on: dt.date | None = None
) -> bytes:
    """Plain text for a file or a pipe: every row on one line, however long, so that grep
    finds a unit's row."""
    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        width=PIPE_WIDTH,
        color_system=None,
        force_terminal=False,
        highlight=False,
    )
    for renderable in table(view(report, directive, t), t):
        console.print(renderable, crop=False)
    output = console.file
    assert isinstance(output, io.StringIO)
    # rich pads each line to the table's width: no line of the file ends in spaces
    text = "\n".join(line.rstrip(" ") for line in output.getvalue().split("\n"))
    return text.encode("utf-8")
