"""Build FTS5 expressions from extracted words; user text never reaches MATCH raw.

Each word becomes an FTS5 string ("..." with inner quotes doubled), so operators
such as OR, NEAR( or * typed by a user are searched as plain words.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def fts_string(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def any_of(words: list[str], prefix: bool = True) -> str | None:
    """An OR of the words (prefix match for words of 4+ letters), or None if none is left."""
    terms: list[str] = []
    for word in words:
        for token in _TOKEN.findall(word):
            if len(token) < 2:
                continue
            terms.append(fts_string(token) + ("*" if prefix and len(token) >= 4 else ""))
    return " OR ".join(dict.fromkeys(terms)) or None
