"""The problems of a directive file (``PATH:LINE:COL: …``) in the user's language.

A problem keeps its place (path, line, column) and, in ``message``, the English words it was
found with (tests and logs read those). To say it to people, :func:`say` looks for a catalog
key: the one the problem carries (:func:`keyed` gives one to each of pydantic's common error
types: a missing or unknown key, a date, a number, a choice, a length…), else the one whose
English template the message matches (:data:`TEMPLATES`, the loader's and the checks' own
messages). A message with neither is said as it is, after a Vietnamese lead-in when the
language is Vietnamese ("giá trị không hợp lệ: …"), so nothing is ever lost.

Pure: no file, no clock; pydantic's errors come in as the plain dicts of
``ValidationError.errors()``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from string import Formatter
from typing import Any

from cvtracker.errors import FileProblem
from cvtracker.i18n import CATALOG, translate

# the English templates of the messages the loader and the checks write (directive.py,
# yamlcheck.py, draft.py), each with its catalog key; the groups are the key's parameters
TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"no such file", "fp_no_such_file"),
        (r"cannot read: not UTF-8 text", "fp_not_utf8"),
        (r"cannot read: (?P<reason>.*)", "fp_cannot_read"),
        (r"YAML syntax: (?P<detail>.*)", "fp_yaml_syntax"),
        (r"YAML: (?P<detail>.*)", "fp_yaml"),
        (r"the file must be a YAML mapping", "fp_not_mapping"),
        (r"duplicate key '(?P<name>.*)' \(first on line (?P<line>\d+)\)", "fp_duplicate_key"),
        (r"unknown key '(?P<name>.*)'", "fp_unknown_key"),
        (r"missing key '(?P<name>.*)'", "fp_missing_key"),
        (r"(?P<value>.*) is not a month written YYYY-MM", "fp_not_month"),
        (r"a '(?P<kind>.*)' deadline needs '(?P<name>.*)'", "fp_deadline_needs"),
        (r"a '(?P<kind>.*)' deadline takes no '(?P<name>.*)'", "fp_deadline_takes_no"),
        (r"start (?P<start>\S+) is after until (?P<until>\S+)", "fp_start_after_until"),
        (
            r"(?P<value>.*) is not an item id \(1 … 99, 5a, or a lowercase key\)",
            "fp_not_item_id",
        ),
        (
            r"(?P<value>.*) is not a day and month written D/M \(e\.g\. 15/12\)",
            "fp_not_day_month",
        ),
        (r"(?P<value>.*) is not a day of the year", "fp_not_day_of_year"),
        (r"unknown unit (?P<value>.*); known: (?P<known>.*)", "fp_unknown_unit"),
        (r"unknown group (?P<value>.*); known: (?P<known>.*)", "fp_unknown_group"),
        (r"unknown cited document (?P<value>.*); known: (?P<known>.*)", "fp_unknown_cited"),
        (r"parent (?P<parent>.*) is itself an obligation", "fp_parent_is_obligation"),
        (
            r"duplicate unit short name (?P<short>.*) \(also unit (?P<other>.*)\)",
            "fp_duplicate_short",
        ),
        (
            r"(?P<kind>.+) (?P<number>\S+) is dated (?P<date>\S+), after the directive itself "
            r"\((?P<issued>\S+)\); the text may have a typo",
            "fp_cited_after",
        ),
        (r"item (?P<item>\S+) reaches no unit", "fp_item_reaches_no_unit"),
        (
            r"item (?P<item>\S+) is due (?P<date>\S+), before the directive was issued "
            r"\((?P<issued>\S+)\)",
            "fp_due_before_issued",
        ),
        (
            r"item (?P<item>\S+) is due (?P<date>\S+), after the directive ends "
            r"\((?P<ends>\S+)\); it will never fall due",
            "fp_due_after_end",
        ),
        (
            r"item (?P<item>\S+) starts in (?P<start>\S+), not after the directive's month "
            r"\((?P<month>\S+)\)",
            "fp_starts_early",
        ),
        (r"no obligation reaches unit (?P<unit>.*)", "fp_unit_reached_by_none"),
        (r"group (?P<group>.*) has no unit", "fp_group_has_no_unit"),
        (r"draft marker: (?P<detail>.*)", "fp_draft_marker"),
    )
)

# pydantic's error types (``error["type"]``) and the catalog key for each; the parameters are
# the input, the field's name and the error's context (min_length, expected, ge…)
PYDANTIC: Mapping[str, str] = {
    "missing": "fp_missing_key",
    "extra_forbidden": "fp_unknown_key",
    "date_parsing": "fp_bad_date",
    "date_from_datetime_parsing": "fp_bad_date",
    "date_from_datetime_inexact": "fp_bad_date",
    "date_type": "fp_bad_date",
    "literal_error": "fp_not_one_of",
    "enum": "fp_not_one_of",
    "int_parsing": "fp_not_integer",
    "int_type": "fp_not_integer",
    "int_from_float": "fp_not_integer",
    "float_parsing": "fp_not_number",
    "float_type": "fp_not_number",
    "bool_parsing": "fp_not_bool",
    "bool_type": "fp_not_bool",
    "string_type": "fp_not_text",
    "string_too_short": "fp_text_too_short",
    "string_too_long": "fp_text_too_long",
    "string_pattern_mismatch": "fp_text_pattern",
    "list_type": "fp_not_list",
    "tuple_type": "fp_not_list",
    "dict_type": "fp_not_mapping_value",
    "model_type": "fp_not_mapping_value",
    "model_attributes_type": "fp_not_mapping_value",
    "too_short": "fp_too_few",
    "too_long": "fp_too_many",
    "greater_than_equal": "fp_at_least",
    "greater_than": "fp_more_than",
    "less_than_equal": "fp_at_most",
    "less_than": "fp_less_than",
}


def shown(value: Any) -> str:
    """A value as the message shows it: text quoted, anything else as written; kept short."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def keyed(problem: FileProblem, error: Mapping[str, Any]) -> FileProblem:
    """The problem with the catalog key of pydantic's error type (and its parameters), if the
    type is a common one; a validator's own ``ValueError`` keeps its message (a template)."""
    key = PYDANTIC.get(str(error.get("type")))
    if key is None:
        return problem
    loc = tuple(error.get("loc", ()))
    params: dict[str, Any] = {
        "name": loc[-1] if loc else "",
        "field": ".".join(str(part) for part in loc),
        "value": shown(error.get("input")),
    }
    for name, value in (error.get("ctx") or {}).items():
        # pydantic's "'a', 'b' or 'c'": the choices, in no language
        params[name] = str(value).replace(" or ", ", ") if name == "expected" else shown(value)
    return dataclasses.replace(problem, key=key, params=tuple(params.items()))


def key_of(problem: FileProblem) -> tuple[str, dict[str, Any]] | None:
    """The catalog key and parameters that say the problem, if any."""
    if problem.key is not None and problem.key in CATALOG:
        return problem.key, dict(problem.params)
    for pattern, key in TEMPLATES:
        found = pattern.fullmatch(problem.message)
        if found is not None:
            return key, found.groupdict()
    return None


def say(problem: FileProblem, lang: str) -> str:
    """``PATH:LINE:COL: …`` in the language."""
    found = key_of(problem)
    text = _fallback(problem.message, lang)
    if found is not None:
        key, params = found
        # a context pydantic did not give: the message as found rather than a bare template
        if all(name in params for name in _fields(CATALOG[key])):
            text = translate(lang, key, **params)
    return str(dataclasses.replace(problem, message=text))


def _fields(templates: tuple[str, str]) -> set[str]:
    return {name for text in templates for _, name, _, _ in Formatter().parse(text) if name}


def _fallback(message: str, lang: str) -> str:
    return message if lang == "en" else translate(lang, "fp_other", detail=message)
