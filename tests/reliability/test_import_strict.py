"""Point 7: import never changes data silently. An unterminated quote, a row with more (or
fewer) fields than the header, a column named twice, a JSON object or list as a value: each is
a bad row named by its line, and nothing is imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import fingerprint

GOOD = "tu-phap,3,50,2/5/2022,BC 1\n"
HEADER = "unit,item,percent,on,evidence\n"

FILES = {
    "unterminated quote": (
        "rows.csv",
        HEADER + 'tu-phap,3,50,2/5/2022,"BC 1\n' + GOOD + GOOD,
        "rows.csv:2:",
        "never closed",
    ),
    "extra field": (
        "rows.csv",
        HEADER + GOOD + "tu-phap,3,60,3/5/2022,BC 2,lost\n",
        "rows.csv:3:",
        "6 fields",
    ),
    "missing field": (
        "rows.csv",
        HEADER + GOOD + "tu-phap,3,60,3/5/2022\n",
        "rows.csv:3:",
        "4 fields",
    ),
    "duplicate column": (
        "rows.csv",
        "unit,item,percent,on,percent\ntu-phap,3,50,2/5/2022,100\n",
        "rows.csv:1:",
        "appears twice",
    ),
    "object as evidence": (
        "rows.jsonl",
        '{"unit": "tu-phap", "item": "3", "percent": 50, "on": "2/5/2022", "evidence": {"a": 1}}\n',
        "rows.jsonl:1:",
        "not dict",
    ),
    "list as note": (
        "rows.jsonl",
        '{"unit": "tu-phap", "item": "3", "percent": 50, "on": "2/5/2022", "note": [1, 2]}\n',
        "rows.jsonl:1:",
        "not list",
    ),
}


@pytest.mark.parametrize("name", FILES)
def test_a_bad_file_imports_nothing(cli: Any, ledger: Path, tmp_path: Path, name: str) -> None:
    filename, text, where, what = FILES[name]
    source = tmp_path / filename
    source.write_text(text, encoding="utf-8")
    before = fingerprint(ledger)
    result = cli("--lang", "en", "import", str(source))
    assert result.exit_code == 2, result.stdout
    assert "Traceback" not in result.stderr
    named = [line for line in result.stderr.splitlines() if where in line]
    assert named and what in named[0], result.stderr
    assert fingerprint(ledger) == before


def test_quoted_commas_and_a_good_file_still_import(cli: Any, ledger: Path, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(HEADER + 'tu-phap,3,50,2/5/2022,"BC 1, bản 2"\n' + GOOD + "\n")
    result = cli("import", str(source))
    assert result.exit_code == 0, result.stderr
