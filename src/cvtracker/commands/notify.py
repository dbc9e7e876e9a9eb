"""``notify``: the overdue list mailed once a day (for cron). The plan is pure
(:mod:`cvtracker.notify`), the sending is :mod:`cvtracker.mail`; ``--log`` is
:func:`cvtracker.notifylog.logged`, around the command."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cvtracker.session import Session


def run(
    s: Session,
    *,
    as_of: str | None,
    to: list[str] | None,
    per_unit: bool,
    soon: int | None,
    dry_run: bool,
    force: bool,
) -> None:
    from cvtracker import mail, notify, notifylog
    from cvtracker.config import load_config
    from cvtracker.dates import add_working_days
    from cvtracker.scope import for_open
    from cvtracker.settings import now_utc

    # resolve: the day, who gets what, and the mail server's password (unless --dry-run)
    day = s.day(as_of)
    config = load_config()
    request = notify.settle(
        s.directive, config.notify, str(config.path), to=to, soon=soon, per_unit=per_unit
    )
    password = None if dry_run else mail.ready(config.smtp, config.path)
    for warning in request.warnings:
        notifylog.note(s.t(warning.key, **warning.params))
    # read and compute: what to send today, given what was already sent
    # (the occurrences due by the reminders' last day, less those settled by the day: issue 8)
    horizon = add_working_days(day, request.soon_days) if request.soon_days > 0 else day
    read = s.ledger.read_scope(lambda ts: for_open(s.directive, ts, day, horizon))
    with s.ledger.reading() as conn:
        plan = notify.plan(
            s.directive,
            read.tasks,
            read.events,
            day,
            request,
            lang=s.settings.lang,
            force=force,
            already_sent=lambda recipient, digest: s.ledger.already_sent(
                conn, day, recipient, digest
            ),
            left_out=read.left_out,
        )
    # write: send, and record what was sent
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
