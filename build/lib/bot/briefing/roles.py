"""A speaker's role as a briefing shows it: what the article says the person is.

Two things the quote engine can hand us are not roles a reader can use: a
courtesy title alone ("Mr", "Dr", "Sir") says nothing about the person, and a
title cut short ("minister" out of "Deputy trade minister Selin Aydan") says
something else. The first is dropped; the second is read whole from the
article, where the words before the role still belong to it.
"""

from __future__ import annotations

import re

from bot.models import Quote
from bot.quotes.lexicon import CUE_VERBS

COURTESY_TITLES = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "madam", "mme", "mlle", "herr"]
)
# words that end a title when reading back from it: they start the clause, not the role
_NOT_TITLE = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "nor",
        "by",
        "with",
        "for",
        "to",
        "in",
        "on",
        "at",
        "from",
        "as",
        "of",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "when",
        "while",
        "because",
        "since",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "also",
        "then",
        "yesterday",
        "today",
        "tonight",
        "earlier",
        "later",
        "now",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "this",
        "these",
        "those",
        "there",
        "here",
        "not",
        "no",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "can",
        "did",
        "does",
        "do",
        "according",
        "told",
    ]
)
_MAX_EXTRA_WORDS = 4
_WINDOW = 5000  # characters either side of the quote searched for the speaker's naming
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’.-]*)\s+$")


def presentable_role(quote: Quote, text: str) -> str | None:
    """The role to print beside the speaker's name, or None when there is none worth printing."""
    role = " ".join((quote.speaker_role or "").split())
    if not role or role.lower().strip(".") in COURTESY_TITLES:
        return None
    if quote.speaker and role[0].islower():
        role = _whole_title(role, quote.speaker, text, quote.start) or role
    return _ends_whole(role, text) or None


def _ends_whole(role: str, text: str) -> str:
    """The role without a word cut short ('… and is now president o') or a dangling last word
    ('… and the editor of'): a reader would take the cut for the article's words."""
    words = role.split()
    at = text.find(role)
    if at >= 0 and text[at + len(role) : at + len(role) + 1].isalpha() and text.find(role + " ") < 0:
        words = words[:-1]  # every use in the article runs on: the last word was cut
    while words and words[-1].lower().strip(",") in _NOT_TITLE:
        words = words[:-1]
    return " ".join(words)


def _whole_title(role: str, speaker: str, text: str, near: int) -> str | None:
    """'minister' + 'Selin Aydan' in '… Deputy trade minister Selin Aydan said …' -> 'Deputy trade minister'."""
    # the naming is near the quote (same or an earlier paragraph); looking only there keeps a long page cheap
    offset = max(0, near - _WINDOW)
    found = [offset + m.start() for m in re.finditer(re.escape(f"{role} {speaker}"), text[offset : near + _WINDOW])]
    if not found:
        return None
    start = min(found, key=lambda at: abs(at - near))
    words: list[str] = []
    before = text[:start]
    while len(words) < _MAX_EXTRA_WORDS and (m := _WORD_BEFORE.search(before)):
        word = m.group(1)
        if word.lower() in _NOT_TITLE or word.lower() in CUE_VERBS or word.endswith("."):
            break
        words.insert(0, word)
        before = before[: m.start()]
    return " ".join([*words, role]) if words else None
