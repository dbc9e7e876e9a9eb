"""``unit init|list|check|rename|merge|retire``: the office's units registry, ``units.yaml`` in
``CVTRACKER_HOME`` (issue 12; the rules in :mod:`cvtracker.units`).

``unit init`` writes it from the units of the directives in use; the first ``rename``, ``merge``
or ``retire`` does the same when there is none yet. Reading commands never write it. Every
change is checked against every directive in use before the file is written."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import typer

from cvtracker.commands.output import emit

if TYPE_CHECKING:
    from cvtracker.session import Session
    from cvtracker.units import Registry


def _seeded(s: Session) -> Registry:
    from cvtracker.units import seed

    return seed(use.directive for use in s.directives)


def _current(s: Session) -> tuple[Registry, bool]:
    """The registry, and whether it is there yet (else the directives' units)."""
    registry = s.registry
    if registry is not None:
        return registry, True
    return _seeded(s), False


def _check_directives(s: Session, registry: Registry) -> None:
    """Every directive in use still reads with the registry (before it is written)."""
    from cvtracker.directive import load_directive
    from cvtracker.session import stored_directive

    for use in s.directives:
        if use.stored is not None:
            stored_directive(use.stored, registry)
        else:
            load_directive(s.settings.directive_path, registry)


def _write(s: Session, registry: Registry) -> str:
    from cvtracker.unitbook import write_registry

    _check_directives(s, registry)
    return str(write_registry(s.settings.home, registry))


def init(s: Session, *, as_json: bool) -> None:
    from cvtracker.errors import InputError
    from cvtracker.unitbook import registry_path

    path = registry_path(s.settings.home)
    if path.exists():
        raise InputError("unit_registry_exists", path=str(path))
    registry = _seeded(s)
    written = _write(s, registry)
    emit(
        s,
        as_json,
        lambda: {"file": written, "units": len(registry.units)},
        lambda: typer.echo(s.t("unit_registry_written", path=written, count=len(registry.units))),
    )


def check(s: Session) -> None:
    from cvtracker.errors import InputError
    from cvtracker.unitbook import registry_path

    registry = s.registry  # FILE:LINE errors here
    path = registry_path(s.settings.home)
    if registry is None:
        raise InputError("unit_registry_missing", path=str(path))
    _check_directives(s, registry)
    typer.echo(s.t("unit_registry_valid", path=str(path), count=len(registry.units)))


def list_units(s: Session, *, as_json: bool) -> None:
    from cvtracker.dates import format_day
    from cvtracker.render import _table, _text

    registry, exists = _current(s)

    def data() -> dict[str, Any]:
        return {
            "file": str(s.settings.home / "units.yaml") if exists else None,
            "units": [u.model_dump(mode="json") for u in registry.units],
        }

    def people() -> None:
        if not exists:
            typer.echo(s.t("unit_registry_none"), err=True)
        table = _table(s.t("unit_registry_title"))
        for key in ("col_unit", "col_name", "unit_col_former", "unit_col_life"):
            table.add_column(s.t(key))
        for unit in registry.units:
            former = "\n".join(
                s.t("unit_former", until=format_day(old.until), name=old.name)
                for old in unit.former
            )
            life = []
            if unit.starts:
                merged = ", ".join(unit.merged_from)
                life.append(s.t("unit_starts", day=format_day(unit.starts), units=merged))
            if unit.ends and unit.merged_into:
                life.append(s.t("unit_merged", day=format_day(unit.ends), unit=unit.merged_into))
            elif unit.ends:
                life.append(s.t("unit_retired", day=format_day(unit.ends)))
            table.add_row(_text(unit.id), _text(unit.name), _text(former), _text("\n".join(life)))
        s.show(table)

    emit(s, as_json, data, people)


def _changed(
    s: Session, registry: Registry, as_json: bool, said: str, data: dict[str, Any]
) -> None:
    written = _write(s, registry)
    emit(s, as_json, lambda: {**data, "file": written}, lambda: typer.echo(said))


def rename(
    s: Session,
    *,
    unit: str,
    name: str,
    name_en: str | None,
    short: str | None,
    short_en: str | None,
    on: str,
    as_json: bool,
) -> None:
    from cvtracker.dates import format_day
    from cvtracker.units import find
    from cvtracker.units import rename as renamed

    day = s.day(on)
    registry, _ = _current(s)
    found = find(registry, unit)
    new = renamed(
        registry, found.id, day, name=_text(name), name_en=name_en, short=short, short_en=short_en
    )
    said = s.t("unit_renamed", unit=found.id, old=found.name, name=name, day=format_day(day))
    data = {"unit": found.id, "former_name": found.name, "name": name.strip(), "on": _iso(day)}
    _changed(s, new, as_json, said, data)


def merge(
    s: Session,
    *,
    units: list[str],
    into: str,
    name: str,
    name_en: str | None,
    short: str | None,
    short_en: str | None,
    on: str,
    as_json: bool,
) -> None:
    from cvtracker.dates import format_day
    from cvtracker.units import find
    from cvtracker.units import merge as merged

    day = s.day(on)
    registry, _ = _current(s)
    ids = [find(registry, u).id for u in units]
    ids = list(dict.fromkeys(ids))
    new = merged(
        registry,
        ids,
        into.strip(),
        day,
        name=_text(name),
        name_en=name_en,
        short=short,
        short_en=short_en,
    )
    said = s.t(
        "unit_merged_into", units=", ".join(ids), unit=into.strip(), name=name, day=format_day(day)
    )
    data = {"units": ids, "into": into.strip(), "name": name.strip(), "on": _iso(day)}
    _changed(s, new, as_json, said, data)


def retire(s: Session, *, unit: str, on: str, as_json: bool) -> None:
    from cvtracker.dates import format_day
    from cvtracker.units import find
    from cvtracker.units import retire as retired

    day = s.day(on)
    registry, _ = _current(s)
    found = find(registry, unit)
    new = retired(registry, found.id, day)
    said = s.t("unit_retired_said", unit=found.id, name=found.name, day=format_day(day))
    _changed(s, new, as_json, said, {"unit": found.id, "on": _iso(day)})


def _text(value: str) -> str:
    from cvtracker.errors import InputError

    if not value.strip():
        raise InputError("db_empty_option", option="--name")
    return value


def _iso(day: dt.date) -> str:
    return day.isoformat()
