"""Word tokens with character offsets.

Every other module reasons over tokens of one sentence at a time, so the
tokenizer is a single linear regex: no backtracking-prone alternations.
"""

from __future__ import annotations

import bisect
import re
import threading
from typing import NamedTuple

# A word is letters/digits joined by inner apostrophes, hyphens, dots or
# ampersands ("U.S", "O'Brien", "al-Assad"); anything else is one symbol.
# Latin-1 symbols inside a word are mis-decoded accents ("TrÃ©vidic" for Trévidic):
# they stay part of the name (the guillemets « » excepted: they are quote marks).
# Combining accents (U+0300-036F, "José" spelt with a separate accent) belong to the word.
_TOKEN = re.compile(
    r"\w[\w\u0300-\u036f]*(?:(?:[’'\-.&]|[\u0080-\u009f\u00a1-\u00aa\u00ac-\u00ba\u00bc-\u00bf]+)"
    r"\w[\w\u0300-\u036f]*)*|[^\w\s]"
)


class Token(NamedTuple):
    text: str
    start: int
    end: int
    # computed once here: the finders ask for both many times per token
    lower: str
    is_cap: bool

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum() or self.text[:1] == "_"


def _scan(text: str, start: int, end: int) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        out.append(Token(word, m.start(), m.end(), word.lower(), word[:1].isupper()))
    return out


class _LastText(threading.local):
    """The tokens of the article being analysed, per thread (see remember)."""

    text: str | None = None
    tokens: list[Token] = []
    starts: list[int] = []
    # words the article capitalises somewhere other than at the start of a sentence
    mid_caps: frozenset[str] = frozenset()


_last = _LastText()


def remember(text: str) -> None:
    """Scan the article once; tokenize() then slices it instead of rescanning.

    The finders ask for the tokens of many overlapping stretches of one text
    (each sentence, the words around each quotation). Only the text named
    here is cached: other strings are scanned range by range as before, so a
    caller passing a different string never costs a whole-text scan.
    """
    _last.tokens = _scan(text, 0, len(text))
    _last.starts = [t.start for t in _last.tokens]
    _last.mid_caps = frozenset(_capitalised_inside(text, _last.tokens))
    _last.text = text


# what may stand before a sentence's first word: its end, an opening mark, a dash
_OPENS_SENTENCE = frozenset(". ! ? : ; “ \" ‘ ' ( — – -".split())


def _capitalised_inside(text: str, toks: list[Token]):
    for n, t in enumerate(toks):
        if t.is_cap and n and not _after_sentence_start(text, toks[n - 1], t):
            yield t.lower


def _after_sentence_start(text: str, prev: Token, t: Token) -> bool:
    """t opens a sentence, a line or a quotation (an opening mark sits right against
    its word; a closing one, as in "…,” Meeks said", does not)."""
    gap = text[prev.end : t.start]
    if "\n" in gap:
        return True
    return prev.text in _OPENS_SENTENCE and not (prev.text in _QUOTE_MARKS and gap)


_QUOTE_MARKS = frozenset("“ \" ‘ '".split())


def only_opens_sentences(text: str, t: Token) -> bool:
    """A capitalised word the article never capitalises inside a sentence ("Shortly",
    "Hours", "Reached"): a common word opening its sentence, not a name. Unknown
    (False) for a text other than the article being analysed."""
    return _last.text is text and t.is_cap and t.lower not in _last.mid_caps


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end] with offsets into the whole text."""
    end = len(text) if end is None else end
    if _last.text is not text:
        return _scan(text, start, end)
    toks, starts = _last.tokens, _last.starts
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end, i)
    # a token cut by either edge is scanned again inside the range, as before
    if (i > 0 and toks[i - 1].end > start) or (j > i and toks[j - 1].end > end):
        return _scan(text, start, end)
    return toks[i:j]
