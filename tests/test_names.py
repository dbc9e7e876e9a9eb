"""Finding units and items by what people type."""

from __future__ import annotations

import unicodedata

import pytest

from cvtracker.directive import Directive
from cvtracker.errors import InputError
from cvtracker.names import fold, is_task_id, resolve_item, resolve_items, resolve_unit


@pytest.mark.parametrize(
    ("typed", "unit_id"),
    [
        ("noi-vu", "noi-vu"),
        ("NOI-VU", "noi-vu"),
        ("Phòng Nội vụ", "noi-vu"),
        ("phong noi vu", "noi-vu"),
        ("PHÒNG NỘI VỤ", "noi-vu"),
        ("  phòng   nội vụ ", "noi-vu"),
        ("nội vụ", "noi-vu"),
        ("tu phap", "tu-phap"),
        ("Tư pháp", "tu-phap"),
        ("phong tu phap", "tu-phap"),
        ("Văn phòng HĐND&UBND huyện", "vp-hdnd-ubnd"),
        ("van phong hdnd ubnd", "vp-hdnd-ubnd"),
        ("Liên Hương", "lien-huong"),
        ("lien huong", "lien-huong"),
        ("phan ri cua", "phan-ri-cua"),
        ("Phan Dũng", "phan-dung"),
        ("vinh hao", "vinh-hao"),
        ("Công an huyện", "cong-an"),
        ("bao hiem xa hoi", "bhxh"),
        ("Ban Quản lý Dự án Đầu tư xây dựng huyện", "bql-da"),  # an alias
        ("phong giao duc", "gd-dt"),
    ],
)
def test_units_by_id_or_name(directive: Directive, typed: str, unit_id: str) -> None:
    assert resolve_unit(directive, typed).id == unit_id


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test_any_unicode_normal_form(directive: Directive, form: str) -> None:
    for name, unit_id in (("Phòng Nội vụ", "noi-vu"), ("UBND xã Phước Thể", "phuoc-the")):
        typed = unicodedata.normalize(form, name)
        assert resolve_unit(directive, typed).id == unit_id


def test_nfd_and_nfc_differ_but_fold_alike() -> None:
    nfd = unicodedata.normalize("NFD", "Đặng Phước Thể")
    assert nfd != unicodedata.normalize("NFC", nfd)
    assert fold(nfd) == fold("Đặng Phước Thể") == "dang phuoc the"


def test_a_part_several_units_share_lists_the_candidates(directive: Directive) -> None:
    with pytest.raises(InputError) as caught:
        resolve_unit(directive, "phan")
    error = caught.value
    assert error.key == "ambiguous_unit"
    assert "phan-ri-cua" in error.params["choices"]
    assert "phan-dung" in error.params["choices"]
    assert "Phan Rí Cửa" in error.params["choices"]
    assert error.exit_code == 2


@pytest.mark.parametrize("typed", ["vinh", "phong", "ubnd xa"])
def test_other_ambiguous_parts(directive: Directive, typed: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve_unit(directive, typed)
    assert caught.value.key == "ambiguous_unit"


def test_an_unknown_unit_names_the_nearest_choices(directive: Directive) -> None:
    with pytest.raises(InputError) as caught:
        resolve_unit(directive, "phong noi vuu")
    error = caught.value
    assert error.key == "unknown_unit"
    assert error.params["choices"].startswith("noi-vu (Phòng Nội vụ)")


@pytest.mark.parametrize("typed", ["", "   ", "---"])
def test_nothing_typed_is_an_unknown_unit(directive: Directive, typed: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve_unit(directive, typed)
    assert caught.value.key == "unknown_unit_no_match"


def test_an_unknown_unit_with_nothing_near_says_where_to_look(directive: Directive) -> None:
    with pytest.raises(InputError) as caught:
        resolve_unit(directive, "zzz")
    assert caught.value.key == "unknown_unit_no_match"
    assert "cvtracker units" in str(caught.value)
    assert "nearest" not in str(caught.value)


@pytest.mark.parametrize(
    ("typed", "item_id"),
    [
        ("5a", "5a"),
        ("5.a", "5a"),
        ("5A", "5a"),
        ("5 a", "5a"),
        ("6", "6"),
        ("obstacles", "obstacles"),
    ],
)
def test_items_by_number(directive: Directive, typed: str, item_id: str) -> None:
    assert resolve_item(directive, typed).id == item_id
    assert [o.id for o in resolve_items(directive, typed)] == [item_id]


def test_item_5_in_a_filter_means_5a_5b_5c(directive: Directive) -> None:
    assert [o.id for o in resolve_items(directive, "5")] == ["5a", "5b", "5c"]


def test_item_5_is_refused_for_recording(directive: Directive) -> None:
    with pytest.raises(InputError) as caught:
        resolve_item(directive, "5")
    assert caught.value.key == "item_needs_subitem"
    assert caught.value.params["choices"] == "5a, 5b, 5c"


@pytest.mark.parametrize("typed", ["8", "0", "5d", "x", ""])
def test_unknown_items_list_the_items(directive: Directive, typed: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve_items(directive, typed)
    assert caught.value.key == "unknown_item"
    assert caught.value.params["choices"] == "1, 2, 3, 4, 5a, 5b, 5c, 6, 7, obstacles"


def test_task_ids() -> None:
    assert is_task_id("T1") and is_task_id("t12") and is_task_id(" T3 ")
    assert not is_task_id("1") and not is_task_id("T") and not is_task_id("5a")


def test_a_person_keeps_the_ledgers_spelling() -> None:
    from cvtracker.names import canonical_person

    known = ["Nguyễn Văn A", None]
    assert canonical_person("nguyễn  văn a", known) == "Nguyễn Văn A"
    assert canonical_person("  Trần Thị  B ", known) == "Trần Thị B"
    # a name that differs only by its diacritics is asked about: Hạ may be a mistyped Hà, or
    # someone else, which only the clerk knows (--new-person)
    with pytest.raises(InputError, match="Lê Văn Hà"):
        canonical_person("Lê Văn Hạ", ["Lê Văn Hà"])
    assert canonical_person("Lê Văn Hạ", ["Lê Văn Hà"], new_person=True) == "Lê Văn Hạ"


def test_va_and_ampersand_join_the_same_name(directive) -> None:
    assert resolve_unit(directive, "Văn phòng HĐND và UBND huyện").id == "vp-hdnd-ubnd"
    assert resolve_unit(directive, "Phòng Giáo dục và Đào tạo").id == "gd-dt"
    assert resolve_unit(directive, "phong tai nguyen va moi truong").id == "tn-mt"


@pytest.mark.parametrize(
    ("typed", "unit_id"),
    [
        ("BHXH huyện", "bhxh"),
        ("Phòng GD&ĐT", "gd-dt"),
        ("phong tn&mt", "tn-mt"),
        ("CA huyen", "cong-an"),
    ],
)
def test_the_abbreviations_offices_use(directive, typed: str, unit_id: str) -> None:
    assert resolve_unit(directive, typed).id == unit_id
