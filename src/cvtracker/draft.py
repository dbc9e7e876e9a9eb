"""A directive YAML drafted from a công văn's text, for a person to review (issue 12).

Pure functions: given the text (and the units a reader knows), return data; given data, return
YAML text. No network, no model: regular expressions and a small grammar of the phrasing
Vietnamese administrative documents use. Every guess is marked in the YAML by a ``# draft: …``
comment; :func:`draft_markers` finds them, and ``cvtracker validate`` refuses a file that still has
one unless ``--allow-draft``.

The grammar, in short:

- header: ``Số: 968/UBND-TH``, ``<place>, ngày 27 tháng 4 năm 2022``, the issuer's block before
  ``CỘNG HÒA``, the ``V/v`` subject, ``Kính gửi:`` and ``Nơi nhận:`` lists, the signer's title
  (upper case) and name (the last line in Title Case);
- items: paragraphs opening with ``1.`` (an item), ``a.`` or ``a)`` (a sub-item of the last item),
  a paragraph without a number continuing an item whose last paragraph ends with ``:``; a
  document without numbered items has one item per paragraph or bullet that names a unit or
  gives a deadline; a closing paragraph that asks for a report becomes an item keyed ``p1``, …;
- deadlines: see :func:`read_deadline`; assignees: see :func:`read_assignees`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from cvtracker.directive import DeadlineKind, Unit, UnitGroup
from cvtracker.errors import FileProblem, InputError
from cvtracker.names import fold

MARKER = "# draft:"

# --- dates ---------------------------------------------------------------------------------------

_DATE = (
    r"(?:ngày\s+)?(?P<d>\d{1,2})(?:"
    r"\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}))?"
    r"|\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:năm\s+|/)(?P<y2>\d{4}))?)"
)
DATE_RE = re.compile(_DATE, re.IGNORECASE)


def parse_vn_date(text: str, year: int) -> dt.date | None:
    """``30/4/2022``, ``30-4-2022``, ``ngày 30 tháng 4 năm 2022``; no year: ``year``."""
    match = DATE_RE.fullmatch(text.strip())
    return _date_of(match, year) if match else None


def _date_of(match: re.Match[str], year: int) -> dt.date | None:
    day = int(match["d"])
    month = int(match["m"] or match["m2"])
    given = match["y"] or match["y2"]
    try:
        return dt.date(int(given) if given else year, month, day)
    except ValueError:
        return None


def _year_given(match: re.Match[str]) -> bool:
    return bool(match["y"] or match["y2"])


# --- deadlines -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineReading:
    """A deadline as the draft reads it. ``found`` is false when the text gives none."""

    kind: DeadlineKind
    wording: str
    date: dt.date | None = None
    day: int | None = None
    notes: tuple[str, ...] = ()
    found: bool = True
    periodic: str | None = None  # quarterly, half-yearly, yearly, relative: no kind of ours


def _n(phrase: str) -> str:
    return phrase.replace(" ", r"\s+")


_EVERY = r"(?:hằng|hàng|mỗi)"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_MONTHLY_RE = re.compile(
    rf"(?:định\s+kỳ\s+)?{_EVERY}\s+tháng"
    rf"(?:\s*[(,]?\s*(?P<how>trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?)\s+ngày\s+(?P<day>\d{{1,2}})"
    rf"(?:\s+(?:của\s+)?(?:{_EVERY}\s+)?tháng)?\s*\)?)?",
    re.IGNORECASE,
)
_MONTHLY_DAY_RE = re.compile(
    rf"(?P<how>trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|đến)\s+ngày\s+(?P<day>\d{{1,2}})\s+"
    rf"(?:của\s+)?{_EVERY}\s+tháng",
    re.IGNORECASE,
)
_QUARTERLY_RE = re.compile(rf"(?:định\s+kỳ\s+)?(?:{_EVERY}\s+quý|quý\s+một\s+lần)", re.IGNORECASE)
_HALF_YEARLY_RE = re.compile(
    r"(?:định\s+kỳ\s+)?0?6\s+tháng(?:\s*(?:,|và)\s*(?:01\s+|1\s+)?năm|\s+một\s+lần)?",
    re.IGNORECASE,
)
_YEARLY_RE = re.compile(rf"(?:định\s+kỳ\s+)?{_EVERY}\s+năm", re.IGNORECASE)
_RELATIVE_RE = re.compile(
    r"(?:trong\s+(?:thời\s+(?:gian|hạn)\s+)?|chậm\s+nhất(?:\s+là)?(?:\s+sau)?\s+|"
    r"không\s+quá\s+|sau\s+)"
    r"(?P<n>\d{1,3})\s+ngày(?P<working>\s+làm\s+việc)?"
    r"(?:\s*,?\s*(?:kể\s+từ|tính\s+từ|sau\s+khi|từ)\s+(?P<event>[^.;()]{0,80}))?",
    re.IGNORECASE,
)
_BEFORE_RE = re.compile(rf"trước\s+(?:{_DATE}|(?P<bare>\d{{1,2}}/\d{{1,2}}(?:/\d{{4}})?))", re.I)
_THROUGH_RE = re.compile(
    rf"(?:chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|đến|trước))?|đến\s+hết|hạn\s+chót(?:\s+là)?|"
    rf"trong)\s+(?:ngày\s+){_DATE}",
    re.IGNORECASE,
)
_MONTH_RE = re.compile(
    r"trong\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:/|năm\s+)(?P<y>\d{4}))?", re.IGNORECASE
)
_QUARTER_RE = re.compile(
    r"trong\s+quý\s+(?P<q>IV|I{1,3}|[1-4])\b(?:\s*(?:/|năm\s+)(?P<y>\d{4}))?", re.IGNORECASE
)
_ONGOING_RE = re.compile(r"thường\s+xuyên|liên\s+tục", re.IGNORECASE)
_YEARLY_AFTER_RE = re.compile(rf"^\s*,?\s*(?:{_EVERY}\s+năm|của\s+{_EVERY}\s+năm)", re.I)


def _clean(text: str) -> str:
    return " ".join(text.replace("(", " ").replace(")", " ").split()).strip(" ,;")


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def read_deadline(text: str, issued: dt.date) -> DeadlineReading:
    """The deadline of an item's text; the document's date gives a year the text leaves out.

    Dated phrases, monthly, quarterly, yearly and relative periods are read first, the earliest
    in the text winning; "thường xuyên" only when none of them is there."""
    text = unicodedata.normalize("NFC", text)
    year = issued.year
    found: list[tuple[int, DeadlineReading]] = []

    def add(match: re.Match[str], reading: DeadlineReading) -> None:
        found.append((match.start(), reading))

    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return all(match.end() <= s or match.start() >= e for s, e in taken)

    for match in _MONTHLY_RE.finditer(text):
        day_text, how = match["day"], match["how"]
        if day_text is None:
            tail = _MONTHLY_DAY_RE.search(text, match.end(), match.end() + 60)
            later = _MONTHLY_DAY_RE.search(text, max(0, match.start() - 60), match.end())
            pick = tail or later
            if pick:
                day_text, how = pick["day"], pick["how"]
        taken.append((match.start(), match.end()))
        wording = _clean(match[0])
        if day_text is None:
            add(match, DeadlineReading("monthly_through_end", wording))
            continue
        day = int(day_text)
        strict = how is not None and how.lower().startswith("trước")
        before = day if strict else day + 1
        if 1 <= before <= 28:
            notes = () if strict else (f"inclusive: through day {day} = before day {before}",)
            add(match, DeadlineReading("monthly_before", wording, day=before, notes=notes))
        else:
            note = f"day {day} cannot be a monthly day of ours (1-28): read as month end"
            add(match, DeadlineReading("monthly_through_end", wording, notes=(note,)))
    for match in _MONTHLY_DAY_RE.finditer(text):
        if free(match):
            taken.append((match.start(), match.end()))
            day = int(match["day"])
            strict = match["how"].lower().startswith("trước")
            before = day if strict else day + 1
            if 1 <= before <= 28:
                add(match, DeadlineReading("monthly_before", _clean(match[0]), day=before))
    periodic = (
        (_QUARTERLY_RE, "quarterly"),
        (_HALF_YEARLY_RE, "half-yearly"),
        (_YEARLY_RE, "yearly"),
    )
    dated: list[tuple[re.Pattern[str], str]] = [
        (_BEFORE_RE, "before"),
        (_THROUGH_RE, "through"),
    ]
    for pattern, kind in dated:
        for match in pattern.finditer(text):
            if not free(match):
                continue
            if match["d"] is None:  # "trước 30/8": a bare day/month
                bare = match.groupdict().get("bare")
                day_match = DATE_RE.fullmatch(bare or "")
                if day_match is None:
                    continue
                when, given = _date_of(day_match, year), _year_given(day_match)
            else:
                when, given = _date_of(match, year), _year_given(match)
            if when is None:
                continue
            wording = _clean(match[0])
            after = _YEARLY_AFTER_RE.match(text[match.end() :])
            taken.append((match.start(), match.end() + (after.end() if after else 0)))
            if after:
                wording = _clean(match[0] + after[0])
                note = (
                    f"every year {'before' if kind == 'before' else 'through'} "
                    f"{when.day}/{when.month}: no yearly kind; read as ongoing"
                )
                add(match, DeadlineReading("ongoing", wording, notes=(note,), periodic="yearly"))
                continue
            notes = () if given else (f"the text gives no year: the document's ({year})",)
            if kind == "through" and not match[0].lower().startswith("đến hết"):
                notes = (*notes, "inclusive phrase: read as through the day (đến hết ngày)")
            add(match, DeadlineReading(kind, wording, date=when, notes=notes))  # type: ignore[arg-type]
    for match in _MONTH_RE.finditer(text):
        if not free(match):
            continue
        month = int(match["m"])
        if not 1 <= month <= 12:
            continue
        taken.append((match.start(), match.end()))
        when = _last_day(int(match["y"]) if match["y"] else year, month)
        month_notes = ["within the month: read as through its last day"]
        if not match["y"]:
            month_notes.append(f"the text gives no year: the document's ({year})")
        add(match, DeadlineReading("through", _clean(match[0]), date=when, notes=(*month_notes,)))
    for match in _QUARTER_RE.finditer(text):
        if not free(match):
            continue
        quarter = _ROMAN[match["q"].upper()]
        taken.append((match.start(), match.end()))
        when = _last_day(int(match["y"]) if match["y"] else year, quarter * 3)
        quarter_notes = [f"within quarter {match['q'].upper()}: read as through its last day"]
        if not match["y"]:
            quarter_notes.append(f"the text gives no year: the document's ({year})")
        add(
            match,
            DeadlineReading("through", _clean(match[0]), date=when, notes=(*quarter_notes,)),
        )
    for match in _RELATIVE_RE.finditer(text):
        if not free(match):
            continue
        taken.append((match.start(), match.end()))
        days = "working days" if match["working"] else "days"
        event = _clean(match["event"] or "") or "an event the text names"
        note = (
            f"{match['n']} {days} from {event}: no relative kind; read as ongoing, set a date "
            "(before/through) once the day of the event is known"
        )
        add(match, DeadlineReading("ongoing", _clean(match[0]), notes=(note,), periodic="relative"))
    for pattern, name in periodic:
        for match in pattern.finditer(text):
            if not free(match):
                continue
            taken.append((match.start(), match.end()))
            note = f"{name}: the model has no {name} kind; read as ongoing"
            add(match, DeadlineReading("ongoing", _clean(match[0]), notes=(note,), periodic=name))
    if found:
        found.sort(key=lambda pair: pair[0])
        first = found[0][1]
        others = [r.wording for _, r in found[1:] if r.wording != first.wording]
        if others:
            also = "; ".join(dict.fromkeys(others))
            return _with_note(first, f"the item also says: {also}")
        return first
    ongoing = _ONGOING_RE.search(text)
    if ongoing:
        return DeadlineReading("ongoing", _clean(ongoing[0]).lower())
    return DeadlineReading(
        "ongoing", "không nêu thời hạn", notes=("the text gives no deadline",), found=False
    )


def _with_note(reading: DeadlineReading, note: str) -> DeadlineReading:
    return DeadlineReading(
        reading.kind,
        reading.wording,
        reading.date,
        reading.day,
        (*reading.notes, note),
        reading.found,
        reading.periodic,
    )


# --- units ---------------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "bql": "ban quan ly",
    "bhxh": "bao hiem xa hoi",
    "vp": "van phong",
    "ld": "lao dong",
    "tbxh": "thuong binh xa hoi",
    "gd": "giao duc",
    "dt": "dao tao",
    "tn": "tai nguyen",
    "mt": "moi truong",
    "tc": "tai chinh",
    "kh": "ke hoach",
    "ca": "cong an",
}


def canon(text: str) -> list[str]:
    """Words of a name for matching: no diacritics, no case, abbreviations spelt out."""
    words: list[str] = []
    for word in fold(text).split():
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return words


@dataclass(frozen=True)
class Registry:
    """The units a reader knows: the addressee groups and units of a directive file."""

    groups: tuple[UnitGroup, ...] = ()
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class AssigneeReading:
    units: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    one_stop_desks: bool = False
    unknown: tuple[str, ...] = ()  # names as written, not in the registry
    default: bool = False  # no unit named: the addressees of "Kính gửi"
    notes: tuple[str, ...] = ()

    def names(self) -> set[str]:
        """What the reading reaches, for scoring: unit ids, group ids, unknown names folded."""
        out = {f"unit:{u}" for u in self.units} | {f"group:{g}" for g in self.groups}
        out |= {f"name:{' '.join(canon(n))}" for n in self.unknown}
        if self.one_stop_desks:
            out.add("one_stop_desks")
        return out


# words before a name that make it not the assignee: a recipient, a partner, an owner
_NOT_ASSIGNEE_BEFORE = (
    "ve",
    "qua",
    "cho",
    "voi",
    "cua",
    "tai",
    "den",
    "trinh",
    "bao cao",
    "gui",
    "theo",
    "thuoc",
    "duoc",
    "tham muu",
    "phoi hop",
    "huong dan",
    "don doc",
    "tu",
    "nhu",
    "xin y kien",
    "thong qua",
    "de xuat",
    "kien nghi",
    "xin",
)
_ISSUER_VERBS = (
    "giao",
    "yeu cau",
    "de nghi",
    "ban hanh",
    "quyet dinh",
    "co y kien",
    "vua co",
    "co van ban",
)

_HEAD = (
    r"(?:Văn\s+phòng|Phòng|Sở|Ban\s+Quản\s+lý|Ban|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|"
    r"UBND|Công\s+an|Bảo\s+hiểm\s+xã\s+hội|BHXH|Trung\s+tâm|Thanh\s+tra|Bộ\s+Chỉ\s+huy|Bộ\s+phận|Bộ|"
    r"Chi\s+cục|Cục|BQL|Kho\s+bạc|Hội\s+đồng\s+nhân\s+dân|HĐND|Đài|Viện|Tòa\s+án|Mặt\s+trận|"
    r"Cấp\s+xã|Cấp\s+huyện|Cấp\s+tỉnh)"
)
_HEAD_RE = re.compile(rf"(?<![\w/\-]){_HEAD}(?![\w])")
_LOWER_OK = {
    "và",
    "nhân",
    "dân",
    "các",
    "huyện",
    "tỉnh",
    "xã",
    "thị",
    "trấn",
    "thành",
    "phố",
    "quận",
    "phường",
    "chuyên",
    "môn",
    "cấp",
    "quản",
    "lý",
    "dự",
    "án",
    "đầu",
    "tư",
    "xây",
    "dựng",
    "sự",
    "nghiệp",
    "ngành",
    "một",
    "cửa",
    "-",
    "–",
    "&",
}
# words that end a name: the verbs and particles that follow a unit's name
_VERB_STOP = {
    "chủ",
    "phối",
    "thực",
    "triển",
    "hướng",
    "tổ",
    "báo",
    "gửi",
    "rà",
    "tham",
    "xây",
    "chỉ",
    "có",
    "là",
    "được",
    "khẩn",
    "hoàn",
    "tiếp",
    "nghiên",
    "kiểm",
    "đôn",
    "căn",
    "theo",
    "trình",
    "giao",
    "yêu",
    "đề",
    "cập",
    "tăng",
    "nghiêm",
    "quán",
    "trả",
    "xem",
    "về",
    "qua",
    "cho",
    "với",
    "của",
    "tại",
    "đến",
    "trong",
    "trước",
    "chậm",
    "sau",
    "để",
    "nếu",
    "thì",
    "đã",
    "sẽ",
    "phải",
    "cần",
    "không",
    "chịu",
    "bố",
    "ban",
    "lập",
    "thống",
    "tập",
    "đảm",
    "bảo",
}
_AFTER_COMMA = {"xã", "phường", "thị", "thành", "huyện", "quận"}
_TRAILING = {"và", "các", "-", "–", "&", "cấp", "một", "thuộc"}
_GENERIC_RE = re.compile(
    r"(?:[Cc]ác\s+)?[Ss]ở,\s*ban,?\s*ngành(?:,\s*đoàn\s+thể)?(?:\s+(?:tỉnh|thành\s+phố))?"
)
_ONE_STOP_RE = re.compile(r"Bộ\s+phận\s+(?:Một|một)\s+cửa", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[\w&]+|[-–]", re.UNICODE)


def _name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of unit-like names: a head word (Phòng, Sở, UBND, …) and the words of its name."""
    spans: list[tuple[int, int]] = []
    for head in _HEAD_RE.finditer(text):
        end = head.end()
        pos = end
        previous = ""
        while True:
            gap = re.match(r"\s*(,\s*)?", text[pos:])
            assert gap is not None
            token = _TOKEN_RE.match(text, pos + gap.end())
            if token is None:
                break
            word = token[0]
            comma = bool(gap[1])
            if comma and word.lower() not in _AFTER_COMMA:
                break
            if not comma and "\n" in gap[0]:
                break
            lower = word.lower()
            after_capital = previous[:1].isupper() and lower not in _VERB_STOP
            if word[0].isupper() or lower in _LOWER_OK or word[0].isdigit() or after_capital:
                pos = token.end()
                if lower not in _TRAILING:
                    end = pos
                previous = word
                continue
            break
        if end > head.end() or head[0].startswith(("Cấp", "Công an", "Bảo hiểm", "BHXH")):
            spans.append((head.start(), end))
    for generic in _GENERIC_RE.finditer(text):
        spans.append((generic.start(), generic.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return merged


def _before_words(text: str, start: int) -> str:
    return " ".join(fold(text[max(0, start - 40) : start]).split()[-3:])


def _excluded(text: str, start: int, end: int, issuer: Sequence[str]) -> bool:
    before = f" {_before_words(text, start)}"
    if any(before.endswith(f" {word}") for word in _NOT_ASSIGNEE_BEFORE):
        return True
    after = " ".join(fold(text[end : end + 30]).split()[:2])
    if any(after.startswith(verb) for verb in _ISSUER_VERBS):
        return True
    return bool(issuer) and canon(text[start:end]) == list(issuer)


def _find(words: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(words[i : i + n] == needle for i in range(len(words) - n + 1))


def read_assignees(text: str, registry: Registry, *, issuer: str = "") -> AssigneeReading:
    """The units an item's text gives the work to.

    Unit-like names are found by their head word; a name right after "về", "qua", "cho",
    "phối hợp (với)", "của", "tham mưu", … is a recipient or partner, not an assignee, and so is
    a name followed by "giao", "yêu cầu", "đề nghị" (the issuer speaking). Each name is matched
    against the registry's units (name or alias) and addressee groups, with or without
    diacritics and with UBND, HĐND, BQL, BHXH spelt out; the others are kept as written.
    "Bộ phận Một cửa" reaches every unit with a one-stop desk."""
    text = unicodedata.normalize("NFC", text)
    issuer_words = canon(issuer)
    units: list[str] = []
    groups: list[str] = []
    unknown: list[str] = []
    one_stop = False
    known = _known_spans(text, registry)
    for start, end, unit_id in known:
        if not _excluded(text, start, end, issuer_words) and unit_id not in units:
            units.append(unit_id)
    for start, end in _name_spans(text):
        if any(s < end and start < e for s, e, _ in known):
            continue
        if _excluded(text, start, end, issuer_words):
            continue
        name = " ".join(text[start:end].split())
        if _ONE_STOP_RE.match(name):
            one_stop = True
            continue
        words = canon(name)
        unit = _match_unit(words, registry.units)
        if unit is not None:
            if unit.id not in units:
                units.append(unit.id)
            continue
        group = next((g for g in registry.groups if canon(g.name) == words), None)
        if group is not None:
            if group.id not in groups:
                groups.append(group.id)
            continue
        if name not in unknown:
            unknown.append(name)
    if not one_stop and _ONE_STOP_RE.search(text):
        one_stop = True
    return AssigneeReading(tuple(units), tuple(groups), one_stop, tuple(unknown))


def _known_spans(text: str, registry: Registry) -> list[tuple[int, int, str]]:
    """Where the registry's units are named (name or alias, any diacritics), longest first."""
    tokens: list[tuple[str, int, int]] = []
    for match in _TOKEN_RE.finditer(text):
        for word in canon(match[0]):
            tokens.append((word, match.start(), match.end()))
    words = [t[0] for t in tokens]
    found: list[tuple[int, int, str]] = []
    names = sorted(
        ((canon(n), u.id) for u in registry.units for n in _unit_names(u)),
        key=lambda pair: -len(pair[0]),
    )
    for needle, unit_id in names:
        size = len(needle)
        if size == 0:
            continue
        for i in range(len(words) - size + 1):
            if words[i : i + size] == needle:
                start, end = tokens[i][1], tokens[i + size - 1][2]
                if all(end <= s or start >= e for s, e, _ in found):
                    found.append((start, end, unit_id))
    return sorted(found)


def _unit_names(unit: Unit) -> list[str]:
    """A unit's name, aliases, and the names it had before (units registry): a text written
    before a rename names the unit as it was then."""
    return [unit.name, *unit.aliases, *(old.name for old in unit.former)]


def _match_unit(words: list[str], units: Iterable[Unit]) -> Unit | None:
    exact: list[Unit] = []
    partial: list[Unit] = []
    for unit in units:
        names = [canon(n) for n in _unit_names(unit)]
        if words in names:
            exact.append(unit)
        elif any(_find(words, n) or (_find(n, words) and len(words) > 2) for n in names):
            partial.append(unit)
    if exact:
        return exact[0]
    return partial[0] if len(partial) == 1 else None


# --- the document --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cited:
    id: str
    kind: str
    number: str
    date: dt.date
    issuer: str | None


@dataclass(frozen=True)
class DraftItem:
    id: str
    text: str
    deadline: DeadlineReading
    assignees: AssigneeReading
    parent: str | None = None
    cites: tuple[str, ...] = ()
    footnote: str | None = None
    intro: str | None = None  # a parent's own words, for a sub-item
    keyed: bool = False  # a paragraph without a number, kept as an obligation


@dataclass(frozen=True)
class Draft:
    number: str | None
    kind: str
    kind_guessed: bool
    date: dt.date | None
    place: str | None
    issuer: str | None
    signer_title: str | None
    signer_name: str | None
    title: str | None
    addressees: tuple[str, ...]
    addressee_groups: tuple[str | None, ...]
    recipients: tuple[str, ...]
    preamble: str | None
    cites: tuple[Cited, ...]
    items: tuple[DraftItem, ...]
    notes: tuple[str, ...] = field(default=())


_KINDS = {
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "HD": "Hướng dẫn",
    "CĐ": "Công điện",
    "NQ": "Nghị quyết",
}
_KIND_WORDS = (
    "Công văn",
    "Kế hoạch",
    "Quyết định",
    "Chỉ thị",
    "Nghị quyết",
    "Nghị định",
    "Thông tư",
    "Thông báo",
    "Báo cáo",
    "Văn bản",
    "Hướng dẫn",
    "Công điện",
    "Chương trình",
    "Kết luận",
    "Luật",
)
_NUMBER = r"\d+[\w.\-]*(?:/[\w\-&.]+)+"
_CITE_RE = re.compile(
    rf"(?P<kind>{'|'.join(_KIND_WORDS)})\s+(?:liên\s+tịch\s+)?(?:số\s*:?\s*)?(?P<number>{_NUMBER})"
    rf"\s*,?\s*(?:ngày\s+{_DATE})(?=(?P<rest>[^;.\n]{{0,60}}))",
)
_OF_RE = re.compile(
    r"^\s*(?:của\s+)(?P<issuer>(?:(?!\s+(?:về|V/v|quy\s+định|ban\s+hành|hướng\s+dẫn|phê\s+duyệt)\b)"
    r"[^,;(])+)"
)
_NUMBER_RE = re.compile(r"Số\s*:?\s*(?P<n>\d+)\s*(?P<s>/[\w\-&.]+(?:/[\w\-&.]+)*)", re.I)
_PLACE_DATE_RE = re.compile(
    r"(?P<place>[^\n,|]{2,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_ITEM_RE = re.compile(r"^(?P<n>[1-9]\d?)\s*[.)]\s+(?=\S)")
_SUB_RE = re.compile(r"^(?P<l>[a-zđ])\s*[.)]\s+(?=\S)")
_BULLET_RE = re.compile(r"^[-–•+*]\s+(?=\S)")
_ROMAN_RE = re.compile(r"^(?:[IVX]+)\s*[.)]\s+")
_FOOTNOTE_RE = re.compile(r"^<sup>(?P<n>\d+)</sup>\s*")
_SIGNER_TITLES = re.compile(
    r"^(?:(?:KT|TM|TL|Q)\.?\s*[^\n]*\n?)?(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|"
    r"TRƯỞNG\s+PHÒNG|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|TRƯỞNG\s+BAN|CHÁNH\s+THANH\s+TRA|TỔNG\s+GIÁM\s+ĐỐC)$"
)


def _strip_markup(text: str) -> str:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"</p>|<br\s*/?>", "\n\n", text, flags=re.I)
    text = html.unescape(text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\u00a0", " ")
    text = re.sub(r"<sup>(\d+)</sup>", r"⁽\1⁾", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("\\", "")
    text = re.sub(r"\*+", "", text)
    text = re.sub(r"(?m)^#+\s*", "", text)
    text = re.sub(r"(?m)^>\s?", "", text)
    return text


def _paragraphs(text: str) -> list[str]:
    """Paragraphs: blank-line separated, or one a line in plain text; a paragraph cut by a page
    break (it ends without punctuation and the next starts in lower case) is joined again."""
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    lines_per_block = [len([ln for ln in b.splitlines() if ln.strip()]) for b in blocks]
    plain = len(blocks) <= 2 and sum(lines_per_block) > 8
    pieces: list[str] = []
    for block in blocks:
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if plain or any(_ITEM_RE.match(ln) or _BULLET_RE.match(ln) for ln in lines[1:]):
            current: list[str] = []
            for line in lines:
                if current and (_starts_block(line) or (plain and _ends_sentence(current[-1]))):
                    pieces.append(" ".join(current))
                    current = []
                current.append(line)
            if current:
                pieces.append(" ".join(current))
        else:
            pieces.append(" ".join(lines))
    joined: list[str] = []
    for piece in pieces:
        if joined and not _ends_sentence(joined[-1]) and piece[:1].islower():
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return [" ".join(p.split()) for p in joined]


def _starts_block(line: str) -> bool:
    return bool(
        _ITEM_RE.match(line) or _SUB_RE.match(line) or _BULLET_RE.match(line) or line[:1] == "⁽"
    )


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in '.;:!?)”"' or text.rstrip().endswith("./.")


def _sentence_case(text: str) -> str:
    """ỦY BAN NHÂN DÂN HUYỆN TUY PHONG → Ủy ban nhân dân huyện Tuy Phong."""
    words = text.lower().split()
    places = {"huyện", "tỉnh", "xã", "thị trấn", "thành phố", "quận", "phường", "thị xã"}
    out: list[str] = []
    proper = False
    for i, word in enumerate(words):
        pair = f"{words[i - 1]} {word}" if i else ""
        if proper or i == 0:
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
        if word in places or pair in places:
            proper = True
        if (
            word in ("thị", "thành")
            and i + 1 < len(words)
            and words[i + 1] in ("trấn", "phố", "xã")
        ):
            proper = False
    return " ".join(out)


def read_document(text: str, registry: Registry, *, issued: dt.date | None = None) -> Draft:
    """Read a công văn's text (plain or Markdown) into a :class:`Draft`.

    ``issued`` stands in for the document's date when its text gives none (an excerpt)."""
    clean = _strip_markup(text)
    notes: list[str] = []
    number_match = _NUMBER_RE.search(clean)
    number = f"{number_match['n']}{number_match['s']}" if number_match else None
    place_date = _PLACE_DATE_RE.search(clean)
    date: dt.date | None = None
    place = None
    if place_date:
        try:
            date = dt.date(int(place_date["y"]), int(place_date["m"]), int(place_date["d"]))
        except ValueError:
            date = None
        place = " ".join(place_date["place"].split()).strip(" |") or None
    if date is None:
        date = issued
    year_day = date or dt.date(dt.date.today().year, 1, 1)
    kind, kind_guessed = _kind_of(clean, number)
    issuer = _issuer_of(clean)
    title = _title_of(clean)
    addressees = _list_after(clean, r"Kính\s+gửi\s*:?")
    recipients = _list_after(clean, r"Nơi\s+nhận\s*:?")
    signer_title, signer_name = _signer_of(clean)
    cites = _cites_of(clean, year_day.year)
    paragraphs = _paragraphs(clean)
    body, footnotes = _body_of(paragraphs)
    groups = tuple(_group_of(line, registry) for line in addressees)
    items, preamble = _items_of(body, registry, issuer or "", year_day, cites, footnotes, groups)
    return Draft(
        number=number,
        kind=kind,
        kind_guessed=kind_guessed,
        date=date,
        place=place,
        issuer=issuer,
        signer_title=signer_title,
        signer_name=signer_name,
        title=title,
        addressees=tuple(addressees),
        addressee_groups=groups,
        recipients=tuple(recipients),
        preamble=preamble,
        cites=tuple(cites),
        items=tuple(items),
        notes=tuple(notes),
    )


def _kind_of(text: str, number: str | None) -> tuple[str, bool]:
    for line in text.splitlines()[:30]:
        stripped = line.strip()
        for word in _KIND_WORDS:
            if stripped == word.upper():
                return word, False
    if number:
        for part in number.split("/")[1:]:
            for piece in part.split("-"):
                if piece in _KINDS:
                    return _KINDS[piece], True
    return "Công văn", True


def _issuer_of(text: str) -> str | None:
    head = re.split(r"CỘNG\s+HÒA|CỘNG\s+HOÀ|Số\s*:", text, maxsplit=1)[0]
    lines = [ln.strip(" |-") for ln in head.splitlines() if ln.strip(" |-")]
    upper = [ln for ln in lines if ln.upper() == ln and re.search(r"[A-ZĐÀ-Ỹ]", ln)]
    if not upper:
        return None
    return _sentence_case(" ".join(upper))


def _title_of(text: str) -> str | None:
    match = re.search(r"(?m)^\s*V/v\s*:?\s*(?P<t>.+(?:\n(?!\s*\n).+)*)", text)
    if not match:
        return None
    lines = []
    for line in match["t"].splitlines():
        if re.search(r"CỘNG\s+HÒA|ngày\s+\d+\s+tháng", line):
            break
        lines.append(line.strip())
    title = " ".join(" ".join(lines).split())
    title = re.sub(r"(\w)-\s+(\w)", r"\1-\2", title)
    return f"V/v {title}" if title else None


def _list_after(text: str, label: str) -> list[str]:
    match = re.search(rf"(?m)^\s*{label}[ \t]*(?P<inline>[^\n]*)$", text)
    if not match:
        return []
    inline = match["inline"].strip()
    if inline and not inline.startswith(("-", "–")):
        return [inline]
    out: list[str] = []
    for line in text[match.end() :].splitlines():
        stripped = line.strip()
        if not stripped:
            if out:
                break
            continue
        bullet = _BULLET_RE.match(stripped)
        if not bullet:
            break
        out.append(stripped[bullet.end() :].strip())
    return out


def _signer_of(text: str) -> tuple[str | None, str | None]:
    lines = [ln.strip(" |") for ln in text.splitlines() if ln.strip(" |")]
    title = None
    for i in range(len(lines) - 1, max(-1, len(lines) - 40), -1):
        line = lines[i]
        if _SIGNER_TITLES.match(line):
            title = line
            if i > 0 and re.match(r"^(KT|TM|TL|Q)\.", lines[i - 1]):
                title = f"{lines[i - 1]} {line}"
            break
    name = None
    for line in reversed(lines[-15:]):
        words = line.split()
        if (
            2 <= len(words) <= 5
            and all(w[:1].isupper() and w[1:].islower() for w in words)
            and not re.search(r"[:;,./0-9]", line)
        ):
            name = line
            break
    if title is not None:
        title = re.sub(r"^(KT|TM|TL|Q)\.\s*[^\n]*?\s+(?=(PHÓ\s+)?[A-ZĐ])", "", title)
        title = title[:1] + title[1:].lower()
    return title, name


def _cites_of(text: str, year: int) -> list[Cited]:
    seen: dict[str, Cited] = {}
    used_ids: set[str] = set()
    for match in _CITE_RE.finditer(text):
        number = match["number"].rstrip(".")
        if number in seen:
            continue
        when = _date_of(match, year)
        if when is None:
            continue
        of = _OF_RE.match(match["rest"])
        issuer = " ".join(of["issuer"].split()) if of else None
        prefix = "".join(w[0] for w in fold(match["kind"]).split())
        base = f"{prefix}-{fold(number.split('/')[0]).replace(' ', '-')}"
        ident = base
        counter = 2
        while ident in used_ids:
            ident = f"{base}-{counter}"
            counter += 1
        used_ids.add(ident)
        seen[number] = Cited(ident, match["kind"], number, when, issuer)
    return list(seen.values())


def _body_of(paragraphs: list[str]) -> tuple[list[str], dict[str, str]]:
    """The paragraphs between the header (Kính gửi, V/v, the date line) and the signature."""
    start = 0
    addressing = False
    for i, para in enumerate(paragraphs[:25]):
        if _ITEM_RE.match(para):
            break
        header = re.match(r"^(Kính\s+gửi|V/v|Số\s*:|Độc\s+lập|CỘNG\s+HÒA)", para) or re.search(
            r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*$", para
        )
        if header or (addressing and _BULLET_RE.match(para)):
            start = i + 1
        addressing = bool(re.match(r"^Kính\s+gửi", para)) or (
            addressing and bool(_BULLET_RE.match(para))
        )
    end = len(paragraphs)
    for i, para in enumerate(paragraphs[start:], start):
        if re.match(r"^(Nơi\s+nhận|TM\.|KT\.|TL\.)", para) or _SIGNER_TITLES.match(para):
            end = i
            break
    body: list[str] = []
    footnotes: dict[str, str] = {}
    for para in paragraphs[start:end]:
        note = re.match(r"^⁽(\d+)⁾\s*(.*)$", para)
        if note:
            footnotes[note[1]] = note[2]
            continue
        body.append(para)
    return body, footnotes


def _group_of(line: str, registry: Registry) -> str | None:
    words = canon(line)
    for group in registry.groups:
        if canon(group.name) == words:
            return group.id
    for unit in registry.units:
        if words in [canon(n) for n in (unit.name, *unit.aliases)]:
            return unit.group
    return None


def _items_of(
    body: list[str],
    registry: Registry,
    issuer: str,
    day: dt.date,
    cites: list[Cited],
    footnotes: dict[str, str],
    groups: tuple[str | None, ...],
) -> tuple[list[DraftItem], str | None]:
    numbered = any(_ITEM_RE.match(p) for p in body)
    raw: list[tuple[str, str | None, str, str | None, bool]] = []  # id, parent, text, intro, keyed
    preamble: list[str] = []
    if numbered:
        current: list[str] | None = None
        item_id = ""
        parent: str | None = None
        intro: str | None = None
        subs: dict[str, int] = {}
        closing = False
        keyed = 0
        rounds = 0
        used: set[str] = set()

        def flush() -> None:
            if current:
                raw.append((item_id, parent, " ".join(current), intro, item_id.startswith("p")))

        for para in body:
            item = _ITEM_RE.match(para)
            sub = _SUB_RE.match(para)
            if item:
                flush()
                if item["n"] in used:  # the numbering starts again (sections I, II, …)
                    rounds += 1
                number = item["n"] if rounds == 0 else f"r{rounds}-{item['n']}"
                used.add(item["n"])
                item_id, parent, intro = number, None, None
                current = [para[item.end() :]]
                closing = False
            elif sub and raw is not None and item_id and not item_id.startswith("p"):
                top = parent or item_id
                if parent is None and current is not None:
                    # the item's own words introduce its sub-items
                    intro = " ".join(current)
                    subs[top] = len(raw)
                else:
                    flush()
                parent = top
                item_id = f"{top}{sub['l']}"
                current = [para[sub.end() :]]
            elif (
                current is not None
                and not closing
                and (current[-1].rstrip().endswith(":") or _BULLET_RE.match(para))
            ):
                current.append(para)
            elif current is None:
                preamble.append(para)
            else:
                closing = True
                if re.search(r"báo\s+cáo|gửi\s+về", para, re.I) and (
                    _has_deadline(para, day) or re.search(r"kịp\s+thời|phát\s+sinh", para, re.I)
                ):
                    flush()
                    keyed += 1
                    item_id, parent, intro = f"p{keyed}", None, None
                    current = [para]
                    flush()
                    current = []
        flush()
    else:
        ordinal = 0
        for para in body:
            text = _BULLET_RE.sub("", para, count=1)
            if text.rstrip().endswith(":"):  # it introduces what follows
                if ordinal == 0:
                    preamble.append(para)
                continue
            has_unit = bool(_name_spans(text))
            if _has_deadline(text, day) or (has_unit and _is_order(text)):
                ordinal += 1
                raw.append((str(ordinal), None, text, None, False))
            elif ordinal == 0:
                preamble.append(para)
    items: list[DraftItem] = []
    for ident, parent_id, text, intro, keyed_item in raw:
        text = text.strip()
        deadline = read_deadline(text, day)
        assignees = read_assignees(text, registry, issuer=issuer)
        if not (
            assignees.units or assignees.groups or assignees.unknown or assignees.one_stop_desks
        ):
            reach = tuple(dict.fromkeys(g for g in groups if g))
            assignees = AssigneeReading(
                groups=reach, default=True, notes=("no unit named: the addressees of Kính gửi",)
            )
        refs = tuple(c.id for c in cites if c.number in text)
        marks = re.findall(r"⁽(\d+)⁾", text)
        footnote = next((footnotes[m] for m in marks if m in footnotes), None)
        text = re.sub(r"⁽\d+⁾", "", text)
        items.append(
            DraftItem(
                id=ident,
                text=text,
                deadline=deadline,
                assignees=assignees,
                parent=parent_id,
                cites=refs,
                footnote=footnote,
                intro=intro,
                keyed=keyed_item,
            )
        )
    return items, (" ".join(preamble) or None)


def _has_deadline(text: str, day: dt.date) -> bool:
    return read_deadline(text, day).found and not _ONGOING_ONLY.fullmatch(
        read_deadline(text, day).wording
    )


_ONGOING_ONLY = re.compile(r"thường\s+xuyên|liên\s+tục", re.I)


def _is_order(text: str) -> bool:
    return bool(
        re.search(
            r"chủ\s+trì|thực\s+hiện|triển\s+khai|báo\s+cáo|hoàn\s+thành|tổ\s+chức|chỉ\s+đạo|"
            r"rà\s+soát|tham\s+mưu|xây\s+dựng|hướng\s+dẫn|gửi",
            text,
            re.I,
        )
    )


# --- docx ----------------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    """The paragraphs (and table cells) of a .docx, one paragraph per block.

    Needs python-docx (the ``export`` extra), imported here so that nothing else pays for it."""
    import io

    try:
        import docx
    except ImportError:
        raise InputError("draft_needs_docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds on a file that is not a .docx
        raise InputError("draft_not_docx") from None
    blocks: list[str] = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                blocks.extend(p.text for p in cell.paragraphs if p.text.strip())
    blocks.extend(p.text for p in document.paragraphs)
    return "\n\n".join(b for b in blocks if b.strip())


# --- YAML ----------------------------------------------------------------------------------------


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(unicodedata.normalize("NFC", value), ensure_ascii=False)


def _mark(note: str) -> str:
    return f"{MARKER} {' '.join(note.split())}"


def _short_title(text: str) -> str:
    words = text.split()
    return " ".join(words[:12]).rstrip(",;:") + ("…" if len(words) > 12 else "")


def _slug(text: str) -> str:
    return "-".join(fold(text).split())[:40].strip("-") or "unit"


def _unit_kind(name: str) -> str:
    folded = fold(name)
    if "cong an" in folded:
        return "police"
    if "bao hiem xa hoi" in folded or "bhxh" in folded:
        return "social_insurance"
    if "thi tran" in folded:
        return "town"
    if re.search(r"\b(xa|phuong)\b", folded) and ("ubnd" in folded or "uy ban" in folded):
        return "commune"
    if re.search(r"\b(trung tam|bql|ban quan ly)\b", folded):
        return "public_service"
    return "office"


def render_yaml(draft: Draft, registry: Registry, *, source: str, report_unit: str | None) -> str:
    """The draft as a directive YAML: schema-valid as written, every guess marked ``# draft:``."""
    out: list[str] = []
    w = out.append
    issued = draft.date or dt.date(2000, 1, 1)
    w(f"# Draft of a directive file made by `cvtracker draft` from {source}.")
    w("# Review every line marked '# draft:', correct it, then delete the marker;")
    w("# `cvtracker validate` refuses the file while a marker is left (unless --allow-draft).")
    w("")
    w("directive:")
    w(
        f"  kind: {_q(draft.kind)}"
        + (f"  {_mark('guessed from the number')}" if draft.kind_guessed else "")
    )
    if draft.number:
        w(f"  number: {_q(draft.number)}")
    else:
        w(f'  number: "?"  {_mark("no Số: line found; write the number and symbol")}')
    if draft.date:
        w(f"  date: {draft.date.isoformat()}")
    else:
        w(f"  date: {issued.isoformat()}  {_mark('no date line found; placeholder')}")
    if draft.place:
        w(f"  place: {_q(draft.place)}")
    else:
        w(f'  place: "?"  {_mark("no place found")}')
    if draft.issuer:
        w(f"  issuer: {_q(draft.issuer)}  {_mark('from the heading, case restored by guess')}")
    else:
        w(f'  issuer: "?"  {_mark("no issuer heading found")}')
    w("  signer:")
    title = draft.signer_title or "?"
    name = draft.signer_name or "?"
    w(
        f"    title: {_q(title)}"
        + ("" if draft.signer_title else f"  {_mark('no signer title found')}")
    )
    w(f"    name: {_q(name)}  {_mark('the last name-like line; check it')}")
    if draft.title:
        w(f"  title: {_q(draft.title)}")
    else:
        w(f'  title: "?"  {_mark("no V/v subject line found")}')
    w(f'  title_en: "?"  {_mark("write the English subject")}')
    if draft.preamble:
        w(f"  preamble: {_q(draft.preamble)}")
    if draft.addressees:
        w("  addressees:")
        for line in draft.addressees:
            w(f"    - {_q(line)}")
    else:
        w(f"  addressees: []  {_mark('no Kính gửi list found')}")
    if draft.recipients:
        w("  recipients:")
        for line in draft.recipients:
            w(f"    - {_q(line)}")
    else:
        w(f"  recipients: []  {_mark('no Nơi nhận list found')}")
    if draft.cites:
        w("  cites:")
        for doc in draft.cites:
            w(f"    - id: {_q(doc.id)}")
            w(f"      kind: {_q(doc.kind)}")
            w(f"      number: {_q(doc.number)}")
            w(f"      date: {doc.date.isoformat()}")
            if doc.issuer:
                w(f"      issuer: {_q(doc.issuer)}")
            else:
                w(f'      issuer: "?"  {_mark("the text does not say who issued it")}')
    else:
        w("  cites: []")
    w("")
    unknown: dict[str, str] = {}
    for item in draft.items:
        for name in item.assignees.unknown:
            unknown.setdefault(name, _slug(name))
    used = {u.id for u in registry.units}
    for name, slug in list(unknown.items()):
        base, n = slug, 2
        while slug in used:
            slug = f"{base}-{n}"
            n += 1
        used.add(slug)
        unknown[name] = slug
    w("report:")
    fallback = registry.units[0].id if registry.units else next(iter(unknown.values()), None)
    unit = report_unit or fallback or "draft-unit"
    w(f"  unit: {_q(unit)}  {_mark('the unit that writes the monthly report')}")
    w(f'  symbol: "BC"  {_mark("the report symbol")}')
    w(f"  issuer_short: {_q(draft.issuer or '?')}  {_mark('how the report names the issuer')}")
    w('  recipients: ["Như trên;", "Lưu: VT."]  ' + _mark("the report's Nơi nhận"))
    w("")
    w("# The addressee groups and units of the registry the draft was matched against.")
    w("groups:")
    for group in registry.groups:
        w(f"  - id: {_q(group.id)}")
        w(f"    name: {_q(group.name)}")
        w(f"    name_en: {_q(group.name_en)}")
    if unknown or not registry.groups or any(u.group == "draft" for u in registry.units):
        w('  - id: "draft"')
        w(f'    name: "Chưa phân nhóm"  {_mark("units the registry does not have; place them")}')
        w('    name_en: "Not yet grouped"')
    w("units:")
    for u in registry.units:
        w(f"  - id: {_q(u.id)}")
        w(f"    name: {_q(u.name)}")
        w(f"    name_en: {_q(u.name_en)}")
        if u.aliases:
            w(f"    aliases: [{', '.join(_q(a) for a in u.aliases)}]")
        w(f"    kind: {u.kind}")
        if u.group == "draft":  # an office unit (units.yaml) that the known directive lacks
            w(f'    group: "draft"  {_mark("in units.yaml, in no group yet: place it")}')
        else:
            w(f"    group: {_q(u.group)}")
        w(f"    one_stop: {str(u.one_stop).lower()}")
        w(f"    named: {str(u.named).lower()}")
        if u.source:
            w(f"    source: {_q(u.source)}")
        if not u.rated_by_issuer:
            w("    rated_by_issuer: false")
    for name, slug in unknown.items():
        w(f"  - id: {_q(slug)}  {_mark('not in the unit registry: kept as written')}")
        w(f"    name: {_q(name)}")
        w(f'    name_en: "?"  {_mark("write the English name")}')
        w(f"    kind: {_unit_kind(name)}  {_mark('kind guessed from the name')}")
        w('    group: "draft"')
        w("    one_stop: false")
        w("    named: true")
    if not registry.units and not unknown:
        w(f'  - id: "draft-unit"  {_mark("no unit found; placeholder")}')
        w('    name: "?"')
        w('    name_en: "?"')
        w("    kind: office")
        w('    group: "draft"')
        w("    one_stop: false")
        w("    named: false")
    w("")
    w("obligations:")
    if not draft.items:
        w(f"  []  {_mark('no numbered item or obligation found; write them')}")
    for item in draft.items:
        _render_item(w, item, issued, unknown)
    return "\n".join(out) + "\n"


_RENUMBERED_NOTE = "the numbering starts again (a new section): key rN-… given; rename it"
_KEYED_NOTE = "a paragraph without a number, kept as an obligation; rename the key or delete it"


def _render_item(
    w: Callable[[str], None], item: DraftItem, issued: dt.date, unknown: dict[str, str]
) -> None:
    note = _KEYED_NOTE if item.keyed else _RENUMBERED_NOTE if item.id.startswith("r") else ""
    w(f"  - id: {_q(item.id)}" + (f"  {_mark(note)}" if note else ""))
    if item.parent:
        w(f"    parent: {_q(item.parent)}")
        if item.intro:
            w(f"    # the parent's words: {' '.join(item.intro.split())[:300]}")
    w(f"    title: {_q(_short_title(item.text))}  {_mark('a short title of the item')}")
    w(f'    title_en: "?"  {_mark("write the English title")}')
    w(f"    text: {_q(item.text)}")
    a = item.assignees
    parts: list[str] = []
    if a.groups:
        parts.append(f"groups: [{', '.join(_q(g) for g in a.groups)}]")
    ids = [*a.units, *(unknown[n] for n in a.unknown)]
    if ids:
        parts.append(f"units: [{', '.join(_q(i) for i in ids)}]")
    if a.one_stop_desks:
        parts.append("one_stop_desks: true")
    notes = list(a.notes)
    if a.unknown:
        notes.append("not in the registry: " + "; ".join(a.unknown))
    if a.one_stop_desks:
        notes.append("Bộ phận Một cửa named: every unit with a one-stop desk")
    notes.append("check who the item gives the work to")
    w(f"    assignees: {{{', '.join(parts)}}}  {_mark('; '.join(notes))}")
    d = item.deadline
    fields = [f"kind: {d.kind}"]
    if d.date is not None:
        fields.append(f"date: {d.date.isoformat()}")
    if d.day is not None:
        fields.append(f"day: {d.day}")
    if d.kind in ("monthly_before", "monthly_through_end"):
        start_year, start_month = (
            (issued.year, issued.month + 1) if issued.month < 12 else (issued.year + 1, 1)
        )
        fields.append(f'start: "{start_year}-{start_month:02d}"')
        fields.append(f'until: "{start_year}-12"')
    fields.append(f"wording: {_q(d.wording)}")
    notes = list(d.notes)
    if d.kind in ("monthly_before", "monthly_through_end"):
        notes.append(
            "start: the first month after the document; until: a guess, set the last month"
        )
    if d.found and not notes and d.kind in ("before", "through"):
        notes.append("read from the text")
    if not d.found:
        notes.append("ongoing until you give a date")
    marker = f"  {_mark('; '.join(notes))}" if notes else f"  {_mark('read from the text')}"
    w(f"    deadline: {{{', '.join(fields)}}}{marker}")
    if item.footnote:
        w(f"    footnote: {_q(item.footnote)}")
    if item.cites:
        w(f"    cites: [{', '.join(_q(c) for c in item.cites)}]")


# --- markers -------------------------------------------------------------------------------------


def draft_markers(text: str, path: str) -> list[FileProblem]:
    """Every ``# draft:`` comment left in a YAML text, as ``PATH:LINE:COL: …``.

    A comment is a ``#`` at the start of a line or after a space, outside a quoted scalar."""
    problems: list[FileProblem] = []
    for number, line in enumerate(text.splitlines(), 1):
        col = _comment_column(line)
        if col is None:
            continue
        comment = line[col:]
        if re.match(r"#\s*draft\s*:", comment):
            message = comment.split(":", 1)[1].strip()
            problems.append(FileProblem(path, number, col + 1, f"draft marker: {message}"))
    return problems


def _comment_column(line: str) -> int | None:
    quote: str | None = None
    i = 0
    while i < len(line):
        char = line[i]
        if quote == '"':
            if char == "\\":
                i += 2
                continue
            if char == '"':
                quote = None
        elif quote == "'":
            if char == "'":
                quote = None
        elif char in "\"'" and (i == 0 or line[i - 1] in " :[{,-"):
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
        i += 1
    return None


class DraftMarkersError(InputError):
    """A directive file that still has ``# draft:`` markers."""

    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__("draft_markers_left", count=len(problems))
        self.problems = problems


def registry_of(groups: Sequence[UnitGroup], units: Sequence[Unit]) -> Registry:
    return Registry(tuple(groups), tuple(units))
