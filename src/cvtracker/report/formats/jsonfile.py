"""The report as JSON: the contract scripts rely on (DESIGN.md)."""

from __future__ import annotations

import datetime as dt

from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.jsontext import dumps
from cvtracker.report.model import Report


def to_json(report: Report) -> str:
    return dumps(report.to_json()) + "\n"  # json.dumps(…, ensure_ascii=False, indent=2)


def render(
    report: Report, directive: Directive, t: Translator, written_on: dt.date | None = None
) -> bytes:
    return to_json(report).encode("utf-8")
