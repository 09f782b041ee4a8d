"""Every ``._`` attribute conflictwatch sets on spaCy objects, all prefixed ``cw_``.

Registered once by :func:`register_extensions` (called from ``build_nlp``). Named span groups:

    doc.spans["cw_claims"]   one span per casualty figure; span._.cw_claim is a models.Claim
    doc.spans["cw_places"]   one span per toponym;          span._.cw_resolved is Resolved|None
    doc.spans["cw_place_hints"]  towns in organisation names ("Jimma University"); Resolved
    doc.spans["cw_dates"]    one span per date expression;  span._.cw_date is a DateValue|None
    doc.spans["cw_actors"]   one span per actor mention;    span._.cw_actor is an ActorData
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

DOC_ATTRS: dict[str, object] = {
    "cw_doc_id": None,  # str: the input document id, for messages
    "cw_published": None,  # datetime.date | None: anchors relative dates
    "cw_source": None,  # str | None: the outlet ("Radio Okapi"); its country is a place prior
    "cw_url": None,  # str | None: where the document came from; its country domain, likewise
    "cw_countries": None,  # dict[str, float]: ISO code -> share of the doc's country evidence
    "cw_captions": None,  # list[tuple[int, int]]: char spans of photo captions in doc.text
    "cw_title_end": 0,  # int: char offset where the title line ends (0: no title in text)
    "cw_parsed": None,  # set[int]: start token index of every sentence the model ran on
    "cw_sents": None,  # list[Span]: the sentences, computed once (doc.sents walks every token)
    "cw_events": None,  # list[conflictwatch.models.Event]: set by the events stage
    "cw_warnings": None,  # list[str]
}
SPAN_ATTRS: dict[str, object] = {
    "cw_claim": None,  # conflictwatch.models.Claim
    "cw_resolved": None,  # conflictwatch.models.Resolved | None
    "cw_date": None,  # conflictwatch.nlp.dates.DateValue | None
    "cw_actor": None,  # conflictwatch.nlp.actors.ActorData
}


def _in_caption(token: Token) -> bool:
    spans = token.doc._.cw_captions or ()
    return any(start <= token.idx < end for start, end in spans)


def _is_parsed(token: Token) -> bool:
    parsed = token.doc._.cw_parsed
    return bool(parsed) and sentence_at(token.doc, token.i).start in parsed


_SENTS_KEY = ("._.", "cw_sents", None, None)  # where spaCy keeps doc._.cw_sents's value


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, computed once per doc (use this, not ``doc.sents``, in stages).
    Read from ``user_data`` first: each ``doc._`` access builds an Underscore object, and the
    stages ask for the sentences tens of thousands of times per batch."""
    sents = doc.user_data.get(_SENTS_KEY)
    if sents is None:
        sents = doc._.cw_sents
        if sents is None:
            sents = doc._.cw_sents = list(doc.sents)
    return sents


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc (spaCy rebuilds it from every token on each read)."""
    text = doc.user_data.get("cw_text")
    if text is None:
        text = doc.user_data["cw_text"] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text`` sliced from the cached doc text (``Span.text`` joins every token)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def sentence_at(doc: Doc, token_index: int) -> Span:
    """The sentence holding token ``token_index`` (a bisect, not a walk like ``token.sent``)."""
    return sentences(doc)[sentence_index(doc, token_index)]


def sentence_index(doc: Doc, token_index: int) -> int:
    """The index in ``sentences(doc)`` of the sentence holding token ``token_index``."""
    starts = doc.user_data.get("cw_sent_starts")
    if starts is None:  # built once per doc (setdefault would rebuild it on every call)
        starts = doc.user_data["cw_sent_starts"] = [s.start for s in sentences(doc)]
    return bisect_right(starts, token_index) - 1


def register_extensions() -> None:
    """Define every cw_ attribute (idempotent)."""
    for name, default in DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Token.has_extension("cw_in_caption"):
        Token.set_extension("cw_in_caption", getter=_in_caption)
    if not Token.has_extension("cw_parsed"):
        Token.set_extension("cw_parsed", getter=_is_parsed)
