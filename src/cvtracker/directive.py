"""The directive as data: pydantic models of the YAML file, and its loader.

The loader reports every error at once as ``PATH:LINE:COL: message``; pydantic's error locations
are mapped back to positions in the YAML text by walking PyYAML's node tree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cvtracker.errors import DirectiveFileError, FileProblem

if TYPE_CHECKING:
    import yaml

    from cvtracker.units import Registry

MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
ITEM_ID_RE = re.compile(r"^([1-9][0-9]?[a-z]?|[a-z][a-z0-9_-]*)$")

UnitKind = Literal["office", "public_service", "commune", "town", "police", "social_insurance"]
DeadlineKind = Literal["before", "through", "monthly_before", "monthly_through_end", "ongoing"]


class _Model(BaseModel):
    # defer_build: the validators are made when a file is first read, not on import (a directive
    # from the cache is never validated again)
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


class CitedDocument(_Model):
    """A document the directive cites, exactly as its text gives it."""

    id: str = Field(description="Short key, referenced from obligations' `cites`.")
    kind: str = Field(description="Kind of document as the text says: Công văn, Kế hoạch, …")
    number: str = Field(description="Number and symbol, e.g. 178/KH-UBND.")
    date: dt.date
    issuer: str = Field(description="Who issued it, as the text says (UBND tỉnh, UBND huyện, …).")
    subject: str | None = None
    note: str | None = None


class Signer(_Model):
    title: str
    name: str


class Metadata(_Model):
    number: str = Field(description="Number and symbol of the directive, e.g. 968/UBND-TH.")
    kind: str = "Công văn"
    date: dt.date
    place: str
    issuer: str
    issuer_parent: str | None = None
    signer: Signer
    title: str = Field(description="The subject line (V/v …).")
    title_en: str
    preamble: str | None = None
    in_force_until: dt.date | None = Field(
        default=None,
        description="The directive's last day in force: nothing falls due after it.",
    )
    end_reason: str | None = Field(default=None, description="Why it ends (Vietnamese).")
    end_reason_en: str | None = None
    addressees: list[str] = Field(description="Kính gửi: the addressee lines, verbatim.")
    recipients: list[str] = Field(description="Nơi nhận: the distribution lines, verbatim.")
    cites: list[CitedDocument]


class UnitGroup(_Model):
    """An addressee group of the directive's ``Kính gửi`` list."""

    id: str
    name: str
    name_en: str


class FormerName(_Model):
    """A name a unit had before it was renamed (the units registry, ``units.yaml``)."""

    until: dt.date = Field(description="The last day the unit had this name.")
    name: str
    name_en: str
    short: str = ""
    short_en: str = ""


class Unit(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    name_en: str
    short: str = Field(
        default="",
        description="A short name for narrow tables (≤ 18 characters, e.g. 'TT Liên Hương'), "
        "unique across units; default: the name.",
    )
    short_en: str = Field(default="", description="The short name in English; default: short.")
    aliases: list[str] = []
    kind: UnitKind
    group: str = Field(description="Id of the addressee group the unit belongs to.")
    one_stop: bool = Field(description="Runs a one-stop desk (Bộ phận Một cửa).")
    named: bool = Field(description="The directive names this unit in its text.")
    source: str | None = Field(default=None, description="Where the unit comes from if not named.")
    rated_by_issuer: bool = Field(
        default=True,
        description="The issuer rates the unit's head (false: rated by its own hierarchy, so the "
        "90% rule's findings are passed on to that hierarchy).",
    )
    former: list[FormerName] = Field(
        default=[], description="Earlier names, oldest first (set by the units registry)."
    )
    starts: dt.date | None = Field(
        default=None,
        description="The unit's first day (a merge's successor): nothing falls due for it before.",
    )
    ends: dt.date | None = Field(
        default=None,
        description="The first day the unit no longer exists (merged or retired): "
        "nothing falls due for it from that day on.",
    )
    merged_into: str | None = Field(
        default=None, description="The unit that takes over its obligations from `ends` on."
    )

    @model_validator(mode="after")
    def _default_short(self) -> Unit:
        # frozen: the defaults are set once, here, so every reader sees a short name
        if not self.short:
            object.__setattr__(self, "short", self.name)
        if not self.short_en:
            english = self.short if self.short != self.name else self.name_en
            object.__setattr__(self, "short_en", english)
        return self


class Deadline(_Model):
    """When an obligation is due.

    ``before``: strictly before ``date`` ("trước ngày X"); ``through``: up to and including ``date``
    ("đến hết ngày X"); ``monthly_before``: every month, strictly before ``day`` of the month;
    ``monthly_through_end``: every month, through the month's last day; ``ongoing``: no date.
    """

    kind: DeadlineKind
    date: dt.date | None = None
    day: int | None = Field(default=None, ge=1, le=28)
    start: str | None = Field(default=None, description="First monthly occurrence, YYYY-MM.")
    until: str | None = Field(default=None, description="Last monthly occurrence, YYYY-MM.")
    starts: dt.date | None = Field(
        default=None, description="For an ongoing item: the first day it applies."
    )
    wording: str = Field(
        description="The directive's own words for the deadline; for an item it gives no date "
        "for, a short wording of ours, explained in a comment."
    )

    @field_validator("start", "until")
    @classmethod
    def _month(cls, value: str | None) -> str | None:
        if value is not None and not MONTH_RE.match(value):
            raise ValueError(f"{value!r} is not a month written YYYY-MM")
        return value

    @model_validator(mode="after")
    def _fields_of_kind(self) -> Deadline:
        needs: dict[str, tuple[str, ...]] = {
            "before": ("date",),
            "through": ("date",),
            "monthly_before": ("day", "start", "until"),
            "monthly_through_end": ("start", "until"),
            "ongoing": (),
        }
        optional = {"ongoing": ("starts",)}.get(self.kind, ())
        wanted = needs[self.kind]
        for name in ("date", "day", "start", "until", "starts"):
            if name in optional:
                continue
            present = getattr(self, name) is not None
            if name in wanted and not present:
                raise ValueError(f"a '{self.kind}' deadline needs '{name}'")
            if name not in wanted and present:
                raise ValueError(f"a '{self.kind}' deadline takes no '{name}'")
        if self.start and self.until and self.start > self.until:
            raise ValueError(f"start {self.start} is after until {self.until}")
        return self

    @property
    def monthly(self) -> bool:
        return self.kind in ("monthly_before", "monthly_through_end")


class Evidence(_Model):
    what: str = Field(description="What shows the obligation was met (Vietnamese).")
    what_en: str
    to: str | None = Field(default=None, description="Unit id the evidence is sent to.")


class Assignees(_Model):
    groups: list[str] = []
    units: list[str] = []
    one_stop_desks: bool = Field(default=False, description="Every unit with a one-stop desk.")


class Obligation(_Model):
    id: str = Field(description="Item number as in the directive: 1 … 7, 5a, 5b, 5c, or a key.")
    parent: str | None = Field(default=None, description="Parent item number (5 for 5a).")
    title: str
    title_en: str
    text: str = Field(description="The directive's text of the item, verbatim.")
    assignees: Assignees
    deadline: Deadline
    evidence: Evidence | None = None
    footnote: str | None = None
    cites: list[str] = []
    is_report: bool = Field(
        default=False,
        description="The obligation is to send a report: with nothing recorded it is "
        "'chưa báo cáo' rather than 'chưa ghi nhận'.",
    )

    @field_validator("id")
    @classmethod
    def _item_id(cls, value: str) -> str:
        if not ITEM_ID_RE.match(value):
            raise ValueError(f"{value!r} is not an item id (1 … 99, 5a, or a lowercase key)")
        return value


class ReportHeading(_Model):
    """Who writes the monthly report on the directive, and how its Word draft is headed."""

    unit: str = Field(description="Id of the unit that writes the report (Phòng Nội vụ).")
    symbol: str = Field(description="The symbol after the number: Số: …/BC-NV.")
    issuer_short: str = Field(description="The directive's issuer as the report names it.")
    to: str = Field(
        default="Chủ tịch Ủy ban nhân dân huyện",
        description="Kính gửi: whom the report is addressed to ('Như trên' in Nơi nhận).",
    )
    recipients: list[str] = Field(description="Nơi nhận of the report, line by line.")
    signer_title: str = Field(default="TRƯỞNG PHÒNG", description="The signer's title, as signed.")
    signer_name: str | None = Field(
        default=None, description="The signer's name; unset, the line is left for the clerk."
    )
    overdue_rows_per_unit: int = Field(
        default=10,
        ge=1,
        description="The overdue appendix of the Word report shows at most this many rows per "
        "unit, the oldest, and counts the rest (the Excel file has them all).",
    )


DAY_MONTH_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})\s*$")


class CalendarRules(_Model):
    roll_past_days_off: bool = Field(
        default=True,
        description="A last on-time day that is a Saturday, a Sunday or a public holiday moves "
        "to the next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5).",
    )


class RatingRules(_Model):
    judged_before: str = Field(
        default="15/12",
        description="Day/month by which heads and officials are rated: `eligibility --year Y` "
        "judges as of the day before it.",
    )

    @field_validator("judged_before")
    @classmethod
    def _day_month(cls, value: str) -> str:
        match = DAY_MONTH_RE.match(value)
        if not match:
            raise ValueError(f"{value!r} is not a day and month written D/M (e.g. 15/12)")
        day, month = int(match[1]), int(match[2])
        try:
            dt.date(2001, month, day)  # not a leap year: 29/2 is refused
        except ValueError:
            raise ValueError(f"{value!r} is not a day of the year") from None
        return f"{day}/{month}"

    def deadline(self, year: int) -> dt.date:
        """The rating deadline of a year: 15/12/2022 for 2022."""
        day, month = (int(part) for part in self.judged_before.split("/"))
        return dt.date(year, month, day)


# Units by id, for the few unit lists a process looks up in (a linear search was 0.7 s at 3,000
# units). Kept outside the model, whose equality would compare it; keyed by the list's id and
# holding the list itself, so an id is never reused while its entry lives.
_UNIT_INDEXES: dict[int, tuple[list[Unit], dict[str, Unit]]] = {}


def _units_by_id(units: list[Unit]) -> dict[str, Unit]:
    made = _UNIT_INDEXES.get(id(units))
    if made is None or made[0] is not units or len(made[1]) != len(units):
        if len(_UNIT_INDEXES) >= 16:
            _UNIT_INDEXES.clear()
        made = (units, {unit.id: unit for unit in units})
        _UNIT_INDEXES[id(units)] = made
    return made[1]


class Directive(_Model):
    schema_ref: str | None = Field(default=None, alias="$schema")
    directive: Metadata
    # the defaults as CalendarRules() and RatingRules() make them (a default is not validated),
    # without building their validators on import
    calendar: CalendarRules = CalendarRules.model_construct()
    rating: RatingRules = RatingRules.model_construct()
    report: ReportHeading
    groups: list[UnitGroup]
    units: list[Unit]
    obligations: list[Obligation]

    def unit(self, unit_id: str) -> Unit:
        return _units_by_id(self.units)[unit_id]

    def obligation(self, item_id: str) -> Obligation:
        for item in self.obligations:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    @property
    def in_force_until(self) -> dt.date | None:
        return self.directive.in_force_until

    def ended(self, day: dt.date) -> bool:
        """Whether the directive is no longer in force on the day."""
        end = self.directive.in_force_until
        return end is not None and day > end

    def reaches(self, item: Obligation, unit: Unit) -> bool:
        """Whether an obligation reaches the unit (one of :meth:`assignees`, without the list)."""
        to = item.assignees
        return (
            unit.id in to.units or unit.group in to.groups or (to.one_stop_desks and unit.one_stop)
        )

    def assignees(self, item: Obligation) -> list[str]:
        """Unit ids an obligation reaches, in the order of the units list."""
        wanted = set(item.assignees.units)
        groups = set(item.assignees.groups)
        return [
            u.id
            for u in self.units
            if u.id in wanted or u.group in groups or (item.assignees.one_stop_desks and u.one_stop)
        ]


@dataclass(frozen=True)
class Problem:
    loc: tuple[str | int, ...]
    message: str


def _entries(data: Any, *keys: str) -> list[tuple[int, dict[str, Any]]]:
    """(index, mapping) of the list at ``keys`` in raw data, skipping what is not a mapping."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    if not isinstance(data, list):
        return []
    return [(i, entry) for i, entry in enumerate(data) if isinstance(entry, dict)]


def _duplicate_short_names(data: dict[str, Any]) -> list[Problem]:
    """Two units with one short name (once diacritics and case are folded) could not be told
    apart in a narrow table, nor found by it on the command line."""
    from cvtracker.names import fold  # names imports this module; fold is plain text work

    problems: list[Problem] = []
    for key, fallback in (("short", "name"), ("short_en", "name_en")):
        seen: dict[str, str] = {}
        for index, unit in _entries(data, "units"):
            given = unit.get(key)
            shown = given if isinstance(given, str) and given.strip() else None
            if shown is None:
                shown = unit.get(fallback)
            if not isinstance(shown, str) or not fold(shown):
                continue
            folded = fold(shown)
            short = unit.get("short") or unit.get("name")
            if key == "short_en" and isinstance(short, str) and folded == fold(short):
                continue  # the Vietnamese short name, already checked
            if folded in seen:
                field = key if isinstance(given, str) and given.strip() else fallback
                problems.append(
                    Problem(
                        ("units", index, field),
                        f"duplicate unit short name {shown!r} (also unit {seen[folded]!r})",
                    )
                )
            else:
                seen[folded] = str(unit.get("id"))
    return problems


def _strings(value: Any) -> list[tuple[int, str]]:
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]


def cross_reference_problems(directive: Directive | dict[str, Any]) -> list[Problem]:
    """References between parts of the file that pydantic cannot check field by field.

    Works on the raw data too, so that a file with type errors still has its bad references
    reported in the same run (every error at once)."""
    data = directive.model_dump() if isinstance(directive, Directive) else directive
    problems: list[Problem] = []

    def ids(*keys: str) -> list[tuple[int, str]]:
        return [(i, e["id"]) for i, e in _entries(data, *keys) if isinstance(e.get("id"), str)]

    group_ids = [g for _, g in ids("groups")]
    unit_ids = [u for _, u in ids("units")]
    item_ids = [o for _, o in ids("obligations")]
    cited_ids = [c for _, c in ids("directive", "cites")]
    for name, key in (("group", "groups"), ("unit", "units"), ("obligation", "obligations")):
        seen: set[str] = set()
        for index, ident in ids(key):
            if ident in seen:
                problems.append(Problem((key, index, "id"), f"duplicate {name} id {ident!r}"))
            seen.add(ident)
    problems += _duplicate_short_names(data)
    report = data.get("report")
    report_unit = report.get("unit") if isinstance(report, dict) else None
    if isinstance(report_unit, str) and report_unit not in unit_ids:
        problems.append(Problem(("report", "unit"), _unknown("unit", report_unit, unit_ids)))
    for index, unit in _entries(data, "units"):
        group = unit.get("group")
        if isinstance(group, str) and group not in group_ids:
            problems.append(Problem(("units", index, "group"), _unknown("group", group, group_ids)))
    for index, item in _entries(data, "obligations"):
        loc = ("obligations", index)
        raw_assignees = item.get("assignees")
        assignees = raw_assignees if isinstance(raw_assignees, dict) else {}
        for j, group in _strings(assignees.get("groups")):
            if group not in group_ids:
                problems.append(
                    Problem((*loc, "assignees", "groups", j), _unknown("group", group, group_ids))
                )
        for j, unit_id in _strings(assignees.get("units")):
            if unit_id not in unit_ids:
                problems.append(
                    Problem((*loc, "assignees", "units", j), _unknown("unit", unit_id, unit_ids))
                )
        evidence = item.get("evidence")
        to = evidence.get("to") if isinstance(evidence, dict) else None
        if isinstance(to, str) and to and to not in unit_ids:
            problems.append(Problem((*loc, "evidence", "to"), _unknown("unit", to, unit_ids)))
        for j, cited in _strings(item.get("cites")):
            if cited not in cited_ids:
                problems.append(
                    Problem((*loc, "cites", j), _unknown("cited document", cited, cited_ids))
                )
        parent = item.get("parent")
        if isinstance(parent, str) and parent in item_ids:
            problems.append(Problem((*loc, "parent"), f"parent {parent!r} is itself an obligation"))
    return problems


def _unknown(what: str, value: str, choices: Sequence[str]) -> str:
    return f"unknown {what} {value!r}; known: {', '.join(choices)}"


def consistency_warnings(directive: Directive) -> list[Problem]:
    """Things that are allowed but look wrong: `validate` prints them without failing."""
    warnings: list[Problem] = []
    issued = directive.directive.date
    for index, doc in enumerate(directive.directive.cites):
        if doc.date > issued:
            warnings.append(
                Problem(
                    ("directive", "cites", index, "date"),
                    f"{doc.kind} {doc.number} is dated {doc.date:%d/%m/%Y}, after the directive "
                    f"itself ({issued:%d/%m/%Y}); the text may have a typo",
                )
            )
    issued_month = f"{issued:%Y-%m}"
    reached: set[str] = set()
    for index, item in enumerate(directive.obligations):
        units = directive.assignees(item)
        reached.update(units)
        deadline = item.deadline
        loc: tuple[str | int, ...] = ("obligations", index)
        if not units:
            warnings.append(Problem((*loc, "assignees"), f"item {item.id} reaches no unit"))
        if deadline.date is not None and deadline.date < issued:
            warnings.append(
                Problem(
                    (*loc, "deadline", "date"),
                    f"item {item.id} is due {deadline.date:%d/%m/%Y}, before the directive "
                    f"was issued ({issued:%d/%m/%Y})",
                )
            )
        ends = directive.directive.in_force_until
        if ends is not None and deadline.date is not None and deadline.date > ends:
            warnings.append(
                Problem(
                    (*loc, "deadline", "date"),
                    f"item {item.id} is due {deadline.date:%d/%m/%Y}, after the directive ends "
                    f"({ends:%d/%m/%Y}); it will never fall due",
                )
            )
        if deadline.start is not None and deadline.start <= issued_month:
            warnings.append(
                Problem(
                    (*loc, "deadline", "start"),
                    f"item {item.id} starts in {deadline.start}, not after the directive's "
                    f"month ({issued_month})",
                )
            )
    for index, unit in enumerate(directive.units):
        if unit.id not in reached:
            warnings.append(Problem(("units", index), f"no obligation reaches unit {unit.id!r}"))
    used_groups = {u.group for u in directive.units}
    for index, group in enumerate(directive.groups):
        if group.id not in used_groups:
            warnings.append(Problem(("groups", index), f"group {group.id!r} has no unit"))
    return warnings


# --- loading -------------------------------------------------------------------------------------


@cache
def _safe_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, leaving dates as text for pydantic to check: PyYAML's own date
    constructor raises a bare ValueError on a day that does not exist (2022-02-30). Made on first
    use: PyYAML is imported only when a YAML text is read (a command whose directive comes from
    the cache never reads one)."""
    import yaml

    class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    _Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    loader: type[yaml.SafeLoader] = _Loader
    return loader


def load_directive(path: Path, registry: Registry | None = None) -> Directive:
    """Load and validate a directive file; raise DirectiveFileError listing every problem."""
    directive, _ = load_directive_with_warnings(path, warnings=False, registry=registry)
    return directive


def load_directive_with_warnings(
    path: Path, *, warnings: bool = True, registry: Registry | None = None
) -> tuple[Directive, list[FileProblem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DirectiveFileError([FileProblem(str(path), 0, 0, "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise DirectiveFileError([FileProblem(str(path), 0, 0, f"cannot read: {reason}")]) from None
    return parse_directive(text, str(path), warnings=warnings, registry=registry)


def read_yaml(text: str, source: str, error: type[DirectiveFileError]) -> Any:
    """The YAML text's data; a syntax error raised as ``error`` at its ``FILE:LINE:COL``."""
    import yaml

    try:
        return yaml.load(text, Loader=_safe_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise error(
            [FileProblem(source, line, col, f"YAML syntax: {exc.problem or exc}")]
        ) from None
    except yaml.YAMLError as exc:
        raise error([FileProblem(source, 0, 0, f"YAML: {exc}")]) from None


def parse_directive(
    text: str, source: str, *, warnings: bool = True, registry: Registry | None = None
) -> tuple[Directive, list[FileProblem]]:
    """A directive from its YAML text. With the office's units registry (``units.yaml``), its
    units take their names, renames, merges and retirements from the registry, and a unit the
    directive lists by id alone must be in it (:func:`cvtracker.units.fill_units`)."""
    data = read_yaml(text, source, DirectiveFileError)
    if not isinstance(data, dict):
        raise DirectiveFileError([FileProblem(source, 1, 1, "the file must be a YAML mapping")])
    from cvtracker.units import complete_directive, fill_units

    unknown = fill_units(data, registry)
    if unknown:
        root = _compose(text)
        raise DirectiveFileError([_locate(source, root, p.loc, p.message) for p in unknown])
    try:
        directive = Directive.model_validate(data)
    except ValidationError as exc:
        from cvtracker.fileproblems import keyed  # each common error type's catalog key

        root = _compose(text)
        problems = [
            keyed(_locate(source, root, tuple(error["loc"]), _pydantic_message(error)), error)
            for error in exc.errors()
        ]
        # bad references too, in the same run, where pydantic has not already pointed
        located = {(p.line, p.col) for p in problems}
        for ref in cross_reference_problems(data):
            placed = _locate(source, root, ref.loc, ref.message)
            if (placed.line, placed.col) not in located:
                problems.append(placed)
        problems.sort(key=lambda p: (p.line, p.col))
        raise DirectiveFileError(problems) from None
    problems_found = cross_reference_problems(directive)
    if registry is not None and not problems_found:
        directive = complete_directive(directive)
    if problems_found or (warnings and (found := consistency_warnings(directive))):
        root = _compose(text)
        if problems_found:
            raise DirectiveFileError(
                [_locate(source, root, p.loc, p.message) for p in problems_found]
            )
        return directive, [_locate(source, root, p.loc, p.message) for p in found]
    return directive, []


def _pydantic_message(error: Any) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return f"unknown key {error['loc'][-1]!r}"
    if error["type"] == "missing":
        return f"missing key {error['loc'][-1]!r}"
    return message.removeprefix("Value error, ")


def _compose(text: str) -> yaml.Node | None:
    import yaml

    try:
        return yaml.compose(text, Loader=_safe_loader())
    except yaml.YAMLError:  # pragma: no cover - the text already loaded once
        return None


def _locate(
    source: str, root: yaml.Node | None, loc: Iterable[str | int], message: str
) -> FileProblem:
    """Map a pydantic location (keys and indexes) to the deepest YAML node it reaches."""
    import yaml

    node = root
    found = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = None
            for key, value in node.value:
                if key.value == part:
                    # point at the key itself for unknown keys, else at the value
                    match = (key, value)
                    break
            if match is None:
                break
            found = match[0] if message.startswith("unknown key") else match[1]
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            found = node
        else:
            break
    if found is None:
        return FileProblem(source, 1, 1, message)
    return FileProblem(source, found.start_mark.line + 1, found.start_mark.column + 1, message)


def json_schema() -> dict[str, Any]:
    schema = Directive.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cvtracker directive file"
    return schema
