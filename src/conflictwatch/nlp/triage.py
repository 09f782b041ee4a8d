"""Pick the sentences worth running the model on, with one cheap regular-expression pass.

The naive reading runs the whole model over every character. conflictwatch's own stages are
lexical (amounts, claims, relative dates, the actor dictionary, gazetteer matching); the model
adds named entities (places, organisations, absolute dates) where they matter:

- the lead: the first ``lead`` sentences, where reports say what happened, where and when;
- any later sentence that states a figure (a strong casualty word and a number) and names
  something (a capitalised word inside the sentence: NER finds nothing in one without).

Lexicon: ``patterns/triggers.json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

PATTERNS = Path(__file__).parent / "patterns" / "triggers.json"
_NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?"
    r"|scores|hundreds?|thousands?|several|many|a\s+(?:man|woman|boy|girl|teen\w*|child"
    r"|\d+-year-old))\b", re.IGNORECASE)


_NAME = re.compile(r"(?<=[a-z0-9,;:)]\s)[A-Z][a-z]")


def _compile(stems: list[str]) -> re.Pattern:
    ordered = sorted(set(stems), key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered) + ")",
        re.IGNORECASE,
    )


class Triage:
    """Decides, per sentence, whether the model runs on it."""

    def __init__(self, path: Path = PATTERNS, *, lead: int = 3) -> None:
        lexicon = json.loads(path.read_text(encoding="utf-8"))
        self.casualty = _compile(lexicon["casualty"])
        self.strong = _compile(lexicon["strong_casualty"])
        self.lead = lead

    def select(self, sentences: list[str]) -> list[bool]:
        """For each sentence of a document, in order: run the model on it?"""
        chosen = []
        lead_left = self.lead
        for text in sentences:
            pick = False
            if lead_left > 0 and text.strip():
                lead_left -= 1
                pick = True
            elif self.strong.search(text) and _NUMBER.search(text) and _NAME.search(text):
                pick = True
            chosen.append(pick)
        return chosen

    def may_state_casualties(self, text: str) -> bool:
        """Whether a sentence may state a casualty figure."""
        return self.casualty.search(text) is not None
