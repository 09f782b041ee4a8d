"""InputDocument -> DocumentRecord. One bad document becomes a record with ``error``.

:class:`Extractor` holds the loaded pipeline (built lazily, once); ``extract_documents`` runs
one Extractor per worker process and yields records in input order.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from conflictwatch.clean import Cleaned, clean_document
from conflictwatch.cleaning.sanitize import sanitize_text
from conflictwatch.config import Settings
from conflictwatch.errors import ConflictwatchError, DocumentError, InputError
from conflictwatch.ingest.documents import InputFailure
from conflictwatch.models import DocumentRecord, InputDocument, Place, Span
from conflictwatch.nlp.pipeline import Annotator, Request, build_nlp

log = logging.getLogger(__name__)
SUPPORTED_LANGUAGES = ("en",)


class Extractor:
    """Reads documents into records; the NLP pipeline and gazetteer load on first use."""

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self._nlp = nlp
        self._annotator: Annotator | None = None

    @property
    def annotator(self) -> Annotator:
        if self._annotator is None:
            self._annotator = Annotator(self._nlp or build_nlp(self.settings))
        return self._annotator

    def extract(self, document: InputDocument) -> DocumentRecord:
        """Read one document; failures become a record with ``error``, never an exception."""
        return self.extract_many([document])[0]

    def extract_item(self, item: InputDocument | InputFailure) -> DocumentRecord:
        """Read one item of ``read_inputs``: a document, or a failure kept as a record."""
        return self.extract_many([item])[0]

    def extract_many(self, items: Sequence[InputDocument | InputFailure]) -> list[DocumentRecord]:
        """Read a batch in order: one model pass over all of it; each document's failure
        stays its own record (a batch that breaks is read again one document at a time)."""
        records: list[DocumentRecord | None] = [None] * len(items)
        pending: list[tuple[int, DocumentRecord, Request]] = []
        for index, item in enumerate(items):
            if isinstance(item, InputFailure):
                where = f" (line {item.line})" if item.line else ""
                records[index] = DocumentRecord(
                    id=item.id, error=f"[{InputError.code}] {item.error}{where}")
                continue
            started = self._guard(item, self._begin, item)
            if isinstance(started, DocumentRecord):
                records[index] = started
            else:
                pending.append((index, *started))
        if pending:
            try:
                docs = self.annotator.annotate_many([request for _, _, request in pending])
            except Exception:  # noqa: BLE001 - isolate the document that broke the batch
                docs = None
            for n, (index, record, request) in enumerate(pending):
                document = items[index]
                if docs is None:
                    records[index] = self._guard(document, self._annotate_one, record, request)
                else:
                    records[index] = self._guard(document, fill_record, record, docs[n])
        return records  # type: ignore[return-value]

    def _guard(self, document: InputDocument, step, *args):
        """Run one step for one document; any failure becomes that document's error record."""
        try:
            return step(*args)
        except ConflictwatchError as error:
            return _failed(document, str(error))
        except Exception as error:  # noqa: BLE001 - the per-document edge: the batch goes on
            log.exception("document %s failed", document.id)
            wrapped = DocumentError(f"{type(error).__name__}: {error}", doc_id=document.id)
            return _failed(document, str(wrapped))

    def _annotate_one(self, record: DocumentRecord, request: Request) -> DocumentRecord:
        return fill_record(record, self.annotator.annotate_many([request])[0])

    def _begin(self, document: InputDocument) -> DocumentRecord | tuple[DocumentRecord, Request]:
        """Clean and check one document: a finished record, or a record and what to annotate."""
        cleaned = _headline_first(clean_document(document, max_chars=self.settings.max_chars),
                                  document.title)
        text, captions, warnings = self._limit(cleaned)
        warnings = list(getattr(document, "warnings", [])) + warnings
        title = document.title or cleaned.title
        record = DocumentRecord(
            id=document.id, title=title, published=document.published or cleaned.published,
            language=cleaned.language, text=text, removed=cleaned.removed, warnings=warnings,
            url=document.url, source=document.source,
            captions=[Span(start=s, end=e) for s, e in captions],
        )
        if not text.strip():
            record.warnings.append("empty document: no text left to read after cleaning")
            return record
        if cleaned.language and cleaned.language not in SUPPORTED_LANGUAGES:
            record.warnings.append(
                f"language {cleaned.language!r} is not supported: text cleaned, not read")
            return record
        title_end = len(title) if title and text.startswith(title) else 0
        return record, Request(text, record.published, tuple(captions), title_end, document.id,
                               document.source, document.url)

    def _limit(self, cleaned: Cleaned) -> tuple[str, list[tuple[int, int]], list[str]]:
        text, warnings = cleaned.text, list(cleaned.warnings)
        limit = self.settings.max_chars
        if len(text) > limit:
            warnings.append(f"text of {len(text):,} characters cut to the first {limit:,}")
            text = text[:limit]
        captions = [(s, min(e, len(text))) for s, e in cleaned.captions if s < len(text)]
        return text, captions, warnings


def fill_record(record: DocumentRecord, doc: Doc) -> DocumentRecord:
    """Copy the annotations of ``doc`` into ``record`` (claims, places, events, warnings)."""
    claims = [span._.cw_claim for span in doc.spans.get("cw_claims", [])]
    events = list(doc._.cw_events or [])
    owner = {index: e for e, event in enumerate(events) for index in event.claims}
    claims = [c.model_copy(update={"event": owner.get(i)}) for i, c in enumerate(claims)]
    places = [
        Place(name=span.text, start=span.start_char, end=span.end_char,
              resolved=span._.cw_resolved)
        for span in doc.spans.get("cw_places", [])
    ]
    return record.model_copy(update={
        "claims": claims, "places": places, "events": events,
        "warnings": record.warnings + list(doc._.cw_warnings or []),
    })


def _headline_first(cleaned: Cleaned, title: str | None) -> Cleaned:
    """A headline given apart from the body (a JSONL ``title``, a page's metadata) is read as
    the first line of ``text``, as a reader sees it: its figures are claims in the paper's own
    voice with offsets like any other, and a body that restates them keeps one claim
    (``claims._drop_title_repeats``). A body that already opens with it is left as it is."""
    try:  # the title goes into the text: NULs, control characters, lone surrogates out
        title = " ".join(sanitize_text(title or "").text.split())
    except DocumentError:  # a title of binary junk is no headline
        return cleaned
    if not title or " ".join(cleaned.text[: len(title) + 40].split()).startswith(title):
        return cleaned
    shift = len(title) + 2
    text = f"{title}\n\n{cleaned.text}" if cleaned.text.strip() else title
    return dataclasses.replace(cleaned, text=text, title=title,
                               captions=[(s + shift, e + shift) for s, e in cleaned.captions])


def _failed(document: InputDocument, message: str) -> DocumentRecord:
    return DocumentRecord(id=document.id, title=document.title, published=document.published,
                          url=document.url, source=document.source, error=message)


def extract_document(document: InputDocument, settings: Settings | None = None) -> DocumentRecord:
    """Read one document with a fresh Extractor (use an Extractor for many documents)."""
    return Extractor(settings).extract(document)


class _ProcessWorker:
    """The Extractor of one worker process, built once by the pool initializer."""

    extractor: Extractor | None = None

    @classmethod
    def start(cls, settings_data: dict[str, Any]) -> None:
        cls.extractor = Extractor(Settings(**settings_data))

    @classmethod
    def run(cls, items: list[InputDocument | InputFailure]) -> list[DocumentRecord]:
        if cls.extractor is None:
            raise RuntimeError("worker process was not initialised")
        return cls.extractor.extract_many(items)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_documents(
    documents: Iterable[InputDocument | InputFailure],
    settings: Settings | None = None,
    *,
    workers: int = 1,
    extractor: Extractor | None = None,
    batch_size: int | None = None,
) -> Iterator[DocumentRecord]:
    """Read many documents (or read failures), in input order, ``batch_size`` at a time (one
    model pass per batch); ``workers`` > 1 uses that many processes, each with its own
    Extractor."""
    settings = settings or Settings()
    size = max(1, batch_size or settings.batch_size)
    if workers <= 1:
        extractor = extractor or Extractor(settings)
        for batch in _batches(documents, size):
            yield from extractor.extract_many(batch)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_ProcessWorker.start,
                      initargs=(settings.model_dump(),)) as pool:
        for records in pool.imap(_ProcessWorker.run, _batches(documents, max(1, size // 4))):
            yield from records
