"""Startup time of the command line, next to a minimal Typer app and a bare interpreter.

    python bench/startup.py [--runs N] [--no-importtime]

Every command runs as a subprocess, one after the other in the same round, so that all of them
see the same machine load; after a warm-up round, N rounds are timed and the median and minimum
wall times are printed. ``cvtracker status`` runs on the packaged directive with a fresh
CVTRACKER_HOME whose ledger was created (and migrated) by the warm-up. Finally the slowest imports
of ``cvtracker --help`` are listed from ``python -X importtime``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL_TYPER = """\
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "world") -> None:
    print(name)
app()
"""

# imports that must not happen for `cvtracker --help` (see tests/test_startup.py)
HEAVY = ("sqlalchemy", "alembic", "holidays", "pydantic", "yaml")


def cvtracker_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m cvtracker``."""
    script = Path(sys.executable).with_name("cvtracker")
    if script.exists():
        return [str(script)]
    found = shutil.which("cvtracker")
    return [found] if found else [sys.executable, "-m", "cvtracker"]


def run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(
            f"{' '.join(argv)} exited {completed.returncode}: {completed.stderr.decode()[-500:]}"
        )
    return elapsed


def import_times(argv: list[str], env: dict[str, str]) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) of every import of ``argv``, the slowest first."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    rows = []
    for line in completed.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:") :].split("|")
        rows.append((int(cumulative_us), int(self_us), name.rstrip()))
    rows.sort(reverse=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed rounds (default 15)")
    parser.add_argument("--top", type=int, default=15, help="imports listed (default 15)")
    parser.add_argument("--no-importtime", action="store_true", help="skip the import list")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="cvtracker-bench-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVTRACKER_")}
    env["CVTRACKER_HOME"] = home
    cvtracker = cvtracker_command()
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "minimal Typer app --help": [sys.executable, "-c", MINIMAL_TYPER, "--help"],
        "cvtracker --help": [*cvtracker, "--help"],
        "cvtracker status": [*cvtracker, "status"],
    }
    try:
        # the ledger exists (reads never create it) and is migrated, as on a machine in use
        run([*cvtracker, "record", "tu-phap", "2", "--done", "--on", "29/4/2022"], env)
        for argv in cases.values():  # warm-up: disk caches, .pyc files
            run(argv, env)
        if not (Path(home) / "ledger.db").exists():
            raise SystemExit("the warm-up did not create the ledger")
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, argv in cases.items():
                times[name].append(run(argv, env))

        print(f"wall time of {args.runs} runs after a warm-up, Python {sys.version.split()[0]}")
        print(f"{'command':<28} {'median ms':>10} {'min ms':>8}")
        for name, values in times.items():
            median = statistics.median(values) * 1000
            print(f"{name:<28} {median:>10.1f} {min(values) * 1000:>8.1f}")

        if not args.no_importtime:
            rows = import_times(["-m", "cvtracker", "--help"], env)
            print("\nslowest imports of `cvtracker --help` (python -X importtime, cumulative)")
            print(f"{'cumulative ms':>13} {'self ms':>8}  module")
            for cumulative, own, module in rows[: args.top]:
                print(f"{cumulative / 1000:>13.1f} {own / 1000:>8.1f}  {module}")
            names = {module.strip().split(".")[0] for _, _, module in rows}
            heavy = [name for name in HEAVY if name in names]
            print(f"\nheavy imports during --help: {', '.join(heavy) if heavy else 'none'}")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
