"""Sentence spans of a text, aware of abbreviations and quotation marks.

A boundary is a . ! or ? (optionally followed by closing quotes/brackets)
then whitespace, never inside a quotation span and never after a known
abbreviation or a single initial. Line breaks always end a sentence:
paragraphs, list items and headlines stand alone.
"""

from __future__ import annotations

import bisect

from bot.quotes.marks import QuoteSpan

_ABBREV = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col capt sgt st jr sr vs inc corp co ltd
    jan feb mar apr jun jul aug sep sept oct nov dec no pres rev gov. u.s a.m p.m
    etc e.g i.e ft mt maj adm cmdr supt dept est approx""".split()
)
_CLOSERS = "”’\"')]»"


def _inside(quotes: list[QuoteSpan], starts: list[int], i: int) -> bool:
    k = bisect.bisect_right(starts, i) - 1
    return k >= 0 and quotes[k].start <= i < quotes[k].end


def _abbrev_before(text: str, i: int) -> bool:
    """True when the dot at i ends an abbreviation or an initial ("J.")."""
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "."):
        j -= 1
    word = text[j:i].lower()
    return word in _ABBREV or (len(word) == 1 and word.isalpha()) or "." in word and len(word) <= 4


# Words that open a sentence and no name: "… out of the U.S. He says …" is two sentences,
# "the U.S. Senate" one.
_OPENERS = frozenset("He She They It We I The".split())


def _sentence_after_abbrev(text: str, i: int, j: int, b: int) -> bool:
    """The dot at i ends a dotted abbreviation ("U.S.", "a.m.") and the next word opens
    a sentence. A title or an initial ("Sen.", "J.") always has a name after it."""
    k = i
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "."):
        k -= 1
    if "." not in text[k:i]:
        return False
    n = j
    while n < b and text[n] in " \t":
        n += 1
    e = n
    while e < b and text[e].isalpha():
        e += 1
    return text[n:e] in _OPENERS and (e >= b or not text[e].isalnum())


def split_sentences(text: str, quotes: list[QuoteSpan], a: int = 0, b: int | None = None) -> list[tuple[int, int]]:
    """Sentence (start, end) spans of text[a:b], stripped of outer spaces."""
    b = len(text) if b is None else b
    starts = [q.start for q in quotes]
    out: list[tuple[int, int]] = []
    s = a
    i = a
    while i < b:
        ch = text[i]
        if ch == "\n":
            _push(text, out, s, i)
            s = i + 1
        elif ch in ".!?" and not _inside(quotes, starts, i):
            j = i + 1
            while j < b and text[j] in _CLOSERS:
                j += 1
            if (
                (j >= b or text[j].isspace())
                and not (ch == "." and _abbrev_before(text, i) and not _sentence_after_abbrev(text, i, j, b))
                and not _next_char(text, j, b).islower()
            ):  # "Reid (D-Nev.) told reporters"
                _push(text, out, s, j)
                s = j
                i = j
                continue
        elif ch in _CLOSERS and i > a and text[i - 1] in ".!?" and _closing_quote_end(quotes, starts, i):
            # ".” Next" ends the sentence after the closing mark
            j = i + 1
            while j < b and text[j] in _CLOSERS:
                j += 1
            nxt = _next_char(text, j, b)
            if nxt and (nxt.isupper() or nxt in '“"‘«'):
                _push(text, out, s, j)
                s = j
                i = j
                continue
        i += 1
    _push(text, out, s, b)
    return out


def _closing_quote_end(quotes: list[QuoteSpan], starts: list[int], i: int) -> bool:
    k = bisect.bisect_right(starts, i) - 1
    return k >= 0 and quotes[k].end == i


def _next_char(text: str, j: int, b: int) -> str:
    while j < b and text[j] in " \t":
        j += 1
    return text[j] if j < b and text[j] != "\n" else ""


def _push(text: str, out: list[tuple[int, int]], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))
