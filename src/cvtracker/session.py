"""What a command needs, each piece made on first use: the settings, the language, the directive,
the ledger (for writing or for reading), the console and the day.

Shell, not core: it reads the environment, the clock and files. Kept light to import (everything
heavy is imported when a piece is first asked for), since the root callback makes one for every
command, ``--help`` included.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from cvtracker.compliance import Event, Row
    from cvtracker.directive import Directive
    from cvtracker.i18n import Translator
    from cvtracker.ledger import Ledger, StoredDirective
    from cvtracker.schedule import Task
    from cvtracker.settings import Settings
    from cvtracker.units import Registry


class InUse:
    """A directive in use: its id (its number, ``968/UBND-TH``), the directive as read (a
    retirement applied as its end; read from its stored text when first asked for), and how it
    is stored in the ledger (None: the data file)."""

    def __init__(
        self,
        id: str,
        directive: Directive | None = None,
        stored: StoredDirective | None = None,
        registry: Registry | None = None,
    ) -> None:
        self.id = id
        self.stored = stored
        self.registry = registry
        if directive is not None:
            self.__dict__["directive"] = directive

    @cached_property
    def directive(self) -> Directive:
        assert self.stored is not None
        return stored_directive(self.stored, self.registry)

    def retired(self, day: dt.date) -> bool:
        return (
            self.stored is not None
            and self.stored.retired_on is not None
            and self.stored.retired_on <= day
        )


class Session:
    """What a command needs, each piece made on first use."""

    def __init__(
        self,
        lang: str | None,
        db: str | None,
        directive: str | None,
        verbose: bool = False,
        cv: str | None = None,
    ) -> None:
        self._lang = lang
        self._db = db
        self._directive = directive
        self._cv = cv
        self.verbose = verbose
        self.notices: list[str] = []
        """Said on stderr once the command has succeeded (not after an error's one line)."""

    @property
    def lang_asked(self) -> str | None:
        """``--lang`` as typed, if it was (for an error before the settings could be made)."""
        return self._lang

    @cached_property
    def settings(self) -> Settings:
        from cvtracker.cache import cache_dir, use_calendar_cache
        from cvtracker.settings import Settings

        settings = Settings.resolve(lang=self._lang, db=self._db, directive=self._directive)
        # every command that resolves its settings may reckon working days: from the cache
        use_calendar_cache(cache_dir())
        return settings

    @cached_property
    def t(self) -> Translator:
        from cvtracker.i18n import Translator

        return Translator(self.settings.lang)

    @cached_property
    def file_directive(self) -> Directive:
        """The directive of the data file (``--directive``, ``CVTRACKER_DIRECTIVE``, or the
        packaged one)."""
        from cvtracker.cache import cache_dir, directive_file

        return directive_file(self.settings.directive_path, cache_dir(), self.registry)

    @cached_property
    def registry(self) -> Registry | None:
        """The office's units registry, ``units.yaml`` in ``CVTRACKER_HOME``, if there is one
        (:mod:`cvtracker.units`); read, never created, here."""
        from cvtracker.unitbook import read_registry

        return read_registry(self.settings.home)

    @property
    def cv_asked(self) -> str | None:
        """``--cv``, else ``CVTRACKER_CV``: the directive a command is about."""
        value = self._cv if self._cv is not None else os.environ.get("CVTRACKER_CV")
        if value is not None and not value.strip():
            from cvtracker.errors import InputError

            raise InputError("db_empty_option", option="--cv")
        return value.strip() if value is not None else None

    @cached_property
    def directives(self) -> list[InUse]:
        """The directives in use: those added to the ledger (``directive add``; the latest
        version of each, a retirement applied as its end), or, when none was added or a data
        file is named (``--directive``, ``CVTRACKER_DIRECTIVE``), the data file's."""
        if self.settings.directive_source == "default":
            stored = self.stored_directives()
            if stored:
                # in the order they were first added; each is read when first asked for
                return [InUse(d.id, stored=d, registry=self.registry) for d in stored]
        directive = self.file_directive
        return [InUse(directive.directive.number, directive)]

    def stored_directives(self) -> list[StoredDirective]:
        from cvtracker.errors import InputError

        if "_base_ledger" in self.__dict__:  # a writer: opened, and brought up to date
            return self._base_ledger.stored_directives()
        try:
            return self._base_reader.stored_directives()
        except InputError as error:
            if error.key == "db_needs_upgrade":
                return []  # a ledger older than revision 0005 holds none
            raise

    @cached_property
    def chosen(self) -> InUse:
        """The directive a command is about: ``--cv``, else the only one in use (or the only
        one not retired today); several: an error naming them (exit 2)."""
        from cvtracker.errors import InputError
        from cvtracker.names import fold

        uses = self.directives
        asked = self.cv_asked
        ids = ", ".join(u.id for u in uses)
        if asked is not None:
            for use in uses:
                if use.id == asked:
                    return use
            for use in uses:
                if fold(use.id) == fold(asked):
                    return use
            raise InputError("cv_unknown", cv=asked, ids=ids)
        if len(uses) == 1:
            return uses[0]
        current = [u for u in uses if not u.retired(self.today())]
        if len(current) == 1:
            return current[0]
        raise InputError("cv_ambiguous", ids=ids)

    def several(self) -> bool:
        """Several directives in use and no ``--cv``: ``status`` and ``overdue`` show all."""
        return self.cv_asked is None and len(self.directives) > 1

    def for_cv(self, use: InUse) -> Session:
        """This session about one directive (same settings, ledger connections, notices)."""
        other = copy.copy(self)
        for name in ("chosen", "directive", "reader", "ledger"):
            other.__dict__.pop(name, None)
        other.__dict__["chosen"] = use
        return other

    def each(self) -> list[Session]:
        """One session per directive shown: all of them with several and no ``--cv``."""
        if self.several():
            return [self.for_cv(use) for use in self.directives]
        return [self]

    @cached_property
    def directive(self) -> Directive:
        return self.chosen.directive

    @property
    def directive_id(self) -> str:
        return self.chosen.id

    @cached_property
    def ledger(self) -> Ledger:
        """The ledger for writing, about the chosen directive."""
        return self._base_ledger.scoped(self.directive_id)

    @cached_property
    def _base_ledger(self) -> Ledger:
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
        """The ledger for reading, about the chosen directive."""
        return self._base_reader.scoped(self.directive_id)

    def directive_of_event(self, event_id: int) -> str | None:
        """The directive an event was recorded for, whichever is chosen (ids are global)."""
        return self._base_reader.directive_of_event(event_id)

    @property
    def has_ledger(self) -> bool:
        """Whether the ledger exists yet (reading never creates it); one of an older revision
        does, and the next write brings it up to date."""
        from cvtracker.errors import InputError

        try:
            return not self._base_reader.fresh
        except InputError as error:
            if error.key == "db_needs_upgrade":
                return True
            raise

    @cached_property
    def _base_reader(self) -> Ledger:
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
        from cvtracker.jsontext import dumps

        sys.stdout.write(dumps(data) + "\n")  # json.dumps(…, ensure_ascii=False, indent=2)


def stored_directive(stored: StoredDirective, registry: Registry | None = None) -> Directive:
    """A directive from its stored YAML text (with the units registry, if any); a retirement
    ends it the day before."""
    from cvtracker.cache import cache_dir, directive_text

    directive = directive_text(stored.yaml, stored.id, cache_dir(), registry)
    if stored.retired_on is None:
        return directive
    last = stored.retired_on - dt.timedelta(days=1)
    meta = directive.directive
    end = meta.in_force_until
    if end is not None and end <= last:
        return directive
    reason = stored.retire_reason or f"retired on {stored.retired_on.isoformat()}"
    changed = meta.model_copy(
        update={"in_force_until": last, "end_reason": reason, "end_reason_en": reason}
    )
    return directive.model_copy(update={"directive": changed})
