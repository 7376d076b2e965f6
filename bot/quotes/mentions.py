"""Speaker mentions: the name, title or noun phrase a quote is attributed to.

`name_mention` reads a capitalised run ("Russian President Vladimir Putin")
into a name and its role; `common_np` reads an unnamed source ("a senior
administration official"); `cap_run_back` finds where a run of name words
starts. The subject finders (bot.quotes.speakers, loose_subjects) and the cue
readers share them.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.quotes.lexicon import (
    DAYS_MONTHS,
    DETERMINERS,
    JOB_NOUNS,
    LEADING_NOISE,
    NAME_CONNECTORS,
    NAME_OPENERS,
    NAME_SUFFIXES,
    NAME_VERB_ADVERBS,
    NP_BREAK,
    ORG_WORDS,
    PRONOUNS,
    SOURCE_NOUNS,
    SUBJECT_STOP,
    TITLE_MODIFIERS,
    TITLES,
)
from bot.quotes.tokens import Token, only_opens_sentences


class Mention(NamedTuple):
    surface: str
    start: int
    end: int
    role: str | None = None
    kind: str = "person"  # person | organisation | unnamed | pronoun


def is_name_tok(t: Token) -> bool:
    return t.is_cap and t.is_word and t.text not in DAYS_MONTHS


def split_title(toks: list[Token], text: str) -> tuple[str | None, list[Token]]:
    """ "Russian President Vladimir Putin" -> ("Russian President", [Vladimir, Putin])."""
    k = 0
    # "Martin Luther King Jr.": a suffix needs a name before it, so "King" is no title here
    last = len(toks) - 2 if toks and toks[-1].lower in NAME_SUFFIXES else len(toks) - 1
    for n, t in enumerate(toks[:last]):
        if t.lower.rstrip(".") in TITLES or t.lower in TITLES:
            k = n + 1
    if k == 0 or _organisation_named(toks, k):
        return None, toks
    while k < len(toks) - 1 and toks[k].text == ".":
        k += 1  # "Rep. Tom Ashby": the title's dot is no part of the name
    role = text[toks[0].start : toks[k - 1].end]
    return role, toks[k:]


def _organisation_named(toks: list[Token], k: int) -> bool:
    """ "British Medical Journal", "White House": the title words only qualify, and what
    follows is an organisation's name, so the whole run is that name."""
    return toks[k - 1].lower.rstrip(".") in TITLE_MODIFIERS and _kind(toks[k:]) == "organisation"


def cap_run_back(toks: list[Token], j: int) -> int:
    """Index of the first token of the capitalised run ending at j."""
    k = j
    while k - 1 >= 0 and (
        is_name_tok(toks[k - 1])
        or initial_dot(toks, k - 1)
        or (toks[k - 1].lower in NAME_CONNECTORS and k - 2 >= 0 and is_name_tok(toks[k - 2]))
    ):
        k -= 1
    return k


def initial_dot(toks: list[Token], k: int) -> bool:
    """The dot of a middle initial ("James B. Comey"), so the name runs on past it."""
    return toks[k].text == "." and k >= 1 and len(toks[k - 1].text) == 1 and toks[k - 1].text.isupper()


def _kind(name_toks: list[Token]) -> str:
    if any(t.text in ORG_WORDS for t in name_toks):
        return "organisation"
    if len(name_toks) == 1 and name_toks[0].text.isupper() and len(name_toks[0].text) > 1:
        return "organisation"
    return "person"


def name_mention(toks: list[Token], k: int, j: int, text: str, role: str | None = None) -> Mention | None:
    run = toks[k : j + 1]
    while run and run[0].lower in DETERMINERS | SUBJECT_STOP | LEADING_NOISE:
        if run[0].lower in NAME_OPENERS and len(run) > 1 and is_name_tok(run[1]):
            break  # "The New York Post", "New Jersey Gov. Chris Christie": the name starts here
        run = run[1:]
    if not run:
        return None
    if len(run) == 1 and only_opens_sentences(text, run[0]):
        return _common_word_opening(run[0], role)
    title, name = _office_of_the(toks, k, run, text, *split_title(run, text))
    if not title and len(name) >= 3 and _job_opening(name[0], text):
        title, name = name[0].text, name[1:]  # "Engineer Paul Brandt said": the job is the role
    if title and k > 0 and toks[k - 1].lower in TITLES:  # "former Russian President X"
        title = text[toks[k - 1].start : toks[k].start] + title
    # lowercase role words just before the run: "Republican pollster Daron Shaw"
    b = k - 1
    while b >= 0 and toks[b].lower in TITLES and not toks[b].is_cap:
        b -= 1
    if b < k - 1 and not title:
        while b >= 0 and k - b < 5 and is_name_tok(toks[b]):
            b -= 1  # "Opposition leader Karl Dunn", "Republican pollster Daron Shaw"
        title = text[toks[b + 1].start : toks[k - 1].end]
    if name[0].lower in NAME_CONNECTORS:
        # "the Minister of Transport": an office with no name; its holder is unnamed
        return Mention(text[run[0].start : run[-1].end], run[0].start, run[-1].end, role, "unnamed")
    kind = _kind(name)
    name, home = _person_and_home(name, kind)
    if home:
        # "Ted Cruz of Texas", "Jane Roe of Human Rights Watch": the person, from there
        where = text[home[0].start : home[-1].end]
        title = f"{title} {where}" if title else where
    return Mention(text[name[0].start : name[-1].end], name[0].start, name[-1].end, role or title, kind)


def _job_opening(t: Token, text: str) -> bool:
    """ "Engineer", "Farmer" opening a sentence before a full name: a job word the
    article capitalises only there, so no part of the name."""
    low = t.lower
    return (low in JOB_NOUNS or low in SOURCE_NOUNS) and only_opens_sentences(text, t)


def _office_of_the(
    toks: list[Token], k: int, run: list[Token], text: str, title: str | None, name: list[Token]
) -> tuple[str | None, list[Token]]:
    """ "Speaker of the House Paul Ryan", "Speaker of the Assembly Rosa Maltby": an office
    named "<Title> of the <Body>" is the whole role and the last two words the person,
    whether the run began after "of the" or holds it; otherwise the title and name as split."""
    after = k >= 3 and toks[k - 1].lower == "the" and toks[k - 2].lower == "of" and toks[k - 3].lower in TITLES
    if after and not title and len(run) >= 3 and _kind(run) == "person":
        title, name = text[run[0].start : run[-3].end], run[-2:]  # "… of the Assembly Rosa Maltby"
    if title and after:
        return text[toks[cap_run_back(toks, k - 3)].start : run[0].start] + title, name
    if title and len(name) >= 5 and [t.lower for t in name[:2]] == ["of", "the"] and _kind(name[2:]) == "person":
        return text[run[0].start : name[-3].end], name[-2:]  # "said Speaker of the Assembly Rosa Maltby"
    return title, name


def _person_and_home(name: list[Token], kind: str) -> tuple[list[Token], list[Token]]:
    """A person's name and the "of …" phrase after it (their state, party or employer):
    two or more name words before "of", none of them an organisation's word."""
    if kind != "person":
        return name, []
    at = next((n for n, t in enumerate(name) if t.lower == "of"), -1)
    if at < 2 or at + 1 >= len(name):
        return name, []
    return name[:at], name[at:]


# Words that open a sentence as an adverb or a linking word, never as its subject
_OPENING_WORDS = frozenset(
    """besides perhaps once overall likewise alongside absent instead meanwhile still thus
hence therefore nevertheless nonetheless afterwards hours days weeks months years back ever""".split()
)


def _common_word_opening(t: Token, role: str | None) -> Mention | None:
    """A capitalised word the article uses only at sentence starts: a common noun
    ("Police say", "Demonstrators, …") is an unnamed speaker; an adverb, a participle
    or a linking word ("Shortly", "Reached", "Besides") is no speaker at all."""
    low = t.lower
    if low in _OPENING_WORDS or low.endswith(("ly", "ed", "ing")):
        return None
    return Mention(t.text, t.start, t.end, role, "unnamed")


def common_np(toks: list[Token], j: int, text: str, floor: int = 0) -> Mention | None:
    """ "a senior administration official", "officials", "the minister"; no word before toks[floor]."""
    k = j
    while (
        k - 1 >= floor
        and j - k < 6
        and toks[k - 1].is_word
        and toks[k - 1].lower not in NP_BREAK
        and toks[k - 1].lower not in PRONOUNS
        and toks[k - 1].lower not in DETERMINERS
    ):
        k -= 1
    if k - 1 >= floor and toks[k - 1].lower in DETERMINERS:
        k -= 1
    return Mention(text[toks[k].start : toks[j].end], toks[k].start, toks[j].end, None, "unnamed")


def verb_or_adverb(w: str) -> bool:
    """ "no longer", "still", "avoided", "passionately": a word that tells what someone
    did or how, never a noun for who they are."""
    return w in NAME_VERB_ADVERBS or w.endswith(("ed", "ly")) and w not in SOURCE_NOUNS


# Words that open a clause or a phrase, never a speaker: "which notes", "in what is
# being criticized", "or you're worried", "including ones showing".
_NOT_OPENING_A_SPEAKER = frozenset(
    """which who whom whose what or and but nor than in with for of by to into including
please""".split()
)
# Finite verbs and auxiliaries: a speaker holding one ran over a clause ("the court noted
# published", "The clip has faced", "Trump did not unveil").
_FINITE_WORDS = frozenset(
    """is was were are has have had will would can could should did does do don't doesn't
didn't hasn't haven't wasn't isn't won't wouldn't""".split()
)
# words: "a 2014 study by Harvard and the University of California at Berkeley" is 12
_LONGEST_SPEAKER = 20
# Words for a share of people: "some say", "many disagreed" name a vague but real source.
_SHARES = frozenset("some many most few several others both none another half each one".split())


def not_a_speaker(surface: str, cues: frozenset[str]) -> bool:
    """A phrase no reader would take for who spoke: a lone lower-case word that is no
    noun for people ("fueling", "made", "which"), a phrase opened by a clause or
    preposition word, one holding a finite verb ("The clip has faced ridicule") or a
    reporting verb after a noun ("the court noted published"), or one longer than
    any speaker's description."""
    words = surface.replace("’", "'").split()
    if not words or words[0][:1].isupper() and len(words) == 1:
        return False
    low = [w.lower().strip(".,") for w in words]
    if len(words) > _LONGEST_SPEAKER or low[0] in _NOT_OPENING_A_SPEAKER or words[0] in _FINITE_WORDS:
        return True
    if len(words) > 1 and (low[-1] in _OPEN_ENDS or _opens_with_a_deed(low)):
        return True  # "none of the hecklers or", "still stinging over": a clause cut short
    if len(words) == 1:
        return not (_people_word(low[0]) or low[0] in _SHARES or _a_count(low[0]))
    if any(w.replace("’", "'") in _FINITE_WORDS for w in words[1:]):
        return True  # "The clip has faced ridicule from …": a clause, whose subject is a guess
    # a reporting word that ends the phrase is its noun ("a Trump tweet", "his plan")
    return any(_verb_in_phrase(low, n, cues) for n in range(1, len(low) - 1))


# Words that may open the phrase before the speaker: "In exit polls, …", "with many …",
# "Although Rubio said …" (the subordinate clause's own subject speaks)
_STRIPPED_OPENERS = frozenset("in with including included although though because whereas".split())
# Adverbs that open what someone did, never who ("still stinging over"); "no one",
# "even critics", "just 28 percent" are people.
_DEED_ADVERBS = NAME_VERB_ADVERBS - {"no", "even", "just"}


def _opens_with_a_deed(low: list[str]) -> bool:
    """ "still stinging over", "already gone": an adverb and a verb form, what someone did."""
    return low[0] in _DEED_ADVERBS and low[1].endswith(("ing", "ed"))


# Capitalised, they link a sentence to the one before: "Then someone asked", "So Labor
# Secretary Tom Ruiz said"; lower case inside a phrase they tell what someone did.
_SENTENCE_LINKS = frozenset("Then Now So And But Still".split())
# A phrase ending in one of these ran on into the next clause: "the rules or", "the public
# about" ("a voice over" is a noun).
_OPEN_ENDS = frozenset("and but or nor about on at from of to for with by into".split())


def speaker_part(surface: str) -> str:
    """The words of a speaker phrase that name who spoke: without an opening "in",
    "with" or "including" ("In exit polls" -> "exit polls") and without the auxiliaries
    the subject reader ran into at its end ("The campaign hasn't"); a name or people
    before a finite verb are that verb's subject and the speaker ("Hillary Clinton has
    expressed frustration and said", "Sanders supporters have launched petitions")."""
    words = surface.split()
    if len(words) > 1 and (words[0].lower() in _STRIPPED_OPENERS or words[0] in _SENTENCE_LINKS):
        words = words[1:]
    for n, w in enumerate(words[1:], start=1):
        if w.replace("’", "'") in _FINITE_WORDS:
            if _names_people(words[:n]):
                return " ".join(words[:n])  # "Hillary Clinton has expressed frustration … and said"
            break
    # lower case only: "Will Estrada" is a name
    while len(words) > 1 and words[-1].replace("’", "'") in _FINITE_WORDS:
        words = words[:-1]
    return " ".join(words)


def _names_people(words: list[str]) -> bool:
    """ "Hillary Clinton", "Sanders supporters", "some Republicans", "many": a name or a
    phrase ending in a noun for people or a share, a subject that can have spoken."""
    last = words[-1].lower().strip(".,")
    return all(x[:1].isupper() for x in words) or _people_word(last) or last in _SHARES


def _a_count(w: str) -> bool:
    """ "43", "26%", "three-quarters", "21,000": how many said it (a poll's share)."""
    digits = sum(c.isdigit() for c in w)
    return "%" in w or digits >= 2 or w.endswith(("thirds", "quarters", "fourths", "fifths"))


# Nouns for one person or for people in general that speak without a name
_PERSON_WORDS = frozenset("person man woman someone somebody everyone people".split())


def _people_word(w: str) -> bool:
    """ "officials", "police", "critics", "the senator": a noun that can name who spoke."""
    if w in _PERSON_WORDS:
        return True
    if w in SOURCE_NOUNS or w in TITLES or w.rstrip("s") in SOURCE_NOUNS:
        return True
    return w.isalpha() and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in _NOT_OPENING_A_SPEAKER


def _verb_in_phrase(low: list[str], n: int, cues: frozenset[str]) -> bool:
    """A reporting verb right after a noun inside the phrase ("the court noted published",
    "Palmieri called on Trump"), not a describing participle ("the worried residents",
    "an analysis released by the agency") or a noun ("news reports")."""
    w, before, after = low[n], low[n - 1], low[n + 1]
    if w not in cues or w in SOURCE_NOUNS or after == "by":
        return False
    if before.endswith("ly"):
        # "the newly elected", but "President Obama passionately rebuked critics": a verb
        return n >= 2 and low[n - 2] not in DETERMINERS and not low[n - 2].endswith("'s")
    return before not in DETERMINERS
