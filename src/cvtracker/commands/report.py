"""``report``: the monthly report for Phòng Nội vụ, on the terminal or written in a format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from cvtracker.session import Session


def run(s: Session, *, month: str, as_of: str | None, fmt: str | None, output: str | None) -> None:
    from cvtracker.dates import format_day, parse_month
    from cvtracker.errors import InputError
    from cvtracker.report import build_report, check_month, default_as_of
    from cvtracker.report.formats import (
        BINARY_FORMATS,
        render_bytes,
        require,
        resolve_format,
        stdout_is_terminal,
    )
    from cvtracker.report.formats.terminal import TERMINAL_ROWS
    from cvtracker.report.formats.terminal import table as report_table
    from cvtracker.report.view import view as report_view
    from cvtracker.scope import for_report
    from cvtracker.settings import check_output_target

    # resolve: everything the user typed is checked before the ledger is opened
    wanted = parse_month(month)
    check_month(s.directive, wanted)
    kind = resolve_format(fmt, output)
    to_stdout = output is None or output == "-"
    if kind in BINARY_FORMATS and to_stdout and stdout_is_terminal():
        raise InputError("report_binary_tty", fmt=kind)
    require(kind)
    day = s.day(as_of) if as_of else default_as_of(wanted, s.today())
    # read and compute
    # the month's rows and the month before's, and the older ones not settled (cvtracker.scope)
    read = s.reader.read_scope(lambda ts: for_report(s.directive, ts, wanted, day))
    built = build_report(s.directive, read.tasks, read.events, wanted, day, read.left_out)
    # render
    if kind == "table" and to_stdout and stdout_is_terminal():
        # on a terminal of any width the columns wrap; nothing is cropped
        more = f"cvtracker overdue --as-of {format_day(day)}"
        shown = report_view(built, s.directive, s.t)
        width = s.console.width
        for renderable in report_table(
            shown, s.t, width=width, cap=TERMINAL_ROWS, more_command=more
        ):
            s.console.print(renderable, crop=False)
        return
    # a file, a pipe or cron: the table at a fixed 100 columns, as with -o report.txt;
    # the Word document is dated the day it is written (today in Viet Nam), not as_of
    written_on = s.today() if kind == "docx" else None
    data = render_bytes(kind, built, s.directive, s.t, written_on=written_on)
    # write
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    assert output is not None
    target = Path(output).expanduser()
    check_output_target(target, s.settings)  # never over the ledger, the config, a database
    try:
        target.write_bytes(data)
    except OSError as error:
        raise InputError("report_cannot_write", path=output, reason=error.strerror) from None
    typer.echo(s.t("report_written", path=target), err=True)
