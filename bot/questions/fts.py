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
    return " OR ".join(_terms(words, prefix)) or None


def all_of(words: list[str]) -> str | None:
    """An AND of the words, each matched by its stem ('regrouping' finds 'regroup', 'Zelenskyy' 'Zelensky')."""
    return " AND ".join(_terms(words, prefix=True, stem=True)) or None


# endings cut before a prefix match, longest first; the stem keeps at least four letters
_ENDINGS = ("ing", "ies", "ed", "es", "yy", "s", "y")


def _stem(token: str) -> str:
    for ending in _ENDINGS:
        if token.lower().endswith(ending) and len(token) - len(ending) >= 4:
            return token[: -len(ending)]
    return token


def _terms(words: list[str], prefix: bool, stem: bool = False) -> list[str]:
    terms: list[str] = []
    for word in words:
        for token in _TOKEN.findall(word):
            if len(token) < 2:
                continue
            token = _stem(token) if stem else token
            terms.append(fts_string(token) + ("*" if prefix and len(token) >= 4 else ""))
    return list(dict.fromkeys(terms))
