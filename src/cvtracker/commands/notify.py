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

    if s.several():
        run_several(
            s, as_of=as_of, to=to, per_unit=per_unit, soon=soon, dry_run=dry_run, force=force
        )
        return
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


def run_several(
    s: Session,
    *,
    as_of: str | None,
    to: list[str] | None,
    per_unit: bool,
    soon: int | None,
    dry_run: bool,
    force: bool,
) -> None:
    """Several directives in the ledger and no ``--cv``: one mail per recipient covering every
    directive, grouped by directive (each directive's part under its own heading)."""
    import dataclasses

    from cvtracker import mail, notify, notifylog
    from cvtracker.config import load_config
    from cvtracker.dates import add_working_days
    from cvtracker.errors import InputError
    from cvtracker.scope import for_open
    from cvtracker.settings import now_utc

    # resolve
    day = s.day(as_of)
    config = load_config()
    sessions = s.each()
    requests = []
    for one in sessions:
        configured = config.notify
        if per_unit:
            units = notify.known_units(one.directive, configured.units)
            configured = dataclasses.replace(configured, units=units)
        requests.append(
            notify.settle(
                one.directive, configured, str(config.path), to=to, soon=soon, per_unit=per_unit
            )
        )
    if per_unit:
        # a unit of the configuration that no directive has is still a mistake
        for key in config.notify.units:
            if not any(key in notify.known_units(o.directive, {key: ()}) for o in sessions):
                raise InputError("config_unknown_unit", path=str(config.path), value=key)
    password = None if dry_run else mail.ready(config.smtp, config.path)
    # each directive's settling may warn; the same warning is said once
    for key, params in dict.fromkeys(
        (w.key, tuple(sorted(w.params.items()))) for r in requests for w in r.warnings
    ):
        notifylog.note(s.t(key, **dict(params)))
    # read and compute: each directive's letters, then one mail per scope and recipients
    letters = []
    anything = False
    for one, request in zip(sessions, requests, strict=True):
        # only what may be due by the reminders' last day, as for one directive (issue 8)
        horizon = add_working_days(day, request.soon_days) if request.soon_days > 0 else day
        read = one.reader.read_scope(
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
        if not notice.overdue and not notice.soon:
            continue
        anything = True
        for letter in notify.plan_letters(
            one.directive,
            notice,
            request.to,
            request.units,
            per_unit=request.per_unit,
            lang=s.settings.lang,
        ):
            letters.append((one.directive_id, letter))
    from cvtracker.dates import format_day

    when = {"day": format_day(day)}
    reminding = requests[0].soon_days > 0
    if not anything:
        notifylog.say(s.t("notify_nothing_due" if reminding else "notify_nothing", **when))
        return
    if not letters:
        key = "notify_no_unit_mail_due" if reminding else "notify_no_unit_mail"
        notifylog.say(s.t(key, **when))
        return
    bundles = notify.bundle(letters)
    by_id = {one.directive_id: one for one in sessions}
    ledger = s._base_ledger
    numbers = ",".join(one.directive_id for one in sessions)
    book = ledger.scoped(numbers if len(numbers) <= 64 else "*")
    outgoing = []
    sender = config.smtp.sender or "cvtracker@localhost"
    with ledger.reading() as conn:
        for found in bundles:
            done = (
                ()
                if force
                else tuple(
                    r
                    for r in found.recipients
                    if ledger.already_sent(conn, day, r, found.content_hash)
                )
            )
            if done:
                notifylog.say(s.t("notify_already", to=", ".join(done), **when))
            todo = tuple(r for r in found.recipients if r not in done)
            if not todo:
                continue
            parts = [(by_id[n].directive, letter) for n, letter in found.parts]
            message = mail.build_bundle_message(
                parts, found.content_hash, s.t, sender=sender, recipients=todo, now=now_utc()
            )
            first = found.parts[0][1]
            letter = notify.Letter(first.notice, found.recipients, found.content_hash)
            outgoing.append(mail.Outgoing(letter, todo, message))
    if not outgoing:
        return
    # write: send, and record what was sent
    mail.send_outgoing(
        outgoing,
        s.t,
        smtp=config.smtp,
        password=password,
        dry_run=dry_run,
        record=mail.recorder(book, day, now_utc, force=force),
        say=notifylog.say,
        warn=notifylog.warn,
    )
