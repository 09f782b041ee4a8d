"""Boilerplate removal, in small modules; the public entry points live in ``conflictwatch.clean``.

- ``sanitize.py``: control characters, line ends, binary detection.
- ``rules.py``: one line at a time: does this line look like site furniture, and why.
- ``layout.py``: rules that need context (title, byline, captions, related links, duplicates).
- ``language.py``: a small stopword-based language guess.
- ``html.py``: HTML to text and metadata through trafilatura and htmldate.
"""
