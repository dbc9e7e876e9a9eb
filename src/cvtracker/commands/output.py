"""What every command shows: ``--json`` for programs or tables and text for people, chosen in
one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cvtracker.session import Session


def emit(s: Session, as_json: bool, data: Callable[[], Any], people: Callable[[], None]) -> None:
    """``--json``: ``data()`` on stdout (English keys and values, the contract); otherwise
    ``people()`` draws the tables and lines for people, in the session's language."""
    if as_json:
        s.print_json(data())
    else:
        people()


Part = tuple["Session", Callable[[], list[Any]], Callable[[], None]]
"""One directive's part of a command's output: its session, its ``--json`` rows (each with its
``"directive"``), and what people see of it."""


def emit_each(s: Session, as_json: bool, parts: list[Part]) -> None:
    """Each directive's part (all of them with several and no ``--cv``): ``--json``, every
    part's rows in one array; for people, each part under its directive's heading when
    several are shown."""
    if as_json:
        s.print_json([row for _, data, _ in parts for row in data()])
        return
    for one, _, people in parts:
        if s.several():
            s.console.print(s.t("cv_heading", number=one.directive_id), style="bold", markup=False)
        people()


def say_ended(s: Session, day: dt.date) -> None:
    """Once, at the top: the directive is no longer in force on the day."""
    from cvtracker.words import ended_text

    ended = ended_text(s.directive, day, s.t)
    if ended:
        s.console.print(ended, style="bold", highlight=False, markup=False)


def scoped_filters(
    s: Session, unit: str | None, item: str | None
) -> list[tuple[Session, str | None, set[str] | None]]:
    """Each directive shown (all of them with several and no ``--cv``) with ``--unit`` and
    ``--item`` resolved in it. With several, a directive that has no such unit or item is left
    out; one that none of them has is the error the first one gave."""
    from cvtracker.errors import InputError
    from cvtracker.names import resolve_items, resolve_unit

    out: list[tuple[Session, str | None, set[str] | None]] = []
    first: InputError | None = None
    for one in s.each():
        try:
            unit_id = resolve_unit(one.directive, unit).id if unit else None
            items = {o.id for o in resolve_items(one.directive, item)} if item else None
        except InputError as error:
            if not s.several():
                raise
            first = first or error
            continue
        out.append((one, unit_id, items))
    if not out and first is not None:
        raise first
    return out
