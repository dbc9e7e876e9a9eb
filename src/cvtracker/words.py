"""The words shown to people, shared by the terminal, the report and the mail: names, deadlines
in the directive's words, states, days overdue, the 90% rule's verdicts, numbers the Vietnamese
way. Formatting only: what the words say is computed by the core."""

from __future__ import annotations

import datetime as dt

from cvtracker.compliance import Eligibility, Row, due_today
from cvtracker.dates import TIMEZONE, first_day, format_day, format_month
from cvtracker.directive import Directive, Obligation
from cvtracker.i18n import Translator
from cvtracker.schedule import Occurrence


def unit_name(directive: Directive, unit_id: str, t: Translator, on: dt.date | None = None) -> str:
    """The unit's name in the reader's language (``name_en`` in English); its id if unknown.
    With ``on``, the name it had that day (a unit renamed since: the units registry)."""
    try:
        unit = directive.unit(unit_id)
    except KeyError:
        return unit_id
    if on is not None and unit.former:
        from cvtracker.units import unit_on

        unit = unit_on(unit, on)
    return unit.name_en if t.lang == "en" else unit.name


def unit_short(directive: Directive, unit_id: str, t: Translator) -> str:
    """The unit's short name ("TT Liên Hương"), for narrow tables; its id if unknown."""
    try:
        unit = directive.unit(unit_id)
    except KeyError:
        return unit_id
    return unit.short_en if t.lang == "en" else unit.short


def item_title(item: Obligation, t: Translator) -> str:
    return item.title_en if t.lang == "en" else item.title


def obligation_of(directive: Directive, occ: Occurrence) -> Obligation | None:
    if occ.task is not None:
        return None
    try:
        return directive.obligation(occ.item)
    except KeyError:
        return None


def deadline_words(
    directive: Directive, occ: Occurrence, t: Translator, *, short: bool = False
) -> str:
    """The deadline in the directive's own words ("trước ngày 30/4/2022"; "Định kỳ hàng tháng –
    tháng 5/2022" for a monthly item that gives no day) and, where a day off moved it, the real
    last day: "trước ngày 10/7/2022 – hạn cuối 11/7/2022, do 9/7 là thứ Bảy".

    ``short``, for lists whose items' words are given once above them (the morning mail):
    "tháng 5/2022", "trước ngày 10/7/2022 (hạn cuối 11/7/2022)"."""
    item = obligation_of(directive, occ)
    if occ.kind == "ongoing" or occ.due is None:
        return item.deadline.wording if item is not None else t("ongoing")
    if item is not None and item.deadline.kind == "monthly_through_end" and occ.period:
        month = format_month(occ.period)
        words = (
            t("period_month", month=month)
            if short
            else t("deadline_monthly", words=item.deadline.wording, month=month)
        )
    else:
        words = t(f"deadline_{occ.kind}", day=format_day(occ.due))
    nominal, last = occ.rolled_from, occ.last_on_time
    if nominal is None or last is None:
        return words
    if short:
        return t("deadline_rolled_short", words=words, last=format_day(last))
    if nominal.weekday() == 5:
        reason = t("day_off_saturday")
    elif nominal.weekday() == 6:
        reason = t("day_off_sunday")
    else:
        reason = t("day_off_holiday")
    return t(
        "deadline_rolled",
        words=words,
        last=format_day(last),
        nominal=f"{nominal.day}/{nominal.month}",
        reason=reason,
    )


def period_words(directive: Directive, item_id: str, period: str | None, t: Translator) -> str:
    """A monthly occurrence in words: "báo cáo hạn trước ngày 10/6/2022" for a report due on a
    day of the month (a clerk calls the one sent in early June "báo cáo tháng 5", so the month
    alone would mislead), "tháng 5/2022" for one due through the month's end."""
    if not period:
        return ""
    try:
        deadline = directive.obligation(item_id).deadline
        is_report = directive.obligation(item_id).is_report
    except KeyError:
        return t("period_month", month=format_month(period))
    if deadline.kind == "monthly_before" and deadline.day is not None:
        due = first_day(period).replace(day=deadline.day)
        return t("period_report" if is_report else "period_before", day=format_day(due))
    return t("period_month", month=format_month(period))


def period_label(directive: Directive, occ: Occurrence, t: Translator) -> str | None:
    if occ.task is not None or not occ.period:
        return None
    return period_words(directive, occ.item, occ.period, t)


def not_recorded(directive: Directive, occ: Occurrence, t: Translator) -> str:
    """Nothing recorded: "chưa báo cáo" only where the obligation is a report."""
    item = obligation_of(directive, occ)
    return t("not_reported_report" if item is not None and item.is_report else "not_reported")


def ended_text(directive: Directive, day: dt.date, t: Translator) -> str | None:
    """Said once, at the top, when the directive is no longer in force on the day."""
    end = directive.in_force_until
    if end is None or not directive.ended(day):
        return None
    meta = directive.directive
    reason = (meta.end_reason_en if t.lang == "en" else meta.end_reason) or meta.end_reason or ""
    return t("directive_ended", number=meta.number, day=format_day(end), reason=reason)


def percent_text(value: float, t: Translator | None = None) -> str:
    """A percent as typed, without trailing zeros ("89.75"); for a reader of Vietnamese, with a
    decimal comma ("89,75"). Never rounded: 89.95 is not 90 under the 90% rule."""
    shown = f"{value:g}"
    return shown.replace(".", ",") if t is not None and t.lang == "vi" else shown


def row_label(directive: Directive, row: Row, t: Translator) -> str:
    """What a row is, for people: ``2``, ``6 (báo cáo hạn trước ngày 10/6/2022)``,
    ``4 (tháng 5/2022)`` or ``T3``."""
    occ = row.occurrence
    label = occ.task or occ.item
    period = period_label(directive, occ, t)
    return f"{label} ({period})" if period else label


def failing_text(directive: Directive, row: Row, t: Translator) -> str:
    """A task failing the 90% rule: ``T3 (Rà soát TTHC): 80%`` or ``T4 (…): chưa ghi nhận``."""
    value = f"{percent_text(row.percent, t)}%" if row.reported else t("not_reported")
    label = row_label(directive, row, t)
    if row.occurrence.title:
        label += f" ({row.occurrence.title})"
    return f"{label}: {value}"


def days_overdue_text(row: Row, t: Translator) -> str:
    """The days overdue alone, "quá hạn 6 ngày", where the percent is shown beside them."""
    days = row.days_overdue or 0
    return t.plural("days_overdue", days, days=days)


def overdue_text(row: Row, t: Translator) -> str:
    """The days overdue, with partial progress before them: "50% – quá hạn 6 ngày"."""
    text = days_overdue_text(row, t)
    if row.reported and row.percent > 0:
        return t("progress_overdue", percent=percent_text(row.percent, t), overdue=text)
    return text


def when_text(row: Row, left: int | None, t: Translator, as_of: dt.date | None = None) -> str:
    if row.state == "overdue" and row.days_overdue is not None:
        return overdue_text(row, t)
    if row.completed_on is None and as_of is not None and due_today(row, as_of):
        return t("due_today")
    if row.completed_on is not None:
        text = t("completed_on", day=format_day(row.completed_on))
        if row.days_late is not None:
            text += f" ({t.plural('days_late', row.days_late, days=row.days_late)})"
        return text
    if left is not None:
        return t.plural("working_days_left", left, days=left)
    return ""


def state_text(row: Row, t: Translator) -> str:
    if row.state == "open" and row.occurrence.late_from is None:
        return t("state_ongoing")
    return t(f"state_{row.state}")


def verdict_text(result: Eligibility, t: Translator) -> str:
    """What item 4 says of a head or person, in its own terms: it only excludes."""
    if result.eligible is False:
        return t("eligible_no")
    if result.eligible is None:
        return t("eligible_nothing_due")
    return t("eligible_yes")


def local_time(moment: dt.datetime) -> str:
    """A recorded time (aware: the ledger gives it in UTC) as Vietnamese people read it: in
    Asia/Ho_Chi_Minh."""
    from zoneinfo import ZoneInfo

    return f"{moment.astimezone(ZoneInfo(TIMEZONE)):%d/%m/%y %H:%M}"


def number_text(value: float | int, t: Translator, decimals: int = 1) -> str:
    """A number as its reader writes it: "1.035,5" in Vietnamese (a dot between thousands, a
    decimal comma), "1,035.5" in English; a whole number without decimals."""
    shown = f"{int(value):,}" if float(value).is_integer() else f"{value:,.{decimals}f}"
    if t.lang != "vi":
        return shown
    return shown.translate(str.maketrans(",.", ".,"))


def change_text(delta: float | int | None, t: Translator) -> str | None:
    """A change since last month in words ("tăng 12 so với tháng trước"), never "+12"."""
    if delta is None:
        return None
    if delta == 0:
        return t("change_same")
    key = "change_up" if delta > 0 else "change_down"
    return t(key, value=number_text(abs(delta), t))


def delta_text(delta: float | int | None, t: Translator) -> str:
    """A change in words, for a list of changes: "tăng 3", "giảm 5", "không đổi"."""
    if delta is None:
        return t("delta_none")
    if delta == 0:
        return t("delta_same")
    return t("delta_up" if delta > 0 else "delta_down", value=number_text(abs(delta), t))


def names_text(names: list[str], t: Translator) -> str:
    """ "A, B và C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('and')} {names[-1]}"
