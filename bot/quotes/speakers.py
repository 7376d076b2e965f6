"""Who is speaking: noun phrases around a reporting cue, and coreference.

`subject_before` / `subject_after` read the speaker mention next to a cue in
one sentence's tokens. `Resolver` maps each mention (a pronoun, a surname,
"the minister") to the full name it first appeared with in the article.
"""

from __future__ import annotations

import bisect

from bot.quotes.lexicon import (
    AUX,
    CUE_VERBS,
    DAYS_MONTHS,
    DETERMINERS,
    DOT_TITLES,
    KNOWN_OUTLETS,
    LEADING_NOISE,
    NAME_CONNECTORS,
    NAME_SUFFIXES,
    NP_BREAK,
    NP_LINKS,
    ORG_WORDS,
    OUTLET_WORDS,
    PARTY_ADJECTIVES,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    SOURCE_NOUNS,
    SUBJECT_STOP,
    TITLES,
)
from bot.quotes.mentions import Mention, cap_run_back, common_np, initial_dot, is_name_tok, name_mention
from bot.quotes.tokens import Token, only_opens_sentences

_AFTER_NP = frozenset(
    """who which that whose speaking asked adding noting and but in at on
during while as because after before when""".split()
)
_FINITE = frozenset("is was were are has have had will would can could should may might must do does did".split())
_OPENERS = frozenset("and but so still yet meanwhile however instead also then".split()) | PREPOSITIONS
_NOT_APPOSITIVE = frozenset("whom which that where when because but and while as if so".split())
_PHRASE_OPENERS = frozenset(
    """inside outside among despite under within across against amid following
without through throughout unlike upon beyond asked pressed facing here there""".split()
)
_ING_NAMES = frozenset("king sterling browning manning fleming harding golding channing".split())


def subject_before(toks: list[Token], i: int, text: str) -> Mention | None:
    """The speaker mention ending just before the cue at toks[i]."""
    j = _before_name_tail(toks, skip_between(toks, i - 1))
    if j < 0:
        return None
    t = toks[j]
    if t.text == "," and j >= 1:
        return _appositive(toks, j, text)
    if t.lower in PRONOUNS:
        return Mention(t.text, t.start, t.end, None, "pronoun")
    if t.text.endswith(("’s", "'s")):
        return None  # "Trump’s declared goal": a possessive, not a speaker
    m = _noun_phrase_before(toks, j, text)
    if m is None or toks[i].lower.endswith("ing") and _object_of_preposition(toks, m):
        return None  # "a statement to Wired explaining …": Wired is not explaining
    participle = toks[i].lower.endswith("ing") and j == skip_between(toks, i - 1) == i - 1
    if not participle:
        return ungoverned(toks, m, text, i)
    return _relative_head(toks, m, text) or m


_ORG_ENDS = ORG_WORDS | OUTLET_WORDS | KNOWN_OUTLETS
_OUTLETS = OUTLET_WORDS | KNOWN_OUTLETS
# What may stand before a subject: the sentence start, a comma, a clause word
_CLAUSE_EDGE = frozenset(', ; : — – “ ” " but and so that while when because although though'.split())


def _coordinated_names(toks: list[Token], b: int, j: int, text: str) -> Mention | None:
    """ "Mr. Grassley and Mr. Leahy say", "Ann Roe, Tom Ashby and Jo Kerr said": both (all)
    speak, so the speaker is the whole phrase, never the last name alone. The list must
    open its clause: in "went to Iowa and Clinton said" Iowa is no speaker."""
    if b >= 3 and toks[b - 1].text == "." and toks[b - 2].lower in DOT_TITLES:
        b -= 2  # "and Mr. Leahy"
    if b < 2 or toks[b - 1].lower not in ("and", "&"):
        return None
    k = b - 1
    while k >= 1 and toks[k].lower in ("and", "&", ","):
        e = k - 1
        if e >= 0 and toks[e].text == "." and e >= 1 and toks[e - 1].lower in DOT_TITLES | NAME_SUFFIXES:
            e -= 1
        if e < 0 or not (is_name_tok(toks[e]) or initial_dot(toks, e)):
            return None
        start = cap_run_back(toks, e)
        if start >= 1 and toks[start - 1].text == "." and start >= 2 and toks[start - 2].lower in DOT_TITLES:
            start -= 2  # "Mr. Grassley"
        k = start - 1
        if k < 0 or toks[k].lower not in ("and", "&", ","):
            break
    first = k + 1
    if first > 0 and toks[first - 1].lower not in _CLAUSE_EDGE:
        return None
    if any(toks[x].text in _ORG_ENDS for x in range(first, j + 1)):
        return None  # "Baltline and the Harbour Board": a company and a board, read elsewhere
    while toks[first].lower in SUBJECT_STOP:
        first += 1
    return Mention(text[toks[first].start : toks[j].end], toks[first].start, toks[j].end, None, "unnamed")


def _past_organisation(toks: list[Token], b: int, j: int) -> int:
    """ "told the Washington Post Trump said": a run that goes on past an outlet's last
    word into a short name with no title is two phrases; the name after it speaks."""
    for x in range(j - 1, max(b - 1, j - 4), -1):
        if toks[x].text in _OUTLETS:
            rest = toks[x + 1 : j + 1]
            if all(is_name_tok(t) and t.lower not in TITLES and t.text not in _ORG_ENDS for t in rest):
                return x + 1
            return b
    return b


def _object_of_preposition(toks: list[Token], m: Mention) -> bool:
    """The mention follows a preposition ("to Wired", "on Facebook"), so it is the
    object of the phrase, not the subject of the "-ing" word after it ("with Trump
    tweeting", "footage of Trump saying": there Trump does speak)."""
    k = bisect.bisect_left(toks, m.start, key=_start)
    return k >= 1 and toks[k - 1].lower in PREPOSITIONS and toks[k - 1].lower not in ("with", "of")


def _before_name_tail(toks: list[Token], j: int) -> int:
    """Back over what may follow a name before its cue: a party tag ("Jason Doe (R-Utah)
    said", also with a comma after it) and a suffix's dot ("James Doe Jr. said")."""
    if j >= 1 and toks[j].text == "," and toks[j - 1].text == ")":
        j -= 1  # "Tom Ashby (R-Ohio), said"
    if j >= 0 and toks[j].text == ")":
        return _before_party_tag(toks, j)
    if j >= 1 and toks[j].text == "." and toks[j - 1].lower in NAME_SUFFIXES and toks[j - 1].is_cap:
        return j - 1
    return j


def _noun_phrase_before(toks: list[Token], j: int, text: str) -> Mention | None:
    """A name, a source noun or a determiner-led phrase ending at toks[j]."""
    t = toks[j]
    if is_name_tok(t):
        b = _past_organisation(toks, cap_run_back(toks, j), j)
        group = _coordinated_names(toks, b, j, text)
        if group is not None:
            return group
        m = _source_of_place_or_party(toks, b, j, text) or name_mention(toks, b, j, text)
        return _job_before(toks, b, m, text) if m is not None and m.role is None else m
    if t.lower in SOURCE_NOUNS or t.lower.rstrip("s") in SOURCE_NOUNS:
        # "a spokesman for the Trump campaign": of/for-phrases end in a noun too
        return common_np(toks, j, text)
    return _determiner_np(toks, j, text)


# Prepositions whose object may stand right before a cue without being its subject:
# "Shopkeepers on the quay said", "the business side of TV is arguing". "after",
# "before" and "since" open clauses too ("after Trump questioned …"), so they are left out.
_GOVERNING_PREPS = PREPOSITIONS - {"after", "before", "since"} | frozenset(
    "to around near across inside outside into among".split()
)


# The kind of a mention that is only the object of a preposition ("took to Twitter"):
# it shows where the reader looked for a speaker; nobody is named by it.
GOVERNED = "governed"


def ungoverned(toks: list[Token], m: Mention, text: str, cue: int | None = None) -> Mention | None:
    """The mention itself, or, when it is the object of a preposition, the whole noun
    phrase the preposition hangs on ("Shopkeepers on the quay", "Video of the incident").
    When no noun phrase holds it ("took to Twitter", "observers in Ohio and around the
    country") the mention comes back marked GOVERNED: the object of a preposition is never
    the speaker by itself, and the engine leaves such a record unnamed. `cue` is the
    index of the cue when it follows the mention."""
    if m.kind == "pronoun" or m.surface.lower() in PARTY_ADJECTIVES:
        return m  # "32% of Republican claims": an adjective of the cue's noun, no one's phrase
    rel = _relative_head(toks, m, text)
    if rel is not None:
        return rel  # "a study that appeared in the journal found": the study
    k = bisect.bisect_left(toks, m.start, key=_start)
    e = bisect.bisect_left(toks, m.end, key=_start)
    if e < len(toks) and toks[e].text == ",":
        e += 1
    relative = e < len(toks) and toks[e].lower in _RELATIVE_WORDS and not _clause_closed(toks, e, cue)
    if relative and (toks[e].lower != "who" or _names_people(toks, m)):
        return m  # "turned to the police, which reported", "lined up with Priebus, who has said"
    b, outer = _governing_preposition(toks, k), None
    if b >= 0 and _office_holds(toks, b, m, text):
        return m  # "Speaker of the House Paul Ryan": the preposition is part of the office
    coordinated = b >= 0 and any(t.lower in ("and", "or") for t in toks[b + 1 : k])
    for _ in range(3):  # "anyone on the business side of TV": phrase in phrase
        if b < 0:
            break
        outer = _holding_np(toks, b - 1, text)
        if outer is None:
            # "went to Iowa and Clinton said": after "and" a new clause may start
            return m if coordinated else m._replace(kind=GOVERNED)
        b = _governing_preposition(toks, bisect.bisect_left(toks, outer.start, key=_start))
    if outer is None:
        return m
    return Mention(text[outer.start : m.end], outer.start, m.end, None, "unnamed")


def _office_holds(toks: list[Token], b: int, m: Mention, text: str) -> bool:
    """The preposition toks[b] lies inside the office of the full name m ("Speaker of the
    House Paul Ryan"). Before the office it governs the name ("An aide to Mayor Ann Bell",
    "inside Town Hall"): then the name is no speaker by itself."""
    if m.kind != "person" or " " not in m.surface or not m.role:
        return False
    at = text.rfind(m.role, 0, m.start)
    return 0 <= at < toks[b].start


def _possessive(t: Token) -> bool:
    return t.text.endswith(("’s", "'s"))


def _names_people(toks: list[Token], m: Mention) -> bool:
    """ "who" may hang on the mention: a name or a noun for people ends it; after
    "inside the town hall, who" it hangs on the person before the place."""
    last = toks[bisect.bisect_left(toks, m.end, key=_start) - 1]
    return is_name_tok(last) or _person_noun(last)


def _clause_closed(toks: list[Token], r: int, cue: int | None) -> bool:
    """The relative clause opening at toks[r] closes with a comma before the cue
    ("One operative inside the hall, who asked not to be named, said"): the cue is the
    main verb, so the clause says nothing about who spoke."""
    if cue is None or cue <= r:
        return False
    c = skip_between(toks, cue - 1)
    # one aside, one comma closing it: "who works for RT and, Mr. King said, has" goes on
    return c > r and toks[c].text == "," and not any(t.text == "," for t in toks[r + 1 : c])


def _governing_preposition(toks: list[Token], k: int) -> int:
    """Index of the preposition whose object starts at toks[k] ("on the quay", "of the 2014
    survey", "in Ohio and Iowa"); -1 when the phrase is no such object."""
    if toks[k].lower in _GOVERNING_PREPS and k >= 1:
        return k  # the reader took the preposition in: "of dock workers"
    b = k
    if b >= 2 and toks[b - 1].text == "." and toks[b - 2].lower in DOT_TITLES and not _possessive(toks[k]):
        b -= 2  # "for Gov. Jo Kerr": the title's dot; "of Mrs. Clinton's name" is no one's office
    while b >= 1 and is_name_tok(toks[b - 1]) and toks[b - 1].text not in _ORG_ENDS:
        b -= 1  # "the American Community Survey"; not past "the Washington Post" before "Trump"
    while b >= 1 and (toks[b - 1].lower in ("the", "a", "an") or toks[b - 1].text.isdigit()):
        b -= 1
    if b >= 2 and toks[b - 1].lower in ("and", "or") and is_name_tok(toks[b - 2]):
        b = cap_run_back(toks, b - 2)  # "polls in Ohio and Iowa have shown"
    ok = b >= 1 and toks[b - 1].lower in _GOVERNING_PREPS and not toks[b - 1].is_cap
    if ok and toks[b].lower == "least" and toks[b - 1].lower == "at":
        return -1  # "at least some of them": a share, not a place
    return b - 1 if ok else -1


_QUANTIFIERS = frozenset(
    """some many most none few all several both one two three each majority minority plurality
any much percent quarter third half""".split()
)


def _holding_np(toks: list[Token], j: int, text: str) -> Mention | None:
    """The noun phrase ending at toks[j] that a prepositional phrase hangs on: a name
    ("Jeb Bush in a blog post said"), a noun for people and its description
    ("Shopkeepers", "people familiar", "some"), one a determiner opens ("the transcript", "her letter")
    or the sentence opens ("Video"); never a verb ("Ann Bell took to Twitter")."""
    if j >= 1 and (toks[j].text == "%" or toks[j].text.isdigit()):
        # "85% of Democrats", "4 in 10 voters": a share of them
        a = j - 1 if toks[j].text == "%" else j
        return Mention(text[toks[a].start : toks[j].end], toks[a].start, toks[j].end, None, "unnamed")
    if j < 0 or not toks[j].is_word or toks[j].lower in NP_BREAK or toks[j].lower in PRONOUNS:
        return None
    if j > 0 and is_name_tok(toks[j]) and toks[j].text not in _ORG_ENDS:
        b = cap_run_back(toks, j)
        # "Dan McLaughlin at the National Review": two capitals opening the sentence are a
        # name; one ("Shopkeepers on the quay") may be a common noun
        if b > 0 or j > b or not only_opens_sentences(text, toks[b]):
            return name_mention(toks, b, j, text)
    k = j
    while k >= 1 and j - k < 5 and toks[k - 1].is_word and toks[k - 1].lower not in _NOT_IN_NP:
        k -= 1
    if k >= 1 and toks[k - 1].lower in DETERMINERS:
        k -= 1
    words = toks[k : j + 1]
    led = words[0].lower in DETERMINERS or words[0].text.endswith(("’s", "'s"))
    if led or j == 0 and toks[0].lower not in LEADING_NOISE or _people_then_description(words):
        return Mention(text[toks[k].start : toks[j].end], toks[k].start, toks[j].end, None, "unnamed")
    return None


_NOT_IN_NP = (
    NP_BREAK | PRONOUNS | DETERMINERS | _GOVERNING_PREPS | AUX | CUE_VERBS | frozenset("after before since".split())
)


def _people_then_description(words: list[Token]) -> bool:
    """ "Shopkeepers", "People briefed", "sources close", "some": a noun for people (or
    a share) and after it only lower-case words describing them; "Mayor Ann Bell took"
    is a name and its verb."""
    last = max((n for n, t in enumerate(words) if _person_noun(t) or t.lower in _QUANTIFIERS), default=-1)
    return last >= 0 and all(t.is_word and not t.is_cap for t in words[last + 1 :])


def _person_noun(t: Token) -> bool:
    """A noun for people: a source noun or a title ("Senator"), or a plural
    ("shopkeepers", "Others") that is no name of its own."""
    low = t.lower
    if not t.is_word or low in NP_BREAK or low in PRONOUNS:
        return False
    if low in SOURCE_NOUNS or low in TITLES or low.rstrip("s") in SOURCE_NOUNS:
        return True
    return low.endswith("s") and not low.endswith(("ss", "us", "is")) and low[:1].isalpha()


_RELATIVE_PRONOUNS = frozenset("who that".split())


def _relative_head(toks: list[Token], m: Mention, text: str) -> Mention | None:
    """ "Respondents who support Sanders said", "critics who spoke to Reuters said": the
    phrase before the cue is the object inside a relative clause; the speaker is the
    noun the clause hangs on. None when the mention opens no such clause."""
    k = bisect.bisect_left(toks, m.start, key=_start) - 1
    if k >= 1 and toks[k].lower in ("the", "a", "an"):
        k -= 1  # "officials who spoke with The Huffington Post said"
    r = k
    while r >= 1 and k - r < 5 and toks[r].is_word and not toks[r].is_cap and toks[r].lower not in _RELATIVE_PRONOUNS:
        r -= 1
    if r == k or r < 1 or toks[r].lower not in _RELATIVE_PRONOUNS:
        return None
    verb, head = toks[r + 1], toks[r - 1]
    if verb.lower in DETERMINERS or verb.lower in PRONOUNS or not _clause_noun(toks, r - 1):
        return None  # "said that the plan …", "given that polls show": a clause, not a relative one
    if is_name_tok(head) and not (r == 1 and head.lower not in TITLES):
        return name_mention(toks, cap_run_back(toks, r - 1), r - 1, text)
    return common_np(toks, r - 1, text)


# words a relative clause's noun cannot be: "said that", "so that", "now that"
_NOT_HEAD = CUE_VERBS | NP_BREAK | PRONOUNS | PREPOSITIONS | frozenset("so now such than".split())


def _clause_noun(toks: list[Token], k: int) -> bool:
    """toks[k] looks like the noun a relative clause hangs on: a name, a plural
    ("respondents", "groups"), a source noun or a word after a determiner; not an
    adjective or a verb before a "that" clause ("clear that", "given that")."""
    t = toks[k]
    if not t.is_word or t.lower in _NOT_HEAD:
        return False
    if t.is_cap or t.lower in SOURCE_NOUNS or t.lower in TITLES:
        return True
    plural = t.lower.endswith("s") and not t.lower.endswith(("ss", "ous", "is", "us"))
    return plural or k >= 1 and toks[k - 1].lower in DETERMINERS


def _start(t: Token) -> int:
    return t.start


def _determiner_np(toks: list[Token], j: int, text: str) -> Mention | None:
    """ "the NFL legend said": a short lower-case noun phrase opened by a determiner."""
    t = toks[j]
    if not t.is_word or t.is_cap or t.lower in NP_BREAK:
        return None
    for k in range(j - 1, max(-1, j - 4), -1):
        if toks[k].lower in ("the", "a", "an"):
            return Mention(text[toks[k].start : t.end], toks[k].start, t.end, None, "unnamed")
        if not toks[k].is_word or toks[k].lower in NP_BREAK or toks[k].lower in PRONOUNS:
            break
    return None


def _source_of_place_or_party(toks: list[Token], b: int, j: int, text: str) -> Mention | None:
    """ "a spokesperson for Baltline said", "the court in Cleveland said": a name after
    a preposition belongs to the noun phrase before it. The speaker is that phrase,
    unnamed, never the company, side or place named at its end."""
    if b < 2 or toks[b - 1].lower not in NP_LINKS or toks[b - 1].is_cap:
        return None
    noun = toks[b - 2]
    if not noun.is_word or noun.is_cap:
        return None
    person_noun = noun.lower in SOURCE_NOUNS or noun.lower.rstrip("s") in SOURCE_NOUNS or noun.lower in TITLES
    led = b >= 3 and toks[b - 3].lower in DETERMINERS
    if not (person_noun or led):
        return None
    np = common_np(toks, b - 2, text)
    if np is None or not any(w.lower() in DETERMINERS for w in np.surface.split()[:1]) and not person_noun:
        return None
    return Mention(text[np.start : toks[j].end], np.start, toks[j].end, None, "unnamed")


_TIME_UNITS = frozenset("week month year summer fall spring winter weekend".split())
_TIME_OPENERS = frozenset("last this next".split())
_BETWEEN_ADVERBS = frozenset("first initially long since ever now twice".split())


def _time_phrase_before(toks: list[Token], j: int) -> int:
    """How many tokens of "last month" / "at the time" end at toks[j] (0 if none)."""
    t = toks[j]
    if t.lower in _TIME_UNITS and j >= 1 and toks[j - 1].lower in _TIME_OPENERS and not toks[j - 1].is_cap:
        return 2
    if t.lower in ("time", "past") and j >= 2 and toks[j - 1].lower == "the" and toks[j - 2].lower in ("at", "in"):
        return 3  # "at the time", "in the past"
    return 0


def _is_between_adverb(t: Token) -> bool:
    """ "Sherman first pointed out", "Ryan has long said"."""
    if t.is_cap or not t.is_word:
        return False
    return t.lower in _BETWEEN_ADVERBS


def _before_party_tag(toks: list[Token], j: int) -> int:
    """Index of the name before a short parenthesis ending at toks[j]
    ("Chaffetz (R-Utah)"), or -1 when no name precedes it."""
    p = j - 1
    while p > 0 and j - p < 8 and toks[p].text != "(":
        p -= 1
    if p < 1 or toks[p].text != "(" or not is_name_tok(toks[p - 1]):
        return -1
    return p - 1


def skip_between(toks: list[Token], j: int) -> int:
    """Back over "has also", "on Tuesday", "Thursday", "last month", "at the time",
    "first" between subject and cue."""
    while j >= 0:
        t = toks[j]
        if t.lower in AUX and not t.is_cap:
            j -= 1
        elif _is_between_adverb(t) and j >= 1 and toks[j - 1].is_word and toks[j - 1].lower not in NP_BREAK:
            j -= 1  # ", falsely suggesting" keeps its own reading (the sentence subject)
        elif _time_phrase_before(toks, j):
            j -= _time_phrase_before(toks, j)
        elif t.text in DAYS_MONTHS or t.lower in (
            "yesterday",
            "today",
            "tonight",
            "night",
            "morning",
            "afternoon",
            "evening",
        ):
            j -= 1
            if j >= 0 and toks[j].lower in ("on", "last", "this", "late", "early"):
                j -= 1
        else:
            return j
    return j


_ADVERB_OPENERS = frozenset("early late later earlier besides indeed ultimately now again finally".split())


def _adverb_opener(toks: list[Token]) -> bool:
    """ "Publicly, the mayor …", "Early in his campaign, Trump …": an adverb opening the
    sentence is no name, the subject follows its comma."""
    first = toks[0].lower
    if first in _ADVERB_OPENERS:
        return True
    return first.endswith("ly") and len(first) > 4 and len(toks) > 1 and toks[1].text == ","


def sentence_subject(toks: list[Token], text: str) -> Mention | None:
    """The subject opening the sentence, for "…and said" / "…, saying"."""
    if not toks:
        return None
    phrase = _opens_with_phrase(toks)
    if (toks[0].lower in _OPENERS or phrase) and len(toks) > 2:
        return _subject_after_opener(toks, text, phrase)
    t = toks[0]
    if t.lower in PRONOUNS:
        return Mention(t.text, t.start, t.end, None, "pronoun")
    if is_name_tok(t) and t.lower not in SUBJECT_STOP | DETERMINERS:
        m = _opening_name(toks, text)
        if m is not None and m.surface.endswith(("’s", "'s")):
            return None  # "Clinton’s campaign …": the campaign, not Clinton
        if m is None and t.lower in _TIME_OR_LINK_OPENERS:
            # "Hours later, Trump …" in an article that never capitalises "hours" mid-sentence
            return _subject_past_opening(toks, text)
        if m is None or not _no_subject(toks, m):
            return m
        return _subject_past_opening(toks, text)
    return None


# Capitalised words that open a sentence without being its subject: "Hours later, …",
# "Back in 1999, …", "Ever since …", "Instead, …"
_TIME_OR_LINK_OPENERS = frozenset(
    """hours days weeks months years decades minutes moments back ever instead therefore
such along still thus hence""".split()
)


def _no_subject(toks: list[Token], m: Mention) -> bool:
    """The name reader took an opening word for the subject: a time or linking word
    ("Hours later, Trump …", "Instead, the senator is …"), a dateline ("WASHINGTON —
    Sen. …", "Washington (AFP) – …"), or a word before a clause between commas."""
    e = bisect.bisect_left(toks, m.end, key=_start)
    nxt = toks[e] if e < len(toks) else None
    if nxt is None:
        return False
    if " " not in m.surface and m.surface.lower() in _TIME_OR_LINK_OPENERS:
        return True
    if nxt.text in ("—", "–", "--", "-"):
        return m.surface.isupper()  # "WASHINGTON — Sen. …"; "Trump -- who …" keeps Trump
    if nxt.text == "(" and e + 3 < len(toks) and toks[e + 2].text == ")" and toks[e + 3].text in ("—", "–", "-"):
        return True  # "Washington (AFP) – …"
    if nxt.text != ",":
        return False
    # "Iowa, on Sunday, Mrs. Clinton …": a time or place phrase follows, not an aside about a person
    later = toks[e + 1] if e + 1 < len(toks) else None
    return m.surface.isupper() or _clause_aside(toks, e) or later is not None and later.lower in PREPOSITIONS


_RELATIVE_WORDS = frozenset("who which whose whom that".split())


def _clause_between(toks: list[Token], k: int, j: int) -> bool:
    """The words between the commas at toks[k] and toks[j] are a clause with its own
    verb ("the senator is sticking to …", "Trump went after Bush"), not an aside about
    the name before them ("the mayor", "who runs the ferry")."""
    inner = toks[k + 1 : j]
    if not inner or inner[0].lower in _RELATIVE_WORDS:
        return False
    for t in inner[1:]:
        if t.lower in _RELATIVE_WORDS:
            break  # "a top adviser who has long dismissed …": the verb is the relative clause's
        if t.lower in _FINITE:
            return True
    n = 0
    while n < len(inner) and (is_name_tok(inner[n]) or inner[n].text == "."):
        n += 1
    after = inner[n] if 0 < n < len(inner) and not inner[n - 1].text.endswith(("’s", "'s")) else None
    return after is not None and after.is_word and not after.is_cap and after.lower not in TITLES | NAME_CONNECTORS


def _clause_aside(toks: list[Token], c: int) -> bool:
    """The words from the comma at toks[c] to the next comma are a clause with its own
    verb ("…, New Hampshire, Trump went after Bush, …"), not an aside about the name."""
    e = c + 1
    while e < len(toks) and toks[e].text != "," and e - c < 20:
        e += 1
    return e < len(toks) and toks[e].text == "," and _clause_between(toks, c, e)


def _subject_past_opening(toks: list[Token], text: str) -> Mention | None:
    """The subject after a dateline's dash or the comma that ends a short opening."""
    for k, t in enumerate(toks[1:7], start=1):
        if t.text in ("—", "–", "-", "--", ","):
            return sentence_subject(toks[k + 1 :], text) if k + 1 < len(toks) - 1 else None
    return None


def _opens_with_phrase(toks: list[Token]) -> bool:
    """ "Inside the hall, …", "Weighing in on the talks, …", "Publicly, …": a phrase
    before a comma opens the sentence."""
    first = toks[0].lower
    return (
        first in _PHRASE_OPENERS
        or (first.endswith("ing") and len(first) > 4 and first not in _ING_NAMES)
        or _adverb_opener(toks)
    )


def _subject_after_opener(toks: list[Token], text: str, phrase: bool) -> Mention | None:
    """ "And she has …", "But Clinton, …", "In May, a judge …": the subject follows the opener.
    "Weighing in on the talks, X agreed": so does a participle or preposition phrase."""
    k = 1
    if toks[0].lower in PREPOSITIONS or phrase:
        while k < len(toks) and k < (14 if phrase else 12) and toks[k].text != ",":
            k += 1
        if phrase and (k >= len(toks) or toks[k].text != ","):
            return None
    if k < len(toks) and toks[k].text == ",":
        k += 1
    if k == 1 and k < len(toks) and toks[k].lower in _LINK_ADVERBS:
        k += 1  # "And then Ruiz …", "But still the board …": two linking words, one opener
    if k < len(toks) - 1 and k < (15 if phrase else 13):
        return sentence_subject(toks[k:], text) if toks[k].lower not in _OPENERS else None
    return None


_LINK_ADVERBS = frozenset("then still yet now also".split())


def _opening_name(toks: list[Token], text: str) -> Mention | None:
    """The name opening the sentence, with the role between the commas after it."""
    if toks[0].lower in DOT_TITLES and len(toks) > 3 and toks[1].text == "." and is_name_tok(toks[2]):
        return sentence_subject(toks[2:], text)  # "Mrs. Reyes endorsed …": past the title's dot
    j = _name_run_end(toks)
    later = _name_after_title_run(toks, j, text)
    if later is not None:
        return later  # "Opposition defence spokesman Luke Barrow defended …": the person, not "Opposition"
    m = name_mention(toks, 0, j, text)
    if m and j + 1 < len(toks) and toks[j + 1].text == ",":
        role = _role_between_commas(toks, j, text)
        if role is not None:
            m = m._replace(role=m.role or role)
    return m


def _name_run_end(toks: list[Token]) -> int:
    """The last token of the name opening the sentence ("Jean de la Cruz")."""
    j = 0
    while j + 1 < len(toks) and (
        is_name_tok(toks[j + 1])
        or (toks[j + 1].lower in NAME_CONNECTORS and j + 2 < len(toks) and is_name_tok(toks[j + 2]))
    ):
        j += 1
    return j


def _role_between_commas(toks: list[Token], j: int, text: str) -> str | None:
    """ "Jane Roe, the city's mayor, …": the words between the commas after the name ending at toks[j]."""
    e = j + 2
    while e < len(toks) and e - j < 20 and toks[e].text != ",":
        e += 1
    if e < len(toks) and e > j + 2:
        return text[toks[j + 2].start : toks[e - 1].end]
    return None


_NOT_ROLE = CUE_VERBS | AUX | NP_BREAK | PREPOSITIONS | SUBJECT_STOP


def _name_after_title_run(toks: list[Token], j: int, text: str) -> Mention | None:
    """A capitalised run, lower-case title words, then a name: the name speaks and the whole run
    before it is the role ("Opposition defence spokesman Luke Barrow", "Labour leader Ann Cole")."""
    k = j + 1
    while k < len(toks) and k - j <= 3 and toks[k].is_word and not toks[k].is_cap and toks[k].lower not in _NOT_ROLE:
        k += 1
    # the run must end in a title's head noun ("spokesman", "leader"), so "Pfizer said Monday" is no role
    if k == j + 1 or k >= len(toks) or not is_name_tok(toks[k]) or toks[k - 1].lower not in TITLES:
        return None
    e = k
    while e + 1 < len(toks) and is_name_tok(toks[e + 1]):
        e += 1
    m = name_mention(toks, k, e, text)
    if m is None or m.kind != "person":
        return None
    return m._replace(role=text[toks[0].start : toks[k - 1].end])


_PLACE_PREPS = frozenset("in at from near outside".split())


def _place_before_comma(toks: list[Token], k: int) -> bool:
    """ "… in Wilmington, N.C.": a capitalised run right after a place preposition ends at toks[k]."""
    e = k - 1
    if e < 1 or not is_name_tok(toks[e]):
        return False
    b = cap_run_back(toks, e)
    return b >= 1 and toks[b - 1].lower in _PLACE_PREPS


def _home_town_before_comma(toks: list[Token], k: int, j: int) -> bool:
    """ "Cory James, 22, of Flint, Mich., said": one state word after "of <Town>,"."""
    inner = [t for t in toks[k + 1 : j] if t.text != "."]
    if len(inner) != 1 or not is_name_tok(inner[0]) or k < 2 or not is_name_tok(toks[k - 1]):
        return False
    b = cap_run_back(toks, k - 1)
    return b >= 2 and toks[b - 1].lower == "of" and toks[b - 2].text == ","


def _comma_before_place(toks: list[Token], k: int, j: int) -> int:
    """The comma opening the aside that holds the place; k itself if there is none."""
    c = k - 1
    while c >= 0 and toks[c].text != "," and j - c < 25:
        if toks[c].text in '“”"();:':
            return k
        c -= 1
    return c if c > 0 and toks[c].text == "," else k


def _appositive(toks: list[Token], j: int, text: str) -> Mention | None:
    """ "Davyd Arakhamia, the head of the negotiating group, predicts"."""
    k = _aside_opening(toks, j)
    if k < 0:
        return None
    inner = toks[k + 1 : j]
    if inner and inner[0].lower in _NOT_APPOSITIVE:
        return None  # "…in Congress, whom he has alienated, said": not an aside about a speaker
    if inner and all(is_name_tok(x) or x.text == "." for x in inner) and len(inner) <= 5:
        # "the F.B.I. director, James B. Comey, said": the name sits between the commas
        if k >= 1 and is_name_tok(toks[k - 1]) and toks[k - 1].lower not in TITLES:
            if _place_before_comma(toks, k):
                return None  # "the death of Jo Kerr in Tulsa, Oklahoma, arguing": a place, no one's name
            if _place_ends_at(toks, k):
                # "The president of Baltline, Jo Kerr, said": Baltline is the office's object;
                # the person named between the commas speaks, or nobody does
                return _person_between_commas(toks, k, j, text)
            return _name_before_aside(toks, k, j, text)  # "Mitch McConnell, R-Ky., said": McConnell
        if len(inner) == 1 and k >= 1 and _thing_noun(toks[k - 1]):
            return None  # "outside the state capital, Sacramento, said": the city names the capital
        role = text[toks[max(0, k - 4)].start : toks[k - 1].end] if k >= 1 else None
        m = name_mention(toks, k + 1, j - 1, text)
        return m._replace(role=m.role or role) if m else None
    return _name_before_aside(toks, k, j, text)


def _thing_noun(t: Token) -> bool:
    """A lower-case noun no person is named by ("capital", "port"): a one-word name set
    off after it names the thing, while "the chairman, Lind," names a person."""
    low = t.lower
    return t.is_word and not t.is_cap and not ({low, low.rstrip("s")} & (PERSON_NOUNS | SOURCE_NOUNS | TITLES))


def _person_between_commas(toks: list[Token], k: int, j: int, text: str) -> Mention | None:
    """The full name between the commas at toks[k] and toks[j] (two or more words, no
    abbreviation's dot, so "Okla." is none), with the office before it as its role."""
    inner = toks[k + 1 : j]
    dots = [n for n, t in enumerate(inner, start=k + 1) if t.text == "." and not initial_dot(toks, n)]
    if len(inner) < 2 or dots:
        return None
    m = name_mention(toks, k + 1, j - 1, text)
    if m is None or m.kind != "person":
        return None
    b = k - 1
    while b >= 1 and k - b < 10 and toks[b - 1].is_word and toks[b - 1].lower not in NP_BREAK:
        b -= 1
    return m._replace(role=m.role or text[toks[b].start : toks[k - 1].end])


def _aside_opening(toks: list[Token], j: int) -> int:
    """The comma opening the aside that the comma at toks[j] closes; -1 if there is none."""
    k = j - 1
    while k >= 0 and toks[k].text != "," and j - k < 25:
        if toks[k].text in '“”"();:':
            return -1
        k -= 1
    if k <= 0 or toks[k].text != ",":
        return -1
    if _place_before_comma(toks, k) or _home_town_before_comma(toks, k, j):
        # "Trump, speaking at a rally in Wilmington, N.C., warned": "N.C." ends a
        # place, not a name between commas; the aside runs back to the comma before
        k = _comma_before_place(toks, k, j)
    elif k + 1 < j and toks[k + 1].lower in PREPOSITIONS and _state_after_town(toks, k):
        # "…, who lost her daughter in Aurora, Colorado, in July 2012, said": the time
        # phrase follows a town and its state, so the aside runs back past both
        k = _comma_before_place(toks, _comma_before_place(toks, k, j), j)
    k0 = k
    for _ in range(4 if not _clause_between(toks, k, j) else 0):
        # "Harry Bond, 30, of Leeds, England, who drives a cab, said": an age, a home
        # town and its country are pieces of one aside about the name before them all
        if not (_place_ends_at(toks, k) or _age_ends_at(toks, k)):
            break
        c = _comma_before_place(toks, k, j)
        if c == k:
            break
        k = c
    if k != k0 and not is_name_tok(toks[k - 1]):
        # "In the 1952 campaign, Eisenhower and his secretary of State, John Foster Dulles,
        # criticized": no name opens the chain, so the aside is only the last one
        return k0
    return k


_HOME_PREPS = _PLACE_PREPS | frozenset({"of"})


def _place_ends_at(toks: list[Token], k: int, depth: int = 0) -> bool:
    """The name run before the comma at toks[k] is a place: the object of "of", "in",
    "from" … ("of Leeds", "the mayor of Tulsa"), or a state or country after such a
    place and its comma ("of Leeds, England", "of Tulsa, Okla.")."""
    e = k - 1
    if e >= 1 and toks[e].text == "." and is_name_tok(toks[e - 1]):
        e -= 1  # "Okla.": the abbreviation's dot
    if e < 0 or not is_name_tok(toks[e]):
        return False
    b = cap_run_back(toks, e)
    p = b - 1
    while p >= 0 and toks[p].lower == "the":
        p -= 1
    if p >= 0 and toks[p].lower in _HOME_PREPS and not toks[p].is_cap:
        return True
    # a state is one or two words; a longer run between commas is a person's name
    return depth == 0 and p >= 1 and toks[p].text == "," and e - b < 2 and _place_ends_at(toks, p, 1)


def _age_ends_at(toks: list[Token], k: int) -> bool:
    """ "Ann Roe, 52, …": a bare age between commas ends at the comma toks[k]."""
    return k >= 2 and toks[k - 1].text.isdigit() and len(toks[k - 1].text) <= 3 and toks[k - 2].text == ","


def _state_after_town(toks: list[Token], k: int) -> bool:
    """ "in Aurora, Colorado" ends at the comma toks[k]: a name run after a place's comma."""
    e = k - 1
    if e < 2 or not is_name_tok(toks[e]):
        return False
    b = cap_run_back(toks, e)
    return b >= 2 and toks[b - 1].text == "," and _place_before_comma(toks, b - 1)


def _name_before_aside(toks: list[Token], k: int, j: int, text: str) -> Mention | None:
    """The name before the aside between toks[k] and toks[j], the aside as its role."""
    e = _name_end_before_comma(toks, k - 1)
    if e < 0 or not is_name_tok(toks[e]) or e == 0 and _adverb_opener(toks):
        return None  # "Later, Berg left the hall, saying …": "Later" opens the sentence, no name
    if _place_ends_at(toks, k):
        return None  # "a rally in Harwick, North Shore, …": the place is no one before an aside
    if _clause_between(toks, k, j):
        return None  # "Instead, the senator is sticking to …, hoping": a clause, no aside
    # "Karl Dunn, in a statement, said": a phrase of how or when is no role; "Ann Roe, 52,
    # a nurse from Dover": the aside after an age is left out too, as it was read before
    role = None if toks[k + 1].lower in PREPOSITIONS else text[toks[k + 1].start : toks[j - 1].end]
    if role and k + 2 < j and _age_ends_at(toks, k + 2):
        role = None
    m = name_mention(toks, cap_run_back(toks, e), e, text)
    if m is None:
        return None
    if m.role and text.endswith(m.role, 0, toks[k - 1].end) and _state_words(toks[k + 1 : j]):
        # "Harry Bond of Leeds, England, said": the state goes with his home town
        return m._replace(role=m.role + text[toks[k - 1].end : toks[j - 1].end])
    return m._replace(role=m.role if m.role and not role else role)


def _state_words(words: list[Token]) -> bool:
    """ "England", "New South Wales", "Okla.": a short run of capitals, maybe with a dot."""
    names = [t for t in words if t.text != "."]
    return 0 < len(names) <= 3 and all(is_name_tok(t) for t in names)


def _name_end_before_comma(toks: list[Token], e: int) -> int:
    """Back from toks[e] over a suffix's dot or a party tag to the name's last word; -1 if none."""
    if toks[e].text == "." and e >= 1 and toks[e - 1].lower in NAME_SUFFIXES:
        e -= 1  # "James Doe Jr., the director of …, said"
    if toks[e].text == ")":
        # "Elijah Cummings (D-Md.), chair of …, said": the party tag sits between name and aside
        p = e - 1
        while p > 0 and e - p < 8 and toks[p].text != "(":
            p -= 1
        if p < 1 or toks[p].text != "(":
            return -1
        e = p - 1
    return e


def _past_modifiers(toks: list[Token], j: int) -> int:
    """ "said retired neurosurgeon Ben Carson", "noted Ohio-based employment lawyer
    Ann Reyes": up to four describing words (lowercase, or a hyphenated compound
    such as "Ohio-based") before a name; the name at the end of the run starts the
    mention, never an adjective or a place in it. Otherwise j itself."""
    for k in range(j, min(j + 5, len(toks))):
        t = toks[k]
        if _compound_modifier(t) or k == j and _place_before_noun(toks, k):
            continue
        if is_name_tok(t):
            return k if k > j else j
        if (
            t.is_cap
            or not t.is_word
            or t.lower in _AFTER_NP
            or t.lower in _FINITE
            or t.lower in DETERMINERS
            or t.lower in PRONOUNS
        ):
            return j
    return j


def _job_before(toks: list[Token], b: int, m: Mention, text: str) -> Mention:
    """ "Harbour master Ines Holt said": a sentence opening with a capital and a lowercase
    job noun before the name; the two words are her role (the capital is only the
    sentence's first letter or a place, never the speaker)."""
    if b < 2 or m.kind != "person" or len(m.surface.split()) < 2:
        return m
    if not _place_before_noun(toks, b - 2):
        return m
    opens = b == 2 or toks[b - 3].text in '.!?;:“"—' or "\n" in text[toks[b - 3].end : toks[b - 2].start]
    return m._replace(role=text[toks[b - 2].start : toks[b - 1].end]) if opens else m


def _place_before_noun(toks: list[Token], k: int) -> bool:
    """ "said Harbour master Ines Holt": one capitalised word, then a lowercase noun for a
    person, then a name; the capital is part of the description, not the speaker."""
    if k + 2 >= len(toks) or toks[k].text.endswith(("'s", "’s")):
        return False
    noun = toks[k + 1]
    if not noun.is_word or noun.is_cap or not _person_word(noun.lower):
        return False
    if toks[k].lower in PARTY_ADJECTIVES or toks[k + 2].lower.rstrip(".") in TITLES:
        return False  # "said ACLU executive Director Ann Roe": the title starts the name run
    # "super PAC Priorities USA": an acronym after the noun is an organisation's name
    first = toks[k + 2]
    return is_name_tok(first) and not first.text.isupper() and k + 3 < len(toks) and is_name_tok(toks[k + 3])


def _person_word(w: str) -> bool:
    return w in TITLES or w in SOURCE_NOUNS or w in PERSON_NOUNS or w.endswith(_PERSON_ENDS)


# endings of nouns for someone who does a job: "master", "lawyer", "director", "economist"
_PERSON_ENDS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman")


def _compound_modifier(t: Token) -> bool:
    """ "Ohio-based", "Kyiv-born", "state-run": a hyphenated describing word."""
    head, _, tail = t.text.rpartition("-")
    return bool(head) and tail.islower() and tail.isalpha() and len(tail) > 2


def _modifier_role(toks: list[Token], j: int, k: int, text: str) -> str | None:
    """The describing words before a name as its role, when they end in a noun for a
    person ("employment lawyer", "retired neurosurgeon"), not an adverb or an adjective."""
    if k <= j:
        return None
    last = toks[k - 1].lower
    if last in TITLES or last in SOURCE_NOUNS or last.endswith(_PERSON_ENDS):
        return text[toks[j].start : toks[k - 1].end]
    return None


def _office_then_name(toks: list[Token], j: int, k: int, text: str) -> Mention | None:
    """ "said the Minister of Transport, Jane Roe, on Tuesday": an office (a title
    word, no name of its own) then the person holding it between commas; the
    person speaks and the office is her role."""
    if k + 2 >= len(toks) or toks[k].text != ",":
        return None
    if not any(t.lower in TITLES for t in toks[j:k]):
        return None
    e = k + 1
    while e < len(toks) and (is_name_tok(toks[e]) or initial_dot(toks, e)):
        e += 1
    if e - (k + 1) < 2 or e - (k + 1) > 4:
        return None  # a person's name: two to four name words
    if e < len(toks) and toks[e].text not in ",.;:!?)" and toks[e].lower not in _AFTER_NP:
        return None
    m = name_mention(toks, k + 1, e - 1, text, role=text[toks[j].start : toks[k - 1].end])
    return m if m is not None and m.kind == "person" else None


def subject_after(toks: list[Token], i: int, text: str) -> Mention | None:
    """The speaker right after an inverted cue: "…,” said Jane Doe, the mayor."""
    j = i + 1
    if j >= len(toks):
        return None
    t = toks[j]
    if t.lower in PRONOUNS:
        return Mention(t.text, t.start, t.end, None, "pronoun")
    kin = _kin_after_cue(toks, j, text)
    if kin is not None:
        return kin
    first = j
    j = _past_modifiers(toks, j)
    described = _modifier_role(toks, first, j, text)
    k = _speaker_run_end(toks, j)
    if k == j:
        return None
    if toks[j].lower in DETERMINERS and not any(is_name_tok(x) for x in toks[j:k]):
        unnamed = _unnamed_source(toks, j, text)  # "said a strategist for one of the campaigns"
        if unnamed is not None:
            return unnamed
    office = _office_then_name(toks, j, k, text)
    if office is not None:
        return office
    m = _named_or_source(toks, j, k, text, described)
    if m and k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].lower in DETERMINERS:
        m = m._replace(role=_role_after_comma(toks, k, text))  # "said Jane Doe, the mayor"
    return m


def _kin_after_cue(toks: list[Token], j: int, text: str) -> Mention | None:
    """ "…,” said Costa's wife." / "…,” said Costa's wife, Ana.": the possessive names whose
    wife (or son, or aide) speaks, never the speaker; with a name after the comma she is
    the speaker and the phrase her role."""
    if j + 1 >= len(toks) or not is_name_tok(toks[j]) or not toks[j].text.endswith(("'s", "’s")):
        return None
    noun = toks[j + 1]
    if noun.is_cap or not _person_word(noun.lower):
        return None
    if j + 2 < len(toks) and toks[j + 2].is_word and not toks[j + 2].is_cap:
        return None  # "Rubio's deputy campaign manager, Rich Beeson": the phrase goes on
    role = text[toks[j].start : noun.end]
    e = j + 3
    if j + 2 < len(toks) and toks[j + 2].text == ",":
        while e < len(toks) and is_name_tok(toks[e]):
            e += 1
        if e > j + 3:
            named = name_mention(toks, j + 3, e - 1, text, role=role)
            if named is not None and named.kind == "person":
                return named
    return Mention(role, toks[j].start, noun.end, None, "unnamed")


def _speaker_run_end(toks: list[Token], k: int) -> int:
    """The end (exclusive) of the run of names, titles and determiners starting at toks[k]."""
    while k < len(toks) and (
        is_name_tok(toks[k])
        or toks[k].lower in DETERMINERS
        or initial_dot(toks, k)
        or _title_dot(toks, k)
        or (toks[k].lower in TITLES | SOURCE_NOUNS and not toks[k].is_cap)
        or (toks[k].lower in NAME_CONNECTORS and k + 1 < len(toks) and is_name_tok(toks[k + 1]))
        or _of_the_office(toks, k)
    ):
        k += 1
    return k


def _of_the_office(toks: list[Token], k: int) -> bool:
    """The "of" in "Speaker of the House Paul Ryan", "Secretary of the Navy Ray Mabus":
    an office named with "of the" goes on into its name."""
    return (
        toks[k].lower == "of"
        and k >= 1
        and toks[k - 1].lower in TITLES
        and k + 2 < len(toks)
        and toks[k + 1].lower == "the"
        and is_name_tok(toks[k + 2])
    )


def _title_dot(toks: list[Token], k: int) -> bool:
    """The dot of "Rep." / "Sen." in "said Rep. Diane Roos": the name goes on after it."""
    return (
        toks[k].text == "." and 0 < k < len(toks) - 1 and toks[k - 1].lower in DOT_TITLES and is_name_tok(toks[k + 1])
    )


def _unnamed_source(toks: list[Token], j: int, text: str) -> Mention | None:
    """ "said a strategist for one of the campaigns", "said one party activist": a
    determiner-led phrase with no verb in it, up to a clause word or punctuation."""
    e = j + 1
    while e < len(toks) and e - j < 9 and toks[e].is_word and toks[e].lower not in _AFTER_NP:
        e += 1
    if (
        e > j + 1
        and (e >= len(toks) or not toks[e].is_word or toks[e].lower in _AFTER_NP)
        and not any(x.lower in _FINITE for x in toks[j:e])
    ):
        return Mention(text[toks[j].start : toks[e - 1].end], toks[j].start, toks[e - 1].end, None, "unnamed")
    return None


def _named_or_source(toks: list[Token], j: int, k: int, text: str, described: str | None) -> Mention | None:
    """The name in toks[j:k] (its describing words as role), or a source noun ending the run."""
    if any(is_name_tok(x) for x in toks[j:k]):
        m = name_mention(toks, j, k - 1, text)
        if m is not None and described and not m.role:
            m = m._replace(role=described)
        return m
    last = toks[k - 1]
    if last.lower not in SOURCE_NOUNS and last.lower.rstrip("s") not in SOURCE_NOUNS:
        return None
    return Mention(text[toks[j].start : last.end], toks[j].start, last.end, None, "unnamed")


def _role_after_comma(toks: list[Token], k: int, text: str) -> str:
    """The words from toks[k + 1] up to the next comma or stop."""
    e = k + 1
    while e < len(toks) and toks[e].text not in ",.;:":
        e += 1
    return text[toks[k + 1].start : toks[e - 1].end]
