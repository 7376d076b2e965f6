"""Where reported content begins and ends inside a sentence.

Shared by every reported-speech shape: skipping the listener ("told
reporters"), the venue ("in a statement") and "that"; stopping before a
trailing clause, a closing quote mark or the sentence's end punctuation.
"""

from __future__ import annotations

import bisect
import threading

from bot.quotes.lexicon import (
    BE,
    CUE_VERBS,
    DAYS_MONTHS,
    DOT_TITLES,
    FEELING_OF,
    FEELINGS,
    FINITE_SPEECH,
    LABEL_CUES,
    LISTENER_CUES,
    NOUN_NEXT,
    NP_CUES,
    SAY_TELL_ADD,
    SUBJECT_PRONOUNS,
    TO_CUES,
)
from bot.quotes.raw import Raw
from bot.quotes.tokens import Token
from bot.quotes.via import via_near

ADJUNCT_START = frozenset(
    """on in at during last this earlier later before after while
to by from yesterday today tonight recently late early""".split()
) | {d.lower() for d in DAYS_MONTHS}


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


def _that_after_listener(toks: list[Token], j: int) -> int | None:
    """ "told conservative radio host Ann Lee on Wednesday that …": the listener
    and the time run up to the first "that", whatever their words."""
    for k in range(j, min(j + 12, len(toks))):
        if toks[k].lower == "that":
            return k if k > j else None
        if not toks[k].is_word and toks[k].text not in ".'’":
            return None
    return None


# Prepositions a cue verb takes before its topic: "worried about the toll", "pushed for a
# ban", "agreed with the mayor". Annotators count them with the cue (PolNeAR train:
# content starts after "about" 460 times, with it 62).
CUE_PARTICLES = frozenset("about for with against".split())


# "said for years that …": a span of time, not a topic
_SPELLS = frozenset("years months weeks days decades hours".split())


def particle_after(toks: list[Token], j: int) -> int:
    """ "worried about the economy", "asked about the plan": the preposition belongs to
    the cue, the content is its object ("said about 40 people came": a number, not a topic)."""
    if (
        j + 1 < len(toks)
        and toks[j].lower in CUE_PARTICLES
        and toks[j + 1].is_word
        and not toks[j + 1].text[:1].isdigit()
        and toks[j + 1].lower not in _SPELLS
    ):
        return j + 1
    return j


# "asked the mayor whether …": the question starts at its wh-word, after whoever was asked
_ASK = frozenset(w for w in CUE_VERBS if w.startswith("ask"))
_QUESTION_OPEN = frozenset("whether if how why what when where who which about".split())
# "expressed concern about the toll": the object of the feeling is what was said
_EXPRESS = frozenset(w for w in CUE_VERBS if w.startswith(("express", "voic")))


def _past_asked(toks: list[Token], j: int) -> int:
    for k in range(j, min(j + 8, len(toks) - 1)):
        if toks[k].lower in _QUESTION_OPEN:
            return particle_after(toks, k) if k > j else j
        if not toks[k].is_word and toks[k].text not in ".’'":
            break
    return j


def _past_feeling(toks: list[Token], j: int) -> int:
    if j + 2 < len(toks) and toks[j].lower in FEELINGS and toks[j + 1].lower in FEELING_OF:
        return j + 2 if toks[j + 1].lower != "that" else j + 1
    return j


def content_start(toks: list[Token], i: int) -> int | None:
    j = particle_after(toks, i + 1)
    if toks[i].lower in _ASK:
        j = _past_asked(toks, j)  # "asked the mayor whether …": not "asked the mayor to …", who is part of it
    elif toks[i].lower in _EXPRESS:
        j = _past_feeling(toks, j)
    if toks[i].lower in LISTENER_CUES:
        j = _that_after_listener(toks, j) or _skip_listener(toks, j)
    while j < len(toks) and (toks[j].text in DAYS_MONTHS or toks[j].lower in BARE_TIME):
        j += 1  # "said Thursday his biggest worry …"
    if (
        j + 1 < len(toks)
        and toks[j].lower in ("on", "last", "this")
        and (toks[j + 1].text in DAYS_MONTHS or toks[j].lower != "on" and _time_then_clause(toks, j + 1))
    ):
        j += 2  # "said on Thursday he …", "said last week the port …"
        while j < len(toks) and (toks[j].text.isdigit() or toks[j].lower in BARE_TIME):
            j += 1
    if j < len(toks) and toks[j].lower == "to" and toks[i].lower in TO_CUES and _infinitive_at(toks, j + 1):
        return j  # "declined to comment": the infinitive is the content
    if j < len(toks) and toks[j].lower in ADJUNCT_START and not _demonstrative_subject(toks, j):
        past = _past_adjunct(toks, i, j)
        if past is None:
            return None
        j = past
    if j < len(toks) and toks[j].lower == "that":
        j += 1
    if j < len(toks) and toks[j].text in ":,":
        j = _past_aside(toks, j + 1)
    return j if j < len(toks) else None


def _infinitive_at(toks: list[Token], k: int) -> bool:
    """A verb after "to", also when the speaker's own words open there: "vowed to
    “dredge the harbour”" quotes the infinitive, it is no place or person."""
    if k + 1 < len(toks) and toks[k].text in _OPENING_MARKS:
        k += 1
    return k < len(toks) and toks[k].is_word and not toks[k].is_cap and toks[k].lower not in TO_OBJECT


_OPENING_MARKS = frozenset(("“", '"', "''", "``"))


_ASIDE_MAX = 10  # tokens: "said, apparently for the first time, that …"
_ASIDE_STOPS = frozenset(". ; : ! ? — – ( “ ” \" ''".split())


def _past_aside(toks: list[Token], j: int) -> int:
    """After "said, however, that …", "said, per a translator, that …": the aside
    between the cue's comma and "that" is the writer's, the content is the that-clause
    (an aside holding a cue of its own, "…, he said in an interview, that …", stays)."""
    for k in range(j + 1, min(j + _ASIDE_MAX, len(toks) - 1)):
        t = toks[k]
        if t.text in _ASIDE_STOPS or t.lower in CUE_VERBS:
            return j
        if t.text == "," and toks[k + 1].lower == "that":
            return k + 2
    return j


def _past_adjunct(toks: list[Token], i: int, j: int) -> int | None:
    """Where the content starts after an adjunct opening at toks[j]: "said in a statement
    on Monday that …", "said on Tuesday, …"; None when no content follows."""
    for k in range(j, min(j + 12, len(toks))):
        if toks[k].lower == "that" or toks[k].text in ",:":
            if _agent_then_comma(toks, i, j, k):
                return None
            return k + 1
    past = _past_venue(toks, j)  # "said in a statement Thursday night they pulled …"
    if past is None and _venue_free(toks, j):
        return j  # "said in politics it takes time …": the phrase is the content's own
    return past if past is not None else _pronoun_clause_after(toks, j)


_SCENE_WORDS = 9  # tokens a scene between the cue and its clause may take
# What follows a clause's pronoun subject: an auxiliary or a modal.
_AUX_AFTER_PRONOUN = frozenset(
    "is are was were has have had will would could can should may might must did does".split()
)


def _pronoun_clause_after(toks: list[Token], j: int) -> int | None:
    """ "said after the meeting he would not …", "said at a rally in Lund they had …": a
    scene of plain words, then a pronoun subject and its auxiliary open the content. A
    pronoun right after a preposition ("after he met …") belongs to the scene."""
    for k in range(j + 1, min(j + _SCENE_WORDS, len(toks) - 1)):
        t = toks[k]
        if not t.is_word or t.lower in _NOT_SCENE or t.lower in CUE_VERBS or t.lower.endswith("ed"):
            return None  # "said in May after the board announced it was …": a clause
        after_preposition = toks[k - 1].lower in ADJUNCT_START
        if t.lower in SUBJECT_PRONOUNS and toks[k + 1].lower in _AUX_AFTER_PRONOUN and not after_preposition:
            return k if k > j + 1 else None
    return None


# Words that open a clause inside what follows the cue, so it is no plain scene.
_NOT_SCENE = frozenset(
    "as if though although because since when while than unless until whether where how why what who which that".split()
)


def _agent_then_comma(toks: list[Token], i: int, j: int, k: int) -> bool:
    """ "was endorsed by the teachers' union, the largest in the state": in a passive the
    "by" phrase names who did the deed; what follows its comma is an aside about them
    or the writer's main clause, not what was said. A "that" ("was told by aides
    that …") still leads to content."""
    return toks[j].lower == "by" and toks[k].text == "," and _passive(toks, i)


def _passive(toks: list[Token], i: int) -> bool:
    """The cue is a participle after a form of "be": "was endorsed", "has been widely mocked"."""
    k = i - 1
    if k > 0 and toks[k].lower.endswith("ly"):
        k -= 1
    return k >= 0 and toks[k].lower in BE and toks[i].lower.endswith(("ed", "en", "wn"))


def _venue_free(toks: list[Token], j: int) -> bool:
    """ "in politics it takes time": a phrase that names no venue and no time, with a
    clause after it (a pronoun or an article opens one within a few words)."""
    if toks[j].lower not in ("in", "for", "at"):
        return False
    k = j + 1
    while k < len(toks) and k - j < 5 and toks[k].is_word and toks[k].lower not in _VENUES:
        if k > j + 1 and toks[k].lower in _CLAUSE_OPENERS:
            return not any(t.text in DAYS_MONTHS or t.lower in BARE_TIME for t in toks[j:k])
        k += 1
    return False


_CLAUSE_OPENERS = SUBJECT_PRONOUNS | {"there"}


def _time_then_clause(toks: list[Token], k: int) -> bool:
    """ "said last week the port …": a time unit the content follows, not the content's
    own subject ("said last year was the worst")."""
    return toks[k].lower in _TIME_UNITS and k + 1 < len(toks) and toks[k + 1].lower not in NOUN_NEXT


def _demonstrative_subject(toks: list[Token], j: int) -> bool:
    """ "says this is a rough patch": "this" opens the content, unless a time follows it
    ("said this week that …")."""
    return (
        toks[j].lower == "this"
        and j + 1 < len(toks)
        and toks[j + 1].lower not in _TIME_UNITS
        and toks[j + 1].text not in DAYS_MONTHS
    )


_NOT_CONTENT_START = frozenset(
    """or up down off than until under along whose according itself
themselves himself herself have vote significantly sharply slightly when whenever aboard amid
upon""".split()
)


# Words that end the object of an NP cue ("endorsed X at a rally"); "for",
# "as", "over" and "in" go on with it ("endorsed X for president", "slammed
# the plan as too vague", "supported X over Y", "backed X in the primary").
_NP_END = frozenset(", ; : — – during at on after before while who which and".split())

# ... but a time or a clause ends it: "endorsed X in December", "slammed X as it passed".
_NP_TIME = frozenset("early late mid coming recent recently".split()) | {d.lower() for d in DAYS_MONTHS}


def abbreviation(t) -> bool:
    """A title, an initial or an abbreviation before a dot: "Mr.", "W.", "U.S."."""
    return t.lower in DOT_TITLES or len(t.text) == 1 and t.text.isupper() or "." in t.text


_TIME_UNITS = frozenset("week weekend month year night morning spring summer fall autumn winter".split())
TIME_UNITS = _TIME_UNITS  # public for the guards in bot.quotes.not_said


def time_tail(toks, k: int) -> bool:
    """A time adjunct ends the clause at toks[k]: "last week", "this month", "Tuesday",
    "yesterday". After a noun-phrase object it dates the act, not what was said
    ("endorsed X last week"); in the middle of a phrase it may be the phrase's own
    ("his victories Tuesday in Texas")."""
    low = toks[k].lower
    n = 0
    if low in ("last", "this", "next") and k + 1 < len(toks):
        nxt = toks[k + 1]
        n = 2 if nxt.lower in _TIME_UNITS or nxt.text in DAYS_MONTHS else 0
    elif low in BARE_TIME and low != "night" or toks[k].text in _WEEKDAYS:
        n = 1
    return n > 0 and (k + n >= len(toks) or toks[k + n].text in _CLAUSE_PUNCT)


_CLAUSE_PUNCT = frozenset(", . ; : ! ? ) — –".split())
_WEEKDAYS = frozenset(d for d in DAYS_MONTHS if d.endswith("day"))


def _np_ends(toks, k: int) -> bool:
    low = toks[k].lower
    if low == "and" and k + 1 < len(toks) and (not _second_predicate(toks[k + 1]) or _second_name(toks, k)):
        return False  # "supported Medicare and Social Security cuts": one object of two nouns
    if low == "on" and _topic_on(toks, k):
        return False  # "blasted his ban on Muslims": the ban's topic, not where he spoke
    if low in _NP_END or time_tail(toks, k):
        return True
    if low not in ("in", "as") or k + 1 >= len(toks):
        return False
    nxt = toks[k + 1].lower
    return (
        nxt in _NP_TIME
        or nxt[:1].isdigit()
        or low == "as"
        and nxt in SUBJECT_PRONOUNS
        or low == "in"
        and _venue_follows(toks, k + 1)
    )


# Words after "on" that place or date the act, not a topic: "slammed X on Twitter",
# "on its website", "on Monday".
_ON_PLACE = TO_OBJECT | {"twitter", "facebook"}


def _topic_on(toks, k: int) -> bool:
    """ "restrictions on abortion", "his actions on immigration": after a common noun, "on" and
    the noun after it name the topic; after a name or a pronoun ("X on Twitter", "it on those
    grounds") or before a time or a possessive, the phrase tells where or when the act was."""
    if k + 1 >= len(toks) or k < 1:
        return False
    prev, nxt = toks[k - 1], toks[k + 1]
    return (
        prev.is_word
        and not prev.is_cap
        and prev.lower not in TO_OBJECT
        and prev.lower not in SUBJECT_PRONOUNS
        and nxt.is_word
        and nxt.lower not in _ON_PLACE
        and nxt.text not in DAYS_MONTHS
        and nxt.lower not in BARE_TIME
        and not nxt.text[:1].isdigit()
    )


def _second_name(toks, k: int) -> bool:
    """ "slammed Bush and Cruz", "praised Lindsey Graham and Mr. Bush": a name after "and" that
    follows a name and ends the phrase is a second object, not the subject of a new clause."""
    if k < 1 or not toks[k - 1].is_cap:
        return False
    n = k + 1
    while n < len(toks) and n - k <= 4 and (toks[n].is_cap or toks[n].text == "."):
        n += 1
    if n == k + 1:
        return False
    return (
        n >= len(toks)
        or not toks[n].is_word
        or toks[n].lower in _NP_END
        or toks[n].lower in ("'s", "’s", "for", "over", "as")
    )


# After "and", words that open the subject's next act or a clause of its own
# ("praised X and said …", "thanked X and then left", "backed X and he …").
_NEXT_ACT = frozenset("then also later again even still so not never".split())


def _second_predicate(t) -> bool:
    low = t.lower
    return (
        not t.is_word
        or low in CUE_VERBS
        or low in _AUXILIARIES
        or low in SUBJECT_PRONOUNS
        or low in _NEXT_ACT
        or low.endswith("ed")
        or t.is_cap
    )


def _venue_follows(toks, k: int) -> bool:
    """ "blasts the toll in a long letter": where it was said, not what."""
    return any(t.lower in _VENUES for t in toks[k : k + 3])


_VENUES = frozenset(
    """statement interview speech email release tweet letter post appearance
conference call briefing rally event debate hearing video message radio television broadcast
podcast show op-ed column memo filing""".split()
)


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
    while k < len(toks) and (
        toks[k].text in DAYS_MONTHS
        or toks[k].lower in BARE_TIME
        or toks[k].lower in ("on", "last", "this", "late", "early")
    ):
        k += 1
    if k < len(toks) and toks[k].lower in ("with", "to", "on", "at", "in", "for", "from", "by", "of"):
        return None  # "in an interview with CNN": more adjunct follows, no clause yet
    return k if k < len(toks) - 2 else None


# Subordinators that open a fronted clause: "While X said A, B …".
_FRONTING = frozenset("while although though whereas if when because since after before as once unless until".split())


# Words of a time phrase before a subordinator: "A few weeks after X said …",
# "Years after …", "Ever since …", "Just before …".
_TIME_LEAD = frozenset(
    """a an the few several many some two three four five six seven eight nine ten
years months weeks days hours minutes moments year month week day hour shortly just long ever soon
only right""".split()
)


def _past_time_lead(toks, f: int, i: int) -> int:
    """Index of the subordinator after a short time phrase at the sentence start, else f."""
    n = f
    while n < min(f + 5, i) and (toks[n].lower in _TIME_LEAD or toks[n].text.isdigit()):
        n += 1
    return n if n > f and toks[n].lower in _FRONTING and toks[n].lower != "as" else f


def _fronted_close(toks, i: int, j: int) -> int | None:
    """The comma closing the clause the cue sits in, when that clause is set off
    from the writer's main clause: a fronted subordinate clause ("While X said
    A, B …", "However, when X asked A, B …") or a relative one ("X, who said A,
    went on …")."""
    if _in_relative(toks, i) and toks[j - 1].text != ",":
        return _next_comma(toks, j)
    start = _after_last_comma(toks, i)
    if i - start > 40 or toks[j - 1].text == ",":
        return None  # a cue 40 words in is in the main clause; "As X said, A": the comma opens the content
    f = start + 1 if toks[start].lower in ("but", "and", "so", "yet", "even") else start  # "But if …", "Even as …"
    f = _past_time_lead(toks, f, i)
    if toks[f].lower not in _FRONTING:
        return None
    if start > 0 and toks[f].lower == "as":
        return None  # "…, as X said A": mostly the writer's aside, not a fronted clause
    c = _next_comma(toks, j)
    if start > 0 and c is not None and c + 1 < len(toks) and not _opens_main_clause(toks[c + 1]):
        return None  # "…, when she claimed that ISIS, which …, has used": no main clause follows
    return c


def _after_last_comma(toks, i: int) -> int:
    """Index after the last comma in the 40 tokens before the cue, else 0."""
    commas = _comma_points(toks)
    n = bisect.bisect_left(commas, i) - 1
    return commas[n] + 1 if n >= 0 and commas[n] >= i - 40 else 0


# Words that can open the main clause after a fronted one: "…, he said", "…, the board …".
_MAIN_SUBJECT = frozenset(
    """he she they it we i you there the a an his her their its this that these
those at some many most""".split()
)


def _opens_main_clause(t) -> bool:
    return t.lower in _MAIN_SUBJECT or t.is_cap or t.text[:1].isdigit()


def _in_relative(toks, i: int) -> bool:
    """ "X, who (also) said A, …": a relative clause set off by commas."""
    for k in (i - 1, i - 2, i - 3):
        if k >= 1 and toks[k].text in ("who", "which") and toks[k - 1].text == ",":
            return all(t.is_word for t in toks[k + 1 : i])
    return False


def _next_comma(toks, j: int) -> int | None:
    commas = _comma_points(toks)
    n = bisect.bisect_right(commas, j)
    return commas[n] if n < len(commas) and commas[n] < j + _MAX_CONTENT else None


def forward(text, toks, i, m, sent_end) -> Raw | None:
    j = content_start(toks, i)
    if j is None or len(toks) - j < 3 and toks[i].lower not in NP_CUES:
        return None
    if toks[j].lower in _NOT_CONTENT_START and not _names_self(toks, i, j) or toks[j].text in ("”", "’"):
        # "declined significantly from 1989", "blasted out an email"; "…people feel,” X said":
        # a closing quotation mark ends the quote the cue word sits in, no content opens there
        return None
    if toks[j].text == "and" and toks[i].lower not in SAY_TELL_ADD:
        return None  # "did not respond to the request, and Trump appeared anyway": a new clause
    end = clause_end(toks, j, sent_end)
    close = _fronted_close(toks, i, j)
    if close is not None:
        end = min(end, toks[close].start)
    if toks[i].lower in NP_CUES:
        k = j + 1
        inside = _opens_quote(toks[j].text)
        while (
            k < len(toks)
            and (inside or not _np_ends(toks, k))
            and (toks[k].text not in ".!?" or toks[k].text == "." and abbreviation(toks[k - 1]) or inside)
        ):
            # "endorsed Mr. Cruz", "George W. Bush": the dot does not end the object; nor does
            # a word inside quotation marks ("endorsed candidates “who share our values”"),
            # which run on to the closing mark
            was_inside, inside = inside, _inside_after(toks[k].text, inside)
            k += 1
            if was_inside and not inside:
                break
        end = toks[k].start if k < len(toks) else end
        a, b = strip_end(text, toks[j].start, end)
        return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text)) if b > a else None
    # "a speech outlining her plan on July 15": after a participle the time may date the speech
    t = None if toks[i].lower.endswith("ing") else _object_tail(toks, j, end)
    a, b = strip_end(text, _that_start(toks, j), end if t is None else toks[t].start)
    if b - a < 8:
        return None
    return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text))


# Words that open a noun-phrase object: "announced his candidacy", "echoed that promise".
_OBJECT_OPENERS = frozenset("his her their its our my your the a an that this".split())
_OBJECT_MAX = 8  # tokens of a noun-phrase object before its time
# Words that make the object a clause or an infinitive: "his rival had won", "the Fed not to act".
_CLAUSE_WORDS = frozenset(("to", "not", "that", "who", "which")) | SUBJECT_PRONOUNS


def _object_tail(toks, j: int, end: int) -> int | None:
    """ "announced his candidacy in June", "railed against the pact, the trade deal signed
    last year": a short noun phrase, not a clause, then a time that dates the announcing or
    the writer's description of the object. The index where that tail starts, else None."""
    if toks[j].lower not in _OBJECT_OPENERS or toks[j].lower == "that" and toks[j + 1].is_cap:
        return None
    e = bisect.bisect_left(toks, end, key=_start)
    while e > j and not toks[e - 1].is_word:
        e -= 1
    for t in range(j + 2, min(e, j + _OBJECT_MAX + 1)):
        low = toks[t - 1].lower
        if low in _CLAUSE_WORDS or low in _AUXILIARIES or low.endswith("ed") or not toks[t - 1].is_word:
            return None
        if _time_phrase(toks, t, e) or _appositive_to_end(toks, t, e):
            return t
    return None


def _appositive_to_end(toks, t: int, e: int) -> bool:
    """ "railed against the trade pact, the 12-country deal signed last year": a last comma,
    then "the" and a description of the object that runs to the end."""
    return toks[t].text == "," and toks[t + 1].lower == "the" and all(x.text != "," for x in toks[t + 2 : e])


def _time_phrase(toks, t: int, e: int) -> bool:
    """toks[t:e] is "on Monday", "in June 2015", "on Thursday night" (a bare "Tuesday" or
    "last week" after the object is as often kept with it)."""
    if toks[t].lower not in ("on", "in") or t + 1 >= e or toks[t + 1].text not in DAYS_MONTHS:
        return False
    return all(x.lower in BARE_TIME or x.text.isdigit() or x.text == "," for x in toks[t + 2 : e])


def _start(t) -> int:
    return t.start


_REFLEXIVES = frozenset("himself herself themselves itself".split())


def _names_self(toks, i: int, j: int) -> bool:
    """ "described himself as “a fighter”": the name a speaker gives themself is what
    they said; after other cues ("said himself") the reflexive opens no content."""
    return toks[i].lower in LABEL_CUES and toks[j].lower in _REFLEXIVES


def _opens_quote(tok: str) -> bool:
    return tok in ("“", '"', "''")


def _inside_after(tok: str, inside: bool) -> bool:
    """Whether the words after this token sit inside quotation marks."""
    if tok == "“":
        return True
    if tok == "”":
        return False
    return not inside if tok in ('"', "''") else inside


def _that_start(toks, j: int) -> int:
    """Where the content's words start: with its "that", even when an aside follows it
    ("said that, at the request of the agencies, it had …")."""
    if toks[j - 1].lower == "that":
        return toks[j - 1].start
    if j > 1 and toks[j - 1].text == "," and toks[j - 2].lower == "that":
        return toks[j - 2].start
    return toks[j].start


# ", saying …", ", while …" after the content start the writer's own
# addition: annotators end the content before that comma. So does a final
# ", which …" or ", who …" ("said X, which surprised no one"). A concession
# (", although …", ", though …") is usually the speaker's own and stays.
_TRAILING_CLAUSE = frozenset("while whereas even compared putting despite".split())
# ", even as …", ", even though …", ", even suggesting …" set the writer's contrast or
# account against it; ", even if …", ", even in …" go on with what was said.
_EVEN_CONTRAST = frozenset(("as", "though"))


def _even_contrast(t) -> bool:
    return t.lower in _EVEN_CONTRAST or account_participle(t)


def account_participle(t) -> bool:
    """ "…, saying …": the writer's account of how it was said goes on (not "including")."""
    low = t.lower
    return low.endswith("ing") and len(low) > 5 and not t.is_cap and low not in _NOT_PARTICIPLE


# One-entry cache of the last sentence's cut points, one per worker thread:
# articles analysed side by side in threads would otherwise evict each
# other's entry on every call.
_cut_cache = threading.local()


# Words ending in -ing that are no participle: ", including X" lists part of
# what was said, ", something …" goes on with it.
_NOT_PARTICIPLE = frozenset("including during something nothing anything everything regarding concerning".split())


_MAX_CONTENT = 200  # tokens: no reported clause in news runs longer

MAX_CHARS = 2500


# After "but", these start a second clause or predicate of the sentence's
# subject ("said X but did not say Y", "said X, but he added Y"), which the
# reported content does not take in; "but" before anything else ("not A but
# B") usually stays inside it.
_AUXILIARIES = frozenset("did does do has have had is was were are would will could can should may might also".split())


def _second_clause(toks, k: int) -> bool:
    nxt = toks[k + 1].lower
    return nxt in SUBJECT_PRONOUNS or nxt in _AUXILIARIES or nxt in CUE_VERBS


def _second_act(w: str) -> bool:
    """ "said X and criticized Y", "… and said Y": the subject's next act, not more content."""
    return w in CUE_VERBS and (w.endswith("ed") or w in FINITE_SPEECH)


_RELATIVE = frozenset(("which", "who"))


def _last_index(texts: list[str], what: str) -> int:
    """Index of the last token equal to what, else -1 (one C-speed scan)."""
    try:
        return len(texts) - 1 - texts[::-1].index(what)
    except ValueError:
        return -1


def _cut_points(toks) -> list[int]:
    """Token indices where a reported clause ends."""
    return _sentence_points(toks)[0]


def _comma_points(toks) -> list[int]:
    """Token indices of the sentence's commas (inner ones), from the same per-sentence pass."""
    return _sentence_points(toks)[1]


def _sentence_points(toks) -> tuple[list[int], list[int]]:
    """Cut points and commas, computed once per sentence (several cues in one
    long sentence must not rescan it)."""
    held: tuple[object, list[int], list[int]] = getattr(_cut_cache, "last", (None, [], []))
    if held[0] is toks:
        return held[1], held[2]
    cuts, commas = [], []
    texts = [t.text for t in toks]
    last_comma = _last_index(texts, ",")
    last_paren = _last_index(texts, "(")
    closes_paren = ")" in texts[-3:]
    for k in range(1, len(toks) - 1):
        t = texts[k]
        if t == ",":
            commas.append(k)
            nxt = texts[k + 1].lower()
            if nxt in ("a", "an") and k == last_comma or _finite_cue(nxt):
                # "said X, a move that …": the writer's comment on what was said;
                # "X, who said A, declined B": the subject's own next verb
                cuts.append(k)
                continue
            if nxt in _RELATIVE and k < last_comma:
                continue  # "the decision, which struck X down, shows …": a relative inside the content
            if (
                nxt in _TRAILING_CLAUSE
                and (nxt != "even" or k + 2 < len(toks) and _even_contrast(toks[k + 2]))
                and not (nxt == "while" and _contrast_clause(toks, k + 2))
                or nxt in _RELATIVE
                or account_participle(toks[k + 1])
            ):
                cuts.append(k)
        elif t == "(" and k == last_paren and closes_paren and k > 3:
            cuts.append(k)  # "called X “rapists” (although he allowed …)": a closing aside is the writer's
        elif t == ";" or t == ":" and _attributed_quote_after(toks, k):
            # "A majority say X; 26 percent say Y": the next clause is another report;
            # "said the pier was unsafe: “It shakes,” she said": the quote is its own statement
            cuts.append(k)
        elif len(t) == 3:  # only "but" and "and" below: skip lower-casing every other word
            low = t.lower()
            if low == "but" and _second_clause(toks, k) or low == "and" and _second_act(texts[k + 1].lower()):
                # "said X but did not say Y", "said X and criticized Y": the subject's next act
                cuts.append(k - 1 if texts[k - 1] == "," else k)
    dashes = _dashes(toks)
    if len(dashes) % 2 and _joins_clause(toks, dashes[-1]):
        # "said A — and B", "said A — the third sale this year", "said A — then B": a lone dash
        # and a conjunction, a description or what happened next lead on to the writer's own words;
        # a pair ("A — given B — C") sets off an aside inside the content
        bisect.insort(cuts, dashes[-1])
    _cut_cache.last = (toks, cuts, commas)
    return cuts, commas


_QUOTE_PAIRS = {"“": "”", '"': '"', "'": "'"}
_QUOTE_SPAN = 80  # tokens a quote after a colon may take


def _attributed_quote_after(toks, k: int) -> bool:
    """ "…: “It shakes,” she said": after the colon a quotation closes on a comma (or "?",
    "!") and its own attribution follows. Not after a cue ("…, in which X said: “…,”"):
    there the quote is what that cue reports."""
    n = k + 1
    if n >= len(toks) or toks[n].text not in _QUOTE_PAIRS or toks[k - 1].lower in CUE_VERBS:
        return False
    close = _QUOTE_PAIRS[toks[n].text]
    n += 2 if toks[n].text == "'" and n + 1 < len(toks) and toks[n + 1].text == "'" else 1
    for e in range(n + 1, min(n + _QUOTE_SPAN, len(toks) - 1)):
        if toks[e].text == close:
            after = e + 1 + (close == "'")  # past the second mark of "''"
            return toks[e - 1].text in ",?!" and after < len(toks) and toks[after].is_word
    return False


_DASHES = frozenset("— –".split())
_DASH_JOINS = frozenset("and but while though although the all except then".split())


def _joins_clause(toks, k: int) -> bool:
    n = k + 2 if toks[k + 1].text == "-" else k + 1
    return n < len(toks) and toks[n].lower in _DASH_JOINS


def _dashes(toks) -> list[int]:
    """Indices of the sentence's dashes: "—", "–", a spaced "-" or "--" (not "U.S.-Mexico")."""
    out = []
    k = 1
    while k < len(toks) - 1:
        t = toks[k].text
        double = t == "-" and toks[k + 1].text == "-"
        if t in _DASHES or double or t == "-" and toks[k - 1].end < toks[k].start < toks[k].end < toks[k + 1].start:
            out.append(k)
            k += double
        k += 1
    return out


# Finite verbs that open the predicate of a contrasting clause: "…, while 23 percent
# favored Y", "…, while the fugitives were beyond reach".
_CONTRAST_FINITE = (BE | _AUXILIARIES) - {"also"}


def _contrast_clause(toks, k: int) -> bool:
    """ "X backed A, while Y backed B": after "while" a clause of its own (a subject, then a
    finite verb that is no speech verb) sets a second finding beside the first, and the
    speaker says both; "…, while adding …" or "…, while Y said …" is the writer's."""
    if k >= len(toks) or not toks[k].is_word or toks[k].lower.endswith("ing") and not toks[k].is_cap:
        return False
    for n in range(k + 1, min(k + 9, len(toks))):
        t = toks[n]
        if not t.is_word and t.text not in "%$'’-":
            return False
        if t.lower in CUE_VERBS:
            return False
        if t.lower in _CONTRAST_FINITE or t.lower.endswith("ed") and n > k + 1:
            return True
    return False


def _finite_cue(w: str) -> bool:
    """A cue verb in a finite form ("declined", "argues"), not a noun ("claims" is both:
    after a comma it is mostly the verb)."""
    return w in CUE_VERBS and w.endswith(("ed", "s")) and not w.endswith("ss")


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
    """ "…, he said, wiping …" / "…, he said, when …": the writer's aside after a tail.
    Not "because": "…, he said, because …" gives the speaker's own reason (PolNeAR train:
    the content runs on through it every time)."""
    low = t.lower
    return (low.endswith("ing") and len(low) > 5 and not t.is_cap) or low in (
        "when",
        "as",
        "while",
        "after",
        "before",
        "referring",
        "adding",
        "noting",
    )
