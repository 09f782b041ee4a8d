"""Shared fixtures. The suite never needs ../shared; tests that read it skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwatch.config import Settings
from conflictwatch.extract import Extractor
from conflictwatch.nlp.pipeline import build_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "dev"
EXAMPLES = ROOT / "src" / "conflictwatch" / "examples"


@pytest.fixture(scope="session")
def shared_dev() -> Path:
    """../shared/dev, or skip: the suite must pass without it."""
    if not SHARED_DEV.is_dir():
        pytest.skip("../shared/dev is not present")
    return SHARED_DEV


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings from the environment (make sets CONFLICTWATCH_DATA_DIR to ./var)."""
    return Settings()


@pytest.fixture(scope="session")
def lexical_extractor(settings: Settings) -> Extractor:
    """An Extractor with the lexical stages only (dates, claims): no gazetteer needed."""
    return Extractor(settings, nlp=build_nlp(settings, components=["cw_dates", "cw_claims"]))


@pytest.fixture(scope="session")
def extractor(settings: Settings) -> Extractor:
    """The full Extractor: every stage, the built gazetteer (built on first use if missing)."""
    return Extractor(settings)
