"""Reading many events at once from CSV, JSON Lines or Excel, checking every row before writing any.

Rows have the fields of ``record``: unit, item (an item number or a task id), period, percent
(or done), on, evidence, note, by. Every bad row is named by its line; one bad row imports nothing.

What offices have (issue 9): CSV separated by ``,`` or ``;`` (read from the header row), in UTF-8
with or without a BOM, UTF-16 or Windows-1258 (detected, or named with ``--encoding``); the first
sheet of an ``.xlsx`` workbook; and the Vietnamese column headers (``đơn vị``, ``nội dung``, …),
with or without diacritics, in any case.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvtracker.compliance import Event, NewEvent
from cvtracker.dates import parse_date
from cvtracker.directive import Directive, Unit
from cvtracker.errors import CvError, InputError
from cvtracker.i18n import translate
from cvtracker.names import TaskIndex, resolve_unit
from cvtracker.recording import assigned_item, parse_percent, plan_event
from cvtracker.schedule import Task
from cvtracker.textcheck import (
    DEFAULT_LIMIT,
    FIELD_LIMITS,
    TAB_FIELDS,
    bad_character,
    check_field,
)

if TYPE_CHECKING:
    from rich.console import Console

    from cvtracker.ledger import Ledger

FIELDS = ("unit", "item", "period", "percent", "done", "on", "evidence", "note", "by")
REQUIRED = ("unit", "item", "on")
TEXT_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".json")
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
DELIMITERS = (",", ";")

# column headers as offices write them, folded (no diacritics, lower case, words only)
ALIASES: dict[str, str] = {
    **{name: name for name in FIELDS},
    "don vi": "unit",
    "noi dung": "item",
    "ky": "period",
    "ki": "period",
    "ty le": "percent",
    "ti le": "percent",
    "hoan thanh": "done",
    "ngay": "on",
    "minh chung": "evidence",
    "ghi chu": "note",
    "nguoi ghi": "by",
}

PROGRESS_FROM = 500
"""An import of at least this many rows shows a progress bar (on a terminal only)."""

Progress = Callable[[int, int], None]
"""Told (rows checked, rows in all) as an import's rows are checked."""


class ImportRowsError(InputError):
    """Bad rows; each problem is ``PATH:LINE: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("import_invalid", count=len(problems))
        self.problems = problems


def fold(text: str) -> str:
    """A header as it is compared: no diacritics, lower case, words separated by one space
    ("Tỷ lệ (%)" and "ty le" are both "ty le")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[^\W_]+", plain))


def field_name(header: str) -> str:
    """The field a column header names (an alias, an English name in any case), or the header
    as written when it names none, so that the error shows what the file says."""
    return ALIASES.get(fold(header), header.strip())


def _header(names: Sequence[str]) -> list[str] | InputError:
    """The fields of a header row, or the error of a column named twice (directly or through
    an alias). An empty header cell stays empty: its column must hold nothing."""
    fields: list[str] = []
    seen: dict[str, str] = {}
    for name in names:
        field = field_name(name) if name.strip() else ""
        if field and field in seen:
            first = seen[field]
            if first.strip() == name.strip():
                return InputError("import_duplicate_column", field=name)
            return InputError("import_duplicate_alias", field=name, other=first, name=field)
        if field:
            seen[field] = name
        fields.append(field)
    return fields


def _row(fields: Sequence[str], values: Sequence[Any]) -> dict[str, Any] | InputError:
    """The row's values by field; a value under a column without a header is an error."""
    row: dict[str, Any] = {}
    for index, value in enumerate(values):
        field = fields[index] if index < len(fields) else ""
        if field:
            row[field] = value
        elif value is not None and str(value).strip():
            return InputError("import_unnamed_column", column=index + 1, value=str(value)[:40])
    return row


# --- reading ------------------------------------------------------------------------------------


def read_rows(
    path: Path, encoding: str | None = None
) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """(line, fields) for each data row, or (line, error) for a line that cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        if encoding is not None:
            raise InputError("import_encoding_not_text", path=str(path))
        yield from _xlsx_rows(path)
        return
    if suffix not in TEXT_SUFFIXES:
        raise InputError("import_bad_format_any", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError("import_unreadable", path=str(path), reason=exc.strerror) from None
    text = decode(data, encoding, path)
    if suffix in JSON_SUFFIXES:
        yield from _json_rows(text)
    else:
        yield from _csv_rows(text)


def codec_name(encoding: str) -> str:
    """The codec ``--encoding`` names (``utf-8``, ``utf-8-sig``, ``utf-16``, ``windows-1258``,
    or any other Python knows); exit 2 if none."""
    try:
        return codecs.lookup(encoding.strip()).name
    except LookupError:
        raise InputError("import_bad_encoding", value=encoding) from None


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def decode(data: bytes, encoding: str | None, path: Path) -> str:
    """The file's text in NFC. With ``encoding``, in that; without, detected: a BOM (UTF-8,
    UTF-16), UTF-16 without a BOM (every other byte zero), UTF-8, else Windows-1258 (what
    Vietnamese Windows and old Excel write). A file that is UTF-8 in places and not in others
    is refused, never read as Windows-1258."""
    if encoding is not None:
        name = codec_name(encoding)
        if name == "utf-8":
            name = "utf-8-sig"  # a BOM is never part of the first header
        try:
            return unicodedata.normalize("NFC", data.decode(name))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                "import_not_in_encoding", path=str(path), line=line, encoding=encoding
            ) from None
    return unicodedata.normalize("NFC", _detect(data, path))


def detect_encoding(data: bytes) -> str | None:
    """The encoding of ``data`` as ``decode`` detects it, or None if it is none of those."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(data) >= 2 and b"\x00" in data:
        sample = data[:4096]
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
            return "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if _UTF8_SEQUENCE.search(data):
            return None  # UTF-8 with bad bytes: never guessed as Windows-1258
        try:
            data.decode("cp1258")
        except UnicodeDecodeError:
            return None
        return "cp1258"
    return "utf-8"


def _detect(data: bytes, path: Path) -> str:
    name = detect_encoding(data)
    if name is None:
        line = 1
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
        raise InputError("import_unknown_encoding", path=str(path), line=line)
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:  # a UTF-16 file cut short, a bad byte after a BOM
        line = data[: exc.start].count(b"\n" if "16" not in name else b"\n\x00") + 1
        raise InputError(
            "import_not_in_encoding", path=str(path), line=line, encoding=name
        ) from None


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


def sniff_delimiter(text: str) -> str:
    """``,`` or ``;``: the one that splits the header row into more known fields (then into
    more columns); ``,`` when the header does not tell. Only the header is read, so a
    semicolon in a note never decides."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    best, score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            names = next(csv.reader([first], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        known = sum(1 for name in names if fold(name) in ALIASES)
        if (known, len(names)) > score:
            best, score = delimiter, (known, len(names))
    return best


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """Strict CSV: a quote never closed, a row with more or fewer fields than the header, a
    column named twice are bad rows, never silently merged, dropped or overwritten."""
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
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
            fields = _header(row)
            if isinstance(fields, InputError):
                yield line, fields
                return
            header = fields
            continue
        if not row:
            continue  # a blank line, as DictReader skips it
        if len(row) != len(header):
            yield line, InputError("import_ragged_row", count=len(row), expected=len(header))
            continue
        yield line, _row(header, row)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | InputError]]:
    """The first sheet: its first row that is not empty is the header; a row's line is its
    row number in Excel. Dates, numbers and percentages are taken as Excel shows them."""
    try:
        import openpyxl
    except ImportError:
        raise InputError("report_export_missing", fmt="xlsx", package="openpyxl") from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError("import_unreadable", path=str(path), reason=reason) from None
    except Exception:  # a zip that is no workbook, a damaged one: openpyxl raises many kinds
        raise InputError("import_not_xlsx", path=str(path)) from None
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            # some programs write a wrong used range; read every cell the sheet has
            sheet.reset_dimensions()
        header: list[str] | None = None
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            line = next((c.row for c in cells if getattr(c, "row", None)), number)
            if header is None:
                names = [_cell_text(c, "") for c in cells]
                if not any(name.strip() for name in names):
                    continue
                fields = _header(names)
                if isinstance(fields, InputError):
                    yield line, fields
                    return
                header = fields
                continue
            values = [
                _cell_text(c, header[i] if i < len(header) else "") for i, c in enumerate(cells)
            ]
            if not any(v.strip() for v in values):
                continue
            yield line, _row(header, values)
    finally:
        workbook.close()


def _cell_text(cell: Any, field: str) -> str:
    """A cell's value as the text a CSV would hold: a date as ISO (a month for ``period``), a
    number without a needless ``.0``, a percentage cell (0.95 shown as 95%) as 95."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f"{day.year:04d}-{day.month:02d}" if field == "period" else day.isoformat()
    if isinstance(value, int | float):
        number = float(value)
        if "%" in str(getattr(cell, "number_format", "") or ""):
            number = round(number * 100, 9)
        return number_text(number)
    return str(value)


def number_text(value: float) -> str:
    """95 for 95.0, 89.5 for 89.5: as short as reads back the same number."""
    return str(int(value)) if value.is_integer() else repr(value)


# --- checking ------------------------------------------------------------------------------------


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
    progress: Progress | None = None,
    history: frozenset[str] | None = None,
) -> list[NewEvent]:
    """Every row (as read by ``read_rows``) checked against the ledger and the rows before it;
    all good, or an error naming each bad row. ``by`` is who recorded the rows that say not.
    ``progress``, if given, is told how many rows were checked, now and then. ``history``: the
    units whose events a row's plan may need (:func:`history_units`; None: every unit); the
    rows planned for the others are not kept for the rows after them."""
    planned: list[NewEvent] = []
    problems: list[str] = []
    # each unit's events apart: a row's month is chosen from its own unit's events only
    known: dict[str, list[Event]] = {}
    for event in events:
        known.setdefault(event.unit, []).append(event)
    units = UnitNames(directive)
    tasks = TaskIndex(tasks)
    same = Planned()
    total = len(rows)
    step = max(1, -(-total // 200))  # about 200 updates, whatever the size
    for index, (line, fields) in enumerate(rows, start=1):
        if progress is not None and (index % step == 0 or index == total):
            progress(index, total)
        try:
            new = _plan_row(fields, directive, tasks, known, today, by, units, same)
        except CvError as error:
            problems.append(f"{source}:{line}: {translate(lang, error.key, **error.params)}")
            continue
        planned.append(new)
        # later rows see this one, so that two reports for a month are taken in order; ids only
        # order events of the same day: after every recorded event, in file order
        if history is None or new.unit in history:
            known.setdefault(new.unit, []).append(new.stored(10**12 + len(planned)))
    if problems:
        raise ImportRowsError(problems)
    if not planned:
        raise InputError("import_empty", path=str(source))
    return planned


def _plan_row(
    fields: dict[str, Any] | InputError,
    directive: Directive,
    tasks: Sequence[Task],
    known: dict[str, list[Event]],
    today: dt.date,
    default_by: str | None,
    units: UnitNames,
    same: Planned | None = None,
) -> NewEvent:
    if isinstance(fields, InputError):
        raise fields
    values: dict[str, str] = {}
    for name, value in fields.items():
        if name not in FIELD_NAMES:
            raise InputError("import_unknown_field", field=name)
        if isinstance(value, str):
            values[name] = value.strip()
        elif value is None:
            values[name] = ""
        elif isinstance(value, dict | list):
            # never stored as a Python repr
            raise InputError("import_not_text", field=name, kind=type(value).__name__)
        else:
            values[name] = str(value).strip()
    check_fields(values)
    for name in REQUIRED:
        if not values.get(name):
            raise InputError("import_missing_field", field=name)
    done = values.get("done", "").lower() in ("1", "true", "yes", "x", "có")
    if done and values.get("percent"):
        raise InputError("percent_or_done")
    if not done and not values.get("percent"):
        raise InputError("import_missing_field", field="percent")
    if same is None:
        same = Planned()
    percent = 100.0 if done else same.percent(values["percent"])
    unit = units.resolve(values["unit"])
    target = values["item"]
    period = values.get("period") or None
    on = same.day(values["on"])
    evidence = values.get("evidence") or None
    note = values.get("note") or None
    by = values.get("by") or default_by
    if on <= today:
        shape = same.found.get((unit.id, target, period))
        if shape is not None:
            return NewEvent(unit.id, shape[0], shape[1], shape[2], percent, on, evidence, note, by)
    new = plan_event(
        directive,
        tasks,
        known.get(unit.id, ()),
        unit=unit,
        target=target,
        period=period,
        percent=percent,
        on=on,
        today=today,
        evidence=evidence,
        note=note,
        by=by,
    )
    if period is not None or new.period is None:
        same.found[(unit.id, target, period)] = (new.item, new.task, new.period)
    return new


class Planned:
    """What ``plan_event`` made of a row's unit, item and period, kept for the rows after it
    that name the same: where ``plan_event`` chose no month (a period given, a one-off item, a
    task), what it plans depends on the day only through "not after today" (checked before
    using it) and takes the percent, day and words from the row, whatever the ledger holds.
    A row for a monthly item without a period is planned afresh each time (its month is
    chosen from the unit's events)."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str, str | None], tuple[str, str | None, str | None]] = {}
        self.days: dict[str, dt.date] = {}
        self.percents: dict[str, float] = {}

    def day(self, text: str) -> dt.date:
        """``parse_date``, once per spelling (a file names the same days many times)."""
        found = self.days.get(text)
        if found is None:
            found = self.days[text] = parse_date(text)
        return found

    def percent(self, text: str) -> float:
        """``parse_percent``, once per spelling."""
        found = self.percents.get(text)
        if found is None:
            found = self.percents[text] = parse_percent(text)
        return found


FIELD_NAMES = frozenset(FIELDS)


def check_fields(values: dict[str, str]) -> None:
    """``check_field`` of every value: one search over them all, and each field alone only
    when that finds something (to say which field and which character)."""
    plain = " ".join(v for k, v in values.items() if k not in TAB_FIELDS)
    tabbed = " ".join(v for k, v in values.items() if k in TAB_FIELDS)
    if (
        bad_character(plain) is None
        and bad_character(tabbed, allow_tab=True) is None
        and all(len(v) <= FIELD_LIMITS.get(k, DEFAULT_LIMIT) for k, v in values.items())
    ):
        return
    for name, value in values.items():
        check_field(name, value)


class UnitNames:
    """``names.resolve_unit`` once per distinct spelling: a file names a few units many times."""

    def __init__(self, directive: Directive) -> None:
        self.directive = directive
        self.found: dict[str, Unit] = {}

    def resolve(self, text: str) -> Unit:
        unit = self.found.get(text)
        if unit is None:
            unit = self.found[text] = resolve_unit(self.directive, text)
        return unit


def history_units(rows: Rows, directive: Directive) -> frozenset[str]:
    """The units whose recorded events the plan needs: those of rows for a monthly item without
    a period (the month is chosen from what the unit recorded). Every other row is planned
    without the ledger's events (a period given, a one-off item, a task), so an import reads
    only these units' events, through the index. A row that does not resolve is left to the
    plan, which reports it."""
    units = UnitNames(directive)
    wanted: set[str] = set()
    for _line, fields in rows:
        if isinstance(fields, InputError) or str(fields.get("period") or "").strip():
            continue
        try:
            unit = units.resolve(str(fields.get("unit") or ""))
            item = assigned_item(directive, unit, str(fields.get("item") or ""))
        except CvError:
            continue
        if item is not None and item.deadline.monthly:
            wanted.add(unit.id)
    return frozenset(wanted)


# --- the command's flow -------------------------------------------------------------------------


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@contextlib.contextmanager
def progress_bar(total: int, label: str, console: Console | None) -> Iterator[Progress | None]:
    """A progress bar on ``console`` (stderr on a terminal) for an import of ``PROGRESS_FROM``
    rows or more; nothing otherwise (a pipe, cron, a short file). It goes away when done."""
    if console is None or total < PROGRESS_FROM:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)

        def advance(done: int, of: int) -> None:
            bar.update(task, completed=done, total=of)

        yield advance


def run_import(
    path: Path,
    encoding: str | None,
    ledger_of: Callable[[], Ledger],
    directive: Directive,
    *,
    today: dt.date,
    lang: str,
    by: str | None,
    now: Callable[[], dt.datetime],
) -> list[NewEvent]:
    """``import``: read every row (an unreadable file is refused before the ledger is opened),
    check them outside the write lock, re-check under it, append all or nothing."""
    if encoding is not None:
        codec_name(encoding)  # a mistyped --encoding is refused before anything is read
    rows = list(read_rows(path, encoding))
    console = None
    if stderr_is_terminal():
        from rich.console import Console

        console = Console(file=sys.stderr, force_terminal=True)
    ledger = ledger_of()
    units = history_units(rows, directive)
    with progress_bar(len(rows), translate(lang, "import_checking"), console) as progress:
        planned = ledger.append_batch(
            lambda tasks, events: plan_import(
                rows,
                path,
                directive,
                tasks,
                events,
                today=today,
                lang=lang,
                by=by,
                progress=progress,
                history=units,
            ),
            now,
            units=units,
        )
    return planned
