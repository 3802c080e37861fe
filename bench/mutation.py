"""Mutation testing: how many small breakages of the code the tests catch.

    make mutation     (or: .venv/bin/python bench/mutation.py)

Runs mutmut over the modules and tests named in ``[tool.mutmut]`` of pyproject.toml (the date rules, the
place answers, the land split and the feature and role checks, against their fast tests), then prints
the score per module and writes it, with the surviving mutants' names, to bench/mutation.json.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = [sys.executable, "-m", "mutmut"]


def main() -> None:
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)  # a fresh run: no results kept from older code
    (ROOT / "bench" / "work").mkdir(exist_ok=True)
    with open(ROOT / "bench" / "work" / "mutation.log", "w") as log:
        subprocess.run([*MUTMUT, "run", "--max-children", "2"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=True)
    subprocess.run([*MUTMUT, "export-cicd-stats"], cwd=ROOT, capture_output=True, check=True)
    totals = json.loads((ROOT / "mutants" / "mutmut-cicd-stats.json").read_text())
    listing = subprocess.run([*MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True)
    rows = re.findall(r"(geo\.\w+)\.\S+: (\w+)", listing.stdout)
    per_module: dict[str, Counter] = {}
    for module, status in rows:
        per_module.setdefault(module, Counter())[status] += 1
    survivors = sorted(re.findall(r"(\S+): survived", listing.stdout))
    score = totals["killed"] / max(1, totals["total"])
    result = {
        "score": round(score, 3),
        "totals": totals,
        "modules": {m: dict(c) for m, c in sorted(per_module.items())},
        "survived": survivors,
    }
    (ROOT / "bench" / "mutation.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"mutants killed: {totals['killed']} of {totals['total']} ({score:.1%})")
    for module, counts in sorted(per_module.items()):
        total = sum(counts.values())
        print(f"  {module}: {counts['killed']} of {total} ({counts['killed'] / total:.0%})")
    print("survivors listed in bench/mutation.json; see one with: .venv/bin/mutmut show NAME")


if __name__ == "__main__":
    main()
