"""The report's formats, one module each behind one registry: the CLI names a format, the
registry imports its module (the heavy libraries of Excel and Word only when asked for) and
calls its ``render(report, directive, t, written_on) -> bytes``."""

from __future__ import annotations

import datetime as dt
import importlib
from types import ModuleType

from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.report.model import Report

MODULES = {
    "table": "terminal",
    "md": "markdown",
    "csv": "csvfile",
    "json": "jsonfile",
    "xlsx": "excel",
    "docx": "word",
}


def _module(fmt: str) -> ModuleType:
    return importlib.import_module(f"cvtracker.report.formats.{MODULES[fmt]}")


BINARY_FORMATS = ("xlsx", "docx")


EXTENSIONS = {
    ".txt": "table",
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".json": "json",
    ".xlsx": "xlsx",
    ".docx": "docx",
}


def resolve_format(fmt: str | None, output: str | None) -> str:
    """``--format`` if given, else the one ``-o``'s extension names, else ``table``."""
    from cvtracker.settings import choose_format

    return choose_format(fmt, output, EXTENSIONS, "table", strict=True)


def require(fmt: str) -> None:
    """Refuse a binary format whose library is missing, before anything is read."""
    module = _module(fmt)
    check = getattr(module, "require", None)
    if check is not None:
        check()


def render_bytes(
    fmt: str,
    report: Report,
    directive: Directive,
    t: Translator,
    *,
    written_on: dt.date | None = None,
) -> bytes:
    """The report as the bytes of a file in ``fmt``; ``table`` is plain text, one row a line.

    ``written_on`` is the day the report is written, for the Word document's date line ("Tuy
    Phong, ngày 05 tháng 6 năm 2022"): a May report is written in June. The caller gives it
    (the CLI: today in Viet Nam); without it, the report's ``as_of``."""
    data: bytes = _module(fmt).render(report, directive, t, written_on)
    return data


def stdout_is_terminal() -> bool:
    """Binary formats are never written to a terminal."""
    import sys

    return sys.stdout.isatty()
