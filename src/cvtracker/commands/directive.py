"""``units``, ``items``, ``validate``, ``schema`` and ``draft``: the directive and its data file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from cvtracker.commands.output import Part
    from cvtracker.session import Session


def units(s: Session, *, as_json: bool) -> None:
    """The directive's units; with several directives and no ``--cv``, each one's."""
    from cvtracker.commands.output import emit_each

    emit_each(s, as_json, [_units_part(s, one) for one in s.each()])


def _units_part(s: Session, one: Session) -> Part:
    from cvtracker import render

    directive = one.directive

    def data() -> list[Any]:
        return [{**render.unit_json(u), "directive": one.directive_id} for u in directive.units]

    def people() -> None:
        s.console.print(render.units_table(directive, s.t, s.console.width))

    return one, data, people


def items(s: Session, *, as_json: bool) -> None:
    """The directive's items; with several directives and no ``--cv``, each one's."""
    from cvtracker.commands.output import emit_each

    emit_each(s, as_json, [_items_part(s, one) for one in s.each()])


def _items_part(s: Session, one: Session) -> Part:
    from cvtracker import render

    directive = one.directive

    def data() -> list[Any]:
        cv = one.directive_id
        return [{**render.item_json(directive, i), "directive": cv} for i in directive.obligations]

    def people() -> None:
        s.console.print(render.items_table(directive, s.t, s.console.width))

    return one, data, people


def validate(s: Session, *, path: Path | None, allow_draft: bool) -> None:
    from cvtracker.directive import load_directive_with_warnings
    from cvtracker.draft import DraftMarkersError, draft_markers
    from cvtracker.settings import check_directive_file

    target = path or s.settings.directive_path
    check_directive_file(target)
    _, warnings = load_directive_with_warnings(target, registry=s.registry)
    markers = draft_markers(target.read_text(encoding="utf-8"), str(target))
    if markers and not allow_draft:
        raise DraftMarkersError(markers)
    if markers:
        typer.echo(s.t("draft_markers_allowed", count=len(markers)), err=True)
    from cvtracker.fileproblems import say

    for problem in warnings:
        typer.echo(f"{say(problem, s.settings.lang)} ({s.t('warning')})", err=True)
    typer.echo(
        s.t("valid", path=target)
        + (f"; {s.t('warnings_count', count=len(warnings))}" if warnings else "")
    )


def schema(s: Session) -> None:
    from cvtracker.directive import json_schema

    s.print_json(json_schema())


def draft(s: Session, *, source: Path, output: str | None, units: Path | None) -> None:
    from cvtracker.directive import load_directive
    from cvtracker.draft import Registry, docx_text, draft_markers, read_document, render_yaml
    from cvtracker.errors import InputError
    from cvtracker.units import units_beyond

    # read
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InputError("draft_cannot_read", path=source, reason=error.strerror) from None
    if source.suffix.lower() == ".docx":
        text = docx_text(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("draft_not_text", path=source) from None
    known = load_directive(units) if units else s.directive
    # compute
    office = s.registry if units is None else None
    beyond = units_beyond(office, known, "draft") if office is not None else []
    registry = Registry(tuple(known.groups), (*known.units, *beyond))
    drafted = read_document(text, registry)
    written = render_yaml(drafted, registry, source=source.name, report_unit=known.report.unit)
    markers = len(draft_markers(written, "-"))
    # write
    if output is None:
        sys.stdout.write(written)
        return
    target = Path(output).expanduser()
    try:
        target.write_text(written, encoding="utf-8")
    except OSError as error:
        raise InputError("draft_cannot_write", path=output, reason=error.strerror) from None
    typer.echo(
        s.t("draft_written", path=target, items=len(drafted.items), markers=markers), err=True
    )
