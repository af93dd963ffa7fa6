from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claims import background
from claims.background import BackgroundAnalysis, analysis_of
from claims.nlp import natasha_analysis

from .conftest import ROOT, SAMPLES

TEXTS = [
    "",
    "Заголовок без точки\nВ Минске суд приговорил троих активистов.\r\n\nЛукашенко помиловал 31 украинца.",
    "Одинокий суррогат \ud83d и «кавычки» — тоже текст.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS, ids=["empty", "lines", "lone surrogate"])
def test_child_analysis_is_the_analysis_made_here(models, text):
    assert BackgroundAnalysis(text).result() == natasha_analysis(text, models)


def test_a_failed_child_leaves_the_analysis_to_this_process(monkeypatch):
    monkeypatch.setattr(BackgroundAnalysis, "COMMAND", [sys.executable, "-c", "raise SystemExit(3)"])
    assert BackgroundAnalysis("Суд вынес приговор.").result() is None
    monkeypatch.setattr(BackgroundAnalysis, "COMMAND", [sys.executable, "-c", "print('not a pickle')"])
    assert BackgroundAnalysis("Суд вынес приговор.").result() is None


@pytest.mark.slow
def test_no_child_once_the_models_are_loaded_here(models, monkeypatch):
    monkeypatch.setattr(BackgroundAnalysis, "COMMAND", [sys.executable, "-c", "raise SystemExit('never run')"])
    assert not background.worth_it()
    assert analysis_of("Суд вынес приговор.") is None


@pytest.mark.slow
def test_cold_extract_gives_the_golden_record():
    sample = SAMPLES / "pardon.txt"
    result = subprocess.run(
        [sys.executable, "-m", "claims", "extract", str(sample)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    expected = json.loads(sample.with_suffix(".record.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == expected
