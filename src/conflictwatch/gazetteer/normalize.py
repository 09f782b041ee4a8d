"""Name normalisation: the keys under which the gazetteer stores and finds names.

Two keys per name:

- ``normalize_name``: case, diacritics, apostrophes, punctuation and a leading article
  ("al-", "el-", "the", assimilated "ash-"/"ar-"...) removed: "Al-Qadmus" -> "qadmus",
  "Tartūs" -> "tartus", "the Hague" -> "hague", "U.S." -> "us".
- ``loose_key``: a transliteration skeleton of that key (vowel runs folded, doubled letters
  single, q -> k, final "h" after a vowel dropped): "Lattakia" and "Latakia", "Tartous" and
  "Tartus", "Raqqah" and "Raqqa" share one.

Two names that share a skeleton are variants of one name (``is_variant``) only when their vowels
agree as transliterations do: "o"/"u" ("Obari"/"Ubari"), "i"/"y" ("Meknassi"/"Meknassy"),
"e" for "a" or "i" ("Derna"/"Darnah", "Ben"/"Bin"), doubled letters ("Garowe"/"Garoowe"). A
different vowel ("Americas"/"Americus", "Kisima"/"Kisumu") or an extra syllable
("Qiang"/"Quyang") makes another name.
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
# the vowel classes of transliterations: "e" renders both "a" and "i"
_VOWEL_CLASS = {"a": "a", "e": "ai", "i": "i", "y": "i", "o": "u", "u": "u"}
# a "y" before a vowel is a consonant ("Quyang"); elsewhere a vowel ("Meknassy", "Shaykh")
_GLIDE_RE = re.compile(r"(?<=[aeiou])y(?=[aeiou])")
_VOWEL_RUN_RE = re.compile(r"(?:[aeiou]|y(?![aeiou]))+")


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


def _split_vowels(word: str) -> tuple[list[str], list[str]]:
    """A word's consonant runs and vowel runs, in order ("y" between vowels is a glide that
    spellings keep or drop: "Qalyubiya"/"Qalyubia")."""
    word = _DOUBLE_RE.sub(r"\1", word.replace("q", "k").replace("ph", "f"))
    word = _GLIDE_RE.sub("", word)
    if len(word) > 3 and word.endswith("h") and word[-2] in "aeiouy":
        word = word[:-1]
    return _VOWEL_RUN_RE.split(word), _VOWEL_RUN_RE.findall(word)


def _vowels_agree(a: str, b: str) -> bool:
    """Two vowel runs that may render the same vowel: at most one letter more or less, and
    first and last letters of a class in common ("ou"/"u", "ei"/"ay"; not "ia"/"ua")."""
    if abs(len(a) - len(b)) > 1:
        return False
    return (bool(set(_VOWEL_CLASS[a[0]]) & set(_VOWEL_CLASS[b[0]]))
            and bool(set(_VOWEL_CLASS[a[-1]]) & set(_VOWEL_CLASS[b[-1]])))


def is_variant(key: str, other: str) -> bool:
    """True when two normalised keys are spellings of one name (see the module docstring):
    the same consonants, and vowels that agree at each place."""
    words, others = key.split(), other.split()
    if len(words) != len(others):
        return False
    for word, each in zip(words, others, strict=True):
        consonants, vowels = _split_vowels(word)
        other_consonants, other_vowels = _split_vowels(each)
        if consonants != other_consonants or len(vowels) != len(other_vowels):
            return False
        if not "".join(consonants) and word != each:
            return False  # "Oie" and "Uaua": no consonant to anchor a variant
        if not all(_vowels_agree(a, b) for a, b in zip(vowels, other_vowels, strict=True)):
            return False
    return True


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
