"""``import`` and ``export``: many events at once, all or nothing, and the ledger written back
so that ``import`` reads it unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from cvtracker.session import Session


def import_events(s: Session, *, file: Path, encoding: str | None) -> None:
    from cvtracker.importer import run_import
    from cvtracker.settings import current_user, now_utc

    planned = run_import(
        file,
        encoding,
        lambda: s.ledger,
        s.directive,
        today=s.today(),
        lang=s.settings.lang,
        by=current_user(),
        now=now_utc,
    )
    typer.echo(s.t("imported", count=len(planned), path=file))


def export_events(s: Session, *, fmt: str | None, output: str | None, encoding: str | None) -> None:
    from cvtracker import exporter

    # resolve
    kind = exporter.resolve_format(fmt, output)
    codec = exporter.check_options(kind, encoding)
    exporter.check_stdout(kind, output)
    # read, render, write: the events that count (a voided event and its void are left out;
    # import makes no voids)
    from cvtracker.compliance import effective

    events = effective(s.snapshot()[1])
    written = exporter.write(exporter.render(events, kind, codec), output, s.settings)
    if written is not None:
        typer.echo(s.t("exported", count=len(events), path=written), err=True)
