"""Lines of a page that are not the outlet's account: subheadings, decks and programme notes.

A page's text carries more than the article: a deck under the headline ("Council
votes down ferry fee; operator warns of cuts"), subheadings between sections and,
on a broadcaster's site, the slot its programme airs in. None of them is a statement
of the article; shown as one they read as news the outlet never wrote in its body.
"""

from __future__ import annotations

import re

_ARTICLES = frozenset(["a", "an", "the"])
_MAX_HEADLINE_WORDS = 16
_MIN_DECK_WORDS = 6  # "ABSTRACT.", "Updated.": labels, handled as too short to say anything
_FINAL = re.compile(r"""[.!?…:;]["”’»')\]]*$""")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# "… airs on Harbour FM weekdays from 6:00 a.m. to 9:00 a.m.": when a programme is on, not news
_BROADCAST = re.compile(r"\b(?:airs|broadcasts|is broadcast|streams|is streamed)\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\b", re.IGNORECASE)


def headline_spans(text: str, headline: str | None = None) -> list[tuple[int, int]]:
    """Where the headline-like lines lie in `text`: the headline repeated, the deck under it and
    any subheading."""
    spans: list[tuple[int, int]] = []
    first = True
    for match in re.finditer(r"[^\n]+", text):
        line = match.group().strip()
        if not line:
            continue
        if headline and _same(line, headline):
            spans.append((match.start(), match.end()))  # no one said it: the deck comes after it
            continue
        if _subheading(line) or first and _deck(line):
            spans.append((match.start(), match.end()))
        first = False
    return spans


def programme_note(sentence: str) -> bool:
    """ "Morning Desk airs on Harbour FM weekdays from 6 a.m. to 9 a.m.": the outlet's schedule."""
    return bool(_BROADCAST.search(sentence) and _CLOCK.search(sentence))


def _subheading(line: str) -> bool:
    """A short line that does not end as a sentence does: a heading between sections."""
    return not _FINAL.search(line) and len(line.split()) <= _MAX_HEADLINE_WORDS


def _deck(line: str) -> bool:
    """The line under the headline written in headline grammar: short and without an article
    ("Member of port board says fees must rise"); prose of that length nearly always has one."""
    words = [w.lower() for w in _WORD.findall(line)]
    return _MIN_DECK_WORDS <= len(words) <= _MAX_HEADLINE_WORDS and not _ARTICLES.intersection(words)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().strip(" .") == " ".join(b.split()).casefold().strip(" .")
