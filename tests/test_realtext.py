"""Every real article in ../shared through `claims batch` (scripts/realtext.py): no failed input, no span
that does not slice its text, no actor name or mention with an unbalanced bracket or quote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.mark.slow
def test_every_real_article_gives_a_well_formed_record():
    if not (SHARED / "eval" / "NEREL").is_dir():
        pytest.skip(f"{SHARED / 'eval' / 'NEREL'} is absent (../shared not beside the checkout)")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "realtext.py"), "--shared", str(SHARED)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    summary = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 0, result.stdout[-3000:]
    assert summary.endswith(" 0 problems") and int(summary.split()[0]) >= 900
