"""Speakers that are not a name beside the cue: "security experts say",
"26% say", "He's suggesting", a subject before an aside."""

from __future__ import annotations

from bot.quotes.lexicon import CUE_VERBS, DETERMINERS, NP_BREAK, PREPOSITIONS, PRONOUNS
from bot.quotes.mentions import Mention, cap_run_back, common_np, is_name_tok, name_mention, verb_or_adverb
from bot.quotes.speakers import skip_between, subject_after, subject_before, ungoverned

# Words before a cue that cannot end its subject: "to say", "and said", "not say".
_NOT_SUBJECT_END = frozenset(
    """to and or but that than as if because so of for in on at by with
from about into not would could should might may must can will shall""".split()
)

_RELATIVE = frozenset("who which that".split())


_CONTRACTED = frozenset("he's she's he’s she’s".split())


def loose_subject(toks, i, text) -> Mention | None:
    """Any plain noun phrase before a cue: "security specialists say", "26% say".

    `subject_before` wants names, pronouns or known source nouns; polls and
    groups ("three-fourths say", "experts who say") speak too. "who" takes the
    noun phrase before it.
    """
    j = skip_between(toks, i - 1)
    if j >= 0 and toks[j].text == ")":
        # "Bob Goodlatte (R-Va.) told MSNBC": the party tag sits between name and cue
        j = _before_parenthesis(toks, j)
        if j >= 0 and is_name_tok(toks[j]):
            return _name_ending_at(toks, j, text)
    if j < 0:
        return None
    m = _subject_ending_at(toks, j, text)
    participle = toks[i].lower.endswith("ing") and j == i - 1
    return m if m is None or participle else ungoverned(toks, m, text, i)


def _before_parenthesis(toks, j: int) -> int:
    """The token before the "(" that the ")" at `j` closes, a few words back; -1 if none."""
    k = j - 1
    while k >= 0 and j - k < 8 and toks[k].text != "(":
        k -= 1
    if k < 1 or toks[k].text != "(":
        return -1
    return k - 1


def _subject_ending_at(toks, j: int, text: str) -> Mention | None:
    """The subject whose last token (an aside's end, a pronoun, a noun) is `toks[j]`."""
    t = toks[j]
    if t.text == "," and j >= 2:
        return _before_aside(toks, j, text)
    if t.text in "-—–" and j >= 2:
        return _before_dashed_aside(toks, j, text)
    if t.lower in _CONTRACTED:
        return Mention(t.text[:-2], t.start, t.end - 2, None, "pronoun")  # "He's suggesting"
    if t.lower in ("who", "which") and j >= 2 and toks[j - 1].text in ",—–-" and toks[j - 2].is_word:
        # "Chris Christie, who endorsed him": the relative pronoun's antecedent speaks
        return _np_ending_at(toks, j - 2, text)
    return _plain_subject(toks, j, text)


def _before_dashed_aside(toks, j: int, text: str) -> Mention | None:
    """ "The justice -- who has been in a scuffle -- said": the subject is before the aside."""
    k = j - 1
    while k >= 0 and toks[k].text == "-":
        k -= 1
    while k >= 0 and j - k < 30 and toks[k].text not in '-—–“”"();:':
        k -= 1
    if k < 1 or toks[k].text not in "-—–":
        return None
    while k > 0 and toks[k - 1].text == "-":
        k -= 1
    return _np_ending_at(toks, k - 1, text)


def _plain_subject(toks, j: int, text: str) -> Mention | None:
    """ "experts say", "experts who say", "26% say": a noun phrase or a share right before the cue."""
    t = toks[j]
    if t.lower in _RELATIVE and j >= 1 and toks[j - 1].is_word:
        j -= 1
        t = toks[j]
    if not (t.is_word or t.text == "%") or t.lower in _NOT_SUBJECT_END or t.text.endswith(("’s", "'s")):
        return None
    if t.text == "%" and j >= 1:
        return Mention(text[toks[j - 1].start : t.end], toks[j - 1].start, t.end, None, "unnamed")
    return _name_before_verb(toks, j, text) or common_np(toks, j, text)


def _name_before_verb(toks, j: int, text: str) -> Mention | None:
    """ "Paul Brandt no longer claims", "Paul Brandt avoided saying": lower-case words
    between a name and its cue that end in an adverb or a verb are what the person did,
    never part of who they are; the speaker is the name ("Sanders aides say" keeps its noun)."""
    k = j
    while k >= 0 and j - k < 3 and toks[k].is_word and not toks[k].is_cap and toks[k].lower not in NP_BREAK:
        k -= 1
    if k == j or k < 0 or not is_name_tok(toks[k]) or toks[k].lower in PRONOUNS or _possessive(toks[k]):
        return None
    if not all(verb_or_adverb(t.lower) for t in toks[k + 1 : j + 1]):
        return None  # "a Wall Street Journal article published": a noun after the name
    b = cap_run_back(toks, k)
    if b >= 1 and (toks[b - 1].lower in PREPOSITIONS or toks[b - 1].lower in DETERMINERS):
        return None  # "partners in Tehran reportedly": the place is no subject; "Some Democrats" a share
    return _name_ending_at(toks, k, text)


def _np_ending_at(toks, e: int, text: str) -> Mention | None:
    """A name or a plain noun phrase ending at `toks[e]`; none when that word cannot end a subject."""
    if is_name_tok(toks[e]):
        return _name_ending_at(toks, e, text)
    return common_np(toks, e, text) if toks[e].is_word and toks[e].lower not in _NOT_SUBJECT_END else None


def _name_ending_at(toks, e: int, text: str) -> Mention | None:
    return name_mention(toks, cap_run_back(toks, e), e, text)


def _before_aside(toks, j: int, text: str) -> Mention | None:
    """ "Some voters who listened to him, on TV or at events, said …": the subject
    ends before the first comma of the aside between it and the cue."""
    k = j - 1
    first = None
    while k >= 0 and j - k < 40:
        if toks[k].text == ",":
            first = k
        elif toks[k].text in '“”"();:':
            break
        k -= 1
    if first is None or first < 1 or not toks[first - 1].is_word or toks[first - 1].lower in _NOT_SUBJECT_END:
        return None
    return _np_ending_at(toks, first - 1, text)


def earlier_speaker(toks, i, text) -> Mention | None:
    """ "“…,” Black said, referring to …": the speaker of the cue before the comma."""
    for k in range(i - 2, max(-1, i - 16), -1):
        if toks[k].lower in CUE_VERBS:
            # "…,” said Black, adding": only an inverted cue has its speaker after it;
            # "to justify airstrikes around Aleppo, saying" is no "justify Aleppo"
            inverted = k >= 1 and toks[k - 1].text in (",", "”", "’", '"', "'")
            return subject_before(toks, k, text) or (subject_after(toks, k, text) if inverted else None)
    return None


_NP_OPENERS = frozenset("the a an his her their its our some many most several both".split())
_VERB_START = frozenset(
    """has have had is was were are will would can could should may might must
do does did also""".split()
)


def opening_np(toks, text) -> Mention | None:
    """ "The Russians have used …", "His chief aide doubled down …", "In May, the families of
    the founders later sued …": the plain noun phrase opening the sentence (past a fronted
    phrase and its comma), up to its verb (an auxiliary, an -ed form, an adverb)."""
    toks = _past_fronted_phrase(toks)
    if len(toks) < 3 or toks[0].lower not in _NP_OPENERS:
        return None
    for k in range(1, min(len(toks), 10)):
        t = toks[k]
        if not t.is_word:
            return None
        if (
            t.lower in _VERB_START
            or t.lower in CUE_VERBS
            or (t.lower.endswith("ed") and len(t.lower) > 4 and not t.is_cap)
            or (k > 1 and _adverb(t))
            or (k > 1 and _present_verb(toks, k))
        ):
            # the whole phrase from its determiner: "the families of the founders", not "the founders"
            return _np(toks, k - 1, text) if k > 1 else None
    return None


def _present_verb(toks, k: int) -> bool:
    """ "The ferry company runs a pier": a lower-case -s word before an article or a
    possessive is the subject's verb, not a plural noun ("the families of the founders")."""
    w = toks[k].lower
    if toks[k].is_cap or not w.endswith("s") or w.endswith(("ss", "us", "is", "'s", "’s")) or k + 1 >= len(toks):
        return False
    return toks[k + 1].lower in DETERMINERS


def _np(toks, e: int, text: str) -> Mention | None:
    if toks[e].lower in ("and", "but", "or"):
        return None  # the phrase ran over a verb into "… and says": no clean subject
    return Mention(text[toks[0].start : toks[e].end], toks[0].start, toks[e].end, None, "unnamed")


# Adverbs that stand between a subject and its verb: "The nurse later sued".
_BETWEEN = frozenset("later then now still often already never once".split())


def _adverb(t) -> bool:
    return not t.is_cap and t.lower in _BETWEEN


# Words that open a fronted phrase of time or place: "In May, …", "Last month, …".
_FRONTED = PREPOSITIONS | frozenset("last this next earlier later".split())


def _past_fronted_phrase(toks):
    """The tokens after "Instead," or "In May," or "Last month,": the sentence's own start."""
    if len(toks) > 4 and toks[1].text == "," and toks[0].lower not in _NP_OPENERS:
        return toks[2:]  # "Instead, the senator is sticking to …": past a one-word opener
    if toks and toks[0].lower in _FRONTED:
        for k in range(1, min(len(toks) - 3, 6)):
            if toks[k].text == ",":
                return toks[k + 1 :]
            if not toks[k].is_word:
                break
    return toks


def _possessive(t) -> bool:
    return t.text.endswith(("’s", "'s"))
