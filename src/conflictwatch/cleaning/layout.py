"""Rules that need context: the title, the head (byline, caption), captions by credits,
related-link lists and repeated lines; then the cleaned text is put back together."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from conflictwatch.cleaning.rules import (
    BULLET_ITEM,
    PLAYLIST_ITEM,
    RELATED_HEADER,
    classify_line,
    count_words,
    split_stamp,
)

_NAME_LINE = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|bin|al-\w+|and|&)){0,3}"
)
_INLINE_CREDIT = re.compile(
    r"\((?:photo|image|picture|source|credit|courtesy|file\s+photo|©|getty|ap\s+photo|reuters|afp"
    r"|epa)[^()]{0,80}\)\s*$",
    re.IGNORECASE,
)
_TITLE_BAD_END = (".", ",", ";", ":", "-", "–", "—", "(", "/")
_DANGLING = frozenset("a an the of in on at to for and or but by with from as that who".split())
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")", "…")
_FRAGMENT_END = _SENTENCE_END + (":", ";", ",")
_HEAD_LINES = 8
_RELATED_MAX_ITEMS = 20
_DUPLICATE_MIN_CHARS = 20


@dataclass
class Line:
    """One input line and what the cleaner decided about it."""

    text: str
    reason: str | None = None
    caption: bool = False
    title: bool = False
    cut: int | None = None
    cut_reason: str | None = None

    @property
    def kept(self) -> str:
        """The part of the line that stays in the text ("" when removed)."""
        if self.reason is not None:
            return ""
        return self.text if self.cut is None else self.text[: self.cut].rstrip()

    @property
    def content(self) -> str:
        """The kept part, stripped."""
        return self.kept.strip()

    @property
    def live(self) -> bool:
        """True when the line is kept and not blank."""
        return bool(self.content)


@dataclass(frozen=True)
class Assembled:
    """The cleaned text and the char spans of the caption lines kept in it."""

    text: str
    captions: list[tuple[int, int]]


def split_lines(text: str) -> list[Line]:
    """One ``Line`` per input line, trailing whitespace stripped."""
    return [Line(text=line.rstrip()) for line in text.split("\n")]


def _live(lines: list[Line], start: int = 0) -> Iterator[int]:
    return (i for i in range(start, len(lines)) if lines[i].live)


def mark_rules(lines: list[Line]) -> None:
    """Mark lines that the line rules call furniture, and cut trailing date stamps."""
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            continue
        line.reason = classify_line(stripped)
        if line.reason is None:
            cut = split_stamp(line.text)
            if cut is not None:
                line.cut, line.cut_reason = cut, "timestamp"


def looks_like_title(line: str) -> bool:
    """True when a line reads like a headline: 3-22 words, starting with a capital or digit,
    no final period or dash, not cut mid-phrase, no photo credit, not furniture."""
    line = line.strip()
    words = line.split()
    return (
        3 <= len(words) <= 22
        and len(line) <= 200
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'‘“")
        and not line.endswith(_TITLE_BAD_END)
        and words[-1].casefold() not in _DANGLING
        and _INLINE_CREDIT.search(line) is None
        and classify_line(line) is None
    )


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text).split()).casefold()


def _same_title(line: str, title: str) -> bool:
    a, b = _normalise(line), _normalise(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(long_[len(short) :].split()) <= 6 and len(short) > 15


def mark_title(lines: list[Line], title: str | None) -> int | None:
    """Find the title line at the top (the given one, or one that looks like a headline)."""
    first = next(_live(lines), None)
    if first is None:
        return None
    line = lines[first]
    if title is not None:
        found = _same_title(line.content, title)
    else:
        found = looks_like_title(line.content)
    if found:
        line.title = True
        return first
    return None


def _is_body(line: Line) -> bool:
    return count_words(line.content) >= 12 and line.content.endswith(_SENTENCE_END)


def _is_fragment(text: str, *, max_words: int = 40) -> bool:
    words = count_words(text)
    has_lower = any(w[:1].islower() for w in text.split()[1:])
    return 4 <= words <= max_words and not text.endswith(_FRAGMENT_END) and has_lower


def _head(lines: list[Line], title_index: int) -> list[int]:
    """Indices of the non-blank lines between the title and the first body paragraph."""
    head: list[int] = []
    for i in range(title_index + 1, len(lines)):
        line = lines[i]
        if not line.text.strip():
            continue
        if len(head) >= _HEAD_LINES or (line.live and _is_body(line)):
            break
        head.append(i)
    return head


def mark_head(lines: list[Line], title_index: int | None) -> None:
    """Between the title and the first body paragraph: a lone name right under the title is
    a byline; a lone descriptive fragment further down (its neighbours are not fragments, so
    not a list of summary bullets, and not directly under the title, where a standfirst
    sits) is a photo caption."""
    if title_index is None:
        return
    head = _head(lines, title_index)
    fragment = [lines[i].live and _is_fragment(lines[i].content) for i in head]
    for n, i in enumerate(head):
        line = lines[i]
        if not line.live:
            continue
        if n == 0 and _is_lone_name(lines, i):
            line.reason = "byline"
        elif n > 0 and fragment[n] and not fragment[n - 1] and not (
            n + 1 < len(head) and fragment[n + 1]
        ):
            line.caption = True


def _is_lone_name(lines: list[Line], i: int) -> bool:
    """A line of one to four capitalised (not all-caps) words that recur nowhere else in the
    text: a reporter's name; a place label recurs in the story, a dateline is in capitals."""
    content = lines[i].content
    if len(content) > 40 or not _NAME_LINE.fullmatch(content) or content.isupper():
        return False
    words = [w for w in re.findall(r"[^\W\d_]{3,}", content) if w[0].isupper()]
    others = "\n".join(line.content for j, line in enumerate(lines) if j != i and line.live)
    return bool(words) and not any(re.search(rf"\b{re.escape(w)}\b", others) for w in words)


def _adjacent_caption(lines: list[Line], i: int) -> int | None:
    """The caption line a credit at ``i`` belongs to: the line just above, else just below."""
    if i > 0 and lines[i - 1].live and not lines[i - 1].title:
        above = lines[i - 1].content
        if count_words(above) <= 60 and not above.endswith(":"):
            return i - 1
    if i + 1 < len(lines) and lines[i + 1].live and not lines[i + 1].title:
        if _is_fragment(lines[i + 1].content):
            return i + 1
    return None


def mark_captions(lines: list[Line]) -> None:
    """Mark as captions the lines next to a photo credit and lines ending in a credit."""
    for i, line in enumerate(lines):
        if line.reason == "credit":
            j = _adjacent_caption(lines, i)
            if j is not None:
                lines[j].caption = True
        elif line.live and not line.title and _INLINE_CREDIT.search(line.content):
            if count_words(line.content) <= 60:
                line.caption = True


def _is_headline_item(text: str) -> bool:
    words = count_words(text)
    if text.endswith((".", ":", ";", ",")):
        return False
    if PLAYLIST_ITEM.fullmatch(text) or BULLET_ITEM.fullmatch(text):
        return words <= 30
    return 2 <= words <= 18


def _mark_run(lines: list[Line], start: int) -> None:
    """Mark headline-like lines after a related-links header, up to the first real text."""
    items = 0
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.text.strip() or line.reason is not None:
            continue
        if items >= _RELATED_MAX_ITEMS or not _is_headline_item(line.content):
            return
        line.reason = "related_links"
        items += 1


def mark_related(lines: list[Line]) -> None:
    """Mark related-links lists: a header ("Related stories") and its headline-like items,
    and runs of two or more video-playlist items ("1:06 Man charged ...")."""
    for i, line in enumerate(lines):
        if not line.live or line.title:
            continue
        content = line.content
        if count_words(content) <= 8 and RELATED_HEADER.fullmatch(content):
            line.reason = "related_links"
            _mark_run(lines, i + 1)
        elif PLAYLIST_ITEM.fullmatch(content):
            following = next(_live(lines, i + 1), None)
            if following is not None and PLAYLIST_ITEM.fullmatch(lines[following].content):
                line.reason = "related_links"
                _mark_run(lines, i + 1)


def mark_duplicates(lines: list[Line]) -> None:
    """Mark a repeated line (a caption, a paragraph) as ``duplicate``; the first copy stays."""
    seen: set[str] = set()
    for line in lines:
        if not line.live:
            continue
        key = " ".join(line.content.split()).casefold()
        if len(key) < _DUPLICATE_MIN_CHARS and not line.caption:
            continue
        if key in seen:
            line.reason, line.caption = "duplicate", False
        else:
            seen.add(key)


def assemble(lines: list[Line]) -> Assembled:
    """Join the kept lines; a run of blank lines becomes one blank line."""
    parts: list[str] = []
    captions: list[tuple[int, int]] = []
    pos = 0
    blank = False
    for line in lines:
        if line.reason is not None:
            continue
        kept = line.kept
        if not kept.strip():
            blank = True
            continue
        if parts:
            sep = "\n\n" if blank else "\n"
            parts.append(sep)
            pos += len(sep)
        if line.caption:
            lead = len(kept) - len(kept.lstrip())
            captions.append((pos + lead, pos + len(kept)))
        parts.append(kept)
        pos += len(kept)
        blank = False
    return Assembled(text="".join(parts), captions=captions)
