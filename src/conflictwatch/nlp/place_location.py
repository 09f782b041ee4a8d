"""Where an event happened, from the places stage's spans (``doc.spans["cw_places"]``).

``locate_event(doc, char_spans)`` is the events stage's default ``locate``: the most specific
resolved place in the event's evidence sentences; ``document_country(doc)`` is the country the
whole document is about (``doc._.cw_countries``), for when no sentence names a resolved place.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

from conflictwatch.models import Location, Resolved
from conflictwatch.nlp.extensions import sentence_at, sentence_index
from conflictwatch.nlp.extensions import sentences as doc_sentences

SPAN_KEY = "cw_places"
# a document country below this share of the document's country evidence is no fallback
DOCUMENT_COUNTRY_SHARE = 0.5


def locate_event(doc: Doc, char_spans: list[tuple[int, int]]) -> Location | None:
    """Where an event happened: the most specific resolved place in its evidence sentences
    (the first span's sentence first), then in the sentences next to them."""
    group = doc.spans.get(SPAN_KEY)
    starts, order = _resolved_index(doc)
    if not order or not char_spans:
        return None
    sentences = _evidence_sentences(doc, char_spans)
    for window in (sentences[:1], sentences, _neighbours(doc, sentences)):
        inside = {order[k] for a, b in set(window)
                  for k in range(bisect_left(starts, a), bisect_left(starts, b))}
        if inside:
            return _as_location(min((group[i] for i in sorted(inside)), key=_specificity))
    return None


def _resolved_index(doc: Doc) -> tuple[list[int], list[int]]:
    """Start offsets of the resolved places, sorted, and each one's index in the span group;
    built once per group (``locate_event`` runs per evidence sentence: scanning every place
    on each call made it quadratic in the length of a document)."""
    group = doc.spans.get(SPAN_KEY)
    if group is None:
        return [], []
    cached = doc.user_data.get("cw_place_index")
    if cached is None or cached[0] != len(group):
        pairs = sorted((s.start_char, i) for i, s in enumerate(group)
                       if s._.cw_resolved is not None)
        cached = (len(group), [a for a, _ in pairs], [i for _, i in pairs])
        doc.user_data["cw_place_index"] = cached
    return cached[1], cached[2]


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
    for start, end in sentences:
        span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
        if span is None:
            continue
        i = sentence_index(doc, span.start)
        if (sents[i].start_char, sents[i].end_char) == (start, end):
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
