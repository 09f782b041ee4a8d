"""Parse amounts as news states them: "three", "1,000", "1.2 million", "more than 20",
"between 20 and 30", "dozens", "hundreds of".

The lexicon (number words, vague amounts and qualifier phrases) is data:
``patterns/amounts.json``. :class:`AmountParser` compiles it once; ``parse_amount`` parses one
phrase and ``find_amounts`` finds every amount in a text with its character span.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

PATTERNS = Path(__file__).parent / "patterns" / "amounts.json"
MAX_AMOUNT = 10**9  # above a billion no figure counts people (and the ledger's INTEGER holds it)


@dataclass(frozen=True)
class Amount:
    """A parsed amount: inclusive bounds, the figure to use, and how it was qualified."""

    low: int | None
    high: int | None
    best: int | None
    qualifier: str
    start: int = 0
    end: int = 0
    text: str = ""


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


class AmountParser:
    """Finds and parses amounts; compiled from the lexicon once per instance."""

    def __init__(self, path: Path = PATTERNS) -> None:
        lexicon = json.loads(path.read_text(encoding="utf-8"))
        self.units: dict[str, int] = lexicon["units"]
        self.tens: dict[str, int] = lexicon["tens"]
        self.scales: dict[str, int] = lexicon["scales"]
        self.vague: dict[str, dict] = lexicon["vague"]
        self.qualifiers: dict[str, str] = {
            phrase: name for name, phrases in lexicon["qualifiers"].items() for phrase in phrases
        }
        words = [w for w in self.units if w not in ("a", "an", "no", "none", "single", "lone",
                                                   "pair", "both")]
        word = _alternation(words + list(self.tens) + ["hundred"])
        scale = _alternation(list(self.scales))
        digits = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
        word_number = rf"(?:{word})(?:[\s-]+(?:and\s+)?(?:{word}))*"
        number = (rf"(?:(?:{digits})(?:\s+(?:{scale}))?|(?:a\s+|one\s+)?(?:{scale})"
                  rf"|(?:half\s+)?an?\s+dozen|(?:{word_number})(?:\s+(?:{scale}))?)")
        self._number = number
        qual = _alternation(list(self.qualifiers))
        vague = _alternation(list(self.vague))
        self.pattern = re.compile(  # never the exponent of "10^100" or "10**100"
            rf"(?<![\^*])\b(?:(?P<between>between)\s+(?P<r1>{number})\s+and\s+(?P<r2>{number})"
            rf"|(?P<q>{qual})\s+(?P<qn>{number})"
            rf"|(?P<a1>{digits})\s*(?:-|–)\s*(?P<a2>{digits})"
            rf"|(?P<b1>{number})\s+(?:to|or)\s+(?P<b2>{number})"
            rf"|(?P<n>{number})"
            rf"|(?P<v>{vague}))\b(?!-year|-month|-week|-day|-hour|-minute|%)",
            re.IGNORECASE,
        )
        self._number_re = re.compile(rf"^(?:{number})$", re.IGNORECASE)

    def to_int(self, text: str) -> int | None:
        """The value of a number written in digits, words, or both ("1.2 million")."""
        raw = re.sub(r"[\s-]+", " ", text.strip().lower()).replace(" and ", " ")
        if not raw:
            return None
        tokens = raw.split(" ")
        if tokens[0] == "half" and tokens[-1] == "dozen":
            return 6
        if tokens[0] in ("a", "an") and len(tokens) > 1:
            tokens = tokens[1:]
        if tokens[0] in ("a", "one") and len(tokens) > 1 and tokens[1] in self.scales:
            tokens = ["1", *tokens[1:]]
        total, current = 0, 0.0
        for token in tokens:
            if re.fullmatch(r"[\d,]+(?:\.\d+)?", token):
                current += float(token.replace(",", ""))
            elif token in self.units:
                current += self.units[token]
            elif token in self.tens:
                current += self.tens[token]
            elif token == "hundred":
                current = (current or 1) * 100
            elif token in self.scales:
                total += (current or 1) * self.scales[token]
                current = 0
            else:
                return None
        value = total + current
        if value > MAX_AMOUNT:
            return None
        return int(round(value))

    def parse_amount(self, text: str) -> Amount | None:
        """Parse one amount phrase; None when it is not one."""
        match = self.pattern.fullmatch(text.strip())
        return self._from_match(match) if match else None

    def find_amounts(self, text: str) -> list[Amount]:
        """Every amount in ``text`` with its span, left to right."""
        found = []
        for match in self.pattern.finditer(text):
            amount = self._from_match(match)
            if amount is not None:
                found.append(amount)
        return found

    def _from_match(self, match: re.Match) -> Amount | None:
        span = dict(start=match.start(), end=match.end(), text=match.group(0))
        if match.group("between") or match.group("a1") or match.group("b1"):
            low = self.to_int(match.group("r1") or match.group("a1") or match.group("b1"))
            high = self.to_int(match.group("r2") or match.group("a2") or match.group("b2"))
            if low is None or high is None or low > high:
                return None
            return Amount(low, high, low, "range", **span)
        if match.group("v"):
            entry = self.vague[re.sub(r"\s+", " ", match.group("v").lower())]
            return Amount(entry["low"], entry["high"], entry["best"], "vague", **span)
        if match.group("q"):
            value = self.to_int(match.group("qn"))
            if value is None:
                return None
            qualifier = self.qualifiers[re.sub(r"\s+", " ", match.group("q").lower())]
            return Amount(*_qualified(qualifier, value), qualifier, **span)
        value = self.to_int(match.group("n"))
        if value is None:
            return None
        return Amount(value, value, value, "exact", **span)


def _qualified(qualifier: str, value: int) -> tuple[int | None, int | None, int | None]:
    """Bounds and best for a qualified number (rules documented in docs/claims.md)."""
    if qualifier == "more_than":
        return value + 1, None, value + 1
    if qualifier == "at_least":
        return value, None, value
    if qualifier == "up_to":
        return None, value, value
    if qualifier == "fewer_than":
        return (0 if value > 0 else None), max(value - 1, 0), None
    return value, value, value  # about: the stated figure, qualifier kept
