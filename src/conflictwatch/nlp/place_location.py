"""Where an event happened, from the places stage's spans (``doc.spans["cw_places"]``).

``locate_event(doc, char_spans)`` is the events stage's default ``locate``: the most specific
resolved place in the event's evidence sentences; ``document_country(doc)`` is the country the
whole document is about (``doc._.cw_countries``), for when no sentence names a resolved place.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from conflictwatch.models import Location, Resolved
from conflictwatch.nlp.extensions import sentence_at
from conflictwatch.nlp.extensions import sentences as doc_sentences

SPAN_KEY = "cw_places"
# a document country below this share of the document's country evidence is no fallback
DOCUMENT_COUNTRY_SHARE = 0.5


def locate_event(doc: Doc, char_spans: list[tuple[int, int]]) -> Location | None:
    """Where an event happened: the most specific resolved place in its evidence sentences
    (the first span's sentence first), then in the sentences next to them."""
    places = [s for s in doc.spans.get(SPAN_KEY, []) if s._.cw_resolved is not None]
    if not places or not char_spans:
        return None
    sentences = _evidence_sentences(doc, char_spans)
    for window in (sentences[:1], sentences, _neighbours(doc, sentences)):
        inside = [s for s in places if any(a <= s.start_char < b for a, b in window)]
        if inside:
            return _as_location(min(inside, key=_specificity))
    return None


def document_country(doc: Doc) -> str | None:
    """The ISO code of the country that holds most of the document's country evidence (its
    places, its outlet, its actors), when it holds at least half of it and more than any
    other; else None."""
    ranked = sorted((doc._.cw_countries or {}).items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < DOCUMENT_COUNTRY_SHARE:
        return None
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return None  # a tie: "Sudan Tribune" alone says Sudan or South Sudan
    return ranked[0][0]


def has_sentences(doc: Doc) -> bool:
    """Sentence bounds known: set by the pipeline (cheap) or by a model (checks every token)."""
    return doc._.cw_sents is not None or doc.has_annotation("SENT_START")


def _evidence_sentences(doc: Doc, char_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in char_spans:
        span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
        if span is None:
            continue
        if has_sentences(doc):
            sent = sentence_at(doc, span.start)
            bounds = (sent.start_char, sent.end_char)
        else:
            bounds = (start, end)
        if bounds not in out:
            out.append(bounds)
    return out


def _neighbours(doc: Doc, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not has_sentences(doc):
        return sentences
    out = list(sentences)
    sents = doc_sentences(doc)
    for i, sent in enumerate(sents):
        if (sent.start_char, sent.end_char) in sentences:
            out += [(s.start_char, s.end_char) for s in sents[max(0, i - 1):i + 2]]
    return out


def _specificity(span: Span) -> tuple[int, int, int]:
    resolved: Resolved = span._.cw_resolved
    code = (resolved.feature or "").split(".")[-1]
    rank = {"PCLI": 6, "ADM1": 5, "CONT": 7, "ADM2": 3}.get(code, 1)
    if code in ("MILB", "AIRB", "PPLX"):
        rank = 0
    return (resolved.precision, rank, span.start)


def _as_location(span: Span) -> Location:
    return Location(name=span.text, **span._.cw_resolved.model_dump())
