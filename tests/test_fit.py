"""Output that fits (issue 9): unit short names, tables on an 80-column terminal with nothing of
meaning cut, output to a pipe never wrapped, a pager on a terminal only, and shell completion."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cvtracker import screen
from cvtracker.cli import app
from cvtracker.completion import items_matching, tasks_matching, units_matching
from cvtracker.directive import Directive, load_directive
from cvtracker.errors import DirectiveFileError, InputError
from cvtracker.names import fold, resolve_unit
from cvtracker.settings import packaged_directive

AS_OF = "15/6/2022"


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def plain(result: Any) -> str:
    """A command's output with a terminal's colours taken out."""
    return re.sub(r"\x1b\[[0-9;]*m", "", ok(result).stdout)


def as_terminal(monkeypatch: pytest.MonkeyPatch, width: int, height: int = 50) -> None:
    """Lay the output out as rich does for a terminal of this size (CliRunner is a pipe)."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("LINES", str(height))


@pytest.fixture
def ledger(cli: Any) -> Any:
    """A ledger as a month of a clerk's work leaves it, in 2022."""
    records = [
        ("tu-phap", "2", "28/4/2022"),
        ("tu-phap", "3", "29/4/2022"),
        ("lien huong", "2", "29/4/2022"),
        ("phan ri cua", "2", "3/5/2022"),
        ("vp-hdnd-ubnd", "2", "27/4/2022"),
        ("gd-dt", "2", "29/4/2022"),
        ("gd-dt", "3", "29/4/2022"),
        ("cong-an", "2", "29/4/2022"),
        ("vinh hao", "2", "29/4/2022"),
    ]
    for unit, item, day in records:
        ok(cli("record", unit, item, "--done", "--on", day))
    ok(cli("record", "vp-hdnd-ubnd", "6", "-p", "2022-05", "--done", "--on", "9/5/2022"))
    ok(cli("record", "vp-hdnd-ubnd", "6", "-p", "2022-06", "--done", "--on", "8/6/2022"))
    ok(cli("record", "tc-kh", "6", "-p", "2022-05", "--done", "--on", "12/5/2022"))
    ok(cli("record", "tn-mt", "6", "-p", "2022-06", "--percent", "30", "--on", "10/6/2022"))
    ok(cli("record", "lien huong", "3", "--percent", "50", "--on", "29/4/2022"))
    ok(
        cli(
            "task", "add", "tu-phap", "Rà soát thủ tục hành chính lĩnh vực hộ tịch",
            "--assignee", "Nguyễn Văn An", "--before", "1/6/2022",
        )
    )  # fmt: skip
    ok(
        cli(
            "task", "add", "lien huong", "Niêm yết công khai thủ tục tại Bộ phận Một cửa",
            "--assignee", "Lê Văn Cường", "--before", "15/5/2022",
        )
    )  # fmt: skip
    ok(cli("record", "tu-phap", "T1", "--percent", "85", "--on", "30/5/2022"))
    ok(cli("record", "lien huong", "T2", "--done", "--on", "14/5/2022"))
    return cli


# --- short names --------------------------------------------------------------------------------


def test_every_unit_has_a_short_name_that_fits(directive: Directive) -> None:
    shorts = [u.short for u in directive.units]
    assert all(len(s) <= 18 for s in shorts), [s for s in shorts if len(s) > 18]
    assert len({fold(s) for s in shorts}) == len(shorts)  # distinct once folded
    assert all(unicodedata.is_normalized("NFC", s) for s in shorts)
    assert all(len(u.short_en) <= 18 for u in directive.units)
    assert len({fold(u.short_en) for u in directive.units}) == len(shorts)
    by_id = {u.id: u.short for u in directive.units}
    assert by_id["lien-huong"] == "TT Liên Hương"
    assert by_id["phan-ri-cua"] == "TT Phan Rí Cửa"
    assert by_id["tu-phap"] == "P. Tư pháp"
    assert by_id["vp-hdnd-ubnd"] == "VP HĐND&UBND"
    assert by_id["cong-an"] == "Công an huyện"
    assert by_id["binh-thanh"] == "Xã Bình Thạnh"


@pytest.mark.parametrize(
    ("typed", "unit_id"),
    [
        ("TT Liên Hương", "lien-huong"),
        ("tt lien huong", "lien-huong"),
        ("P. Tư pháp", "tu-phap"),
        ("p tu phap", "tu-phap"),
        ("VP HĐND&UBND", "vp-hdnd-ubnd"),
        ("Xã Bình Thạnh", "binh-thanh"),
        ("xa binh thanh", "binh-thanh"),
        ("Liên Hương town", "lien-huong"),  # the English short name
    ],
)
def test_a_unit_is_found_by_its_short_name(directive: Directive, typed: str, unit_id: str) -> None:
    assert resolve_unit(directive, typed).id == unit_id


def test_a_shared_short_part_is_still_ambiguous(directive: Directive) -> None:
    with pytest.raises(InputError) as caught:
        resolve_unit(directive, "tt")
    assert caught.value.key == "ambiguous_unit"


def _with_units(text: str, tmp_path: Path) -> Path:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_short_name_defaults_to_the_name(tmp_path: Path) -> None:
    text = packaged_directive().read_text(encoding="utf-8")
    text = text.replace("    short: P. Tư pháp\n    short_en: Justice\n", "")
    unit = load_directive(_with_units(text, tmp_path)).unit("tu-phap")
    assert (unit.short, unit.short_en) == ("Phòng Tư pháp", "Office of Justice")


def test_a_duplicate_short_name_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = packaged_directive().read_text(encoding="utf-8")
    # the same short name, in other case and without diacritics
    text = text.replace("    short: P. Nội vụ\n", "    short: p. tu phap\n")
    path = _with_units(text, tmp_path)
    with pytest.raises(DirectiveFileError) as caught:
        load_directive(path)
    (problem,) = caught.value.problems
    line = text.splitlines().index("    short: p. tu phap") + 1
    assert (problem.line, problem.col) == (line, 12)
    assert "duplicate unit short name 'p. tu phap'" in problem.message
    assert "tu-phap" in problem.message
    assert re.fullmatch(rf"{re.escape(str(path))}:{line}:12: .+", str(problem))


def test_units_lists_the_short_names(cli: Any) -> None:
    out = ok(cli("units")).stdout
    line = next(x for x in out.splitlines() if x.strip().startswith("lien-huong"))
    assert "UBND thị trấn Liên Hương" in line and "TT Liên Hương" in line
    units = json.loads(ok(cli("units", "--json")).stdout)
    assert {"short", "short_en"} <= set(units[0])


# --- 80 columns ---------------------------------------------------------------------------------

COMMANDS = [
    ["status", "--as-of", AS_OF],
    ["status", "--as-of", AS_OF, "--item", "6"],
    ["status", "--as-of", AS_OF, "--unit", "lien huong"],
    ["overdue", "--as-of", AS_OF],
    ["eligibility", "--as-of", AS_OF],
    ["history"],
    ["task", "list"],
    ["units"],
    ["items"],
]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_nothing_is_cut_on_a_terminal(
    ledger: Any, monkeypatch: pytest.MonkeyPatch, args: list[str], width: int
) -> None:
    as_terminal(monkeypatch, width, height=1000)
    out = plain(ledger(*args))
    assert all(len(line.rstrip()) <= width for line in out.splitlines())
    assert "…" not in out


def test_overdue_days_stay_whole_at_80_columns(
    ledger: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_terminal(monkeypatch, 80)
    out = plain(ledger("status", "--as-of", AS_OF, "--item", "6"))
    lines = out.splitlines()
    # Phòng Văn hóa – Thông tin sent neither report: 37 and 6 days overdue, on one line each
    vh_tt = [x for x in lines if x.lstrip().startswith("P. Văn hóa – TT")]
    assert len(vh_tt) == 2
    assert "quá hạn 37 ngày" in vh_tt[0] and "quá hạn 6 ngày" in vh_tt[1]
    # late, with the days late kept: "xong ngày 12/5/2022 (trễ 3 ngày)" may wrap, by words
    flat = " ".join(out.split())
    assert "(trễ 3 ngày)" in flat


def test_the_dashboard_tells_every_unit_apart_at_80_columns(
    ledger: Any, monkeypatch: pytest.MonkeyPatch, directive: Directive
) -> None:
    as_terminal(monkeypatch, 80)
    out = plain(ledger("status", "--as-of", AS_OF))
    lines = out.splitlines()
    assert len(lines) <= 40  # one line per unit
    labels = [u.short for u in directive.units]
    rows = [x for x in lines if any(x.lstrip().startswith(s + " ") for s in labels)]
    assert len(rows) == len(directive.units)
    for short in labels:
        assert sum(1 for x in rows if x.lstrip().startswith(short + "  ")) == 1, short
    assert "TT Liên Hương" in out and "TT Phan Rí Cửa" in out


def test_full_names_where_they_fit(ledger: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    as_terminal(monkeypatch, 160)
    out = plain(ledger("status", "--as-of", AS_OF))
    assert "UBND thị trấn Liên Hương" in out and "TT Liên Hương" not in out


def test_english_short_names_at_80_columns(ledger: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    as_terminal(monkeypatch, 80)
    out = plain(ledger("--lang", "en", "status", "--as-of", AS_OF, "--item", "6"))
    assert "Culture & Info" in out and "Justice" in out
    assert all(len(line.rstrip()) <= 80 for line in out.splitlines())


# --- a pipe -------------------------------------------------------------------------------------


def test_a_pipe_gets_one_line_per_row_and_full_names(ledger: Any) -> None:
    rows = json.loads(ok(ledger("overdue", "--as-of", AS_OF, "--json")).stdout)
    out = ok(ledger("overdue", "--as-of", AS_OF)).stdout  # CliRunner's stdout is not a tty
    lines = [x for x in out.splitlines() if x.strip()]
    # a title, the table's heading, its rule, then one line per row
    assert len(lines) == 3 + len(rows)
    assert "─" in lines[2]
    van_hoa = [x for x in lines if "Phòng Văn hóa – Thông tin" in x]
    assert len(van_hoa) == sum(1 for r in rows if r["unit"] == "vh-tt")
    assert any("trước ngày 10/6/2022" in x and "quá hạn 6 ngày" in x for x in van_hoa)
    assert "UBND thị trấn Liên Hương" in out  # grep finds the full name


def test_a_pipe_ignores_the_columns_variable(ledger: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = ok(ledger("status", "--as-of", AS_OF, "--item", "6")).stdout
    line = next(x for x in out.splitlines() if "Phòng Lao động–Thương binh và Xã hội" in x)
    assert "trước ngày 10/5/2022" in line and "(trễ 2 ngày)" not in out


# --- the pager ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tty", "lines", "no_pager", "enabled", "expected"),
    [
        (True, 100, False, True, True),
        (True, 40, False, True, False),  # fits the screen (50 lines)
        (True, 50, False, True, False),
        (False, 100, False, True, False),  # a pipe, a file: never
        (True, 100, True, True, False),  # --no-pager
        (True, 100, False, False, False),  # CVTRACKER_PAGER=0 or the config
    ],
)
def test_when_to_page(tty: bool, lines: int, no_pager: bool, enabled: bool, expected: bool) -> None:
    decided = screen.should_page(
        stdout_is_tty=tty, lines=lines, height=50, no_pager=no_pager, enabled=enabled
    )
    assert decided is expected


@pytest.mark.parametrize(
    ("env", "configured", "expected"),
    [
        ({}, None, True),
        ({}, False, False),
        ({}, True, True),
        ({"CVTRACKER_PAGER": "0"}, True, False),
        ({"CVTRACKER_PAGER": "off"}, None, False),
        ({"CVTRACKER_PAGER": "1"}, False, True),  # the environment wins over the file
    ],
)
def test_pager_switch(env: Mapping[str, str], configured: bool | None, expected: bool) -> None:
    assert screen.pager_enabled(env, configured) is expected


def test_pager_command() -> None:
    assert screen.pager_command({}) == ["less", "-R"]
    assert screen.pager_command({"PAGER": "most -s"}) == ["most", "-s"]
    assert screen.pager_command({"PAGER": ""}) == []


class Pager:
    def __init__(self) -> None:
        self.shown: list[str] = []

    def __call__(self, text: str, command: list[str], env: Mapping[str, str]) -> bool:
        self.shown.append(text)
        return True


@pytest.fixture
def pager(monkeypatch: pytest.MonkeyPatch) -> Pager:
    fake = Pager()
    monkeypatch.setattr(screen, "run_pager", fake)
    monkeypatch.delenv("CVTRACKER_PAGER", raising=False)
    return fake


def test_a_pipe_never_pages(ledger: Any, pager: Pager) -> None:
    for args in (["overdue", "--as-of", AS_OF], ["history"], ["status", "--as-of", AS_OF]):
        ok(ledger(*args))
    assert pager.shown == []


def test_a_long_listing_on_a_terminal_pages(
    ledger: Any, pager: Pager, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_terminal(monkeypatch, 80, height=20)
    monkeypatch.setattr(screen, "_isatty", lambda: True)
    out = ok(ledger("overdue", "--as-of", AS_OF)).stdout
    assert len(pager.shown) == 1 and "quá hạn 6 ngày" in pager.shown[0]
    assert "quá hạn 6 ngày" not in out  # shown by the pager, not printed twice
    ok(ledger("overdue", "--as-of", AS_OF, "--no-pager"))
    monkeypatch.setenv("CVTRACKER_PAGER", "0")
    ok(ledger("history"))
    assert len(pager.shown) == 1
    monkeypatch.delenv("CVTRACKER_PAGER")
    ok(ledger("history"))
    assert len(pager.shown) == 2


def test_a_short_listing_is_not_paged(
    ledger: Any, pager: Pager, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_terminal(monkeypatch, 120, height=50)
    monkeypatch.setattr(screen, "_isatty", lambda: True)
    out = plain(ledger("overdue", "--as-of", AS_OF, "--unit", "vh-tt"))
    assert pager.shown == [] and "quá hạn 6 ngày" in out


def test_the_config_file_turns_the_pager_off(
    ledger: Any, pager: Pager, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_terminal(monkeypatch, 80, height=20)
    monkeypatch.setattr(screen, "_isatty", lambda: True)
    config = ledger.home / "config.toml"
    ledger.home.mkdir(parents=True, exist_ok=True)  # no SQLite file made it on PostgreSQL
    config.write_text("[output]\npager = false\n", encoding="utf-8")
    config.chmod(0o600)
    ok(ledger("overdue", "--as-of", AS_OF))
    assert pager.shown == []
    config.write_text('[output]\npager = "no"\n', encoding="utf-8")
    result = ledger("notify", "--dry-run", "--as-of", AS_OF)
    assert result.exit_code == 2 and "[output] pager" in result.stderr


# --- completion ---------------------------------------------------------------------------------


def complete(cli: Any, words: str, env: Mapping[str, str] | None = None) -> list[str]:
    """What bash would offer for the last word of ``words`` (a trailing space: a new word)."""
    parts = words.split(" ")
    result = CliRunner().invoke(
        app,
        [],
        prog_name="cvtracker",
        env={
            "_CVTRACKER_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            **(env or {}),
        },
    )
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_completion_of_a_unit_prefix(cli: Any) -> None:
    assert complete(cli, "cvtracker record lien") == ["lien-huong"]
    assert complete(cli, "cvtracker record phan-") == ["phan-ri-cua", "phan-dung"]
    assert "tu-phap" in complete(cli, "cvtracker status --unit t")
    assert complete(cli, "cvtracker history vinh") == ["vinh-hao", "vinh-tan"]


def test_completion_of_items_and_tasks(ledger: Any) -> None:
    offered = complete(ledger, "cvtracker record lien-huong ")
    assert offered[:4] == ["1", "2", "3", "4"]
    assert {"5a", "5b", "5c", "T2"} <= set(offered) and "6" not in offered  # not an item-6 unit
    assert "T1" not in offered  # Phòng Tư pháp's task
    assert complete(ledger, "cvtracker record tu-phap T") == ["T1"]
    assert complete(ledger, "cvtracker status --item 5") == ["5", "5a", "5b", "5c"]


def test_completion_of_commands_and_options(cli: Any) -> None:
    assert complete(cli, "cvtracker sta") == ["status"]
    assert "--no-pager" in complete(cli, "cvtracker overdue --")


def test_completion_never_creates_the_ledger_nor_fails(cli: Any, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    assert complete(cli, f"cvtracker --db {missing} record tu-phap T") == []
    assert not missing.exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("units: [\n", encoding="utf-8")
    assert complete(cli, f"cvtracker --directive {broken} record lien") == []


def test_completion_matching_is_pure(directive: Directive) -> None:
    assert [u for u, _ in units_matching(directive, "vinh")] == ["vinh-hao", "vinh-tan"]
    (found,) = units_matching(directive, "lien")
    assert found[1] == "TT Liên Hương – UBND thị trấn Liên Hương"
    assert [i for i, _ in items_matching(directive, "5", None)] == ["5", "5a", "5b", "5c"]
    assert [i for i, _ in items_matching(directive, "", "noi-vu")][-2:] == ["7", "obstacles"]
    assert tasks_matching([], "T", None) == []


def test_install_completion_is_offered(cli: Any) -> None:
    out = ok(cli("--help")).stdout
    assert "--install-completion" in out and "--show-completion" in out
    script = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="cvtracker")
    assert script.exit_code == 0 and "_CVTRACKER_COMPLETE=complete_bash" in script.stdout
