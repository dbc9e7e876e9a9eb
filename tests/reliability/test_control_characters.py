"""Point 3: control characters (and lone surrogates) are refused on input, exit 2, nothing
written; text already stored with them is shown without them, and the Word and Excel reports
are made all the same."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from .conftest import fingerprint, one_clean_line

BAD = ["\x1b[2J", "\x07", "\x00", "\x9b", "\x1b]0;pwned\x07", "a\nb", "\ud800", "\x7f"]


@pytest.mark.parametrize("bad", BAD, ids=ascii)
@pytest.mark.parametrize(
    "where",
    [
        ("record", "tu-phap", "3", "--done", "--on", "29/4/2022", "--evidence", "{}"),
        ("record", "tu-phap", "3", "--done", "--on", "29/4/2022", "--note", "{}"),
        ("record", "tu-phap", "3", "--done", "--on", "29/4/2022", "--by", "{}"),
        ("task", "add", "tu-phap", "Rà soát {}"),
        ("task", "add", "tu-phap", "Rà soát", "--assignee", "Anh {}"),
    ],
    ids=lambda w: f"{w[0]}-{w[-2] if w[-2].startswith('--') else 'title'}",
)
def test_refused_on_the_command_line(
    cli: Any, ledger: Path, bad: str, where: tuple[str, ...]
) -> None:
    before = fingerprint(ledger)
    args = [a.replace("{}", bad) for a in where]
    result = cli("--lang", "en", *args)
    assert result.exit_code == 2, result.stdout
    line = one_clean_line(result.stderr)
    assert "control character" in line
    assert "\x1b" not in line and "\x07" not in line
    assert fingerprint(ledger) == before


def test_a_tab_is_kept_in_a_note(cli: Any, ledger: Path) -> None:
    result = cli("record", "tu-phap", "3", "--done", "--on", "29/4/2022", "--note", "a\tb")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("bad", ["\x1b[2J", "\x07", "\x00", "\ud800"], ids=ascii)
def test_refused_in_an_import(cli: Any, ledger: Path, tmp_path: Path, bad: str) -> None:
    source = tmp_path / "rows.jsonl"
    # written as JSON escapes, so that NUL and a lone surrogate reach the importer
    row = '{"unit": "tu-phap", "item": "3", "percent": 100, "on": "29/4/2022", "evidence": %s}'
    escaped = "".join(f"\\u{ord(c):04x}" for c in bad)
    source.write_text(row % '"ok"' + "\n" + row % f'"x{escaped}"' + "\n")
    before = fingerprint(ledger)
    result = cli("--lang", "en", "import", str(source))
    assert result.exit_code == 2
    assert "rows.jsonl:2:" in result.stderr and "control character" in result.stderr
    assert "\x1b" not in result.stderr
    assert fingerprint(ledger) == before


def store_raw(ledger: Path, text: str) -> None:
    """As a ledger written before this check would hold it."""
    conn = sqlite3.connect(ledger)
    conn.execute(
        "INSERT INTO events (unit, item, period, percent, done_on, evidence, note, recorded_by,"
        " recorded_at) VALUES ('tu-phap', '6', '2022-05', 100, '2022-05-09', ?, ?, ?,"
        " '2022-05-09 01:00:00')",
        (f"BC {text} số 1", f"ghi chú {text}", f"Lan{text}"),
    )
    conn.execute(
        "INSERT INTO tasks (unit, item, title, assignee, deadline_kind, deadline, created_at)"
        " VALUES ('tu-phap', '3', ?, ?, 'before', '2022-05-20', '2022-05-01 01:00:00')",
        (f"Việc {text}", f"Chị {text}B"),
    )
    conn.commit()
    conn.close()


STORED = "\x1b[2J\x1b]0;title\x07\x00\x0b\x0c\x9b"


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv", "md", "json"])
def test_stored_control_characters_do_not_break_the_reports(
    cli: Any, ledger: Path, tmp_path: Path, fmt: str
) -> None:
    store_raw(ledger, STORED)
    out = tmp_path / f"report.{fmt}"
    result = cli("report", "--month", "2022-05", "--as-of", "1/6/2022", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
        assert book.sheetnames
    elif fmt == "docx":
        import docx

        assert docx.Document(str(out)).paragraphs
    else:
        assert "\x1b" not in out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    "args",
    [
        ("history",),
        ("history", "--json"),
        ("task", "list"),
        ("status", "--unit", "tu-phap", "--as-of", "1/6/2022"),
        ("eligibility", "--year", "2022"),
        ("report", "--month", "2022-05"),
    ],
    ids=" ".join,
)
def test_stored_escape_sequences_never_reach_the_terminal(
    cli: Any, ledger: Path, args: tuple[str, ...]
) -> None:
    store_raw(ledger, STORED)
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    for char in "\x1b\x07\x00\x0b\x0c\x9b":
        assert char not in result.stdout
