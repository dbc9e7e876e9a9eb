"""Precision and recall of `cvtracker draft` on the real texts of tests/fixtures/draft.

.venv/bin/python bench/draft_fixtures.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from draft_scoring import table

if __name__ == "__main__":
    print(table())
