"""Writing the ledger's events so that ``import`` reads them back unchanged (issue 9).

One row per event, in the order recorded, with the fields ``import`` takes: unit (its id), item
(an item number, or the task id for a task's event), period, percent, on (ISO), evidence, note,
by. CSV (UTF-8 with a BOM by default, so that Excel shows Vietnamese), JSON Lines (UTF-8) or
``.xlsx``; CSV and JSON Lines may be written in any encoding ``import`` reads (``--encoding``).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvtracker.compliance import Event
from cvtracker.errors import InputError
from cvtracker.importer import codec_name, number_text
from cvtracker.textcheck import maybe_printable

if TYPE_CHECKING:
    from cvtracker.settings import Settings

COLUMNS = ("unit", "item", "period", "percent", "on", "evidence", "note", "by")
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx"}
DEFAULT_ENCODING = {"csv": "utf-8-sig", "jsonl": "utf-8"}


def resolve_format(fmt: str | None, output: str | None) -> str:
    """``--format`` if given, else the one ``-o``'s extension names, else ``csv``."""
    from cvtracker.settings import choose_format

    return choose_format(fmt, output, EXTENSIONS, "csv", strict=False)


def check_options(fmt: str, encoding: str | None) -> str | None:
    """The codec to write with (None for xlsx); a bad ``--encoding`` is refused (exit 2)."""
    if fmt == "xlsx":
        if encoding is not None:
            raise InputError("export_encoding_not_text")
        from cvtracker.report.formats.excel import require

        require()
        return None
    return codec_name(encoding) if encoding is not None else DEFAULT_ENCODING[fmt]


def event_row(event: Event) -> dict[str, Any]:
    """An event as ``import`` takes it back. Control characters stored before they were
    refused on input are left out (``import`` refuses them, and Excel cannot hold them)."""
    return {
        "unit": event.unit,
        "item": event.task or event.item,
        "period": event.period,
        "percent": int(event.percent) if event.percent.is_integer() else event.percent,
        "on": event.on.isoformat(),
        "evidence": maybe_printable(event.evidence),
        "note": maybe_printable(event.note),
        "by": maybe_printable(event.by),
    }


def render(events: Sequence[Event], fmt: str, codec: str | None) -> bytes:
    """The events in ``fmt``, encoded with ``codec`` (text formats)."""
    rows = [event_row(e) for e in events]
    if fmt == "xlsx":
        return _xlsx(rows)
    assert codec is not None
    if fmt == "jsonl":
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_text(row[c]) for c in COLUMNS])
        text = buffer.getvalue()
    return encode(text, codec, events)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def encode(text: str, codec: str, events: Sequence[Event] = ()) -> bytes:
    """``text`` in ``codec``. Windows-1258 has few precomposed Vietnamese letters: the others
    are written as a base letter and a combining tone mark, as Vietnamese Windows does (import
    puts them together again). A character the encoding cannot hold is refused (exit 2)."""
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        pass
    out: list[str] = []
    for char in text:
        out.append(_encodable(char, codec) or char)
    try:
        return "".join(out).encode(codec)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start]
        raise InputError(
            "export_not_in_encoding", char=bad, code=f"U+{ord(bad):04X}", encoding=codec
        ) from None


def _encodable(char: str, codec: str) -> str | None:
    """``char`` as a base letter composed with as many of its marks as the codec has in one
    character, followed by the other marks as combining characters ("ộ" is "ô" and a combining
    dot below in Windows-1258), or None."""
    if _fits(char, codec):
        return char
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    for size in range(len(marks), -1, -1):
        for chosen in itertools.combinations(range(len(marks)), size):
            head = unicodedata.normalize("NFC", base + "".join(marks[i] for i in chosen))
            tail = "".join(m for i, m in enumerate(marks) if i not in chosen)
            if len(head) == 1 and _fits(head + tail, codec):
                return head + tail
    return None


def _fits(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _xlsx(rows: list[dict[str, Any]]) -> bytes:
    """One sheet: the header, then a row per event; ``on`` a real date (shown day first),
    ``period`` text (so Excel does not make a date of 2022-05), ``percent`` a number (text
    when it has more digits than Excel keeps, 15)."""
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "events"
    sheet.append(list(COLUMNS))
    for row in rows:
        values: list[Any] = [row[c] for c in COLUMNS]
        values[COLUMNS.index("on")] = dt.date.fromisoformat(row["on"])
        percent = row["percent"]
        if isinstance(percent, float) and float(f"{percent:.15g}") != percent:
            # more digits than an Excel number keeps: as text, which import reads exactly
            values[COLUMNS.index("percent")] = number_text(percent)
        sheet.append(values)
    on_column = COLUMNS.index("on") + 1
    period_column = COLUMNS.index("period") + 1
    for cells in sheet.iter_rows(min_row=2):
        cells[on_column - 1].number_format = "dd/mm/yyyy"
        cells[period_column - 1].number_format = "@"
    for letter, width in zip("ABCDEFGH", (16, 6, 9, 8, 11, 30, 30, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_stdout(output: str | None) -> bool:
    return output is None or output == "-"


def stdout_is_terminal() -> bool:
    import sys

    return sys.stdout.isatty()


def check_stdout(fmt: str, output: str | None) -> None:
    """A binary format is never written to a terminal (checked before the ledger is read)."""
    if fmt == "xlsx" and to_stdout(output) and stdout_is_terminal():
        raise InputError("report_binary_tty", fmt=fmt)


def write(data: bytes, output: str | None, settings: Settings) -> Path | None:
    """``data`` to ``-o`` (never over the ledger, the config file or a database) or to stdout;
    the file written, if any."""
    import sys

    if to_stdout(output):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return None
    assert output is not None
    from cvtracker.settings import check_output_target

    target = Path(output).expanduser()
    check_output_target(target, settings)
    try:
        target.write_bytes(data)
    except OSError as error:
        raise InputError("report_cannot_write", path=output, reason=error.strerror) from None
    return target
