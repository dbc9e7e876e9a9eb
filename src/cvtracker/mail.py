"""Mail: the message built from a notice (plain text and HTML from the same rows), and sending it.

Building is pure (the time for the Date header is given). :func:`compose` builds the messages
of the day's mail (:func:`cvtracker.notify.plan_mail`), :func:`send_outgoing` prints them
(``--dry-run``) or sends them, and records each accepted mail through a callback
(:func:`recorder` writes it to the ledger). Sending uses smtplib, imported only here and only
when a mail goes out: no TLS, STARTTLS or implicit TLS, certificates verified by default
(``ssl.create_default_context``, optionally with a private CA file), AUTH when a user is
configured, a timeout on every step.
The password is revealed only to ``login`` and scrubbed from any server reply shown to people.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import TYPE_CHECKING, Any

from cvtracker.compliance import Row
from cvtracker.config import Secret, SmtpConfig, is_loopback
from cvtracker.dates import format_day
from cvtracker.directive import Directive
from cvtracker.errors import ConfigMistake, Failure, InputError
from cvtracker.i18n import Translator, plural
from cvtracker.notify import Group, Letter, Mail, Notice, Soon, capped, counts_by_unit
from cvtracker.words import (
    days_overdue_text,
    deadline_words,
    ended_text,
    item_title,
    not_recorded,
    percent_text,
    row_label,
    unit_name,
)

if TYPE_CHECKING:
    import smtplib
    import ssl
    from pathlib import Path

    from cvtracker.ledger import Ledger
    from cvtracker.mailbook import MailBook

SENDER_NAME = "cvtracker"


# --- the words -----------------------------------------------------------------------------


def item_text(directive: Directive, row: Row, t: Translator) -> str:
    """The task's title (and its person), or the item's title in the reader's language."""
    occ = row.occurrence
    if occ.task is not None:
        title = occ.title or ""
        if occ.person:
            title += f" ({occ.person})"
        return title
    try:
        return item_title(directive.obligation(occ.item), t)
    except KeyError:
        return ""


def progress_text(directive: Directive, row: Row, t: Translator) -> str:
    if not row.reported:
        return not_recorded(directive, row.occurrence, t)
    return t("notify_progress", percent=percent_text(row.percent, t))


def subject(directive: Directive, notice: Notice, t: Translator) -> str:
    day = format_day(notice.day)
    count = len(notice.overdue)
    if not notice.overdue:  # a reminder: nothing overdue, something falls due soon
        count = len(notice.soon)
        if notice.unit is None:
            return t.plural("notify_subject_soon", count, count=count, day=day)
        unit = unit_name(directive, notice.unit, t)
        return t.plural("notify_subject_unit_soon", count, unit=unit, count=count, day=day)
    if notice.unit is None:
        return t.plural("notify_subject", count, count=count, day=day)
    from cvtracker.textcheck import one_line

    # a header is one line: a unit name from a data file must not break it (or inject one)
    return one_line(
        t.plural(
            "notify_subject_unit",
            count,
            unit=unit_name(directive, notice.unit, t),
            count=count,
            day=day,
        )
    )


def left_text(soon: Soon, t: Translator) -> str:
    """``còn 2 ngày làm việc`` as ``status`` says it, or ``hạn cuối là hôm nay``."""
    if soon.due_today:
        return t("notify_due_today")
    return t.plural("working_days_left", soon.days_left, days=soon.days_left)


def soon_heading(notice: Notice, t: Translator) -> str:
    days = notice.soon_days
    return t.plural("notify_soon_heading", days, days=days, count=len(notice.soon))


def soon_none(notice: Notice, t: Translator) -> str:
    return t.plural("notify_soon_none", notice.soon_days, days=notice.soon_days)


def _heading(directive: Directive, notice: Notice, t: Translator) -> str:
    return t(
        "notify_heading",
        number=directive.directive.number,
        day=format_day(notice.day),
        count=len(notice.overdue),
    )


def _soon_rows(notice: Notice) -> list[Row]:
    return [s.row for s in notice.soon]


def summary_lines(directive: Directive, notice: Notice, t: Translator) -> list[str]:
    """The digest's first lines: each unit's counts (every row, shown or not)."""
    if notice.unit is not None:
        return []
    lines = []
    for unit, overdue, soon in counts_by_unit(notice):
        counts = [t("notify_count_overdue", count=overdue)] if overdue else []
        if soon:
            counts.append(t("notify_count_soon", count=soon))
        lines.append(f"{unit_name(directive, unit, t)}: {', '.join(counts)}")
    return lines


def more_text(notice: Notice, group: Group, t: Translator, *, overdue: bool) -> str:
    """ "… và 12 nội dung khác; xem tất cả: cvtracker overdue --unit tu-phap --as-of 30/6/2025"."""
    command = "overdue" if overdue else "status"
    shown = f"cvtracker {command} --unit {group.unit} --as-of {format_day(notice.day)}"
    return t.plural("notify_more", group.hidden, count=group.hidden, command=shown)


def _days_left(notice: Notice, t: Translator) -> dict[int, str]:
    return {id(s.row): left_text(s, t) for s in notice.soon}


def legend(directive: Directive, notice: Notice, t: Translator) -> list[tuple[str, str]]:
    """The directive's items that the mail's rows name, with their titles, in the directive's
    order: said once at the top rather than on every row (a digest names item 6 hundreds of
    times). Tasks keep their title on their row: each is a unit's own."""
    shown = {
        row.occurrence.item
        for rows in (notice.overdue, _soon_rows(notice))
        for group in capped(rows, notice.max_rows)
        for row in group.rows
        if row.occurrence.task is None
    }
    return [(item.id, item_title(item, t)) for item in directive.obligations if item.id in shown]


def row_name(directive: Directive, row: Row, t: Translator) -> str:
    """An item by its number alone, since the deadline beside it tells its month ("trước ngày
    10/6/2022", "Định kỳ hàng tháng – tháng 5/2022") and its title is listed once above; a task
    with its title and person: ``T1: Rà soát TTHC (Nguyễn Văn A)``."""
    occ = row.occurrence
    if occ.task is None:
        return occ.item
    label = row_label(directive, row, t)
    title = item_text(directive, row, t)
    return f"{label}: {title}" if title else label


# --- plain text ----------------------------------------------------------------------------


def text_body(directive: Directive, notice: Notice, t: Translator) -> str:
    ended = ended_text(directive, notice.day, t)
    lines = [*([ended, ""] if ended else []), _heading(directive, notice, t)]
    if notice.unit is not None:
        lines.append(t("col_unit") + ": " + unit_name(directive, notice.unit, t))
    summary = summary_lines(directive, notice, t)
    if summary:
        lines += ["", t("notify_summary_heading") + ":"] + [f"  {line}" for line in summary]
    items = legend(directive, notice, t)
    if items:
        lines += ["", t("notify_legend_heading") + ":"]
        lines += [f"  {item}: {title}" for item, title in items]
    for group in capped(notice.overdue, notice.max_rows):
        lines += ["", group_heading(directive, group, t, count=True)]
        for row in group.rows:
            lines.append(_text_row(directive, row, t, days_overdue_text(row, t), group.silent))
        if group.hidden:
            lines.append("  " + more_text(notice, group, t, overdue=True))
    if notice.soon_days > 0:
        lines += ["", "", soon_heading(notice, t)]
        left = _days_left(notice, t)
        if not notice.soon:
            lines += ["", soon_none(notice, t)]
        for group in capped(_soon_rows(notice), notice.max_rows):
            lines += ["", group_heading(directive, group, t, count=False)]
            for row in group.rows:
                lines.append(_text_row(directive, row, t, left[id(row)], group.silent))
            if group.hidden:
                lines.append("  " + more_text(notice, group, t, overdue=False))
    lines += ["", "-- ", t("notify_footer", day=format_day(notice.day))]
    return "\n".join(lines) + "\n"


def group_heading(directive: Directive, group: Group, t: Translator, *, count: bool) -> str:
    """ "Phòng Tư pháp (77, đều chưa ghi nhận)": the unit, its count, and, when it has
    reported none of them, that, once rather than on every row."""
    name = unit_name(directive, group.unit, t)
    total = len(group.rows) + group.hidden
    notes = [str(total)] if count else []
    if group.silent:
        notes.append(t("notify_none_reported"))
    return f"{name} ({', '.join(notes)})" if notes else name


def _text_row(directive: Directive, row: Row, t: Translator, when: str, silent: bool) -> str:
    """``  - 6 (kỳ 5/2022) · trước ngày 10/5/2022 · quá hạn 3 ngày · chưa báo cáo``."""
    parts = [
        row_name(directive, row, t),
        deadline_words(directive, row.occurrence, t, short=True),
        when,
    ]
    if not silent:
        parts.append(progress_text(directive, row, t))
    return "  - " + " · ".join(parts)


# --- HTML ----------------------------------------------------------------------------------

# One style sheet rather than a style on every cell: a digest has hundreds of cells, and mail
# clients (Gmail, Outlook, Thunderbird) apply a <style> in the head.
_STYLE = (
    "body{font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1a1a1a}"
    "table{border-collapse:collapse;border:1px solid #c8c8c8;margin:8px 0 16px 0}"
    "td,th{padding:4px 8px;border:1px solid #c8c8c8;vertical-align:top;text-align:left}"
    "thead th{background:#eef1f5}"
    "th.g{background:#f7f7f7}"
    "td.m{color:#555;font-style:italic}"
    "p.f{color:#666;font-size:12px}"
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def html_body(directive: Directive, notice: Notice, t: Translator) -> str:
    title = subject(directive, notice, t)
    ended = ended_text(directive, notice.day, t)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(t.lang)}">',
        '<head><meta charset="utf-8">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        *([f"<p><strong>{_e(ended)}</strong></p>"] if ended else []),
        f'<h2 style="font-size:16px">{_e(_heading(directive, notice, t))}</h2>',
    ]
    if notice.unit is not None:
        parts.append(
            f"<p>{_e(t('col_unit'))}: <strong>"
            f"{_e(unit_name(directive, notice.unit, t))}</strong></p>"
        )
    summary = summary_lines(directive, notice, t)
    if summary:
        parts.append(f"<p><strong>{_e(t('notify_summary_heading'))}</strong></p><ul>")
        parts += [f"<li>{_e(line)}</li>" for line in summary]
        parts.append("</ul>")
    items = legend(directive, notice, t)
    if items:
        parts.append(f"<p><strong>{_e(t('notify_legend_heading'))}</strong></p><ul>")
        parts += [f"<li>{_e(item)}: {_e(title)}</li>" for item, title in items]
        parts.append("</ul>")
    parts += _html_table(
        directive,
        notice,
        t,
        notice.overdue,
        t("col_days_overdue"),
        # the column says "days overdue": the number alone (a digest has hundreds of rows)
        lambda row: str(row.days_overdue or 0),
        overdue=True,
    )
    if notice.soon_days > 0:
        parts.append(f'<h3 style="font-size:15px">{_e(soon_heading(notice, t))}</h3>')
        if notice.soon:
            left = _days_left(notice, t)
            parts += _html_table(
                directive,
                notice,
                t,
                _soon_rows(notice),
                t("col_days_left"),
                lambda row: left[id(row)],
                overdue=False,
            )
        else:
            parts.append(f"<p>{_e(soon_none(notice, t))}</p>")
    parts += [
        f'<p class="f">{_e(t("notify_footer", day=format_day(notice.day)))}</p>',
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _html_table(
    directive: Directive,
    notice: Notice,
    t: Translator,
    rows: Sequence[Row],
    when_heading: str,
    when: Callable[[Row], str],
    *,
    overdue: bool,
) -> list[str]:
    headings = (t("col_item"), t("col_deadline"), when_heading, t("col_percent"))
    out = [
        '<table role="table" cellpadding="4" cellspacing="0" border="1">',
        "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headings),
        "</tr></thead>",
        "<tbody>",
    ]
    for group in capped(rows, notice.max_rows):
        heading = group_heading(directive, group, t, count=True)
        out.append(
            f'<tr><th colspan="{len(headings)}" scope="rowgroup" class="g">{_e(heading)}</th></tr>'
        )
        for row in group.rows:
            cells = (
                row_name(directive, row, t),
                deadline_words(directive, row.occurrence, t, short=True),
                when(row),
                "" if group.silent else progress_text(directive, row, t),
            )
            out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
        if group.hidden:
            more = more_text(notice, group, t, overdue=overdue)
            out.append(f'<tr><td colspan="{len(headings)}" class="m">{_e(more)}</td></tr>')
    out += ["</tbody>", "</table>"]
    return out


# --- the message ---------------------------------------------------------------------------


def build_message(
    directive: Directive,
    letter: Letter,
    t: Translator,
    *,
    sender: str,
    recipients: Sequence[str],
    now: dt.datetime,
) -> EmailMessage:
    """One message: subject (RFC 2047-encoded on the wire), a text and an HTML alternative."""
    notice = letter.notice
    message = EmailMessage()
    message["Subject"] = subject(directive, notice, t)
    message["From"] = formataddr((SENDER_NAME, sender))
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid("cvtracker", domain=sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message["X-Cvtracker-Hash"] = letter.content_hash
    # base64: 7-bit safe for any relay and a third smaller than quoted-printable for Vietnamese
    message.set_content(text_body(directive, notice, t), cte=_cte(t))
    message.add_alternative(html_body(directive, notice, t), subtype="html", cte=_cte(t))
    # after the parts: set_content() clears every Content-* header of the message
    message["Content-Language"] = t.lang
    return message


def _cte(t: Translator) -> str | None:
    """base64 for Vietnamese; the library's choice for English (mostly ASCII: 7bit or QP)."""
    return "base64" if t.lang == "vi" else None


def readable(message: EmailMessage) -> str:
    """Headers (decoded) and the plain-text part, for ``--dry-run`` and for people."""
    lines = [f"{name}: {value}" for name, value in message.items()]
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if isinstance(body, EmailMessage) else ""
    return "\n".join(lines) + "\n\n" + str(text)


# --- sending -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outgoing:
    letter: Letter
    recipients: tuple[str, ...]
    """Those of the letter's recipients it goes to in this run."""
    message: EmailMessage
    directives: tuple[str, ...] = ()
    """The ids of the directives the mail covers: the ledger keeps a row for each."""


@dataclass(frozen=True)
class Refusal:
    recipient: str
    reply: str


def send(
    smtp: SmtpConfig,
    password: Secret | None,
    outgoing: Sequence[Outgoing],
    accepted: Callable[[Outgoing, tuple[str, ...]], None],
    claim: Callable[[Outgoing], Outgoing | None] = lambda out: out,
    failed: Callable[[Outgoing, tuple[str, ...]], None] = lambda out, refused: None,
) -> list[Refusal]:
    """Send each message on one connection; ``accepted`` is called as soon as the server has
    accepted a message for some of its recipients (so they are recorded even if a later one
    fails). ``claim`` is asked first, right before each message goes out (it may narrow its
    recipients, or drop it); ``failed`` hears of the recipients refused. Returns the refused
    recipients; raises :class:`Failure` when the server cannot be
    reached, refuses the login or the TLS handshake, or fails midway."""
    import smtplib
    import ssl

    if smtp.host is None or smtp.sender is None:  # the shell checks this first
        raise InputError("mail_no_host", path="config.toml")
    check_credentials(smtp, password)
    context = tls_context(smtp) if smtp.tls != "none" else None
    refusals: list[Refusal] = []
    done = 0
    try:
        with _connect(smtp, context) as client:
            if smtp.user is not None and password is not None:
                _login(client, smtp.user, password)
            for planned in outgoing:
                out = claim(planned)
                if out is None:
                    continue
                try:
                    refused: dict[str, Any] = client.send_message(
                        out.message, from_addr=smtp.sender, to_addrs=list(out.recipients)
                    )
                except smtplib.SMTPRecipientsRefused as error:
                    refused = dict(error.recipients)
                except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
                    reply = _reply(error.smtp_code, error.smtp_error, password)
                    refusals += [Refusal(r, reply) for r in out.recipients]
                    failed(out, out.recipients)
                    continue
                for recipient, (code, text) in refused.items():
                    refusals.append(Refusal(recipient, _reply(code, text, password)))
                if refused:
                    failed(out, tuple(r for r in out.recipients if r in refused))
                ok = tuple(r for r in out.recipients if r not in refused)
                if ok:
                    accepted(out, ok)
                    done += 1
    except smtplib.SMTPAuthenticationError as error:
        # 535 "credentials invalid" is the configuration (exit 2); 454 "try later" is not (1)
        kind = ConfigMistake if permanent(error.smtp_code) else Failure
        raise kind(
            "mail_auth_failed",
            server=smtp.server,
            user=smtp.user,
            reason=_reply(error.smtp_code, error.smtp_error, password),
        ) from None
    except smtplib.SMTPNotSupportedError as error:
        # no STARTTLS, no AUTH: the server will not change by itself; fix tls or the server
        if "STARTTLS" in str(error).upper():
            raise ConfigMistake("mail_no_starttls", server=smtp.server) from None
        reason = _scrub(str(error), password)
        raise ConfigMistake("mail_not_supported", server=smtp.server, reason=reason) from None
    except ssl.SSLCertVerificationError as error:
        # a certificate that does not verify needs ca_file or the right host name: exit 2
        reason = _scrub(error.verify_message or str(error), password)
        raise ConfigMistake("mail_tls_failed", server=smtp.server, reason=reason) from None
    except (smtplib.SMTPException, OSError) as error:
        key = plural("mail_failed_after", done) if done else "mail_failed"
        raise Failure(key, server=smtp.server, reason=_reason(error, password), sent=done) from None
    return refusals


# --- carrying out a plan --------------------------------------------------------------------


def ready(smtp: SmtpConfig, path: Path) -> Secret | None:
    """Before anything is read or sent: a server and a sender are configured, and the password
    (read now, when a user is configured) may be used. Returns the password."""
    if smtp.host is None:
        raise InputError("mail_no_host", path=path)
    if smtp.sender is None:
        raise InputError("mail_no_sender", path=path)
    password = smtp.password() if smtp.user is not None else None
    check_credentials(smtp, password)
    return password


def compose(
    mails: Sequence[Mail],
    directives: Mapping[str, Directive],
    t: Translator,
    *,
    sender: str,
    now: dt.datetime,
) -> list[Outgoing]:
    """The messages of the day's mail (:func:`cvtracker.notify.plan_mail`), for the recipients
    who do not have them yet; ``directives``: each directive by its id."""
    outgoing = []
    for mail in mails:
        if not mail.send.todo:
            continue
        found = mail.bundle
        parts = [(directives[number], letter) for number, letter in found.parts]
        message = build_bundle_message(
            parts, found.content_hash, t, sender=sender, recipients=mail.send.todo, now=now
        )
        outgoing.append(Outgoing(mail.send.letter, mail.send.todo, message, found.directives))
    return outgoing


def recorder(
    ledger: Ledger, day: dt.date, now: Callable[[], dt.datetime], *, force: bool = False
) -> MailBook:
    """Claims each mail in the ledger before it is sent, records it once accepted."""
    from cvtracker.mailbook import MailBook

    return MailBook(ledger, day, now, force=force)


def send_outgoing(
    outgoing: list[Outgoing],
    t: Translator,
    *,
    smtp: SmtpConfig,
    password: Secret | None,
    dry_run: bool,
    record: MailBook,
    say: Callable[[str], None],
    warn: Callable[[str], None],
) -> None:
    """Prints the messages (``dry_run``) or sends them, claiming and recording each."""
    if dry_run:
        say(t.plural("notify_dry_run", len(outgoing), count=len(outgoing)))
        for out in outgoing:
            say("")
            say(readable(out.message))
        return

    def accepted(out: Outgoing, recipients: tuple[str, ...]) -> None:
        record.sent(out.message, recipients, out.letter.content_hash)
        say(t("notify_sent", subject=out.message["Subject"], to=", ".join(recipients)))

    def claim(out: Outgoing) -> Outgoing | None:
        todo = record.claim(
            out.message, out.recipients, out.letter.content_hash, directives=out.directives
        )
        return dataclasses.replace(out, recipients=todo) if todo else None

    def failed(out: Outgoing, recipients: tuple[str, ...]) -> None:
        record.failed(out.message, recipients)

    refusals = send(smtp, password, outgoing, accepted, claim, failed) if outgoing else []
    for refusal in refusals:
        warn(t("notify_refused_one", to=refusal.recipient, reply=refusal.reply))
    for stale in record.unconfirmed:
        warn(t("notify_unconfirmed", to=stale.recipient))
    # a mail left claimed by an earlier run is a failure to look into (exit 1), even beside
    # refusals that are configuration mistakes
    if record.unconfirmed:
        raise Failure("notify_unconfirmed_total", count=len(record.unconfirmed))
    if refusals:
        count = len(refusals)
        # 5xx for every refused recipient: a wrong address, not a busy server (exit 2)
        if all(permanent(refusal.reply) for refusal in refusals):
            raise ConfigMistake(plural("notify_refused_permanent", count), count=count)
        raise Failure(plural("notify_refused", count), count=count)


def permanent(reply: int | str) -> bool:
    """An SMTP reply code (or a reply that starts with one) of 5xx: retrying will not help."""
    return str(reply).strip()[:1] == "5"


def _login(client: smtplib.SMTP, user: str, password: Secret) -> None:
    """smtplib's login, or AUTH PLAIN in UTF-8 (RFC 4616) for a name or password that is not
    ASCII, which smtplib cannot encode."""
    import smtplib

    secret = password.reveal()
    if user.isascii() and secret.isascii():
        client.login(user, secret)
        return
    client.ehlo_or_helo_if_needed()
    if "PLAIN" not in client.esmtp_features.get("auth", "").upper().split():
        raise smtplib.SMTPNotSupportedError("the server offers no AUTH PLAIN for a UTF-8 login")
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + secret.encode()).decode("ascii")
    code, reply = client.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def check_credentials(smtp: SmtpConfig, password: Secret | None) -> None:
    """A user needs a password; a password is never sent in clear except to this machine."""
    if smtp.user is None:
        return
    if password is None:
        raise InputError("mail_no_password", user=smtp.user)
    if smtp.tls == "none" and not is_loopback(smtp.host):
        raise InputError("mail_plain_auth", host=smtp.host)


def tls_context(smtp: SmtpConfig) -> ssl.SSLContext:
    import ssl

    try:
        context = ssl.create_default_context(
            cafile=str(smtp.ca_file) if smtp.ca_file is not None else None
        )
    except (OSError, ssl.SSLError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError("ca_file_unreadable", path=smtp.ca_file, reason=reason) from None
    if not smtp.verify:  # only for a host the config names in no_verify_hosts
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _connect(smtp: SmtpConfig, context: ssl.SSLContext | None) -> smtplib.SMTP:
    import smtplib

    assert smtp.host is not None
    # EHLO with the machine's name needs a DNS lookup; a server on this machine needs none
    local = "localhost" if is_loopback(smtp.host) else None
    if smtp.tls == "ssl":
        return smtplib.SMTP_SSL(
            smtp.host, smtp.port, local_hostname=local, timeout=smtp.timeout, context=context
        )
    client = smtplib.SMTP(smtp.host, smtp.port, local_hostname=local, timeout=smtp.timeout)
    if smtp.tls == "starttls":
        try:
            client.ehlo()
            client.starttls(context=context)
            client.ehlo()
        except BaseException:
            client.close()
            raise
    return client


def _reply(code: int, text: bytes | str, password: Secret | None) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return _scrub(f"{code} {' '.join(message.split())}".strip(), password)


def _reason(error: BaseException, password: Secret | None) -> str:
    import smtplib

    if isinstance(error, smtplib.SMTPResponseException):
        return _reply(error.smtp_code, error.smtp_error, password)
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, OSError) and error.strerror:
        return _scrub(error.strerror, password)
    return _scrub(str(error) or type(error).__name__, password)


def _scrub(text: str, password: Secret | None) -> str:
    """Remove the password, and its base64 forms (AUTH PLAIN, AUTH LOGIN), from a text."""
    if password is None or not password.reveal():
        return text
    secret = password.reveal()
    forms = {secret, base64.b64encode(secret.encode()).decode()}
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, "********")
    # any base64 token that decodes to something holding the password: AUTH PLAIN's
    # "\0user\0password", echoed back by some servers
    return _BASE64_TOKEN.sub(lambda m: _hide_token(m.group(), secret), text)


_BASE64_TOKEN = re.compile(r"[A-Za-z0-9+/]{8,}={0,2}")


def _hide_token(token: str, secret: str) -> str:
    try:
        decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
    except ValueError:
        return token
    return "********" if secret.encode() in decoded else token


# --- several directives in one ledger (issue 12) ----------------------------------------------


def bundle_subject(parts: Sequence[tuple[Directive, Letter]], t: Translator) -> str:
    from cvtracker.textcheck import one_line

    first = parts[0][1].notice
    overdue = sum(len(letter.notice.overdue) for _, letter in parts)
    numbers = ", ".join(directive.directive.number for directive, _ in parts)
    text = t(
        "cv_mail_subject",
        overdue=overdue,
        count=len(parts),
        numbers=numbers,
        day=format_day(first.day),
    )
    if first.unit is not None:
        text += f" – {unit_name(parts[0][0], first.unit, t)}"
    return one_line(text)


def build_bundle_message(
    parts: Sequence[tuple[Directive, Letter]],
    content_hash: str,
    t: Translator,
    *,
    sender: str,
    recipients: Sequence[str],
    now: dt.datetime,
) -> EmailMessage:
    """One mail covering several directives: each directive's part (its heading names it)
    one after the other, in the text and in the HTML alternative."""
    if len(parts) == 1:
        directive, letter = parts[0]
        message = build_message(directive, letter, t, sender=sender, recipients=recipients, now=now)
        if content_hash != letter.content_hash:
            del message["X-Cvtracker-Hash"]
            message["X-Cvtracker-Hash"] = content_hash
        return message
    title = bundle_subject(parts, t)
    rule = "\n\n" + "=" * 60 + "\n\n"
    text = rule.join(text_body(d, letter.notice, t).rstrip("\n") for d, letter in parts) + "\n"
    bodies = []
    for directive, letter in parts:
        html = html_body(directive, letter.notice, t)
        bodies.append(html.split("<body>", 1)[1].rsplit("</body>", 1)[0].strip("\n"))
    html = (
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{_e(t.lang)}">',
                '<head><meta charset="utf-8">',
                f"<title>{_e(title)}</title>",
                f"<style>{_STYLE}</style></head>",
                "<body>",
                "\n<hr>\n".join(bodies),
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )
    message = EmailMessage()
    message["Subject"] = title
    message["From"] = formataddr((SENDER_NAME, sender))
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid("cvtracker", domain=sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message["X-Cvtracker-Hash"] = content_hash
    message.set_content(text, cte=_cte(t))
    message.add_alternative(html, subtype="html", cte=_cte(t))
    message["Content-Language"] = t.lang
    return message
