"""Reported speech beyond "X said that …": raising verbs ("is expected to"),
"In a statement, …", "Asked whether …", stance adjectives ("is confident
that"), claim nouns ("the suggestion that") and phrasal cues ("called for",
"pointed out that")."""

from __future__ import annotations

from bot.quotes.clauses import TO_OBJECT, abbreviation, clause_end, forward, particle_after, strip_end, time_tail
from bot.quotes.lexicon import BE, LEADING_NOISE, LISTENER_CUES, NOT_INDIRECT, NOUN_FOR, NOUN_NEXT
from bot.quotes.loose_subjects import earlier_speaker, loose_subject
from bot.quotes.mentions import Mention, cap_run_back, common_np, name_mention
from bot.quotes.raw import Raw
from bot.quotes.speakers import sentence_subject, subject_before
from bot.quotes.via import via_near

DET_LED = frozenset("the a an his her their its our one another some".split())

POSSESSIVE = frozenset(
    """the a an his her their its our my your this that these those
whose of for""".split()
)


_CLAUSE_OPEN = frozenset(", ; : — – ( and but because while although though if when since so whether".split())

_BE_ADVERBS = frozenset("not widely also now still generally largely broadly n't n’t".split())


def at_raising(text, toks, i, sent_start, sent_end) -> Raw | None:
    """ "Trump seemed to suggest …", "the bank is expected to …": the clause is the content."""
    low, nxt = toks[i].lower, toks[i + 1]
    if low == "expected":
        be = i - 2 if i > 1 and toks[i - 1].lower in _BE_ADVERBS else i - 1  # "is widely expected to"
        if toks[be].lower not in BE or nxt.lower != "to":
            return None
    elif low.startswith("appear"):
        if nxt.lower != "to" or toks[i + 2].lower in TO_OBJECT or toks[i + 2].is_cap:
            return None
    elif not nxt.is_word or nxt.is_cap or (nxt.lower == "to" and toks[i + 2].lower in TO_OBJECT):
        return None
    k = i - 1
    while k >= 0 and i - k < 40 and toks[k].lower not in _CLAUSE_OPEN and toks[k].text not in '“”"':
        k -= 1
    if i - k < 2:
        return None  # "it seems", nothing before the verb
    a, b = strip_end(text, toks[k + 1].start, clause_end(toks, i + 1, sent_end))
    return Raw("indirect", a, b, None, toks[i].text, None) if b - a >= 12 else None


_SOURCE_DOCS = frozenset(
    """poll polls survey surveys statement statements interview interviews
report reports letter memo op-ed tweet tweets post posts book speech filing study studies email
emails ad ads video remarks testimony essay column analysis editorial lawsuit complaint""".split()
)


# Documents someone speaks in, as opposed to polls, studies and reports that speak themselves.
_SPOKEN_DOCS = frozenset(
    """statement statements interview interviews tweet tweets post posts book
speech email emails video remarks testimony essay column letter memo op-ed""".split()
)


def in_source(text, toks, sent_end) -> Raw | None:
    """ "In a CNN poll released Sunday, CONTENT": the document is the source."""
    k = 1
    doc = None
    while k < len(toks) and k < 14 and toks[k].text != ",":
        if toks[k].lower in _SOURCE_DOCS:
            doc = k
        k += 1
    if doc is None or k >= len(toks) - 3 or toks[k].text != ",":
        return None
    k = _past_state(toks, k)
    m = common_np(toks, doc, text)
    if toks[doc].lower in _SPOKEN_DOCS:
        # "In an interview with NPR, Obama castigated …": the interview is where
        # Obama spoke, he is the source; a poll or a study speaks for itself
        m = sentence_subject(toks[k + 1 :], text) or m
    a, b = strip_end(text, toks[k + 1].start, clause_end(toks, k + 1, sent_end))
    return Raw("indirect", a, b, m, toks[0].text, via_near(toks, doc, text)) if b - a >= 12 else None


def _past_state(toks, k: int) -> int:
    """ "In a speech in Fort Pierce, Florida, on Friday, Clinton …": the comma after a town
    is the place's own; the phrase ends at the comma after the state (a short name run)."""
    e = k - 1
    b = cap_run_back(toks, e) if e >= 1 and toks[e].is_cap else -1
    if b < 1 or toks[b - 1].lower not in ("in", "at", "from", "near") or not toks[k + 1].is_cap:
        return k
    for c in range(k + 2, min(k + 6, len(toks) - 3)):
        if toks[c].text == ",":
            return c
    return k


def asked(text, toks, i) -> Raw | None:
    """ "Asked whether he would run, Smith said …": the question up to the comma;
    whoever answers after the comma was asked."""
    k = i + 1
    if toks[k].lower == "by":
        return None  # "asked by a reporter …": the asker is named, keep it simple
    while k < len(toks) and toks[k].text not in ",;:" and k - i < 40:
        k += 1
    if k >= len(toks) or toks[k].text != "," or k - i < 3:
        return None
    a, b = strip_end(text, toks[particle_after(toks, i + 1)].start, toks[k].start)
    m = sentence_subject(toks[k + 1 :], text)
    return Raw("indirect", a, b, m, toks[i].text, None) if b - a >= 8 else None


_QUESTION_OPEN = frozenset("whether if how why what when where who which about to".split())


def passive_asked(text, toks, i, sent_end) -> Raw | None:
    """ "Sanders was asked by host Jo Dix whether …": the question is the content,
    the one who asked (after "by") its source; without "by" the asker is unknown."""
    m = None
    k = i + 1
    if k < len(toks) and toks[k].lower == "by":
        e = k + 1
        while e < len(toks) and e - k < 8 and toks[e].is_word and toks[e].lower not in _QUESTION_OPEN:
            e += 1
        if e == k + 1:
            return None
        last = e - 1
        m = (
            name_mention(toks, cap_run_back(toks, last), last, text)
            if toks[last].is_cap
            else common_np(toks, last, text)
        )
        k = e
    while k < len(toks) and k - i < 14 and toks[k].lower not in _QUESTION_OPEN and toks[k].text not in ".;:?!":
        k += 1  # "was asked during a luncheon on Monday if …"
    if k >= len(toks) - 1 or toks[k].lower not in _QUESTION_OPEN:
        return None
    a, b = strip_end(text, toks[k].start, clause_end(toks, k + 1, sent_end))
    return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text)) if b - a >= 8 else None


def at_adjective(text, toks, i, sent_end) -> Raw | None:
    """ "Clinton is confident that …", "he was eager to …": the subject of "be" holds the view."""
    m = subject_before(toks, i - 1, text) or loose_subject(toks, i - 1, text)
    if m is None:
        return None
    j = i + 1 if toks[i + 1].lower != "to" else i  # "eager to run": the infinitive is the content
    r = forward(text, toks, j, m, sent_end) if j > i else None
    if j == i:
        a, b = strip_end(text, toks[i + 1].start, clause_end(toks, i + 1, sent_end))
        r = Raw("indirect", a, b, m, toks[i].text, None) if b - a >= 8 else None
    return r._replace(cue=toks[i].text) if r else None


def at_noun(text, toks, i, sent_end) -> Raw | None:
    """ "Trump's assertion that …", "the suggestion that …": the that-clause is the content."""
    # the span starts at "that", as the clause after a verb does
    a, b = strip_end(text, toks[i + 1].start, clause_end(toks, i + 2, sent_end))
    if b - a < 12:
        return None
    m = None
    p = toks[i - 1]
    if p.text.endswith(("’s", "'s")) and p.is_cap:
        name = p.text[:-2]
        m = Mention(name, p.start, p.start + len(name), None, "person")
    return Raw("indirect", a, b, m, toks[i].text, None)


_POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "their": "they", "its": "it"}


def owner(toks, j, text) -> Mention | None:
    """The holder named by the possessive at toks[j]: "his" (as "he", for
    coreference), "Omar Lind’s" (the whole name before the "’s")."""
    t = toks[j]
    if t.lower in _POSSESSIVE_PRONOUN:
        return Mention(_POSSESSIVE_PRONOUN[t.lower], t.start, t.end, None, "pronoun")
    if t.is_cap and t.text.endswith(("’s", "'s")) and len(t.text) > 3:
        k = j
        while (
            k > 0
            and j - k < 4
            and toks[k - 1].is_cap
            and toks[k - 1].is_word
            and toks[k - 1].lower not in LEADING_NOISE
        ):
            k -= 1
        return Mention(text[toks[k].start : t.end - 2], toks[k].start, t.end - 2, None, "person")
    return None


def at_owned_noun(text, toks, i, sent_end) -> Raw | None:
    """ "his criticism of the ruling", "Trump’s attacks on the judge": the holder
    speaks, the object after the preposition is the content."""
    m = owner(toks, i - 1, text)
    if m is None:
        return None
    j = i + 2
    if toks[i + 1].lower in ("to", "that"):
        a, b = strip_end(text, toks[j - 1 if toks[i + 1].lower == "to" else j].start, clause_end(toks, j, sent_end))
    else:
        k = j
        while (
            k < len(toks)
            and toks[k].lower not in _NP_PHRASE_END
            and toks[k].lower not in _OWNED_NP_END
            and toks[k].text not in ".!?"
        ):
            k += 1  # "attacks on the judge in Sunday's debate": the scene is not the target
        if k == j:
            return None
        a, b = strip_end(text, toks[j].start, toks[k - 1].end)
    return Raw("indirect", a, b, m, toks[i].text, None) if b - a >= 3 else None


# a verb after the target means the stance noun was the subject: "Her criticism
# of the toll won her votes" is about "the toll", not "the toll won her votes"
_OWNED_NP_END = frozenset(
    """in by with at from over since and but or to is was are were has had have
will would could can may might did does won helped hurt cost made drew got became remains remained""".split()
)


_NOUN_BEFORE = frozenset("the a an his her their its our my your whose this these those".split())


_CALL_NOUN = frozenset(
    """conference phone fundraising roll wake-up close judgment telephone video
""".split()
)


_PERSON_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson official aide adviser advisor lawmaker
senator reporter voter man woman critic analyst expert leader candidate supporter""".split()
)


def _naming(toks, i) -> bool:
    if toks[i - 1].lower in ("been", "be", "being", "was", "were", "is", "are"):
        return True
    if toks[i - 1].lower.rstrip("s") in _PERSON_NOUNS:
        return False  # "a spokesman called the claim false"
    for k in range(i - 1, max(-1, i - 4), -1):
        if toks[k].lower in ("a", "an", "another", "one"):
            return True
        if not toks[k].is_word or toks[k].is_cap and k == i - 1:
            return False
    return False


# "show" after a broadcast word is a programme; "showing" after a judgement is a result.
_BROADCAST = frozenset(
    """tv television reality talk radio game cooking morning late-night cable variety quiz chat
hourlong hour-long half-hour""".split()
)
_RESULT_ADJ = frozenset(
    "strong weak best worst poor solid good better disappointing surprising impressive dismal".split()
)


_KEEP_OBJECT = frozenset("a an his her their its our my your".split())


def _noun_show(low: str, prev: str) -> bool:
    if low in ("show", "shows"):
        return prev in _BROADCAST
    return low == "showing" and (prev in _RESULT_ADJ or prev.endswith("-place"))


def nominal(toks, i) -> bool:
    """ "his remarks were", "support for the plan", "pledged delegates": not a cue here."""
    low = toks[i].lower
    if low in NOT_INDIRECT:
        return True
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if i > 0 and toks[i - 1].lower in _NOUN_BEFORE and not low.endswith(("ed", "ing")):
        return True  # "his support", "their plans", "the show"
    if low.startswith("plan") and nxt != "to":
        return True  # "health plans, both …": a plan is only a cue as "plans to"
    if low in ("call", "calls") and i > 0 and toks[i - 1].lower in _CALL_NOUN:
        return True  # "a conference call with reporters", "as they call each other"
    if low.startswith("maintain") and nxt in _KEEP_OBJECT:
        return True  # "has maintained a large lead", "maintained her status": kept, not claimed
    if i > 0 and _noun_show(low, toks[i - 1].lower):
        return True  # "the reality TV show", "a strong showing in Iowa"
    if low == "called" and i > 0 and _naming(toks, i):
        return True  # "a company called Cambridge Analytica", "he has been called a moderate"
    if low == "pledged" and nxt == "to" and i + 2 < len(toks) and toks[i + 2].is_cap:
        return True  # "superdelegates pledged to Clinton"
    return (
        nxt in NOUN_NEXT
        or (nxt == "for" and low in NOUN_FOR)
        or (nxt == "delegates" and low not in LISTENER_CUES)  # "told delegates that …" tells them
        or (nxt in (";", "behind", "like") and not low.endswith(("ed", "ing")))
    )


# Two-word cues: "pointed out that …", "referring to …", "talked about …".
PHRASAL = {
    # "rail against the plan"; alone "rail" is mostly the train ("the new rail timetable")
    "rail": ("against", "at"),
    "rails": ("against", "at"),
    "railed": ("against", "at"),
    "railing": ("against", "at"),
    "pointed": ("out", "to"),
    "points": ("out", "to"),
    "point": ("out", "to"),
    "pointing": ("to",),
    "referring": ("to",),
    "referred": ("to",),
    "talked": ("about",),
    "talks": ("about",),
    "talking": ("about",),
    "spoke": ("about", "of"),
    "speaks": ("about", "of"),
    "speaking": ("about", "of"),
    "talk": ("about",),
    "pushed": ("for",),
    "pushing": ("for",),
    "made": ("clear",),
    "make": ("clear",),
    "makes": ("clear",),
}


def _verb_forms(forms: str, middle: dict[str, tuple[str, ...]]) -> dict[str, dict[str, tuple[str, ...]]]:
    return {f: middle for f in forms.split()}


# Three-word cues with a noun-phrase object: "lashed out at the judge", "took aim at the plan".
PHRASAL3 = {
    **_verb_forms("lash lashes lashed lashing", {"out": ("at", "against")}),
    **_verb_forms("take takes took taking taken", {"aim": ("at",), "issue": ("with",)}),
    **_verb_forms("push pushes pushed pushing", {"back": ("on", "against")}),
    **_verb_forms("double doubles doubled doubling", {"down": ("on",)}),
    **_verb_forms("speak speaks spoke speaking spoken", {"out": ("against", "about", "on", "for")}),
    **_verb_forms("come comes came coming", {"out": ("against", "for")}),
    **_verb_forms("back backs backed backing", {"away": ("from",)}),
}


# Three-word cues with a rule of their own, so that `bench/attribution.py --ablate`
# can weigh each. (A vote, "would vote for X", is a deed, not words: no rule reads it.)
# "raised questions about the deal", "voiced doubts about …": the worry is the content.
RAISED_DOUBTS = _verb_forms(
    "raise raises raised raising", {w: ("about", "over") for w in "questions concerns doubts".split()}
)


# Phrasal cues whose object is a noun phrase: "referring to the mogul", "called for a ban".
_NP_PHRASAL = frozenset(
    """referring referred talked talks talking spoke call calls called calling
pushed pushing pointing speaks speaking talk""".split()
)

# Talking verbs take an adverb before their particle: "spoke highly of", "talked openly about".
SPEAK_VERBS = frozenset("talk talks talked talking spoke speaks speaking".split())

_NP_PHRASE_END = frozenset(", ; : — – ( during after before while as following when because since".split())


def at_phrasal(text, toks, i, sent_end, skip: int = 0, np: bool = False) -> Raw | None:
    """A two-word cue at toks[i]; `skip` words stand before its particle ("spoke highly of");
    `np`: the object is a noun phrase whatever the verb."""
    m = subject_before(toks, i, text) or loose_subject(toks, i, text)
    if m is None and i > 0 and toks[i - 1].text == ",":
        m = sentence_subject(toks, text) or earlier_speaker(toks, i, text)  # "…, referring to the mogul"
    if m is None or m.end > toks[i].start:
        return None
    if np or toks[i].lower in _NP_PHRASAL:
        j = i + 2 + skip
        if j < len(toks) and toks[j].lower in BE and toks[j].text not in ("'s", "’s"):
            return None  # "The judge X was referring to is Y": the object went before X; no words of X follow
        k = j
        while (
            k < len(toks)
            and toks[k].lower not in _NP_PHRASE_END
            and not (k > j and time_tail(toks, k))
            and (toks[k].text not in ".!?" or toks[k].text == "." and abbreviation(toks[k - 1]))
        ):
            k += 1  # "referring to Mrs. Clinton's account", "the U.S. attorney"
        if k == j:
            return None
        a, b = strip_end(text, toks[j].start, toks[k - 1].end)
        return Raw("indirect", a, b, m, text[toks[i].start : toks[j - 1].end], via_near(toks, i, text))
    r = forward(text, toks, i + 1, m, sent_end)
    return r._replace(cue=text[toks[i].start : toks[i + 1].end]) if r else None


def headline_says(toks, i) -> bool:
    """Title case "Hillary Clinton Says EgyptAir Crash …": a capitalised cue after a name."""
    return toks[i].lower in ("says", "said") and toks[i - 1].is_cap and toks[i - 1].is_word
