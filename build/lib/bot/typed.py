"""What a user typed, made safe to keep and to show back.

Control characters and the invisible marks that reorder text (right-to-left
overrides, isolates, direction marks) are dropped: shown back, an override
would turn the rest of our own line around, and an invisible mark makes two
names that look alike differ. Joiners stay, since some scripts need them.
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline included: one line is wanted) part words;
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# direction marks, embeddings, overrides and isolates, zero-width space and the byte-order mark
# sit inside words, unseen, so they go without a trace.
_INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """The text on one line, without control or direction characters, spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", _INVISIBLE.sub("", text)).split())
