"""How tables reach people: fitted to a terminal, never wrapped in a pipe or a file, and
through a pager on a terminal when they are longer than the screen.

- On a terminal, the console takes the terminal's width; the renderers (``render``) choose short
  unit names and wrap cells so that nothing of meaning is cut.
- Anywhere else (a pipe, a file, cron), every table is printed at its natural width: no line is
  wrapped or cut, so ``grep`` finds a unit's full name on its row's line; no line ends in spaces
  (rich pads each line to the table's width; :class:`Unwrapped` takes the padding off).
- A long listing on a terminal goes through ``$PAGER`` (default ``less -R``), unless
  ``--no-pager``, ``CVTRACKER_PAGER=0`` or ``pager = false`` in the ``[output]`` section of
  config.toml. Never when stdout is not a terminal. :func:`should_page` decides, from plain
  values; :func:`show` does what it decided.

Imported by the commands that print tables, never at startup (rich is imported here).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table

WIDE = 10_000
"""The width of a console whose output is not a terminal: nothing is ever wrapped at it."""
DEFAULT_PAGER = "less -R"
# as git does: quit if it fits one screen, keep the colours, leave the text on the screen
DEFAULT_LESS = "FRX"
OFF = frozenset({"0", "false", "no", "off", ""})


class Unwrapped(Console):
    """A console for a pipe or a file: each table at its natural width (its title on a line of
    its own, since a title wraps at its table's width), text never wrapped."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        for obj in objects or ("",):
            if not isinstance(obj, Table):
                super().print(obj, **{**kwargs, "soft_wrap": True, "crop": False})
                continue
            obj.expand = False
            if obj.title is not None:
                super().print(obj.title, soft_wrap=True, crop=False)
                obj.title = None
            width = Measurement.get(self, self.options, obj).maximum
            super().print(obj, **{**kwargs, "width": max(width, 1), "crop": False})

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        # rich pads each line of a table to the table's width: no trailing spaces in a file
        text = super()._render_buffer(buffer)
        return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def make_console() -> Console:
    """The console of a command: the terminal's, or an unwrapped one for a pipe or a file."""
    console = Console(highlight=False)
    if console.is_terminal:
        return console
    return Unwrapped(highlight=False, width=WIDE, soft_wrap=True)


def pager_enabled(env: Mapping[str, str], configured: bool | None) -> bool:
    """``CVTRACKER_PAGER`` (0/false/no/off turns it off, anything else on) over the config
    file's ``[output] pager``; on by default."""
    flag = env.get("CVTRACKER_PAGER")
    if flag is not None:
        return flag.strip().lower() not in OFF
    return configured is not False


def should_page(
    *,
    stdout_is_tty: bool,
    lines: int,
    height: int,
    no_pager: bool,
    enabled: bool,
) -> bool:
    """Page when stdout is a terminal, the text is longer than the screen, and nothing (the
    option, the environment, the config) turned the pager off."""
    return stdout_is_tty and not no_pager and enabled and lines > height


def pager_command(env: Mapping[str, str]) -> list[str]:
    """``$PAGER`` as the shell would split it, else ``less -R``. An empty ``$PAGER`` means no
    pager at all (as git reads it): []."""
    value = env.get("PAGER")
    if value is None:
        return shlex.split(DEFAULT_PAGER)
    try:
        return shlex.split(value)
    except ValueError:
        return shlex.split(DEFAULT_PAGER)


def run_pager(text: str, command: list[str], env: Mapping[str, str]) -> bool:
    """Show the text through the pager; False if it could not be started (then the caller
    prints it). Quitting the pager early is not an error."""
    environ = dict(env)
    environ.setdefault("LESS", DEFAULT_LESS)
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=environ)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        process.stdin.close()
    except OSError:  # the reader quit before the end (BrokenPipeError)
        pass
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager, as in git
            continue
    return True


def show(
    console: Console,
    *renderables: Any,
    no_pager: bool = False,
    configured: Callable[[], bool | None] = lambda: None,
    pager: Callable[[str, list[str], Mapping[str, str]], bool] | None = None,
) -> None:
    """Print the renderables; on a terminal, through the pager when they are longer than the
    screen. ``configured`` reads the config file's ``[output] pager`` only if it matters;
    ``pager`` shows the text (default :func:`run_pager`)."""
    stdout_is_tty = _isatty()
    if not stdout_is_tty or no_pager or not console.is_terminal:
        for renderable in renderables:
            console.print(renderable)
        return
    with console.capture() as captured:
        for renderable in renderables:
            console.print(renderable)
    text = captured.get()
    env = os.environ
    page = should_page(
        stdout_is_tty=stdout_is_tty,
        lines=text.count("\n"),
        height=console.height,
        no_pager=no_pager,
        # the config file is read only when the environment does not decide
        enabled=pager_enabled(env, None if "CVTRACKER_PAGER" in env else _safely(configured)),
    )
    command = pager_command(env) if page else []
    run = pager if pager is not None else run_pager
    if not command or not run(text, command, env):
        console.file.write(text)
        console.file.flush()


def _safely(configured: Callable[[], bool | None]) -> bool | None:
    """The config's choice; a config file that cannot be read does not stop a listing (the
    mail commands report it)."""
    from cvtracker.errors import CvError

    try:
        return configured()
    except CvError:
        return None


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
