"""Reported speech as a briefing shows it: one sentence a reader can take in.

The quote engine finds the outlet's paraphrase and its cue; a briefing line
puts them back together as "<speaker>, <role>, <cue> <words>". Some finds
can't be put back into a sentence honestly, and a wrong line costs more than
a missing one, so `shown_paraphrase` says no to them:

- a speaker that is no one ("its trade ministry", "figures published"): it
  starts in lower case without "the", so it is a phrase cut out of a
  sentence, not a name;
- words with a quotation mark left open;
- a fragment that lost its verb after a cue that takes a clause ("said easing
  fears of …");
- words holding another attribution ("…, its trade ministry said on Sunday");
- what someone thinks, wants or feels ("Palestinians want …", "She's hoping …"):
  a stance the outlet describes, not something said.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.models import Quote
from bot.quotes.held import held_kind
from bot.quotes.lexicon import (
    CUE_VERBS,
    LISTENER_CUES,
    NP_CUES,
    OBJECT_CUES,
    SUBJECT_PRONOUNS,
)
from bot.quotes.negation import denial_cue

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "am",
        "be",
        "been",
        "being",
        "has",
        "have",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
    ]
)
# finite verbs that don't end in -ed
_IRREGULAR_PAST = frozenset(
    [
        "was",
        "were",
        "had",
        "did",
        "said",
        "made",
        "took",
        "gave",
        "went",
        "came",
        "got",
        "saw",
        "knew",
        "thought",
        "told",
        "found",
        "left",
        "kept",
        "held",
        "brought",
        "began",
        "became",
        "ran",
        "met",
        "paid",
        "sent",
        "spent",
        "lost",
        "won",
        "built",
        "cut",
        "put",
        "set",
        "hit",
        "let",
        "fell",
        "rose",
        "grew",
        "drew",
        "chose",
        "broke",
        "spoke",
        "wrote",
        "drove",
        "stood",
        "sold",
        "bought",
        "fought",
        "caught",
        "taught",
        "meant",
        "felt",
        "led",
        "read",
        "heard",
        "sat",
        "shut",
        "bore",
        "struck",
        "understood",
    ]
)
_BEFORE_NOUN = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "these",
        "those",
        "some",
        "many",
        "few",
        "two",
        "three",
        "four",
        "several",
        "all",
        "any",
        "no",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "to",
        "and",
        "or",
        "new",
        "more",
        "most",
        "other",
        "such",
    ]
)
_CUE_REACH = 400  # characters before the words searched for their cue
# a full stop after a title or an initial ("Mr. Obama", "Harry S. Truman") ends no sentence
_SENTENCE_START = re.compile(
    r"(?<!\bMr\.)(?<!\bMs\.)(?<!Mrs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\b[A-Z]\.)(?<=[.!?])[\"”’]?\s+|\n"
)
# a cue after these does not assert the words ("continues to insist", "did not say", "may argue")
_NOT_ASSERTED = frozenset(
    ["to", "not", "never", "will", "would", "may", "might", "can", "could", "should", "must", "shall", "did", "does"]
    + ["do", "didn't", "doesn't", "won't", "wouldn't", "can't", "couldn't"]
)
# "said on Monday that", "said Tuesday": when, not what
_TIME_WORDS = frozenset(
    ["on", "in", "last", "this", "week", "month", "year", "today", "yesterday", "earlier", "later", "recently"]
    + ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "night", "morning"]
    + ["afternoon", "evening", "also", "again", "repeatedly", "previously"]
)
# "These crews, " before a cue: the sentence's subject came first, so the words after the cue lack it
_SPLIT_SUBJECT = re.compile(r"\w[^,]*,\s+(?:as\s+)?[^,]*$")
_WINDOW = 20_000  # characters either side of a paraphrase where its first word's use is looked up
_ACCORDING = re.compile(r"^according\s+to\s+", re.IGNORECASE)
# "…, its trade ministry said on Sunday" inside the words: another attribution, so not one speaker's
# A clause that ran into a quote with its own tail attribution ("…, “where the wall broke,”
# he added") ends on the quote's comma: the line shows the words without it.
_TRAILING_COMMA = re.compile(r"[,;:]\s*(?=[”’\"]?\s*$)")
# "JERUSALEM - Israeli officials …", "WASHINGTON, Aug. 24 (UPI) — …": where the story was
# filed, not part of what anyone said
_DATELINE = re.compile(r"^[A-Z]{2,}[A-Z .'’-]*(?:,[^,—–-]{1,30})?\s*(?:\([A-Za-z ]{2,30}\)\s*)?[-—–]\s+")
# "…, and Ms. Acosta said …", "his campaign manager, Jeff Weaver, says …": the words hold
# another attribution, so they are not one speaker's
_NAMED_CUE = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,4}([a-z]+)\b")
_EMBEDDED_CUE = re.compile(r"(?:^|,\s+)(?:[\w.'’-]+,?\s+){1,5}(?:said|says|told|added|announced)\b")


def shown_paraphrase(quote: Quote, article_text: str) -> Quote | None:
    """The paraphrase ready to show (first word's case fixed), or None when it can't be shown as a sentence."""
    speaker = _ACCORDING.sub("", quote.speaker or "").strip()
    if not _names_someone(speaker) or not quote.text.strip() or _a_stance(quote):
        return None
    text = _DATELINE.sub("", " ".join(quote.text.split()))
    if not quotes_balanced(text) or not _reads_whole(text, quote.cue) or _holds_attribution(text):
        return None
    if not _cue_next_to_words(quote, article_text) or _listener_is_subject(quote.cue, text):
        return None
    first = _WORD.match(text)
    nearby = article_text[max(0, quote.start - _WINDOW) : quote.end + _WINDOW]
    if first and first.group()[0].isupper() and not _proper_noun(first.group(), nearby):
        text = text[0].lower() + text[1:]  # a clause that opened its sentence now follows the cue
    return replace(quote, text=_TRAILING_COMMA.sub("", text), speaker=speaker)


def _holds_attribution(text: str) -> bool:
    """The words hold someone else's statement: "…, and Ms. Acosta said …", or opening on a
    name and its cue ("Mrs. Roe replied that …")."""
    if _EMBEDDED_CUE.search(text):
        return True
    named = _NAMED_CUE.match(text)
    return named is not None and named.group(1) in CUE_VERBS and not named.group(1).endswith("ing")


def _listener_is_subject(cue: str | None, text: str) -> bool:
    """ "…, telling her in a debate that she should burn at the stake": shown as "Name: she
    should …" the "she" would read as the speaker, but it is the one told."""
    cue_word = (cue or "").split()[:1]
    first = _WORD.match(text)
    if not cue_word or cue_word[0].lower() not in LISTENER_CUES or first is None:
        return False
    return first.group().lower() in SUBJECT_PRONOUNS


def _a_stance(quote: Quote) -> bool:
    """ "wants", "believes", "plans to", "voters backing him": what someone holds or means
    to do, or words denied ("denied that …"). The engine marks these; the cue word is read
    again for rows stored before it did."""
    return not quote.said or held_kind(quote.cue) is not None or denial_cue(quote.cue)


def _cue_next_to_words(quote: Quote, article_text: str) -> bool:
    """The line "Speaker cue words" reads as the article has it: nothing but a time, a comma
    or "that" between cue and words, no "to"/modal/negation before the cue ("continues to
    insist", "did not say"), and the words not the rest of a sentence whose subject came
    before a cue set off by commas ("These crews, the mayor said, were paid"). Only checked
    when the cue opens the words' sentence; a cue after the words ("…, she said") is never cut in."""
    if quote.cue_kind not in {"verb", "participle"} or not quote.cue:
        return True
    sentence = _SENTENCE_START.split(article_text[max(0, quote.start - _CUE_REACH) : quote.start])[-1]
    found = list(re.finditer(rf"\b{re.escape(' '.join(quote.cue.split()))}\b", sentence))
    if not found:
        return True
    cue = found[-1]
    before = _WORD.findall(sentence[: cue.start()])
    if before and before[-1].lower() in _NOT_ASSERTED:
        return False
    # the span may open on the "that" the shown words leave out
    opening = article_text[quote.start : quote.end]
    gap_text = sentence[cue.end() :] + opening[: max(0, opening.find(quote.text.split()[0]))]
    gap = [w.lower() for w in _WORD.findall(gap_text)]
    if quote.cue.lower() not in LISTENER_CUES and gap and gap[-1] != "that" and not set(gap) <= _TIME_WORDS:
        return False
    return not _SPLIT_SUBJECT.search(sentence[: cue.start()]) or not sentence[cue.end() :].rstrip().endswith(",")


def _names_someone(speaker: str) -> bool:
    """'Petter Moe', 'Freight companies', 'the dock workers' union' do;
    'its trade ministry', 'figures published' don't."""
    if not speaker:
        return False
    first, _, rest = speaker.partition(" ")
    return speaker[0].isupper() or (first == "the" and bool(rest))


def quotes_balanced(text: str) -> bool:
    """No quotation mark left open (or closed without opening) in `text`."""
    depth = 0
    for char in text:
        if char in "“«„":
            depth += 1
        elif char in "”»":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and text.count('"') % 2 == 0


def _reads_whole(text: str, cue: str | None) -> bool:
    """A clause after a speech verb needs a verb of its own; an object cue ('accused X of Y') does not."""
    cue_word = (cue or "said").split()[0].lower()
    if cue_word in NP_CUES or cue_word in OBJECT_CUES or _ACCORDING.match(cue or ""):
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    return any(_finite(word, words[i - 1] if i else "") for i, word in enumerate(words))


def _finite(word: str, before: str) -> bool:
    if word in _AUXILIARIES or word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4):
        return True
    # "Northland only wants": a present-tense verb, unless the "-s" word is a plural noun ("easing fears",
    # "the talks")
    return (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "’s"))
        and len(word) > 3
        and bool(before)
        and before not in _BEFORE_NOUN
        and not before.endswith("ing")
    )


def _proper_noun(word: str, article_text: str) -> bool:
    """Capitalised somewhere other than at the start of a sentence: a name, keep its capital."""
    for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}\b", article_text):
        before = article_text[: m.start()].rstrip(" “\"'‘(")
        if before and before[-1] not in '.!?:\n”"—–-':  # a dash ends a dateline ("HARBOUR CITY - The …")
            return True
    return word.isupper() or word == "I"
