"""Reading many events at once from CSV or JSON Lines, checking every row before writing any.

Rows have the fields of ``record``: unit, item (an item number or a task id), period, percent
(or done), on, evidence, note, by. Every bad row is named by its line; one bad row imports nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cvtracker.compliance import Event, NewEvent
from cvtracker.dates import parse_date
from cvtracker.directive import Directive
from cvtracker.errors import CvError, InputError
from cvtracker.i18n import translate
from cvtracker.names import resolve_unit
from cvtracker.recording import parse_percent, plan_event
from cvtracker.schedule import Task
from cvtracker.textcheck import check_field

FIELDS = ("unit", "item", "period", "percent", "done", "on", "evidence", "note", "by")
REQUIRED = ("unit", "item", "on")


class ImportRowsError(InputError):
    """Bad rows; each problem is ``PATH:LINE: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("import_invalid", count=len(problems))
        self.problems = problems


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """(line, fields) for each data row, or (line, error) for a line that cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise InputError("import_unreadable", path=str(path), reason=reason) from None
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        yield from _json_rows(text)
    elif suffix == ".csv":
        yield from _csv_rows(text)
    else:
        raise InputError("import_bad_format", path=str(path))


def _json_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, InputError("import_bad_json", reason=exc.msg)
            continue
        except RecursionError:
            yield number, InputError("import_bad_json", reason="nested too deeply")
            continue
        except ValueError as exc:  # a number of more than 4300 digits
            yield number, InputError("import_bad_json", reason=str(exc).split(";")[0])
            continue
        if not isinstance(data, dict):
            yield number, InputError("import_bad_json", reason="not an object")
            continue
        yield number, data


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Strict CSV: a quote never closed, a row with more or fewer fields than the header, a
    column named twice are bad rows, never silently merged, dropped or overwritten."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    ended = 0  # the line the previous row ended on
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # the rest of the file cannot be trusted: it may be inside a field
            reason = str(exc)
            if "end of data" in reason:
                reason = f"a quote opened on line {ended + 1} or after is never closed"
            yield ended + 1, InputError("import_bad_csv", reason=reason)
            return
        line, ended = reader.line_num, reader.line_num
        if header is None:
            header = row
            seen: set[str] = set()
            for name in row:
                if name in seen:
                    yield line, InputError("import_duplicate_column", field=name)
                    return
                seen.add(name)
            continue
        if not row:
            continue  # a blank line, as DictReader skips it
        if len(row) != len(header):
            yield line, InputError("import_ragged_row", count=len(row), expected=len(header))
            continue
        yield line, dict(zip(header, row, strict=True))


Rows = Sequence[tuple[int, dict[str, Any] | InputError]]


def plan_import(
    rows: Rows,
    source: Path,
    directive: Directive,
    tasks: Sequence[Task],
    events: Sequence[Event],
    *,
    today: dt.date,
    lang: str,
    by: str | None = None,
) -> list[NewEvent]:
    """Every row (as read by ``read_rows``) checked against the ledger and the rows before it;
    all good, or an error naming each bad row. ``by`` is who recorded the rows that say not."""
    planned: list[NewEvent] = []
    problems: list[str] = []
    known = list(events)
    for line, fields in rows:
        try:
            new = _plan_row(fields, directive, tasks, known, today, by)
        except CvError as error:
            problems.append(f"{source}:{line}: {translate(lang, error.key, **error.params)}")
            continue
        planned.append(new)
        # later rows see this one, so that two reports for a month are taken in order; ids only
        # order events of the same day: after every recorded event, in file order
        known.append(new.stored(10**12 + len(planned)))
    if problems:
        raise ImportRowsError(problems)
    if not planned:
        raise InputError("import_empty", path=str(source))
    return planned


def _plan_row(
    fields: dict[str, Any] | InputError,
    directive: Directive,
    tasks: Sequence[Task],
    known: Sequence[Event],
    today: dt.date,
    default_by: str | None,
) -> NewEvent:
    if isinstance(fields, InputError):
        raise fields
    for name, value in fields.items():
        if name not in FIELDS:
            raise InputError("import_unknown_field", field=name)
        if isinstance(value, dict | list):
            # never stored as a Python repr
            raise InputError("import_not_text", field=name, kind=type(value).__name__)
    values = {k: ("" if v is None else str(v).strip()) for k, v in fields.items()}
    for name, value in values.items():
        check_field(name, value)
    for name in REQUIRED:
        if not values.get(name):
            raise InputError("import_missing_field", field=name)
    done = values.get("done", "").lower() in ("1", "true", "yes", "x", "có")
    if done and values.get("percent"):
        raise InputError("percent_or_done")
    if not done and not values.get("percent"):
        raise InputError("import_missing_field", field="percent")
    percent = 100.0 if done else parse_percent(values["percent"])
    return plan_event(
        directive,
        tasks,
        known,
        unit=resolve_unit(directive, values["unit"]),
        target=values["item"],
        period=values.get("period") or None,
        percent=percent,
        on=parse_date(values["on"]),
        today=today,
        evidence=values.get("evidence") or None,
        note=values.get("note") or None,
        by=values.get("by") or default_by,
    )
