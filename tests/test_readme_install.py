"""The README's install line and its "First run" lines, run literally in a fresh copy of the source.

A clean virtualenv is made and the package installed from the index, which takes a minute and
needs the network: the test runs when CVTRACKER_TEST_README_INSTALL=1 (`.ci/run` sets it) and
skips otherwise. The README is also checked, always, against the shipped cron and systemd files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def section(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.DOTALL)


def test_the_readme_install_and_first_run_lines(tmp_path: Path) -> None:
    if os.environ.get("CVTRACKER_TEST_README_INSTALL") != "1":
        pytest.skip("set CVTRACKER_TEST_README_INSTALL=1 (needs the package index; .ci/run does)")
    install = blocks(section("## Install"), "sh")[0]
    first_run = blocks(section("## First run"), "sh")[0]
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install '.[export]'")

    # a fresh copy of the source: the files git knows, as they are in the work tree
    source = tmp_path / "cvtracker"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        path = ROOT / name.decode()
        if path.is_file():
            (source / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name.decode())

    env = {k: v for k, v in os.environ.items() if not k.startswith(("CVTRACKER_", "VIRTUAL_ENV"))}
    env["CVTRACKER_HOME"] = str(tmp_path / "home")  # the first write creates the ledger there
    # python3 as the README says, from the interpreter running the tests (CI: $PYTHON)
    env["PATH"] = f"{Path(sys.executable).resolve().parent}:{env.get('PATH', '')}"
    script = "set -e\n" + install + first_run  # one shell, as a person types them
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=540,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Tình hình thực hiện Công văn 968/UBND-TH" in result.stdout
    assert "Đã ghi nhận #1: Phòng Tư pháp – nội dung 2" in result.stdout
    assert "Đã tạo sổ ghi nhận mới" in result.stderr
    # the export extra came with it: the Word and Excel reports work
    python = source / ".venv" / "bin" / "python"
    check = subprocess.run([python, "-c", "import docx, openpyxl"], capture_output=True)
    assert check.returncode == 0, check.stderr


def test_the_readme_shows_the_shipped_crontab_and_timer() -> None:
    from test_cron import shipped_jobs

    cron = section("## The morning mail")
    (shown,) = blocks(cron, "crontab")
    jobs = [line for line in shown.splitlines() if line.strip() and not line.startswith("#")]
    assert jobs == shipped_jobs()
    for unit in ("cvtracker-notify.timer", "cvtracker-backup.timer"):
        assert (ROOT / "contrib" / "systemd" / unit).is_file()
    timer = (ROOT / "contrib" / "systemd" / "cvtracker-notify.timer").read_text(encoding="utf-8")
    assert "OnCalendar=Mon..Fri 07:30 Asia/Ho_Chi_Minh" in timer
    service = (ROOT / "contrib" / "systemd" / "cvtracker-notify.service").read_text(
        encoding="utf-8"
    )
    assert "RestartPreventExitStatus=2" in service and "--log " in service
