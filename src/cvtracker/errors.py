"""Errors the command line turns into one line on stderr and an exit code.

Each error carries a catalog key and its parameters, so the shell can say it in the user's
language; the core never formats text for people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


class CvError(Exception):
    """Base of the errors users see. ``exit_code`` 2 is bad input, 1 a failure outside it."""

    exit_code = 2
    problems: Sequence[object] = ()
    """Lines printed before the message, one per problem (``PATH:LINE:COL: …``)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def __str__(self) -> str:  # English, for logs and tracebacks in tests
        from cvtracker.i18n import translate

        return translate("en", self.key, **self.params)


class InputError(CvError):
    """Bad input: nothing was written."""

    exit_code = 2


class Failure(CvError):
    """A failure outside the user's control, such as an unreachable database."""

    exit_code = 1


@dataclass(frozen=True)
class FileProblem:
    path: str
    line: int
    col: int
    message: str
    """In English, as the check found it (:func:`cvtracker.fileproblems.say` says it in the
    user's language)."""
    key: str | None = None
    """The catalog key that says it, when the message's words are not enough (pydantic's)."""
    params: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}: {self.message}"
        return f"{self.path}: {self.message}"


class DirectiveFileError(InputError):
    """An invalid directive file; every problem is listed as PATH:LINE:COL: message."""

    problems: Sequence[FileProblem]

    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__("directive_invalid", count=len(problems))
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class ConfigMistake(CvError):
    """A mistake in the configuration that shows only when it is used: the mail server offers no
    STARTTLS, refuses the login or an address for good, or its certificate does not verify.
    Exit 2, so that a timer does not retry what retrying cannot mend; unlike :class:`InputError`,
    what was done before it (mails the server accepted) is recorded."""

    exit_code = 2
