"""A quote introduced by a sentence that ends with a colon and names no cue word.

"She then turned to the crowd again: “…”", "The board was blunt in its findings:
“…”": the colon hands the floor to whoever the lead-in sentence is about, so its
subject is the speaker even though no verb of saying appears. Only a subject that
names someone (a name, a personal pronoun or a noun phrase) speaks; "it", "there"
and "this" open the writer's own comment ("Wait, it gets better:").
"""

from __future__ import annotations

import re

from bot.quotes.lexicon import DETERMINERS, PERSON_NOUNS, PREPOSITIONS, SAID_NOUNS, SOURCE_NOUNS, SUBJECT_PRONOUNS
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
    m = sentence_subject(toks, text) or _plain_subject(toks, text)
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


# Words that open a phrase before the subject: "But back home, he …", "In the hours after
# the attack, a familiar voice …", "As if addressing him, the board …".
_PHRASE_OPENERS = PREPOSITIONS | frozenset("but and so then as when while each every".split())
# Heads of a noun phrase that can hand the floor to a quote: someone, or something that
# carries words ("a familiar voice", "the headline", "a footnote in the report"). Words
# said ("Clinton’s response was:") are someone's only with their owner named before them.
_CARRIER_NOUNS = frozenset("voice headline footnote letter post editorial ad narrator".split())
_OWNED_WORDS = SAID_NOUNS | frozenset("response answer reply".split())
_LONGEST_NP = 7


def _plain_subject(toks: list, text: str) -> Mention | None:
    """The noun phrase before the lead-in's verb, past an opening phrase and its comma,
    when it names someone, a carrier of words or someone's words; a phrase the speaker
    reader does not take ("But back home, he returned to his lines:", "The Slate
    columnist Jane Roe went so far as to say:", "Hoff’s letter makes the case:")."""
    k = 0
    if toks[0].lower in _PHRASE_OPENERS or toks[0].lower.endswith("ing"):
        k = next((n + 1 for n, t in enumerate(toks[:20]) if t.text == ","), 0)
        if k == 0:
            return None
    end = k
    while end < len(toks) and end - k < _LONGEST_NP and toks[end].is_word and not _verb_like(toks[end]):
        end += 1
    if end == k or end >= len(toks) or not _verb_like(toks[end]):
        return None  # no verb right after the phrase: an aside, a list or a fragment
    first, head = toks[k], toks[end - 1]
    if end - k == 1 and first.lower in _PRONOUN_SUBJECTS:
        return Mention(first.text, first.start, first.end, None, "pronoun")
    m = Mention(text[first.start : head.end], first.start, head.end, None, "unnamed")
    if first.text.endswith(("’s", "'s")) and first.is_cap:
        return m if head.lower in _OWNED_WORDS | _CARRIER_NOUNS else None
    if first.lower not in DETERMINERS:
        return None
    named = head.is_cap and any(t.is_cap for t in toks[k + 1 : end - 1])
    return m if named or head.lower in SOURCE_NOUNS | PERSON_NOUNS | _CARRIER_NOUNS else None


# a person as the subject ("it" opens the writer's own comment, "I" the writer)
_PRONOUN_SUBJECTS = SUBJECT_PRONOUNS - {"it", "i"}
