"""How a word looks to the tagger and parser: a normal form and a shape."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d")


def normal(word: str) -> str:
    """Lower case with digits folded ("2016" and "1999" look alike); curly apostrophes
    and quotation marks as their straight forms, since the treebank mixes both."""
    w = word.lower()
    if any(c.isdigit() for c in w):
        w = _DIGITS.sub("0", w)
    return w.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def shape(word: str) -> str:
    """A short class of the spelling: "Xx", "x", "X", "d", "x-", "." ..."""
    if word[:1].isupper():
        s = "X" if word.isupper() and len(word) > 1 else "Xx"
    elif word[:1].islower():
        s = "x"
    elif word[:1].isdigit():
        s = "d"
    else:
        return word[:2]
    if "-" in word:
        s += "-"
    if "." in word:
        s += "."
    return s
