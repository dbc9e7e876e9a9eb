"""``notify``: the overdue list mailed once a day (for cron). The plan is pure
(:mod:`cvtracker.notify`), the sending is :mod:`cvtracker.mail`; ``--log`` is
:func:`cvtracker.notifylog.logged`, around the command.

One flow for one directive or several: with several in the ledger and no ``--cv``, each
recipient gets one mail covering every directive that has something for them, each directive's
part under its own heading; one directive is the case of a single part."""

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
    sessions = s.each()
    requests = notify.settle_each(
        [one.directive for one in sessions],
        config.notify,
        str(config.path),
        to=to,
        soon=soon,
        per_unit=per_unit,
    )
    password = None if dry_run else mail.ready(config.smtp, config.path)
    for warning in notify.warnings_once(requests):
        notifylog.note(s.t(warning.key, **warning.params))
    # read and compute: each directive's notice (the occurrences due by the reminders' last
    # day, less those settled by the day: issue 8), then what to send today, given what was
    # already sent
    parts = []
    for one, request in zip(sessions, requests, strict=True):
        horizon = add_working_days(day, request.soon_days) if request.soon_days > 0 else day
        read = one.ledger.read_scope(
            lambda ts: for_open(one.directive, ts, day, horizon)  # noqa: B023 - called at once
        )
        notice = notify.build_notice(
            one.directive,
            read.tasks,
            read.events,
            day,
            request.soon_days,
            request.max_rows,
            left_out=read.left_out,
        )
        parts.append(notify.Part(one.directive_id, one.directive, notice, request))
    ledger = s._base_ledger
    with ledger.reading() as conn:
        mails, lines = notify.plan_mail(
            parts,
            lang=s.settings.lang,
            force=force,
            already_sent=lambda recipient, digest: ledger.already_sent(
                conn, day, recipient, digest
            ),
            several=s.several(),
        )
    for line in lines:
        notifylog.say(s.t(line.key, **line.params))
    if not mails:
        return
    outgoing = mail.compose(
        mails,
        {one.directive_id: one.directive for one in sessions},
        s.t,
        sender=config.smtp.sender or "cvtracker@localhost",
        now=now_utc(),
    )
    # write: send, and record what was sent (a row for each directive a mail covers)
    mail.send_outgoing(
        outgoing,
        s.t,
        smtp=config.smtp,
        password=password,
        dry_run=dry_run,
        record=mail.recorder(ledger, day, now_utc, force=force),
        say=notifylog.say,
        warn=notifylog.warn,
    )
