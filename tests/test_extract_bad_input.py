"""Bad input gives a record with an error or warnings, never a crash or a lost batch."""

from datetime import date

import pytest

from conflictwatch.config import Settings
from conflictwatch.extract import Extractor, extract_documents
from conflictwatch.ingest import read_inputs
from conflictwatch.models import InputDocument


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("", "empty"),
        ("   \n\t\n  ", "empty"),
        ("Le gouvernement a annoncé mardi que les élections auront lieu en mars, selon le "
         "ministre de l'Intérieur, qui a également évoqué la sécurité dans le pays.", "language"),
    ],
)
def test_extract_empty_or_foreign_text_warns(lexical_extractor, text, warning):
    record = lexical_extractor.extract(InputDocument(id="x", text=text))
    assert record.error is None
    assert any(warning in w for w in record.warnings), record.warnings
    assert record.claims == []


def test_extract_html_full_of_scripts(lexical_extractor):
    html = ("<html><head><script>" + "var a = 1;" * 20000 + "</script></head><body><article>"
            "<h1>Blast kills four</h1><p>A blast killed four people in the market on Tuesday, "
            "police said.</p></article><script>alert('x')</script></body></html>")
    record = lexical_extractor.extract(InputDocument(id="h", html=html,
                                                     published=date(2024, 5, 2)))
    assert record.error is None
    assert "var a" not in record.text
    assert [(c.outcome, c.best) for c in record.claims] == [("killed", 4)]


def test_extract_huge_text_is_cut_with_a_warning(settings):
    small = Settings(**{**settings.model_dump(), "max_chars": 50_000})
    text = ("Two people were killed in the attack, police said. " * 400_000)  # ~20 MB
    record = Extractor(small, nlp=_lexical(small)).extract(InputDocument(id="big", text=text))
    assert record.error is None
    assert len(record.text) <= 50_000
    assert any("cut" in w for w in record.warnings)


def _lexical(settings):
    from conflictwatch.nlp.pipeline import build_nlp

    return build_nlp(settings, components=["cw_dates", "cw_claims"])


def test_extract_bad_files_never_lose_the_batch(tmp_path, lexical_extractor):
    (tmp_path / "a.txt").write_text("Report\n\nThree people were killed, police said.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 2000)  # binary
    (tmp_path / "c.txt").write_bytes(b"Five people were injured.\n" + b"\xff\xfe\xfa")
    batch = tmp_path / "d.jsonl"
    batch.write_text('{"id": "ok", "text": "One man was killed."}\n{not json}\n'
                     '{"id": "missing-body"}\n{"id": "ok2", "text": "No one was hurt."}\n')
    items = list(read_inputs([tmp_path / n for n in ("a.txt", "b.txt", "c.txt", "d.jsonl")]))
    records = list(extract_documents(items, extractor=lexical_extractor))
    assert len(records) == 7
    failed = [r for r in records if r.error]
    assert len(failed) == 3  # the binary file, the broken line, the line without a body
    assert all(r.error.startswith("[CW") for r in failed)
    ok = {r.id: r for r in records if not r.error}
    assert [c.best for c in ok["a.txt"].claims] == [3]
    assert any("decod" in w.lower() or "replac" in w.lower() for w in ok["c.txt"].warnings)
