"""Background by date: a sentence or clause dated only long before publication recalls an
earlier happening ("rebels attacked the base in 2019"; "the worst since an airliner crashed in
1982, killing 78"), so it makes no event and its figures count in none."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from spacy.tokens import Doc

from conflictwatch.nlp.event_types import clause_of
from conflictwatch.nlp.extensions import sentence_at

STALE_DAYS = 31  # a date older than this before publication marks a recalled clause
YEARS_AGO_DAYS = 365  # ... and one this old, anywhere in a sentence, a recalled figure
_BARE_YEAR = re.compile(r"(?:the\s+)?((?:1[89]|20)\d\d)")


def old_dates(doc: Doc, in_background: Callable[[Doc, int], bool],
              days: int = STALE_DAYS) -> dict[int, bool]:
    """Start token of each date (outside background clauses) -> more than ``days`` before
    publication."""
    published = doc._.cw_published
    if not published:
        return {}
    limit = published - timedelta(days=days)
    return {start: end < limit for start, end in date_ends(doc, in_background).items()}


def date_ends(doc: Doc, in_background: Callable[[Doc, int], bool]) -> dict[int, date]:
    """Start token of each date outside background clauses -> the day it ends (a bare year,
    "in 1982", ends on 31 December); computed once per document."""
    ends = doc.user_data.get("cw_date_ends")
    if ends is None:
        ends = doc.user_data["cw_date_ends"] = {}
        for span in doc.spans["cw_dates"] if "cw_dates" in doc.spans else []:
            if in_background(doc, span.start):
                continue
            if span._.cw_date is not None:
                ends[span.start] = span._.cw_date.end
            elif (year := _BARE_YEAR.fullmatch(span.text.strip())) is not None:
                ends[span.start] = date(int(year.group(1)), 12, 31)
    return ends


def recalled(doc: Doc, i: int, old: dict[int, bool]) -> bool:
    """Token ``i``'s clause is dated, and only long before publication: background."""
    start, end = clause_of(doc, i)
    dated = [is_old for at, is_old in old.items() if start <= at < end]
    return bool(dated) and all(dated)


def recalled_sentence(doc: Doc, i: int, old: dict[int, bool]) -> bool:
    """Token ``i``'s clause has no date and every date of its sentence is long before
    publication: the sentence recalls an earlier event."""
    start, end = clause_of(doc, i)
    if any(start <= at < end for at in old):
        return False
    sent = sentence_at(doc, i)
    dated = [is_old for at, is_old in old.items() if sent.start <= at < sent.end]
    return bool(dated) and all(dated)
