from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictwatch.models import InputDocument
from conflictwatch.nlp.sentences import split_sentences

WORDS = st.sampled_from(["Two", "people", "were", "killed", "in", "Latakia", "on", "Thursday",
                         "police", "said", "more", "than", "1,000", "hundreds", ".", ",", "\n",
                         "\n\n", "Mr.", "U.S.", "a", "man", "35", "shot", "no", "one", "hurt",
                         "é", "—", "“", "”", "Sunday"])


@given(st.text(max_size=400))
def test_pipeline_sentences_cover_text_exactly(text):
    chunks = split_sentences(text)
    assert "".join(text[s:e] for s, e in chunks) == text
    assert all(s < e for s, e in chunks)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_pipeline_every_span_inside_text(lexical_extractor, text):
    record = lexical_extractor.extract(InputDocument(id="h", text=text,
                                                     published=date(2025, 3, 9)))
    assert record.error is None, record.error
    for claim in record.claims:
        assert 0 <= claim.start < claim.end <= len(record.text)
        assert record.text[claim.start:claim.end] == claim.text
        for lo, hi in ((claim.low, claim.high), (claim.low, claim.best), (claim.best, claim.high)):
            if lo is not None and hi is not None:
                assert lo <= hi
