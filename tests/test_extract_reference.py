"""The reference article reads as ../shared/dev/seed-expected.md says (when ../shared exists)."""

from datetime import date

import pytest

from conflictwatch.models import InputDocument


@pytest.fixture(scope="module")
def seed_record(shared_dev, extractor):
    text = (shared_dev / "seed-syria-coast-2025-03.txt").read_text(encoding="utf-8")
    return extractor.extract(InputDocument(id="seed", text=text, published=date(2025, 3, 9)))


def test_extract_reference_cleaning(seed_record):
    assert seed_record.title == "Hundreds killed in clashes and revenge attacks in Syria"
    removed = [(r.reason, r.text) for r in seed_record.removed]
    texts = [t for _, t in removed]
    assert "Micheal" in texts and "Leave a Comment" in texts
    assert any("Editor" in t and "Digest" in t for t in texts)
    assert sum("Mohamad Daboul" in t for t in texts) == 2
    assert sum(t.startswith("Syrian Security Forces detain a man") for t in texts) == 1
    assert "Hundreds of people have been killed in Syria" in seed_record.text


def test_extract_reference_claims(seed_record):
    body = [c for c in seed_record.claims if not c.in_caption]
    killed = [c for c in body if c.outcome == "killed"]
    vague = next(c for c in killed if c.qualifier == "vague")
    assert (vague.low, vague.high, vague.source) == (200, 999, None)
    monitor = next(c for c in killed if c.qualifier == "more_than")
    assert (monitor.low, monitor.high) == (1001, None)
    assert monitor.source == "Syrian Observatory for Human Rights"
    assert monitor.verified == "unverified"
    assert monitor.as_of == date(2025, 3, 9)
    assert monitor.victim_type in ("civilians", "mixed")
    displaced = [c for c in body if c.outcome == "displaced"]
    assert displaced and displaced[0].qualifier == "vague"
    assert len(killed) == 2  # "relatives and neighbours killed" carries no figure
    captions = [c for c in seed_record.claims if c.in_caption]
    assert all(c.outcome == "detained" and c.best == 1 for c in captions)
