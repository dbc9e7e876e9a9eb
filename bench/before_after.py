"""Two versions of cvtracker side by side on bench/scale.py's generated ledgers (issue 8).

    python bench/before_after.py --before SRC [--sizes district,province] [--runs 3]
                                 [--work /tmp/cvtracker-bench] [--import-copies 20] [--json FILE]

``SRC`` is the ``src`` folder of the other version (e.g. ``git archive main src | tar -x -C
/tmp/before``); it runs with this interpreter and ``PYTHONPATH=SRC``. The ledgers must exist
(``python bench/scale.py`` makes them). For each size, each command runs ``--runs`` times for
each version, the two versions one after the other in each round, after a warm-up round, so
that both see the same machine load: the figures are medians and the ratio is the median of the
pairwise ratios. The empty ledger's run of the same command, in the same round, gives the cost
over the empty ledger (the issue's targets).

Import: the size's held-back rows (``import.jsonl``) repeated ``--import-copies`` times (100,000
rows by default) into a copy of the full ledger, once per version and round; events/s is rows
over (wall − the empty-ledger ``status --unit`` wall of the same round: start-up).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # bench/scale.py, beside this file

COMMANDS = {
    "status --unit": ["status", "--unit", "{unit}", "--as-of", scale.AS_OF],
    "status": ["status", "--as-of", scale.AS_OF, "--json"],
    "overdue --json": ["overdue", "--json", "--as-of", scale.AS_OF],
    "overdue (table)": ["overdue", "--as-of", scale.AS_OF],
    "report --month --format json": ["report", "--month", scale.REPORT_MONTH, "--format", "json"],
    "eligibility": ["eligibility", "--year", "2024"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--sizes", default="district,province")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cvtracker-bench"))
    parser.add_argument("--import-copies", type=int, default=20)
    parser.add_argument("--commands", help="only these, comma-separated")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    only = set(args.commands.split(",")) if args.commands else None
    commands = {k: v for k, v in COMMANDS.items() if not only or k in only}
    here = Path(__file__).resolve().parents[1] / "src"
    versions = {"before": args.before.resolve(), "after": here}
    results: list[dict[str, Any]] = []
    for size in args.sizes.split(","):
        folder = args.work / size
        generated = json.loads((folder / "generated.json").read_text())
        directive, ledger = generated["directive"], generated["ledger"]
        empty = str(folder / "empty.db")
        unit = generated["units"][len(generated["units"]) // 2]
        home = folder / "home"
        home.mkdir(exist_ok=True)
        envs = {}
        for name, src in versions.items():
            env = scale.env_for(home)
            env["PYTHONPATH"] = str(src)
            envs[name] = env
        cv = [sys.executable, "-m", "cvtracker"]
        got: dict[tuple[str, str, str], list[scale.Run]] = {}
        for round_ in range(args.runs + 1):
            for command, template in commands.items():
                argv = [a.replace("{unit}", unit) for a in template]
                for name in versions:
                    for which, db in (("full", ledger), ("empty", empty)):
                        r = scale.run(
                            [*cv, "--db", db, "--directive", directive, *argv], envs[name]
                        )
                        if r.code != 0:
                            raise SystemExit(f"{name} {command} on {db}: exit {r.code}")
                        if round_:
                            got.setdefault((command, name, which), []).append(r)
            if args.import_copies and round_:
                rows = folder / "import-many.jsonl"
                if not rows.exists():
                    text = (folder / "import.jsonl").read_text(encoding="utf-8")
                    rows.write_text(text * args.import_copies, encoding="utf-8")
                for name in versions:
                    target = folder / f"import-{name}.db"
                    shutil.copyfile(ledger, target)
                    for suffix in ("-wal", "-shm"):
                        Path(f"{target}{suffix}").unlink(missing_ok=True)
                    r = scale.run(
                        [*cv, "--db", str(target), "--directive", directive, "import", str(rows)],
                        envs[name],
                    )
                    os.unlink(target)
                    if r.code != 0:
                        raise SystemExit(f"{name} import: exit {r.code}")
                    got.setdefault(("import", name, "full"), []).append(r)
            print(f"  {size}: round {round_} done", file=sys.stderr)
        import_rows = (
            sum(1 for _ in (folder / "import-many.jsonl").open()) if args.import_copies else 0
        )
        for command in [*commands, *(["import"] if args.import_copies else [])]:
            line: dict[str, Any] = {"size": size, "command": command}
            for name in versions:
                ran = got[(command, name, "full")]
                line[f"{name}_wall"] = statistics.median(r.wall for r in ran)
                line[f"{name}_cpu"] = statistics.median(r.cpu for r in ran)
                line[f"{name}_rss"] = max(r.rss_mb for r in ran)
                if command == "import":
                    start = got.get(("status --unit", name, "empty"))
                    base = statistics.median(r.wall for r in start) if start else 0.0
                    line[f"{name}_rate"] = import_rows / max(line[f"{name}_wall"] - base, 1e-3)
                    line[f"{name}_rate_wall"] = import_rows / line[f"{name}_wall"]
                else:
                    base_runs = got[(command, name, "empty")]
                    line[f"{name}_over_empty"] = statistics.median(
                        a.wall - b.wall for a, b in zip(ran, base_runs, strict=True)
                    )
            pairs = zip(
                got[(command, "after", "full")], got[(command, "before", "full")], strict=True
            )
            line["ratio"] = statistics.median(a.wall / b.wall for a, b in pairs)
            results.append(line)
    print(
        "\n| size | command | before wall s | after wall s | after/before | before CPU s "
        "| after CPU s | before MB | after MB | before over empty s | after over empty s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if r["command"] == "import":
            print(
                f"| {r['size']} | import {import_rows:,} rows | {r['before_wall']:.2f} "
                f"| {r['after_wall']:.2f} | {r['ratio']:.2f} | {r['before_cpu']:.2f} "
                f"| {r['after_cpu']:.2f} | {r['before_rss']:.0f} | {r['after_rss']:.0f} "
                f"| {r['before_rate']:,.0f} events/s | {r['after_rate']:,.0f} events/s |"
            )
            continue
        print(
            f"| {r['size']} | `{r['command']}` | {r['before_wall']:.2f} | {r['after_wall']:.2f} "
            f"| {r['ratio']:.2f} | {r['before_cpu']:.2f} | {r['after_cpu']:.2f} "
            f"| {r['before_rss']:.0f} | {r['after_rss']:.0f} | {r['before_over_empty']:.2f} "
            f"| {r['after_over_empty']:.2f} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
