"""Quotation-mark spans: which stretches of a text sit inside quotation marks.

One left-to-right pass per paragraph. A quote left open at the end of a
paragraph continues when the next paragraph starts with the same opening
mark (the newspaper convention for quotes that run over several paragraphs);
otherwise the opening mark is treated as stray. Inner quotes (‘ ’ inside “ ”)
belong to the outer quote and are not reported separately.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# opening mark -> closing marks that end it
_PAIRS = {
    "“": "”“",  # "… the world“ and": some texts close with the left mark too (see _can_close)
    "„": "“”",
    "«": "»",
    "‘": "’",
    '"': '"',
    "'": "'",
    "”": "”",  # some outlets open with a right double quote too
    "''": ("''",),  # two apostrophes stand for a double mark in some archives
}
_SINGLE = "‘'"
# every character that can open or close a quote; the scan jumps between them
# instead of stepping through each character of the text in Python
_ANY_MARK = re.compile("''|[“”„«»‘’\"']")
_OPEN_BEFORE = " \t\n([{—–-/:;,"


class QuoteSpan(NamedTuple):
    open: int  # index of the opening mark
    start: int  # first character inside the marks
    end: int  # index of the closing mark (end of the content)
    close: int  # index just after the closing mark
    mark: str  # the opening mark


def _can_open(text: str, i: int, w: int = 1) -> bool:
    """An opening mark follows a space or punctuation and precedes a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + w] if i + w < len(text) else " "
    if after.isspace():
        return False
    if text[i] in "\"'”" or text[i] in _SINGLE:
        return before.isspace() or before in _OPEN_BEFORE or before in "“«„"  # also a no-break space
    return True


_INNER_CLOSE = re.compile("[,.?!]['’] ")


def _can_close(text: str, i: int, w: int = 1) -> bool:
    """A closing ’ or ' is not an apostrophe: no letter right after it."""
    after = text[i + w] if i + w < len(text) else " "
    if w == 2 and i > 0 and text[i - 1] in ".!?,":
        # "… right now.''Momentum builds": two apostrophes are never an apostrophe,
        # and after a full stop they close even when a glued-on headline follows
        return True
    if text[i] in "’'":
        return not after.isalnum()
    if text[i] == "“":
        # "the best in the world“ and": a left mark after a word and before a space is a typo'd close
        return not text[i - 1].isspace() and not after.isalnum()
    if text[i] == '"':
        # "… say, 'Well done,' " said Ruiz: a space set the inner quote's close apart
        return i > 0 and (not text[i - 1].isspace() or _INNER_CLOSE.fullmatch(text, max(0, i - 3), i) is not None)
    return True


# "Never underestimate him,” Reid said: a straight mark opened, a curly one closes
# (and the other way round). Only right after the quote's own end punctuation, so a
# quote nested in the other style ("He said “no” to me") does not end the outer one.
_MIXED = {'"': "”", "“": '"'}


def _mixed_close(text: str, i: int, mark: str) -> bool:
    if text[i] != _MIXED.get(mark) or text[i - 1] not in ",.!?":
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def _past_doubled(text: str, mark: str, start: int, end: int) -> int:
    """A mark typed twice ("““Radical …") is one mark: the words start after both."""
    while start < end and mark in "“„«" and text[start] == mark:
        start += 1
    return start


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _continues(text: str, para: tuple[int, int], mark: str) -> bool:
    a, b = para
    body = text[a:b].lstrip()
    return body.startswith(mark)


def find_quotes(text: str) -> list[QuoteSpan]:
    """All outermost quotation spans, in text order."""
    paras = [p for p in _paragraphs(text) if text[p[0] : p[1]].strip()]
    out: list[QuoteSpan] = []
    pi, i, disabled = 0, None, set()
    opened: tuple[int, str] | None = None
    while pi < len(paras):
        a, b = paras[pi]
        i = a if i is None else i
        while i < b:
            hit = _ANY_MARK.search(text, i, b)
            if hit is None:
                break
            i, ch = hit.start(), hit.group()
            if ch == "''" and opened is not None and opened[1] == "''" and text[i + 2 : i + 3] == "'":
                i += 1  # three apostrophes after 'that?: the first closes the inner quote
            w = len(ch)
            if opened is None:
                if ch in _PAIRS and ch not in disabled and _can_open(text, i, w):
                    opened = (i, ch)
            elif i > opened[0] + len(opened[1]) and (
                ch in _PAIRS[opened[1]] and _can_close(text, i, w) or ch in '"”' and _mixed_close(text, i, opened[1])
            ):
                o, m = opened
                end = i
                while end > o + len(m) and text[end - 1] in " \t":
                    end -= 1  # "… 'Well done,' ": the space before the mark is no word of theirs
                out.append(QuoteSpan(o, _past_doubled(text, m, o + len(m), end), end, i + w, m))
                opened = None
            i += w
        if opened is not None:
            o, m = opened
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt and _continues(text, nxt, m):
                # carry the quote over; skip the repeated opening mark
                pi += 1
                i = text.index(m, nxt[0]) + len(m)
                continue
            # stray opener: rescan after it with this mark type disabled for
            # the rest of the paragraph (keeps the scan linear)
            disabled.add(m)
            opened = None
            i = o + 1
            continue
        pi, i, disabled = pi + 1, None, set()
    return out
