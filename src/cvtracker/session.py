"""What a command needs, each piece made on first use: the settings, the language, the directive,
the ledger (for writing or for reading), the console and the day.

Shell, not core: it reads the environment, the clock and files. Kept light to import (everything
heavy is imported when a piece is first asked for), since the root callback makes one for every
command, ``--help`` included.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from cvtracker.compliance import Event, Row
    from cvtracker.directive import Directive
    from cvtracker.i18n import Translator
    from cvtracker.ledger import Ledger
    from cvtracker.schedule import Task
    from cvtracker.settings import Settings


class Session:
    """What a command needs, each piece made on first use."""

    def __init__(
        self, lang: str | None, db: str | None, directive: str | None, verbose: bool = False
    ) -> None:
        self._lang = lang
        self._db = db
        self._directive = directive
        self.verbose = verbose
        self.notices: list[str] = []
        """Said on stderr once the command has succeeded (not after an error's one line)."""

    @property
    def lang_asked(self) -> str | None:
        """``--lang`` as typed, if it was (for an error before the settings could be made)."""
        return self._lang

    @cached_property
    def settings(self) -> Settings:
        from cvtracker.settings import Settings

        return Settings.resolve(lang=self._lang, db=self._db, directive=self._directive)

    @cached_property
    def t(self) -> Translator:
        from cvtracker.i18n import Translator

        return Translator(self.settings.lang)

    @cached_property
    def directive(self) -> Directive:
        from cvtracker.directive import load_directive
        from cvtracker.settings import check_directive_file

        check_directive_file(self.settings.directive_path)
        return load_directive(self.settings.directive_path)

    @cached_property
    def ledger(self) -> Ledger:
        """The ledger for writing: created or upgraded if need be."""
        from cvtracker.ledger import open_ledger, safe_url

        url = self.settings.db_url
        ledger = open_ledger(url)
        ledger.unit_name = self.unit_name  # for "no right to write for the unit …"
        # a forgotten CVTRACKER_HOME or a mistyped --db must not go unnoticed
        if ledger.created:
            self.notices.append(self.t("ledger_created", url=safe_url(url)))
        elif self.verbose:
            source = self.settings.db_source
            shown = self.t("info_source_default") if source == "default" else source
            self.notices.append(self.t("ledger_in_use", url=safe_url(url), source=shown))
        return ledger

    def unit_name(self, unit_id: str) -> str:
        from cvtracker.errors import CvError
        from cvtracker.words import unit_name

        try:
            return unit_name(self.directive, unit_id, self.t)
        except CvError:  # a broken directive file must not hide why the write was refused
            return unit_id

    @cached_property
    def reader(self) -> Ledger:
        """The ledger for reading: never created, migrated or locked (see ledger.open_ledger)."""
        from cvtracker.ledger import open_ledger

        return open_ledger(self.settings.db_url, write=False)

    def snapshot(self, unit: str | None = None) -> tuple[list[Task], list[Event]]:
        """The ledger's tasks and events (with ``unit``, that unit's events only), read in one
        transaction. A ledger file that does not exist yet reads as empty and is not created:
        reading writes nothing, so a mistyped --db does not leave a new database behind."""
        snap = self.reader.snapshot(unit=unit)
        return snap.tasks, snap.events

    def rows(
        self, as_of: dt.date, unit: str | None = None, *, open_only: bool = False
    ) -> list[Row]:
        """Every status row as of the day; with ``unit``, that unit's rows, judged on that unit's
        events only (a row depends only on its own occurrence's events). Of every unit: the
        events dated on or before the day; ``open_only`` (``overdue``): the rows that may be
        overdue, less those the ledger finds settled (:mod:`cvtracker.scope`, issue 8)."""
        from cvtracker import scope
        from cvtracker.compliance import status_rows
        from cvtracker.schedule import occurrences

        directive = self.directive  # a broken directive file is refused before the ledger opens
        if unit is None:
            if open_only:
                read = self.reader.read_scope(
                    lambda ts: scope.for_open(directive, ts, as_of, as_of)
                )
                found = scope.wanted(occurrences(directive, read.tasks, as_of), read.need.keys)
                return status_rows(scope.kept(found, read.left_out), read.events, as_of)
            read = self.reader.read_scope(lambda ts: scope.everything(directive, ts, as_of))
            return status_rows(occurrences(directive, read.tasks, as_of), read.events, as_of)
        tasks, events = self.snapshot(unit)
        mine = [t for t in tasks if t.unit == unit]
        in_scope = [o for o in occurrences(directive, mine, as_of) if o.unit == unit]
        return status_rows(in_scope, events, as_of)

    @cached_property
    def console(self) -> Console:
        from cvtracker.screen import make_console

        return make_console()  # never wrapped when stdout is not a terminal

    def show(self, *renderables: Any, no_pager: bool = False) -> None:
        """Print; on a terminal, through the pager when longer than the screen."""
        from cvtracker.config import load_output_config
        from cvtracker.screen import show

        def configured() -> bool | None:
            return load_output_config().pager

        show(self.console, *renderables, no_pager=no_pager, configured=configured)

    def today(self) -> dt.date:
        from cvtracker.settings import today

        return today()

    def day(self, text: str | None) -> dt.date:
        """``--as-of`` or ``--on``: a typed day ("8/6", "hôm nay"), or today in Viet Nam."""
        from cvtracker.dates import parse_day

        # an empty --on "" is a mistake, not today
        return parse_day(text, self.today()) if text is not None else self.today()

    def print_json(self, data: Any) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
