"""Readers' letters pages: what they print is readers' views, not the outlet's account.

A briefing of such a page must not head its sentences "What <outlet> reports"; the
page says so in its headline ("Letters to the editor", "Readers respond") or its
address ("/letters/").
"""

from __future__ import annotations

import re

_HEADLINE = re.compile(
    r"^\s*letters?\b|\bletters to the editor\b|\breaders? (?:respond|write|react)\b|\byour letters\b"
    r"|\bmailbag\b|\breaders[’']? letters\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"/letters?(?:-to-the-editor)?(?:/|-)", re.IGNORECASE)


def is_letters_page(headline: str | None, url: str | None) -> bool:
    return bool(headline and _HEADLINE.search(headline)) or bool(url and _ADDRESS.search(url))
