"""``report``: the monthly report for Phòng Nội vụ, on the terminal or written in a format.

``--all``: every directive in force that month, one document per directive, one after the
other (table and Markdown: one after the other; JSON: an array of the documents). CSV, Excel
and Word are one file per directive: ``-o report.xlsx`` writes ``report-968-UBND-TH.xlsx`` and
so on, the directive's number in the name."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    import datetime as dt

    from cvtracker.directive import Directive
    from cvtracker.report.model import Report
    from cvtracker.session import Session

# formats written one file per directive with --all
ONE_FILE_EACH = ("xlsx", "docx", "csv")


def run(
    s: Session,
    *,
    month: str,
    as_of: str | None,
    fmt: str | None,
    output: str | None,
    every: bool = False,
) -> None:
    from cvtracker.dates import format_day, format_month, last_day, parse_month
    from cvtracker.errors import InputError
    from cvtracker.report import check_month, default_as_of
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
    from cvtracker.units import named_on

    # resolve: everything the user typed is checked before the ledger is opened
    wanted = parse_month(month)
    if every:
        sessions = [one for one in _all(s) if _in_force(one, wanted)]
        if not sessions:
            raise InputError("cv_none_in_force", month=format_month(wanted))
    else:
        sessions = [s]
        check_month(s.directive, wanted)
    kind = resolve_format(fmt, output)
    to_stdout = output is None or output == "-"
    if kind in BINARY_FORMATS and to_stdout and stdout_is_terminal():
        raise InputError("report_binary_tty", fmt=kind)
    if every and kind in ONE_FILE_EACH and to_stdout and len(sessions) > 1:
        raise InputError("cv_report_needs_output", fmt=kind)
    require(kind)
    day = s.day(as_of) if as_of else default_as_of(wanted, s.today())
    # read and compute; the units named as they were at the month's end (units registry)
    named = {one.directive_id: named_on(one.directive, last_day(wanted)) for one in sessions}
    built = [(one, _built(one, named[one.directive_id], wanted, day)) for one in sessions]
    # render
    if kind == "table" and to_stdout and stdout_is_terminal():
        # on a terminal of any width the columns wrap; nothing is cropped
        more = f"cvtracker overdue --as-of {format_day(day)}"
        for one, report in built:
            if every:
                s.console.print(s.t("cv_heading", number=one.directive_id), style="bold")
            shown = report_view(report, named[one.directive_id], s.t)
            width = s.console.width
            for renderable in report_table(
                shown, s.t, width=width, cap=TERMINAL_ROWS, more_command=more
            ):
                s.console.print(renderable, crop=False)
        return
    # a file, a pipe or cron: the table at a fixed 100 columns, as with -o report.txt;
    # the Word document is dated the day it is written (today in Viet Nam), not as_of
    written_on = s.today() if kind == "docx" else None
    documents = [
        (one, render_bytes(kind, report, named[one.directive_id], s.t, written_on=written_on))
        for one, report in built
    ]
    if every and kind in ONE_FILE_EACH and not to_stdout:
        assert output is not None
        for one, data in documents:
            _write(s, _named_for(Path(output).expanduser(), one.directive_id), data)
        return
    data = _joined(kind, [(o.directive_id, d) for o, d in documents]) if every else documents[0][1]
    # write
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    assert output is not None
    _write(s, Path(output).expanduser(), data, shown=output)


def _built(one: Session, directive: Directive, wanted: str, day: dt.date) -> Report:
    """One directive's report: the month's rows and the month before's, and the older ones not
    settled (cvtracker.scope)."""
    from cvtracker.report import build_report
    from cvtracker.scope import for_report

    read = one.reader.read_scope(lambda ts: for_report(directive, ts, wanted, day))
    return build_report(directive, read.tasks, read.events, wanted, day, read.left_out)


def _write(s: Session, target: Path, data: bytes, shown: str | None = None) -> None:
    from cvtracker.errors import InputError
    from cvtracker.settings import check_output_target

    check_output_target(target, s.settings)  # never over the ledger, the config, a database
    try:
        target.write_bytes(data)
    except OSError as error:
        raise InputError(
            "report_cannot_write", path=shown or str(target), reason=error.strerror
        ) from None
    typer.echo(s.t("report_written", path=target), err=True)


def _all(s: Session) -> list[Session]:
    """Every directive in use, whatever ``--cv`` says (``--all`` is all of them)."""
    return [s.for_cv(use) for use in s.directives]


def _in_force(one: Session, month: str) -> bool:
    from cvtracker.errors import InputError
    from cvtracker.report import check_month

    try:
        check_month(one.directive, month)
    except InputError:
        return False
    return True


def _named_for(path: Path, number: str) -> Path:
    """``report.xlsx`` for 968/UBND-TH: ``report-968-UBND-TH.xlsx``."""
    import re

    safe = re.sub(r"[^0-9A-Za-z]+", "-", number).strip("-")
    return path.with_name(f"{path.stem}-{safe}{path.suffix}")


def _joined(kind: str, documents: list[tuple[str, bytes]]) -> bytes:
    """Several documents one after the other: JSON as an array (each document with its
    ``directive``), text with a rule between."""
    if kind == "json":
        import json

        parts = [{"directive": n, **json.loads(d.decode("utf-8"))} for n, d in documents]
        return (json.dumps(parts, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    rule = b"\n---\n\n" if kind == "md" else b"\n\n"
    return rule.join(d if d.endswith(b"\n") else d + b"\n" for _, d in documents)
