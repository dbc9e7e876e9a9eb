"""``cvtracker info``: what is in use and where each choice came from, without writing anything.

Every part is read on its own: a broken config file, directive or database is shown as an error
in its own line and the rest is still reported, since this is what people run when something is
wrong. No secret is shown: for the SMTP password, only where it would come from.
"""

from __future__ import annotations

import datetime as dt
import platform
from typing import TYPE_CHECKING, Any

from cvtracker import __version__
from cvtracker.dates import TIMEZONE
from cvtracker.errors import CvError

if TYPE_CHECKING:
    from rich.console import Console

    from cvtracker.i18n import Translator
    from cvtracker.session import Session
    from cvtracker.settings import Settings


def gather(settings: Settings, today: dt.date) -> dict[str, Any]:
    """The ``info --json`` object."""
    return {
        "version": __version__,
        "python": platform.python_version(),
        "home": {"path": str(settings.home), "source": settings.home_source},
        "ledger": ledger_info(settings),
        "directive": directive_info(settings),
        "directives": stored_info(settings),
        "units_registry": registry_info(settings),
        "config": config_info(),
        "cache": cache_info(),
        "time_zone": TIMEZONE,
        "today": today.isoformat(),
    }


def cache_info() -> dict[str, Any]:
    """Where the start-up cache is (None: off), and where that came from."""
    import os

    from cvtracker.cache import ENV, cache_dir

    folder = cache_dir()
    source = ENV if os.environ.get(ENV, "").strip() else "default"
    return {"path": str(folder) if folder is not None else None, "source": source}


def ledger_info(settings: Settings) -> dict[str, Any]:
    from cvtracker.backup import sqlite_path
    from cvtracker.ledger import HEAD_REVISION, safe_url

    url = settings.db_url
    info: dict[str, Any] = {
        "url": safe_url(url),
        "source": settings.db_source,
        "default": settings.default_db,
        "backend": None,
        "path": None,
        "exists": None,
        "revision": None,
        "expected_revision": HEAD_REVISION,
        "size": None,
        "events": None,
        "tasks": None,
        "error": None,
    }
    try:
        path = sqlite_path(url)
        if path is not None:
            info.update(backend="sqlite", path=str(path), exists=path.is_file())
            if not path.is_file():
                return info
            # the -wal file holds committed writes not yet checkpointed into the file
            wal = path.with_name(path.name + "-wal")
            info["size"] = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        info.update(_counts(url))
    except CvError as error:
        info["error"] = str(error)
    except Exception as error:  # info reports any failure and goes on
        first = str(error).splitlines()[0] if str(error) else ""
        info["error"] = f"{type(error).__name__}: {first}"
    return info


def _counts(url: str) -> dict[str, Any]:
    """Revision and counts, read without migrating or creating anything."""
    from sqlalchemy import create_engine, func, inspect, select, text

    from cvtracker.ledger import events_table, tasks_table

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found: dict[str, Any] = {"backend": engine.dialect.name}
            if engine.dialect.name != "sqlite":
                found["exists"] = True
            tables = set(inspect(conn).get_table_names())
            if "alembic_version" in tables:
                found["revision"] = conn.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar()
            if "events" in tables:
                found["events"] = conn.execute(
                    select(func.count()).select_from(events_table)
                ).scalar()
            if "tasks" in tables:
                found["tasks"] = conn.execute(
                    select(func.count()).select_from(tasks_table)
                ).scalar()
            if "events" not in tables:
                found["error"] = "not a cvtracker ledger"
            return found
    finally:
        engine.dispose()


def directive_info(settings: Settings) -> dict[str, Any]:
    info: dict[str, Any] = {
        "path": str(settings.directive_path),
        "source": settings.directive_source,
        "number": None,
        "in_force_until": None,
        "error": None,
    }
    try:
        from cvtracker.directive import load_directive

        loaded = load_directive(settings.directive_path)
    except CvError as error:
        info["error"] = str(error).splitlines()[0] if str(error) else error.key
        return info
    info["number"] = loaded.directive.number
    # the model gains in_force_until on main; read it whether or not it is there yet
    until = getattr(loaded.directive, "in_force_until", None)
    info["in_force_until"] = until.isoformat() if isinstance(until, dt.date) else until
    return info


def stored_info(settings: Settings) -> dict[str, Any]:
    """The directives added to the ledger (``directive add``), read without creating or
    migrating it: id, version, retirement day."""
    info: dict[str, Any] = {"stored": [], "error": None}
    try:
        from cvtracker.ledger import open_ledger

        reader = open_ledger(settings.db_url, write=False)
        stored = [] if reader.fresh else reader.stored_directives()
    except CvError as error:
        if error.key != "db_needs_upgrade":  # a ledger older than 0005 holds none
            info["error"] = str(error).splitlines()[0] if str(error) else error.key
        return info
    except Exception as error:  # info reports any failure and goes on
        info["error"] = (
            f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        )
        return info
    info["stored"] = [
        {
            "id": d.id,
            "version": d.version,
            "retired_on": d.retired_on.isoformat() if d.retired_on else None,
        }
        for d in stored
    ]
    return info


def registry_info(settings: Settings) -> dict[str, Any]:
    """The units registry, ``units.yaml`` in the home folder: whether it is there, its units."""
    from cvtracker.unitbook import read_registry, registry_path

    path = registry_path(settings.home)
    info: dict[str, Any] = {"path": str(path), "exists": path.is_file(), "units": None}
    info["error"] = None
    try:
        registry = read_registry(settings.home)
    except CvError as error:
        info["error"] = str(error).splitlines()[0] if str(error) else error.key
        return info
    if registry is not None:
        info["units"] = len(registry.units)
    return info


def config_info() -> dict[str, Any]:
    import os

    from cvtracker.config import config_path, load_config

    path = config_path(os.environ)
    info: dict[str, Any] = {"path": str(path), "exists": path.is_file(), "error": None}
    try:
        config = load_config()
    except CvError as error:
        info["error"] = str(error)
        info["mail"] = None
        return info
    smtp, notify = config.smtp, config.notify
    if smtp.password_env is not None:
        password: str | None = "CVTRACKER_SMTP_PASSWORD"
    elif smtp.password_file is not None:
        password = "password_file"
    else:
        password = None
    info["mail"] = {
        "host": smtp.host,
        "port": smtp.port,
        "tls": smtp.tls,
        "user": smtp.user,
        "from": smtp.sender,
        # where the password comes from, never the password
        "password": password,
        "password_file": str(smtp.password_file) if smtp.password_file else None,
        "to": list(notify.to),
        "units": sorted(notify.units),
        "soon": notify.soon,
        "max_rows_per_unit": getattr(notify, "max_rows_per_unit", None),
    }
    return info


# --- for people ------------------------------------------------------------------------------


def human_size(value: int) -> str:
    """1234567 → "1.2 MB"."""
    size = float(value)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"  # pragma: no cover


def show(data: dict[str, Any], t: Translator, console: Console) -> None:
    from rich.table import Table

    def source(value: str) -> str:
        return t("info_source_default") if value == "default" else t("info_source", source=value)

    rows: list[tuple[str, str]] = [(t("info_python"), data["python"])]
    home = data["home"]
    rows.append((t("info_home"), f"{home['path']} ({source(home['source'])})"))

    ledger = data["ledger"]
    rows.append((t("info_ledger"), f"{ledger['url']} ({source(ledger['source'])})"))
    if ledger["error"]:
        rows.append(("", t("info_unreadable", reason=ledger["error"])))
    elif ledger["exists"] is False:
        rows.append(("", t("info_missing")))
    else:
        revision = ledger["revision"] or "—"
        if ledger["revision"] and ledger["revision"] != ledger["expected_revision"]:
            revision += f" (→ {ledger['expected_revision']})"
        rows.append((t("info_revision"), revision))
        if ledger["size"] is not None:
            rows.append((t("info_size"), human_size(ledger["size"])))
        rows.append((t("info_events"), str(ledger["events"])))
        rows.append((t("info_tasks"), str(ledger["tasks"])))

    directive = data["directive"]
    rows.append((t("info_directive"), f"{directive['path']} ({source(directive['source'])})"))
    if directive["error"]:
        rows.append(("", t("info_unreadable", reason=directive["error"])))
    if directive["in_force_until"]:
        from cvtracker.dates import format_day

        until = dt.date.fromisoformat(directive["in_force_until"])
        rows.append((t("info_in_force_until"), format_day(until)))

    stored = data["directives"]
    if stored["error"]:
        rows.append((t("info_directives"), t("info_unreadable", reason=stored["error"])))
    elif stored["stored"]:
        from cvtracker.dates import format_day

        shown = []
        for one in stored["stored"]:
            text = one["id"]
            if one["retired_on"]:
                day = format_day(dt.date.fromisoformat(one["retired_on"]))
                text += f" ({t('info_directive_retired', day=day)})"
            shown.append(text)
        rows.append((t("info_directives"), ", ".join(shown)))
    units = data["units_registry"]
    if units["error"]:
        rows.append((t("info_units_registry"), units["path"]))
        rows.append(("", t("info_unreadable", reason=units["error"])))
    elif units["exists"]:
        count = t("info_units_count", count=units["units"])
        rows.append((t("info_units_registry"), f"{units['path']} ({count})"))
    cache = data["cache"]
    if cache["path"] is None:
        rows.append((t("info_cache"), t("info_cache_off")))
    else:
        rows.append((t("info_cache"), f"{cache['path']} ({source(cache['source'])})"))

    config = data["config"]
    exists = "" if config["exists"] else f" ({t('info_config_missing')})"
    rows.append((t("info_config"), config["path"] + exists))
    if config["error"]:
        rows.append(("", t("info_unreadable", reason=config["error"])))
    mail = config.get("mail")
    if mail:
        not_set = t("info_not_set")
        server = f"{mail['host']}:{mail['port']} ({mail['tls']})" if mail["host"] else not_set
        rows.append((t("info_smtp"), server))
        rows.append((t("info_smtp_user"), mail["user"] or not_set))
        rows.append((t("info_smtp_from"), mail["from"] or not_set))
        if mail["password"] == "CVTRACKER_SMTP_PASSWORD":
            password = t("info_password_env")
        elif mail["password"] == "password_file":
            password = t("info_password_file", path=mail["password_file"])
        else:
            password = not_set
        rows.append((t("info_password"), password))
        rows.append((t("info_to"), ", ".join(mail["to"]) or not_set))
        if mail["units"]:
            rows.append((t("info_units"), ", ".join(mail["units"])))
        rows.append((t("info_soon"), str(mail["soon"])))
        if mail["max_rows_per_unit"] is not None:
            limit = mail["max_rows_per_unit"]
            rows.append((t("info_max_rows"), str(limit) if limit else t("info_unlimited")))

    rows.append((t("info_time_zone"), data["time_zone"]))
    from cvtracker.dates import format_day

    rows.append((t("info_today"), format_day(dt.date.fromisoformat(data["today"]))))

    table = Table(
        title=t("info_title", version=data["version"]),
        title_justify="left",
        show_header=False,
        box=None,
        pad_edge=False,
    )
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)


def run(s: Session, *, as_json: bool) -> None:
    """``cvtracker info``: gathered once, shown as JSON or as a table."""
    from cvtracker.commands.output import emit

    data = gather(s.settings, s.today())
    emit(s, as_json, lambda: data, lambda: show(data, s.t, s.console))
