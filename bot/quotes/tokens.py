"""Word tokens with character offsets.

Every other module reasons over tokens of one sentence at a time, so the
tokenizer is a single linear regex: no backtracking-prone alternations.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A word is letters/digits joined by inner apostrophes, hyphens, dots or
# ampersands ("U.S", "O'Brien", "al-Assad"); anything else is one symbol.
_TOKEN = re.compile(r"\w+(?:[’'\-.&]\w+)*|[^\w\s]")


class Token(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum() or self.text[:1] == "_"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end] with offsets into the whole text."""
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
