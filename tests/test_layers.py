"""The layers hold: the core (the rules, the report's model and layout, the words) imports no
part of the shell (command line, settings, ledger, mail) and no framework, and never reads the
clock or a file. That is what keeps it testable and `--as-of` free."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "cvtracker"

CORE = [
    "schedule.py",
    "compliance.py",
    "scope.py",
    "recording.py",
    "revisions.py",
    "words.py",
    "fileproblems.py",
    "report/model.py",
    "report/view.py",
    "report/document.py",
    "units.py",
]
SHELL = {
    "cvtracker.cli",
    "cvtracker.cligroup",
    "cvtracker.commands",
    "cvtracker.session",
    "cvtracker.settings",
    "cvtracker.ledger",
    "cvtracker.mail",
    "cvtracker.config",
    "cvtracker.report.formats",
}
FRAMEWORKS = {"typer", "click", "sqlalchemy", "alembic", "rich", "smtplib", "openpyxl", "docx"}
CLOCK = {"today", "now", "utcnow", "time", "monotonic"}


def _imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("name", CORE)
def test_the_core_imports_no_shell_and_no_framework(name: str) -> None:
    tree = ast.parse((SRC / name).read_text(encoding="utf-8"))
    imported = _imports(tree)
    shell = {m for m in imported if any(m == s or m.startswith(f"{s}.") for s in SHELL)}
    frameworks = {m for m in imported if m.split(".")[0] in FRAMEWORKS}
    assert not shell, shell
    assert not frameworks, frameworks


@pytest.mark.parametrize("name", CORE)
def test_the_core_reads_no_clock_and_no_file(name: str) -> None:
    tree = ast.parse((SRC / name).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            assert called not in CLOCK, (name, node.lineno, called)
            assert called not in {"open", "read_text", "read_bytes"}, (name, node.lineno)


def test_the_report_formats_do_not_import_each_other() -> None:
    formats = SRC / "report" / "formats"
    for module in formats.glob("*.py"):
        imported = _imports(ast.parse(module.read_text(encoding="utf-8")))
        others = {
            m
            for m in imported
            if m.startswith("cvtracker.report.formats") and module.stem != "__init__"
        }
        assert not others, (module.name, others)
