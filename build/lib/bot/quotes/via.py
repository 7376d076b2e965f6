"""Secondary sources: who carried the words before this outlet.

"told the BBC" -> BBC, "in an interview with CNN" -> CNN, "quoted by the
Russian publication RBK" -> RBK. An outlet is a known news brand, an
acronym, or a capitalised name containing a press word (Times, News, ...).
"""

from __future__ import annotations

import re

from bot.quotes.lexicon import KNOWN_OUTLETS, OUTLET_WORDS
from bot.quotes.tokens import Token

_TRIGGERS = ("told", "tells", "telling", "with", "by", "to", "on")
# "Source: Putin at a meeting in Iran, quoted by the Russian publication RBK"
SOURCE_LINE = re.compile(
    r"^[ \t]*Source:[ \t]*([^\n]{1,300}?),?[ \t]+(?:quoted|reported|cited)[ \t]+by[ \t]+([^\n]{1,200})$", re.MULTILINE
)


def outlet_name(toks: list[Token], j: int, text: str) -> str | None:
    """The outlet named by the capitalised run starting at or after toks[j]."""
    k = j
    while k < len(toks) and k - j < 5 and not toks[k].is_cap:
        if not toks[k].is_word:
            return None
        k += 1
    e = k
    while e < len(toks) and toks[e].is_cap and toks[e].is_word:
        e += 1
    run = toks[k:e]
    if not run:
        return None
    words = [t.text for t in run]
    if (
        any(w in KNOWN_OUTLETS for w in words)
        or any(w in OUTLET_WORDS for w in words[1:])
        or (len(run) == 1 and run[0].text.isupper() and 2 <= len(run[0].text) <= 6)
    ):
        # "the Russian publication RBK": keep the name, drop the description
        start = next((t for t in run if t.text in KNOWN_OUTLETS or t.text.isupper()), run[0])
        return text[start.start : run[-1].end]
    return None


def via_near(toks: list[Token], i: int, text: str) -> str | None:
    """An outlet named within a few tokens after the cue at toks[i]."""
    for k in range(max(0, i - 15), min(i + 8, len(toks))):
        low = toks[k].lower
        if (low in ("told", "tells", "telling") and k >= i) or (
            low in ("with", "by")
            and k > 0
            and toks[k - 1].lower in ("interview", "quoted", "published", "conversation", "cited", "broadcast")
        ):
            name = outlet_name(toks, k + 1, text)
            if name:
                return name
    return None


def source_lines(text: str) -> list[tuple[str, str]]:
    """(who, outlet) from "Source: WHO ..., quoted by OUTLET" lead lines."""
    out = []
    for m in SOURCE_LINE.finditer(text):
        who = m.group(1).split()[0].strip(",") if m.group(1).split() else ""
        outlet = outlet_from_phrase(m.group(2))
        if who and outlet:
            out.append((who, outlet))
    return out


def outlet_from_phrase(phrase: str) -> str | None:
    """The name in "the Russian publication RBK" (RBK) or "the Baltic Wire agency" (Baltic Wire).

    Trailing lower-case descriptors go, then the last run of capitalised words
    is the name: a description before it ("Russian publication") is not.
    """
    words = phrase.strip().rstrip(".").split()
    while words and not words[-1][:1].isupper():
        words.pop()
    run: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        run.insert(0, word)
    return " ".join(run) or None
