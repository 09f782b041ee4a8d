"""Name normalisation: the keys under which the gazetteer stores and finds names.

Two keys per name:

- ``normalize_name``: case, diacritics, apostrophes, punctuation and a leading article
  ("al-", "el-", "the", assimilated "ash-"/"ar-"...) removed: "Al-Qadmus" -> "qadmus",
  "Tartūs" -> "tartus", "the Hague" -> "hague", "U.S." -> "us".
- ``loose_key``: a transliteration skeleton of that key (vowel runs folded, doubled letters
  single, q -> k, final "h" after a vowel dropped): "Lattakia" and "Latakia", "Tartous" and
  "Tartus", "Raqqah" and "Raqqa" share one.
"""

from __future__ import annotations

import re
import unicodedata

ARTICLES = frozenset({"al", "el", "the", "ad", "adh", "ar", "as", "ash", "at", "an", "az", "ath"})
# articles that are also common English words: stripped only when hyphenated ("as-Suwayda")
_HYPHEN_ONLY = frozenset({"as", "at", "an"})
ADMIN_WORDS = frozenset(
    {
        "governorate", "province", "district", "region", "municipality", "prefecture",
        "oblast", "state", "department", "county", "muhafazat", "mintaqat", "nahiyat",
        "subdistrict", "rayon", "raion", "parish", "canton", "emirate", "territory",
        "division", "zone", "wilaya", "wilayah", "krai", "kray",
    }
)
# "District of Columbia" is a proper name: no one calls it "Columbia" (an ordinary district's
# bare name comes from its English display name, "Lisbon" for "District of Lisbon")
PROPER_PREFIX = "district of "
_APOSTROPHES = "'’‘`´ʻʼʽʾʿ"
_APOS_RE = re.compile(f"[{_APOSTROPHES}]")
_POSSESSIVE_RE = re.compile(f"[{_APOSTROPHES}]s$")
_DOTTED_RE = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_NON_WORD_RE = re.compile(r"[^0-9a-z]+")
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                       "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
                       "ħ": "h", "Ħ": "H", "þ": "th", "ð": "d"})
_VOWELS_RE = re.compile(r"[aeiouy]+")
_DOUBLE_RE = re.compile(r"([a-z])\1+")


def fold_text(text: str) -> str:
    """Strip diacritics and fold special letters, keeping case and punctuation."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` folds to ASCII (Latin script)."""
    return all(ord(ch) < 128 for ch in fold_text(text) if ch.isalpha())


def normalize_name(text: str) -> str:
    """The exact lookup key of a place name."""
    folded = _POSSESSIVE_RE.sub("", fold_text(text).strip())
    folded = _APOS_RE.sub("", folded)
    folded = _DOTTED_RE.sub(lambda m: m.group(1).replace(".", ""), folded)
    words = _NON_WORD_RE.sub(" ", folded.lower()).split()
    if len(words) > 1 and words[0] in ARTICLES:
        hyphenated = re.match(rf"\s*{words[0]}\s*-", folded, flags=re.IGNORECASE)
        if words[0] not in _HYPHEN_ONLY or hyphenated:
            words = words[1:]
    return " ".join(words)


def loose_key(key: str) -> str:
    """The transliteration skeleton of a normalised key."""
    out = []
    for word in key.split():
        word = word.replace("q", "k").replace("ph", "f")
        word = _VOWELS_RE.sub("a", word)
        word = _DOUBLE_RE.sub(r"\1", word)
        if len(word) > 3 and word.endswith("ah"):
            word = word[:-1]
        out.append(word)
    return " ".join(out)


def strip_admin_word(key: str) -> str | None:
    """"tartus governorate" -> "tartus"; "governorate of tartus" -> "tartus"; else None."""
    words = key.split()
    if len(words) < 2:
        return None
    if words[-1] in ADMIN_WORDS:
        rest = words[:-1]
    elif words[0] in ADMIN_WORDS and len(words) > 2 and words[1] == "of":
        rest = words[2:]
    else:
        return None
    if rest and rest[0] in ARTICLES and len(rest) > 1:
        rest = rest[1:]
    return " ".join(rest) or None


def name_keys(name: str, *, admin: bool = False) -> set[str]:
    """Every exact key a name is stored under (admin areas also without "Province" etc.)."""
    key = normalize_name(name)
    keys = {key} if key else set()
    words = key.split()
    if len(words) > 1 and words[0] in ARTICLES:
        keys.add(" ".join(words[1:]))
    if admin:
        for each in list(keys):
            stripped = strip_admin_word(each)
            if stripped and not each.startswith(PROPER_PREFIX):
                keys.add(stripped)
    return keys
