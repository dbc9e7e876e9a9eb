"""Shell completion: what ``<TAB>`` offers for a unit, an item or a task.

``cvtracker --install-completion`` (bash, zsh, fish) installs the shell's side; the shell then
calls ``cvtracker`` with ``_CVTRACKER_COMPLETE=complete_bash`` (or zsh, fish) and the words
typed so far, and these functions answer:

- a unit: its id, from the id's first letters (``lien`` → ``lien-huong``), with its short name
  and name beside it where the shell shows help (zsh, fish);
- an item: ``1`` … ``7``, ``5a`` … and, for ``record``, only the unit's own items and its tasks;
- a task: ``T1`` … from the ledger, read only (a ledger that does not exist is not created).

The directive and the ledger are those the command line names (``--directive``, ``--db``) or
the environment's. Completion must never get in the way: on any error it offers nothing.
Imported by ``cli`` at startup, so the heavy modules are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from cvtracker.directive import Directive
    from cvtracker.schedule import Task
    from cvtracker.session import Session

Choice = tuple[str, str]
"""A value to offer and its help (shown by zsh and fish)."""


def complete_unit(ctx: typer.Context, incomplete: str) -> list[Choice]:
    """Units whose id, short name, name or alias has a word starting with what is typed."""
    return _safely(lambda: units_matching(_directive(ctx), incomplete, _lang(ctx)))


def complete_item(ctx: typer.Context, incomplete: str) -> list[Choice]:
    """Items for a filter (``--item``): every item, and ``5`` for 5a–5c."""
    return _safely(lambda: items_matching(_directive(ctx), incomplete, None, _lang(ctx)))


def complete_item_or_task(ctx: typer.Context, incomplete: str) -> list[Choice]:
    """For ``record UNIT <TAB>``: the unit's items, then its tasks from the ledger."""

    def offer() -> list[Choice]:
        directive = _directive(ctx)
        unit_id = _typed_unit(ctx, directive)
        lang = _lang(ctx)
        items = items_matching(directive, incomplete, unit_id, lang, subitems_only=True)
        tasks = tasks_matching(_tasks(ctx), incomplete, unit_id)
        return items + tasks

    return _safely(offer)


def complete_task(ctx: typer.Context, incomplete: str) -> list[Choice]:
    """Task ids from the ledger (of the unit typed before, if any)."""

    def offer() -> list[Choice]:
        directive = _directive(ctx)
        return tasks_matching(_tasks(ctx), incomplete, _typed_unit(ctx, directive))

    return _safely(offer)


# --- the matching itself: plain functions of the directive and the tasks -----------------------


def units_matching(directive: Directive, incomplete: str, lang: str = "vi") -> list[Choice]:
    """Unit ids starting with what is typed (``lien`` → ``lien-huong``), each with its short
    name and name as help. Only ids are offered: the shells keep a value only if it starts with
    the word typed, and bash would split a name at its spaces; the commands themselves take any
    part of a name (``record huong 2``)."""
    wanted = incomplete.strip().casefold()
    found: list[Choice] = []
    for unit in directive.units:
        if unit.id.startswith(wanted):
            label = unit.name_en if lang == "en" else unit.name
            short = unit.short_en if lang == "en" else unit.short
            found.append((unit.id, label if short == label else f"{short} – {label}"))
    return found


def items_matching(
    directive: Directive,
    incomplete: str,
    unit_id: str | None,
    lang: str = "vi",
    *,
    subitems_only: bool = False,
) -> list[Choice]:
    """Items whose number starts with what is typed; with ``unit_id``, that unit's items only;
    without ``subitems_only``, a parent (``5``) too, which a filter takes for all its sub-items."""
    from cvtracker.names import normalise_item_id

    wanted = normalise_item_id(incomplete)
    found: list[Choice] = []
    parents: dict[str, None] = {}
    for item in directive.obligations:
        if unit_id is not None and unit_id not in directive.assignees(item):
            continue
        title = item.title_en if lang == "en" else item.title
        parent = item.parent
        if parent and not subitems_only and parent.startswith(wanted) and parent not in parents:
            parents[parent] = None
            found.append((parent, f"{parent}a, {parent}b…"))
        if item.id.startswith(wanted):
            found.append((item.id, title))
    return found


def tasks_matching(tasks: Iterable[Task], incomplete: str, unit_id: str | None) -> list[Choice]:
    wanted = incomplete.strip().upper()
    return [
        (task.id, task.title)
        for task in tasks
        if (unit_id is None or task.unit == unit_id) and task.id.startswith(wanted)
    ]


# --- what the command line typed so far -----------------------------------------------------


def _root_params(ctx: typer.Context | Any) -> dict[str, Any]:
    root = ctx.find_root()
    params: dict[str, Any] = dict(root.params or {})
    return params


def _lang(ctx: typer.Context | Any) -> str:
    import os

    wanted = _root_params(ctx).get("lang") or os.environ.get("CVTRACKER_LANG", "")
    return "en" if str(wanted).strip().lower() == "en" else "vi"


def _session(ctx: typer.Context | Any) -> Session:
    """The directive of the command line: ``--cv``, or the only one in the ledger, or the data
    file; with several in the ledger and no ``--cv``, the first added (issue 12)."""
    from cvtracker.errors import InputError
    from cvtracker.session import Session

    params = _root_params(ctx)
    session = Session(
        params.get("lang"), params.get("db"), params.get("directive"), cv=params.get("cv")
    )
    try:
        session.chosen  # noqa: B018 - resolves --cv, or says it is ambiguous
    except InputError as error:
        if error.key != "cv_ambiguous":
            raise
        return session.for_cv(session.directives[0])
    return session


def _directive(ctx: typer.Context | Any) -> Directive:
    return _session(ctx).directive


def _tasks(ctx: typer.Context | Any) -> list[Task]:
    """The tasks of the directive completed for, read only: never created, migrated or locked."""
    return _session(ctx).reader.tasks()


def _typed_unit(ctx: typer.Context | Any, directive: Directive) -> str | None:
    """The unit typed before the word being completed (``record tt-lien-huong <TAB>``)."""
    from cvtracker.names import resolve_unit

    typed = (ctx.params or {}).get("unit")
    if not isinstance(typed, str) or not typed.strip():
        return None
    try:
        return resolve_unit(directive, typed).id
    except Exception:  # an unknown or ambiguous unit: offer every unit's
        return None


def _safely(offer: Callable[[], list[Choice]]) -> list[Choice]:
    """Completion offers nothing rather than fail: a traceback would land in the shell."""
    try:
        return offer()
    except Exception:
        return []
