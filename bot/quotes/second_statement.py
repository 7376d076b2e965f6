"""A second statement of one speaker: "“A,” Ruiz said, adding: “B.”"

After "“A,” Ruiz said." a quote that opens the next sentence goes on with A: one
statement, one attribution. When a cue of its own leads into the next quote ("…,
adding, “B”", "… before adding: “B”", "… and then predicted: “B”"), the speaker
says B as a new statement, and news corpora annotate it as one: B keeps the speaker
and takes that cue, so it is no longer counted as A's continuation. A cue in the
middle of the words between ("…, noting that …. “B”") leaves B with A: there the
outlet's clause comes between, and B most often goes on with A.
"""

from __future__ import annotations

import re

from bot.quotes.lexicon import CUE_VERBS
from bot.quotes.raw import Raw

# the last words before the opening mark: "adding", "before adding:", "adding later,"
_LEAD = re.compile(r"([A-Za-z]+)(?:\s+(?:later|then|also|again))?\s*[,:]?\s*[“\"]?\s*$")


def split_second_statements(text: str, records: list[Raw]) -> list[Raw]:
    out = list(records)
    last: dict[tuple, int] = {}  # one statement's key -> index of its latest direct quote
    order = sorted(range(len(out)), key=lambda i: out[i].start)
    for i in order:
        r = out[i]
        if r.kind != "direct" or r.mention is None:
            continue
        key = (r.mention.start, r.mention.end, (r.cue or "").lower())
        prev = last.get(key)
        last[key] = i
        if prev is None or out[prev].end > r.start:
            continue
        cue = _own_cue(text[out[prev].end : r.start])
        if cue is not None and cue.lower() != (r.cue or "").lower():
            out[i] = r._replace(cue=cue, cue_kind="participle" if cue.endswith("ing") else "verb")
            last[(r.mention.start, r.mention.end, cue.lower())] = i
    return out


def _own_cue(between: str) -> str | None:
    """The cue that leads into the next quote, when one does."""
    if "\n" in between:
        return None
    m = _LEAD.search(between)
    if m is None:
        return None
    word = m.group(1)
    colon = between.rstrip(' “"').endswith(":")
    if word.lower() in CUE_VERBS and (word.lower().endswith("ing") or colon):
        return word
    return None
