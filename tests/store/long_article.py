"""An invented article as long as the bot keeps, full of distinct words, with sentences placed in it.

Distinct words are the hard case for PostgreSQL's tsvector: each is a lexeme of its own, so the
index is as large as it gets, and past 16,383 words there are no more positions to give.
"""

from __future__ import annotations

import itertools

from bot.models import Analysis, Article, Quote, Speaker
from bot.store.search import tokens

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
TITLE = "Harbour ledger, the long edition"
LAST_PLACE = 16383  # PostgreSQL's last position in a tsvector
TAIL = "At the end of the day Marta Olsen, the port authority chief, said: “The grain corridor reopens on Monday.”"
STATEMENT = "The grain corridor reopens on Monday."


def filler(syllables: int) -> itertools.chain[str]:
    """Invented words that never repeat (and never meet an English one)."""
    return ("".join(parts) for parts in itertools.product(SYLLABLES, repeat=syllables))  # type: ignore[return-value]


def long_text(max_bytes: int, syllables: int = 3) -> str:
    """Filler to within a few bytes of `max_bytes`, with three things placed in it:

    - "lantern" as the word at position 16382 and "keeper" far past it (its position clamped
      to 16383), so an index that believed positions would find the phrase "lantern keeper",
      which the text does not hold;
    - TAIL, Marta Olsen's statement, as the last sentence.
    """
    words = filler(syllables)
    intro = "Harbour pilots met at dawn."
    first = len(tokens(TITLE)) + 2  # the text's first position: after the title's and a gap
    head = [next(words) for _ in range(LAST_PLACE - 1 - first - len(tokens(intro)))]
    parts = [intro, *head, "lantern"]
    assert len(tokens(TITLE)) + 1 + len(tokens(" ".join(parts))) == LAST_PLACE - 1  # where "lantern" stands
    size = sum(len(p.encode()) + 1 for p in parts) + len(TAIL.encode()) + len(" keeper")
    for n, word in enumerate(words):
        if size + len(word) + 1 > max_bytes:
            break
        parts.append(word)
        size += len(word) + 1
        if n == 1000:
            parts.append("keeper")
    text = " ".join(parts) + " " + TAIL
    assert max_bytes - 20 < len(text.encode()) <= max_bytes
    return text


def long_article(max_bytes: int, url: str = "https://ledger.example/long", syllables: int = 3) -> Article:
    """The long article, with Marta Olsen's statement at its end analysed as a direct quote."""
    text = long_text(max_bytes, syllables)
    start = text.index(STATEMENT)
    quote = Quote("direct", STATEMENT, start, start + len(STATEMENT), "Marta Olsen", "the port authority chief")
    speaker = Speaker("Marta Olsen", "the port authority chief")
    return Article(
        url=url,
        text=text,
        title=TITLE,
        outlet="Ledger",
        analysis=Analysis(quotes=(quote,), speakers=(speaker,)),
    )
