"""Reported speech where word rules run out: reporting verbs found through a dependency parse.

A pass over the engine's records, `(text, records) -> records`. Only sentences
that hold a speech verb no record covers are parsed, so the cost stays with the
sentences that need it.

A reporting verb the rules missed, with a subject and a clausal complement,
makes a new record, but only when the rules' own subject reader finds the same
speaker the parse does (when the two disagree, nothing is added), and not when
the verb is passive ("it was revealed that …": the subject is not who spoke) or
negated ("has never said …": nothing was said).

The parse does not move the edges of the rules' records. Measured on PolNeAR
train, over the rules' indirect records that overlap a gold content: the cue
verb's complement subtree (or the clause around "according to X") matched the
gold's right edge less often than the rules' span in every group tried (longer
or shorter than the rules', after a comma or a conjunction, forward or tail
cue, with or without a start near the rules'), and so did an `xcomp` subtree.
"""

from __future__ import annotations

import bisect
import re

from bot.quotes.analyser import RulesAnalyser
from bot.quotes.engine import PASSES, Page, Pass, Records, with_pass
from bot.quotes.lexicon import BE, CUE_VERBS, NEGATABLE, WEAK_CUES
from bot.quotes.raw import Raw
from bot.quotes.reported import RULES, Rule
from bot.quotes.speakers import Mention, subject_before
from bot.quotes.tokens import tokenize
from bot.syntax import Sentence, Syntax, load

# Verbs of saying (not stance or evidence verbs: "wants", "shows") found in the text;
# only their sentences are parsed when no record covers them.
_SPEECH_WORD = re.compile(r"\b(?:" + "|".join(sorted(CUE_VERBS - WEAK_CUES, key=len, reverse=True)) + r")\b")
_MARKS = '“”"«»'

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


def refine_reported(page: Page, records: Records, syntax: Syntax | None = None) -> Records:
    """The pass: the records as the rules found them, plus reporting verbs the rules missed."""
    parses = _Parses(page.text, page.sentences, syntax or load())
    return records + _missed_reports(page.text, records, parses)


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
    if v is None or sent.tags[v] != "VERB" or _passive(sent, v) or _negated(sent, v):
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


def _passive(sent: Sentence, v: int) -> bool:
    """ "It was revealed that …", "Jokes are told": a form of "be" before a participle
    makes its subject what was told, not who told it ("is telling" stays active). The
    parser labels no passive auxiliary of its own, so the words decide."""
    word = sent.words[v].text.lower()
    return not word.endswith("ing") and any(sent.words[k].text.lower() in BE for k in sent.children(v, "aux"))


def _negated(sent: Sentence, v: int) -> bool:
    """ "She has never said …", "would not say if …": nothing was said (the rules' reading
    of a negated speech verb, NEGATABLE, applied to the parse)."""
    if sent.words[v].text.lower() not in NEGATABLE:
        return False
    return any(_negation(sent.words[k].text) for k in sent.children(v, "advmod", "aux"))


def _negation(word: str) -> bool:
    low = word.lower()
    return low in ("not", "never") or low.endswith(("n't", "n’t"))


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


PARSED_CLAUSES = Pass("parsed-clauses", refine_reported)


class ParsedAnalyser(RulesAnalyser):
    """ANALYSER=parsed: the rules' passes, then the reporting verbs the parse finds once
    the finders and the cutting passes are done (before the outlet's comments are trimmed)."""

    name = "parsed"

    def __init__(self, passes: tuple[Pass, ...] | None = None, rules: tuple[Rule, ...] = RULES) -> None:
        super().__init__(with_pass(PASSES, PARSED_CLAUSES, after="cue-led") if passes is None else passes, rules)
        load()  # read the model now: a missing or broken file stops start-up, not the first article
