from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "belarus-prisoners-2025-11.txt"
SEED_PUBLISHED = dt.date(2025, 11, 24)
SAMPLES = ROOT / "data" / "samples"
GOLD = ROOT / "tests" / "gold"
FACTRU = SHARED / "eval" / "factRuEval-2016" / "testset"


@pytest.fixture(scope="session")
def models():
    from claims.nlp import load_models

    return load_models()


@pytest.fixture(scope="session")
def morph():
    """pymorphy2's dictionary alone (about half a second), without Natasha's models."""
    from claims.morph import Morph
    from claims.nlp import load_morph_vocab

    return Morph(load_morph_vocab())


@pytest.fixture(scope="session")
def analyse(models):
    from claims.nlp import analyse as run

    return lambda text: run(text, models)


@pytest.fixture(scope="session")
def extract(models):
    from claims.pipeline import extract as run

    return lambda text, published=None, **kw: run(text, published=published, models=models, **kw)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (../shared not beside the checkout)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_record(extract, seed_text):
    return extract(seed_text, published=SEED_PUBLISHED)
