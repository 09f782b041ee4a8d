"""Split cleaned text into sentence chunks that cover it exactly (whitespace goes with the
sentence before it), without running a model."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    "mr mrs ms dr st sgt lt col gen capt cpl maj rep sen gov jan feb mar apr jun jul aug sep "
    "sept oct nov dec no vs etc jr sr inc co corp ltd mt ft ave blvd rd u.s u.k u.n a.m p.m "
    "dept est approx fig lb oz prof rev".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]]*(\s+)(?=[\"“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"[^\n]*(?:\n+|$)")
_TAIL = 100


def split_sentences(text: str, *, max_chars: int = 2000) -> list[tuple[int, int]]:
    """Contiguous (start, end) chunks covering ``text``: paragraphs, then sentences."""
    chunks: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        if para.start() == para.end():
            continue
        start = para.start()
        for boundary in _BOUNDARY.finditer(text, para.start(), para.end()):
            # the tail is enough to see an abbreviation; the whole run since ``start`` (which
            # abbreviations hold back) made "Mr. Mr. Mr. ..." quadratic
            before = text[max(start, boundary.start() - _TAIL):boundary.start()].rstrip("\"”’')]")
            word = re.search(r"([A-Za-z.]+)\.$", before)
            if word and (word.group(1).lower().rstrip(".") in ABBREVIATIONS
                         or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", word.group(1))):
                continue
            chunks.append((start, boundary.end(1)))
            start = boundary.end(1)
        if start < para.end():
            chunks.append((start, para.end()))
    return [piece for chunk in chunks for piece in _cap(chunk, max_chars, text)]


def _cap(chunk: tuple[int, int], max_chars: int, text: str) -> list[tuple[int, int]]:
    """Cut an over-long chunk (a run-on line) at spaces so no model call sees a giant input."""
    start, end = chunk
    pieces = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars)
        cut = cut + 1 if cut > start else start + max_chars
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces
