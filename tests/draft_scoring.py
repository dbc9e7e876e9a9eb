"""Precision and recall of `cvtracker draft` over the fixtures of tests/fixtures/draft (issue 12).

Each fixture is a real text (`NN-name.md`, its source URL in a comment at the top) and its
expected reading (`NN-name.expected.yaml`): for each item, by the id the draft gives it (its number,
or 1, 2, … in order for a text without numbered items), the deadline (`kind` and `date` or `day`,
or null when the text gives none) and the assignees as the text names them (`addressees` when it
names none and the item goes to whom the document addresses).

Deadlines: a draft item with a deadline read from the text is a prediction; it is right when kind,
date and day all equal the expected ones. Precision = right / predictions; recall = right /
expected deadlines. Assignees: per item, the names (folded: no case, no diacritics, UBND spelt out)
the draft gives against the expected names, summed over items.

The fixtures are matched against an empty unit registry, so every name is "kept as written":
the measure is of finding the names in the text, not of the registry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cvtracker.draft import DraftItem, Registry, canon, read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "draft"


@dataclass
class Score:
    name: str
    held_out: bool = False
    deadlines_right: int = 0
    deadlines_predicted: int = 0
    deadlines_expected: int = 0
    names_right: int = 0
    names_predicted: int = 0
    names_expected: int = 0

    def add(self, other: Score) -> None:
        for key in (
            "deadlines_right",
            "deadlines_predicted",
            "deadlines_expected",
            "names_right",
            "names_predicted",
            "names_expected",
        ):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def deadline_precision(self) -> float:
        return self._ratio(self.deadlines_right, self.deadlines_predicted)

    @property
    def deadline_recall(self) -> float:
        return self._ratio(self.deadlines_right, self.deadlines_expected)

    @property
    def assignee_precision(self) -> float:
        return self._ratio(self.names_right, self.names_predicted)

    @property
    def assignee_recall(self) -> float:
        return self._ratio(self.names_right, self.names_expected)


def fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("*.md"))


def _names(item: DraftItem | None) -> set[str]:
    if item is None:
        return set()
    a = item.assignees
    if a.default:
        return {"addressees"}
    return {" ".join(canon(n)) for n in a.unknown} | {f"unit:{u}" for u in a.units}


def _expected_names(names: list[str]) -> set[str]:
    return {n if n == "addressees" else " ".join(canon(n)) for n in names}


def score(path: Path) -> Score:
    reading = path.parent / f"{path.stem}.expected.yaml"
    expected: dict[str, Any] = yaml.safe_load(reading.read_text(encoding="utf-8"))
    issued = expected.get("issued")
    day = issued if isinstance(issued, dt.date) else None
    draft = read_document(path.read_text(encoding="utf-8"), Registry(), issued=day)
    got = {item.id: item for item in draft.items}
    result = Score(path.stem, held_out=bool(expected.get("held_out")))
    wanted_ids = set()
    for entry in expected["items"]:
        ident = str(entry["id"])
        wanted_ids.add(ident)
        mine = got.get(ident)
        want = entry.get("deadline")
        if want is not None:
            result.deadlines_expected += 1
        if mine is not None and mine.deadline.found:
            result.deadlines_predicted += 1
            d = mine.deadline
            if want is not None and (d.kind, d.date, d.day) == (
                want["kind"],
                want.get("date"),
                want.get("day"),
            ):
                result.deadlines_right += 1
        names = _names(mine)
        wanted = _expected_names(entry.get("assignees", []))
        result.names_predicted += len(names)
        result.names_expected += len(wanted)
        result.names_right += len(names & wanted)
    for ident, item in got.items():  # items the draft found that the reading does not have
        if ident not in wanted_ids:
            result.deadlines_predicted += int(item.deadline.found)
            result.names_predicted += len(_names(item))
    return result


def score_all() -> tuple[list[Score], Score]:
    scores = [score(path) for path in fixtures()]
    total = Score("all")
    for one in scores:
        total.add(one)
    return scores, total


def subtotals(scores: list[Score]) -> list[Score]:
    """The fixtures the parser was tuned on, and those written after it (held out)."""
    tuned, held = Score("tuned on (not held out)"), Score("held out", held_out=True)
    for one in scores:
        (held if one.held_out else tuned).add(one)
    return [tuned, held]


def table() -> str:
    scores, total = score_all()
    scores = [*scores, *subtotals(scores)]
    lines = [
        f"{'fixture':44} {'deadl. P':>8} {'deadl. R':>8} {'assig. P':>8} {'assig. R':>8}",
    ]
    for one in [*scores, total]:
        lines.append(
            f"{one.name:44} {one.deadline_precision:8.2f} {one.deadline_recall:8.2f} "
            f"{one.assignee_precision:8.2f} {one.assignee_recall:8.2f}"
        )
    lines.append(
        f"deadlines: {total.deadlines_right} right of {total.deadlines_predicted} read, "
        f"{total.deadlines_expected} expected; assignees: {total.names_right} right of "
        f"{total.names_predicted} read, {total.names_expected} expected"
    )
    return "\n".join(lines)
