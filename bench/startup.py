"""Startup time of the command line, next to a minimal Typer app, a bare interpreter and the
import of the libraries a data command needs.

    python bench/startup.py [--runs N] [--no-importtime]

Every command runs as a subprocess, one after the other in the same round, so that all of them
see the same machine load; after a warm-up round, N rounds are timed and the median and minimum
wall times are printed, and for the data commands the median, round by round, of their ratio to
importing the libraries they need (issue 8's target: at most 1.2): Typer, pydantic, SQLAlchemy
and PyYAML, and rich for a table. ``cvtracker status`` and ``overdue --json`` run on the packaged
directive with a fresh CVTRACKER_HOME whose ledger was created (and migrated) by the warm-up, and
a fresh start-up cache (CVTRACKER_CACHE) the warm-up filled, as on a machine in use. The
package's modules are compiled first (as ``pip install`` does; an editable install under
PYTHONDONTWRITEBYTECODE would otherwise compile them on every run). Finally the slowest imports
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

# what a data command needs, whose import is the baseline of its start-up (issue 8)
LIBRARIES = ("typer", "pydantic", "sqlalchemy", "yaml")
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
    env["CVTRACKER_CACHE"] = str(Path(home) / "cache")
    compiled = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    import cvtracker

    package = Path(cvtracker.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=compiled)
    cvtracker_ = cvtracker_command()
    day = ["--as-of", "1/5/2022"]
    libraries = f"import {', '.join(LIBRARIES)}"
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "minimal Typer app --help": [sys.executable, "-c", MINIMAL_TYPER, "--help"],
        "cvtracker --help": [*cvtracker_, "--help"],
        libraries: [sys.executable, "-c", libraries],
        "cvtracker overdue --json": [*cvtracker_, "overdue", *day, "--json"],
        "import …, rich.table": [sys.executable, "-c", f"{libraries}, rich.table"],
        "cvtracker status": [*cvtracker_, "status", *day],
    }
    # each data command beside the import of the libraries it needs
    ratios = {
        "cvtracker overdue --json": libraries,
        "cvtracker status": "import …, rich.table",
    }
    try:
        # the ledger exists (reads never create it) and is migrated, as on a machine in use
        run([*cvtracker_, "record", "tu-phap", "2", "--done", "--on", "29/4/2022"], env)
        for argv in cases.values():  # warm-up: disk caches, .pyc files
            run(argv, env)
        if not (Path(home) / "ledger.db").exists():
            raise SystemExit("the warm-up did not create the ledger")
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, argv in cases.items():
                times[name].append(run(argv, env))

        print(f"wall time of {args.runs} runs after a warm-up, Python {sys.version.split()[0]}")
        print(f"{'command':<45} {'median ms':>10} {'min ms':>8}")
        for name, values in times.items():
            median = statistics.median(values) * 1000
            print(f"{name:<45} {median:>10.1f} {min(values) * 1000:>8.1f}")
        for name, base in ratios.items():
            pairs = [a / b for a, b in zip(times[name], times[base], strict=True)]
            print(f"{name} / {base}: {statistics.median(pairs):.2f} (median of the rounds)")

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
