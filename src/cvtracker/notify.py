"""The morning mail, as data: which rows go to whom, and a hash of what each mail says.

Pure functions: given the directive, the tasks, the events and the day, they say what is overdue
and what falls due within the next working days (Vietnamese public holidays are not working
days), for the digest and for each unit. :func:`settle` decides who gets mail (from the options
and the configuration), :func:`plan` what each recipient gets today; :mod:`cvtracker.mail` turns
the plan into messages and sends them.

"Due soon", with ``--soon N``: an open row whose last on-time day is no later than the N-th
working day after the day. Its days left are counted as ``status`` counts them
(:func:`cvtracker.compliance.working_days_left`: working days from the day through the last
on-time day, both included); on the last on-time day itself it is "due today".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cvtracker.compliance import (
    Event,
    Row,
    by_deadline,
    overdue_rows,
    status_rows,
    working_days_left,
)
from cvtracker.dates import add_working_days
from cvtracker.directive import Directive
from cvtracker.errors import InputError
from cvtracker.schedule import Task, occurrences
from cvtracker.scope import kept

if TYPE_CHECKING:
    from cvtracker.config import NotifyConfig


# a year of working days ahead is more than anyone reads in a morning mail
MAX_SOON = 260


@dataclass(frozen=True)
class Line:
    """Something to tell people: a catalog key and its parameters (the shell says it)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Soon:
    """An open row whose last on-time day comes within the next working days."""

    row: Row
    days_left: int
    """Working days from the day through its last on-time day, both included (as ``status``)."""
    due_today: bool = False
    """The day is its last on-time day."""


@dataclass(frozen=True)
class Notice:
    """What one mail says: the overdue rows and those falling due soon, for one scope."""

    day: dt.date
    soon_days: int
    unit: str | None
    """None for the digest of every unit; a unit id for a unit's own mail."""
    overdue: tuple[Row, ...]
    soon: tuple[Soon, ...]
    max_rows: int = 0
    """At most this many rows per unit in each list of the mail (the oldest); 0: all. The
    counts per unit and the content hash always cover every row."""


@dataclass(frozen=True)
class Letter:
    """A notice, the recipients it is meant for, and the hash of its content."""

    notice: Notice
    recipients: tuple[str, ...]
    content_hash: str


def build_notice(
    directive: Directive,
    tasks: list[Task],
    events: Iterable[Event],
    day: dt.date,
    soon_days: int,
    max_rows: int = 0,
    left_out: frozenset[tuple[str, str, str]] = frozenset(),
) -> Notice:
    """The digest as of the day: every overdue row (oldest first), then the open rows due soon:
    whose last on-time day is no later than the ``soon_days``-th working day after the day (none
    when ``soon_days`` is 0), soonest first. Rows of the same day keep the core's order (units in
    the directive's order)."""
    # monthly occurrences of the coming month can fall due within the window
    horizon = add_working_days(day, soon_days) if soon_days > 0 else day
    # left_out: occurrences settled by the day (cvtracker.scope.for_open), neither overdue nor due
    rows = status_rows(kept(occurrences(directive, tasks, horizon), left_out), events, day)
    soon: list[Soon] = []
    if soon_days > 0:
        for row in by_deadline(rows):
            left = working_days_left(row, day)
            last = row.occurrence.last_on_time
            if left is not None and last is not None and last <= horizon:
                soon.append(Soon(row, left, due_today=last == day))
    return Notice(day, soon_days, None, tuple(overdue_rows(rows)), tuple(soon), max_rows)


def for_unit(notice: Notice, unit: str) -> Notice:
    """A unit's own part of the digest."""
    return Notice(
        notice.day,
        notice.soon_days,
        unit,
        tuple(r for r in notice.overdue if r.occurrence.unit == unit),
        tuple(s for s in notice.soon if s.row.occurrence.unit == unit),
        notice.max_rows,
    )


def by_unit(rows: Sequence[Row]) -> list[tuple[str, list[Row]]]:
    """Rows grouped by unit, each group keeping the rows' order. The rows of a notice come
    oldest first, units in the directive's order on the same day
    (:func:`cvtracker.compliance.by_deadline`), so the groups come in the order of their oldest
    row, then of the directive's list of units."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.occurrence.unit, []).append(row)
    return list(groups.items())


@dataclass(frozen=True)
class Group:
    """A unit's rows in one list of a mail: those shown (the oldest), and how many are not."""

    unit: str
    rows: list[Row]
    hidden: int
    silent: bool = False
    """None of the unit's rows in this list is reported: said once, not on every row."""


def capped(rows: Sequence[Row], max_rows: int) -> list[Group]:
    """:func:`by_unit`, each unit keeping its ``max_rows`` first (oldest) rows; 0 keeps all."""
    groups = []
    for unit, group in by_unit(rows):
        shown = group[:max_rows] if max_rows else group
        silent = not any(row.reported for row in group)
        groups.append(Group(unit, shown, len(group) - len(shown), silent))
    return groups


def counts_by_unit(notice: Notice) -> list[tuple[str, int, int]]:
    """(unit, overdue, due soon) for each unit with either, in the order of the overdue list,
    then of the due-soon list."""
    counts: dict[str, list[int]] = {}
    for row in notice.overdue:
        counts.setdefault(row.occurrence.unit, [0, 0])[0] += 1
    for soon in notice.soon:
        counts.setdefault(soon.row.occurrence.unit, [0, 0])[1] += 1
    return [(unit, overdue, soon) for unit, (overdue, soon) in counts.items()]


def content_hash(notice: Notice, lang: str) -> str:
    """The same rows, in the same language and scope, give the same hash."""
    data = {
        "day": notice.day.isoformat(),
        "unit": notice.unit,
        "lang": lang,
        "soon_days": notice.soon_days,
        "overdue": [r.to_json() for r in notice.overdue],
        "soon": [[s.row.to_json(), s.days_left] for s in notice.soon],
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def resolve_unit_addresses(
    directive: Directive, configured: Mapping[str, Sequence[str]], source: str
) -> dict[str, tuple[str, ...]]:
    """The ``[notify.units]`` table with its keys (unit ids or names) resolved to unit ids."""
    from cvtracker.names import resolve_unit

    resolved: dict[str, tuple[str, ...]] = {}
    for key, addresses in configured.items():
        try:
            unit = resolve_unit(directive, key)
        except InputError:
            raise InputError("config_unknown_unit", path=source, value=key) from None
        merged = dict.fromkeys([*resolved.get(unit.id, ()), *addresses])
        resolved[unit.id] = tuple(merged)
    return resolved


def plan_letters(
    directive: Directive,
    notice: Notice,
    to: Sequence[str],
    unit_addresses: Mapping[str, Sequence[str]],
    *,
    per_unit: bool,
    lang: str,
) -> list[Letter]:
    """The digest to the main recipients; with ``per_unit``, each unit with an address gets its
    own part. A scope with nothing overdue and nothing due soon gets no mail (with ``--soon 0``,
    nothing overdue is no mail, as before reminders)."""
    letters: list[Letter] = []
    if to and (notice.overdue or notice.soon):
        letters.append(Letter(notice, tuple(to), content_hash(notice, lang)))
    if per_unit:
        for unit in directive.units:
            addresses = tuple(unit_addresses.get(unit.id, ()))
            if not addresses:
                continue
            part = for_unit(notice, unit.id)
            if part.overdue or part.soon:
                letters.append(Letter(part, addresses, content_hash(part, lang)))
    return letters


@dataclass(frozen=True)
class Send:
    """A letter, the recipients it goes to now, and those who already have it today."""

    letter: Letter
    todo: tuple[str, ...]
    done: tuple[str, ...]


def split_sent(
    letters: Sequence[Letter], already_sent: Callable[[str, str], bool], *, force: bool
) -> list[Send]:
    """For each letter: the recipients to send it to now, and those who already have it today
    (``already_sent(recipient, content_hash)``); with ``force``, everyone gets it again."""
    result: list[Send] = []
    for letter in letters:
        if force:
            result.append(Send(letter, letter.recipients, ()))
            continue
        done = tuple(r for r in letter.recipients if already_sent(r, letter.content_hash))
        todo = tuple(r for r in letter.recipients if r not in done)
        result.append(Send(letter, todo, done))
    return result


# --- who gets what ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """Who gets mail, and how far ahead it looks: the options laid over the configuration."""

    to: tuple[str, ...]
    """The main recipients, of the digest."""
    units: dict[str, tuple[str, ...]]
    """Unit id to its addresses; empty without ``--per-unit``."""
    per_unit: bool
    soon_days: int
    warnings: tuple[Line, ...] = ()
    max_rows: int = 0
    """``[notify] max_rows_per_unit``."""


def settle(
    directive: Directive,
    configured: NotifyConfig,
    source: str,
    *,
    to: Sequence[str] | None,
    soon: int | None,
    per_unit: bool,
    alone: bool = True,
) -> Request:
    """``--to`` (each value may hold several addresses, comma-separated), else the configured
    recipients (CVTRACKER_NOTIFY_TO, else the file); ``--soon``, else the configured days. With
    ``per_unit``, the units' addresses too: no unit address is a warning when the digest has
    recipients; no recipient at all is an error (``alone`` false: one of several directives,
    whose units' addresses :func:`settle_each` looks at together)."""
    from cvtracker.config import option_addresses

    if soon is not None and soon < 0:
        raise InputError("notify_bad_soon", value=soon)
    main_to = option_addresses(to, "--to") if to else configured.to
    units = resolve_unit_addresses(directive, configured.units, source) if per_unit else {}
    warnings: list[Line] = []
    if per_unit and not any(units.values()) and alone:
        if not main_to:
            raise InputError("mail_no_recipients_per_unit", path=source)
        warnings.append(Line("mail_no_unit_addresses", {"path": source}))
    if not main_to and not per_unit:
        raise InputError("mail_no_recipients", path=source)
    soon_days = configured.soon if soon is None else soon
    if soon_days > MAX_SOON:  # each day ahead is a step over the calendar
        raise InputError("soon_too_far", value=soon_days, limit=MAX_SOON)
    return Request(
        main_to, units, per_unit, soon_days, tuple(warnings), configured.max_rows_per_unit
    )


@dataclass(frozen=True)
class Plan:
    day: dt.date
    notice: Notice
    sends: tuple[Send, ...]
    """Empty when nothing is overdue, or no unit with an address has anything overdue."""
    lines: tuple[Line, ...]
    """What to tell people before anything is sent (nothing overdue, already sent…)."""


def plan(
    directive: Directive,
    tasks: list[Task],
    events: Iterable[Event],
    day: dt.date,
    request: Request,
    *,
    lang: str,
    force: bool,
    already_sent: Callable[[str, str], bool],
    left_out: frozenset[tuple[str, str, str]] = frozenset(),
) -> Plan:
    """What to send to whom today, for one directive: the notice, its letters, and for each
    letter the recipients who do not have it yet today (``already_sent(recipient,
    content_hash)``; everyone again with ``force``). :func:`plan_mail` with one part."""
    notice = build_notice(
        directive, tasks, events, day, request.soon_days, request.max_rows, left_out
    )
    part = Part(directive.directive.number, directive, notice, request)
    mails, lines = plan_mail([part], lang=lang, force=force, already_sent=already_sent)
    return Plan(day, notice, tuple(m.send for m in mails), tuple(lines))


# --- several directives in one ledger (issue 12) ----------------------------------------------


@dataclass(frozen=True)
class Bundle:
    """The letters of several directives to the same recipients, about the same scope (the
    digest, or one unit's part), sent as one mail grouped by directive."""

    parts: tuple[tuple[str, Letter], ...]
    """(directive id, its letter), in the order the directives were given."""
    recipients: tuple[str, ...]
    content_hash: str

    @property
    def directives(self) -> tuple[str, ...]:
        """The ids of the directives the mail covers (one row each in the ledger's mail)."""
        return tuple(number for number, _ in self.parts)

    def as_letter(self) -> Letter:
        """The mail as one letter: its first part's notice, its recipients and its hash."""
        return Letter(self.parts[0][1].notice, self.recipients, self.content_hash)


def bundle(letters: Sequence[tuple[str, Letter]], *, several: bool = True) -> list[Bundle]:
    """One mail per scope and set of recipients, covering every directive that has something
    to say to them; its hash is made of the directives' ids and their letters' hashes. With
    one directive in use (``several`` false) a mail is that directive's letter and keeps its
    letter's hash, as before several directives, so mail sent then is known as sent."""
    groups: dict[tuple[str | None, tuple[str, ...]], list[tuple[str, Letter]]] = {}
    for number, letter in letters:
        groups.setdefault((letter.notice.unit, letter.recipients), []).append((number, letter))
    out = []
    for (_, recipients), parts in groups.items():
        if not several and len(parts) == 1:
            digest = parts[0][1].content_hash
        else:
            joined = "|".join(f"{number}:{letter.content_hash}" for number, letter in parts)
            digest = hashlib.sha256(joined.encode("utf-8")).hexdigest()
        out.append(Bundle(tuple(parts), recipients, digest))
    return out


@dataclass(frozen=True)
class Part:
    """One directive's share of the morning mail: its notice and who gets what of it."""

    directive_id: str
    directive: Directive
    notice: Notice
    request: Request


@dataclass(frozen=True)
class Mail:
    """A mail to send (or already sent today): its bundle, and the recipients to send it to."""

    bundle: Bundle
    send: Send


def plan_mail(
    parts: Sequence[Part],
    *,
    lang: str,
    force: bool,
    already_sent: Callable[[str, str], bool],
    several: bool = False,
) -> tuple[list[Mail], list[Line]]:
    """The mail of the day for one directive or several (``several``: the ids go into each
    mail's hash): one mail per scope and recipients, each directive's letters in it, and what
    to say first (nothing due, no unit mail, already sent to someone today)."""
    from cvtracker.dates import format_day

    letters: list[tuple[str, Letter]] = []
    for part in parts:
        request = part.request
        for letter in plan_letters(
            part.directive,
            part.notice,
            request.to,
            request.units,
            per_unit=request.per_unit,
            lang=lang,
        ):
            letters.append((part.directive_id, letter))
    day = parts[0].notice.day
    when = {"day": format_day(day)}
    # with --soon 0 the words are those of before reminders: nothing overdue, no mail
    reminding = parts[0].request.soon_days > 0
    if not any(part.notice.overdue or part.notice.soon for part in parts):
        return [], [Line("notify_nothing_due" if reminding else "notify_nothing", when)]
    if not letters:
        key = "notify_no_unit_mail_due" if reminding else "notify_no_unit_mail"
        return [], [Line(key, when)]
    bundles = bundle(letters, several=several)
    sends = split_sent([b.as_letter() for b in bundles], already_sent, force=force)
    mails = [Mail(b, send) for b, send in zip(bundles, sends, strict=True)]
    lines = [Line("notify_already", {"to": ", ".join(m.send.done), **when}) for m in mails]
    return mails, [line for line, m in zip(lines, mails, strict=True) if m.send.done]


def settle_each(
    directives: Sequence[Directive],
    configured: NotifyConfig,
    source: str,
    *,
    to: Sequence[str] | None,
    soon: int | None,
    per_unit: bool,
) -> list[Request]:
    """:func:`settle` for each directive in use. With ``per_unit``, each directive gets the
    ``[notify.units]`` entries that name one of its units; an entry that names no unit of any
    of them is a mistake (exit 2), found first, as with one directive."""
    import dataclasses

    if per_unit and len(directives) > 1:  # one directive: settle() says so
        for key in configured.units:
            if not any(known_units(d, {key: ()}) for d in directives):
                raise InputError("config_unknown_unit", path=source, value=key)
    if len(directives) == 1:
        return [settle(directives[0], configured, source, to=to, soon=soon, per_unit=per_unit)]
    requests = []
    for directive in directives:
        mine = configured
        if per_unit:
            mine = dataclasses.replace(configured, units=known_units(directive, configured.units))
        requests.append(
            settle(directive, mine, source, to=to, soon=soon, per_unit=per_unit, alone=False)
        )
    # no unit address in any directive: as with one directive, a warning or an error
    if per_unit and not any(any(r.units.values()) for r in requests):
        if not requests[0].to:
            raise InputError("mail_no_recipients_per_unit", path=source)
        warning = Line("mail_no_unit_addresses", {"path": source})
        requests = [dataclasses.replace(r, warnings=(*r.warnings, warning)) for r in requests]
    return requests


def warnings_once(requests: Sequence[Request]) -> list[Line]:
    """The warnings of every directive's settling, each said once."""
    seen: dict[tuple[str, tuple[tuple[str, Any], ...]], Line] = {}
    for request in requests:
        for warning in request.warnings:
            seen.setdefault((warning.key, tuple(sorted(warning.params.items()))), warning)
    return list(seen.values())


def known_units(directive: Directive, configured: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The ``[notify.units]`` entries that name a unit of this directive (with several
    directives, a unit may be another directive's only)."""
    from cvtracker.names import resolve_unit

    out: dict[str, Any] = {}
    for key, addresses in configured.items():
        try:
            resolve_unit(directive, key)
        except InputError:
            continue
        out[key] = addresses
    return out
