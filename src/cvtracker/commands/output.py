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


def say_ended(s: Session, day: dt.date) -> None:
    """Once, at the top: the directive is no longer in force on the day."""
    from cvtracker.render import ended_text

    ended = ended_text(s.directive, day, s.t)
    if ended:
        s.console.print(ended, style="bold", highlight=False, markup=False)
