"""A quote introduced by a sentence that ends with a colon and names no cue word.

"She then turned to the crowd again: “…”", "The board was blunt in its findings:
“…”": the colon hands the floor to whoever the lead-in sentence is about, so its
subject is the speaker even though no verb of saying appears. Only a subject that
names someone (a name, a personal pronoun or a noun phrase) speaks; "it", "there"
and "this" open the writer's own comment ("Wait, it gets better:").
"""

from __future__ import annotations

import re

from bot.quotes.mentions import Mention
from bot.quotes.speakers import sentence_subject
from bot.quotes.tokens import tokenize

_NOT_A_SPEAKER = frozenset("it this that there here these those what which".split())
# the last sentence of a paragraph starts after a full stop, a question or an exclamation
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[A-Z“\"])")


def colon_subject(text: str, start: int, colon: int) -> Mention | None:
    """The subject of the lead-in text[start:colon] that ends at a colon, when a verb
    follows it (a bare "Name:" is a speaker label, read elsewhere)."""
    toks = tokenize(text, start, colon)
    if len(toks) < 3:
        return None
    m = sentence_subject(toks, text)
    if m is None or m.surface.lower() in _NOT_A_SPEAKER or m.surface.isupper() and len(m.surface) > 2:
        return None
    k = next((n for n, t in enumerate(toks) if t.start >= m.end), len(toks))
    if k < len(toks) and toks[k].text == ",":
        # "Jane Roe, the harbour master, turned to …": past the aside
        k = next((n + 1 for n in range(k + 1, len(toks)) if toks[n].text == ","), len(toks))
    while k < len(toks) and toks[k].lower in _ADVERBS:
        k += 1
    return m if k < len(toks) - 1 and _verb_like(toks[k]) else None


# between the subject and its verb: "She then turned …", "He also played up …"
_ADVERBS = frozenset("then also later again even only just once still now finally".split())
_VERBS = frozenset(
    """is was are were has had have will would could can did does do said told made gave took
went wrote put got kept read set sent spoke came became began found held left ended""".split()
)


def _verb_like(t) -> bool:
    """A finite verb: a common irregular one or a lowercase word ending in -ed or -s.
    "Partial transcript as follows:", "Signs of momentum …:" have none after their subject."""
    low = t.lower
    if t.is_cap or not t.is_word:
        return False
    if low in _VERBS or low.endswith("ed") and len(low) > 3:
        return True
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "ous"))


def last_sentence_start(text: str, para_start: int, end: int) -> int:
    """Where the paragraph's last sentence (ending at `end`) begins."""
    found = para_start
    for m in _SENTENCE_END.finditer(text, para_start, end):
        found = m.end()
    return found
