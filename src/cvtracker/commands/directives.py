"""``directive add``, ``list``, ``show``, ``retire``: several directives in one ledger.

A directive is stored as the YAML text it was added from, under its number (``968/UBND-TH``).
Adding a changed file for a number already stored appends a new version, and the latest version
wins (the same text again is not stored twice); retiring appends a row, and the latest
retirement of a directive wins. Nothing is ever changed in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from cvtracker.commands.output import emit

if TYPE_CHECKING:
    from cvtracker.directive import Directive
    from cvtracker.ledger import StoredDirective
    from cvtracker.session import InUse, Session
    from cvtracker.units import Registry


def read_checked(path: Path, registry: Registry | None = None) -> tuple[str, Directive, list[Any]]:
    """The file's text and directive, checked as ``validate`` checks it; a file that still has
    ``# draft:`` markers is refused."""
    from cvtracker.directive import parse_directive
    from cvtracker.draft import DraftMarkersError, draft_markers
    from cvtracker.errors import DirectiveFileError, FileProblem
    from cvtracker.settings import check_directive_file

    check_directive_file(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise DirectiveFileError([FileProblem(str(path), 0, 0, f"cannot read: {reason}")]) from None
    directive, warnings = parse_directive(text, str(path), registry=registry)
    markers = draft_markers(text, str(path))
    if markers:
        raise DraftMarkersError(markers)
    return text, directive, warnings


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def add(s: Session, *, path: Path, as_json: bool) -> None:
    from cvtracker.settings import current_user, now_utc

    # resolve: the file is checked before the ledger is opened
    text, directive, warnings = read_checked(path, s.registry)
    number = directive.directive.number
    by = current_user()
    # write
    ledger = s._base_ledger
    also: str | None = None
    at = now_utc()
    with ledger.writing() as conn:
        stored = ledger.stored_directives(conn)
        if not stored and s.settings.directive_source == "default":
            # the first directive added to a ledger kept until now for the data file's one:
            # that one is stored too, so that its rows are not left without their directive
            first = s.file_directive.directive.number
            if first != number and any(ledger.rows_for(conn, first).values()):
                first_text = s.settings.directive_path.read_text(encoding="utf-8")
                ledger.add_directive(
                    conn, number=first, text=first_text, sha256=digest(first_text), by=by, at=at
                )
                also = first
                at += dt.timedelta(microseconds=1)  # listed after the one whose rows are there
        version, new = ledger.add_directive(
            conn, number=number, text=text, sha256=digest(text), by=by, at=at
        )

    def people() -> None:
        from cvtracker.fileproblems import say

        for problem in warnings:
            typer.echo(f"{say(problem, s.settings.lang)} ({s.t('warning')})", err=True)
        if also is not None:
            typer.echo(s.t("cv_added_first", number=also))
        if not new:
            typer.echo(s.t("cv_unchanged", number=number, version=version))
        elif version == 1:
            typer.echo(s.t("cv_added", number=number))
        else:
            typer.echo(s.t("cv_new_version", number=number, version=version))

    emit(
        s,
        as_json,
        lambda: {"id": number, "version": version, "new": new, "also_added": also},
        people,
    )


def _summary(use: InUse, counts: dict[str, int], day: dt.date) -> dict[str, Any]:
    meta = use.directive.directive
    stored = use.stored
    return {
        "id": use.id,
        "version": stored.version if stored else None,
        "date": meta.date.isoformat(),
        "issuer": meta.issuer,
        "title": meta.title,
        "in_force_until": meta.in_force_until.isoformat() if meta.in_force_until else None,
        "retired_on": stored.retired_on.isoformat() if stored and stored.retired_on else None,
        "retire_reason": stored.retire_reason if stored else None,
        "in_force": not use.directive.ended(day) and not use.retired(day),
        "units": len(use.directive.units),
        "items": len(use.directive.obligations),
        "events": counts.get("events", 0),
        "tasks": counts.get("tasks", 0),
        "stored": stored is not None,
    }


def _counts(s: Session, number: str | None = None) -> dict[str, dict[str, int]]:
    """Each directive's events and tasks (``number``: that directive's only), in one read. The
    events are those that count, as :func:`cvtracker.compliance.effective` says: neither a void
    nor an event voided, as ``status`` and ``export`` see them."""
    from sqlalchemy import func, select

    from cvtracker.errors import InputError
    from cvtracker.ledger import events_table, tasks_table

    try:
        reader = s._base_reader
    except InputError as error:
        if error.key == "db_needs_upgrade":
            return {}
        raise
    if reader.fresh:
        return {}
    ev, ts = events_table.c, tasks_table.c
    voided = select(ev.voids).where(ev.voids.is_not(None))
    events = (
        select(ev.directive, func.count())
        .where(ev.voids.is_(None))
        .where(ev.id.not_in(voided))
        .group_by(ev.directive)
    )
    tasks = select(ts.directive, func.count()).group_by(ts.directive)
    if number is not None:
        events, tasks = events.where(ev.directive == number), tasks.where(ts.directive == number)
    counts: dict[str, dict[str, int]] = {}
    with reader.reading() as conn:
        for key, query in (("events", events), ("tasks", tasks)):
            for directive, count in conn.execute(query):
                counts.setdefault(str(directive), {})[key] = int(count)
    return counts


def list_directives(s: Session, *, as_of: str | None, as_json: bool) -> None:
    from cvtracker.dates import format_day
    from cvtracker.render import _table, _text

    day = s.day(as_of)
    counts = _counts(s)
    rows = [_summary(use, counts.get(use.id, {}), day) for use in s.directives]

    def people() -> None:
        table = _table(s.t("cv_list_title", day=format_day(day)))
        for key in ("col_cv", "col_cv_date", "col_cv_issuer", "col_cv_until", "col_cv_counts"):
            table.add_column(s.t(key))
        for row in rows:
            if row["retired_on"]:
                until = s.t(
                    "cv_retired_on", day=format_day(dt.date.fromisoformat(row["retired_on"]))
                )
            elif row["in_force_until"]:
                until = format_day(dt.date.fromisoformat(row["in_force_until"]))
            else:
                until = "–"
            number = row["id"] + ("" if row["stored"] else f" ({s.t('cv_from_file')})")
            table.add_row(
                _text(number),
                format_day(dt.date.fromisoformat(row["date"])),
                _text(row["issuer"]),
                until,
                s.t(
                    "cv_counts",
                    units=row["units"],
                    items=row["items"],
                    events=row["events"],
                    tasks=row["tasks"],
                ),
            )
        s.console.print(table)

    emit(s, as_json, lambda: rows, people)


def _find(s: Session, number: str) -> InUse:
    from cvtracker.errors import InputError
    from cvtracker.names import fold

    for use in s.directives:
        if use.id == number or fold(use.id) == fold(number):
            return use
    raise InputError("cv_unknown", cv=number, ids=", ".join(u.id for u in s.directives))


def show(s: Session, *, number: str, as_json: bool) -> None:
    import sys

    use = _find(s, number)
    stored: StoredDirective | None = use.stored
    text = stored.yaml if stored else s.settings.directive_path.read_text(encoding="utf-8")

    def data() -> dict[str, Any]:
        return {
            **_summary(use, _counts(s, use.id).get(use.id, {}), s.today()),
            "sha256": stored.sha256 if stored else digest(text),
            "added_by": stored.added_by if stored else None,
            "added_at": stored.added_at.isoformat() if stored else None,
            "yaml": text,
        }

    def people() -> None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")

    emit(s, as_json, data, people)


def retire(s: Session, *, number: str, on: str, reason: str | None, as_json: bool) -> None:
    from cvtracker.dates import format_day
    from cvtracker.errors import InputError
    from cvtracker.revisions import check_reason
    from cvtracker.settings import current_user, now_utc

    # resolve
    day = s.day(on)
    if reason is not None:
        check_reason(reason)
    use = _find(s, number)
    if use.stored is None:
        raise InputError("cv_not_stored", cv=use.id)
    # write
    ledger = s._base_ledger
    with ledger.writing() as conn:
        ledger.retire_directive(
            conn, number=use.id, on=day, reason=reason, by=current_user(), at=now_utc()
        )
    emit(
        s,
        as_json,
        lambda: {"id": use.id, "retired_on": day.isoformat(), "reason": reason},
        lambda: typer.echo(s.t("cv_retired", number=use.id, day=format_day(day))),
    )
