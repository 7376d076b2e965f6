"""Reported speech where word rules run out: clause boundaries from a dependency parse.

A pass over the engine's records, `(text, records) -> records`. Only sentences
that hold a reported-speech record (or a reporting verb) are parsed, so the
cost stays with the sentences that need it.

- The content of "X said (that) CONTENT" is the whole clausal complement of the
  cue verb (its `ccomp` subtree): where the rules stopped early or ran on past
  the clause, the parse gives the edge.
- "According to X, CONTENT" / "CONTENT, according to X": the rest of the clause
  that "according to X" modifies.
- A reporting verb the rules missed, with a subject and a clausal complement,
  makes a new record, but only when the rules' own subject reader finds the same
  speaker the parse does: when the two disagree, nothing is added.
"""

from __future__ import annotations

import bisect
import re

from bot.quotes.analyser import RulesAnalyser
from bot.quotes.engine import PASSES, Page, Pass, Records, with_pass
from bot.quotes.lexicon import CUE_VERBS, WEAK_CUES
from bot.quotes.raw import Raw
from bot.quotes.reported import RULES, Rule
from bot.quotes.speakers import Mention, subject_before
from bot.quotes.tokens import tokenize
from bot.syntax import Sentence, Syntax, load

# Verbs of saying (not stance or evidence verbs: "wants", "shows") found in the text;
# only their sentences are parsed when no record covers them.
_SPEECH_WORD = re.compile(r"\b(?:" + "|".join(sorted(CUE_VERBS - WEAK_CUES, key=len, reverse=True)) + r")\b")
_MARKS = '“”"«»'

# How far the parse's clause may start from the rules' (a "that" more or less)
_START_SLACK = 6
_COORDINATORS = frozenset(["and", "but", "or"])
# a new attribution ("…, according to X") or the outlet's own words about the content
_NOT_CONTINUING = _COORDINATORS | frozenset(
    ["while", "whereas", "although", "though", "even", "which", "who", "whom", "compared", "according"]
)

# Punctuation and spaces that never open or close a reported clause
_EDGE = " \t\n,;:.—–-"


class _Parses:
    """The page's sentences, each parsed at most once."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], syntax: Syntax) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [a for a, _ in sentences]
        self.syntax = syntax
        self._parsed: dict[tuple[int, int], Sentence] = {}

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.sentences[k][0] <= pos < self.sentences[k][1]:
            return self.sentences[k]
        return None

    def parse(self, bounds: tuple[int, int]) -> Sentence:
        if bounds not in self._parsed:
            self._parsed[bounds] = self.syntax.parse(self.text, *bounds)
        return self._parsed[bounds]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return a, b


def _cue_index(sent: Sentence, r: Raw) -> int | None:
    """The word of the cue: of its occurrences in the sentence, the one next to the speaker."""
    first = (r.cue or "").split()[0].lower() if r.cue else ""
    hits = [n for n, w in enumerate(sent.words) if w.text.lower() == first]
    if not hits:
        return None
    # the cue sits between the speaker and the content: next to the speaker's near edge
    anchor = r.start if r.mention is None else r.mention.end if r.mention.end <= r.start else r.mention.start
    return min(hits, key=lambda n: abs(sent.words[n].start - anchor))


def _complement(sent: Sentence, v: int, forward: bool) -> tuple[int, int] | None:
    """Word range of what the cue verb at v reports, on the side the rules found it.

    Forward ("said (that) X"): the verb's one clausal complement after it.
    Tail ("X, he said"): the complement before it, or, parsed the other way round,
    the content's main verb that the verb hangs on (parataxis), up to where the
    attribution starts.
    """
    comps = [c for c in sent.children(v, "ccomp") if (c > v) == forward]
    if len(comps) == 1:
        return sent.subtree(comps[0])
    if forward or comps:
        return None
    h = sent.heads[v]
    if h < 0 or h > v or sent.labels[v] not in ("parataxis", "ccomp"):
        return None
    lo, hi = sent.subtree(h)
    vlo, vhi = sent.subtree(v)
    if vhi < hi and any(sent.tags[k] != "PUNCT" for k in range(vhi + 1, hi + 1)):
        return None  # "The port, he said, is ready": the content runs on both sides
    return (lo, vlo - 1) if vlo - 1 >= lo else None


def _according_content(sent: Sentence, v: int) -> tuple[int, int] | None:
    """ "according to X" -> the rest of the clause it hangs on, on the far side of X."""
    x = sent.heads[v]  # "according" is the case marker of X
    if x < 0 or sent.heads[x] < 0:
        return None
    clause = sent.heads[x]
    lo, hi = sent.subtree(clause)
    xlo, xhi = sent.subtree(x)
    if xlo <= lo + 1:
        return (xhi + 1, hi) if xhi + 1 <= hi else None
    if xhi >= hi - 1:
        return (lo, xlo - 1) if xlo - 1 >= lo else None
    return None


def refine_reported(page: Page, records: Records, syntax: Syntax | None = None) -> Records:
    """The pass: reported contents take the boundary of the parsed clause, and
    reporting verbs the rules missed add their clause."""
    text = page.text
    parses = _Parses(text, page.sentences, syntax or load())
    out = [_refined(text, r, parses) if r.kind == "indirect" and r.cue else r for r in records]
    moved = {old.start: new.start for old, new in zip(records, out, strict=True) if old.start != new.start}
    if moved:
        # a partial quote names the clause it sits in by the clause's start
        out = [r._replace(anchor=moved.get(r.anchor, r.anchor)) if r.anchor is not None else r for r in out]
    return out + _missed_reports(text, out, parses)


def _missed_reports(text: str, records: list[Raw], parses: _Parses) -> list[Raw]:
    """ "Port officials, speaking after the vote, said the cranes …": a speech verb with a
    subject and a clausal complement that no record covers yet."""
    taken = [(r.start, r.end) for r in records]
    taken += [(r.mention.start, r.mention.end) for r in records if r.mention is not None]
    out: list[Raw] = []
    for m in _SPEECH_WORD.finditer(text):
        bounds = parses.sentence_at(m.start())
        if bounds is None or any(a < bounds[1] and bounds[0] < b for a, b in taken):
            continue
        raw = _report_at(text, m.start(), bounds, parses)
        if raw is not None:
            out.append(raw)
            taken.append((raw.start, raw.end))
    return out


def _report_at(text: str, pos: int, bounds: tuple[int, int], parses: _Parses) -> Raw | None:
    sent = parses.parse(bounds)
    v = next((n for n, w in enumerate(sent.words) if w.start == pos), None)
    if v is None or sent.tags[v] != "VERB":
        return None
    subjects = sent.children(v, "nsubj")
    comps = [c for c in sent.children(v, "ccomp") if c > v]
    if len(subjects) != 1 or len(comps) != 1 or subjects[0] > v:
        return None
    a, b = _trim(text, *sent.span(*sent.subtree(comps[0])))
    if b - a < 12 or any(ch in _MARKS for ch in text[a:b]):
        return None  # quoted words are the quote finder's; a short clause is rarely a statement
    mention = _speaker(text, bounds, sent, subjects[0], v)
    if mention is None:
        return None
    return Raw("indirect", a, b, mention, sent.words[v].text, cue_kind="verb")


def _speaker(text: str, bounds: tuple[int, int], sent: Sentence, subj: int, v: int) -> Mention | None:
    """The rules' reading of the speaker before the verb, if it is the parse's subject."""
    toks = tokenize(text, *bounds)
    i = next((n for n, t in enumerate(toks) if t.start == sent.words[v].start), None)
    if i is None:
        return None
    m = subject_before(toks, i, text)
    head = sent.words[subj]
    if m is None or not (m.start <= head.start and head.end <= m.end):
        return None  # the two readings disagree: say nothing
    return m


def _refined(text: str, r: Raw, parses: _Parses) -> Raw:
    at = r.mention.start if r.mention is not None else r.start
    bounds = parses.sentence_at(min(at, r.start))
    if bounds is None or not (bounds[0] <= r.start < bounds[1]):
        return r
    sent = parses.parse(bounds)
    v = _cue_index(sent, r)
    if v is None:
        return r
    if (r.cue or "").lower() == "according to":
        words = _according_content(sent, v)
    else:
        words = _complement(sent, v, forward=r.start > sent.words[v].start)
    if words is None:
        return r
    cut = _main_clause_joined(sent, v, r)
    if cut is not None:
        return r._replace(end=cut)
    a, b = _trim(text, *sent.span(*words))
    if b - a < 8 or b <= r.end or abs(a - r.start) > _START_SLACK:
        return r  # measured on PolNeAR train: the parse's shorter or shifted clauses are worse than the rules'
    return r._replace(start=a, end=b) if _extension_holds(sent, r.end, b) else r


def _main_clause_joined(sent: Sentence, v: int, r: Raw) -> int | None:
    """ "X said A, and B happened": where the content ends when the parse joins a clause with
    a subject of its own to the reporting verb itself (not to what was said)."""
    for c in sent.children(v, "conj"):
        w = sent.words[c]
        if not (r.start < w.start < r.end) or not sent.children(c, "nsubj"):
            continue
        lo = sent.subtree(c)[0]
        if sent.words[lo].text == ",":
            lo += 1  # the parser may hang the comma on the second clause
        if lo >= 2 and sent.words[lo].text.lower() in _COORDINATORS and sent.words[lo - 1].text == ",":
            end = sent.words[lo - 2].end
            return end if end - r.start >= 8 else None
    return None


def _extension_holds(sent: Sentence, old_end: int, new_end: int) -> bool:
    """Whether the words the parse adds after the rules' end still belong to the clause.

    Not when they open a second clause ("…, and he wants …", "… and defended Trump"),
    a relative clause about a name (", who will face …"), a contrast (", while …"),
    an appositive (", a swipe at …") or follow a semicolon: the parser attaches those
    to the complement too often (PolNeAR train).
    """
    added = [n for n, w in enumerate(sent.words) if old_end <= w.start < new_end]
    words = [n for n in added if sent.tags[n] != "PUNCT"]
    if not words or any(sent.words[n].text == ";" for n in added):
        return False
    first = sent.words[words[0]].text.lower()
    return first not in _NOT_CONTINUING and sent.tags[words[0]] != "DET"


PARSED_CLAUSES = Pass("parsed-clauses", refine_reported)


class ParsedAnalyser(RulesAnalyser):
    """ANALYSER=parsed: the rules' passes with the parse's clause boundaries once the
    finders and the cutting passes are done (before the outlet's comments are trimmed)."""

    name = "parsed"

    def __init__(self, passes: tuple[Pass, ...] | None = None, rules: tuple[Rule, ...] = RULES) -> None:
        super().__init__(with_pass(PASSES, PARSED_CLAUSES, after="cue-led") if passes is None else passes, rules)
        load()  # read the model now: a missing or broken file stops start-up, not the first article
