"""Line rules: one line of site furniture -> its reason; a body sentence -> kept."""

from __future__ import annotations

import pytest

from conflictwatch.clean import clean_text
from conflictwatch.cleaning.rules import REASONS, classify_line


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Unlock the Editor’s Digest for free", "promo"),
        ("Sign up for one of our email newsletters.", "promo"),
        ("Subscribe today", "promo"),
        ("Already have an account?", "promo"),
        ("Download the KXYZ News app: iPhone | Android", "promo"),
        ("Stay Up To Date, Follow KXYZ On Twitter", "promo"),
        ("Leave a Comment", "comment_prompt"),
        ("Join the conversation", "comment_prompt"),
        ("12 Comments", "comment_prompt"),
        ("0 Pending Comments", "comment_prompt"),
        ("Share this: Facebook", "share"),
        ("Share this", "share"),
        ("Tweet", "share"),
        ("Email", "share"),
        ("Facebook Twitter Email Print", "share"),
        ("You must enter the characters with black color that stand out from the other "
         "characters", "captcha"),
        ("© Mohamad Daboul/EPA-EFE/Shutterstock", "credit"),
        ("(Getty Images)", "credit"),
        ("AP Photo/John Smith", "credit"),
        ("Reuters", "credit"),
        ("EPA-EFE", "credit"),
        ("Photo: Jane Roe", "credit"),
        ("Photo credit: Elm County police", "credit"),
        ("Jane Roe/AFP via Getty Images", "credit"),
        ("By Jane Doe", "byline"),
        ("By: Breaking News Staff", "byline"),
        ("BY JOHN Q. PUBLIC", "byline"),
        ("Staff Writer", "byline"),
        ("The Associated Press contributed to this report.", "byline"),
        ("jdoe@example.com", "contact"),
        ("Twitter: @janedoe", "contact"),
        ("Copyright 2017 KXYZ. All rights reserved.", "copyright"),
        ("© 2016 Example Media Group.", "copyright"),
        ("We use cookies to give you the best experience. By continuing you accept our cookie "
         "policy.", "cookie"),
        ("Posted: Friday, January 31, 2014 10:21 AM EST", "timestamp"),
        ("Updated: Mar 29, 2017 - 4:13 AM", "timestamp"),
        ("Advertisement", "advert"),
        ("Please enable Javascript to watch this video", "media"),
        ("_______________", "separator"),
        ("Close", "navigation"),
        ("Partager", "share"),
        ("Laisser un commentaire", "comment_prompt"),
        ("12 comentarios", "comment_prompt"),
        ("Abonnez-vous à notre newsletter", "promo"),
    ],
)
def test_clean_line_rule_reason(line: str, reason: str) -> None:
    assert classify_line(line) == reason
    assert reason in REASONS


@pytest.mark.parametrize(
    "line",
    [
        "Hundreds of people have been killed in Syria after clashes escalated.",
        "By Tuesday night police had arrested three men.",
        "Police found a sign in the front yard.",
        "The victim was shot in the chest and died at the scene, police said.",
        "Photo: 2 dead, 1 injured in Elm Row shooting",
        "Email records show the officer was warned twice.",
        "Update: 10 dead after the bridge collapsed",
        "Anyone with information can email tips@example.gov or call police.",
        "Share prices fell sharply after the attack on the refinery.",
        "The newsletter of the local mosque reported that 14 people died.",
        "8 a.m.",
        "Trenton",
    ],
)
def test_clean_line_rule_keeps_body(line: str) -> None:
    assert classify_line(line) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lone name right under the title is a byline, unless it recurs (a place label)
        ("Three killed in raid on Velmar market\n\nTomasz\n\nThree people were killed on "
         "Monday when gunmen raided a market in Velmar, officials said.", [("byline", "Tomasz")]),
        ("Three killed in raid on Velmar market\n\nVelmar\n\nThree people were killed on "
         "Monday when gunmen raided a market in Velmar, officials said.", []),
        # a dateline in capitals under the title is not a byline
        ("Three killed in raid on Velmar market\n\nKORVIA\n\nThree people were killed on "
         "Monday when gunmen raided a market, officials said.", []),
        # a list of victims after "More details:" is not a related-links list
        ("Three killed in raid on Velmar market\n\nThree people were killed on Monday when "
         "gunmen raided a market in Velmar, officials said.\n\nMore details:\n\n"
         "Anton Perl, 34\n\nMira Sol, 29", []),
        # a related-links header and its headline-like items, up to the next real sentence
        ("Man shot on Dock Street\n\nA man was shot on Dock Street on Sunday, police said.\n\n"
         "Related:\n\nCouncil votes on harbour budget\n\nFerry fares to rise in May\n\n"
         "Police said the man was expected to survive.",
         [("related_links", "Related:"), ("related_links", "Council votes on harbour budget"),
          ("related_links", "Ferry fares to rise in May")]),
        # a repeated paragraph: the second copy goes
        ("Two injured in Kell bus crash\n\nTwo people were injured when a bus left the road.\n\n"
         "Two people were injured when a bus left the road.",
         [("duplicate", "Two people were injured when a bus left the road.")]),
    ],
)
def test_clean_context_rules(text: str, expected: list[tuple[str, str]]) -> None:
    cleaned = clean_text(text)
    assert [(r.reason, r.text) for r in cleaned.removed] == expected


def test_clean_caption_next_to_credit_is_marked_and_kept() -> None:
    text = ("Clashes in Orvan leave five dead\n\nFive people died in clashes in Orvan on Friday, "
            "medics said.\n\nProtesters gather near the Orvan town hall\n(Getty Images)\n\n"
            "The army said it had restored order.")
    cleaned = clean_text(text)
    spans = [cleaned.text[s:e] for s, e in cleaned.captions]
    assert spans == ["Protesters gather near the Orvan town hall"]
    assert [(r.reason, r.text) for r in cleaned.removed] == [("credit", "(Getty Images)")]


def test_clean_inline_stamp_cut_from_title_line() -> None:
    text = ("Two shot near Pell Square Posted: Monday, May 5, 2025 5:36 PM EDT\n\n"
            "Two people were shot near Pell Square on Monday, police said.")
    cleaned = clean_text(text)
    assert cleaned.title == "Two shot near Pell Square"
    assert cleaned.text.startswith("Two shot near Pell Square\n")
    assert [r.reason for r in cleaned.removed] == ["timestamp"]
    assert str(cleaned.published) == "2025-05-05"
