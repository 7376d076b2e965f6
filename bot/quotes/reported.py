"""Reported (indirect) speech inside one sentence.

Three shapes cover most news writing:
  forward   "X said (that) CONTENT."     / "X told Reuters CONTENT."
  tail      "CONTENT, X said (on Monday)." / "CONTENT, said X."
  according "According to X, CONTENT."   / "CONTENT, according to X."
The content span excludes "that" and the sentence's final punctuation.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import NamedTuple

from bot.quotes.clauses import (
    ADJUNCT_START,
    BARE_TIME,
    MAX_CHARS,
    abbreviation,
    account_participle,
    comma_at,
    content_close,
    forward,
    starts_aside,
    strip_end,
)
from bot.quotes.cue_forms import (
    BE,
    DET_LED,
    PHRASAL,
    PHRASAL3,
    POSSESSIVE,
    RAISED_DOUBTS,
    SPEAK_VERBS,
    asked,
    at_adjective,
    at_noun,
    at_owned_noun,
    at_phrasal,
    at_raising,
    headline_says,
    in_source,
    nominal,
    owner,
    passive_asked,
)
from bot.quotes.lexicon import (
    ADJ_CUES,
    ADJ_OF,
    CALL,
    CONNECTIVE_PAIRS,
    CONNECTIVES,
    CUE_VERBS,
    DAYS_MONTHS,
    HEARSAY,
    LEAD_PARTICIPLES,
    LISTENER_CUES,
    NEGATABLE,
    NOUN_CUES,
    NOUN_NEXT,
    NOUNY_VERBS,
    OBJECT_CUES,
    OWNED_CUES,
    PERSON_NOUNS,
    PREPOSITIONS,
    RAISING,
    SAYING_CUES,
    SOURCE_NOUNS,
    SUBJECT_PRONOUNS,
    SUBJECT_STANCE,
    TAIL_CUES,
    TITLES,
    WARN,
)
from bot.quotes.loose_subjects import earlier_speaker, loose_subject, opening_np
from bot.quotes.mentions import Mention, common_np, name_mention
from bot.quotes.participle_lead import leads_sentence, participle_lead
from bot.quotes.raw import Raw
from bot.quotes.relative_said import RELATIVES, find_relative_said, relative_said
from bot.quotes.speakers import sentence_subject, subject_after, subject_before
from bot.quotes.tokens import Token
from bot.quotes.via import via_near

_TAIL_MAX = 9  # tokens a tail attribution may take after its comma


def _tail(text, toks, i, m, sent_start, min_k: int = 2, most_after: int = _TAIL_MAX) -> Raw | None:
    """CONTENT, X said. — the subject follows the last comma before the cue."""
    k = i - 1
    while k >= 0 and toks[k].start >= m.start:
        k -= 1
    if not toks[i].is_cap and not any(t.text == "," for t in toks[k + 1 : i] if t.start >= m.end):
        # "…, Ms. Reyes said"; not "X, Gov. Lind, plans …" (an appositive) nor a headline's
        # "…, Former White House Doctor Says", whose title words are no sure role
        k = _before_title(toks, k)
    k = comma_at(toks, k) if k >= 0 else -1
    if (
        k < min_k
        or len(toks) - i > most_after
        and not (i + 2 < len(toks) and toks[i + 1].text == "," and starts_aside(toks[i + 2]))
        and not _scene_after_cue(toks, i)
    ):
        return None
    a, b = strip_end(text, sent_start, content_close(toks, k))
    if toks[0].lower in LEAD_PARTICIPLES and a == toks[0].start:
        return None  # "Noting that the pier had closed, the mayor said …": the participle's own words
    if m.role and text[a:b].strip().lower() == m.role.strip().lower():
        return None  # "The harbour master, Dana Reyes, said …": that phrase is her role, not her words
    return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text)) if b - a >= 8 else None


_SCENE_MAX = 30  # tokens the time and place after a tail's cue may take
# What opens the scene: a time or a place ("to" and "by" open an infinitive or an agent).
_SCENE_OPENERS = ADJUNCT_START - {"to", "by"}
# Words after a tail's cue that open a clause of its own, not more of the scene.
_CLAUSE_WORDS = frozenset("that because but although though while whether if who which what".split())


def _scene_after_cue(toks, i: int) -> bool:
    """ "…, the mayor said on Monday in a long interview with the harbour radio station.":
    only the time and place of the saying follow the cue, however long; no clause."""
    rest = toks[i + 1 :]
    if toks[i].lower not in TAIL_CUES and toks[i].lower != "reported":
        return False  # "I believe in the good sense …": the verb's own object, no scene
    if not 1 < len(rest) <= _SCENE_MAX or rest[0].lower not in _SCENE_OPENERS or rest[1].lower == "least":
        return False  # "reported at least six …" opens the content
    for n, t in enumerate(rest):
        if t.lower in _CLAUSE_WORDS or t.lower in CUE_VERBS or t.lower in _FINITE or t.text in ';:“”"(':
            return False
        if t.text == "," and n + 1 < len(rest) and starts_aside(rest[n + 1]):
            return n > 0  # "…, leaders said Friday, as they left the hall": the writer's aside
        if t.text == "," and n + 1 < len(rest) and not rest[n + 1].is_cap:
            return False  # "said on Saturday, and it has …": a clause goes on after the comma
    return True


def _before_title(toks, k: int) -> int:
    """Back over the title the speaker's mention leaves out: "…, Ms. Reyes said",
    "…, Defense Secretary Ash Carter said", "…, harbour master Dana Reyes said"."""
    n = k
    while n >= 1 and k - n < 4 and toks[n].text != "," and _title_part(toks[n]):
        n -= 1
    if n >= 1 and toks[n].lower in _ARTICLES and toks[n - 1].text == ",":
        n -= 1  # "…, the AP reported", "…, the Harbour Gazette said": the article opens the speaker
    return n if n < k and toks[n].text == "," else k


_ARTICLES = frozenset("the a an".split())


_SUBORDINATE = frozenset("while although though as because if when after before since whereas".split())


# After "according to X,": words that start an aside about X ("a pollster who
# …", "who ran the poll"), not the rest of the content.
_APPOSITIVE = frozenset("a an who which whose".split())


# After "CONTENT, according to X,": words that open the writer's own addition
# ("where …", "even as …", "while …", "compared with …"), not the rest of a content around the source.
_WRITERS_ASIDE = frozenset("where whereas while even though although as when with which compared".split())


_RELATIVE = frozenset("who whom whose which that speaking".split())


def _before_relative(toks, j: int, k: int) -> int:
    """Last token of the source in toks[j:k]: "a senior adviser who requested anonymity"
    ends at "adviser", not at the end of the relative clause."""
    for n in range(j + 1, k):
        if toks[n].lower in _RELATIVE:
            return n - 1
    return k - 1


def _aside_after_source(toks, c: int, n: int) -> bool:
    """ "…, according to X, a pollster who …": what follows the source's comma is an
    aside about X or the writer's own addition. After a long clause before the cue
    ("Turnout rose in every county, according to X, the most since 1992"), an
    appositive, a participle or a "but" are too."""
    if toks[n].lower in _APPOSITIVE | _WRITERS_ASIDE:
        return True
    if c < _LONG_CLAUSE or toks[0].lower in _SUBORDINATE or toks[c - 1].lower in _OPEN_ENDS:
        return False
    t = toks[n]
    return t.lower in _AFTER_LONG or t.text[:1].isdigit() or t.is_cap or account_participle(t)


# A clause that ends in these words goes on after the source: "…, because, according to X, …"
_OPEN_ENDS = frozenset("and or but because after before that which who whose when if than as".split())
_AFTER_LONG = frozenset("but the one two three".split())
# Tokens before "according to" that make a clause of its own, not a fronted phrase
# ("At the heart of it, according to X, was …" reads on through the source).
_LONG_CLAUSE = 10


def _according(text, toks, i, sent_start, sent_end) -> Raw | None:
    """ "according to X, CONTENT" and "CONTENT, according to X"."""
    j = i + 2
    k = j
    while (
        k < len(toks)
        and toks[k].text not in ",.;:)"
        or (k < len(toks) and toks[k].text == "." and abbreviation(toks[k - 1]) and k + 1 < len(toks))
    ):
        k += 1  # "according to Sen. Lind", "according to U.S. officials": the dot ends no name
    if k == j:
        return None
    last = _before_relative(toks, j, k)
    dot = max((n for n in range(j, last) if toks[n].text == "."), default=j - 1)
    # the name starts after a title's dot: "according to Sen. Pedro Lind"
    # "According to officials": the source starts after "to", never takes "According" in
    m = name_mention(toks, dot + 1, last, text) if toks[last].is_cap else common_np(toks, last, text, floor=j)
    if m is None:
        return None
    c = _content_end_before(toks, i, k)
    open_ = sent_start
    for p in range(i - 1, max(-1, i - 40), -1):
        if toks[p].text == ")":
            break  # "rose 2% (adjusted for inflation) from 2005, according to X": closed before the cue
        if toks[p].text == "(":
            open_ = toks[p].end  # "(the actual number is closer to 15, according to X)"
            break
    if c > 0 and k + 1 < len(toks) and toks[k].text == "," and _aside_after_source(toks, c, k + 1):
        # "…, according to X, a pollster who …", "…, according to X, where 475 delegates …"
        a, b = strip_end(text, open_, content_close(toks, c))
    elif c > 0 and k < len(toks) and toks[k].text == "," and len(toks) - k > 6 and not _aside_after(toks, k):
        if toks[0].lower in _SUBORDINATE:
            # "While most were confidential, according to X, two were secret": the main clause
            a, b = strip_end(text, toks[k].end, sent_end)
        else:
            # "At the heart of it, according to X, was a decision …": the sentence is the content
            a, b = strip_end(text, sent_start, sent_end)
    elif c > 0:
        a, b = strip_end(text, open_, content_close(toks, c))
    elif k < len(toks) and toks[k].text == ",":
        a, b = strip_end(text, toks[k].end, sent_end)
    else:
        return None
    return Raw("indirect", a, b, m, "according to", via_near(toks, i, text)) if b - a >= 8 else None


_DASHES = frozenset("— –".split())


def _content_end_before(toks, i: int, k: int) -> int:
    """Index of the comma (or dash) that ends a content before "according to", or -1."""
    c = comma_at(toks, i - 1) if i > 0 else -1
    if c < 0 and i > 2 and toks[i - 1].text in _DASHES and _source_ends_sentence(toks, i, k):
        c = i - 1  # "… is out of date — according to X.": the dash ends the content as a comma does
    return c


def _source_ends_sentence(toks, i: int, k: int) -> bool:
    """ "— according to the auditors." closes the sentence; "— according to emails … —
    knowing …" is an aside between dashes inside it."""
    return (k >= len(toks) - 1 or toks[k].text in ".!?") and not any(t.text in _DASHES for t in toks[i + 2 : k])


def _aside_after(toks, k: int) -> bool:
    """ "If the drills are run by the crews, they halve accidents, according to X, head of
    the institute": after a whole subordinate and main clause, the words after the source's
    comma hold no verb of their own and only describe the source."""
    first = toks[k + 1].lower
    return (
        toks[0].lower in _SUBORDINATE
        and (first in _APPOSITIVE or first in TITLES or first in PERSON_NOUNS or first == "the")
        and not any(t.lower in _FINITE or t.text in _OPENERS for t in toks[k + 1 :])
    )


def _stance_subject(toks, i, text) -> bool:
    """ "Democrats hope they will …": a stance word that is also a noun ("the hope
    that", "fears of") is a verb only right after a subject the speaker reader knows
    (a name, a pronoun, a source noun), with a clause or "that"/"to" after it."""
    nxt = toks[i + 1]
    if not nxt.is_word or nxt.lower in NOUN_NEXT or nxt.lower in ("for", "about", "in", "and", "or"):
        return False
    return subject_before(toks, i, text) is not None


def _inverted(text, toks, i, sent_start) -> Raw | None:
    """ "CONTENT, said Matt Latimer, a speechwriter." — the speaker follows the cue
    and nothing but an aside or an adjunct follows the speaker."""
    if toks[i].lower.endswith("ing"):
        return None  # "…, saying the map was unfair": what follows is the content
    m = subject_after(toks, i, text)
    if m is None or m.kind == "pronoun" and toks[i].lower not in ("said", "says"):
        return None
    k = i + 1
    while k < len(toks) and toks[k].start < m.end:
        k += 1
    if m.kind == "pronoun" and k < len(toks) and toks[k].text not in ",.;:!?)":
        return None  # "…, said he and other rabbis were alarmed": the pronoun opens the content
    if (
        k < len(toks)
        and toks[k].text not in ",.;:!?)"
        and toks[k].lower not in ADJUNCT_START
        and toks[k].lower not in ("who", "whose", "and", "as")
    ):
        return None
    if k < len(toks) and toks[k].text == "." and k + 1 < len(toks):
        return None  # "said Ms. Brainard …": an abbreviation, not the end
    a, b = strip_end(text, sent_start, content_close(toks, comma_at(toks, i - 1)))
    if b - a < 8:
        return None
    return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text))


_DOCUMENTS = frozenset(
    """statement statements letter letters message messages report release tweet tweets
post posts memo memos email emails video videos ad ads advertisement filing lawsuit complaint op-ed
column petition motion brief article resolution""".split()
)
_ISSUING = frozenset(
    """issued issues issue sent sends send released releases release posted posts
published publishes filed files wrote writes put puts ran runs aired airs tweeted sending issuing
releasing posting filing drafted drafts draft started starts launched launches circulated
circulates signed signs approved approves passed passes adopted adopts blasted unleashed""".split()
)
# "sent out a statement", "put out a memo": the particle sits between verb and document
_PARTICLES = frozenset("out up".split())


def _index_at(toks, pos: int) -> int:
    """Index of the first token starting at or after pos (len(toks) if none).

    A binary search, not a scan from the sentence start: that scan ran once per
    cue and made a long sentence full of cues quadratic."""
    return bisect.bisect_left(toks, pos, key=_start)


def _start(t) -> int:
    return t.start


def _issuer(toks, m: Mention | None, text) -> Mention | None:
    """ "The campaign issued a statement saying …": the issuer speaks, not the statement."""
    if m is None or m.kind != "unnamed" or not any(w.lower() in _DOCUMENTS for w in m.surface.split()):
        return m
    k = _index_at(toks, m.start)
    if k < len(toks) and k >= 3 and toks[k - 1].lower in _PARTICLES:
        k -= 1
    if k >= len(toks) or toks[k].start > m.start or k < 2 or toks[k - 1].lower not in _ISSUING:
        return m
    who = subject_before(toks, k - 1, text) or loose_subject(toks, k - 1, text)
    return (
        who
        if who is not None
        and who.kind != "unnamed"
        or who is not None
        and not any(w.lower() in _DOCUMENTS for w in who.surface.split())
        else m
    )


def _negated(toks, i) -> bool:
    """ "He did not say whether …", "has never endorsed X": nothing was said; showing it
    as a quote would invert it."""
    if toks[i].lower not in NEGATABLE:
        return False  # "doesn't believe X", "did not want X": a stance all the same
    for k in (i - 1, i - 2):
        if k >= 0 and (toks[k].lower in ("not", "never") or toks[k].lower.endswith(("n't", "n’t"))):
            return True
    return False


def _opener_before(toks, m: Mention) -> bool:
    """The only words before the subject are a fronted prepositional phrase and its
    comma ("During the debate, X said …"): a scene, not what was said."""
    if not toks or toks[0].lower not in PREPOSITIONS:
        return False
    k = 1
    while k < len(toks) and toks[k].start < m.start and toks[k].text != ",":
        k += 1
    return k < len(toks) and toks[k].text == "," and k + 1 < len(toks) and toks[k + 1].start >= m.start


def _title_part(t) -> bool:
    """ "Ms.", "Sen.", "spokesman", "Clinton" before a name: no "and", "which" or "night"."""
    return t.text == "." or t.is_word and (t.is_cap or t.lower in TITLES or t.lower in SOURCE_NOUNS)


def _after_quote(toks, m: Mention) -> bool:
    """The speaker mention follows a closing quotation mark: "“…,” X told …"."""
    k = _index_at(toks, m.start)
    # back over a title or role the mention leaves out: "“…,” Ms. Guzman said", "spokesman Alex Conant"
    j = k
    while j >= 3 and k - j < 4 and _title_part(toks[j - 1]):
        j -= 1
    return any(
        2 <= x < len(toks)
        and toks[x - 1].text in ("”", '"', "'", "’")
        and toks[x - 2].text in (",", "?", "!", "'", "’")
        for x in (k, j)
    )


_OPENERS = frozenset("“ \" ' ‘ «".split())

_SEPARATORS = frozenset(", — – - : ; (".split())


def _segment_start(toks, m: Mention, sent_start: int) -> int:
    """Start of the phrase before "…, X said, …": after the separator before it
    ("Sharing a long border, the two nations, X said, now …": "the two nations")."""
    k = _before_title(toks, _index_at(toks, m.start) - 1) - 1  # before the comma that ends the phrase
    while k >= 0 and toks[k].text not in _SEPARATORS:
        k -= 1
    return toks[k].end if k >= 0 else sent_start


def _at_cue(text, toks, i, sent_start, sent_end) -> Raw | None:
    """The attribution the cue `toks[i]` carries. In turn: a named subject before the cue,
    an inverted "…, said X", a loose subject ("experts say"), the sentence's own subject."""
    # "X calmed the crowd by saying …": the words before "by" are no subject
    by_ing = i > 0 and toks[i - 1].lower == "by" and toks[i].lower.endswith("ing")
    m: Mention | None = None if by_ing else _issuer(toks, subject_before(toks, i, text), text)
    if m is not None:
        return _named_subject_says(text, toks, i, m, sent_start, sent_end)
    inv = _inverted_tail(text, toks, i, sent_start)
    if inv is not None:
        return inv
    m = _loose_speaker(toks, i, text, by_ing)
    if m is not None:
        return _loose_speaker_says(text, toks, i, m, sent_start, sent_end)
    m = _coordinated_speaker(toks, i, text)
    if m is not None:
        return forward(text, toks, i, m, sent_end)
    if i > 2 and toks[i - 1].text == "," and toks[i].lower in OBJECT_CUES | CUE_VERBS:
        return _inverted(text, toks, i, sent_start)
    return None


def _named_subject_says(text, toks, i, m: Mention, sent_start, sent_end) -> Raw | None:
    """What the subject named before the cue said: the quote before it or the clause after it."""
    if _after_quote(toks, m) and not (i + 1 < len(toks) and toks[i + 1].lower == "that"):
        # "“…,” Clinton told union workers in Los Angeles.": the quote is what was told;
        # "To chants of “Ana!,” the mayor said her campaign …": the cue has its own clause
        fwd = forward(text, toks, i, m, sent_end)
        return fwd if fwd is not None and _own_clause(text, toks, fwd, i) else _tail(text, toks, i, m, sent_start)
    # "…her ticket, Reid said he would not give advice": a clause after the cue wins
    fwd = forward(text, toks, i, m, sent_end)
    if (
        fwd is not None
        and (fwd.end - fwd.start >= 20 or _short_predicate(toks, i))
        and toks[i + 1].lower not in ADJUNCT_START
    ):
        return _clause_after_cue(text, toks, i, m, fwd, sent_start)
    if fwd is not None and (_opener_before(toks, m) or _adjunct_before(toks, m)):
        return fwd  # "During the debate, both candidates said it was no big deal"
    return _tail(text, toks, i, m, sent_start) or fwd


_ADJUNCT_WORDS = 8  # tokens a fronted time phrase takes before the subject


def _adjunct_before(toks, m: Mention) -> bool:
    """Only a short time phrase stands before the subject ("Later in the day, the FBI
    said it would cooperate", "Until Friday, however, X had declined to …"): a scene,
    not what was said, so the clause after the cue is the content."""
    k = _index_at(toks, m.start)
    if not 2 <= k <= _ADJUNCT_WORDS or toks[0].lower not in ADJUNCT_START | PREPOSITIONS | {"until"}:
        return False
    head = toks[:k]
    if head[-1].lower in _ARTICLES:
        head = head[:-1]  # "…, the FBI said": the article opens the subject
    return head[-1].text == "," and all(t.is_word or t.text == "," for t in head)


# Words that open a clause's subject: "said her campaign was …", "told them the port …".
_SUBJECT_OPENERS = SUBJECT_PRONOUNS | frozenset("the a an his her their its our this these those".split())
# A finite verb shows the words after the cue are a clause, not a scene ("said onstage
# Tuesday night").
_FINITE = frozenset("is are was were has have had will would can could should may might must".split())


# Words that open a predicate whose subject stands before the cue: "never arrived",
# "still runs", "becomes hopeless".
_PREDICATE_ADVERBS = frozenset("never still also already not only just".split())


def _short_predicate(toks, i) -> bool:
    """ "The refund, they said, never arrived.": the cue sits between a subject and its
    short predicate, which a finite verb opens; the content is both sides, not the subject
    alone (a time or a place after the comma, "…, he said, on Tuesday", is no predicate)."""
    if i + 2 >= len(toks) or toks[i + 1].text != ",":
        return False
    t = toks[i + 2]
    low = t.lower
    return t.is_word and not t.is_cap and (low in _FINITE or low in _PREDICATE_ADVERBS or low.endswith(("ed", "es")))


def _own_clause(text, toks, fwd: Raw, i: int) -> bool:
    """The content after a cue is a clause of its own: it opens with a subject and holds
    a finite verb."""
    k = _index_at(toks, fwd.start)
    if k + 1 < len(toks) and toks[k].lower == "that" and fwd.end - fwd.start >= 20:
        # "“…,” the mayor told the Gazette that the pier …": "that" and a subject open the
        # clause; "told a crowd that spilled out …" is a relative clause about the crowd
        nxt = toks[k + 1]
        if any(t.lower in CUE_VERBS or t.lower in _SUBORDINATE for t in toks[i + 1 : k]):
            return False  # "X tweeted after Y argued that …": the clause is another cue's
        return nxt.lower in _SUBJECT_OPENERS or nxt.is_cap or nxt.text in _OPENERS
    if k >= len(toks) or toks[k].lower not in _SUBJECT_OPENERS or fwd.end - fwd.start < 20:
        return False
    return any(t.lower in _FINITE for t in toks[k + 1 : _index_at(toks, fwd.end)])


def _clause_after_cue(text, toks, i, m: Mention, fwd: Raw, sent_start) -> Raw | None:
    """A long clause follows the cue; an aside or a content around the cue may still own it."""
    if toks[i + 1].text == "," and i + 2 < len(toks) and starts_aside(toks[i + 2]):
        # "Sales were great, he said, wiping his face": the aside is the writer's
        return _tail(text, toks, i, m, sent_start) or fwd
    if (
        toks[i + 1].text == ","
        and toks[i + 2].text not in _OPENERS
        and toks[i + 2].lower != "that"
        and (_tail(text, toks, i, m, sent_start, 1, len(toks)) is not None or _one_word_subject(toks, m, sent_start))
    ):
        # "The top issues, respondents said, are …": one content around the cue
        a, b = strip_end(text, _segment_start(toks, m, sent_start), fwd.end)
        return fwd._replace(start=a, end=b)
    return fwd


# One word before "…, X said, …" that opens no subject: a conjunction the writer links with.
_LINKS = frozenset("but and so yet or nor".split())


def _one_word_subject(toks, m: Mention, sent_start) -> bool:
    """ "Loyalty, he noted, has long been …", "CNN, Cruz said, called …": a lone
    capitalised word before the cue's commas is the subject of the words after them (too
    short for a content of its own); "But, he said, …" or "Tuesday, he said, …" is none."""
    c = _before_title(toks, _index_at(toks, m.start) - 1)
    s = _index_at(toks, sent_start)
    if c != s + 1 or toks[c].text != ",":
        return False
    t = toks[s]
    return t.is_word and t.is_cap and t.lower not in _LINKS and t.text not in DAYS_MONTHS and t.lower not in BARE_TIME


def _inverted_tail(text, toks, i, sent_start) -> Raw | None:
    """ "…, said the senator": a speech cue after a comma, its speaker after it."""
    if i > 2 and comma_at(toks, i - 1) > 0 and toks[i].lower in TAIL_CUES and toks[i].lower not in LISTENER_CUES:
        return _inverted(text, toks, i, sent_start)
    return None


def _loose_speaker(toks, i, text, by_ing: bool) -> Mention | None:
    """A speaker no name gives: "experts say", or the subject of the verb before "to"."""
    after_comma_or_while = i > 0 and (toks[i - 1].text == "," or toks[i - 1].lower in _WHILE_ING)
    participle = by_ing or (after_comma_or_while and toks[i].lower.endswith("ing"))
    # "In 2016, X endorsed Y, saying …": the sentence's subject speaks, not the phrase before a comma
    m = None if participle else _issuer(toks, loose_subject(toks, i, text), text)
    if m is None and i > 2 and toks[i - 1].lower == "to" and toks[i - 2].is_word and not toks[i - 2].is_cap:
        # "Clinton is continuing to insist …", "he refused to say …": the subject of the verb before "to"
        m = subject_before(toks, i - 2, text) or _likely_to(toks, i - 2, text)
    return m


# "voters were slightly more likely to say …": the words between the subject and "to".
_DEGREE = frozenset("likely unlikely more less most least slightly much far somewhat equally as".split())


def _likely_to(toks, k, text) -> Mention | None:
    """The subject of "(be) more likely to" before the cue: polls report what a group says."""
    if toks[k].lower not in ("likely", "unlikely"):
        return None
    while k > 0 and toks[k].lower in _DEGREE:
        k -= 1
    if toks[k].lower not in BE:
        return None
    return subject_before(toks, k, text) or loose_subject(toks, k, text)


def _loose_speaker_says(text, toks, i, m: Mention, sent_start, sent_end) -> Raw | None:
    fwd = forward(text, toks, i, m, sent_end)
    if fwd is None and (
        toks[i].lower in TAIL_CUES
        and m.surface.split()[0].lower() in DET_LED
        or all(not t.is_word for t in toks[i + 1 :])
    ):
        return _tail(text, toks, i, m, sent_start)  # "…, her friend said." / "…, records show."
    return fwd


def _coordinated_speaker(toks, i, text) -> Mention | None:
    """ "X met donors and said …" / "X left, saying …" / "X spoke, while arguing …":
    the sentence's subject speaks."""
    prev = _word_before_verb(toks, i)
    participle = toks[i].lower.endswith("ing")
    if participle and prev in _CLOSING_MARKS:
        return _speaker_before_quote(toks, i, text)
    if participle and prev in _WHILE_ING:
        # only the plain verbs of saying: "while adding seats", "after declining" are deeds
        return _subject_of_while(toks, i, text) if toks[i].lower in TAIL_CUES - _NOT_SAYING else None
    if not (prev in ("and", "but") or (prev in (",", "by") and participle)):
        return None
    m = sentence_subject(toks, text)
    if (m is None or m.end > toks[i].start) and prev == ",":
        m = earlier_speaker(toks, i, text)  # "…, Spicer said, adding that …"
    if m is None:
        m = opening_np(toks, text)  # "The Russians have used …, saying …"
        if m is not None and _new_clause_between(toks, m.end, i):
            return None  # "the camera is facing the ground, and she …, shouting": hers, not the camera's
    if m is None and prev in ("and", "but") and toks[i].lower in SAYING_CUES:
        m = _first_cue_speaker(toks, i, text)  # "The director, Ina Berg, told the AP … and said …"
    return m if m is not None and m.end <= toks[i].start else None


def _first_cue_speaker(toks, i, text) -> Mention | None:
    """The named subject of the sentence's first cue before toks[i], when no clause with a
    subject of its own starts between them: one speaker for both verbs."""
    for k in range(i - 2):
        if toks[k].lower in CUE_VERBS and toks[k].lower in SAYING_CUES and not toks[k].lower.endswith("ing"):
            m = subject_before(toks, k, text)
            if m is None or m.kind == "pronoun" or _new_clause_between(toks, toks[k].end, i):
                return None  # a pronoun this far from its verb is left to the sentence's own reading
            return m
    return None


_CLOSING_MARKS = frozenset('” "'.split())
_OPENING_MARKS = frozenset('“ "'.split())


def _speaker_before_quote(toks, i, text) -> Mention | None:
    """ "The port said: “…,” adding that …": the participle after a quotation is the
    speaker's whose cue opened it, however long the quotation."""
    if i < 4 or toks[i - 1].text not in _CLOSING_MARKS or toks[i - 2].text != ",":
        return None
    o = i - 3
    while o > 0 and toks[o].text not in _OPENING_MARKS:
        o -= 1
    if o < 2 or toks[o - 1].text not in (":", ","):
        return None
    return earlier_speaker(toks, o, text)


def _new_clause_between(toks, pos: int, i: int) -> bool:
    """ "…, and she …": a coordinated clause with a subject of its own between pos and toks[i]."""
    k = _index_at(toks, pos)
    return any(
        toks[n].lower in ("and", "but") and toks[n + 1].lower in SUBJECT_PRONOUNS | DET_LED for n in range(k, i - 1)
    )


# Words between "and" and a cue that keep it the subject's verb: "and has since said".
_AUX_AFTER_AND = frozenset("has have had also later then since once again".split())


def _word_before_verb(toks, i) -> str:
    """The word before the cue, or the "and"/"but" before its auxiliaries ("… and has since said")."""
    p = i - 1
    while p > 0 and toks[p].lower in _AUX_AFTER_AND:
        p -= 1
    if p < i - 1 and toks[p].lower in ("and", "but"):
        return toks[p].lower
    return toks[i - 1].lower if i > 0 else ""


# Subordinators before a speech participle: "while arguing …", "after saying …". Not
# "without": "left without saying whether …" says nothing.
_WHILE_ING = frozenset("while after before when since".split())
# Speech participles that after "while" mostly mean something else ("while adding seats").
_NOT_SAYING = frozenset("adding continuing asking".split())


def _subject_of_while(toks, i, text) -> Mention | None:
    """Who speaks in "X …, while arguing …" (the sentence's subject) or in "While
    saying …, X …" (the subject after the phrase's comma)."""
    if i == 1:
        k = next((n for n in range(2, min(len(toks), 40)) if toks[n].text == ","), None)
        rest = toks[k + 1 :] if k is not None else []
        return sentence_subject(rest, text) if len(rest) > 2 else None
    m = sentence_subject(toks, text)
    return m if m is not None and m.end <= toks[i - 1].start else None


class Rule(NamedTuple):
    """One shape of reported speech: the words that can start it, when it applies
    (the guard, given the sentence's tokens and the trigger's index) and the
    finder that reads the attribution. The first rule whose guard holds decides,
    even when its finder then finds nothing."""

    name: str
    words: frozenset[str]
    guard: Callable[[list[Token], int, str], bool]
    find: Callable[[str, list[Token], int, int, int], Raw | None]
    cue_kind: str


def _any(toks, i, text) -> bool:
    return True


def _opens_source(toks, i, text) -> bool:
    return i == 0 and len(toks) > 6


def _asked_first(toks, i, text) -> bool:
    return (i == 0 or toks[i - 1].lower in ("when", "after", "once", "if")) and i + 2 < len(toks)


def _asked_passive(toks, i, text) -> bool:
    return 0 < i < len(toks) - 3 and toks[i - 1].lower in BE | {"been", "being", "get", "got"}


def _according_to(toks, i, text) -> bool:
    return i + 1 < len(toks) and toks[i + 1].lower == "to"


def _called_for(toks, i, text) -> bool:
    """ "called for a ban", "called on Congress to act" (not "called on Monday")."""
    return (
        i > 0
        and i + 2 < len(toks)
        and (
            toks[i + 1].lower == "for"
            or (
                toks[i + 1].lower == "on" and toks[i + 2].text not in DAYS_MONTHS and toks[i + 2].lower not in BARE_TIME
            )
        )
    )


def _warned_of(toks, i, text) -> bool:
    return i > 0 and i + 2 < len(toks) and toks[i + 1].lower in ("of", "against", "about")


def _speech_verb(toks, i, text) -> bool:
    t = toks[i]
    return (
        (not (t.is_cap and i > 0) or headline_says(toks, i))
        and not nominal(toks, i)
        and not _negated(toks, i)
        and not _deed_not_words(toks, i)
        and not _graded(toks, i)
        and not _agentless_passive(toks, i)
    )


# "'s" before a participle is mostly "has" ("she's criticized him"): active, not passive.
_PASSIVE_BE = BE - {"'s", "’s"}


def _agentless_passive(toks, i) -> bool:
    """ "has been criticized over the plan", "was dismissed as manager": in the passive the
    subject is who was spoken to or about, and what follows is no statement. A clause or an
    infinitive after the cue still is one ("was told that …", "is said to …"), an agent
    still speaks ("was told by officials that …"); a stance adjective ("was worried about")
    is read by its own rule."""
    word = toks[i].lower
    if i < 2 or word.endswith("ing") or word in ADJ_CUES or word in ADJ_OF:
        return False
    k = i - 1
    if toks[k].lower.endswith("ly"):
        k -= 1  # "was widely criticized"
    if toks[k].lower not in _PASSIVE_BE:
        return False
    return not (i + 1 < len(toks) and toks[i + 1].lower in ("that", "to", "by"))


# Before a participle, words that grade it as an adjective: "the most telling sign",
# "more guaranteed income", "the so called plan".
_DEGREE_WORDS = frozenset("most more less least".split())


def _graded(toks, i) -> bool:
    """ "one of his most promising paths", "the candidate most identified with free trade":
    a graded participle describes something; nobody says anything."""
    if i == 0 or not toks[i].lower.endswith(("ing", "ed")):
        return False
    prev = toks[i - 1].lower
    return prev in _DEGREE_WORDS or prev == "so" and toks[i].lower == "called"


# Objects that make a cue verb a deed, not words: "claimed victory", "requested
# anonymity", "claiming allegiance to …". Nothing was said that a briefing could show.
# "answered the door", "picked up the phone": a door or a phone answered is no statement.
_DEED_OBJECTS = frozenset(
    "victory allegiance responsibility credit residency anonymity door doors doorbell phone phones telephone".split()
)
# Before "found", words that make it the verb "to found" (set up), never the past of "find".
_FOUNDING_BEFORE = frozenset("to help helps helped helping".split())


def _deed_not_words(toks, i) -> bool:
    """ "was charged with assault", "charged a fee", "claiming victory": the verb's object
    is a charge, a price or a deed. "charged that …" still reports an accusation."""
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if toks[i].lower == "found" and i > 0 and toks[i - 1].lower in _FOUNDING_BEFORE:
        return True  # "helped found the movement", "to found a party": founding, not finding
    if toks[i].lower.startswith("charg"):
        return nxt != "that"
    det = nxt in ("the", "a", "an", "his", "her", "their", "its") and i + 2 < len(toks)
    return nxt in _DEED_OBJECTS or det and toks[i + 2].lower in _DEED_OBJECTS


def _phrasal(toks, i, text) -> bool:
    return i + 1 < len(toks) and toks[i + 1].lower in PHRASAL[toks[i].lower]


def _phrasal3(toks, i, text) -> bool:
    return i + 2 < len(toks) and toks[i + 2].lower in PHRASAL3[toks[i].lower].get(toks[i + 1].lower, ())


def _object_in(table: dict[str, dict[str, tuple[str, ...]]]) -> Callable[[list[Token], int, str], bool]:
    """The guard of a three-word cue from `table`: verb, noun, particle ("raised doubts about")."""

    def guard(toks, i, text) -> bool:
        return i > 0 and i + 3 < len(toks) and toks[i + 2].lower in table[toks[i].lower].get(toks[i + 1].lower, ())

    return guard


def _spoke_adverb_of(toks, i, text) -> bool:
    return i + 2 < len(toks) and toks[i + 1].lower.endswith("ly") and toks[i + 2].lower in PHRASAL[toks[i].lower]


def _owned(toks, i, text) -> bool:
    return (
        0 < i < len(toks) - 3
        and toks[i + 1].lower in OWNED_CUES[toks[i].lower]
        and owner(toks, i - 1, text) is not None
    )


def _nouny_verb(toks, i, text) -> bool:
    return (
        0 < i < len(toks) - 2
        and toks[i + 1].lower in ("to", "that")
        and toks[i - 1].is_word
        and toks[i - 1].lower not in POSSESSIVE
    )


def _stance(toks, i, text) -> bool:
    return 0 < i < len(toks) - 3 and _stance_subject(toks, i, text)


def _be_adjective(toks, i, text) -> bool:
    low = toks[i].lower
    return (
        1 < i < len(toks) - 3
        and toks[i - 1].lower in BE | {"seemed", "seems", "appeared"}
        and (
            toks[i + 1].lower in ("that", "to", "about")
            and low in ADJ_CUES
            or toks[i + 1].lower == "of"
            and low in ADJ_OF
        )
    )


def _noun_that(toks, i, text) -> bool:
    return 0 < i < len(toks) - 3 and toks[i + 1].lower == "that"


def _raising(toks, i, text) -> bool:
    return 0 < i < len(toks) - 2


def _hearsay(toks, i, text) -> bool:
    # "X said they allegedly sent …": inside someone's words the adverb is theirs;
    # "reportedly said" is the verb's
    return (
        0 < i < len(toks) - 2
        and toks[i + 1].lower not in CUE_VERBS
        # "for allegedly grabbing", "the supposedly imminent …": the adverb sits in a phrase
        and toks[i - 1].lower not in POSSESSIVE | PREPOSITIONS
        and not any(x.lower in CUE_VERBS for x in toks[max(0, i - 40) : i])
    )


def _in_source(text, toks, i, sent_start, sent_end):
    return in_source(text, toks, sent_end)


def _asked(text, toks, i, sent_start, sent_end):
    return asked(text, toks, i)


def _passive_asked(text, toks, i, sent_start, sent_end):
    return passive_asked(text, toks, i, sent_end)


def _phrasal_finder(**kw) -> Callable[[str, list[Token], int, int, int], Raw | None]:
    def find(text, toks, i, sent_start, sent_end):
        return at_phrasal(text, toks, i, sent_end, **kw)

    return find


def _owned_noun(text, toks, i, sent_start, sent_end):
    return at_owned_noun(text, toks, i, sent_end)


def _adjective(text, toks, i, sent_start, sent_end):
    return at_adjective(text, toks, i, sent_end)


def _noun(text, toks, i, sent_start, sent_end):
    return at_noun(text, toks, i, sent_end)


# In order: the first rule whose words hold the token and whose guard holds decides.
RULES: tuple[Rule, ...] = (
    Rule("in-source", frozenset({"in", "per"}), _opens_source, _in_source, "source"),  # "In a statement, …"
    Rule("asked", frozenset({"asked"}), _asked_first, _asked, "verb"),  # "Asked whether …, X said"
    Rule("asked-passive", frozenset({"asked"}), _asked_passive, _passive_asked, "verb"),  # "was asked by …"
    Rule("according-to", frozenset({"according"}), _according_to, _according, "according"),
    Rule("called-for", CALL, _called_for, _phrasal_finder(), "verb"),  # "called for a ban"
    Rule("warned-of", WARN, _warned_of, _phrasal_finder(np=True), "verb"),  # "warned of a long winter"
    Rule("participle-lead", LEAD_PARTICIPLES, leads_sentence, participle_lead, "participle"),  # "Noting that …, X"
    Rule("speech-verb", CUE_VERBS, _speech_verb, _at_cue, "verb"),
    Rule("phrasal", frozenset(PHRASAL), _phrasal, _phrasal_finder(), "verb"),  # "pointed out that"
    Rule("phrasal3", frozenset(PHRASAL3), _phrasal3, _phrasal_finder(skip=1, np=True), "verb"),  # "lashed out at"
    Rule(
        "raised-doubts", frozenset(RAISED_DOUBTS), _object_in(RAISED_DOUBTS), _phrasal_finder(skip=1, np=True), "verb"
    ),
    Rule("spoke-of", SPEAK_VERBS, _spoke_adverb_of, _phrasal_finder(skip=1), "verb"),  # "spoke highly of"
    Rule("owned-noun", frozenset(OWNED_CUES), _owned, _owned_noun, "noun"),  # "his criticism of the ruling"
    Rule("nouny-verb", NOUNY_VERBS, _nouny_verb, _at_cue, "verb"),  # "she hopes to"
    Rule("stance", SUBJECT_STANCE, _stance, _at_cue, "verb"),  # "leaders hope Sanders will"
    Rule("adjective", ADJ_CUES | ADJ_OF, _be_adjective, _adjective, "adjective"),  # "is confident that"
    Rule("noun-that", NOUN_CUES, _noun_that, _noun, "noun"),  # "the suggestion that"
    Rule("raising", RAISING, _raising, at_raising, "hearsay"),  # "is expected to"
    Rule("hearsay", HEARSAY, _hearsay, at_raising, "hearsay"),  # "is reportedly spending"
    Rule("relative-said", RELATIVES, relative_said, find_relative_said, "verb"),  # "which critics say is"
)

# Every word that can start one of the shapes: most words start nothing, and one
# look-up skips the whole table for them.
_TRIGGERS = frozenset().union(*(r.words for r in RULES))


def find_reported(
    text: str, toks: list[Token], sent_start: int, sent_end: int, rules: tuple[Rule, ...] = RULES
) -> list[Raw]:
    out: list[Raw] = []
    start = after_connective(toks, sent_start)
    for i, t in enumerate(toks):
        low = t.lower
        if low not in _TRIGGERS:
            continue
        for rule in rules:
            if low in rule.words and rule.guard(toks, i, text):
                r = rule.find(text, toks, i, start, sent_end)
                break
        else:
            continue
        if r is not None:
            if r.end - r.start > MAX_CHARS:  # a run-on "sentence": keep the part next to the cue
                r = r._replace(start=r.end - MAX_CHARS) if r.start < t.start else r._replace(end=r.start + MAX_CHARS)
            out.append(r._replace(cue_kind=_kind_of(rule, r)))
    if len(out) > 1 and out[0].cue in ("In", "Per"):
        out.pop(0)  # "In a statement, X said …": the cue verb's attribution is the one
    return out


def after_connective(toks: list[Token], sent_start: int) -> int:
    """Where a content that runs from the sentence start begins: after a linking word and
    its comma ("Still, most voters …, the poll found": the poll found no "still")."""
    if len(toks) < 6:
        return sent_start
    first = toks[0].lower
    if toks[1].text == "," and first in CONNECTIVES:
        return toks[2].start
    if toks[2].text == "," and toks[1].lower in CONNECTIVE_PAIRS.get(first, ()):
        return toks[3].start
    return sent_start


def _kind_of(rule: Rule, r: Raw) -> str:
    """The rule's kind, refined by the cue it read: "…, saying" is a participle."""
    if rule.cue_kind == "verb" and (r.cue or "").lower().endswith("ing"):
        return "participle"
    return rule.cue_kind
