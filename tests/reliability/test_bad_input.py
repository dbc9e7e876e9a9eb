"""Points 6 and 8: the bad-input catalogue. Every command, given bad input, answers with one
line on stderr (Vietnamese by default, English with --lang en), exit 2, no traceback, and the
ledger is left exactly as it was. Failures outside the user's control are exit 1, one line."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .conftest import fingerprint, one_clean_line, run_process


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    says: str
    """A part of the English line."""
    code: int = 2
    files: dict[str, str] = field(default_factory=dict)
    """Files to write in the case's folder first ({dir} in args and files is that folder)."""
    modes: dict[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return " ".join(a[:24] for a in self.args)[:80]


SMTP = '[smtp]\nhost = "127.0.0.1"\nport = 2525\ntls = "none"\nfrom = "cv@x.vn"\n'
DEEP = '{"unit": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
ROW = "unit,item,percent,on\n"

CASES = [
    # global options
    Case(("--lang", "xx", "status"), "không hỗ trợ"),  # no language to say it in but the default
    Case(("--db", "", "status"), "--db is empty"),
    Case(("--directive", "", "status"), "--directive is empty"),
    Case(("--db", "foo://x", "status"), "unsupported database"),
    Case(("--db", "sqlite://", "record", "tu-phap", "2", "--done"), "in-memory"),
    Case(("--db", "sqlite:///:memory:", "status"), "in-memory"),
    Case(("--db", "postgresql+psycopg://u@127.0.0.1:99999x/db", "status"), "bad database"),
    Case(("--db", "postgresql+psycopg://u@127.0.0.1:70000/db", "status"), "bad database"),
    Case(("--directive", "/dev/zero", "status"), "not a regular file"),
    Case(
        ("--directive", "{dir}/big.yaml", "units"), "too big", files={"big.yaml": "#" * 5_000_000}
    ),
    Case(("--db", "{dir}/dangling", "record", "tu-phap", "2", "--done"), "symbolic link"),
    # validate, units, items, schema
    Case(("validate", "/dev/zero"), "not a regular file"),
    Case(("validate", "{dir}/none.yaml"), "cannot"),
    # task add / list
    Case(("task", "add", "nowhere", "Việc"), "unknown unit"),
    Case(("task", "add", "tu-phap", "   "), "must not be empty"),
    Case(("task", "add", "tu-phap", "Việc", "--before", "31/2/2022"), "no such day"),
    Case(
        ("task", "add", "tu-phap", "Việc", "--before", "1/6/2022", "--through", "2/6/2022"),
        "only one",
    ),
    Case(("task", "add", "tu-phap", "Việc", "--assignee", "A" * 300), "at most 200"),
    Case(("task", "add", "tu-phap", "Việc\x1b[2J"), "control character"),
    Case(("task", "list", "--unit", "nowhere"), "unknown unit"),
    # record
    Case(("record", "tu-phap", "2", "--percent", "101", "--on", "29/4/2022"), "bad percent"),
    Case(("record", "tu-phap", "2", "--percent", "nan", "--on", "29/4/2022"), "bad percent"),
    Case(("record", "tu-phap", "2", "--percent", "1" * 5000, "--on", "29/4/2022"), "bad percent"),
    Case(("record", "tu-phap", "2", "--percent", "1e999", "--on", "29/4/2022"), "bad percent"),
    Case(("record", "tu-phap", "2", "--done", "--on", ""), "bad date"),
    Case(("record", "tu-phap", "2", "--done", "--on", "31/2/2022"), "no such day"),
    Case(("record", "tu-phap", "2", "--done", "--on", "1/1/2099"), "after today"),
    Case(("record", "tu-phap", "9", "--done", "--on", "29/4/2022"), "unknown item"),
    Case(
        ("record", "tu-phap", "6", "--period", "2022-13", "--done", "--on", "9/5/2022"), "bad month"
    ),
    Case(
        ("record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--by", "B" * 300), "at most 200"
    ),
    Case(
        ("record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--evidence", "E" * 5000),
        "at most 4000",
    ),
    Case(("record", "tu-phap", "2", "--done", "--percent", "5", "--on", "29/4/2022"), "not both"),
    Case(("record", "tu-phap", "T99", "--done", "--on", "29/4/2022"), "no task T99"),
    Case(("record", "nowhere", "2", "--done", "--on", "29/4/2022"), "unknown unit"),
    # status, overdue, eligibility, history
    Case(("status", "--as-of", ""), "bad date"),
    Case(("status", "--as-of", "2022-02-30"), "no such day"),
    Case(("status", "--unit", "nowhere"), "unknown unit"),
    Case(("status", "--item", "99"), "unknown item"),
    Case(("overdue", "--as-of", "ngày mai"), "bad date"),
    Case(("eligibility", "--year", "2²22"), "bad year"),
    Case(("eligibility", "--year", "٢٠٢٢"), "bad year"),
    Case(("eligibility", "--year", "20222"), "bad year"),
    Case(("history", "nowhere"), "unknown unit"),
    Case(("history", "tu-phap", "T99"), "no task T99"),
    # report
    Case(("report", "--month", "13/2022"), "bad month"),
    Case(("report", "--month", "2022-05", "--format", "pdf"), "pdf"),
    Case(
        ("report", "--month", "2022-05", "--format", "json", "-o", "{home}/ledger.db"),
        "the ledger in use",
    ),
    Case(
        ("report", "--month", "2022-05", "--format", "json", "-o", "{home}/config.toml"),
        "the config file",
        files={"../home/config.toml": ""},
    ),
    Case(
        ("report", "--month", "2022-05", "--format", "json", "-o", "{dir}/other.db"),
        "an SQLite database",
    ),
    # notify
    Case(
        ("notify", "--to", "a@x.vn", "--soon", "100000000", "--dry-run"),
        "too far ahead",
        files={"../home/config.toml": SMTP},
    ),
    Case(
        ("notify", "--to", "a@x.vn b@x.vn", "--dry-run"),
        "address",
        files={"../home/config.toml": SMTP},
    ),
    Case(
        ("notify", "--to", "a@x.vn", "--dry-run"),
        "above 0",
        files={"../home/config.toml": SMTP + "timeout = nan\n"},
    ),
    Case(
        ("notify", "--to", "a@x.vn", "--dry-run"),
        "above 0",
        files={"../home/config.toml": SMTP + "timeout = inf\n"},
    ),
    Case(
        ("notify", "--to", "a@x.vn", "--dry-run"),
        "others can change it",
        files={"../home/config.toml": SMTP},
        modes={"../home/config.toml": 0o666},
    ),
    # import
    Case(("import", "{dir}/none.csv"), "cannot read"),
    Case(("import", "{dir}/rows.txt"), "format", files={"rows.txt": ROW}),
    Case(("import", "{dir}/deep.jsonl"), "nested too deeply", files={"deep.jsonl": DEEP}),
    Case(
        ("import", "{dir}/big.jsonl"),
        "bad JSON",
        files={"big.jsonl": '{"percent": ' + "1" * 5000 + "}\n"},
    ),
    Case(
        ("import", "{dir}/wide.csv"),
        "bad CSV",
        files={"wide.csv": ROW + "tu-phap,2,100," + "x" * 200_000 + "\n"},
    ),
    Case(
        ("import", "{dir}/sur.jsonl"),
        "control character",
        files={
            "sur.jsonl": '{"unit": "tu-phap", "item": "2", "done": true, "on": "29/4/2022", '
            '"note": "\\ud800"}\n'
        },
    ),
    # the ledger
    Case(("db", "upgrade", "--grant", "app"), "PostgreSQL only"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_bad_input(
    cli: Any,
    ledger: Path,
    tmp_path: Path,
    case: Case,
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "dangling").symlink_to(folder / "nowhere" / "ledger.db")
    other = sqlite3.connect(folder / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.close()
    for name, text in case.files.items():
        (folder / name).write_text(text)
        os.chmod(folder / name, case.modes.get(name, 0o600))
    protected = {
        p: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != "big.yaml"
    }
    before = fingerprint(ledger)
    args = [a.format(dir=folder, home=ledger.parent) for a in case.args]
    monkeypatch.setenv("CVTRACKER_LANG", lang)
    result = cli(*args)
    assert result.exit_code == case.code, (result.stdout, result.stderr)
    problems = [line for line in result.stderr.splitlines() if ":" in line[:200]]
    line = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    assert "Traceback" not in result.stderr + result.stdout
    if case.args[0] not in ("import", "validate"):  # these name each problem on its own line
        one_clean_line(result.stderr)
    assert problems
    if lang == "en" and case.args[:2] != ("--lang", "xx"):
        assert line.startswith("Error: ") and case.says in result.stderr, result.stderr
    else:
        assert line.startswith("Lỗi: "), result.stderr
    assert fingerprint(ledger) == before
    for path, content in protected.items():
        assert path.read_bytes() == content, path


# --- as a real process: argv bytes, stdout that cannot be written, a header from a data file ---


def test_invalid_utf8_in_argv(tmp_path: Path, cli: Any, ledger: Path) -> None:
    before = fingerprint(ledger)
    result = run_process(
        ledger.parent,
        b"record",
        b"tu-phap",
        b"2",
        b"--done",
        b"--on",
        b"29/4/2022",
        b"--evidence",
        b"BC \xff\xfe s\xe1\xbb",
    )
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, stderr
    assert "control character" in one_clean_line(stderr)
    assert fingerprint(ledger) == before


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("status",), ("history", "--json"), ("units",)])
def test_a_full_disk_is_exit_1_in_one_line(ledger: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        result = run_process(ledger.parent, *args, stdout=full)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "cannot write the output" in one_clean_line(stderr)


def test_a_unit_name_with_a_line_break_never_reaches_a_header(
    cli: Any, home: Path, tmp_path: Path
) -> None:
    from cvtracker.settings import packaged_directive

    text = packaged_directive().read_text(encoding="utf-8")
    yaml = tmp_path / "d.yaml"
    yaml.write_text(
        text.replace("name: Phòng Tư pháp\n", 'name: "Phòng Tư pháp\\r\\nBcc: spy@evil.example"\n'),
        encoding="utf-8",
    )
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(SMTP + '[notify.units]\ntu-phap = "tp@x.vn"\n')
    os.chmod(home / "config.toml", 0o600)
    result = cli(
        "--directive",
        str(yaml),
        "notify",
        "--per-unit",
        "--to",
        "a@x.vn",
        "--dry-run",
        "--as-of",
        "1/6/2022",
    )
    assert result.exit_code in (0, 2), result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    subjects = [i for i, line in enumerate(lines) if line.startswith("Subject:")]
    assert subjects
    # the unit's subject holds the whole name on its line; no header comes out of it
    assert any("Bcc: spy" in lines[i] for i in subjects)
    assert not any(lines[i + 1].startswith("Bcc:") for i in subjects)


# --- smaller holes (point 8) ---


def test_duplicate_yaml_keys_are_refused(cli: Any, tmp_path: Path) -> None:
    from cvtracker.settings import packaged_directive

    text = packaged_directive().read_text(encoding="utf-8")
    path = tmp_path / "d.yaml"
    # the same key twice in Phòng Tư pháp's entry: the second would win silently
    path.write_text(
        text.replace(
            "    name_en: Office of Justice\n",
            "    name_en: Office of Justice\n    name_en: Justice\n",
        )
    )
    result = cli("--lang", "en", "validate", str(path))
    assert result.exit_code == 2
    first, last = result.stderr.strip().splitlines()
    assert first.startswith(f"{path}:") and "duplicate key 'name_en'" in first
    assert last.startswith("Error: ")
    assert cli("--directive", str(path), "status").exit_code == 2


def test_the_auth_plain_token_is_scrubbed_from_a_reply() -> None:
    import base64

    from cvtracker.config import Secret
    from cvtracker.mail import _reply

    password = Secret("s3cr3t-Mật-khẩu")
    token = base64.b64encode(b"\0cvtracker@x.vn\0" + password.reveal().encode()).decode()
    shown = _reply(535, f"5.7.8 AUTH PLAIN {token} rejected", password)
    assert token not in shown and "rejected" in shown
    login = base64.b64encode(password.reveal().encode()).decode()
    assert login not in _reply(535, f"bad {login}", password)
