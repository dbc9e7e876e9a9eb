"""The monthly report for Phòng Nội vụ, as a package whose layout is the flow:

- :mod:`~cvtracker.report.model`: the report computed (pure: given the directive, the tasks, the
  events, the month and the day);
- :mod:`~cvtracker.report.view`: laid out as titled tables of typed cells, section by section;
- :mod:`~cvtracker.report.document`: laid out as a báo cáo (I, II, III and the appendices);
- :mod:`~cvtracker.report.formats`: one module per format behind a registry (terminal,
  Markdown, CSV, JSON, Excel, Word).
"""

from cvtracker.report.model import (
    Report,
    build_report,
    check_month,
    default_as_of,
    outcome,
)

__all__ = ["Report", "build_report", "check_month", "default_as_of", "outcome"]
