"""The command line: parses arguments, resolves settings, calls the core, maps errors to exit codes.

No business logic here. Heavy modules (SQLAlchemy, alembic, holidays, pydantic) are imported inside
the commands that need them, so ``cvtracker --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from cvtracker import __version__, notifylog
from cvtracker.completion import (
    complete_item,
    complete_item_or_task,
    complete_unit,
)
from cvtracker.errors import CvError

if TYPE_CHECKING:
    from rich.console import Console

    from cvtracker.compliance import Event, NewEvent, Row
    from cvtracker.directive import Directive
    from cvtracker.i18n import Translator
    from cvtracker.ledger import Ledger
    from cvtracker.schedule import Task
    from cvtracker.settings import Settings

app = typer.Typer(
    name="cvtracker",
    help="Theo dõi thực hiện Công văn 968/UBND-TH (Tuy Phong) / "
    "Follow Công văn 968/UBND-TH through to the end.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
task_app = typer.Typer(
    help="Nhiệm vụ theo kế hoạch của đơn vị (nội dung 3) / Tasks from a unit's own plan.",
    no_args_is_help=True,
)
app.add_typer(task_app, name="task")

P = ParamSpec("P")
R = TypeVar("R")


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
        # a forgotten CVTRACKER_HOME or a mistyped --db must not go unnoticed
        if ledger.created:
            self.notices.append(self.t("ledger_created", url=safe_url(url)))
        elif self.verbose:
            source = self.settings.db_source
            shown = self.t("info_source_default") if source == "default" else source
            self.notices.append(self.t("ledger_in_use", url=safe_url(url), source=shown))
        return ledger

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

    @cached_property
    def console(self) -> Console:
        from cvtracker.output import make_console

        return make_console()  # never wrapped when stdout is not a terminal

    def show(self, *renderables: Any, no_pager: bool = False) -> None:
        """Print; on a terminal, through the pager when longer than the screen."""
        from cvtracker.config import load_output_config
        from cvtracker.output import show

        show(
            self.console,
            *renderables,
            no_pager=no_pager,
            configured=lambda: load_output_config().pager,
        )

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


def _session(ctx: typer.Context) -> Session:
    root_ctx = ctx.find_root()
    if not isinstance(root_ctx.obj, Session):  # pragma: no cover - the callback always sets it
        root_ctx.obj = Session(None, None, None)
    return root_ctx.obj


def _error_lang(kwargs: dict[str, Any]) -> str:
    for value in kwargs.values():
        # typer hands commands the context of its bundled click, which is not a typer.Context
        if isinstance(value, typer.Context) or hasattr(value, "find_root"):
            try:
                return _session(value).settings.lang
            except CvError:
                break
    # the settings themselves are wrong (an empty --db, say): the language asked for, if any
    import os

    wanted = os.environ.get("CVTRACKER_LANG", "")
    for value in kwargs.values():
        if hasattr(value, "find_root"):
            wanted = _session(value)._lang or wanted
    return "en" if wanted.strip().lower() == "en" else "vi"


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn CvError into one line on stderr and its exit code; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from cvtracker.textcheck import check_arguments, visible

        try:
            check_arguments(kwargs)  # no control characters, nothing too long, from anyone
            result = command(*args, **kwargs)
        except CvError as error:
            from cvtracker.i18n import translate

            lang = _error_lang(kwargs)
            for problem in error.problems:
                typer.echo(visible(str(problem)), err=True)
            label = translate(lang, "error")
            message = visible(translate(lang, error.key, **error.params))
            typer.echo(f"{label}: {message}", err=True)
            raise typer.Exit(error.exit_code) from None
        _say_notices(kwargs)
        return result

    return wrapper


def _say_notices(kwargs: dict[str, Any]) -> None:
    """After a command succeeded: the notices it left on stderr (a new ledger created…)."""
    for value in kwargs.values():
        if isinstance(value, typer.Context) or hasattr(value, "find_root"):
            for line in _session(value).notices:
                typer.echo(line, err=True)
            return


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cvtracker {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="vi (default) or en; overrides CVTRACKER_LANG.")
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Ledger: a file path or an SQLAlchemy URL; overrides CVTRACKER_DB."
        ),
    ] = None,
    directive: Annotated[
        str | None,
        typer.Option("--directive", help="Directive YAML; overrides CVTRACKER_DIRECTIVE."),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say which ledger a command writes to.")
    ] = False,
) -> None:
    ctx.obj = Session(lang, db, directive, verbose)


JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-l", min=0, help="At most N rows.", metavar="N")
]
NoPagerOption = Annotated[
    bool, typer.Option("--no-pager", help="Never through a pager ($PAGER, less -R).")
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="The day to compute for (day first); default today.")
]


# --- the directive ------------------------------------------------------------------------------


@app.command()
@reports_errors
def units(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Các đơn vị / The units."""
    from cvtracker import render

    s = _session(ctx)
    if as_json:
        s.print_json([render.unit_json(u) for u in s.directive.units])
    else:
        s.console.print(render.units_table(s.directive, s.t, s.console.width))


@app.command()
@reports_errors
def items(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Các nội dung của công văn / The obligations."""
    from cvtracker import render

    s = _session(ctx)
    if as_json:
        s.print_json([render.item_json(s.directive, i) for i in s.directive.obligations])
    else:
        s.console.print(render.items_table(s.directive, s.t, s.console.width))


@app.command()
@reports_errors
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(help="Directive YAML; default: the one in use.")
    ] = None,
    allow_draft: Annotated[
        bool,
        typer.Option("--allow-draft", help="Accept a file that still has '# draft:' markers."),
    ] = False,
) -> None:
    """Kiểm tra tệp chỉ thị / Check a directive file: errors exit 2, warnings are printed."""
    from cvtracker.directive import load_directive_with_warnings
    from cvtracker.draft import DraftMarkersError, draft_markers

    s = _session(ctx)
    target = path or s.settings.directive_path
    from cvtracker.settings import check_directive_file

    check_directive_file(target)
    _, warnings = load_directive_with_warnings(target)
    markers = draft_markers(target.read_text(encoding="utf-8"), str(target))
    if markers and not allow_draft:
        raise DraftMarkersError(markers)
    if markers:
        typer.echo(s.t("draft_markers_allowed", count=len(markers)), err=True)
    for problem in warnings:
        typer.echo(f"{problem} ({s.t('warning')})", err=True)
    typer.echo(
        s.t("valid", path=target)
        + (f"; {s.t('warnings_count', count=len(warnings))}" if warnings else "")
    )


@app.command()
@reports_errors
def schema(ctx: typer.Context) -> None:
    """In JSON Schema của tệp chỉ thị / Print the directive file's JSON Schema."""
    from cvtracker.directive import json_schema

    _session(ctx).print_json(json_schema())


@app.command()
@reports_errors
def draft(
    ctx: typer.Context,
    source: Annotated[
        Path, typer.Argument(help="The công văn's text: .txt, .md or .docx.", show_default=False)
    ],
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write the YAML here; default: stdout.")
    ] = None,
    units: Annotated[
        Path | None,
        typer.Option(
            "--units", help="Directive YAML whose units to match; default: the one in use."
        ),
    ] = None,
) -> None:
    """Soạn nháp tệp dữ liệu từ văn bản công văn / Draft a directive YAML from a công văn's text."""
    from cvtracker.directive import load_directive
    from cvtracker.draft import Registry, docx_text, draft_markers, read_document, render_yaml
    from cvtracker.errors import InputError

    s = _session(ctx)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InputError("draft_cannot_read", path=source, reason=error.strerror) from None
    if source.suffix.lower() == ".docx":
        text = docx_text(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("draft_not_text", path=source) from None
    known = load_directive(units) if units else s.directive
    registry = Registry(tuple(known.groups), tuple(known.units))
    drafted = read_document(text, registry)
    written = render_yaml(drafted, registry, source=source.name, report_unit=known.report.unit)
    markers = len(draft_markers(written, "-"))
    if output is None:
        sys.stdout.write(written)
        return
    target = Path(output).expanduser()
    try:
        target.write_text(written, encoding="utf-8")
    except OSError as error:
        raise InputError("draft_cannot_write", path=output, reason=error.strerror) from None
    typer.echo(
        s.t("draft_written", path=target, items=len(drafted.items), markers=markers), err=True
    )


# --- tasks --------------------------------------------------------------------------------------


@task_app.command("add")
@reports_errors
def task_add(
    ctx: typer.Context,
    unit: Annotated[str, typer.Argument(help="Unit id or name.", autocompletion=complete_unit)],
    title: Annotated[str, typer.Argument(help="What the task is.")],
    assignee: Annotated[
        str | None, typer.Option("--assignee", help="The person it is assigned to.")
    ] = None,
    new_person: Annotated[
        bool,
        typer.Option(
            "--new-person", help="The assignee is someone else than a known name like it."
        ),
    ] = False,
    item: Annotated[
        str,
        typer.Option(
            "--item", help="The directive's item it serves.", autocompletion=complete_item
        ),
    ] = "3",
    before: Annotated[
        str | None, typer.Option("--before", help="Due strictly before this day.")
    ] = None,
    through: Annotated[str | None, typer.Option("--through", help="Due through this day.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Thêm nhiệm vụ / Add a task from a unit's own plan (item 3)."""
    from cvtracker.names import resolve_unit
    from cvtracker.recording import plan_task
    from cvtracker.render import task_json
    from cvtracker.settings import current_user, now_utc

    s = _session(ctx)
    found = resolve_unit(s.directive, unit)
    new = plan_task(
        s.directive,
        found,
        item=item,
        title=title,
        assignee=assignee,
        before=before,
        through=through,
    )
    with s.ledger.writing() as conn:
        known = [t.assignee for t in s.ledger.tasks(conn) if t.unit == found.id]
        task = s.ledger.add_task(
            conn,
            **vars(new.spelled_as_known(known, new_person=new_person)),
            by=current_user(),
            at=now_utc(),
        )
    if as_json:
        s.print_json(task_json(task))
    else:
        typer.echo(s.t("task_added", id=task.id, title=task.title))


@task_app.command("list")
@reports_errors
def task_list(
    ctx: typer.Context,
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help="Only this unit's tasks.", autocompletion=complete_unit),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Danh sách nhiệm vụ / List the tasks."""
    from cvtracker import render
    from cvtracker.names import resolve_unit

    s = _session(ctx)
    unit_id = resolve_unit(s.directive, unit).id if unit else None
    tasks = [t for t in s.snapshot()[0] if unit_id is None or t.unit == unit_id]
    if as_json:
        s.print_json([render.task_json(t) for t in tasks])
    elif not tasks:
        typer.echo(s.t("tasks_empty"))
    else:
        s.console.print(render.tasks_table(s.directive, tasks, s.t, s.console.width))


# --- recording ----------------------------------------------------------------------------------


@app.command()
@reports_errors
def record(
    ctx: typer.Context,
    unit: Annotated[str, typer.Argument(help="Unit id or name.", autocompletion=complete_unit)],
    item_or_task: Annotated[
        str,
        typer.Argument(
            metavar="ITEM_OR_TASK",
            help="1 … 7, 5a, or T1.",
            autocompletion=complete_item_or_task,
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="Month of a monthly item: 2022-06, 6/2022, or 6."),
    ] = None,
    percent: Annotated[
        str | None, typer.Option("--percent", help="0 to 100, decimals allowed.")
    ] = None,
    done: Annotated[bool, typer.Option("--done", "-d", help="Same as --percent 100.")] = False,
    on: Annotated[
        str | None,
        typer.Option("--on", "-o", help="Day the work was done: 8/6, hôm nay; default today."),
    ] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", "-e", help="What shows it.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who records; default your login.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Ghi nhận tiến độ / Append a progress event to the ledger."""
    from cvtracker import render
    from cvtracker.dates import format_day, parse_period
    from cvtracker.errors import InputError
    from cvtracker.names import resolve_unit
    from cvtracker.recording import (
        check_request,
        outcome_row,
        parse_percent,
        plan_event,
        recording_notes,
    )
    from cvtracker.settings import current_user, now_utc

    s = _session(ctx)
    # everything the user typed is checked before the ledger is opened
    if done == (percent is not None):
        raise InputError("percent_or_done")
    value = 100.0 if done else parse_percent(percent or "")
    day = s.day(on)
    month = parse_period(period, day) if period else None
    found = resolve_unit(s.directive, unit)
    today = s.today()
    check_request(s.directive, found, item_or_task, month, day, today)
    # planned on a snapshot outside the write lock, re-checked under it if another writer
    # recorded for the same unit and item meanwhile (Ledger.append_planned)
    seen: dict[str, Any] = {}
    recorder = by or current_user()

    def plan(tasks: Sequence[Task], events: Sequence[Event]) -> list[NewEvent]:
        seen.update(tasks=tasks, events=events)
        planned = plan_event(
            s.directive,
            tasks,
            events,
            unit=found,
            target=item_or_task,
            period=month,
            percent=value,
            on=day,
            today=today,
            evidence=evidence,
            note=note,
            by=recorder,
        )
        return [planned]

    def stamp() -> dt.datetime:
        seen["at"] = now_utc()
        return seen["at"]  # type: ignore[no-any-return]

    (new,), (event_id,) = s.ledger.append_planned(plan, stamp, unit=found.id)
    recorded_at: dt.datetime = seen["at"]
    notes = recording_notes(new, seen["events"])
    stored = new.stored(event_id, recorded_at)
    result = outcome_row(s.directive, seen["tasks"], seen["events"], stored, today)
    for found_note in notes:
        typer.echo(s.t(found_note.key, **found_note.params), err=True)
    if as_json:
        s.print_json(new.stored(event_id, recorded_at).to_json())
    else:
        shown_period = (
            f" ({render.period_words(s.directive, new.item, new.period, s.t)})"
            if new.period
            else ""
        )
        typer.echo(
            s.t(
                "recorded_task" if new.task else "recorded",
                id=event_id,
                unit=render.unit_name(s.directive, found.id, s.t),
                item=new.task or new.item,
                period=shown_period,
                percent=f"{new.percent:g}",
                day=format_day(new.on),
            )
        )
        if result is not None:
            # "hoàn thành đúng hạn", or how overdue it still is: "50% – quá hạn 3 ngày"
            overdue = result.state == "overdue"
            state = render.overdue_text(result, s.t) if overdue else render.state_text(result, s.t)
            typer.echo(s.t("record_result", state=state))


@app.command("import")
@reports_errors
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A .csv, .jsonl or .xlsx file with the fields of record.")
    ],
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding", help="utf-8, utf-8-sig, utf-16, windows-1258…; default detected."
        ),
    ] = None,
) -> None:
    """Nhập nhiều ghi nhận / Append many events from CSV, JSON Lines or Excel, all or nothing."""
    from cvtracker.importer import run_import
    from cvtracker.settings import current_user, now_utc

    s = _session(ctx)
    planned = run_import(
        file,
        encoding,
        lambda: s.ledger,
        s.directive,
        today=s.today(),
        lang=s.settings.lang,
        by=current_user(),
        now=now_utc,
    )
    typer.echo(s.t("imported", count=len(planned), path=file))


@app.command("export")
@reports_errors
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="csv, jsonl or xlsx; default from -o, else csv."),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="csv, jsonl: utf-8-sig (csv), utf-8 (jsonl), utf-16…"),
    ] = None,
) -> None:
    """Xuất sổ ghi nhận / The ledger's events, as import reads them back."""
    from cvtracker import exporter

    s = _session(ctx)
    kind = exporter.resolve_format(fmt, output)
    codec = exporter.check_options(kind, encoding)
    exporter.check_stdout(kind, output)
    _, events = s.snapshot()
    written = exporter.write(exporter.render(events, kind, codec), output, s.settings)
    if written is not None:
        typer.echo(s.t("exported", count=len(events), path=written), err=True)


# --- looking ------------------------------------------------------------------------------------


def _say_ended(s: Session, day: dt.date) -> None:
    """Once, at the top: the directive is no longer in force on the day."""
    from cvtracker.render import ended_text

    ended = ended_text(s.directive, day, s.t)
    if ended:
        s.console.print(ended, style="bold", highlight=False, markup=False)


def _rows(s: Session, as_of: dt.date, unit: str | None = None) -> list[Row]:
    """Every status row as of the day; with ``unit``, that unit's rows, judged on that unit's
    events only (a row depends only on its own occurrence's events)."""
    from cvtracker.compliance import status_rows
    from cvtracker.schedule import occurrences

    directive = s.directive  # a broken directive file is refused before the ledger is opened
    tasks, events = s.snapshot(unit)
    if unit is None:
        return status_rows(occurrences(directive, tasks, as_of), events, as_of)
    mine = [t for t in tasks if t.unit == unit]
    in_scope = [o for o in occurrences(directive, mine, as_of) if o.unit == unit]
    return status_rows(in_scope, events, as_of)


@app.command()
@reports_errors
def status(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", "-u", help="Only this unit (id or name).", autocompletion=complete_unit
        ),
    ] = None,
    item: Annotated[
        str | None,
        typer.Option(
            "--item", "-i", help="Only this item (5 = 5a, 5b, 5c).", autocompletion=complete_item
        ),
    ] = None,
    as_json: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Tình hình thực hiện / One row per unit and occurrence; a dashboard without filters."""
    from cvtracker import render
    from cvtracker.compliance import dashboard_counts, working_days_left
    from cvtracker.dates import format_day
    from cvtracker.names import resolve_items, resolve_unit

    s = _session(ctx)
    day = s.day(as_of)
    unit_id = resolve_unit(s.directive, unit).id if unit else None
    item_ids = {o.id for o in resolve_items(s.directive, item)} if item else None
    rows = [
        r
        for r in _rows(s, day, unit_id)
        if (unit_id is None or r.occurrence.unit == unit_id)
        and (item_ids is None or r.occurrence.item in item_ids)
    ]
    if as_json:
        s.print_json([r.to_json() for r in rows])
        return
    _say_ended(s, day)
    title = s.t("status_title", number=s.directive.directive.number, day=format_day(day))
    if unit_id is None and item_ids is None:
        tallies = dashboard_counts(rows, [u.id for u in s.directive.units])
        table = render.dashboard_table(s.directive, tallies, s.t, title, s.console.width)
        s.show(table, no_pager=no_pager)
        s.console.print(s.t("status_hint"), style="dim")
        return
    left = [working_days_left(r, day) for r in rows]
    if unit_id is not None:
        title += f" – {render.unit_name(s.directive, unit_id, s.t)}"
    table = render.rows_table(
        s.directive,
        rows,
        left,
        s.t,
        title,
        show_unit=unit_id is None,
        as_of=day,
        width=s.console.width,
    )
    s.show(table, no_pager=no_pager)


@app.command()
@reports_errors
def overdue(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", "-u", help="Only this unit (id or name).", autocompletion=complete_unit
        ),
    ] = None,
    limit: LimitOption = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only what became overdue on or after DATE.")
    ] = None,
    as_json: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Các nội dung quá hạn / The overdue rows, oldest first."""
    from cvtracker import render
    from cvtracker.compliance import overdue_rows
    from cvtracker.dates import format_day
    from cvtracker.names import resolve_unit

    s = _session(ctx)
    day = s.day(as_of)
    unit_id = resolve_unit(s.directive, unit).id if unit else None
    start = s.day(since) if since is not None else None
    rows = [
        r
        for r in overdue_rows(_rows(s, day, unit_id))
        if unit_id in (None, r.occurrence.unit)
        and (start is None or (r.occurrence.late_from or day) >= start)
    ]
    shown = rows if limit is None else rows[:limit]
    if as_json:
        s.print_json([r.to_json() for r in shown])
        return
    _say_ended(s, day)
    if not rows:
        typer.echo(s.t("overdue_none", day=format_day(day)))
        return
    title = s.t("overdue_title", day=format_day(day))
    left = [None] * len(shown)
    table = render.rows_table(s.directive, shown, left, s.t, title, width=s.console.width)
    s.show(table, no_pager=no_pager)
    if len(shown) < len(rows):
        command = f"cvtracker overdue --as-of {format_day(day)}"
        typer.echo(s.t("report_more_rows", count=len(rows) - len(shown), command=command))


@app.command()
@reports_errors
def eligibility(
    ctx: typer.Context,
    year: Annotated[
        str | None, typer.Option("--year", help="The year judged; default the day's.")
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Quy tắc 90% / The 90% rule of item 4, per unit head and per person."""
    from cvtracker import render
    from cvtracker.compliance import eligibility as judge
    from cvtracker.compliance import judgement_day
    from cvtracker.dates import format_day, parse_year

    s = _session(ctx)
    wanted_year = parse_year(year) if year is not None else None
    judged_year, day = judgement_day(
        wanted_year,
        s.day(as_of) if as_of else None,
        s.today(),
        s.directive.rating.deadline(wanted_year) if wanted_year is not None else None,
    )
    not_rated = [u.id for u in s.directive.units if not u.rated_by_issuer]
    rows = _rows(s, day)
    results = judge(rows, [u.id for u in s.directive.units], judged_year, day, not_rated)
    if as_json:
        s.print_json([r.to_json() for r in results])
        return
    title = s.t("eligibility_title", year=judged_year, day=format_day(day))
    # the heads and persons with a task come due, in a table; those with none, in one line
    judged = [r for r in results if r.eligible is not None]
    rated = [r for r in judged if r.rated_by_issuer]
    apart = [r for r in judged if not r.rated_by_issuer]
    s.console.print(render.eligibility_table(s.directive, rated, s.t, title, s.console.width))
    if apart:
        apart_title = s.t("eligibility_apart_title")
        s.console.print(
            render.eligibility_table(s.directive, apart, s.t, apart_title, s.console.width)
        )
    waiting = [r for r in results if r.eligible is None]
    if waiting:
        names = render.waiting_names(s.directive, waiting, s.t)
        s.console.print(
            s.t("eligibility_nothing_due", count=len(waiting), names=names), highlight=False
        )
    if not any(r.occurrence.task for r in rows):
        s.console.print(s.t("eligibility_no_tasks"), style="dim")


@app.command()
@reports_errors
def history(
    ctx: typer.Context,
    unit: Annotated[
        str | None, typer.Argument(help="Only this unit.", autocompletion=complete_unit)
    ] = None,
    item: Annotated[
        str | None,
        typer.Argument(help="Only this item or task.", autocompletion=complete_item_or_task),
    ] = None,
    limit: LimitOption = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only what was recorded on or after DATE.")
    ] = None,
    as_json: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Sổ ghi nhận / The ledger's events, in the order recorded (--limit: the last N)."""
    from cvtracker import render
    from cvtracker.names import is_task_id, resolve_items, resolve_task, resolve_unit
    from cvtracker.settings import today as day_in_viet_nam

    s = _session(ctx)
    unit_id = resolve_unit(s.directive, unit).id if unit else None
    task_id = item.strip().upper() if item and is_task_id(item) else None
    item_ids = {o.id for o in resolve_items(s.directive, item)} if item and not task_id else None
    tasks, all_events = s.snapshot(unit_id)
    if item and task_id:
        resolve_task(tasks, item)  # an unknown task is an error, not an empty history
    start = s.day(since) if since is not None else None
    events = [
        e
        for e in all_events
        if unit_id in (None, e.unit)
        and (task_id is None or e.task == task_id)
        and (item_ids is None or (e.item in item_ids and e.task is None))
        and (start is None or e.recorded_at is None or day_in_viet_nam(e.recorded_at) >= start)
    ]
    if limit is not None:
        events = events[-limit:] if limit else []
    if as_json:
        s.print_json([e.to_json() for e in events])
    elif not events:
        typer.echo(s.t("history_empty"))
    else:
        s.show(render.history_table(s.directive, events, s.t, s.console.width), no_pager=no_pager)


@app.command()
@reports_errors
def report(
    ctx: typer.Context,
    month: Annotated[str, typer.Option("--month", help="The month: 2022-06, 6/2022 or 06/2022.")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The day; default the month's last day, or today if earlier."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="table, md, csv, json, xlsx or docx; default from -o."),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Báo cáo tháng cho Phòng Nội vụ / The monthly report for Phòng Nội vụ."""
    from cvtracker.dates import format_day, parse_month
    from cvtracker.errors import InputError
    from cvtracker.report import build_report, check_month, default_as_of
    from cvtracker.report.formats import (
        BINARY_FORMATS,
        render_bytes,
        require,
        resolve_format,
        stdout_is_terminal,
    )
    from cvtracker.report.formats.terminal import TERMINAL_ROWS
    from cvtracker.report.formats.terminal import table as report_table
    from cvtracker.report.view import view as report_view

    s = _session(ctx)
    # everything the user typed is checked before the ledger is opened
    wanted = parse_month(month)
    check_month(s.directive, wanted)
    kind = resolve_format(fmt, output)
    to_stdout = output is None or output == "-"
    if kind in BINARY_FORMATS and to_stdout and stdout_is_terminal():
        raise InputError("report_binary_tty", fmt=kind)
    require(kind)
    day = s.day(as_of) if as_of else default_as_of(wanted, s.today())
    tasks, events = s.snapshot()
    built = build_report(s.directive, tasks, events, wanted, day)
    if kind == "table" and to_stdout and stdout_is_terminal():
        # on a terminal of any width the columns wrap; nothing is cropped
        more = f"cvtracker overdue --as-of {format_day(day)}"
        shown = report_view(built, s.directive, s.t)
        width = s.console.width
        for renderable in report_table(
            shown, s.t, width=width, cap=TERMINAL_ROWS, more_command=more
        ):
            s.console.print(renderable, crop=False)
        return
    # a file, a pipe or cron: the table at a fixed 100 columns, as with -o report.txt;
    # the Word document is dated the day it is written (today in Viet Nam), not as_of
    written_on = s.today() if kind == "docx" else None
    data = render_bytes(kind, built, s.directive, s.t, written_on=written_on)
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    assert output is not None
    target = Path(output).expanduser()
    from cvtracker.settings import check_output_target

    check_output_target(target, s.settings)  # never over the ledger, the config, a database
    try:
        target.write_bytes(data)
    except OSError as error:
        raise InputError("report_cannot_write", path=output, reason=error.strerror) from None
    typer.echo(s.t("report_written", path=target), err=True)


# --- the morning mail ---------------------------------------------------------------------------


@app.command()
@reports_errors
@notifylog.logged
def notify(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", help="Recipients, comma-separated (repeatable); else the config."),
    ] = None,
    per_unit: Annotated[
        bool, typer.Option("--per-unit", help="Also mail each unit its own part ([notify.units]).")
    ] = False,
    soon: Annotated[
        int | None,
        typer.Option("--soon", help="Also list what falls due within DAYS working days (3)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the mails; send and record nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Send even what was already sent today.")
    ] = False,
    log: Annotated[
        str | None,
        typer.Option("--log", help="Append a timestamped line per run and per failure to FILE."),
    ] = None,
) -> None:
    """Gửi thư các nội dung quá hạn / Mail the overdue list, once a day (for cron)."""
    from cvtracker import mail, notify
    from cvtracker.config import load_config
    from cvtracker.settings import now_utc

    s = _session(ctx)
    day = s.day(as_of)
    config = load_config()
    request = notify.settle(
        s.directive, config.notify, str(config.path), to=to, soon=soon, per_unit=per_unit
    )
    password = None if dry_run else mail.ready(config.smtp, config.path)
    for warning in request.warnings:
        notifylog.note(s.t(warning.key, **warning.params))
    with s.ledger.reading() as conn:
        plan = notify.plan(
            s.directive,
            s.ledger.tasks(conn),
            s.ledger.events(conn),
            day,
            request,
            lang=s.settings.lang,
            force=force,
            already_sent=lambda recipient, digest: s.ledger.already_sent(
                conn, day, recipient, digest
            ),
        )
    mail.deliver(
        s.directive,
        plan,
        s.t,
        smtp=config.smtp,
        password=password,
        dry_run=dry_run,
        now=now_utc,
        record=mail.recorder(s.ledger, day, now_utc, force=force),
        say=notifylog.say,
        warn=notifylog.warn,
    )


# --- the operator's commands (issue 10): flows in cvtracker.commands ---------------------------


@app.command()
@reports_errors
def info(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Cấu hình đang dùng / Version, ledger, directive, config and mail settings in use."""
    from cvtracker.commands import info as flow

    s = _session(ctx)
    data = flow.gather(s.settings, s.today())
    if as_json:
        s.print_json(data)
    else:
        flow.show(data, s.t, s.console)


@app.command()
@reports_errors
def backup(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(help="The copy; default $CVTRACKER_HOME/backups/ledger-DATE-TIME.db."),
    ] = None,
    keep: Annotated[
        int, typer.Option("--keep", help="Backups kept in the default folder (the newest).")
    ] = 14,
) -> None:
    """Sao lưu sổ ghi nhận / A consistent copy of the ledger, even while others write."""
    from cvtracker.commands.backup import run_backup

    run_backup(_session(ctx).settings, file, keep)


@app.command()
@reports_errors
def restore(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A backup made by cvtracker backup.")],
) -> None:
    """Phục hồi sổ ghi nhận / Check a backup, keep the ledger aside, and restore the backup."""
    from cvtracker.commands.backup import run_restore

    run_restore(_session(ctx).settings, file)


# --- the ledger itself ---------------------------------------------------------------------------

db_app = typer.Typer(help="Sổ ghi nhận / The ledger database.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
@reports_errors
def db_upgrade(
    ctx: typer.Context,
    grant: Annotated[
        str | None,
        typer.Option("--grant", help="PostgreSQL: give this role SELECT and INSERT only."),
    ] = None,
) -> None:
    """Tạo hoặc nâng cấp sổ / Create or upgrade the ledger (run as the tables' owner)."""
    from cvtracker.ledger import HEAD_REVISION, grant_app_role, safe_url, upgrade_ledger

    s = _session(ctx)
    ledger = upgrade_ledger(s.settings.db_url)
    typer.echo(s.t("db_upgraded", url=safe_url(s.settings.db_url), revision=HEAD_REVISION))
    if grant is not None:
        grant_app_role(ledger, grant)
        typer.echo(s.t("db_granted", role=grant))


def main() -> None:
    from cvtracker.shell import run

    run(app)
