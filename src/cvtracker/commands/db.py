"""``cvtracker db upgrade``, ``db copy`` and ``db grant``: the flows (the work:
:mod:`cvtracker.ledger`, :mod:`cvtracker.dbcopy` and :mod:`cvtracker.grants`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import typer

from cvtracker.errors import InputError

if TYPE_CHECKING:
    from cvtracker.directive import Directive
    from cvtracker.i18n import Translator
    from cvtracker.ledger import Ledger
    from cvtracker.session import Session
    from cvtracker.settings import Settings


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def run_copy(settings: Settings, t: Translator, to: str, as_json: bool) -> None:
    from cvtracker.dbcopy import copy_ledger
    from cvtracker.settings import database_url

    if not to.strip():
        raise InputError("db_copy_to_empty")
    copied = copy_ledger(settings.db_url, database_url(to))
    if as_json:
        _print_json(
            {
                "from": copied.source,
                "to": copied.target,
                "revision": copied.revision,
                "tables": [
                    {"table": c.table, "rows": c.rows, "checksum": c.checksum}
                    for c in copied.tables
                ],
                "skipped": copied.skipped,
            }
        )
        return
    typer.echo(t("db_copied", source=copied.source, target=copied.target, revision=copied.revision))
    for table in copied.tables:
        typer.echo(
            t("db_copied_table", table=table.table, rows=table.rows, checksum=table.checksum)
        )
    typer.echo(t("db_copied_checked"))
    if copied.skipped:
        typer.echo(t("db_copy_skipped", tables=", ".join(copied.skipped)))


def run_grant(
    settings: Settings,
    t: Translator,
    directive: Callable[[], Directive],
    ledger: Callable[[], Ledger],
    role: str,
    units: Sequence[str],
    every_unit: bool,
    as_json: bool,
) -> None:
    """Everything that needs no database is checked first: SQLite, the options, the units."""
    from cvtracker.grants import ALL_UNITS, grant_units
    from cvtracker.ledger import parse_db_url

    if parse_db_url(settings.db_url).get_backend_name() != "postgresql":
        raise InputError("db_units_need_postgres")
    if every_unit and units:
        raise InputError("db_grant_both")
    if not every_unit and not units:
        raise InputError("db_grant_what")
    ids: list[str] | None = None
    if not every_unit:
        from cvtracker.names import resolve_unit

        loaded = directive()
        ids = [resolve_unit(loaded, text).id for text in units]
    granted = grant_units(ledger(), role, ids)
    if as_json:
        _print_json({"role": role, "units": "all" if granted == [ALL_UNITS] else granted})
        return
    if granted == [ALL_UNITS]:
        shown = t("db_grant_all_units")
    else:
        from cvtracker.words import unit_name

        loaded = directive()
        shown = ", ".join(unit_name(loaded, unit, t) for unit in granted)
    typer.echo(t("db_grant_units", role=role, units=shown))


def upgrade(s: Session, *, grant: str | None) -> None:
    from cvtracker.grants import refresh
    from cvtracker.ledger import HEAD_REVISION, grant_app_role, safe_url, upgrade_ledger

    url = s.settings.db_url
    ledger = upgrade_ledger(url)
    refresh(ledger)  # per-unit rights, if on, cover a table the upgrade added
    typer.echo(s.t("db_upgraded", url=safe_url(url), revision=HEAD_REVISION))
    if grant is not None:
        grant_app_role(ledger, grant)
        typer.echo(s.t("db_granted", role=grant))


def _shown_mark(mark: tuple[Any, int] | None) -> str:
    return "-" if mark is None else f"{mark[0].isoformat()}#{mark[1]}"


def _shown_summary(summary: Any) -> str:
    if summary is None:
        return "-"
    return "/".join(
        _shown_mark(m) for m in (summary.last_partial, summary.last_full, summary.full_from)
    )


def check(s: Session, *, as_json: bool, limit: int = 20) -> None:
    """``db check``: the summaries made again from the events, compared with those stored;
    exit 0 when equal, 1 when not (with what differs, and ``db rebuild`` to mend it)."""
    from cvtracker.errors import Failure
    from cvtracker.ledger import open_ledger, safe_url

    url = s.settings.db_url
    ledger = open_ledger(url, write=False)
    if ledger.fresh:
        computed: dict[Any, Any] = {}
        stored: dict[Any, Any] = {}
    else:
        with ledger.reading() as conn:
            computed = ledger.computed_summaries(conn)
            stored = ledger.stored_summaries(conn)
    differ = sorted(k for k in computed.keys() | stored.keys() if computed.get(k) != stored.get(k))
    if as_json:
        _print_json(
            {
                "equal": not differ,
                "occurrences": len(computed),
                "differ": [
                    {
                        "directive": key[0],
                        "unit": key[1],
                        "item": key[2],
                        "task": f"T{key[3]}" if key[3] else None,
                        "period": key[4] or None,
                        "stored": _shown_summary(stored.get(key)),
                        "events": _shown_summary(computed.get(key)),
                    }
                    for key in differ
                ],
            }
        )
    elif not differ:
        typer.echo(s.t("db_check_equal", url=safe_url(url), count=len(computed)))
    else:
        for key in differ[:limit]:
            directive, unit, item, task, period = key
            place = " ".join(
                p for p in (directive, unit, item, f"T{task}" if task else "", period) if p
            )
            typer.echo(
                s.t(
                    "db_check_row",
                    place=place,
                    stored=_shown_summary(stored.get(key)),
                    events=_shown_summary(computed.get(key)),
                )
            )
        if len(differ) > limit:
            typer.echo(s.t("db_check_more", count=len(differ) - limit))
    if differ:
        raise Failure("db_check_differs", url=safe_url(url), count=len(differ))


def rebuild(s: Session, *, as_json: bool) -> None:
    """``db rebuild``: the summaries made again from the events, in one transaction."""
    from cvtracker.ledger import open_ledger, safe_url

    url = s.settings.db_url
    ledger = open_ledger(url)
    with ledger.writing() as conn:
        count = ledger.rebuild_summaries(conn)
    if as_json:
        _print_json({"rebuilt": True, "occurrences": count})
        return
    typer.echo(s.t("db_rebuilt", url=safe_url(url), count=count))
