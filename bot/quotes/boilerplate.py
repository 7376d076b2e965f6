"""Regions that are not the article: reader comments, captions, link lists.

Comment sections are recognised by their furniture ("Liked by 4 people",
"Reply", "Leave a Reply"): the section starts at the paragraph before the
first such line. Captions, "Read more" lines and the editors' own notes and
corrections are dropped one by one.
"""

from __future__ import annotations

import re

_COMMENT_FURNITURE = re.compile(
    r"^[ \t]*(?:Liked by \d+ (?:people|person)|Like|Reply|Leave a Reply|Leave a comment|"
    r"\d+ (?:Comments?|Responses?|Replies)|Comments|Share this:|Like this:|Loading\.\.\.)[ \t]*$",
    re.MULTILINE,
)
_LINE_DROP = re.compile(
    r"^[ \t]*(?:Photo|Image|Picture|Video|Caption|Read more|Read also|READ MORE|Related|See also|"
    r"Also read|Subscribe|Sign up|Follow us|Advertisement|Getty Images|"
    # the outlet's own note on its story: nobody it reports on says it
    r"Editor[’']?s[’']? note|Correction(?=:)|Clarification(?=:))\b[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)


def excluded_regions(text: str) -> list[tuple[int, int]]:
    """Sorted (start, end) spans that no attribution may come from."""
    out: list[tuple[int, int]] = [(m.start(), m.end()) for m in _LINE_DROP.finditer(text)]
    m = _COMMENT_FURNITURE.search(text)
    if m:
        out.append((_previous_paragraph_start(text, m.start()), len(text)))
    out.sort()
    return out


def _previous_paragraph_start(text: str, pos: int) -> int:
    """Start of the last non-empty paragraph before pos (the comment body)."""
    j = pos - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    k = text.rfind("\n", 0, j + 1)
    return k + 1
