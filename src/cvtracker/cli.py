"""The command line, as declarations: each command's name, arguments and options, and the one
function in ``cvtracker.commands`` that runs it.

Help texts are catalog keys (``help_…`` in :mod:`cvtracker.i18n`), metavars catalog words
(``mv_…``): :mod:`cvtracker.cligroup` draws ``--help`` in the language chosen, and is the one
error boundary for every command. The flows are imported inside the commands, so that
``cvtracker --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cvtracker import __version__, notifylog
from cvtracker.cligroup import App
from cvtracker.completion import complete_item, complete_item_or_task, complete_unit
from cvtracker.session import Session

__all__ = ["Session", "app", "main"]

app = App(name="cvtracker", help="help_root", add_completion=True)
task_app = App(help="help_task")
db_app = App(help="help_db")
directive_app = App(help="help_directive_group")
unit_app = App(help="help_unit_group")


def _session(ctx: typer.Context) -> Session:
    root_ctx = ctx.find_root()
    if not isinstance(root_ctx.obj, Session):  # pragma: no cover - the callback always sets it
        root_ctx.obj = Session(None, None, None)
    return root_ctx.obj


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cvtracker {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="help_version"),
    ] = False,
    lang: Annotated[str | None, typer.Option("--lang", metavar="vi|en", help="help_lang")] = None,
    db: Annotated[str | None, typer.Option("--db", metavar="DB", help="help_db_option")] = None,
    directive: Annotated[
        str | None, typer.Option("--directive", metavar="FILE", help="help_directive_option")
    ] = None,
    cv: Annotated[str | None, typer.Option("--cv", metavar="CV", help="help_cv_option")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="help_verbose")] = False,
) -> None:
    ctx.obj = Session(lang, db, directive, verbose, cv=cv)


# --- shared options ------------------------------------------------------------------------------

JsonOption = Annotated[bool, typer.Option("--json", help="help_json")]
AsOfOption = Annotated[str | None, typer.Option("--as-of", metavar="DAY", help="help_as_of")]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit", "-u", metavar="UNIT", help="help_unit_filter", autocompletion=complete_unit
    ),
]
NoPagerOption = Annotated[bool, typer.Option("--no-pager", help="help_no_pager")]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-l", min=0, metavar="N", help="help_limit")
]
OutputOption = Annotated[
    str | None, typer.Option("--output", "-o", metavar="FILE", help="help_output")
]


# --- the directive ------------------------------------------------------------------------------


@app.command(help="help_units")
def units(ctx: typer.Context, as_json: JsonOption = False) -> None:
    from cvtracker.commands import directive as flow

    flow.units(_session(ctx), as_json=as_json)


@app.command(help="help_items")
def items(ctx: typer.Context, as_json: JsonOption = False) -> None:
    from cvtracker.commands import directive as flow

    flow.items(_session(ctx), as_json=as_json)


@app.command(help="help_validate")
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(metavar="FILE", help="help_validate_path", show_default=False)
    ] = None,
    allow_draft: Annotated[bool, typer.Option("--allow-draft", help="help_allow_draft")] = False,
) -> None:
    from cvtracker.commands import directive as flow

    flow.validate(_session(ctx), path=path, allow_draft=allow_draft)


@app.command(help="help_schema")
def schema(ctx: typer.Context) -> None:
    from cvtracker.commands import directive as flow

    flow.schema(_session(ctx))


@app.command(help="help_draft")
def draft(
    ctx: typer.Context,
    source: Annotated[
        Path, typer.Argument(metavar="FILE", help="help_draft_source", show_default=False)
    ],
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="FILE", help="help_draft_output")
    ] = None,
    units: Annotated[
        Path | None, typer.Option("--units", metavar="FILE", help="help_draft_units")
    ] = None,
) -> None:
    from cvtracker.commands import directive as flow

    flow.draft(_session(ctx), source=source, output=output, units=units)


# --- several directives in one ledger -----------------------------------------------------------

app.add_typer(directive_app, name="directive")


@directive_app.command("add", help="help_directive_add")
def directive_add(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="help_directive_add_path", show_default=False)
    ],
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import directives as flow

    flow.add(_session(ctx), path=path, as_json=as_json)


@directive_app.command("list", help="help_directive_list")
def directive_list(
    ctx: typer.Context, as_of: AsOfOption = None, as_json: JsonOption = False
) -> None:
    from cvtracker.commands import directives as flow

    flow.list_directives(_session(ctx), as_of=as_of, as_json=as_json)


@directive_app.command("show", help="help_directive_show")
def directive_show(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(metavar="CV", help="help_directive_id")],
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import directives as flow

    flow.show(_session(ctx), number=number, as_json=as_json)


@directive_app.command("retire", help="help_directive_retire")
def directive_retire(
    ctx: typer.Context,
    number: Annotated[str, typer.Argument(metavar="CV", help="help_directive_id")],
    on: Annotated[str, typer.Option("--on", metavar="DAY", help="help_directive_retire_on")],
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="TEXT", help="help_directive_retire_reason")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import directives as flow

    flow.retire(_session(ctx), number=number, on=on, reason=reason, as_json=as_json)


# --- the office's units registry (units.yaml) ---------------------------------------------------

app.add_typer(unit_app, name="unit")

UnitArgument = Annotated[
    str, typer.Argument(metavar="UNIT", help="help_unit", autocompletion=complete_unit)
]
UnitOnOption = Annotated[str, typer.Option("--on", metavar="DAY", help="help_unit_on")]
NameOption = Annotated[str, typer.Option("--name", metavar="NAME", help="help_unit_name")]
NameEnOption = Annotated[
    str | None, typer.Option("--name-en", metavar="NAME", help="help_unit_name_en")
]
ShortOption = Annotated[str | None, typer.Option("--short", metavar="NAME", help="help_unit_short")]
ShortEnOption = Annotated[
    str | None, typer.Option("--short-en", metavar="NAME", help="help_unit_short_en")
]


@unit_app.command("init", help="help_unit_init")
def unit_init(ctx: typer.Context, as_json: JsonOption = False) -> None:
    from cvtracker.commands import units as flow

    flow.init(_session(ctx), as_json=as_json)


@unit_app.command("list", help="help_unit_list")
def unit_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    from cvtracker.commands import units as flow

    flow.list_units(_session(ctx), as_json=as_json)


@unit_app.command("check", help="help_unit_check")
def unit_check(ctx: typer.Context) -> None:
    from cvtracker.commands import units as flow

    flow.check(_session(ctx))


@unit_app.command("rename", help="help_unit_rename")
def unit_rename(
    ctx: typer.Context,
    unit: UnitArgument,
    name: NameOption,
    on: UnitOnOption,
    name_en: NameEnOption = None,
    short: ShortOption = None,
    short_en: ShortEnOption = None,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import units as flow

    flow.rename(
        _session(ctx),
        unit=unit,
        name=name,
        name_en=name_en,
        short=short,
        short_en=short_en,
        on=on,
        as_json=as_json,
    )


@unit_app.command("merge", help="help_unit_merge")
def unit_merge(
    ctx: typer.Context,
    units: Annotated[
        list[str],
        typer.Argument(metavar="UNIT", help="help_unit_merge_units", autocompletion=complete_unit),
    ],
    into: Annotated[str, typer.Option("--into", metavar="UNIT", help="help_unit_into")],
    name: NameOption,
    on: UnitOnOption,
    name_en: NameEnOption = None,
    short: ShortOption = None,
    short_en: ShortEnOption = None,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import units as flow

    flow.merge(
        _session(ctx),
        units=units,
        into=into,
        name=name,
        name_en=name_en,
        short=short,
        short_en=short_en,
        on=on,
        as_json=as_json,
    )


@unit_app.command("retire", help="help_unit_retire")
def unit_retire(
    ctx: typer.Context, unit: UnitArgument, on: UnitOnOption, as_json: JsonOption = False
) -> None:
    from cvtracker.commands import units as flow

    flow.retire(_session(ctx), unit=unit, on=on, as_json=as_json)


# --- tasks --------------------------------------------------------------------------------------

app.add_typer(task_app, name="task")


@task_app.command("add", help="help_task_add")
def task_add(
    ctx: typer.Context,
    unit: Annotated[
        str, typer.Argument(metavar="UNIT", help="help_unit", autocompletion=complete_unit)
    ],
    title: Annotated[str, typer.Argument(metavar="TITLE", help="help_title")],
    assignee: Annotated[
        str | None, typer.Option("--assignee", metavar="NAME", help="help_assignee")
    ] = None,
    new_person: Annotated[bool, typer.Option("--new-person", help="help_new_person")] = False,
    item: Annotated[
        str,
        typer.Option("--item", metavar="ITEM", help="help_task_item", autocompletion=complete_item),
    ] = "3",
    before: Annotated[
        str | None, typer.Option("--before", metavar="DAY", help="help_before")
    ] = None,
    through: Annotated[
        str | None, typer.Option("--through", metavar="DAY", help="help_through")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import tasks as flow

    flow.add(
        _session(ctx),
        unit=unit,
        title=title,
        assignee=assignee,
        new_person=new_person,
        item=item,
        before=before,
        through=through,
        as_json=as_json,
    )


@task_app.command("list", help="help_task_list")
def task_list(ctx: typer.Context, unit: UnitOption = None, as_json: JsonOption = False) -> None:
    from cvtracker.commands import tasks as flow

    flow.list_tasks(_session(ctx), unit=unit, as_json=as_json)


TaskArgument = Annotated[str, typer.Argument(metavar="TASK", help="help_task_id")]


@task_app.command("edit", help="help_task_edit")
def task_edit(
    ctx: typer.Context,
    task: TaskArgument,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TITLE", help="help_edit_title")
    ] = None,
    assignee: Annotated[
        str | None, typer.Option("--assignee", metavar="NAME", help="help_edit_assignee")
    ] = None,
    new_person: Annotated[bool, typer.Option("--new-person", help="help_new_person")] = False,
    before: Annotated[
        str | None, typer.Option("--before", metavar="DAY", help="help_before")
    ] = None,
    through: Annotated[
        str | None, typer.Option("--through", metavar="DAY", help="help_through")
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="TEXT", help="help_edit_reason")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="help_edit_by")] = None,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import corrections as flow

    flow.run_edit(
        _session(ctx),
        task=task,
        title=title,
        assignee=assignee,
        new_person=new_person,
        before=before,
        through=through,
        reason=reason,
        by=by,
        as_json=as_json,
    )


@task_app.command("cancel", help="help_task_cancel")
def task_cancel(
    ctx: typer.Context,
    task: TaskArgument,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="help_cancel_reason")],
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="help_cancel_by")] = None,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import corrections as flow

    flow.run_cancel(_session(ctx), task=task, reason=reason, by=by, as_json=as_json)


# --- recording ----------------------------------------------------------------------------------


@app.command(help="help_record")
def record(
    ctx: typer.Context,
    unit: Annotated[
        str, typer.Argument(metavar="UNIT", help="help_unit", autocompletion=complete_unit)
    ],
    item_or_task: Annotated[
        str,
        typer.Argument(
            metavar="ITEM_OR_TASK", help="help_item_or_task", autocompletion=complete_item_or_task
        ),
    ],
    period: Annotated[
        str | None, typer.Option("--period", "-p", metavar="MONTH", help="help_period")
    ] = None,
    percent: Annotated[
        str | None, typer.Option("--percent", metavar="P", help="help_percent")
    ] = None,
    done: Annotated[bool, typer.Option("--done", "-d", help="help_done")] = False,
    on: Annotated[str | None, typer.Option("--on", "-o", metavar="DAY", help="help_on")] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", "-e", metavar="TEXT", help="help_evidence")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="help_note")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="help_by")] = None,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import record as flow

    flow.run(
        _session(ctx),
        unit=unit,
        target=item_or_task,
        period=period,
        percent=percent,
        done=done,
        on=on,
        evidence=evidence,
        note=note,
        by=by,
        as_json=as_json,
    )


@app.command("void", help="help_void")
def void(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(metavar="EVENT_ID", help="help_event_id")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="help_void_reason")],
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="help_void_by")] = None,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import corrections as flow

    flow.run_void(_session(ctx), event=event, reason=reason, by=by, as_json=as_json)


@app.command("import", help="help_import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="help_import_file")],
    encoding: Annotated[
        str | None, typer.Option("--encoding", metavar="ENCODING", help="help_import_encoding")
    ] = None,
) -> None:
    from cvtracker.commands import io as flow

    flow.import_events(_session(ctx), file=file, encoding=encoding)


@app.command("export", help="help_export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str | None, typer.Option("--format", metavar="FORMAT", help="help_export_format")
    ] = None,
    output: OutputOption = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", metavar="ENCODING", help="help_export_encoding")
    ] = None,
) -> None:
    from cvtracker.commands import io as flow

    flow.export_events(_session(ctx), fmt=fmt, output=output, encoding=encoding)


# --- looking ------------------------------------------------------------------------------------


@app.command(help="help_status")
def status(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    unit: UnitOption = None,
    item: Annotated[
        str | None,
        typer.Option(
            "--item", "-i", metavar="ITEM", help="help_item_filter", autocompletion=complete_item
        ),
    ] = None,
    as_json: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    from cvtracker.commands import status as flow

    s = _session(ctx)
    flow.run(s, as_of=as_of, unit=unit, item=item, as_json=as_json, no_pager=no_pager)


@app.command(help="help_overdue")
def overdue(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    unit: UnitOption = None,
    limit: LimitOption = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DAY", help="help_overdue_since")
    ] = None,
    as_json: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    from cvtracker.commands import overdue as flow

    s = _session(ctx)
    flow.run(
        s, as_of=as_of, unit=unit, limit=limit, since=since, as_json=as_json, no_pager=no_pager
    )


@app.command(help="help_eligibility")
def eligibility(
    ctx: typer.Context,
    year: Annotated[str | None, typer.Option("--year", metavar="YEAR", help="help_year")] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands import eligibility as flow

    flow.run(_session(ctx), year=year, as_of=as_of, as_json=as_json)


@app.command(help="help_history")
def history(
    ctx: typer.Context,
    unit: Annotated[
        str | None,
        typer.Argument(metavar="UNIT", help="help_history_unit", autocompletion=complete_unit),
    ] = None,
    item: Annotated[
        str | None,
        typer.Argument(
            metavar="ITEM_OR_TASK", help="help_history_item", autocompletion=complete_item_or_task
        ),
    ] = None,
    limit: LimitOption = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DAY", help="help_history_since")
    ] = None,
    as_json: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    from cvtracker.commands import history as flow

    s = _session(ctx)
    flow.run(s, unit=unit, item=item, limit=limit, since=since, as_json=as_json, no_pager=no_pager)


@app.command(help="help_report")
def report(
    ctx: typer.Context,
    month: Annotated[str, typer.Option("--month", metavar="MONTH", help="help_month")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DAY", help="help_report_as_of")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", metavar="FORMAT", help="help_report_format")
    ] = None,
    output: OutputOption = None,
    every: Annotated[bool, typer.Option("--all", help="help_report_all")] = False,
) -> None:
    from cvtracker.commands import report as flow

    flow.run(_session(ctx), month=month, as_of=as_of, fmt=fmt, output=output, every=every)


# --- the morning mail ---------------------------------------------------------------------------


@app.command(help="help_notify")
@notifylog.logged
def notify(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    to: Annotated[list[str] | None, typer.Option("--to", metavar="ADDRESS", help="help_to")] = None,
    per_unit: Annotated[bool, typer.Option("--per-unit", help="help_per_unit")] = False,
    soon: Annotated[int | None, typer.Option("--soon", metavar="DAYS", help="help_soon")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="help_dry_run")] = False,
    force: Annotated[bool, typer.Option("--force", help="help_force")] = False,
    log: Annotated[str | None, typer.Option("--log", metavar="FILE", help="help_log")] = None,
) -> None:
    from cvtracker.commands import notify as flow

    flow.run(
        _session(ctx),
        as_of=as_of,
        to=to,
        per_unit=per_unit,
        soon=soon,
        dry_run=dry_run,
        force=force,
    )


# --- the operator's commands --------------------------------------------------------------------


@app.command(help="help_info")
def info(ctx: typer.Context, as_json: JsonOption = False) -> None:
    from cvtracker.commands import info as flow

    flow.run(_session(ctx), as_json=as_json)


@app.command(help="help_backup")
def backup(
    ctx: typer.Context,
    file: Annotated[str | None, typer.Argument(metavar="FILE", help="help_backup_file")] = None,
    keep: Annotated[int, typer.Option("--keep", metavar="N", help="help_keep")] = 14,
) -> None:
    from cvtracker.commands.backup import run_backup

    run_backup(_session(ctx).settings, file, keep)


@app.command(help="help_restore")
def restore(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="help_restore_file")],
) -> None:
    from cvtracker.commands.backup import run_restore

    run_restore(_session(ctx).settings, file)


# --- the ledger itself ---------------------------------------------------------------------------

app.add_typer(db_app, name="db")


@db_app.command("upgrade", help="help_db_upgrade")
def db_upgrade(
    ctx: typer.Context,
    grant: Annotated[str | None, typer.Option("--grant", metavar="ROLE", help="help_grant")] = None,
) -> None:
    from cvtracker.commands import db as flow

    flow.upgrade(_session(ctx), grant=grant)


@db_app.command("copy", help="help_db_copy")
def db_copy(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="DB", help="help_db_copy_to")],
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands.db import run_copy

    s = _session(ctx)
    run_copy(s.settings, s.t, to, as_json)


@db_app.command("check", help="help_db_check")
def db_check(ctx: typer.Context, as_json: JsonOption = False) -> None:
    from cvtracker.commands import db as flow

    flow.check(_session(ctx), as_json=as_json)


@db_app.command("rebuild", help="help_db_rebuild")
def db_rebuild(ctx: typer.Context, as_json: JsonOption = False) -> None:
    from cvtracker.commands import db as flow

    flow.rebuild(_session(ctx), as_json=as_json)


@db_app.command("grant", help="help_db_grant")
def db_grant(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(metavar="ROLE", help="help_db_grant_role")],
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", metavar="UNIT", help="help_db_grant_unit"),
    ] = None,
    every_unit: Annotated[bool, typer.Option("--all", help="help_db_grant_all")] = False,
    as_json: JsonOption = False,
) -> None:
    from cvtracker.commands.db import run_grant

    s = _session(ctx)
    run_grant(
        s.settings,
        s.t,
        lambda: s.directive,
        lambda: s.ledger,
        role,
        unit or [],
        every_unit,
        as_json,
    )


def main() -> None:
    from cvtracker.shell import run

    run(app)
