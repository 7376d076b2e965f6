"""Reported (indirect) speech inside one sentence.

Three shapes cover most news writing:
  forward   "X said (that) CONTENT."     / "X told Reuters CONTENT."
  tail      "CONTENT, X said (on Monday)." / "CONTENT, said X."
  according "According to X, CONTENT."   / "CONTENT, according to X."
The content span excludes "that" and the sentence's final punctuation.
"""

from __future__ import annotations

import bisect

from bot.quotes.lexicon import (ADJ_CUES, CUE_VERBS, DAYS_MONTHS, NOUN_CUES, NOT_INDIRECT, NOUN_FOR, NOUN_NEXT, NOUNY_VERBS, NP_CUES,
                               OBJECT_CUES, RAISING, TAIL_CUES, TO_CUES)
from bot.quotes.raw import Raw
from bot.quotes.speakers import (Mention, _cap_run_back, _common_np, _is_name_tok, _name_mention,
                                 _skip_between, sentence_subject, subject_after, subject_before)
from bot.quotes.tokens import Token
from bot.quotes.via import via_near

# Object-taking cues whose object is the listener, not part of the content.
_LISTENER_CUES = frozenset("tell tells told telling inform informed informs assure assured assures remind reminded reminds".split())
_ADJUNCT_START = frozenset("""on in at during last this earlier later before after while
to by from yesterday today tonight recently late early""".split()) | {d.lower() for d in DAYS_MONTHS}
# After "to", these start a listener or place, not an infinitive: "pledged to the voters".
_TO_OBJECT = frozenset("the a an his her their its our my your this that these those them him me us".split())
_BARE_TIME = frozenset("yesterday today tonight night morning afternoon evening".split())
_END_PUNCT = ".!?;"
_TAIL_MAX = 9  # tokens a tail attribution may take after its comma


def _strip_end(text: str, a: int, b: int) -> tuple[int, int]:
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


def _content_start(toks: list[Token], i: int) -> int | None:
    j = i + 1
    if toks[i].lower in _LISTENER_CUES:
        j = _skip_listener(toks, j)
    while j < len(toks) and (toks[j].text in DAYS_MONTHS or toks[j].lower in _BARE_TIME):
        j += 1  # "said Thursday his biggest worry …"
    if j + 1 < len(toks) and toks[j].lower in ("on", "last", "this") and toks[j + 1].text in DAYS_MONTHS:
        j += 2  # "said on Thursday he …"
        while j < len(toks) and (toks[j].text.isdigit() or toks[j].lower in _BARE_TIME):
            j += 1
    if j < len(toks) and toks[j].lower == "to" and toks[i].lower in TO_CUES and j + 1 < len(toks) \
            and toks[j + 1].is_word and not toks[j + 1].is_cap and toks[j + 1].lower not in _TO_OBJECT:
        return j  # "declined to comment": the infinitive is the content
    if j < len(toks) and toks[j].lower in _ADJUNCT_START:
        # "said in a statement on Monday that ..." / "said on Tuesday, ..."
        for k in range(j, min(j + 12, len(toks))):
            if toks[k].lower == "that" or toks[k].text in ",:":
                j = k + 1
                break
        else:
            j = _past_venue(toks, j)  # "said in a statement Thursday night they pulled …"
            if j is None:
                return None
    if j < len(toks) and toks[j].lower == "that":
        j += 1
    if j < len(toks) and toks[j].text in ":,":
        j += 1
    return j if j < len(toks) else None


_NOT_CONTENT_START = frozenset("""or up down off than until under along whose according itself
themselves himself herself have vote significantly sharply slightly""".split())
_NP_END = frozenset(", ; : — – during at in on after before while as for over who which and".split())


_VENUES = frozenset("""statement interview speech email release tweet letter post appearance
conference call briefing rally event debate hearing video message radio television broadcast
podcast show op-ed column memo filing""".split())


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
    while k < len(toks) and (toks[k].text in DAYS_MONTHS or toks[k].lower in _BARE_TIME
                             or toks[k].lower in ("on", "last", "this", "late", "early")):
        k += 1
    if k < len(toks) and toks[k].lower in ("with", "to", "on", "at", "in", "for", "from", "by", "of"):
        return None  # "in an interview with CNN": more adjunct follows, no clause yet
    return k if k < len(toks) - 2 else None


def _forward(text, toks, i, m, sent_end) -> Raw | None:
    j = _content_start(toks, i)
    if j is None or len(toks) - j < 3 and toks[i].lower not in NP_CUES:
        return None
    if toks[j].lower in _NOT_CONTENT_START:
        return None  # "declined significantly from 1989", "blasted out an email"
    end = _clause_end(toks, j, sent_end)
    if toks[i].lower in NP_CUES:
        k = j + 1
        while k < len(toks) and toks[k].lower not in _NP_END and toks[k].text not in ".!?":
            k += 1
        end = toks[k].start if k < len(toks) else end
        a, b = _strip_end(text, toks[j].start, end)
        return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text)) if b > a else None
    a, b = _strip_end(text, toks[j - 1].start if toks[j - 1].lower == "that" else toks[j].start, end)
    if b - a < 8:
        return None
    return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text))


# ", saying …", ", including …", ", while …" after the content start the
# writer's own addition: annotators end the content before that comma.
_TRAILING_CLAUSE = frozenset("including while whereas although though even compared putting which despite".split())


_last_cuts: tuple = (None, [])
_MAX_CONTENT = 200  # tokens: no reported clause in news runs longer
_MAX_CHARS = 2500


def _cut_points(toks) -> list[int]:
    """Token indices where a reported clause ends, computed once per sentence
    (several cues in one long sentence must not rescan it)."""
    global _last_cuts
    held = _last_cuts
    if held[0] is toks:
        return held[1]
    cuts = []
    for k in range(1, len(toks) - 1):
        if toks[k].text == ",":
            nxt = toks[k + 1].lower
            if nxt in _TRAILING_CLAUSE or (nxt.endswith("ing") and len(nxt) > 5 and not toks[k + 1].is_cap):
                cuts.append(k)
        elif toks[k].lower == "and" and toks[k + 1].lower in CUE_VERBS and toks[k + 1].lower.endswith("ed") \
                and toks[k - 1].text != ",":
            cuts.append(k)  # "said X and criticized Y": the subject's second act
    _last_cuts = (toks, cuts)
    return cuts


def _clause_end(toks, j: int, sent_end: int) -> int:
    cuts = _cut_points(toks)
    n = bisect.bisect_left(cuts, j + 2)
    k = cuts[n] if n < len(cuts) else len(toks)
    if k - j > _MAX_CONTENT:
        return toks[j + _MAX_CONTENT].start  # a run-on "sentence" (no stops in a huge text)
    return toks[k].start if k < len(toks) else sent_end


_CLOSERS = frozenset("” \" ' ’ »".split())


def _content_close(toks, k: int) -> int:
    """End of a content that stops at the comma at toks[k]: after the quotation
    marks that close it ("… this route,” said X"), else before the comma."""
    e = k
    while e + 1 < len(toks) and toks[e + 1].text in _CLOSERS:
        e += 1
    return toks[e].end if e > k else toks[k].start


def _comma_at(toks, k: int) -> int:
    """Index of the comma ending the content at or before toks[k]: "…,” X said"."""
    while k > 0 and toks[k].text in _CLOSERS:
        k -= 1
    return k if k >= 0 and toks[k].text == "," else -1


def _starts_aside(t) -> bool:
    """"…, he said, wiping …" / "…, he said, when …": the writer's aside after a tail."""
    low = t.lower
    return (low.endswith("ing") and len(low) > 5 and not t.is_cap) or low in (
        "when", "as", "while", "after", "before", "because", "before", "referring", "adding", "noting")


def _tail(text, toks, i, m, sent_start, min_k: int = 2) -> Raw | None:
    """CONTENT, X said. — the subject follows the last comma before the cue."""
    k = i - 1
    while k >= 0 and toks[k].start >= m.start:
        k -= 1
    k = _comma_at(toks, k) if k >= 0 else -1
    if k < min_k or len(toks) - i > _TAIL_MAX and not (
            i + 2 < len(toks) and toks[i + 1].text == "," and _starts_aside(toks[i + 2])):
        return None
    a, b = _strip_end(text, sent_start, _content_close(toks, k))
    return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text)) if b - a >= 8 else None


_SUBORDINATE = frozenset("while although though as because if when after before since whereas".split())


def _according(text, toks, i, sent_start, sent_end) -> Raw | None:
    """"according to X, CONTENT" and "CONTENT, according to X"."""
    j = i + 2
    k = j
    while k < len(toks) and toks[k].text not in ",.;:)":
        k += 1
    if k == j:
        return None
    last = k - 1
    m = _name_mention(toks, j, last, text) if toks[last].is_cap else _common_np(toks, last, text)
    if m is None:
        return None
    c = _comma_at(toks, i - 1) if i > 0 else -1
    open_ = sent_start
    for p in range(i - 1, max(-1, i - 40), -1):
        if toks[p].text == "(":
            open_ = toks[p].end  # "(the actual number is closer to 15, according to X)"
            break
    if c > 0 and k < len(toks) and toks[k].text == "," and len(toks) - k > 6:
        if toks[0].lower in _SUBORDINATE:
            # "While most were confidential, according to X, two were secret": the main clause
            a, b = _strip_end(text, toks[k].end, sent_end)
        else:
            # "At the heart of it, according to X, was a decision …": the sentence is the content
            a, b = _strip_end(text, sent_start, sent_end)
    elif c > 0:
        a, b = _strip_end(text, open_, _content_close(toks, c))
    elif k < len(toks) and toks[k].text == ",":
        a, b = _strip_end(text, toks[k].end, sent_end)
    else:
        return None
    return Raw("indirect", a, b, m, "according to", via_near(toks, i, text)) if b - a >= 8 else None


def find_reported(text: str, toks: list[Token], sent_start: int, sent_end: int) -> list[Raw]:
    out: list[Raw] = []
    for i, t in enumerate(toks):
        low = t.lower
        if i == 0 and low in ("in", "per") and len(toks) > 6:
            r = _in_source(text, toks, sent_end)
        elif low == "asked" and (i == 0 or toks[i - 1].lower in ("when", "after", "once", "if")) \
                and i + 2 < len(toks):
            r = _asked(text, toks, i)
        elif low == "according" and i + 1 < len(toks) and toks[i + 1].lower == "to":
            r = _according(text, toks, i, sent_start, sent_end)
        elif low in _CALL and i > 0 and i + 2 < len(toks) and (toks[i + 1].lower == "for" or (
                toks[i + 1].lower == "on" and toks[i + 2].text not in DAYS_MONTHS
                and toks[i + 2].lower not in _BARE_TIME)):
            r = _at_phrasal(text, toks, i, sent_end)  # "called for a ban", "called on Congress to act"
        elif low in CUE_VERBS and (not (t.is_cap and i > 0) or _headline_says(toks, i)) and not _nominal(toks, i):
            r = _at_cue(text, toks, i, sent_start, sent_end)
        elif low in _PHRASAL and i + 1 < len(toks) and toks[i + 1].lower in _PHRASAL[low]:
            r = _at_phrasal(text, toks, i, sent_end)
        elif low in NOUNY_VERBS and 0 < i < len(toks) - 2 and toks[i + 1].lower in ("to", "that") \
                and toks[i - 1].is_word and toks[i - 1].lower not in _POSSESSIVE:
            r = _at_cue(text, toks, i, sent_start, sent_end)  # "she hopes to", "he fears that"
        elif low in ADJ_CUES and 1 < i < len(toks) - 3 and toks[i - 1].lower in _BE | {"seemed", "seems", "appeared"} \
                and toks[i + 1].lower in ("that", "to", "about"):
            r = _at_adjective(text, toks, i, sent_end)
        elif low in NOUN_CUES and 0 < i < len(toks) - 3 and toks[i + 1].lower == "that":
            r = _at_noun(text, toks, i, sent_end)
        elif low in RAISING and 0 < i < len(toks) - 2:
            r = _raising(text, toks, i, sent_start, sent_end)
        else:
            continue
        if r is not None:
            if r.end - r.start > _MAX_CHARS:  # a run-on "sentence": keep the part next to the cue
                r = r._replace(start=r.end - _MAX_CHARS) if r.start < t.start else r._replace(end=r.start + _MAX_CHARS)
            out.append(r)
    if len(out) > 1 and out[0].cue in ("In", "Per"):
        out.pop(0)  # "In a statement, X said …": the cue verb's attribution is the one
    return out


_DET_LED = frozenset("the a an his her their its our one another some".split())
_POSSESSIVE = frozenset("""the a an his her their its our my your this that these those
whose of for""".split())
_CLAUSE_OPEN = frozenset(", ; : — – ( and but because while although though if when since so whether".split())
_BE = frozenset("is are was were be been being 's ’s".split())


def _raising(text, toks, i, sent_start, sent_end) -> Raw | None:
    """"Trump seemed to suggest …", "the bank is expected to …": the clause is the content."""
    low, nxt = toks[i].lower, toks[i + 1]
    if low == "expected":
        if toks[i - 1].lower not in _BE or nxt.lower != "to":
            return None
    elif low.startswith("appear"):
        if nxt.lower != "to" or toks[i + 2].lower in _TO_OBJECT or toks[i + 2].is_cap:
            return None
    elif not nxt.is_word or nxt.is_cap or (nxt.lower == "to" and toks[i + 2].lower in _TO_OBJECT):
        return None
    k = i - 1
    while k >= 0 and i - k < 40 and toks[k].lower not in _CLAUSE_OPEN and toks[k].text not in "“”\"":
        k -= 1
    if i - k < 2:
        return None  # "it seems", nothing before the verb
    a, b = _strip_end(text, toks[k + 1].start, _clause_end(toks, i + 1, sent_end))
    return Raw("indirect", a, b, None, toks[i].text, None) if b - a >= 12 else None


_SOURCE_DOCS = frozenset("""poll polls survey surveys statement statements interview interviews
report reports letter memo op-ed tweet tweets post posts book speech filing study studies email
emails ad ads video remarks testimony essay column analysis editorial lawsuit complaint""".split())


def _in_source(text, toks, sent_end) -> Raw | None:
    """"In a CNN poll released Sunday, CONTENT": the document is the source."""
    k = 1
    doc = None
    while k < len(toks) and k < 14 and toks[k].text != ",":
        if toks[k].lower in _SOURCE_DOCS:
            doc = k
        k += 1
    if doc is None or k >= len(toks) - 3 or toks[k].text != ",":
        return None
    m = _common_np(toks, doc, text)
    a, b = _strip_end(text, toks[k + 1].start, _clause_end(toks, k + 1, sent_end))
    return Raw("indirect", a, b, m, toks[0].text, via_near(toks, doc, text)) if b - a >= 12 else None


def _asked(text, toks, i) -> Raw | None:
    """"Asked whether he would run, Smith said …": the question up to the comma;
    whoever answers after the comma was asked."""
    k = i + 1
    if toks[k].lower == "by":
        return None  # "asked by a reporter …": the asker is named, keep it simple
    while k < len(toks) and toks[k].text not in ",;:" and k - i < 40:
        k += 1
    if k >= len(toks) or toks[k].text != "," or k - i < 3:
        return None
    a, b = _strip_end(text, toks[i + 1].start, toks[k].start)
    m = sentence_subject(toks[k + 1:], text)
    return Raw("indirect", a, b, m, toks[i].text, None) if b - a >= 8 else None


def _at_adjective(text, toks, i, sent_end) -> Raw | None:
    """"Clinton is confident that …", "he was eager to …": the subject of "be" holds the view."""
    m = subject_before(toks, i - 1, text) or _loose_subject(toks, i - 1, text)
    if m is None:
        return None
    j = i + 1 if toks[i + 1].lower != "to" else i  # "eager to run": the infinitive is the content
    r = _forward(text, toks, j, m, sent_end) if j > i else None
    if j == i:
        a, b = _strip_end(text, toks[i + 1].start, _clause_end(toks, i + 1, sent_end))
        r = Raw("indirect", a, b, m, toks[i].text, None) if b - a >= 8 else None
    return r._replace(cue=toks[i].text) if r else None


def _at_noun(text, toks, i, sent_end) -> Raw | None:
    """"Trump's assertion that …", "the suggestion that …": the that-clause is the content."""
    a, b = _strip_end(text, toks[i + 2].start, _clause_end(toks, i + 2, sent_end))
    if b - a < 12:
        return None
    m = None
    p = toks[i - 1]
    if p.text.endswith(("’s", "'s")) and p.is_cap:
        name = p.text[:-2]
        m = Mention(name, p.start, p.start + len(name), None, "person")
    return Raw("indirect", a, b, m, toks[i].text, None)


_NOUN_BEFORE = frozenset("the a an his her their its our my your whose this these those".split())


def _nominal(toks, i) -> bool:
    """"his remarks were", "support for the plan", "pledged delegates": not a cue here."""
    low = toks[i].lower
    if low in NOT_INDIRECT:
        return True
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if i > 0 and toks[i - 1].lower in _NOUN_BEFORE and not low.endswith(("ed", "ing")):
        return True  # "his support", "their plans", "the show"
    return nxt in NOUN_NEXT or (nxt == "for" and low in NOUN_FOR) or nxt == "delegates" \
        or (nxt in (";", "behind", "like") and not low.endswith(("ed", "ing")))


def _before_aside(toks, j: int, text: str) -> Mention | None:
    """"Some voters who listened to him, on TV or at events, said …": the subject
    ends before the first comma of the aside between it and the cue."""
    k = j - 1
    first = None
    while k >= 0 and j - k < 40:
        if toks[k].text == ",":
            first = k
        elif toks[k].text in "“”\"();:":
            break
        k -= 1
    if first is None or first < 1 or not toks[first - 1].is_word or toks[first - 1].lower in _NOT_SUBJECT_END:
        return None
    e = first - 1
    if _is_name_tok(toks[e]):
        return _name_mention(toks, _cap_run_back(toks, e), e, text)
    return _common_np(toks, e, text)


# Two-word cues: "pointed out that …", "referring to …", "talked about …".
_PHRASAL = {"pointed": ("out", "to"), "points": ("out", "to"), "point": ("out", "to"), "pointing": ("to",),
            "referring": ("to",), "referred": ("to",), "talked": ("about",), "talks": ("about",),
            "talking": ("about",), "spoke": ("about",),
            "pushed": ("for",), "pushing": ("for",), "made": ("clear",), "make": ("clear",), "makes": ("clear",)}


_CALL = frozenset("call calls called calling".split())
# Phrasal cues whose object is a noun phrase: "referring to the mogul", "called for a ban".
_NP_PHRASAL = frozenset("""referring referred talked talks talking spoke call calls called calling
pushed pushing pointing""".split())
_NP_PHRASE_END = frozenset(", ; : — – ( during after before while as following when because since".split())


def _earlier_speaker(toks, i, text) -> Mention | None:
    """"“…,” Black said, referring to …": the speaker of the cue before the comma."""
    for k in range(i - 2, max(-1, i - 16), -1):
        if toks[k].lower in CUE_VERBS:
            return subject_before(toks, k, text) or subject_after(toks, k, text)
    return None


def _at_phrasal(text, toks, i, sent_end) -> Raw | None:
    m = subject_before(toks, i, text) or _loose_subject(toks, i, text)
    if m is None and i > 0 and toks[i - 1].text == ",":
        m = sentence_subject(toks, text) or _earlier_speaker(toks, i, text)  # "…, referring to the mogul"
    if m is None or m.end > toks[i].start:
        return None
    if toks[i].lower in _NP_PHRASAL:
        j = i + 2
        k = j
        while k < len(toks) and toks[k].lower not in _NP_PHRASE_END and toks[k].text not in ".!?":
            k += 1
        if k == j:
            return None
        a, b = _strip_end(text, toks[j].start, toks[k - 1].end)
        return Raw("indirect", a, b, m, text[toks[i].start:toks[i + 1].end], via_near(toks, i, text))
    r = _forward(text, toks, i + 1, m, sent_end)
    return r._replace(cue=text[toks[i].start:toks[i + 1].end]) if r else None


def _headline_says(toks, i) -> bool:
    """Title case "Hillary Clinton Says EgyptAir Crash …": a capitalised cue after a name."""
    return toks[i].lower in ("says", "said") and toks[i - 1].is_cap and toks[i - 1].is_word


def _inverted(text, toks, i, sent_start) -> Raw | None:
    """"CONTENT, said Matt Latimer, a speechwriter." — the speaker follows the cue
    and nothing but an aside or an adjunct follows the speaker."""
    if toks[i].lower.endswith("ing"):
        return None  # "…, saying the map was unfair": what follows is the content
    m = subject_after(toks, i, text)
    if m is None or m.kind == "pronoun" and toks[i].lower not in ("said", "says"):
        return None
    k = i + 1
    while k < len(toks) and toks[k].start < m.end:
        k += 1
    if k < len(toks) and toks[k].text not in ",.;:!?)" and toks[k].lower not in _ADJUNCT_START \
            and toks[k].lower not in ("who", "whose", "and", "as"):
        return None
    if k < len(toks) and toks[k].text == "." and k + 1 < len(toks):
        return None  # "said Ms. Brainard …": an abbreviation, not the end
    a, b = _strip_end(text, sent_start, _content_close(toks, _comma_at(toks, i - 1)))
    if b - a < 8:
        return None
    return Raw("indirect", a, b, m, toks[i].text, via_near(toks, i, text))


def _at_cue(text, toks, i, sent_start, sent_end) -> Raw | None:
    m: Mention | None = subject_before(toks, i, text)
    if m is not None:
        # "…her ticket, Reid said he would not give advice": a clause after the cue wins
        fwd = _forward(text, toks, i, m, sent_end)
        if fwd is not None and fwd.end - fwd.start >= 20 and toks[i + 1].lower not in _ADJUNCT_START:
            if toks[i + 1].text == "," and i + 2 < len(toks) and _starts_aside(toks[i + 2]):
                # "Sales were great, he said, wiping his face": the aside is the writer's
                return _tail(text, toks, i, m, sent_start) or fwd
            if toks[i + 1].text == "," and _tail(text, toks, i, m, sent_start, 1) is not None:
                # "The top issues, respondents said, are …": one content around the cue
                a, b = _strip_end(text, sent_start, fwd.end)
                return fwd._replace(start=a, end=b)
            return fwd
        return _tail(text, toks, i, m, sent_start) or fwd
    if i > 2 and _comma_at(toks, i - 1) > 0 and toks[i].lower in TAIL_CUES and toks[i].lower not in _LISTENER_CUES:
        inv = _inverted(text, toks, i, sent_start)
        if inv is not None:
            return inv
    m = _loose_subject(toks, i, text)
    if m is None and i > 2 and toks[i - 1].lower == "to" and toks[i - 2].is_word and not toks[i - 2].is_cap:
        # "Clinton is continuing to insist …", "he refused to say …": the subject of the verb before "to"
        m = subject_before(toks, i - 2, text)
    if m is not None:
        fwd = _forward(text, toks, i, m, sent_end)
        if fwd is None and (toks[i].lower in TAIL_CUES and m.surface.split()[0].lower() in _DET_LED
                            or all(not t.is_word for t in toks[i + 1:])):
            return _tail(text, toks, i, m, sent_start)  # "…, her friend said." / "…, records show."
        return fwd
    prev = toks[i - 1].lower if i > 0 else ""
    if prev == "and" or (prev == "," and toks[i].lower.endswith("ing")):
        # "X met donors and said …" / "X left, saying …": the sentence's subject speaks
        m = sentence_subject(toks, text)
        if (m is None or m.end > toks[i].start) and prev == ",":
            m = _earlier_speaker(toks, i, text)  # "…, Spicer said, adding that …"
        if m is not None and m.end <= toks[i].start:
            return _forward(text, toks, i, m, sent_end)
    if i > 2 and toks[i - 1].text == "," and toks[i].lower in OBJECT_CUES | CUE_VERBS:
        return _inverted(text, toks, i, sent_start)
    return None


# Words before a cue that cannot end its subject: "to say", "and said", "not say".
_NOT_SUBJECT_END = frozenset("""to and or but that than as if because so of for in on at by with
from about into not would could should might may must can will shall""".split())
_RELATIVE = frozenset("who which that".split())
_CONTRACTED = frozenset("he's she's he’s she’s".split())


def _loose_subject(toks, i, text) -> Mention | None:
    """Any plain noun phrase before a cue: "security specialists say", "26% say".

    `subject_before` wants names, pronouns or known source nouns; polls and
    groups ("three-fourths say", "experts who say") speak too. "who" takes the
    noun phrase before it.
    """
    j = _skip_between(toks, i - 1)
    if j < 0:
        return None
    t = toks[j]
    if t.text == ")":
        # "Bob Goodlatte (R-Va.) told MSNBC": the party tag sits between name and cue
        k = j - 1
        while k >= 0 and j - k < 8 and toks[k].text != "(":
            k -= 1
        if k < 1 or toks[k].text != "(":
            return None
        j = k - 1
        if _is_name_tok(toks[j]):
            return _name_mention(toks, _cap_run_back(toks, j), j, text)
        t = toks[j]
    if t.text == "," and j >= 2:
        return _before_aside(toks, j, text)
    if t.text in "-—–" and j >= 2:
        # "The justice -- who has been in a scuffle -- said": the subject is before the aside
        k = j - 1
        while k >= 0 and toks[k].text == "-":
            k -= 1
        while k >= 0 and j - k < 30 and toks[k].text not in "-—–“”\"();:":
            k -= 1
        if k < 1 or toks[k].text not in "-—–":
            return None
        while k > 0 and toks[k - 1].text == "-":
            k -= 1
        e = k - 1
        if _is_name_tok(toks[e]):
            return _name_mention(toks, _cap_run_back(toks, e), e, text)
        return _common_np(toks, e, text) if toks[e].is_word and toks[e].lower not in _NOT_SUBJECT_END else None
    if t.lower in _CONTRACTED:
        return Mention(t.text[:-2], t.start, t.end - 2, None, "pronoun")  # "He's suggesting"
    if t.lower in _RELATIVE and j >= 1 and toks[j - 1].is_word:
        j -= 1
        t = toks[j]
    if not (t.is_word or t.text == "%") or t.lower in _NOT_SUBJECT_END or t.text.endswith(("’s", "'s")):
        return None
    if t.text == "%" and j >= 1:
        return Mention(text[toks[j - 1].start:t.end], toks[j - 1].start, t.end, None, "unnamed")
    return _common_np(toks, j, text)
