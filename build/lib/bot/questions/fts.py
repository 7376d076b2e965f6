"""Build FTS5 expressions from extracted words; user text never reaches MATCH raw.

Each word becomes an FTS5 string ("..." with inner quotes doubled), so operators
such as OR, NEAR( or * typed by a user are searched as plain words. A question
yields at most MAX_TERMS terms: an OR keeps its first ones (a narrower search),
and an AND with more is not built at all (`too_many_terms`), since cutting it
would widen what it matches.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERMS = 24  # far above any real question (at most 8 topic words), far below a costly MATCH


def fts_string(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def any_of(words: list[str], prefix: bool = True) -> str | None:
    """An OR of the words (prefix match for words of 4+ letters), or None if none is left."""
    return " OR ".join(_terms(words, prefix)[:MAX_TERMS]) or None


def all_of(words: list[str]) -> str | None:
    """An AND of the words, each matched by its stem ('regrouping' finds 'regroup', 'Zelenskyy' 'Zelensky').

    Callers check `too_many_terms` first; past the cap this keeps the first terms only."""
    return " AND ".join(_terms(words, prefix=True, stem=True)[:MAX_TERMS]) or None


def too_many_terms(words: list[str]) -> bool:
    """More search terms than MAX_TERMS (hyphen chains such as 'a-b-c-…' split into many)."""
    return len(_terms(words, prefix=True, stem=True)) > MAX_TERMS


# endings cut before a prefix match, longest first; the stem keeps at least four letters
_ENDINGS = ("ing", "ies", "ed", "es", "yy", "s", "y")


def _stem(token: str) -> str:
    for ending in _ENDINGS:
        if token.lower().endswith(ending) and len(token) - len(ending) >= 4:
            return token[: -len(ending)]
    return token


def _terms(words: list[str], prefix: bool, stem: bool = False) -> list[str]:
    """Unique terms in order; the scan stops one past the cap, so a flood of words costs no more."""
    terms: dict[str, None] = {}
    for word in words:
        for token in _TOKEN.findall(word):
            if len(token) < 2:
                continue
            token = _stem(token) if stem else token
            terms.setdefault(fts_string(token) + ("*" if prefix and len(token) >= 4 else ""))
            if len(terms) > MAX_TERMS:
                return list(terms)
    return list(terms)
