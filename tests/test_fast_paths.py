"""The faster ways of issue 8 give what the slower ones gave: the JSON text, the command line
made lazily, Typer's coercion of plain values, the occurrences worked out once."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer import _click
from typer._coercion import build_runtime_param
from typer.main import get_command

from cvtracker import jsontext, schedule
from cvtracker.cli import app
from cvtracker.cligroup import LazyCommands, QuickCoercion, lazy_command
from cvtracker.directive import Directive

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)
rows = st.lists(st.dictionaries(st.text(max_size=8), scalars, min_size=1, max_size=6), max_size=5)


@settings(max_examples=300, deadline=None)
@given(values)
def test_json_text_is_the_standard_library_s(value: Any) -> None:
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=300, deadline=None)
@given(rows)
def test_json_rows_are_the_standard_library_s(value: Any) -> None:
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    "value",
    [
        [{"a": "},\n    {"}, {"b": 1}],  # what the rows' newlines are put in after, in a string
        [{"a": 1}, {}],
        {1: "a"},
        [{"a": dt.date(2022, 1, 1)}],  # not JSON: the standard library's own error
        ({"a": (1, 2)},),
    ],
)
def test_json_text_odd_cases(value: Any) -> None:
    try:
        expected = json.dumps(value, ensure_ascii=False, indent=2)
    except TypeError:
        with pytest.raises(TypeError):
            jsontext.dumps(value)
        return
    assert jsontext.dumps(value) == expected


def _shape(command: Any) -> Any:
    params = [
        (p.name, tuple(p.opts), p.required, repr(p.default), type(p).__name__)
        for p in command.params
    ]
    subs = getattr(command, "commands", None)
    return (
        command.name,
        command.help,
        type(command).__name__,
        params,
        {name: _shape(sub) for name, sub in subs.items()} if subs is not None else None,
    )


def test_the_lazy_command_line_is_typer_s() -> None:
    lazy = lazy_command(app)
    assert isinstance(lazy.commands, LazyCommands)  # type: ignore[attr-defined]
    assert list(lazy.commands) == list(get_command(app).commands)  # type: ignore[attr-defined]
    assert _shape(lazy) == _shape(get_command(app))


def test_a_lazy_command_is_made_when_asked_for() -> None:
    lazy = lazy_command(app)
    commands = lazy.commands  # type: ignore[attr-defined]
    assert isinstance(commands, LazyCommands)
    assert commands._made == {}
    assert commands["overdue"].name == "overdue"
    assert list(commands._made) == ["overdue"]
    assert "nothing" not in commands and commands.get("nothing") is None


@pytest.mark.parametrize(
    ("annotation", "value"),
    [(str, "Phòng Tư pháp"), (str, ""), (int, 7), (int, -3), (bool, True), (bool, False)],
)
def test_quick_coercion_gives_what_typer_s_gives(annotation: type, value: Any) -> None:
    command = get_command(app).commands["overdue"]  # type: ignore[attr-defined]
    param = next(p for p in command.params if p.name == "as_of")
    descriptor = param.type_descriptor
    quick = QuickCoercion(annotation=annotation, parameter_info=descriptor.parameter_info)
    typer_s = build_runtime_param(
        type(descriptor)(annotation, descriptor.parameter_info, descriptor.file_annotation)
    )
    ctx = _click.Context(command)
    assert quick.coerce(value, param, ctx) == typer_s.coerce(value, param, ctx)
    assert quick.coerce(None, param, ctx) is None is typer_s.coerce(None, param, ctx)


def test_limit_is_still_checked_by_typer(cli: Any) -> None:
    wrong = cli("--lang", "en", "overdue", "--limit", "x")
    assert wrong.exit_code == 2 and "--limit" in wrong.output
    negative = cli("--lang", "en", "overdue", "--limit", "-1")
    assert negative.exit_code == 2 and "--limit" in negative.output


def test_occurrences_once_per_read_are_the_same(directive: Directive) -> None:
    day = dt.date(2024, 6, 1)
    schedule._OCCURRENCES.clear()
    first = schedule.occurrences(directive, [], day)
    again = schedule.occurrences(directive, [], day)
    made = schedule._occurrences(directive, [], day)
    assert first == again == made and first is not again
    for occ, fresh in zip(first, made, strict=True):
        assert (occ.last_on_time, occ.late_from, occ.nominal_last, occ.key) == (
            fresh.last_on_time,
            fresh.late_from,
            fresh.nominal_last,
            fresh.key,
        )
