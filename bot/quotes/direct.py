"""Direct quotes: who said the words inside a pair of quotation marks.

The attribution sits next to the marks: after them ("…,” he said. /
"…,” said Jane Doe.), before them (He said: “… / Quote from Putin: “…),
or at the end of the previous paragraph for a block quote. A quote is
"direct" when it stands as a sentence of its own, "partial" when it is a
fragment woven into the outlet's sentence.
"""

from __future__ import annotations

import re

from bot.quotes.colon_lead import colon_subject, last_sentence_start
from bot.quotes.lexicon import CUE_VERBS, NAME_CONNECTORS, TITLES, WEAK_CUES
from bot.quotes.marks import QuoteSpan
from bot.quotes.mentions import Mention, cap_run_back, is_name_tok, name_mention
from bot.quotes.raw import Raw
from bot.quotes.speakers import sentence_subject, subject_after, subject_before
from bot.quotes.tokens import tokenize
from bot.quotes.via import via_near

_LABEL = re.compile(r"(?:^|\n)[ \t•\-*]*(Quote|Quotation|Direct speech|Statement)(?: from ([^:\n]{1,80}))?:[ \t]*$")
_TAIL_WINDOW = 120
# "” ― Ana Ruiz" on the quote's line, or "- Ana Ruiz." opening the next paragraph
# (web pages often put a no-break space around the dash: any space but a line break)
_DASH_SIG = re.compile(r"[^\S\n]*\.?[^\S\n]*(?:\n\s*)?(?:--|[-–—―])[^\S\n]*([A-Z][^\n]{0,80})")
# shouts need no colon before their words: "a man yelled “Stay there!”"
_SHOUTS = frozenset(
    """yelled shouted chanted screamed hollered yelling shouting chanting
screaming""".split()
)
# a tail noun phrase opened by one of these is a speaker ("one person tweeted",
# "this correspondent wrote")
_NP_DETS = frozenset("the a an one another some this these those".split())
# "X released the following statement:" introduces a quote paragraph
_STATEMENT_NOUNS = frozenset("statement statements message remarks tweet post letter email note".split())
_ISSUE_VERBS = frozenset("released issued posted sent gave delivered published tweeted wrote".split())
# adverbs between "and" and its cue: "and later said, “…"
_ADVERBS = frozenset("later then also again simply just quickly finally".split())
_NAME_GLUE = frozenset({"of", "de", "van", "von", "al", "bin", "del"})
# Manner-of-speaking verbs that only report speech when they sit right next to
# the quotation marks ("…,” Trump barked. / She quipped, “…"); in running text
# they mean something else ("the ice cracked"), so they stay out of CUE_VERBS.
_MANNER_CUES = frozenset(
    """quipped quips cracked jeered demurred interjected barked beamed blared
boomed yelled snapped deadpanned chimed thundered gushed sniped marveled marvelled intoned
laughed chuckled sighed jokes joking quipping interjecting screamed shrieked cried chanted muttered
yells shouts screams chants hollers sings sang
hollered roared cheered reacted read reads answers responds counters started began pressed elaborated
riffed grumbled teased huffed needled persisted gasped""".split()
)
# verbs that report speech with their particle: "shot back", "went on", "as X put it"
_PARTICLE_CUES = {
    "shot": "back",
    "fired": "back",
    "went": "on",
    "goes": "on",
    "pointed": "out",
    "points": "out",
    "put": "it",
    "puts": "it",
    "chimed": "in",
}
# words that start a clause or a prepositional phrase, not a speaker's noun phrase
_NOT_IN_NP = frozenset(
    """was is were are has have had be been and but or as in on at of for to
with by from that which who whom when while after before because if so than then""".split()
)
_HEAD_WINDOW = 160


def _is_cue(toks: list, i: int) -> bool:
    """A reporting verb next to quotation marks, including manner verbs and
    verb + particle pairs that only count there."""
    w = toks[i].lower
    if w in CUE_VERBS or w in _MANNER_CUES:
        return True
    return w in _PARTICLE_CUES and i + 1 < len(toks) and toks[i + 1].lower == _PARTICLE_CUES[w]


def _cue_text(toks: list, i: int, text: str) -> str:
    """The cue as written, with its particle when it has one ("shot back")."""
    if toks[i].lower in _PARTICLE_CUES and toks[i].lower not in CUE_VERBS:
        return text[toks[i].start : toks[i + 1].end]
    return toks[i].text


def _tail_attribution(text: str, q: QuoteSpan, sent_end: int, reach: int = 7) -> tuple[Mention, str, str | None] | None:
    """ "…,” he said" / "…,” said Smith" / "…” Smith told CNN on Monday."""
    stop = min(sent_end, q.close + _TAIL_WINDOW)
    toks = tokenize(text, q.close, stop)
    for i, t in enumerate(toks[:reach]):
        if t.text in '“"«„':
            return None
        if _is_cue(toks, i) and not (t.is_cap and i > 0 and toks[i - 1].text != ","):
            m = subject_before(toks, i, text)
            if m is None and (i == 0 or toks[i - 1].text == ","):
                m = subject_after(toks, i, text)
            if m is not None and _introduces_next(text, q, max(t.end, m.end), stop):
                return None
            if m is not None:
                return m, _cue_text(toks, i, text), via_near(toks, i, text)
    if toks and reach == 7 and _opens_speaker_np(toks[0]):
        return _np_tail(text, toks) or _long_tail(text, toks)
    return None


# what follows a cue that introduces words rather than closing a quote: a colon,
# "that" (after an aside), or a quotation mark before the sentence ends
_INTRODUCES = re.compile(r"\s*(?:,[^,.;]{1,30},\s*)?(?::|that\b)|[^.!?]*?(?:[“\"«]|'')")


def _introduces_next(text: str, q: QuoteSpan, after: int, stop: int) -> bool:
    """ "“We are not terrorists.” Mr. Zahed said: “The attack …”": the quote closed its
    sentence, and the cue after it goes on to introduce the next words, so it is not
    this quote's attribution (the quote may still continue the one before it)."""
    if text[q.start : q.end].rstrip()[-1:] not in ".!?":
        return False
    return _INTRODUCES.match(text, after, stop) is not None


def _np_tail(text: str, toks: list) -> tuple[Mention, str, str | None] | None:
    """ "…,” the presumptive Republican nominee told Fox." / "…” one person tweeted." /
    "…” Jane Roe of the Brookings Institution wrote.": a plain noun phrase or a
    name with an of-phrase fills the gap between the marks and the cue."""
    for i in range(1, min(len(toks), 16)):
        t = toks[i]
        if i >= 10 and not _of_phrase_so_far(toks, i):
            return None  # only "Name of the Long Institute for …" runs this far
        if _is_cue(toks, i) and toks[i - 1].is_word:
            if toks[0].lower in _NP_DETS or _owners_role(toks, i):
                a, b = toks[0].start, toks[i - 1].end
                m = Mention(text[a:b], a, b, None, "unnamed")
                return m, _cue_text(toks, i, text), via_near(toks, i, text)
            k = _cap_run_forward(toks)
            if k > 0 and toks[k].lower == "of":
                named = name_mention(toks, 0, k - 1, text)
                if named is not None:
                    role = text[toks[k].start : toks[i - 1].end]
                    return named._replace(role=named.role or role), _cue_text(toks, i, text), via_near(toks, i, text)
            return None
        if not t.is_word and t.text not in _POSSESSIVE or t.lower in _NOT_IN_NP and not _in_org_name(toks, i):
            return None
        if t.lower in CUE_VERBS:
            return None
    return None


_POSSESSIVE = ("’s", "'s")


def _owners_role(toks: list, i: int) -> bool:
    """ "…,” Obama’s former campaign manager said": a name, its possessive and the
    role's lowercase words up to the cue describe one person."""
    k = _cap_run_forward(toks)
    if 0 < k < len(toks) and toks[k].text in _POSSESSIVE:
        k += 1  # "Obama ’s" as two tokens
    elif k == 0 or not toks[k - 1].text.endswith(_POSSESSIVE):
        return False
    return k < i and all(t.is_word and not t.is_cap and t.lower not in _NOT_IN_NP for t in toks[k:i])


def _in_org_name(toks: list, i: int) -> bool:
    """ "of" after a name, or "for"/"at" between capitalised words ("Center for Coastal
    Studies"): part of the speaker's noun phrase, not the end of it."""
    t = toks[i].lower
    if t == "of":
        return True
    return t in NAME_CONNECTORS and toks[i - 1].is_cap and i + 1 < len(toks) and toks[i + 1].is_cap


def _of_phrase_so_far(toks: list, i: int) -> bool:
    """The tail so far is a name, "of", and capitalised words (with connectors)."""
    k = _cap_run_forward(toks)
    if k == 0 or k >= i or toks[k].lower != "of":
        return False
    return all(t.is_cap or t.lower in NAME_CONNECTORS or t.lower == "the" for t in toks[k + 1 : i])


def _cap_run_forward(toks: list) -> int:
    """Index just past the capitalised name run opening toks (through initials)."""
    k = 0
    while k < len(toks) and (is_name_tok(toks[k]) or toks[k].text == "." and k > 0 and len(toks[k - 1].text) == 1):
        k += 1
    return k


def _opens_speaker_np(t) -> bool:
    """A name, or a role word or determiner that a speaker's noun phrase starts with
    ("the economist Jane Roe, …, said", "panel Chairman John Doe (R-Utah) said")."""
    return t.is_word and t.lower not in _NOT_IN_NP


def _long_tail(text: str, toks: list) -> tuple[Mention, str, str | None] | None:
    """ "…,” David Axelrod, the chief strategist of the 2008 campaign, said.": the cue
    comes after a long aside or party tag, but the speaker starts right after the quote."""
    for i in range(1, min(len(toks), 32)):
        t = toks[i]
        if t.text in '“"«„;' or t.text == "." and _ends_sentence(toks, i):
            break
        if t.lower in CUE_VERBS and i >= 7 or t.lower in CUE_VERBS and toks[i - 1].text == ")":
            if toks[i - 1].text not in ",)" and not is_name_tok(toks[i - 1]):
                break
            m = subject_before(toks, i, text)
            if m is not None and _starts_near(toks, m):
                return m, t.text, via_near(toks, i, text)
            break
    return None


def _starts_near(toks: list, m: Mention) -> bool:
    """The speaker's name (after its role words) opens the tail: no comma or
    clause sits between the closing mark and the name."""
    for t in toks[:8]:
        if t.start >= m.start:
            return True
        if not t.is_word and t.text != "." or t.lower in CUE_VERBS or t.lower in _NOT_IN_NP:
            return False
    return False


def _ends_sentence(toks: list, i: int) -> bool:
    """A full stop after a lowercase word ends the sentence; after "Jr", "B" or "Rep"
    it closes an abbreviation inside the name."""
    prev = toks[i - 1]
    return not prev.is_cap and len(prev.text) > 2


def _head_attribution(text: str, q: QuoteSpan, sent_start: int) -> tuple[Mention, str, str | None] | None:
    """ "He said: “…" / "Smith told reporters, “…" — the cue closes the lead-in."""
    start = max(sent_start, q.open - _HEAD_WINDOW)
    toks = tokenize(text, start, q.open)
    if toks and toks[-1].lower in _SHOUTS:
        # "a man yelled “Stay there!”": a shout needs no colon before its words
        last = len(toks) - 1
        m = subject_before(toks, last, text) or _head_fallback(toks, last, text, sent_start, q.open)
        return (m, toks[-1].text, None) if m else None
    if not toks or toks[-1].text not in ":,":
        return None
    low = max(-1, len(toks) - 10)
    for i in range(len(toks) - 1, low, -1):
        t = toks[i]
        if t.text in '”"»':
            return None
        if _is_cue(toks, i) and not _weak_after_a_speech_cue(toks, i, low) and not _name_part(toks, i):
            # "X wants to say:": the words before an infinitive are no noun phrase
            m = None if i > 0 and toks[i - 1].lower == "to" else subject_before(toks, i, text)
            m = m or _head_fallback(toks, i, text, sent_start, q.open)
            if m is not None:
                return m, _cue_text(toks, i, text), via_near(toks, i, text)
    return None


def _name_part(toks: list, i: int) -> bool:
    """ "Stevie Wonder, who joked": a capitalised cue word right after a capitalised
    word is the end of a name, not a verb."""
    return toks[i].is_cap and i > 0 and toks[i - 1].is_cap and toks[i - 1].is_word


def _weak_after_a_speech_cue(toks: list, i: int, low: int) -> bool:
    """ "Ruiz said of the harbour plan, “…": "plan" is a noun in the object of "said";
    a weak cue word after a speech verb in the same lead-in is not the cue."""
    if toks[i].lower not in WEAK_CUES:
        return False
    for k in range(i - 1, low, -1):
        if toks[k].text in '”"»:;' or toks[k].text == "." and not toks[k - 1].is_cap:
            return False
        if toks[k].lower in CUE_VERBS and toks[k].lower not in WEAK_CUES:
            return True
    return False


def _head_fallback(toks: list, i: int, text: str, sent_start: int, q_open: int) -> Mention | None:
    """Lead-ins whose speaker is not right before the cue: "Continued Stone: “…"
    (inverted), and "She went on to say: “…" / "Ruiz stood up and later joked, “…"
    (the sentence's subject speaks)."""
    if i == 0 or toks[i - 1].text in ".!?":
        return subject_after(toks, i, text)
    j = i - 1
    if toks[j].lower in _ADVERBS and j > 0:
        j -= 1
    if toks[j].lower in ("to", "and") or toks[j].text == "," and toks[i].lower.endswith("ing"):
        # "Ruiz toured the docks, saying, “…": the "-ing" cue after a comma is the subject's too
        return sentence_subject(tokenize(text, sent_start, min(q_open, sent_start + 200)), text)
    return None


def _name_run(toks: list, text: str) -> Mention | None:
    """The name that opens toks ("President Obama", "Rep. Tom Ashby (R-Ohio)"), when
    nothing but a comma, a full stop or the end follows it."""
    k = 0
    while k < len(toks) and (
        is_name_tok(toks[k])
        or toks[k].lower in TITLES
        or toks[k].lower in _NAME_GLUE
        or toks[k].text == "."
        and k > 0
        and toks[k - 1].is_cap
        and k + 1 < len(toks)
    ):
        k += 1
    last = k - 1
    if k < len(toks) and toks[k].text == "(":
        while k < len(toks) and k - last < 8 and toks[k].text != ")":
            k += 1  # a party tag: "(R-Ohio)"
        k += 1
    if last < 0 or not is_name_tok(toks[last]) or k < len(toks) and toks[k].text not in ",.":
        return None
    return name_mention(toks, 0, last, text)


def _dash_signature(text: str, q: QuoteSpan) -> tuple[Mention, str, None] | None:
    """ "“…” ― Ana Ruiz" or a quote paragraph followed by a line "- Ana Ruiz.":
    a dash and a name sign the quote."""
    m = _DASH_SIG.match(text, q.close)
    if not m:
        return None
    toks = tokenize(text, m.start(1), m.end(1))
    mention = _name_run(toks, text)
    return (mention, m.group(0).strip()[:1], None) if mention else None


def _speaker_label(text: str, q: QuoteSpan, para_start: int) -> tuple[Mention, str, None] | None:
    """ "Rep. Tom Ashby (R-Ohio): “…": a paragraph that opens with a name and a
    colon, as in a transcript or a round-up of reactions."""
    head = text[para_start : q.open]
    if not head.rstrip().endswith(":") or "\n" in head.strip():
        return None
    end = para_start + len(head.rstrip()) - 1
    # "HEADLINE - Jane Roe: “…" (a round-up of quotes): the label follows the dash
    dash = max(head.rfind(" - ", 0, end - para_start), head.rfind(" — ", 0, end - para_start))
    start = para_start + dash + 3 if dash >= 0 else para_start
    if end - start > 90:
        return _name_before_colon(text, q, start, end)
    toks = tokenize(text, start, end)
    mention = _name_run(toks, text)
    if mention is None or toks[-1].end != mention.end and toks[-1].text != ")":
        return _name_before_colon(text, q, start, end)
    return mention, ":", None


def _name_before_colon(text: str, q: QuoteSpan, start: int, end: int) -> tuple[Mention, str, None] | None:
    """ "The surge doesn't surprise Republican pollster Jane Roe: “…": a full name
    (two or more capitalised words, not an organisation) just before the colon."""
    toks = tokenize(text, max(start, end - 80), end)
    if len(toks) < 2 or not is_name_tok(toks[-1]):
        return None
    k = cap_run_back(toks, len(toks) - 1)
    if len(toks) - k < 2 or k == 0 and start == end - 80:
        return None
    if k > 0 and (
        toks[k - 1].text in ("’s", "'s") or toks[k - 1].lower in _NOT_IN_NP or toks[k - 1].lower in ("about", "against")
    ):
        return None  # "… said about Jane Roe:": the name is an object, not the speaker
    m = name_mention(toks, k, len(toks) - 1, text)
    return (m, ":", None) if m and m.kind == "person" and " " in m.surface else None


def _label(text: str, q: QuoteSpan, para_start: int) -> tuple[Mention | None, str] | None:
    """ "Quote from Putin: “…" or a bare "Quote: “…"."""
    m = _LABEL.search(text, max(0, para_start - 1), q.open)
    if not m:
        return None
    cue = text[m.start(1) : m.end()].strip()
    if m.group(2):
        toks = tokenize(text, m.start(2), m.end(2))
        mention = name_mention(toks, 0, len(toks) - 1, text) if toks else None
        return mention, cue
    return None, cue


def is_sentence_like(text: str, q: QuoteSpan, sent_start: int) -> bool:
    """A quote that opens its sentence or follows a colon/comma lead-in."""
    body = text[q.start : q.end]
    words = body.split()
    if len(words) < 3:
        return False
    before = text[sent_start : q.open].rstrip()
    return not before or before[-1] in ":,—–-" or body.rstrip()[-1:] in ".!?," and body[:1].isupper()


def _short_with_tail(text: str, q: QuoteSpan, sent_start: int) -> bool:
    """One or two words ending in , ! or ? inside the marks, opening the sentence
    (not a phrase the outlet's own sentence quotes: 'He called it “Fake news,” …')."""
    body = text[q.start : q.end].rstrip()
    before = text[sent_start : q.open].rstrip()
    return (
        0 < len(body.split()) < 3 and body[-1:] in ",!?" and body[:1].isupper() and (not before or before[-1] in ":—–")
    )


def _after_shout(text: str, q: QuoteSpan, sent_start: int) -> bool:
    """A short exclamation right after "yelled", "chanting" …"""
    body = text[q.start : q.end].rstrip()
    words = text[max(sent_start, q.open - 20) : q.open].split()
    return body[-1:] in "!?." and body[:1].isupper() and bool(words) and words[-1].lower() in _SHOUTS


def _short_after_lead(text: str, q: QuoteSpan, sent_start: int) -> bool:
    """ "Asked about it, Holm shook his head and said, “No.”": a word or two that end their
    own sentence, after a lead-in that ends with a comma or a colon."""
    body = text[q.start : q.end].rstrip()
    before = text[sent_start : q.open].rstrip()
    return 0 < len(body.split()) < 3 and body[-1:] in ".!?" and body[:1].isupper() and before[-1:] in ",:"


def attribute_quote(
    text: str,
    q: QuoteSpan,
    sent_start: int,
    sent_end: int,
    para_start: int,
    prev_lead: tuple[Mention, str, str | None] | None,
) -> Raw | None:
    """A direct quote with its speaker, or None when nobody is attributed."""
    if not is_sentence_like(text, q, sent_start):
        # "“Follow us,” Ms. Gil said": a word or two ended by a comma is still a
        # sentence of its own when the attribution follows at once
        if _short_with_tail(text, q, sent_start):
            found = _tail_attribution(text, q, sent_end, reach=4)
        elif _after_shout(text, q, sent_start) or _short_after_lead(text, q, sent_start):
            found = _head_attribution(text, q, sent_start)  # "a man yelled “Stay there!”", "He said, “No.”"
        else:
            return None
        return _direct(q, *found) if found else None
    if text[q.start : q.end].rstrip().endswith("."):
        # “… an insult.” He implied …: a full stop closed the sentence, so a lead-in
        # ("X told the paper: “…") beats a cue in the next sentence
        found = _head_attribution(text, q, sent_start) or _tail_attribution(text, q, sent_end)
    else:
        found = _tail_attribution(text, q, sent_end) or _head_attribution(text, q, sent_start)
    if found is None:
        found = _dash_signature(text, q) or _speaker_label(text, q, para_start) or _colon_lead(text, q, sent_start)
    if found is None:
        lab = _label(text, q, para_start)
        if lab is not None:
            return Raw("direct", q.start, q.end, lab[0], lab[1], None, "label")
        if prev_lead is not None and q.open <= para_start + 3:
            found = prev_lead
    if found is None:
        return None
    if found[0].kind == "pronoun" and prev_lead is not None and q.open <= para_start + 3:
        # "The chairman, Piet Mols, said:" then "“…,” he added": the colon introduced
        # the quote, and the pronoun can only be that speaker
        found = prev_lead
    return _direct(q, *found)


def _colon_lead(text: str, q: QuoteSpan, sent_start: int) -> tuple[Mention, str, None] | None:
    """ "She then turned to the crowd again: “…”": the lead-in's subject, with no cue word."""
    lead = text[sent_start : q.open].rstrip()
    if not lead.endswith(":") or "\n" in lead.strip():
        return None
    m = colon_subject(text, sent_start, sent_start + len(lead) - 1)
    return (m, ":", None) if m is not None else None


def tail_attribution(text: str, q: QuoteSpan, sent_end: int) -> tuple[Mention, str, str | None] | None:
    """Who the words before "…,” X said" belong to (the tail right after the closing mark)."""
    return _tail_attribution(text, q, sent_end)


def _direct(q: QuoteSpan, m: Mention | None, cue: str | None, via: str | None) -> Raw:
    """A direct quote's record; its cue is a verb ("said"), an "-ing" form
    ("…, adding") or, without a word, a label or a dash signature."""
    return Raw("direct", q.start, q.end, m, cue, via, cue_kind(cue))


def cue_kind(cue: str | None) -> str:
    """What a cue next to quotation marks is: a verb, an "-ing" form or a label/dash."""
    first = (cue or "").split(" ", 1)[0].lower()
    return "label" if not first.isalpha() else "participle" if first.endswith("ing") else "verb"


def lead_in(text: str, para_start: int, para_end: int) -> tuple[Mention, str, str | None] | None:
    """A paragraph ending "… X said:" introduces the next paragraph's quote."""
    body = text[para_start:para_end].rstrip()
    if not body.endswith(":"):
        return None
    toks = tokenize(text, max(para_start, para_end - _HEAD_WINDOW), para_end)
    found = _statement_lead(toks, text)
    if found is not None:
        return found
    for i in range(len(toks) - 1, max(-1, len(toks) - 10), -1):
        if toks[i].lower in CUE_VERBS:
            m = subject_before(toks, i, text) or subject_after(toks, i, text)
            if m is not None:
                return m, toks[i].text, via_near(toks, i, text)
    colon = para_start + len(body) - 1
    m = colon_subject(text, last_sentence_start(text, para_start, colon), colon)
    return (m, ":", None) if m is not None else None


def _statement_lead(toks: list, text: str) -> tuple[Mention, str, None] | None:
    """ "X released the following statement:" / "X posted a message:": the speaker
    is the subject of the verb that puts the statement out."""
    if len(toks) < 4 or toks[-1].text != ":" or toks[-2].lower not in _STATEMENT_NOUNS:
        return None
    i = len(toks) - 3
    while i > 0 and len(toks) - i < 6 and toks[i].lower not in _ISSUE_VERBS:
        if not toks[i].is_word:
            return None
        i -= 1
    if toks[i].lower not in _ISSUE_VERBS:
        return None
    m = subject_before(toks, i, text)
    return (m, text[toks[i].start : toks[-2].end], None) if m else None
