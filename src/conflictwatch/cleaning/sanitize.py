"""Make pasted text safe to clean: line ends, NUL bytes, control characters, lone surrogates,
binary junk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from conflictwatch.errors import DocumentError

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # from a JSON "\ud800" escape: no UTF-8 form
_BINARY_SAMPLE = 65_536
_BINARY_SHARE = 0.10
_MIN_JUNK_SAMPLE = 64


@dataclass
class Sanitized:
    """Text with line ends unified and control characters gone, plus what was done."""

    text: str
    warnings: list[str] = field(default_factory=list)


def looks_binary(text: str) -> bool:
    """True when a sample of ``text`` is full of control or replacement characters."""
    sample = text[:_BINARY_SAMPLE]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample)) / len(sample)
    replaced = sample.count("\ufffd") / len(sample)
    if len(sample) < _MIN_JUNK_SAMPLE:
        return controls > 0.3
    return controls > _BINARY_SHARE or replaced > 0.3


def sanitize_text(text: str, *, doc_id: str | None = None) -> Sanitized:
    """Unify line ends and drop NUL/control characters; raise DocumentError for binary junk."""
    if looks_binary(text):
        raise DocumentError("the text looks like binary data, not a report", doc_id=doc_id)
    warnings: list[str] = []
    nul = text.count("\x00")
    if nul:
        warnings.append(f"removed {nul} NUL character(s)")
    text = _LINE_BREAKS.sub("\n", text)
    text, controls = _CONTROL.subn("", text)
    if controls - nul > 0:
        warnings.append(f"removed {controls - nul} control character(s)")
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    if surrogates:
        warnings.append(f"replaced {surrogates} lone surrogate(s) with U+FFFD")
    replaced = text.count("\ufffd")
    if replaced:
        warnings.append(f"text contains {replaced} undecodable character(s) (U+FFFD)")
    return Sanitized(text=text, warnings=warnings)
