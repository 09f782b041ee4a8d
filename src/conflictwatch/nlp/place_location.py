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
HINTS_KEY = "cw_place_hints"  # towns in organisation names ("Jimma University")
AREA = 3  # precision of a province, region or country
ACTORS_KEY = "cw_actors"
ARMED_TYPES = frozenset({"state_forces", "rebel_groups", "political_militias",
                         "identity_militias", "external_forces"})
LOCATIVE_WORDS = frozenset({"in", "at", "near", "outside", "inside", "into", "around", "to",
                            "towards", "toward", "across", "within", "of"})
SETTLEMENT_WORDS = frozenset({"town", "city", "village", "villages", "towns", "area", "district",
                              "county", "province", "region", "state", "suburb", "outskirts",
                              "vicinity", "neighbourhood", "neighborhood", "locality"})
BEARINGS = frozenset({"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east",
                      "west", "northeast", "northwest", "southeast", "southwest"})
ARTICLES = frozenset({"the", "a", "an"})
SIZE_WORDS = frozenset({"small", "central", "northern", "southern", "eastern", "western",
                        "border", "remote", "nearby", "neighbouring", "neighboring"})
# a document country below this share of the document's country evidence is no fallback
DOCUMENT_COUNTRY_SHARE = 0.5


def locate_event(doc: Doc, char_spans: list[tuple[int, int]]) -> Location | None:
    """Where an event happened: the most specific resolved place in its evidence sentences
    (the first span's sentence first), then in the sentences next to them."""
    group = doc.spans.get(SPAN_KEY)
    starts, order = _resolved_index(doc)
    if not char_spans:
        return None
    if not order:
        return _hinted(doc, _evidence_sentences(doc, char_spans))
    sentences = _evidence_sentences(doc, char_spans)
    nearby = _neighbours(doc, sentences)
    for window in (sentences[:1], sentences, nearby):
        inside = _places_in(window, starts, order)
        if inside:
            best = min((group[i] for i in sorted(inside)), key=_specificity)
            if best._.cw_resolved.precision == AREA:
                others = [group[i] for i in sorted(_places_in(nearby, starts, order) - inside)]
                best = _point_inside(best, others) or best
            if window is nearby or (best._.cw_resolved.feature or "").startswith("A.PCL"):
                # a town the event's own sentence names by its organisation is nearer
                return _hinted(doc, sentences) or _as_location(best)
            return _as_location(best)
    return _hinted(doc, sentences)


def _hinted(doc: Doc, sentences: list[tuple[int, int]]) -> Location | None:
    """The town an organisation in the event's sentences is named after ("protest at Jimma
    University"), near it (precision 2): only when no sentence around names a place."""
    for span in doc.spans.get(HINTS_KEY) or ():
        if any(a <= span.start_char < b for a, b in sentences):
            return Location(name=span.text, **span._.cw_resolved.model_dump())
    return None


def _places_in(window: list[tuple[int, int]], starts: list[int], order: list[int]) -> set[int]:
    return {order[k] for a, b in set(window)
            for k in range(bisect_left(starts, a), bisect_left(starts, b))}


def _point_inside(area: Span, others: list[Span]) -> Span | None:
    """A town the next or previous sentence names inside the area the event's sentence gives
    ("... in the Sinai Peninsula. The vehicle was targeted near a school in El-Arish."):
    the report narrowing down where it happened. Same country, same province when both
    are known."""
    outer: Resolved = area._.cw_resolved
    if (outer.feature or "").startswith("A.PCL"):
        return None  # a country is no narrowing: any town in it would do
    points = [s for s in others if s._.cw_resolved.precision < AREA
              and not s[0]._.cw_in_caption
              and s._.cw_resolved.country_code == outer.country_code
              and (not outer.admin1 or not s._.cw_resolved.admin1
                   or s._.cw_resolved.admin1 == outer.admin1)]
    return min(points, key=_specificity) if points and outer.country_code else None


def _resolved_index(doc: Doc) -> tuple[list[int], list[int]]:
    """Start offsets of the resolved places, sorted, and each one's index in the span group;
    built once per group (``locate_event`` runs per evidence sentence: scanning every place
    on each call made it quadratic in the length of a document)."""
    group = doc.spans.get(SPAN_KEY)
    if group is None:
        return [], []
    cached = doc.user_data.get("cw_place_index")
    if cached is None or cached[0] != len(group):
        armed = _armed_actor_tokens(doc)
        pairs = sorted((s.start_char, i) for i, s in enumerate(group)
                       if s._.cw_resolved is not None
                       and not armed.intersection(range(s.start, s.end)))
        cached = (len(group), [a for a, _ in pairs], [i for _, i in pairs])
        doc.user_data["cw_place_index"] = cached
    return cached[1], cached[2]


def _armed_actor_tokens(doc: Doc) -> set[int]:
    """Tokens of armed actors' names ("Kenya Defence Forces", "Somali government troops"): a
    place there says whose force it is, not where the event happened (the KDF fight in
    Somalia). Civilians and crowds are left: "Garowe residents staged a demonstration" is
    set in Garowe."""
    spans = doc.spans.get(ACTORS_KEY) or ()
    return {i for span in spans if span._.cw_actor is not None
            and span._.cw_actor.actor_type in ARMED_TYPES for i in range(span.start, span.end)}


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


def _specificity(span: Span) -> tuple[int, int, bool, int]:
    """Lower is more likely the event's place: a point before an area, and among equals a
    place the text sets something in ("protest in Ughelli") before one that only qualifies
    a noun ("Okada riders"), then the first."""
    resolved: Resolved = span._.cw_resolved
    code = (resolved.feature or "").split(".")[-1]
    rank = {"PCLI": 6, "ADM1": 5, "CONT": 7, "ADM2": 3}.get(code, 1)
    if code in ("MILB", "AIRB", "PPLX"):
        rank = 0
    return (resolved.precision, rank, not _after_locative(span), span.start)


def _after_locative(span: Span) -> bool:
    """"in X", "at X", "near the town of X", "in the village of X": a locative word before the
    name, across an article and a "town of" phrase."""
    doc, i = span.doc, span.start - 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in SETTLEMENT_WORDS:
        i -= 2
        while i >= 0 and doc[i].lower_ in ARTICLES | SIZE_WORDS:
            i -= 1
    while i >= 0 and doc[i].lower_ in ARTICLES:
        i -= 1
    return i >= 0 and doc[i].lower_ in LOCATIVE_WORDS


def _as_location(span: Span) -> Location:
    """The place as the event's location; a point named only as a bearing ("55km NW of
    Baidoa", "east of Sirte") is near the event, not its place: precision 2 (ACLED)."""
    fields = span._.cw_resolved.model_dump()
    if fields["precision"] == 1 and _after_bearing(span):
        fields["precision"] = 2
    return Location(name=span.text, **fields)


def _after_bearing(span: Span) -> bool:
    """"... NW of X", "... kilometres east of X": a direction word and "of" before the name."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_.replace("-", "") in BEARINGS
