"""Golden records of data/samples: `--update` rewrites them, default shows the diff and fails on one.

    python scripts/golden.py            # compare, print a unified diff per changed sample
    python scripts/golden.py --update   # rewrite data/samples/*.record.json, then review `git diff`
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def golden_path(sample: Path) -> Path:
    return sample.with_suffix(".record.json")


def render(sample: Path, models=None) -> str:
    from claims.batch import process
    from claims.readers import read_file

    outcome = process(read_file(sample), models=models)
    if not outcome.ok:
        raise SystemExit(f"{sample}: {outcome.error}")
    return outcome.record.model_dump_json(indent=2) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    args = parser.parse_args()
    changed = 0
    for sample in sorted(SAMPLES.glob("*.txt")):
        new, path = render(sample), golden_path(sample)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if new == old:
            continue
        changed += 1
        if args.update:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path}")
        else:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), str(path), "now"))
    if not args.update and changed:
        print(f"{changed} golden file(s) differ; run `make golden` and review the diff")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
