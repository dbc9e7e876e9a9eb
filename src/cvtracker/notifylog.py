"""``cvtracker notify --log FILE``: one timestamped line per run, and one per failure.

Cron mails stderr to a local mailbox nobody reads, and a redirection to a folder that does not
exist keeps the command from starting at all; so the command writes its own log: it creates the
folder, appends a line for each failure as it happens (a refused recipient, the error that ended
the run) and, last, one line for the run with its exit code. A log that cannot be written is
bad input (exit 2), found before anything is sent.

    2022-05-06T07:30:02+07:00 notify exit=0 Đã gửi: [cvtracker] 65 nội dung quá hạn – … → noivu@…
    2022-05-07T07:30:01+07:00 notify lỗi: Không gửi được thư qua mail.tuyphong…: Connection refused…
    2022-05-07T07:30:01+07:00 notify exit=1 lỗi

Times are Viet Nam's, whatever the machine's time zone. No secret reaches the log: its lines are
the command's own messages, which never hold the password.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

import typer

from cvtracker.errors import CvError, InputError

P = ParamSpec("P")
R = TypeVar("R")


class RunLog:
    """The log of one run: failure lines as they come, the run's line at the end."""

    def __init__(self, path: Path, lang: str, now: Callable[[], dt.datetime]) -> None:
        self.path = path
        self.lang = lang
        self.now = now
        self.said: list[str] = []

    @classmethod
    def open(cls, path: Path, lang: str, now: Callable[[], dt.datetime]) -> RunLog:
        """Checks now that the log can be written (creating its folder), before anything runs."""
        log = cls(path.expanduser(), lang, now)
        try:
            log.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(log.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise InputError("log_unwritable", path=path, reason=reason) from None
        return log

    def _write(self, text: str) -> None:
        from cvtracker.dates import TIMEZONE
        from cvtracker.i18n import translate

        stamp = self.now().astimezone(ZoneInfo(TIMEZONE)).isoformat(timespec="seconds")
        line = " ".join(f"{stamp} notify {text}".split())  # one line, whatever the message
        try:
            with open(self.path, "a", encoding="utf-8") as file:
                file.write(line + "\n")
        except OSError as error:  # the run itself went on; say so where someone may see it
            reason = error.strerror or type(error).__name__
            typer.echo(
                translate(self.lang, "log_unwritable", path=self.path, reason=reason), err=True
            )

    def say(self, line: str) -> None:
        # the lines that tell what happened, not the messages --dry-run prints
        if line.strip() and "\n" not in line.strip():
            self.said.append(line)

    def failure(self, line: str) -> None:
        from cvtracker.i18n import translate

        self._write(f"{translate(self.lang, 'log_failed')}: {line}")

    def warning(self, line: str) -> None:
        self._write(line)  # the message already says that it is a warning

    def finish(self, code: int) -> None:
        from cvtracker.i18n import translate

        outcome = " | ".join(self.said) or translate(
            self.lang, "log_ok" if code == 0 else "log_failed"
        )
        self._write(f"exit={code} {outcome}")


_current: contextvars.ContextVar[RunLog | None] = contextvars.ContextVar("notify_log", default=None)


def say(line: str) -> None:
    """What notify tells people on stdout; also kept for the run's line in the log."""
    typer.echo(line)
    run = _current.get()
    if run is not None:
        run.say(line)


def warn(line: str) -> None:
    """A failure on stderr (a refused recipient); also a line of its own in the log."""
    typer.echo(line, err=True)
    run = _current.get()
    if run is not None:
        run.failure(line)


def note(line: str) -> None:
    """A warning on stderr (no unit address for --per-unit); also a line in the log."""
    typer.echo(line, err=True)
    run = _current.get()
    if run is not None:
        run.warning(line)


def _lang(kwargs: dict[str, Any]) -> str:
    """The session's language, from the command's context (``vi`` if it cannot be had)."""
    for value in kwargs.values():
        if hasattr(value, "find_root"):
            try:
                return str(value.find_root().obj.settings.lang)
            except (CvError, AttributeError):
                return "vi"
    return "vi"


def logged(command: Callable[P, R]) -> Callable[P, R]:
    """Runs ``notify`` with the log of its ``log`` option: a line for the error that ends it (in
    the words of stderr), and the run's line with its exit code. Runs inside the error boundary
    (``cligroup.CvGroup``), which still prints the error and sets the exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from cvtracker.i18n import translate
        from cvtracker.settings import now_utc

        path = kwargs.get("log")
        if not path:
            return command(*args, **kwargs)
        lang = _lang(kwargs)
        run = RunLog.open(Path(str(path)), lang, now_utc)
        token = _current.set(run)
        try:
            result = command(*args, **kwargs)
        except CvError as error:
            run.failure(translate(lang, error.key, **error.params))
            run.finish(error.exit_code)
            raise
        except Exception as error:
            # a bug: the traceback goes to stderr as usual; the log says that it happened
            run.failure(translate(lang, "log_internal", kind=type(error).__name__))
            run.finish(1)
            raise
        finally:
            _current.reset(token)
        run.finish(0)
        return result

    return wrapper
