"""Properties checked by hypothesis over generated input: cleaning, amounts, claims on
generated sentences, date resolution, and the offsets of places and events.

The properties already in test_clean_robust.py (every line kept or removed, captions),
test_numbers_parse.py (find_amounts spans, digit round trip) and test_pipeline_offsets.py
(sentences cover the text, claim spans on word salad) are not repeated here.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conflictwatch.clean import clean_text
from conflictwatch.cleaning.sanitize import sanitize_text
from conflictwatch.errors import DocumentError
from conflictwatch.models import DocumentRecord, InputDocument
from conflictwatch.nlp.dates import WEEKDAYS, DateResolver
from conflictwatch.nlp.numbers import MAX_AMOUNT, AmountParser
from test_clean_robust import LINES

PARSER = AmountParser()
RESOLVER = DateResolver()
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
QUALIFIERS = {
    "exact": [""], "more_than": ["more than", "over", "upwards of", "in excess of"],
    "at_least": ["at least", "no fewer than", "a minimum of"],
    "about": ["about", "around", "nearly", "approximately", "an estimated"],
    "up_to": ["up to", "as many as", "at most"], "fewer_than": ["fewer than", "less than"],
}
MONTH_NAMES = "January February March April May June July August September October November " \
              "December".split()
PLACES = ["Homs", "Aleppo", "Kabul", "Mosul", "Mogadishu", "Tillia", "Maiduguri", "Kharkiv"]
PUBLISHED = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


def spell(n: int) -> str:
    """An integer below 1,000 in English words ("three hundred and forty-two")."""
    hundreds, rest = divmod(n, 100)
    words = [f"{UNITS[hundreds]} hundred"] if hundreds else []
    if rest or not words:
        tens, unit = divmod(rest, 10)
        below = UNITS[rest] if rest < 20 else TENS[tens - 2] + (f"-{UNITS[unit]}" if unit else "")
        words.append(("and " if words else "") + below)
    return " ".join(words)


def ordered(low: int | None, best: int | None, high: int | None) -> bool:
    """low <= best <= high wherever both sides are known."""
    pairs = ((low, best), (best, high), (low, high))
    return all(a <= b for a, b in pairs if a is not None and b is not None)


# ---------------------------------------------------------------- cleaning


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=25).map("\n".join))
def test_properties_clean_again_never_brings_text_back(text: str) -> None:
    """Cleaning is not idempotent (a byline is only seen as one once the furniture around it
    is gone), but a second pass only ever removes: every line it keeps was kept before."""
    try:
        once = clean_text(text)
    except DocumentError:
        return
    twice = clean_text(once.text, title=once.title)
    kept = set(once.text.split("\n"))
    assert all(line in kept for line in twice.text.split("\n"))


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.lists(LINES, max_size=25).map("\n".join), st.text(max_size=300)))
def test_properties_clean_output_is_plain_text_and_removed_pieces_are_the_input(text) -> None:
    try:
        cleaned = clean_text(text)
    except DocumentError:
        return
    assert isinstance(cleaned.text, str)
    assert not any(ch in cleaned.text for ch in "\r\x00\x0b\x0c\x1b\x7f\u2028")
    assert cleaned.text == cleaned.text.strip("\n") and "\n\n\n" not in cleaned.text
    sanitized = sanitize_text(text).text
    assert all(item.text in sanitized for item in cleaned.removed)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=2000), st.integers(min_value=1, max_value=500))
def test_properties_clean_never_returns_more_than_max_chars(text: str, limit: int) -> None:
    try:
        cleaned = clean_text(text, max_chars=limit)
    except DocumentError:
        return
    assert len(cleaned.text) <= limit
    assert (len(text) > limit) == any("cut" in w for w in cleaned.warnings)


# ---------------------------------------------------------------- amounts


@given(st.integers(min_value=0, max_value=999))
def test_properties_amount_words_round_trip(n: int) -> None:
    amount = PARSER.parse_amount(spell(n))
    assert amount is not None and (amount.low, amount.best, amount.high) == (n, n, n)
    if n:  # ("zero thousand" reads as a thousand: "a thousand" and "thousand" must)
        assert PARSER.to_int(f"{spell(n)} thousand") == n * 1000


@given(st.sampled_from([(q, p) for q, phrases in QUALIFIERS.items() for p in phrases if p]),
       st.integers(min_value=1, max_value=99_999), st.booleans())
def test_properties_amount_qualifiers_bound_the_figure(qualified, n: int, words: bool) -> None:
    qualifier, phrase = qualified
    number = spell(n) if words and n < 1000 else f"{n:,}"
    amount = PARSER.parse_amount(f"{phrase} {number}")
    assert amount is not None and amount.qualifier == qualifier
    assert ordered(amount.low, amount.best, amount.high)
    expected = {"more_than": (n + 1, n + 1, None), "at_least": (n, n, None),
                "about": (n, n, n), "up_to": (None, n, n), "fewer_than": (0, None, n - 1)}
    assert (amount.low, amount.best, amount.high) == expected[qualifier]


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_properties_amount_ranges_are_ordered_or_refused(a: int, b: int) -> None:
    for text in (f"between {a:,} and {b:,}", f"{a}-{b}", f"{a} to {b}"):
        amount = PARSER.parse_amount(text)
        if a <= b:
            assert amount is not None and (amount.low, amount.high) == (a, b), text
        else:
            assert amount is None, text


@given(st.text(max_size=200))
def test_properties_amount_parse_never_raises_and_is_bounded(text: str) -> None:
    amount = PARSER.parse_amount(text)
    if amount is not None:
        assert ordered(amount.low, amount.best, amount.high)
        assert all(v is None or 0 <= v <= MAX_AMOUNT + 1
                   for v in (amount.low, amount.best, amount.high))


# ---------------------------------------------------------------- claims on generated sentences


SENTENCES = st.fixed_dictionaries({
    "qualifier": st.sampled_from([(q, p) for q, phrases in QUALIFIERS.items() for p in phrases]),
    "n": st.integers(min_value=2, max_value=5000),
    "words": st.booleans(),
    "victims": st.sampled_from(["people", "civilians", "soldiers", "villagers", "protesters"]),
    "verb": st.sampled_from([("killed", "killed"), ("wounded", "injured"),
                             ("injured", "injured")]),
    "place": st.sampled_from(PLACES),
    "day": st.sampled_from(list(WEEKDAYS)),
    "source": st.sampled_from(["police said", "officials said", "a local monitor said"]),
    "before": st.sampled_from(["", "Residents heard gunfire all night. ",
                               "Clashes spread along the coast.\n\n"]),
})


def figure_sentence(parts: dict) -> tuple[str, str]:
    """The sentence, and the amount phrase as written in it."""
    qualifier, phrase = parts["qualifier"]
    number = spell(parts["n"]) if parts["words"] and parts["n"] < 1000 else f"{parts['n']:,}"
    amount = f"{phrase} {number}".strip()
    text = (f"{parts['before']}{amount[0].upper()}{amount[1:]} {parts['victims']} were "
            f"{parts['verb'][0]} in {parts['place']} on {parts['day'].title()}, "
            f"{parts['source']}.")
    return text, amount


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(SENTENCES, PUBLISHED)
def test_properties_claim_read_from_a_generated_sentence(lexical_extractor, parts,
                                                         published) -> None:
    text, amount = figure_sentence(parts)
    record = lexical_extractor.extract(InputDocument(id="p", text=text, published=published))
    assert record.error is None, record.error
    assert len(record.claims) == 1, (text, record.claims)
    (claim,) = record.claims
    n = parts["n"]
    assert claim.outcome == parts["verb"][1]
    assert claim.qualifier == parts["qualifier"][0]
    assert ordered(claim.low, claim.best, claim.high)
    assert n in (claim.low, claim.best, claim.high, (claim.low or 0) - 1, (claim.high or 0) + 1)
    assert 0 <= claim.start < claim.end <= len(record.text)
    assert record.text[claim.start:claim.end] == claim.text
    assert amount.lower() in claim.text.lower()


# ---------------------------------------------------------------- dates


@given(st.sampled_from(list(WEEKDAYS)), PUBLISHED, st.sampled_from(["on ", "", "early "]))
def test_properties_weekday_is_the_last_one_on_or_before_publication(day, published,
                                                                     lead) -> None:
    value = RESOLVER.resolve(f"{lead}{day.title()}", published)
    assert value is not None and value.start == value.end
    assert published - timedelta(days=6) <= value.start <= published
    assert value.start.weekday() == WEEKDAYS[day]


@given(st.integers(min_value=1, max_value=12), PUBLISHED, st.sampled_from(["in ", "", "late "]))
def test_properties_month_is_the_last_one_starting_on_or_before_publication(month, published,
                                                                            lead) -> None:
    value = RESOLVER.resolve(f"{lead}{MONTH_NAMES[month - 1]}", published)
    assert value is not None and value.start.month == month and value.start.day == 1
    assert value.start <= published < value.start.replace(year=value.start.year + 1)
    assert value.end.month == month and (value.end + timedelta(days=1)).day == 1


@given(st.sampled_from(["yesterday", "last night", "today", "this morning", "last week",
                        "this week", "last month", "this month", "last weekend"]), PUBLISHED)
def test_properties_relative_dates_never_end_after_publication(phrase, published) -> None:
    value = RESOLVER.resolve(phrase, published)
    assert value is not None and value.start <= value.end <= published
    assert published - value.start <= timedelta(days=62)


# ---------------------------------------------------------------- places and events


def check_offsets(record: DocumentRecord) -> None:
    """Every span a record carries lies inside its text and says what it quotes."""
    size = len(record.text)
    for claim in record.claims:
        assert 0 <= claim.start < claim.end <= size
        assert record.text[claim.start:claim.end] == claim.text
    for place in record.places:
        assert 0 <= place.start < place.end <= size
        assert record.text[place.start:place.end] == place.name
    for index, event in enumerate(record.events):
        assert all(0 <= s.start < s.end <= size for s in event.evidence)
        assert all(record.claims[i].event == index for i in event.claims)
        for figures in (event.fatalities, event.injured):
            assert ordered(figures.low, figures.best, figures.high)
        if record.published and event.date_end:
            assert event.date_start <= event.date_end <= record.published


@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES)
@given(st.lists(SENTENCES, min_size=1, max_size=4), PUBLISHED,
       st.sampled_from(["", "Attack in the north\n\n", "\u00a0", "“Breaking” — "]))
def test_properties_places_claims_and_events_index_the_text(extractor, sentences, published,
                                                            head) -> None:
    text = head + " ".join(figure_sentence(parts)[0] for parts in sentences)
    record = extractor.extract(InputDocument(id="p", text=text, published=published))
    assert record.error is None, record.error
    assume(record.claims)
    check_offsets(record)
    named = {place.name for place in record.places}  # so the place offsets were checked
    assert named & {parts["place"] for parts in sentences}, (text, named)
