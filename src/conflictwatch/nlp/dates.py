"""Resolve date expressions against the publication date.

spaCy marks DATE entities; our own rules resolve the relative ones news uses most ("on
Thursday", "yesterday", "last month", "in December") and ``dateparser`` reads only the absolute
ones inside spans spaCy marked. Rules:

- a weekday is the most recent such day on or before the publication date;
- a month named alone is the most recent such month on or before the publication month;
- precision follows ACLED: 1 day, 2 week, 3 month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span

from conflictwatch.nlp.extensions import doc_text

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_RELATIVE_WORDS = r"today|tonight|yesterday|last\s+night|this\s+(?:morning|afternoon|evening)"
RELATIVE = re.compile(
    rf"\b(?:(?:early\s+|late\s+)?(?P<wd>{'|'.join(WEEKDAYS)})(?:'s)?"
    rf"|(?P<rel>{_RELATIVE_WORDS})"
    r"|(?P<lastunit>last|this|past|the)\s+(?P<unit>week|month|weekend|year))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateValue:
    """A resolved date: an inclusive range and its ACLED time precision."""

    start: date
    end: date
    precision: int
    text: str


def resolve_weekday(weekday: int, published: date) -> date:
    """The most recent given weekday on or before ``published``."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def resolve_month(month: int, published: date) -> tuple[date, date]:
    """The most recent given month on or before the publication month, as a range."""
    year = published.year if month <= published.month else published.year - 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def resolve_relative(text: str, published: date) -> DateValue | None:
    """Resolve a relative expression ("Thursday night", "last month") or None."""
    match = RELATIVE.search(text)
    if not match:
        return None
    if match.group("wd"):
        day = resolve_weekday(WEEKDAYS[match.group("wd").lower()], published)
        return DateValue(day, day, 1, text)
    if match.group("rel"):
        word = match.group("rel").lower()
        day = published - timedelta(days=1) if word.startswith(("yesterday", "last")) else published
        return DateValue(day, day, 1, text)
    unit, which = match.group("unit").lower(), match.group("lastunit").lower()
    if unit == "weekend":
        saturday = resolve_weekday(5, published)
        if which == "last" and published.weekday() >= 5 and published != saturday:
            saturday -= timedelta(days=7)
        return DateValue(saturday, min(saturday + timedelta(days=1), published), 2, text)
    if which == "the":
        return None
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        if which == "last":
            monday -= timedelta(days=7)
        return DateValue(monday, min(monday + timedelta(days=6), published), 2, text)
    if unit == "month":
        anchor = published.replace(day=1)
        if which == "last":
            anchor = (anchor - timedelta(days=1)).replace(day=1)
        last = calendar.monthrange(anchor.year, anchor.month)[1]
        return DateValue(anchor, min(anchor.replace(day=last), published), 3, text)
    return None


_MONTH_ALONE = re.compile(
    rf"^(?:in\s+|early\s+|late\s+|mid-?)?(?P<m>{'|'.join(sorted(MONTHS, key=len, reverse=True))})"
    r"\.?"
    r"(?:\s+(?P<y>\d{4}))?$",
    re.IGNORECASE,
)


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(
    rf"^(?:(?:{'|'.join(WEEKDAYS)}),?\s+)?(?:(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_NAMES})\.?)(?:,?\s+(?P<y>\d{{4}}))?$",
    re.IGNORECASE)
_DATEPARSER_WORTH = re.compile(  # a month name or a numeric date: worth dateparser's time
    rf"\b(?:{_MONTH_NAMES})\b|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}", re.IGNORECASE)
_TIME_TAIL = re.compile(
    r"(?:,?\s+(?:at\s+)?\d{1,2}(?::\d\d\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,4})?)$",
    re.I)
_PART_OF_DAY = re.compile(  # "the morning of 20 January", "20 January] morning"
    r"^(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night)\s+of\s+"
    r"|[\]\[]|\s+(?:morning|afternoon|evening|night)$", re.IGNORECASE)
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)$")
_DAY_RANGE = re.compile(  # "28-30 January": days of one month, not a two-digit year
    rf"^(?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})\s+(?P<m>{_MONTH_NAMES})\.?"
    rf"(?:,?\s+(?P<y>\d{{4}}))?$", re.IGNORECASE)


def _common_absolute(text: str, published: date | None) -> DateValue | None:
    """"March 6", "Jan. 27, 2015", "6 March 2025", "2025-03-06" without dateparser; a date
    with no year is the most recent one on or before ``published``."""
    text = re.sub(r"^(?:the|on|of)\s+", "", text.strip(), flags=re.I)
    text = _TIME_TAIL.sub("", _PART_OF_DAY.sub("", text).strip())
    text = text.rstrip(" ,./;:")
    month_year = _MONTH_ALONE.match(text)
    if month_year and month_year.group("y"):
        number = MONTHS[month_year.group("m").lower()]
        year = int(month_year.group("y"))
        return DateValue(date(year, number, 1),
                         date(year, number, calendar.monthrange(year, number)[1]), 3, text)
    iso = _ISO.match(text)
    if iso:
        try:
            day = date(int(iso["y"]), int(iso["m"]), int(iso["d"]))
        except ValueError:
            return None
        return DateValue(day, day, 1, text)
    days = _DAY_RANGE.match(text)
    if days:
        return _day_range(days, published, text)
    match = _MONTH_DAY.match(text)
    if not match:
        return None
    month = MONTHS[(match["m1"] or match["m2"]).lower()]
    number = int(match["d1"] or match["d2"])
    year = int(match["y"]) if match["y"] else (published.year if published else None)
    if year is None:
        return None
    try:
        day = date(year, month, number)
        if not match["y"] and published is not None and day > published:
            day = date(year - 1, month, number)
    except ValueError:
        return None
    return DateValue(day, day, 1, text)


def _day_range(match: re.Match[str], published: date | None, text: str) -> DateValue | None:
    """"28-30 January": the days of the range, in the most recent year it starts on or
    before ``published``; a range still running at publication ends there."""
    month = MONTHS[match["m"].lower()]
    year = int(match["y"]) if match["y"] else (published.year if published else None)
    if year is None:
        return None
    try:
        start, end = date(year, month, int(match["d1"])), date(year, month, int(match["d2"]))
        if not match["y"] and published is not None and start > published:
            start, end = start.replace(year=year - 1), end.replace(year=year - 1)
    except ValueError:
        return None
    if end < start:
        return None
    if published is not None:
        end = min(end, published)
    return DateValue(start, end, 1, text)


class DateResolver:
    """Resolves date texts against a publication date; holds the dateparser settings."""

    def __init__(self, *, cache_size: int = 4096) -> None:
        self._parser = None
        self._cache: dict[tuple[str, date | None], DateValue | None] = {}
        self._cache_size = cache_size

    def resolve(self, text: str, published: date | None) -> DateValue | None:
        """Resolve one date expression; None when it cannot be placed in time."""
        key = (text, published)
        if key not in self._cache:
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            try:
                self._cache[key] = self._resolve(text, published)
            except (OverflowError, ValueError):  # arithmetic past year 1 or 9999: no date
                self._cache[key] = None
        return self._cache[key]

    def _resolve(self, text: str, published: date | None) -> DateValue | None:
        clean = re.sub(r"\s+", " ", text.strip())
        if not clean or published is None:
            return self._absolute(clean, published) if clean else None
        if re.search(r"\d", clean):
            absolute = self._absolute(clean, published)
            if absolute is not None:
                return absolute
        relative = resolve_relative(clean, published)
        if relative is not None:
            return relative
        month = _MONTH_ALONE.match(clean)
        if month:
            number = MONTHS[month.group("m").lower()]
            if month.group("y"):
                year = int(month.group("y"))
                start = date(year, number, 1)
                end = date(year, number, calendar.monthrange(year, number)[1])
                if start > published:
                    return None
            else:
                start, end = resolve_month(number, published)
            return DateValue(start, end, 3, text)
        return self._absolute(clean, published)

    def _absolute(self, text: str, published: date | None) -> DateValue | None:
        common = _common_absolute(text, published)
        if common is not None:
            return common if published is None or common.end <= published else None
        return self._dateparser(text, published)

    def _dateparser(self, text: str, published: date | None) -> DateValue | None:
        if not re.search(r"\d", text) or not _DATEPARSER_WORTH.search(text):
            return None
        if self._parser is None:
            import dateparser  # imported on first use: it is slow to import

            self._parser = dateparser
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                    "REQUIRE_PARTS": ["day", "month"]}
        if published is not None:
            settings["RELATIVE_BASE"] = datetime.combine(published, datetime.min.time())
        try:
            parsed = self._parser.parse(text, languages=["en"], settings=settings)
        except (ValueError, OverflowError, TypeError):
            return None
        if parsed is None:
            return None
        day = parsed.date()
        if published is not None and day > published:
            try:
                day = day.replace(year=day.year - 1)
            except ValueError:
                return None
            if day > published:
                return None
        return DateValue(day, day, 1, text)


class DatesStage:
    """Component: resolve DATE entities and relative day words into ``doc.spans["cw_dates"]``."""

    reads = ("doc.ents", "doc._.cw_published")
    writes = ('doc.spans["cw_dates"]', "span._.cw_date")

    def __init__(self) -> None:
        self.resolver = DateResolver()

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.cw_published
        spans: list[Span] = []
        taken: set[int] = set()
        for ent in doc.ents:
            if ent.label_ == "DATE":
                spans.append(ent)
                taken.update(range(ent.start_char, ent.end_char))
        for match in RELATIVE.finditer(doc_text(doc)):
            if match.start() in taken:
                continue
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                spans.append(span)
        group = []
        for span in sorted(spans, key=lambda s: s.start_char):
            span = Span(doc, span.start, span.end, label="DATE")
            span._.cw_date = self.resolver.resolve(span.text, published)
            group.append(span)
        doc.spans["cw_dates"] = group
        return doc


def make_dates(nlp: Language, name: str) -> DatesStage:
    """Factory for ``conflictwatch_dates_v1``."""
    return DatesStage()
