"""Where reported content begins and ends inside a sentence.

Shared by every reported-speech shape: skipping the listener ("told
reporters"), the venue ("in a statement") and "that"; stopping before a
trailing clause, a closing quote mark or the sentence's end punctuation.
"""

from __future__ import annotations

import bisect
import threading

from bot.quotes.lexicon import CUE_VERBS, DAYS_MONTHS, NP_CUES, TO_CUES
from bot.quotes.raw import Raw
from bot.quotes.tokens import Token
from bot.quotes.via import via_near


# Object-taking cues whose object is the listener, not part of the content.
LISTENER_CUES = frozenset("tell tells told telling inform informed informs assure assured assures remind reminded reminds".split())

ADJUNCT_START = frozenset("""on in at during last this earlier later before after while
to by from yesterday today tonight recently late early""".split()) | {d.lower() for d in DAYS_MONTHS}


# After "to", these start a listener or place, not an infinitive: "pledged to the voters".
TO_OBJECT = frozenset("the a an his her their its our my your this that these those them him me us".split())

BARE_TIME = frozenset("yesterday today tonight night morning afternoon evening".split())


_END_PUNCT = ".!?;"


def strip_end(text: str, a: int, b: int) -> tuple[int, int]:
    while b > a and (text[b - 1] in _END_PUNCT or text[b - 1].isspace()):
        b -= 1
    while a < b and text[a].isspace():
        a += 1
    return a, b


def _skip_listener(toks: list[Token], j: int) -> int:
    """Past "reporters", "the BBC", "him", "CNN's Jake Tapper" after a told-cue."""
    k = j
    while k < len(toks) and k - j < 6 and toks[k].is_word and toks[k].lower != "that":
        if k > j and not toks[k].is_cap and toks[k - 1].lower not in ("the", "a", "an"):
            break
        k += 1
    return k


def content_start(toks: list[Token], i: int) -> int | None:
    j = i + 1
    if toks[i].lower in LISTENER_CUES:
        j = _skip_listener(toks, j)
    while j < len(toks) and (toks[j].text in DAYS_MONTHS or toks[j].lower in BARE_TIME):
        j += 1  # "said Thursday his biggest worry …"
    if j + 1 < len(toks) and toks[j].lower in ("on", "last", "this") and toks[j + 1].text in DAYS_MONTHS:
        j += 2  # "said on Thursday he …"
        while j < len(toks) and (toks[j].text.isdigit() or toks[j].lower in BARE_TIME):
            j += 1
    if j < len(toks) and toks[j].lower == "to" and toks[i].lower in TO_CUES and j + 1 < len(toks) \
            and toks[j + 1].is_word and not toks[j + 1].is_cap and toks[j + 1].lower not in TO_OBJECT:
        return j  # "declined to comment": the infinitive is the content
    if j < len(toks) and toks[j].lower in ADJUNCT_START:
        # "said in a statement on Monday that ..." / "said on Tuesday, ..."
        for k in range(j, min(j + 12, len(toks))):
            if toks[k].lower == "that" or toks[k].text in ",:":
                j = k + 1
                break
        else:
            j = _past_venue(toks, j)  # "said in a statement Thursday night they pulled …"
            if j is None:
                return None
    if j < len(toks) and toks[j].lower == "that":
        j += 1
    if j < len(toks) and toks[j].text in ":,":
        j += 1
    return j if j < len(toks) else None


_NOT_CONTENT_START = frozenset("""or up down off than until under along whose according itself
themselves himself herself have vote significantly sharply slightly when whenever aboard amid
upon""".split())

_SPEECH = frozenset("said says say added adds told tells".split())

_TITLES = frozenset("mr mrs ms dr sen rep gov gen lt col st rev prof".split())

_NP_END = frozenset(", ; : — – during at in on after before while as for over who which and".split())


_VENUES = frozenset("""statement interview speech email release tweet letter post appearance
conference call briefing rally event debate hearing video message radio television broadcast
podcast show op-ed column memo filing""".split())


def _past_venue(toks, j: int) -> int | None:
    """Index after "in a statement (on) Thursday (night)", or None."""
    if toks[j].lower not in ("in", "on", "at", "during", "after"):
        return None
    k = j + 1
    while k < len(toks) and k - j < 6 and toks[k].lower not in _VENUES:
        if not toks[k].is_word:
            return None
        k += 1
    if k >= len(toks) or toks[k].lower not in _VENUES:
        return None
    k += 1
    while k < len(toks) and (toks[k].text in DAYS_MONTHS or toks[k].lower in BARE_TIME
                             or toks[k].lower in ("on", "last", "this", "late", "early")):
        k += 1
    if k < len(toks) and toks[k].lower in ("with", "to", "on", "at", "in", "for", "from", "by", "of"):
        return None  # "in an interview with CNN": more adjunct follows, no clause yet
    return k if k < len(toks) - 2 else None


def forward(text, toks, i, m, sent_end) -> Raw | None:
    j = content_start(toks, i)
    if j is None or len(toks) - j < 3 and toks[i].lower not in NP_CUES:
        return None
    if toks[j].lower in _NOT_CONTENT_START or toks[j].text in ("”", "’"):
        # "declined significantly from 1989", "blasted out an email"; "…people feel,” X said":
        # a closing quotation mark ends the quote the cue word sits in, no content opens there
        return None
    if toks[j].text == "and" and toks[i].lower not in _SPEECH:
        return None  # "did not respond to the request, and Trump appeared anyway": a new clause
    end = clause_end(toks, j, sent_end)
    if toks[i].lower in NP_CUES:
        k = j + 1
        while k < len(toks) and toks[k].lower not in _NP_END and (
                toks[k].text not in ".!?" or toks[k].text == "." and toks[k - 1].lower in _TITLES):
            k += 1  # "endorsed Mr. Cruz": the title's dot does not end the object
        end = toks[k].start if k < len(toks) else end
        a, b = strip_end(text, toks[j].start, end)
        return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text)) if b > a else None
    a, b = strip_end(text, toks[j - 1].start if toks[j - 1].lower == "that" else toks[j].start, end)
    if b - a < 8:
        return None
    return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text))


# ", saying …", ", including …", ", while …" after the content start the
# writer's own addition: annotators end the content before that comma.
_TRAILING_CLAUSE = frozenset("including while whereas although though even compared putting which despite".split())


# One-entry cache of the last sentence's cut points, one per worker thread:
# articles analysed side by side in threads would otherwise evict each
# other's entry on every call.
_cut_cache = threading.local()


_MAX_CONTENT = 200  # tokens: no reported clause in news runs longer

MAX_CHARS = 2500


def _cut_points(toks) -> list[int]:
    """Token indices where a reported clause ends, computed once per sentence
    (several cues in one long sentence must not rescan it)."""
    held = getattr(_cut_cache, "last", (None, []))
    if held[0] is toks:
        return held[1]
    cuts = []
    for k in range(1, len(toks) - 1):
        if toks[k].text == ",":
            nxt = toks[k + 1].lower
            if nxt in _TRAILING_CLAUSE or (nxt.endswith("ing") and len(nxt) > 5 and not toks[k + 1].is_cap):
                cuts.append(k)
        elif toks[k].lower == "and" and toks[k + 1].lower in CUE_VERBS and toks[k + 1].lower.endswith("ed") \
                and toks[k - 1].text != ",":
            cuts.append(k)  # "said X and criticized Y": the subject's second act
    _cut_cache.last = (toks, cuts)
    return cuts


def clause_end(toks, j: int, sent_end: int) -> int:
    cuts = _cut_points(toks)
    n = bisect.bisect_left(cuts, j + 2)
    k = cuts[n] if n < len(cuts) else len(toks)
    if k - j > _MAX_CONTENT:
        return toks[j + _MAX_CONTENT].start  # a run-on "sentence" (no stops in a huge text)
    return toks[k].start if k < len(toks) else sent_end


_CLOSERS = frozenset("” \" ' ’ »".split())


def content_close(toks, k: int) -> int:
    """End of a content that stops at the comma at toks[k]: after the quotation
    marks that close it ("… this route,” said X"), else before the comma."""
    e = k
    while e + 1 < len(toks) and toks[e + 1].text in _CLOSERS:
        e += 1
    return toks[e].end if e > k else toks[k].start


def comma_at(toks, k: int) -> int:
    """Index of the comma ending the content at or before toks[k]: "…,” X said"."""
    while k > 0 and toks[k].text in _CLOSERS:
        k -= 1
    return k if k >= 0 and toks[k].text == "," else -1


def starts_aside(t) -> bool:
    """"…, he said, wiping …" / "…, he said, when …": the writer's aside after a tail."""
    low = t.lower
    return (low.endswith("ing") and len(low) > 5 and not t.is_cap) or low in (
        "when", "as", "while", "after", "before", "because", "before", "referring", "adding", "noting")
