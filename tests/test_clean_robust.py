"""Bad input never crashes cleaning; properties of every cleaning, checked by hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictwatch.clean import Cleaned, clean_document, clean_html, clean_text
from conflictwatch.cleaning.sanitize import sanitize_text
from conflictwatch.errors import DocumentError
from conflictwatch.models import InputDocument

FURNITURE = [
    "Leave a Comment", "Share this", "Tweet", "Email", "© Jane Roe/AFP", "(Getty Images)",
    "By Jane Doe", "Staff Writer", "Advertisement", "Sign up for our newsletter",
    "Posted: Friday, January 31, 2014 10:21 AM EST", "RELATED STORIES:", "Close", "---",
    "Copyright 2020 Example News. All rights reserved.", "jdoe@example.com", "Photo: Ann Lee",
]
BODY = [
    "Three people were killed in the attack, officials said.",
    "Police detain a man near the market in Orvan",
    "Council votes on harbour budget",
    "Residents said they heard gunfire all night.",
    "Hundreds killed in clashes on the coast Posted: Monday, May 5, 2025",
    "Micheal",
    "   indented line with trailing spaces   ",
    "",
]
LINES = st.one_of(st.sampled_from(FURNITURE + BODY), st.text(max_size=60))


def _account(original: str, cleaned: Cleaned) -> None:
    """Every input line is kept, removed, or split into a kept head and a removed tail."""
    kept = {line.strip() for line in cleaned.text.split("\n")}
    removed = {r.text for r in cleaned.removed}
    for line in sanitize_text(original).text.split("\n"):
        line = line.strip()
        if not line or line in kept or line in removed:
            continue
        assert any(line.startswith(k) and line.endswith(r) and k for k in kept for r in removed), (
            f"line {line!r} is neither kept nor removed"
        )


def _check(cleaned: Cleaned) -> None:
    for start, end in cleaned.captions:
        assert 0 <= start < end <= len(cleaned.text)
        assert cleaned.text[start:end].strip() == cleaned.text[start:end]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=25))
def test_clean_properties_on_mixed_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        cleaned = clean_text(text)
    except DocumentError:
        return
    _check(cleaned)
    _account(text, cleaned)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_clean_never_raises_on_arbitrary_text(text: str) -> None:
    try:
        cleaned = clean_text(text)
    except DocumentError:
        return
    _check(cleaned)
    _account(text, cleaned)


@pytest.mark.parametrize("text", ["", "   \n\n\t  \n"])
def test_clean_empty_text_warns(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.text == ""
    assert cleaned.warnings == ["empty text"]


def test_clean_nul_and_control_characters_removed_with_warning() -> None:
    cleaned = clean_text("Two men were shot\x00 in Elm Row on Friday, police said.\x07")
    assert cleaned.text == "Two men were shot in Elm Row on Friday, police said."
    assert any("NUL" in w for w in cleaned.warnings)


def test_clean_binary_junk_raises_document_error() -> None:
    junk = bytes(range(256)).decode("latin-1") * 20
    with pytest.raises(DocumentError):
        clean_text(junk)


def test_clean_document_error_names_the_document() -> None:
    document = InputDocument(id="junk-1", text="\x01\x02\x03\x04" * 100)
    with pytest.raises(DocumentError, match="junk-1"):
        clean_document(document)


def test_clean_replacement_characters_warn() -> None:
    cleaned = clean_text("A man was shot in Caf\ufffd Row on Friday, police said.")
    assert any("undecodable" in w for w in cleaned.warnings)


def test_clean_very_long_text_is_cut_with_warning() -> None:
    text = "A man was shot on Main Street, police said.\nShare this\n\n" * 400_000
    cleaned = clean_text(text, max_chars=1_000_000)
    assert any("cut" in w for w in cleaned.warnings)
    assert cleaned.text.startswith("A man was shot on Main Street, police said.")


def test_clean_html_full_of_scripts() -> None:
    script = "<script>var tracker = '" + "x" * 20_000 + "';</script>"
    html = ("<html><head>" + script * 5 + "</head><body>" + script * 20
            + "<p>Two people were killed in a shooting in Dovra on Monday, police said.</p>"
            + "</body></html>")
    cleaned = clean_html(html)
    assert "tracker" not in cleaned.text
    assert "Two people were killed" in cleaned.text


HTML_PARTS = st.one_of(
    st.sampled_from(["<p>", "</p>", "<div>", "<script>", "</script>", "<figcaption>", "<!--",
                     "-->", "<?xml version='1.0' encoding='utf-8'?>", "<title>", "&#0;", "\x00",
                     "<meta charset='nonsense'>"]),
    st.text(max_size=30),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HTML_PARTS, max_size=25))
def test_clean_html_never_raises_on_arbitrary_markup(parts: list[str]) -> None:
    try:
        cleaned = clean_html("".join(parts))
    except DocumentError:
        return
    _check(cleaned)


def test_clean_html_with_xml_declaration() -> None:
    html = ("<?xml version='1.0' encoding='utf-8'?><html><body><article><p>Two people were "
            "killed in a shooting in Dovra on Monday, police said.</p></article></body></html>")
    assert "Two people were killed" in clean_html(html).text


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<<<>>>", "\x00\x00"])
def test_clean_html_degenerate_input(html: str) -> None:
    try:
        cleaned = clean_html(html)
    except DocumentError:
        return
    assert isinstance(cleaned.text, str)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Des centaines de personnes ont été tuées dans des affrontements sur la côte, selon "
         "une ONG qui a publié un bilan.", "fr"),
        ("Cientos de personas han muerto en los enfrentamientos en la costa, según el "
         "observatorio que publicó el balance.", "es"),
        ("Hunderte Menschen sind bei den Kämpfen an der Küste getötet worden, sagte die "
         "Beobachtungsstelle, die auch die Zahl nannte.", "de"),
        ("Сотни людей погибли в столкновениях на побережье, сообщает наблюдательная группа, "
         "которая также назвала число.", "ru"),
        ("قتل مئات الأشخاص في اشتباكات على الساحل، وفقا للمرصد الذي قال إن العدد قد يرتفع بعد",
         "ar"),
        ("Hundreds of people were killed in clashes on the coast, according to a monitor that "
         "said the toll was rising.", "en"),
        ("Kell Orvan Dovra Karsel", None),
    ],
)
def test_clean_language_guess(text: str, language: str | None) -> None:
    cleaned = clean_text(text)
    assert cleaned.language == language
    assert cleaned.removed == []
