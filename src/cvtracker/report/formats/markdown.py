"""The report in Markdown: headings and pipe tables."""

from __future__ import annotations

import datetime as dt

from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.report.model import Report
from cvtracker.report.view import View, text, view


def _md_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(report_view: View, t: Translator) -> str:
    parts = [f"# {_md_escape(report_view.title)}", ""]
    if report_view.notice:
        parts += [f"> {_md_escape(report_view.notice)}", ""]
    for section in report_view.sections:
        if section.key == "items":
            parts += [f"## {t('report_sec_summary')}", ""]
            parts += [f"- {_md_escape(line)}" for line in report_view.summary]
            parts.append("")
        level = "###" if section.key in ("items", "units") else "##"
        parts += [f"{level} {_md_escape(section.title)}", ""]
        if not section.rows:
            parts += [t("report_none"), ""]
            continue
        parts.append("| " + " | ".join(_md_escape(c) for c in section.columns) + " |")
        aligns = [
            "---:" if all(isinstance(r[i].value, int | float) for r in section.rows) else "---"
            for i in range(len(section.columns))
        ]
        parts.append("|" + "|".join(aligns) + "|")
        for row in section.rows:
            parts.append("| " + " | ".join(_md_escape(text(c.value, c.signed)) for c in row) + " |")
        parts.append("")
    return "\n".join(parts)


def render(
    report: Report, directive: Directive, t: Translator, written_on: dt.date | None = None
) -> bytes:
    return markdown(view(report, directive, t), t).encode("utf-8")
