"""The office's units registry (``units.yaml`` in ``CVTRACKER_HOME``, issue 12): the units every
directive refers to by id, with their renames, merges and retirements by date.

How a directive and the registry combine (:func:`fill_units`, :func:`complete_directive`):

- a unit in both takes from the registry what makes it itself (its name, English name, short
  names, kind, one-stop desk, earlier names, first and end day, successor; aliases are joined),
  and keeps from the directive what the directive says of it (its addressee group, whether it is
  named, its source, who rates its head);
- a unit the directive lists by id alone (``- {id: x, group: g, named: true}``) must be in the
  registry: else ``FILE:LINE: unknown unit …``; a unit only the directive lists is the
  directive's own, as before;
- a merge's successor that the directive does not list is added to it, in the group of its
  first predecessor the directive lists, and every item that reaches a predecessor reaches it.

What falls due (:mod:`cvtracker.schedule`): nothing for a unit from its end day on (merged or
retired), nothing for a successor before its first day. An obligation whose last day is before
the merge stays on the merged unit's record (open, overdue or done, as the ledger says); one
whose last day is on or after it falls on the successor.

Pure: text in, models and text out; the shell reads and writes the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cvtracker.dates import format_day
from cvtracker.directive import (
    Directive,
    FormerName,
    Problem,
    Unit,
    UnitKind,
    _compose,
    _locate,
    _pydantic_message,
    read_yaml,
)
from cvtracker.errors import DirectiveFileError, FileProblem, InputError
from cvtracker.names import fold

REGISTRY_FILE = "units.yaml"
HEADER = (
    "# The units of the office (cvtracker's units registry). Directives refer to these units\n"
    "# by id; `cvtracker unit rename|merge|retire` edit this file (comments are not kept).\n"
)


class RegistryFileError(DirectiveFileError):
    """An invalid units registry; every problem is listed as ``PATH:LINE:COL: message``."""

    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__(problems)
        self.key = "unit_registry_invalid"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class RegistryUnit(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    short: str = ""
    short_en: str = ""
    aliases: list[str] = []
    kind: UnitKind
    one_stop: bool = False
    former: list[FormerName] = Field(default=[], description="Earlier names, oldest first.")
    starts: dt.date | None = Field(default=None, description="First day (a merge's successor).")
    ends: dt.date | None = Field(default=None, description="First day it no longer exists.")
    merged_into: str | None = None
    merged_from: list[str] = []

    def names(self) -> list[str]:
        """Every name it is found by, folded: id, names, short names, aliases, earlier names."""
        found = [self.id, self.name, self.short, self.short_en, self.name_en, *self.aliases]
        for old in self.former:
            found += [old.name, old.short, old.name_en, old.short_en]
        return [fold(n) for n in found if n]


class Registry(_Model):
    units: list[RegistryUnit] = []

    def get(self, unit_id: str) -> RegistryUnit | None:
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        return None


# --- reading and writing -------------------------------------------------------------------------


def parse_registry(text: str, source: str) -> Registry:
    """The registry from its YAML text; every problem at once as ``FILE:LINE:COL: message``."""
    data = read_yaml(text, source, RegistryFileError)
    if data is None:
        return Registry()
    if not isinstance(data, dict):
        raise RegistryFileError([FileProblem(source, 1, 1, "the file must be a YAML mapping")])
    root = _compose(text)
    try:
        registry = Registry.model_validate(data)
    except ValidationError as exc:
        problems = [
            _locate(source, root, tuple(e["loc"]), _pydantic_message(e)) for e in exc.errors()
        ]
        raise RegistryFileError(sorted(problems, key=lambda p: (p.line, p.col))) from None
    found = registry_problems(registry)
    if found:
        raise RegistryFileError([_locate(source, root, p.loc, p.message) for p in found])
    return registry


def registry_problems(registry: Registry) -> list[Problem]:
    """What pydantic cannot check field by field: ids, successors, the order of the dates."""
    problems: list[Problem] = []
    by_id: dict[str, RegistryUnit] = {}
    for index, unit in enumerate(registry.units):
        loc: tuple[str | int, ...] = ("units", index)
        if unit.id in by_id:
            problems.append(Problem((*loc, "id"), f"duplicate unit id {unit.id!r}"))
        by_id.setdefault(unit.id, unit)
        last: dt.date | None = None
        for j, old in enumerate(unit.former):
            if last is not None and old.until <= last:
                problems.append(
                    Problem((*loc, "former", j, "until"), "earlier names must be oldest first")
                )
            last = old.until
        if unit.starts and last is not None and last < unit.starts:
            problems.append(
                Problem((*loc, "former"), f"a name ending {last} before the unit's first day")
            )
        if unit.ends is not None:
            if unit.starts is not None and unit.ends <= unit.starts:
                problems.append(Problem((*loc, "ends"), "the unit ends before it starts"))
            if last is not None and unit.ends <= last:
                problems.append(Problem((*loc, "ends"), f"the unit ends before {last}"))
        if unit.merged_into is not None and unit.ends is None:
            problems.append(Problem((*loc, "merged_into"), "a merged unit needs `ends`"))
    problems += _same_names(registry)
    for index, unit in enumerate(registry.units):
        loc = ("units", index)
        into = unit.merged_into
        if into is not None:
            target = by_id.get(into)
            if target is None:
                known = ", ".join(by_id)
                problems.append(
                    Problem((*loc, "merged_into"), f"unknown unit {into!r}; known: {known}")
                )
            elif target.starts is None or target.starts != unit.ends:
                problems.append(
                    Problem(
                        (*loc, "merged_into"),
                        f"unit {into!r} must start on the day {unit.id!r} ends ({unit.ends})",
                    )
                )
            elif unit.id not in target.merged_from:
                problems.append(
                    Problem((*loc, "merged_into"), f"unit {into!r} does not list it in merged_from")
                )
        for j, source in enumerate(unit.merged_from):
            other = by_id.get(source)
            if other is None or other.merged_into != unit.id:
                problems.append(
                    Problem(
                        (*loc, "merged_from", j),
                        f"unit {source!r} is not merged into {unit.id!r}",
                    )
                )
    return problems


def _same_names(registry: Registry) -> list[Problem]:
    """Two units that exist at the same time cannot have one name (folded): a merge's
    successor may take the name of a unit it ends."""
    problems: list[Problem] = []
    far_past, far_future = dt.date.min, dt.date.max
    for index, unit in enumerate(registry.units):
        for other in registry.units[:index]:
            if fold(unit.name) != fold(other.name):
                continue
            overlap = (unit.starts or far_past) < (other.ends or far_future) and (
                other.starts or far_past
            ) < (unit.ends or far_future)
            if overlap:
                problems.append(
                    Problem(
                        ("units", index, "name"),
                        f"duplicate unit name {unit.name!r} (also unit {other.id!r})",
                    )
                )
    return problems


def dump_registry(registry: Registry) -> str:
    """The registry as YAML text, as :func:`parse_registry` reads it back."""
    units = []
    for unit in registry.units:
        data = unit.model_dump(mode="json", exclude_defaults=True)
        data.setdefault("one_stop", unit.one_stop)
        for old in data.get("former", []):
            for key in ("short", "short_en"):
                if not old.get(key):
                    old.pop(key, None)
        units.append(data)
    body = yaml.safe_dump(
        {"units": units}, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    return HEADER + body


def seed(directives: Iterable[Directive]) -> Registry:
    """A registry of the units of the directives given (the first one's entry wins)."""
    units: dict[str, RegistryUnit] = {}
    for directive in directives:
        for unit in directive.units:
            if unit.id in units:
                continue
            units[unit.id] = RegistryUnit(
                id=unit.id,
                name=unit.name,
                name_en=unit.name_en,
                short=unit.short if unit.short != unit.name else "",
                short_en=unit.short_en if unit.short_en not in (unit.short, unit.name_en) else "",
                aliases=unit.aliases,
                kind=unit.kind,
                one_stop=unit.one_stop,
                former=unit.former,
                starts=unit.starts,
                ends=unit.ends,
                merged_into=unit.merged_into,
            )
    return Registry(units=list(units.values()))


# --- finding and changing units -------------------------------------------------------------------


def find(registry: Registry, text: str) -> RegistryUnit:
    """A unit by its id or any of its names, with or without diacritics."""
    query = fold(text)
    for unit in registry.units:
        if unit.id == text.strip():
            return unit
    exact = [u for u in registry.units if query and query in u.names()]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        listed = ", ".join(f"{u.id} ({u.name})" for u in exact)
        raise InputError("ambiguous_unit", value=text, choices=listed)
    raise InputError("unknown_unit_no_match", value=text)


def _replace(registry: Registry, *changed: RegistryUnit) -> Registry:
    by_id = {u.id: u for u in changed}
    units = [by_id.pop(u.id, u) for u in registry.units]
    return Registry(units=units + list(by_id.values()))


def _check_alive(unit: RegistryUnit, on: dt.date) -> None:
    """A change on the day must come after the unit's first day and its last rename, and
    before it ended."""
    if unit.ends is not None and unit.ends <= on:
        raise InputError("unit_ended", unit=unit.id, day=format_day(unit.ends))
    earliest = [old.until + dt.timedelta(days=2) for old in unit.former[-1:]]
    if unit.starts is not None:
        earliest.append(unit.starts + dt.timedelta(days=1))
    if earliest and on < max(earliest):
        raise InputError("unit_change_too_early", unit=unit.id, day=format_day(max(earliest)))


def rename(
    registry: Registry,
    unit_id: str,
    on: dt.date,
    *,
    name: str,
    name_en: str | None = None,
    short: str | None = None,
    short_en: str | None = None,
) -> Registry:
    """The unit has a new name from ``on``; the old one is kept as an earlier name."""
    unit = find(registry, unit_id)
    _check_alive(unit, on)
    old = FormerName(
        until=on - dt.timedelta(days=1),
        name=unit.name,
        name_en=unit.name_en,
        short=unit.short,
        short_en=unit.short_en,
    )
    changed = unit.model_copy(
        update={
            "name": name.strip(),
            "name_en": (name_en or name).strip(),
            "short": (short or "").strip(),
            "short_en": (short_en or "").strip(),
            "former": [*unit.former, old],
        }
    )
    return _checked(_replace(registry, changed))


def merge(
    registry: Registry,
    unit_ids: list[str],
    into: str,
    on: dt.date,
    *,
    name: str,
    name_en: str | None = None,
    short: str | None = None,
    short_en: str | None = None,
) -> Registry:
    """The units become a new unit ``into`` from ``on``: they end that day and it starts."""
    sources: list[RegistryUnit] = []
    for text in unit_ids:
        unit = find(registry, text)
        if unit in sources:
            continue
        _check_alive(unit, on)
        sources.append(unit)
    if registry.get(into) is not None:
        raise InputError("unit_merge_exists", unit=into)
    try:
        successor = RegistryUnit(
            id=into,
            name=name.strip(),
            name_en=(name_en or name).strip(),
            short=(short or "").strip(),
            short_en=(short_en or "").strip(),
            kind=sources[0].kind,
            one_stop=any(u.one_stop for u in sources),
            starts=on,
            merged_from=[u.id for u in sources],
        )
    except ValidationError:
        raise InputError("unit_bad_id", unit=into) from None
    ended = [u.model_copy(update={"ends": on, "merged_into": into}) for u in sources]
    return _checked(_replace(registry, *ended, successor))


def retire(registry: Registry, unit_id: str, on: dt.date) -> Registry:
    """Nothing falls due for the unit from ``on``."""
    unit = find(registry, unit_id)
    _check_alive(unit, on)
    return _checked(_replace(registry, unit.model_copy(update={"ends": on})))


def _checked(registry: Registry) -> Registry:
    problems = registry_problems(registry)
    if problems:  # two units of one name at once
        raise InputError("unit_registry_broken", problem=problems[0].message)
    return registry


# --- a directive with the registry ----------------------------------------------------------------

_IDENTITY = ("name", "name_en", "short", "short_en", "kind", "one_stop")


def _identity(unit: RegistryUnit) -> dict[str, Any]:
    data: dict[str, Any] = {key: getattr(unit, key) for key in _IDENTITY}
    data["former"] = [old.model_dump() for old in unit.former]
    data["starts"] = unit.starts
    data["ends"] = unit.ends
    data["merged_into"] = unit.merged_into
    return data


def units_beyond(registry: Registry, directive: Directive, group: str) -> list[Unit]:
    """The registry's units that the directive does not list and that still exist, as units of
    ``group``: ``draft`` matches a text's assignees against the whole office, not only the
    units of the directive it drafts from."""
    listed = {unit.id for unit in directive.units}
    return [
        Unit(id=unit.id, **_identity(unit), aliases=list(unit.aliases), group=group, named=False)
        for unit in registry.units
        if unit.id not in listed and unit.ends is None
    ]


def fill_units(data: dict[str, Any], registry: Registry | None) -> list[Problem]:
    """Complete a directive's raw ``units`` from the registry (see the module's text); the
    units it lists by id alone that the registry does not have, as problems."""
    entries = data.get("units")
    if not isinstance(entries, list):
        return []
    known = {u.id: u for u in registry.units} if registry is not None else {}
    problems: list[Problem] = []
    present: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        present[entry["id"]] = entry
        unit = known.get(entry["id"])
        if unit is None:
            if "name" not in entry:
                where = "the units registry (units.yaml)" if registry else "a units registry"
                problems.append(
                    Problem(
                        ("units", index, "id"),
                        f"unknown unit {entry['id']!r}: not in {where}, and the directive "
                        "gives no name",
                    )
                )
            continue
        aliases = entry.get("aliases")
        own = [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []
        entry.update(_identity(unit))
        entry["aliases"] = own + [a for a in unit.aliases if a not in own]
    if registry is None or problems:
        return problems
    added = True
    while added:  # a successor of a successor too
        added = False
        for unit in registry.units:
            if unit.id in present:
                continue
            first = next((present[p] for p in unit.merged_from if p in present), None)
            if first is None:
                continue
            entry = {
                "id": unit.id,
                **_identity(unit),
                "aliases": list(unit.aliases),
                "group": first.get("group"),
                "named": False,
                "source": f"merged from {', '.join(unit.merged_from)} ({REGISTRY_FILE})",
                "rated_by_issuer": first.get("rated_by_issuer", True),
            }
            entries.append(entry)
            present[unit.id] = entry
            added = True
    return problems


def complete_directive(directive: Directive) -> Directive:
    """Every item that reaches a merged unit reaches its successor too (from the merge on:
    :mod:`cvtracker.schedule` keeps what falls due before it on the merged unit)."""
    successor = {u.id: u.merged_into for u in directive.units if u.merged_into}
    if not successor:
        return directive
    ids = {u.id for u in directive.units}
    items = []
    for item in directive.obligations:
        reached = directive.assignees(item)
        extra: list[str] = []
        for unit_id in reached:
            after = successor.get(unit_id)
            while after is not None and after in ids:
                if after not in reached and after not in extra:
                    extra.append(after)
                after = successor.get(after)
        if extra:
            assignees = item.assignees.model_copy(update={"units": [*item.assignees.units, *extra]})
            item = item.model_copy(update={"assignees": assignees})
        items.append(item)
    return directive.model_copy(update={"obligations": items})


# --- the name of a day ---------------------------------------------------------------------------


def name_on(unit: Unit, day: dt.date) -> FormerName | None:
    """The earlier name the unit had on the day; None: its present name."""
    for old in unit.former:
        if day <= old.until:
            return old
    return None


def unit_on(unit: Unit, day: dt.date | None) -> Unit:
    """The unit as named on the day (its names of that day, short ones included)."""
    old = name_on(unit, day) if day is not None else None
    if old is None:
        return unit
    short = old.short or old.name
    return unit.model_copy(
        update={
            "name": old.name,
            "name_en": old.name_en,
            "short": short,
            "short_en": old.short_en or (short if short != old.name else old.name_en),
        }
    )


def named_on(directive: Directive, day: dt.date) -> Directive:
    """The directive with every unit named as it was on the day (a report for a past month)."""
    if not any(u.former for u in directive.units):
        return directive
    return directive.model_copy(update={"units": [unit_on(u, day) for u in directive.units]})
