"""ACLED's fatality-coding conventions, applied where a figure leaves in ACLED's shape.

Our claims keep what the text says ("dozens" is low 24, best 24; "an unknown number of
soldiers died" has no bounds). ACLED turns such wording into fixed numbers, and a figure
exported as ACLED's ``fatalities`` must follow the same conventions to be comparable:

- the most conservative reported figure (our ``low``) when every account gives a number;
- when the event also carries vague accounts, the most credible specific figure (our
  ``best``, which prefers specific, attributed figures over vague ones);
- with vague accounts only: "tens" 10, "dozens" 12, "hundreds" 100, "thousands" 1,000
  (ACLED's fatality FAQ); "several", "many", "heavy casualties" and deaths reported with no
  number, 10 (the value ACLED's data carries for them; e.g. its Africa 2016 notes "Several
  rebels killed" and "An unknown number of soldiers died" are both coded 10);
- no death claim at all: 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from conflictwatch.models import Claim, Figures

_WORDS = (
    (re.compile(r"\bthousands\b", re.IGNORECASE), 1000),
    (re.compile(r"\bhundreds\b", re.IGNORECASE), 100),
    (re.compile(r"\bdozens?\b", re.IGNORECASE), 12),
    (re.compile(r"\btens\b", re.IGNORECASE), 10),
    (re.compile(r"\b(?:several|many|numerous|multiple|unknown|unspecified|undisclosed"
                r"|undetermined|unconfirmed|unclear|heavy|huge|serious|significant|considerable"
                r"|massive|casualties|losses|fatalities|deaths|number)\b", re.IGNORECASE), 10),
)


def vague_code(claim: Claim) -> int | None:
    """The number ACLED codes for a vague claim's wording, or None when it has no convention
    ("a few", "a handful": their own low stands)."""
    for pattern, value in _WORDS:
        if pattern.search(claim.text or ""):
            return value
    return None


def acled_fatalities(figures: Figures, claims: Iterable[Claim]) -> int:
    """ACLED's ``fatalities`` for one event or incident: its ``figures`` (killed) and the
    claims behind them."""
    killed = [c for c in claims if c.outcome == "killed" and not c.in_caption]
    vague = [c for c in killed if c.qualifier == "vague"]
    if figures.best is not None and any(c.qualifier != "vague" for c in killed):
        return figures.best if vague else (figures.low if figures.low is not None
                                           else figures.best)
    codes = [code for code in map(vague_code, vague) if code is not None]
    if codes:
        return min(codes)
    return figures.low if figures.low is not None else 0
