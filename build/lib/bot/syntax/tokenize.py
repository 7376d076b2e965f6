"""Splitting a stretch of text into the words the treebank uses, with offsets.

UD English splits clitics ("do" + "n't", "it" + "'s"), hyphens ("15", "-",
"year") and every punctuation mark, and keeps abbreviations whole ("U.S.",
"Mr."). Offsets let the parse be mapped back onto the article.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., a.m.
    r"|\d+(?:[.,:/]\d+)*"  # 1,000  3.5  9/11  10:30
    r"|[^\W\d_](?:[\w\u0300-\u036f]|[’'](?=\w))*"  # words, with inner apostrophes (O'Brien, don't)
    r"|\w+"
    r"|\.\.\.|--|[^\w\s]"
)
_CLITIC = re.compile(r"(?i)(?:n[’']t|[’'](?:s|re|ve|ll|d|m))$")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gov",
        "sen",
        "rep",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "prof",
        "rev",
        "inc",
        "corp",
        "co",
        "ltd",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "mt",
        "ft",
    ]
)


class Word(NamedTuple):
    text: str
    start: int
    end: int


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    end = len(text) if end is None else end
    out: list[Word] = []
    for m in _TOKEN.finditer(text, start, end):
        w, a, b = m.group(), m.start(), m.end()
        if w.isalpha() and w.lower() in _ABBREVIATIONS and b < end and text[b] == ".":
            out.append(Word(w + ".", a, b + 1))
            continue
        if out and w == "." and out[-1].end == a and out[-1].text.endswith("."):
            continue  # the period of "Mr." taken already
        c = _CLITIC.search(w) if len(w) > 2 else None
        if c and c.start() > 0:
            cut = a + c.start()
            out.append(Word(w[: c.start()], a, cut))
            out.append(Word(w[c.start() :], cut, b))
        else:
            out.append(Word(w, a, b))
    return out
