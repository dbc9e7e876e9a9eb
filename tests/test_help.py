"""Help and the framework's usage errors are in one language: Vietnamese by default, English with
``--lang en`` or ``CVTRACKER_LANG=en``; readable metavars, never a Python type."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from typer.main import get_command

from cvtracker.cli import app
from cvtracker.cligroup import FRAMEWORK_HELP
from cvtracker.i18n import CATALOG

ROOT = get_command(app)


def command_paths(command: Any = ROOT, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from command_paths(sub, (*prefix, name))


PATHS = list(command_paths())
COMMAND_NAMES = {name for path in PATHS for name in path}

# common English words that are not also Vietnamese syllables written without marks
# (in, to, do, an, con, ban, tin, can, no, so, me… are left out)
ENGLISH_WORDS = """
    the of and or for with without from into this that these those is are was were been has
    have had not only all any each every some one two three first last new old same other more
    most less default file files unit item items task tasks ledger day days month year date
    print prints show shows help exit list add adds write writes read reads record records
    report mail mails send sent check checks value values name names id ids option options
    argument arguments command commands usage error errors warning warnings output input format
    text note person people path folder backup copy role also even what which who when where how
    here there it its if else as at by on per via such your you we our they their overrides
    machine readable recipients recipient repeatable config settings version language directive
    obligations events event deadline before through after until today yesterday done due
    overdue late percent decimals allowed monthly plan own assignee assigned title evidence
    extension encoding detected stdout terminal screen required missing invalid such try did
    mean extra whole number needed month's unit's day's file's keep kept newest consistent
    restore restores checks aside current upgrade create give only strictly line lines
"""
ENGLISH = set(ENGLISH_WORDS.split())
# words of the command line itself, formats and names of other programs
OTHER_WORDS = """
    json csv yaml excel sqlalchemy postgresql sqlite smtp url utf sig windows xlsx docx md txt
    jsonl table cron select insert schema vi en cvtracker tthc ubnd th bc tp
"""
ALLOWED = COMMAND_NAMES | set(OTHER_WORDS.split())
# what an English help may say in Vietnamese: proper names and the words a clerk may type
PROPER_NAMES = ("Phòng Nội vụ",)


def help_text(cli: Any, path: tuple[str, ...], lang: str) -> str:
    result = cli("--lang", lang, *path, "--help")
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def prose(text: str) -> Iterator[str]:
    """The lines of a help that are the tool's own words (not examples, not the usage line)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("cvtracker ", "Cách dùng:", "Usage:")):
            continue
        yield line


def words(line: str) -> Iterator[str]:
    for token in line.split():
        token = token.strip("()[],.;:'\"…")
        if not token or token.startswith("-") or any(c in token for c in "/$.=+@_|"):
            continue  # an option, a path, an environment variable, a metavar
        yield from re.findall(r"[^\W\d_]+(?:'s)?", token.lower())


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "cvtracker")
def test_vietnamese_help_has_no_english(cli: Any, path: tuple[str, ...]) -> None:
    text = help_text(cli, path, "vi")
    assert text.startswith("Cách dùng: cvtracker")
    assert "Tùy chọn:" in text and "Hiện trợ giúp này rồi thoát." in text
    english = sorted(
        {w for line in prose(text) for w in words(line) if w in ENGLISH and w not in ALLOWED}
    )
    assert english == [], text
    assert "<" not in text and "list[" not in text  # never a Python type
    assert max(len(line) for line in text.splitlines()) <= 80  # an 80-column terminal


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "cvtracker")
def test_english_help_has_no_vietnamese(cli: Any, path: tuple[str, ...]) -> None:
    text = help_text(cli, path, "en")
    assert text.startswith("Usage: cvtracker")
    assert "Options:" in text and "Show this help and exit." in text
    for line in prose(text):
        for name in PROPER_NAMES:
            line = line.replace(name, "")
        marked = [c for c in line if ord(c) > 127 and unicodedata.category(c).startswith("L")]
        assert marked == [], line
    assert "<" not in text and "list[" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_every_command_has_an_example_in_both_languages(cli: Any) -> None:
    for path in PATHS:
        for lang, label in (("vi", "Ví dụ:"), ("en", "Example")):
            text = help_text(cli, path, lang)
            assert label in text, (path, lang)
            assert re.search(r"^\s+cvtracker ", text, re.MULTILINE), (path, lang)


def test_every_help_text_and_metavar_is_in_the_catalog() -> None:
    def params(command: Any) -> Iterator[Any]:
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from params(sub)

    for command in params(ROOT):
        assert command.help in CATALOG, command.name
        for param in command.params:
            # Typer's own --install-completion and --show-completion: their keys by name
            key = FRAMEWORK_HELP.get(param.name, param.help)
            assert key in CATALOG, (command.name, param.name)
            takes_value = param.param_type_name == "argument" or not param.is_flag
            if takes_value:
                assert param.metavar, (command.name, param.name)
                assert f"mv_{param.metavar}" in CATALOG or param.metavar == "vi|en"


def test_metavars_read_in_each_language(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    vi = help_text(cli, ("record",), "vi")
    assert "cvtracker record [TÙY_CHỌN] ĐƠN_VỊ NỘI_DUNG" in vi
    assert "-o, --on NGÀY" in vi and "-p, --period THÁNG" in vi
    assert "--to ĐỊA_CHỈ" in help_text(cli, ("notify",), "vi")
    assert "-l, --limit SỐ" in help_text(cli, ("overdue",), "vi")
    assert "--directive TỆP" in help_text(cli, (), "vi")
    en = help_text(cli, ("record",), "en")
    assert "cvtracker record [OPTIONS] UNIT ITEM_OR_TASK" in en and "-o, --on DAY" in en
    assert "--to ADDRESS" in help_text(cli, ("notify",), "en")
    assert "-l, --limit N" in help_text(cli, ("overdue",), "en")
    # the environment chooses as well as --lang, for a subcommand of a subcommand too
    monkeypatch.setenv("CVTRACKER_LANG", "en")
    result = cli("task", "add", "--help")
    assert "Usage: cvtracker task add [OPTIONS] UNIT TITLE" in result.stdout
    assert "--before DAY" in result.stdout
    # --lang wins over the environment, wherever it is among the global options
    result = cli("--db", "x.db", "--lang", "vi", "--help")
    assert "Cách dùng: cvtracker [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]..." in result.stdout


# --- usage errors -----------------------------------------------------------------------------


def error_line(result: Any) -> str:
    assert result.exit_code == 2, result.output
    return str(result.stderr.strip().splitlines()[-1])


def test_unknown_command_suggests_the_nearest(cli: Any) -> None:
    result = cli("statsu")
    assert error_line(result) == "Lỗi: Không có lệnh 'statsu'. Có phải 'status'?"
    assert "Cách dùng: cvtracker [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]..." in result.stderr
    assert "Xem 'cvtracker --help' để được hướng dẫn." in result.stderr
    assert error_line(cli("--lang", "en", "statsu")) == (
        "Error: No such command 'statsu'. Did you mean 'status'?"
    )
    assert error_line(cli("task", "ad")) == "Lỗi: Không có lệnh 'ad'. Có phải 'add'?"
    assert error_line(cli("zzz")) == "Lỗi: Không có lệnh 'zzz'."


def test_missing_argument_and_option(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli("record")
    assert error_line(result) == "Lỗi: Thiếu đối số 'ĐƠN_VỊ'"
    assert "Cách dùng: cvtracker record [TÙY_CHỌN] ĐƠN_VỊ NỘI_DUNG" in result.stderr
    assert error_line(cli("report")) == "Lỗi: Thiếu tùy chọn '--month'"
    monkeypatch.setenv("CVTRACKER_LANG", "en")
    result = cli("record", "tu-phap")
    assert error_line(result) == "Error: Missing argument 'ITEM_OR_TASK'"
    assert "Try 'cvtracker record --help' for help." in result.stderr


def test_unknown_option_and_bad_values(cli: Any) -> None:
    assert error_line(cli("status", "--foo")) == "Lỗi: Không có tùy chọn '--foo'."
    assert error_line(cli("notify", "--forc")) == (
        "Lỗi: Không có tùy chọn '--forc'. Có phải '--force'?"
    )
    # before the root callback runs: the language is read from the arguments
    assert error_line(cli("--lang", "en", "--foo")) == "Error: No such option '--foo'."
    assert error_line(cli("overdue", "--limit", "x")) == (
        "Lỗi: Giá trị không hợp lệ cho '--limit': 'x'; cần một số nguyên"
    )
    assert error_line(cli("--lang", "en", "overdue", "-l", "-1")) == (
        "Error: Invalid value for '--limit': '-1'; a number of 0 or more is needed"
    )
    assert error_line(cli("record", "tu-phap", "2", "--period")) == (
        "Lỗi: Tùy chọn '--period' cần một giá trị"
    )
    assert error_line(cli("units", "a", "b")) == "Lỗi: Thừa đối số: a b"


def test_no_command_shows_the_help_and_exits_2(cli: Any) -> None:
    result = cli()
    assert result.exit_code == 2
    assert "Cách dùng: cvtracker" in result.stderr and "Lệnh:" in result.stderr


# --- the error boundary ------------------------------------------------------------------------


def test_one_boundary_for_every_command(cli: Any, home: Any) -> None:
    # a CvError of a command, of a subcommand, and of the settings themselves: one line, exit 2
    assert error_line(cli("status", "-u", "xyz")).startswith("Lỗi: Không tìm thấy đơn vị 'xyz'")
    assert error_line(cli("task", "add", "xyz", "Việc")).startswith("Lỗi: Không tìm thấy")
    assert error_line(cli("--lang", "en", "--db", "", "status")) == (
        "Error: --db is empty; leave the option out to use the default"
    )
    result = cli("--lang", "en", "task", "list", "-u", "xyz")
    assert result.stderr.strip().splitlines() == [
        "Error: unknown unit 'xyz'; list them with: cvtracker units"
    ]
    # arguments are checked for every command, before it runs
    assert error_line(cli("history", "tu\x1bphap")).startswith("Lỗi:")
    assert not (home / "ledger.db").exists()
