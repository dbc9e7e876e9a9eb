"""``cvtracker backup`` and ``cvtracker restore``: the flow (the work: :mod:`cvtracker.backup`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import typer

from cvtracker.dates import TIMEZONE
from cvtracker.errors import InputError

if TYPE_CHECKING:
    from cvtracker.settings import Settings


def _now() -> dt.datetime:
    """Now in Viet Nam: backups are named by the day people see."""
    from cvtracker.settings import now_utc

    return now_utc().astimezone(ZoneInfo(TIMEZONE))


def _ledger_file(settings: Settings) -> Path:
    """The SQLite file of the ledger in use; PostgreSQL gets pg_dump advice (exit 2)."""
    from cvtracker.backup import pg_dump_advice, sqlite_path
    from cvtracker.ledger import safe_url

    path = sqlite_path(settings.db_url)
    if path is None:
        if settings.db_url.startswith("postgresql"):
            raise InputError("backup_postgres", advice=pg_dump_advice(settings.db_url))
        raise InputError("backup_not_ledger", path=safe_url(settings.db_url))
    return path


def backup_folder(settings: Settings, ledger: Path) -> Path:
    """``$CVTRACKER_HOME/backups`` for the default ledger; beside any other ledger, its own
    ``backups`` folder, so that keeping the last N never mixes two ledgers' backups."""
    from cvtracker.backup import BACKUP_FOLDER

    return (settings.home if settings.default_db else ledger.parent) / BACKUP_FOLDER


def run_backup(settings: Settings, file: str | None, keep: int) -> None:
    from cvtracker.backup import make_backup
    from cvtracker.commands.info import human_size
    from cvtracker.i18n import Translator

    t = Translator(settings.lang)
    ledger = _ledger_file(settings)
    if not ledger.is_file():
        raise InputError("backup_no_ledger", path=ledger)
    made = make_backup(
        ledger,
        Path(file) if file else None,
        backup_folder(settings, ledger),
        _now(),
        keep,
    )
    typer.echo(
        t(
            "backup_done",
            events=made.stats.events,
            size=human_size(made.stats.size),
            path=made.path,
        )
    )
    for path in made.removed:
        typer.echo(t("backup_pruned", path=path))


def known_revision(revision: str) -> bool:
    """Whether the shipped migrations know ``revision`` (older ones are upgraded on first use)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", "cvtracker:migrations")
    try:
        return ScriptDirectory.from_config(config).get_revision(revision) is not None
    except CommandError:
        return False


def run_restore(settings: Settings, file: str) -> None:
    from cvtracker.backup import restore
    from cvtracker.i18n import Translator

    t = Translator(settings.lang)
    ledger = _ledger_file(settings)
    done = restore(Path(file), ledger, _now(), known_revision)
    typer.echo(
        t(
            "restore_done",
            ledger=ledger,
            path=file,
            events=done.source.events,
            tasks=done.source.tasks,
        )
    )
    if done.aside is not None:
        typer.echo(t("restore_aside", path=done.aside))
