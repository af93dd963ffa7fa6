"""Whole-article snapshots: each sample's record equals its golden file (`make golden` rewrites them)."""

from __future__ import annotations

import json

import pytest

from .conftest import SAMPLES

pytestmark = pytest.mark.slow

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def test_every_sample_has_a_golden_record():
    assert len(SAMPLE_FILES) >= 8
    missing = [p.name for p in SAMPLE_FILES if not p.with_suffix(".record.json").exists()]
    assert not missing, f"run `make golden` for {missing}"


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_record_matches_golden(sample, models):
    from claims.batch import process
    from claims.readers import read_file

    outcome = process(read_file(sample), models=models)
    assert outcome.ok, outcome.error
    expected = json.loads(sample.with_suffix(".record.json").read_text(encoding="utf-8"))
    assert json.loads(outcome.record.model_dump_json()) == expected, "run `make golden` and review the diff"


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_publication_date_comes_from_its_dateline(sample):
    golden = json.loads(sample.with_suffix(".record.json").read_text(encoding="utf-8"))
    assert golden["published_from"] == "dateline"
    assert golden["published"]


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_cue_offsets_give_back_the_cue(sample):
    text = sample.read_text(encoding="utf-8")
    golden = json.loads(sample.with_suffix(".record.json").read_text(encoding="utf-8"))
    cues = [(s["cue"], text[s["cue_start"] : s["cue_end"]]) for s in golden["sources"]]
    assert cues and all(cue == found for cue, found in cues)
