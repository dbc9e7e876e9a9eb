"""Finding units, items and tasks by what people type.

Units match by id, name or short name ("tt lien huong"), in any case, with or without Vietnamese
diacritics, NFC or NFD; a part of a name is enough when only one unit has it. Items match by
their number (``5a``, ``5.a``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence

from cvtracker.directive import Directive, Obligation, Unit
from cvtracker.errors import InputError
from cvtracker.schedule import Task

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lowercase, no diacritics, one space between words: "Phòng Nội vụ" → "phong noi vu"."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d")
    words = _NON_WORD.sub(" ", stripped).split()
    # "HĐND&UBND", "HĐND và UBND" and "Giáo dục – Đào tạo" / "Giáo dục và Đào tạo" are one name
    return " ".join(w for w in words if w != "va")


def resolve_unit(directive: Directive, text: str) -> Unit:
    query = fold(text)
    if not query:
        raise InputError("unknown_unit_no_match", value=text)
    names = {
        unit.id: [
            fold(unit.id),
            fold(unit.name),
            fold(unit.short),
            fold(unit.short_en),
            *(fold(a) for a in unit.aliases),
            # a renamed unit is still found by its earlier names (units registry)
            *(fold(n) for old in unit.former for n in (old.name, old.short) if n),
        ]
        for unit in directive.units
    }
    exact = [u for u in directive.units if query in names[u.id]]
    if len(exact) == 1:
        return exact[0]
    padded = f" {query} "
    words = [u for u in directive.units if any(padded in f" {n} " for n in names[u.id])]
    candidates = words or [u for u in directive.units if any(query in n for n in names[u.id])]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = ", ".join(f"{u.id} ({u.name})" for u in candidates)
        raise InputError("ambiguous_unit", value=text, choices=listed)
    everything = {n: u for u in directive.units for n in names[u.id]}
    close = difflib.get_close_matches(query, list(everything), n=5, cutoff=0.5)
    nearest: list[Unit] = []
    for name in close:
        if everything[name] not in nearest:
            nearest.append(everything[name])
    if not nearest:
        raise InputError("unknown_unit_no_match", value=text)
    choices = ", ".join(f"{u.id} ({u.name})" for u in nearest[:3])
    raise InputError("unknown_unit", value=text, choices=choices)


def canonical_person(name: str, known: Iterable[str | None], *, new_person: bool = False) -> str:
    """A person's name as the ledger already spells it: the same name in another case or with
    other spacing is the same person. Diacritics are kept, since "Hà" and "Hạ" are two people;
    but a name that differs from a known one only by its diacritics ("Nguyen Van A" beside
    "Nguyễn Văn A") is more likely a typing shortcut than a new person, so it is refused with
    the known spelling unless ``new_person`` says it is someone else."""
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    others = [k for k in known if k is not None]
    for existing in others:
        if existing.casefold() == cleaned.casefold():
            return existing
    if not new_person:
        for existing in others:
            if fold(existing) == fold(cleaned):
                raise InputError("person_like", value=cleaned, existing=existing)
    return cleaned


def normalise_item_id(text: str) -> str:
    return re.sub(r"[\s.]+", "", unicodedata.normalize("NFC", text).casefold())


def resolve_items(directive: Directive, text: str) -> list[Obligation]:
    """An item for a filter: ``5`` stands for all of 5a, 5b and 5c."""
    wanted = normalise_item_id(text)
    found = [o for o in directive.obligations if o.id == wanted]
    if not found:
        found = [o for o in directive.obligations if o.parent == wanted]
    if not found:
        raise InputError("unknown_item", value=text, choices=_item_choices(directive.obligations))
    return found


def resolve_item(directive: Directive, text: str) -> Obligation:
    """One item, for recording: ``5`` is refused with the list of its sub-items."""
    found = resolve_items(directive, text)
    if len(found) > 1:
        raise InputError("item_needs_subitem", value=text, choices=_item_choices(found))
    return found[0]


def _item_choices(items: Sequence[Obligation]) -> str:
    return ", ".join(o.id for o in items)


def is_task_id(text: str) -> bool:
    return re.fullmatch(r"\s*[tT]\d+\s*", text) is not None


class TaskIndex(list[Task]):
    """Tasks that :func:`resolve_task` finds by number at once (an import asks once a row)."""

    def __init__(self, tasks: Iterable[Task]) -> None:
        super().__init__(tasks)
        self.by_number = {task.number: task for task in self}


def resolve_task(tasks: Sequence[Task], text: str) -> Task:
    number = int(text.strip()[1:])
    if isinstance(tasks, TaskIndex):
        if number in tasks.by_number:
            return tasks.by_number[number]
    else:
        for task in tasks:
            if task.number == number:
                return task
    raise InputError("unknown_task", value=text.strip().upper())
