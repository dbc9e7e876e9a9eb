"""The start-up cache (issue 8): what it gives is what the work it saves would give, a changed
input is read again, an error is never kept, and a cache that cannot be used is no error."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from cvtracker import cache, dates
from cvtracker.directive import load_directive
from cvtracker.errors import DirectiveFileError
from cvtracker.settings import packaged_directive

PACKAGED = packaged_directive().read_text(encoding="utf-8")


def as_json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


# --- the directive ---------------------------------------------------------------------------


def test_a_directive_from_the_cache_is_the_directive_read(tmp_path: Path, folder: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(PACKAGED, encoding="utf-8")
    first = cache.directive_file(path, folder)
    assert list(folder.glob("directive-file-*.pickle"))
    again = cache.directive_file(path, folder)
    assert first == again == load_directive(path)


def test_a_changed_file_is_read_again_even_with_the_same_size_and_time(
    tmp_path: Path, folder: Path
) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(PACKAGED, encoding="utf-8")
    before = cache.directive_file(path, folder)
    stamp = path.stat()
    # the same length, the same modification time: only the content tells
    changed = PACKAGED.replace("Phòng Tư pháp", "Phòng Tư pháX", 1)
    assert len(changed.encode()) == len(PACKAGED.encode())
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    after = cache.directive_file(path, folder)
    assert after != before
    assert after == load_directive(path)
    assert "Phòng Tư pháX" in {u.name for u in after.units}


def test_the_command_line_reads_the_changed_file(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(PACKAGED, encoding="utf-8")
    names = {u["name"] for u in as_json(cli("--directive", str(path), "units", "--json"))}
    assert "Phòng Tư pháp" in names
    path.write_text(PACKAGED.replace("Phòng Tư pháp", "Phòng Tư pháp huyện", 1), "utf-8")
    names = {u["name"] for u in as_json(cli("--directive", str(path), "units", "--json"))}
    assert "Phòng Tư pháp huyện" in names
    assert "Phòng Tư pháp" not in names


def test_an_error_is_never_kept_and_is_said_again(tmp_path: Path, folder: Path) -> None:
    path = tmp_path / "d.yaml"
    good = PACKAGED
    twice = good.replace("directive:\n", "directive:\n  number: 1/X\n", 1)
    for text in (twice, good, twice):
        path.write_text(text, encoding="utf-8")
        if text is twice:
            with pytest.raises(DirectiveFileError) as caught:
                cache.directive_file(path, folder)
            assert "duplicate key 'number'" in str(caught.value.problems[0])
        else:
            cache.directive_file(path, folder)
    assert len(list(folder.glob("directive-*.pickle"))) == 1  # the good one only


def test_a_stored_text_and_a_file_are_kept_apart(tmp_path: Path, folder: Path) -> None:
    # a stored directive is not checked for duplicate keys; a file of the same text is
    twice = PACKAGED.replace("directive:\n", "directive:\n  number: 1/X\n", 1)
    cache.directive_text(twice, "968/UBND-TH", folder)
    path = tmp_path / "d.yaml"
    path.write_text(twice, encoding="utf-8")
    with pytest.raises(DirectiveFileError):
        cache.directive_file(path, folder)


def test_an_entry_made_by_other_code_or_damaged_is_not_used(tmp_path: Path, folder: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(PACKAGED, encoding="utf-8")
    cache.directive_file(path, folder)
    (entry,) = folder.glob("directive-file-*.pickle")
    key, _code, directive = pickle.loads(entry.read_bytes())
    other = directive.model_copy(update={"units": directive.units[:1]})
    entry.write_bytes(pickle.dumps((key, "other code", other)))
    assert cache.directive_file(path, folder) == load_directive(path)
    entry.write_bytes(b"not a pickle")
    assert cache.directive_file(path, folder) == load_directive(path)


def test_an_entry_others_may_write_is_not_trusted(tmp_path: Path, folder: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(PACKAGED, encoding="utf-8")
    cache.directive_file(path, folder)
    (entry,) = folder.glob("directive-file-*.pickle")
    key, code, directive = pickle.loads(entry.read_bytes())
    other = directive.model_copy(update={"units": directive.units[:1]})
    entry.write_bytes(pickle.dumps((key, code, other)))
    assert len(cache.directive_file(path, folder).units) == 1  # what the entry holds is used…
    entry.chmod(0o666)
    assert cache.directive_file(path, folder) == load_directive(path)  # …unless others may write


def test_no_cache_and_an_unusable_one_change_nothing(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = as_json(cli("overdue", "--as-of", "1/6/2022", "--json"))
    monkeypatch.setenv("CVTRACKER_CACHE", "off")
    assert cache.cache_dir() is None
    assert as_json(cli("overdue", "--as-of", "1/6/2022", "--json")) == expected
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CVTRACKER_CACHE", str(blocked))
    assert as_json(cli("overdue", "--as-of", "1/6/2022", "--json")) == expected
    assert blocked.read_text() == "not a folder"


def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert cache.cache_dir({"CVTRACKER_CACHE": str(tmp_path)}) == tmp_path
    assert cache.cache_dir({"CVTRACKER_CACHE": "OFF"}) is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir({}) == tmp_path / "xdg" / "cvtracker"


# --- the calendar ----------------------------------------------------------------------------


def test_a_calendar_year_from_the_cache_is_the_library_s(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = cache.CalendarCache(folder)(2024)
    assert made == dates.compute_year(2024)
    assert dt.date(2024, 5, 4) not in made.days_off  # a Saturday made a working day
    assert dt.date(2024, 4, 30) in made.public_holidays

    def no_library(year: int) -> dates.YearCalendar:
        raise AssertionError("the library was asked")

    monkeypatch.setattr(dates, "compute_year", no_library)
    assert cache.CalendarCache(folder)(2024) == made  # read from the file alone


def test_a_calendar_made_by_another_library_or_damaged_is_computed_again(folder: Path) -> None:
    cache.CalendarCache(folder)(2024)
    file = folder / cache.CALENDAR_FILE
    data = json.loads(file.read_text())
    wrong = {"off": [], "holidays": []}
    file.write_text(json.dumps({"library": "holidays 0.1", "years": {"2024": wrong}}))
    assert cache.CalendarCache(folder)(2024) == dates.compute_year(2024)
    data["years"]["2024"] = {"off": "damaged"}
    file.write_text(json.dumps(data))
    assert cache.CalendarCache(folder)(2024) == dates.compute_year(2024)
    file.write_text("{")
    assert cache.CalendarCache(folder)(2024) == dates.compute_year(2024)


def test_working_days_are_the_same_from_the_cache(folder: Path) -> None:
    days = [dt.date(2022, 1, 1) + dt.timedelta(days=n) for n in range(4 * 366)]
    dates.use_year_source(None)
    library = [(dates.is_working_day(d), dates.is_public_holiday(d)) for d in days]
    try:
        dates.use_year_source(cache.CalendarCache(folder))
        cached = [(dates.is_working_day(d), dates.is_public_holiday(d)) for d in days]
        dates.use_year_source(cache.CalendarCache(folder))  # now from the file
        again = [(dates.is_working_day(d), dates.is_public_holiday(d)) for d in days]
    finally:
        dates.use_year_source(None)
        cache._installed = None
    assert cached == library == again


def test_info_says_where_the_cache_is(
    cli: Any, monkeypatch: pytest.MonkeyPatch, cache_folder: Path
) -> None:
    data = as_json(cli("info", "--json"))
    assert data["cache"] == {"path": str(cache_folder), "source": "CVTRACKER_CACHE"}
    assert str(cache_folder) in cli("--lang", "en", "info").stdout
    monkeypatch.setenv("CVTRACKER_CACHE", "off")
    assert as_json(cli("info", "--json"))["cache"]["path"] is None
    assert "Start-up cache" in (out := cli("--lang", "en", "info").stdout) and "off" in out


def test_a_changed_units_registry_is_read_again(cli: Any, home: Path) -> None:
    def names() -> set[str]:
        return {u["name"] for u in as_json(cli("units", "--json"))}

    assert "Phòng Tư pháp" in names()  # no registry: the directive's own names, now cached
    assert cli("unit", "init").exit_code == 0
    assert "Phòng Tư pháp" in names()
    renamed = cli("unit", "rename", "tu-phap", "--name", "Phòng Tư pháp mới", "--on", "1/1/2022")
    assert renamed.exit_code == 0, renamed.output
    assert "Phòng Tư pháp mới" in names()  # the same directive file, another registry
    (home / "units.yaml").unlink()
    assert "Phòng Tư pháp" in names() and "Phòng Tư pháp mới" not in names()
