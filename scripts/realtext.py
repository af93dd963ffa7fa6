"""Every real article in ../shared through `claims batch`: no failed input, no span whose offsets do not slice
its text, no actor name or mention with an unbalanced bracket or quote (`make realtext`).

    python scripts/realtext.py [--shared ../shared] [--workers N] [--keep OUT.jsonl]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def real_texts(shared: Path) -> list[Path]:
    """NEREL train and dev, the factRuEval test set (not its list.txt), the seed."""
    nerel = sorted((shared / "eval" / "NEREL").glob("*/*.txt"))
    factru = sorted(p for p in (shared / "eval" / "factRuEval-2016" / "testset").glob("*.txt") if p.name != "list.txt")
    return nerel + factru + sorted((shared / "seed").glob("*.txt"))


def run_batch(paths: list[Path], out: Path, errors: Path, workers: int) -> int:
    command = [sys.executable, "-m", "claims", "batch", *map(str, paths), "-o", str(out)]
    command += ["--errors", str(errors), "--include-text", "--workers", str(workers)]
    return subprocess.run(command, stderr=subprocess.DEVNULL).returncode


def audit(out: Path, errors: Path) -> tuple[int, list[str]]:
    from claims.audit import record_problems

    problems = [f"failed: {line}" for line in errors.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = 0
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records += 1
        problems += [f"{record['id']}: {problem}" for problem in record_problems(record, record["text"])]
    return records, problems


def check(shared: Path, workers: int = 2, keep: Path | None = None) -> tuple[int, int, list[str]]:
    """(articles given, records written, problems)."""
    paths = real_texts(shared)
    with tempfile.TemporaryDirectory() as folder:
        out = keep or Path(folder) / "records.jsonl"
        errors = Path(folder) / "errors.jsonl"
        errors.touch()
        run_batch(paths, out, errors, workers)
        records, problems = audit(out, errors)
    return len(paths), records, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the records in this file")
    args = parser.parse_args()
    articles, records, problems = check(args.shared, args.workers, args.keep)
    for problem in problems:
        print(problem)
    print(f"{articles} articles, {records} records, {len(problems)} problems")
    return 1 if problems or records != articles else 0


if __name__ == "__main__":
    sys.exit(main())
