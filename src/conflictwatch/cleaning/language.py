"""A small language guess from stopwords (ISO 639-1), None when unsure."""

from __future__ import annotations

import re
from collections import Counter

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to in is was that for with on as by at from were have has had "
                    "are this which said after who been their they but not".split()),
    "fr": frozenset("le la les des du et est une un dans pour que qui sur au aux par pas plus "
                    "ont avec ce cette été sont il elle".split()),
    "es": frozenset("el la los las del y en que por con una un para se es al fue como su sus "
                    "más pero han lo ha según".split()),
    "de": frozenset("der die das und ist nicht ein eine von mit den dem des sich auf für im "
                    "wurde sind auch zu bei nach wie".split()),
    "it": frozenset("il la di che e un una per con sono del della dei gli nel alla è non si "
                    "anche ha ai più dopo".split()),
    "pt": frozenset("o a os as de do da dos das e em um uma para com que não no na por foi "
                    "mais ao pelo pela são".split()),
    "nl": frozenset("de het een en van in is op te dat die niet met voor zijn er aan ook als "
                    "werd bij door".split()),
    "ru": frozenset("и в не на что с по из за как от к о для это был была были его их "
                    "он она они также после".split()),
    "ar": frozenset("في من على إلى أن عن مع التي الذي هذا هذه كان قد ما لا بعد وقال حيث "
                    "كما بين أو".split()),
    "tr": frozenset("ve bir bu da de için ile olarak daha çok en gibi ama ancak olan sonra "
                    "kadar göre".split()),
}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE_CHARS = 20_000
_MIN_HITS = 3
_MIN_SHARE = 0.12
_MIN_MARGIN = 1.5


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language with clearly the most stopwords, or None."""
    tokens = [t.casefold() for t in _TOKEN.findall(text[:_SAMPLE_CHARS])]
    if not tokens:
        return None
    scores: Counter[str] = Counter()
    for token in tokens:
        for code, words in STOPWORDS.items():
            if token in words:
                scores[code] += 1
    ranked = scores.most_common(2)
    if not ranked:
        return None
    code, hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if hits < _MIN_HITS or hits / len(tokens) < _MIN_SHARE or hits < runner_up * _MIN_MARGIN:
        return None
    return code
