"""Per-doc token attributes as plain Python lists, read from ``Doc.to_array`` in one call.

The places stage touches each token's text, case, punctuation and stop flags many times;
creating a spaCy ``Token`` object per access (or even once per token) was most of its cost.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc

_ATTRS = [IDX, LENGTH, SPACY, IS_PUNCT, IS_STOP, SENT_START]


class TokenView:
    """``text``, ``text_ws``, ``lower``, ``cap``, ``punct``, ``stop``, ``sent_start`` per token."""

    def __init__(self, doc: Doc) -> None:
        source = doc.user_data.get("cw_text") or doc.text  # Doc.text joins every token
        table = doc.to_array(_ATTRS).astype("int64").reshape(len(doc), len(_ATTRS))
        self.text = [source[start:start + length] for start, length
                     in zip(table[:, 0].tolist(), table[:, 1].tolist(), strict=True)]
        self.text_ws = [text + " " if space else text
                        for text, space in zip(self.text, (table[:, 2] == 1).tolist(),
                                               strict=True)]
        self.lower = [text.lower() for text in self.text]
        self.cap = [text[:1].isupper() for text in self.text]
        self.punct = (table[:, 3] == 1).tolist()
        self.stop = (table[:, 4] == 1).tolist()
        self.sent_start = (table[:, 5] == 1).tolist()
        if self.sent_start:
            self.sent_start[0] = True  # spaCy: the first token always starts a sentence
        self.n = len(self.text)

    @classmethod
    def of(cls, doc: Doc) -> TokenView:
        """The doc's view, built once (the places stage and its country cues share it)."""
        view = doc.user_data.get("cw_token_view")
        if view is None or view.n != len(doc):
            view = doc.user_data["cw_token_view"] = cls(doc)
        return view

    def surface(self, start: int, end: int) -> str:
        return "".join(self.text_ws[start:end - 1]) + self.text[end - 1]
