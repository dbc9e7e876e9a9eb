"""The directive as data: the packaged file, its validation, and its JSON Schema."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from cvtracker.directive import (
    Directive,
    consistency_warnings,
    json_schema,
    load_directive,
    load_directive_with_warnings,
    parse_directive,
)
from cvtracker.errors import DirectiveFileError
from cvtracker.settings import packaged_directive

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "cong-van-968-UBND-TH.md"
ITEM_6_UNITS = [
    "vp-hdnd-ubnd",
    "vh-tt",
    "tu-phap",
    "tc-kh",
    "tn-mt",
    "kt-ht",
    "bql-da",
    "ld-tbxh",
    "gd-dt",
    "cong-an",
    "bhxh",
]
TOWNS = {"lien-huong": "Liên Hương", "phan-ri-cua": "Phan Rí Cửa"}
COMMUNES = {
    "phan-dung": "Phan Dũng",
    "phong-phu": "Phong Phú",
    "vinh-hao": "Vĩnh Hảo",
    "vinh-tan": "Vĩnh Tân",
    "phu-lac": "Phú Lạc",
    "phuoc-the": "Phước Thể",
    "hoa-minh": "Hòa Minh",
    "chi-cong": "Chí Công",
    "binh-thanh": "Bình Thạnh",
}


def packaged_text() -> str:
    return packaged_directive().read_text(encoding="utf-8")


# --- the packaged file -----------------------------------------------------------------------


def test_the_packaged_file_loads(directive: Directive) -> None:
    meta = directive.directive
    assert meta.number == "968/UBND-TH"
    assert meta.date == D(2022, 4, 27)
    assert meta.signer.name == "Nguyễn Trung Trực"
    assert meta.signer.title == "Chủ tịch"
    assert meta.title.startswith("V/v tăng cường triển khai thực hiện Kế hoạch số 178/KH-UBND")
    assert len(meta.addressees) == 5
    assert meta.recipients[0] == "Như trên;"
    assert meta.recipients[-1] == "Lưu: VT."


def test_the_top_level_data_file_is_the_packaged_one() -> None:
    assert (ROOT / "data" / "directive_968.yaml").read_bytes() == packaged_text().encode()


def test_cited_documents_as_the_text_gives_them(directive: Directive) -> None:
    cited = {c.number: (c.kind, c.date, c.issuer) for c in directive.directive.cites}
    assert cited == {
        "651/UBND-NCKSTTHC": ("Công văn", D(2022, 3, 7), "UBND tỉnh"),
        "2992/KH-UBND": ("Kế hoạch", D(2022, 8, 12), "UBND tỉnh"),
        "178/KH-UBND": ("Kế hoạch", D(2021, 9, 7), "UBND huyện"),
        "720/UBND": ("Công văn", D(2022, 3, 31), "UBND huyện"),
    }


EXPECTED_DEADLINES = {
    "1": ("ongoing", None, None),
    "2": ("before", D(2022, 4, 30), None),
    "3": ("before", D(2022, 4, 30), None),
    "4": ("monthly_through_end", None, None),
    "5a": ("ongoing", None, None),
    "5b": ("monthly_through_end", None, None),
    "5c": ("ongoing", None, None),
    "6": ("monthly_before", None, 10),
    "7": ("before", D(2022, 5, 30), None),
    "obstacles": ("ongoing", None, None),
}


def test_every_item_with_its_deadline(directive: Directive) -> None:
    ids = [o.id for o in directive.obligations]
    assert ids == ["1", "2", "3", "4", "5a", "5b", "5c", "6", "7", "obstacles"]
    for item in directive.obligations:
        kind, date, day = EXPECTED_DEADLINES[item.id]
        assert (item.deadline.kind, item.deadline.date, item.deadline.day) == (kind, date, day), (
            item.id
        )
        if item.deadline.monthly:
            # the first full month after the directive
            assert item.deadline.start == "2022-05"
    assert [o.parent for o in directive.obligations if o.id.startswith("5")] == ["5", "5", "5"]


def test_the_deadline_wording_is_the_directives(directive: Directive) -> None:
    wording = {o.id: o.deadline.wording for o in directive.obligations}
    assert wording["2"] == wording["3"] == "trước ngày 30/4/2022"
    assert directive.obligation("5a").deadline.starts == D(2022, 5, 1)
    assert wording["7"] == "trước ngày 30/5/2022"
    assert "trước ngày 10 của tháng" in wording["6"]


def test_reports_and_the_units_rated_elsewhere(directive: Directive) -> None:
    reports = {o.id for o in directive.obligations if o.is_report}
    assert reports == {"5b", "6", "7", "obstacles"}
    apart = {u.id for u in directive.units if not u.rated_by_issuer}
    assert apart == {"cong-an", "bhxh"}
    assert directive.rating.deadline(2022) == D(2022, 12, 15)
    assert directive.calendar.roll_past_days_off is True
    assert directive.in_force_until == D(2025, 6, 30)
    for item in directive.obligations:
        if item.deadline.monthly:
            assert item.deadline.until == "2025-06"


def test_unit_names_follow_the_directive_or_one_convention(directive: Directive) -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "shared/seed/cong-van-968-UBND-TH.md"
    text = seed.read_text(encoding="utf-8") if seed.exists() else None
    for unit in directive.units:
        if unit.named and text is not None:
            # spelled, dashes included, as the directive's text names it
            assert unit.name in text, unit.name
        if not unit.named:
            assert unit.source, unit.id
            # our own names: an en dash with spaces, never a hyphen between words
            assert " - " not in unit.name and "–" not in unit.name.replace(" – ", ""), unit.name


def test_the_public_service_units_beyond_the_named_one_are_our_assumption(
    directive: Directive,
) -> None:
    group = [u for u in directive.units if u.group == "don-vi-su-nghiep"]
    assert [u.id for u in group if u.named] == ["bql-da"]
    assumed = [u for u in group if not u.named]
    assert len(assumed) >= 2
    assert all("giả định" in (u.source or "") for u in assumed)


def test_evidence_and_footnote(directive: Directive) -> None:
    item3 = directive.obligation("3")
    assert item3.evidence is not None and item3.evidence.to == "noi-vu"
    item6 = directive.obligation("6")
    assert item6.evidence is not None and item6.evidence.to == "noi-vu"
    assert directive.obligation("5c").footnote == (
        "Tại điểm b, Khoản 2, Mục III của Kế hoạch số 178/KH-UBND."
    )


def test_the_eleven_units_of_item_6(directive: Directive) -> None:
    assert directive.assignees(directive.obligation("6")) == ITEM_6_UNITS
    assert all(directive.unit(u).named for u in ITEM_6_UNITS)


def test_item_7_is_for_phong_noi_vu(directive: Directive) -> None:
    assert directive.assignees(directive.obligation("7")) == ["noi-vu"]
    assert directive.unit("noi-vu").name == "Phòng Nội vụ"


def test_two_towns_and_nine_communes(directive: Directive) -> None:
    towns = {u.id: u for u in directive.units if u.kind == "town"}
    communes = {u.id: u for u in directive.units if u.kind == "commune"}
    assert set(towns) == set(TOWNS)
    assert set(communes) == set(COMMUNES)
    for unit_id, place in {**TOWNS, **COMMUNES}.items():
        unit = towns.get(unit_id) or communes[unit_id]
        assert unit.name.endswith(place)
        assert unit.one_stop
        assert unit.group == "xa-thi-tran"


def test_items_reach_every_addressee(directive: Directive) -> None:
    everyone = [u.id for u in directive.units]
    for item_id in ("1", "2", "3", "4", "obstacles"):
        assert directive.assignees(directive.obligation(item_id)) == everyone
    one_stop = [u.id for u in directive.units if u.one_stop]
    assert len(one_stop) == 12  # the district's desk and the 11 communes and towns
    for item_id in ("5a", "5b", "5c"):
        assert directive.assignees(directive.obligation(item_id)) == one_stop
    assert directive.unit("cong-an").kind == "police"
    assert directive.unit("bhxh").kind == "social_insurance"


def test_units_not_named_say_where_they_come_from(directive: Directive) -> None:
    for unit in directive.units:
        assert unit.named or unit.source, unit.id


@pytest.mark.skipif(not SEED.exists(), reason="the directive's text is not next to the repository")
def test_item_texts_are_verbatim(directive: Directive) -> None:
    def norm(text: str) -> str:
        text = re.sub(r"<sup>\d+</sup>", "", text).replace("*", "")
        return " ".join(text.replace("“", '"').replace("”", '"').split())

    source = norm(SEED.read_text(encoding="utf-8"))
    for item in directive.obligations:
        assert norm(item.text) in source, item.id
    assert directive.directive.preamble is not None
    assert norm(directive.directive.preamble) in source


def test_validate_warns_about_plan_2992_dated_after_the_directive() -> None:
    _, warnings = load_directive_with_warnings(packaged_directive())
    messages = [w.message for w in warnings]
    assert len(warnings) == 1, messages
    (warning,) = warnings
    assert "2992/KH-UBND" in warning.message
    assert "after the directive" in warning.message
    lines = packaged_text().splitlines()
    # points at the date of Kế hoạch 2992
    assert lines[warning.line - 1].strip() == "date: 2022-08-12"
    assert warning.col == lines[warning.line - 1].index("2022-08-12") + 1


def test_other_warnings(directive: Directive) -> None:
    text = packaged_text().replace(
        "deadline: {kind: before, date: 2022-05-30, wording: trước ngày 30/5/2022}",
        "deadline: {kind: before, date: 2022-04-01, wording: trước ngày 1/4/2022}",
    )
    text = text.replace("assignees: {units: [noi-vu]}", "assignees: {units: [tu-phap]}")
    _, warnings = parse_directive(text, "x.yaml")
    messages = " | ".join(w.message for w in warnings)
    assert "item 7 is due 01/04/2022, before the directive" in messages
    # noi-vu is still reached by the items for all addressees; a unit no item reaches warns
    assert not any("noi-vu" in w.message for w in warnings)
    data = directive.model_copy(update={"units": [*directive.units]})
    assert consistency_warnings(data)  # the 2992 warning at least


# --- broken files: every error at once, as PATH:LINE:COL ---------------------------------------


def position(text: str, needle: str, *, nth: int = 0, at: str | None = None) -> tuple[int, int]:
    """(line, column), 1-based, of ``at`` (default: ``needle``) within the nth line holding it."""
    hits = [i for i, line in enumerate(text.splitlines()) if needle in line]
    index = hits[nth]
    line = text.splitlines()[index]
    return index + 1, line.index(at or needle) + 1


def broken(tmp_path: Path, text: str) -> tuple[Path, DirectiveFileError]:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DirectiveFileError) as caught:
        load_directive(path)
    return path, caught.value


def test_a_broken_file_reports_every_error_with_its_position(tmp_path: Path) -> None:
    text = packaged_text()
    # 1. an unknown key in the unit Phòng Tư pháp
    text = text.replace(
        "  - id: tu-phap\n    name: Phòng Tư pháp\n",
        "  - id: tu-phap\n    name: Phòng Tư pháp\n    colour: red\n",
    )
    # 2. a wrong type: one_stop of Phòng Tài chính – Kế hoạch
    text = text.replace(
        "    aliases: [Phòng TC-KH, Phòng TCKH]\n    kind: office\n    group: phong-ban\n"
        "    one_stop: false\n",
        "    aliases: [Phòng TC-KH, Phòng TCKH]\n    kind: office\n    group: phong-ban\n"
        "    one_stop: maybe\n",
    )
    # 3. a missing key: name_en of Phòng Y tế
    text = text.replace("    name_en: Office of Health\n", "")
    # 4. a wrong date in item 7's deadline
    text = text.replace("date: 2022-05-30, wording", "date: 2022-05-32, wording")
    path, error = broken(tmp_path, text)
    problems = {(p.line, p.col): p.message for p in error.problems}
    unknown = position(text, "colour: red", at="colour")
    wrong_type = position(text, "one_stop: maybe", at="maybe")
    missing = position(text, "- id: y-te", at="id")
    bad_date = position(text, "date: 2022-05-32", at="2022-05-32")
    assert set(problems) == {unknown, wrong_type, missing, bad_date}, error.problems
    assert problems[unknown] == "unknown key 'colour'"
    assert "bool" in problems[wrong_type]
    assert problems[missing] == "missing key 'name_en'"
    assert "date" in problems[bad_date]
    for problem in error.problems:
        assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: .+", str(problem))
    assert error.exit_code == 2


def test_bad_references_are_reported_all_at_once(tmp_path: Path) -> None:
    text = packaged_text()
    text = text.replace("assignees: {units: [noi-vu]}", "assignees: {units: [noi-vuu]}")
    text = text.replace(
        "    aliases: [Ban Quản lý Dự án Đầu tư xây dựng huyện]\n    # a board under the district "
        "People's Committee: a public service unit\n    kind: public_service\n"
        "    group: don-vi-su-nghiep\n",
        "    aliases: [Ban Quản lý Dự án Đầu tư xây dựng huyện]\n    # a board under the district "
        "People's Committee: a public service unit\n    kind: public_service\n"
        "    group: su-nghiep\n",
    )
    _, error = broken(tmp_path, text)
    problems = {(p.line, p.col): p.message for p in error.problems}
    unit_ref = position(text, "assignees: {units: [noi-vuu]}", at="noi-vuu")
    group_ref = position(text, "group: su-nghiep", at="su-nghiep")
    assert set(problems) == {unit_ref, group_ref}, error.problems
    assert problems[unit_ref].startswith("unknown unit 'noi-vuu'; known: ")
    assert "noi-vu" in problems[unit_ref]
    assert problems[group_ref].startswith("unknown group 'su-nghiep'")


def test_type_errors_and_bad_references_together(tmp_path: Path) -> None:
    """Every error at once: a bad reference is not hidden by a type error elsewhere."""
    text = packaged_text()
    text = text.replace("    name_en: Office of Health\n", "")
    text = text.replace("assignees: {units: [noi-vu]}", "assignees: {units: [noi-vuu]}")
    _, error = broken(tmp_path, text)
    problems = {(p.line, p.col): p.message for p in error.problems}
    missing = position(text, "- id: y-te", at="id")
    unit_ref = position(text, "[noi-vuu]", at="noi-vuu")
    assert set(problems) == {missing, unit_ref}, error.problems
    assert problems[missing] == "missing key 'name_en'"
    assert problems[unit_ref].startswith("unknown unit 'noi-vuu'")
    # in the order of the file
    assert [(p.line, p.col) for p in error.problems] == [missing, unit_ref]


def test_a_deadline_with_the_wrong_fields(tmp_path: Path) -> None:
    text = packaged_text().replace(
        "deadline: {kind: before, date: 2022-05-30, wording: trước ngày 30/5/2022}",
        "deadline: {kind: before, day: 10, wording: trước ngày 30/5/2022}",
    )
    _, error = broken(tmp_path, text)
    (problem,) = error.problems
    assert (problem.line, problem.col) == position(
        text, "deadline: {kind: before, day: 10", at="{kind"
    )
    assert problem.message == "a 'before' deadline needs 'date'"


def test_a_yaml_syntax_error_has_its_position(tmp_path: Path) -> None:
    text = packaged_text().replace("  number: 968/UBND-TH\n", "  number: [968/UBND-TH\n")
    path, error = broken(tmp_path, text)
    (problem,) = error.problems
    assert problem.message.startswith("YAML syntax")
    assert problem.line > 0 and problem.col > 0
    assert str(problem).startswith(f"{path}:{problem.line}:{problem.col}: YAML syntax")
    opened = position(text, "number: [968/UBND-TH")[0]
    assert problem.line >= opened


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DirectiveFileError) as caught:
        load_directive(tmp_path / "nowhere.yaml")
    assert "no such file" in str(caught.value)


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    _, error = broken(tmp_path, "- just\n- a list\n")
    assert error.problems[0].message == "the file must be a YAML mapping"


# --- the JSON Schema ---------------------------------------------------------------------------


def test_the_committed_json_schema_is_up_to_date() -> None:
    committed = packaged_directive().parent / "directive.schema.json"
    assert committed.exists(), "generate it: cvtracker schema > data/directive.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == json_schema(), (
        "the JSON Schema is out of date: cvtracker schema > data/directive.schema.json"
    )


def test_the_yaml_points_editors_at_the_schema() -> None:
    first = packaged_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=directive.schema.json"


def test_the_schema_forbids_unknown_keys() -> None:
    schema = json_schema()
    assert schema["additionalProperties"] is False
    assert all(
        d.get("additionalProperties") is False
        for d in schema["$defs"].values()
        if d.get("type") == "object"
    )
    kinds = schema["$defs"]["Deadline"]["properties"]["kind"]["enum"]
    assert set(kinds) == {"before", "through", "monthly_before", "monthly_through_end", "ongoing"}


def test_the_report_heading_names_a_known_unit(tmp_path: Path) -> None:
    text = packaged_text().replace("report:\n  unit: noi-vu\n", "report:\n  unit: noi-vuu\n")
    _, error = broken(tmp_path, text)
    line = text.splitlines().index("  unit: noi-vuu") + 1
    assert [(p.line, p.col) for p in error.problems] == [(line, 9)]
    assert "unknown unit 'noi-vuu'" in error.problems[0].message


def test_the_word_report_takes_its_heading_from_the_data(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    from docx import Document

    from cvtracker.i18n import Translator
    from cvtracker.report import build_report
    from cvtracker.report.formats.word import document_bytes as render
    from cvtracker.report.view import view

    text = packaged_text().replace("  symbol: BC-NV\n", "  symbol: BC-PNV\n")
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    directive = load_directive(path)
    report = build_report(directive, [], [], "2022-05", dt.date(2022, 5, 31))
    t = Translator("vi")
    data = render(report, view(report, directive, t), directive, t)
    document = Document(io.BytesIO(data))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert any("/BC-PNV" in c for c in cells)
    assert any("Lưu: VT, NV." in c for c in cells)
