"""Putting the finders together: text -> Analysis, as a named list of passes.

The page is read once (quotation spans, sentences, the outlet's framing, the
regions that are no article); then each pass in PASSES takes the page and the
records so far and returns the records it keeps, changed or added to. Order
matters: the finders come first (reported speech per sentence, label lines,
then each quotation span attributed (direct) or folded into the reported
attribution that holds it (partial)), then the passes that cut and drop.
Speakers are resolved last, in text order, so pronouns see the speakers before
them. A pass can be left out by name (`bench/attribution.py --ablate`), and
another analyser can add its own (see bot.quotes.analyser).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from bot.models import HELD_KINDS, Analysis, Framing, Quote
from bot.quotes.boilerplate import excluded_regions
from bot.quotes.content_edges import settle_starts
from bot.quotes.coref import Resolver
from bot.quotes.direct import attribute_quote, cue_kind, is_sentence_like, lead_in, tail_attribution
from bot.quotes.framing import find_framing
from bot.quotes.headline import find_labelled, transcript_label
from bot.quotes.hearsay_gap import split_hearsay
from bot.quotes.held import drop_nested_views, refined_kind
from bot.quotes.labels import end_at_label
from bot.quotes.lexicon import (
    BE,
    CUE_VERBS,
    DAYS_MONTHS,
    FINITE_AFTER_THAT,
    IRREGULAR_PASTS,
    NAMING_CUES,
    OBJECT_CUES,
    OWN_CLAUSE_OPENERS,
    PARTY_ADJECTIVES,
    PLACE_TIME_PREPOSITIONS,
    PREPOSITIONS,
    PRONOUNS,
    QUESTION_CUES,
    REPORTING_CUES,
    SAY_ADD,
    SECOND_CUE_ADVERBS,
    SUBJECT_PRONOUNS,
    TAIL_CUES,
    WEAK_CUES,
)
from bot.quotes.marks import QuoteSpan, find_quotes
from bot.quotes.mentions import not_a_speaker, speaker_part
from bot.quotes.negation import denied_kind
from bot.quotes.not_said import attribution_as_content, only_a_time, wordless
from bot.quotes.not_the_speaker import a_place, medium_sender, sent_medium, spoken_to
from bot.quotes.object_quotes import object_quotes
from bot.quotes.passive import agent_after, any_participle_passive, by_agent, passive_gap, words_before_cue
from bot.quotes.raw import Raw
from bot.quotes.reported import RULES, Rule, find_reported
from bot.quotes.second_statement import split_second_statements
from bot.quotes.sentences import split_sentences
from bot.quotes.speakers import GOVERNED
from bot.quotes.tidy_mention import lone_place, tidy
from bot.quotes.tokens import remember, tokenize
from bot.quotes.via import source_lines


class _Spans:
    """Fast 'is position p inside one of these sorted spans' lookups."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def covering(self, p: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self.starts, p) - 1
        # the spans barely overlap, so the two nearest starts decide
        for j in (k, k - 1):
            if j >= 0 and self.spans[j][0] <= p < self.spans[j][1]:
                return self.spans[j]
        return None

    def __contains__(self, p: int) -> bool:
        return self.covering(p) is not None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


@dataclass(frozen=True, slots=True)
class Page:
    """An article's text and what the first reading found in it: what every pass may look at."""

    text: str
    quotes: list[QuoteSpan]
    sentences: list[tuple[int, int]]
    framing: list[Framing]
    excluded: _Spans  # boilerplate and comment sections: no attribution starts there
    comments: _Spans  # the outlet's own comments on a claim
    inquote: _Spans  # quotation spans with their marks
    quoted: _Spans  # quotation spans from mark to mark
    rules: tuple[Rule, ...] = RULES


Records = list[Raw]


class Pass(NamedTuple):
    name: str
    run: Callable[[Page, Records], Records]


def read_page(text: str, rules: tuple[Rule, ...] = RULES) -> Page:
    quotes = find_quotes(text)
    sents = split_sentences(text, quotes)
    excluded = _Spans(excluded_regions(text))
    inquote = _Spans([(q.start, q.end) for q in quotes])
    framing = [f for f in find_framing(text, inquote.__contains__) if f.start not in excluded]
    comments = _Spans([(f.start, f.end) for f in framing if f.kind == "comment"])
    quoted = _Spans([(q.open, q.close) for q in quotes])
    return Page(text, quotes, sents, framing, excluded, comments, inquote, quoted, rules)


def _find_reported(page: Page, raws: Records) -> Records:
    text = page.text
    raws = list(raws)
    for a, b in page.sentences:
        raws.extend(find_reported(text, tokenize(text, a, b), a, b, page.rules))
    return raws


def _into_quote(page: Page, raws: Records) -> Records:
    """ "attacked Trump for “the greed, the showing off, the theatrics” of his campaign": a
    reported clause that a comma or a question mark ended inside quotation marks runs on
    to the closing mark; the words in the marks are one piece of what was said. So does
    one that stops before "as “…”"."""
    return [_run_into_quote(page, r) if r.kind == "indirect" and r.end > r.start else r for r in raws]


# "referred to the harbour as “a disgrace”": the label the speaker gave is what was said
_AS_QUOTE = re.compile(r"\s+as\s+(?:an?\s+|the\s+)?(?=[“\"]|'')")


def _run_into_quote(page: Page, r: Raw) -> Raw:
    text = page.text
    q = page.inquote.covering(r.end - 1)
    if q is None and (m := _AS_QUOTE.match(text, r.end)):
        q = page.inquote.covering(m.end() + 2)
    if q is None or not r.start < q[0] or r.end >= q[1] or "\n" in text[r.end : q[1]]:
        return r
    close = page.quoted.covering(q[0])
    return r._replace(end=close[1] if close else q[1])


def _label_end(page: Page, raws: Records) -> Records:
    return end_at_label(page.text, page.quotes, raws)


def _find_labelled(page: Page, raws: Records) -> Records:
    return raws + _labelled_alone(page.text, raws)


def _attribute_quotes(page: Page, raws: Records) -> Records:
    """Each quotation span: a direct quote of its own, the next part of the quote
    before it, or a partial quote inside the reported clause that holds it."""
    text, quotes, sents = page.text, page.quotes, page.sentences
    raws = list(raws)
    reported = _Reported(raws)
    sent_starts = [a for a, _ in sents]
    last: int | None = None  # index in raws of the latest direct quote
    for q in quotes:
        k = max(0, bisect.bisect_right(sent_starts, q.open) - 1)
        s_start = sents[k][0] if sents else 0
        k2 = max(0, bisect.bisect_right(sent_starts, max(q.close - 1, 0)) - 1)
        s_end = sents[k2][1] if sents else len(text)
        if (
            sents
            and k2 + 1 < len(sents)
            and not text[q.close : s_end].strip()
            and "\n" not in text[s_end : sents[k2 + 1][0]]
        ):
            # "“… no?” Freddy Ortega said.": the split after ?” leaves the tail alone
            s_end = sents[k2 + 1][1]
        p_start, _ = _paragraph_bounds(text, q.open)
        prev, pp = None, p_start
        if p_start > 1:
            pp = text.rfind("\n", 0, p_start - 1)
            while pp > 0 and not text[pp + 1 : p_start - 1].strip():
                pp = text.rfind("\n", 0, pp)
            prev = lead_in(text, pp + 1, p_start - 1)
        r = attribute_quote(text, q, s_start, s_end, p_start, prev)
        if (
            r is None
            and last is not None
            and is_sentence_like(text, q, s_start)
            and (
                raws[last].end >= p_start
                and _opens_sentence(text, raws[last].end, q.open)
                or _floats_after(text, raws[last], q, pp + 1, p_start)
            )
        ):
            # "“A,” he said. “B.”": B is the same speaker's, a quote of its own (one
            # record for both would hold the marks and the "he said" between them)
            # (after a partial quote in a clause, "“B.”" is a sentence of its own: direct)
            raws.append(raws[last]._replace(kind="direct", anchor=None, start=q.start, end=q.end))
            last = len(raws) - 1
            continue
        if r is None and (said := _report_before(text, q, reported, s_start, p_start)) is not None:
            # "Ruiz said the fare was too high. “We will keep asking for a cut.”"
            raws.append(said._replace(kind="direct", anchor=None, start=q.start, end=q.end))
            last = len(raws) - 1
            continue
        if r is None:
            r = _partial(q, reported)
        if r is None and (mixed := _mixed_with_tail(text, q, s_start, s_end)):
            raws.extend(mixed)
            last = len(raws) - 1
            continue
        if r is not None:
            raws.extend(_paragraph_parts(text, r))
            if r.kind == "direct" or _ends_at_tail(text, r, q):
                last = len(raws) - 1
            elif not _in_own_tail(raws[last] if last is not None else None, r):
                last = None
    return raws


def _report_before(text: str, q: QuoteSpan, reported: _Reported, s_start: int, p_start: int) -> Raw | None:
    """ "Ruiz said the fare was too high. “We will keep asking for a cut.”": a quote with
    no attribution of its own that opens the sentence right after a report (speaker and
    speech cue first, then what was said, up to the full stop) backs that report up in
    the speaker's own words: one statement, as the quote after "“A,” Ruiz said." is."""
    if not is_sentence_like(text, q, s_start) or text[s_start : q.open].strip():
        return None
    r = reported.ending_before(s_start)
    if r is None or r.mention is None or r.mention.end > r.start or r.end < p_start:
        return None
    if (r.cue or "").lower() in WEAK_CUES or text[r.end : s_start].strip() not in ("", ".", ".”", '."'):
        return None
    return r


def _in_own_tail(before: Raw | None, r: Raw) -> bool:
    """ "“A,” Ruiz told the paper, after hinting that “changes” could come. “B.”": a partial
    quote in a clause of the same speaker's tail keeps B going on with A."""
    return (
        before is not None
        and before.kind == "direct"
        and r.kind == "partial"
        and before.mention is not None
        and r.mention is not None
        and r.mention.start == before.mention.start
        and before.end <= r.start
    )


def _ends_at_tail(text: str, r: Raw, q: QuoteSpan) -> bool:
    """ "Ruiz “has earned the job,” Dekker said. “She knows the harbour.”": a partial
    quote that closes its clause right before the tail naming the speaker is where the
    speaker's words break off; a quote that opens the next sentence goes on with them,
    as it would after "“A,” Dekker said." (the same cue and speaker, one statement)."""
    m = r.mention
    if r.kind != "partial" or m is None or m.start < q.close:
        return False
    between = text[q.close : m.start].strip(" ,").lower()
    return between in ("", (r.cue or "").lower())  # "…,” Dekker said" or "…,” said Dekker"


def _floats_after(text: str, before: Raw, q: QuoteSpan, prev_start: int, p_start: int) -> bool:
    """ "“A,” he said.\n\n“B.”": a quote alone at the head of its paragraph, with no
    attribution of its own, goes on with the quote that ended the paragraph before,
    when only that quote's short attribution followed it. Not after a question: the
    next quote is then most likely the answer, someone else's."""
    if before.kind != "direct" or not prev_start <= before.start < p_start or text[p_start : q.open].strip():
        return False
    if text[before.start : before.end].rstrip()[-1:] == "?" or (before.cue or "").lower() in QUESTION_CUES:
        return False
    tail = text[before.end + 1 : p_start].strip()
    return tail.endswith(".") and len(tail.split()) <= 12 and not _MARKS.search(tail)


def _tail_closes(text: str, close: int, mention, cue: str, s_end: int) -> bool:
    """The tail only names who spoke: after its cue (and an inverted speaker) the sentence
    ends or goes on with a phrase of time or place. "…,” the mayor said her campaign was
    strong" is a new report with its own content, not this quote's attribution."""
    at = text.find(cue, close, s_end)
    if at < 0:
        return False
    rest = text[max(at + len(cue), mention.end) : s_end].lstrip()
    first = rest.split(None, 1)[0].lower() if rest else ""
    if not rest or rest[0] in ".,;:!?)" or first in PREPOSITIONS:
        return True
    # "…,” he told Chris Cuomo of CNN after the debate.": only a listener after "told"
    listener = _LISTENER.match(rest)
    return cue.lower() in OBJECT_CUES and listener is not None and "that" not in listener.group().lower().split()


_LISTENER = re.compile(r"[^.,;:!?]{1,60}(?=[.,;:!?]|$)")


_MARKS = re.compile("[“”\"«»„]|''")


def _mixed_with_tail(text: str, q: QuoteSpan, s_start: int, s_end: int) -> list[Raw]:
    """ "A maximum penalty “would send a message,” prosecutor Jane Roe wrote.": the
    outlet's words run into the quoted ones and a tail names who said them. The
    sentence up to the closing mark is what was reported (an indirect record), the
    words inside the marks are the speaker's own (a partial quote of that record).
    Only a quote that ends its clause with a comma and a tail attribution the direct
    reader accepts right after the marks; anything looser is no attribution."""
    body = text[q.start : q.end].rstrip()
    if not body.endswith(",") and text[q.close : q.close + 1] != ",":
        return []
    a = s_start
    while a < q.open and text[a].isspace():
        a += 1
    if a >= q.open or "\n" in text[a : q.open] or _MARKS.search(text, a, q.open):
        return []  # another quote before it: whose words the clause holds is not clear
    found = tail_attribution(text, q, s_end)
    if found is None or found[0] is None or found[1].lower() in NAMING_CUES:
        return []  # "“x.us,” a website linked to a group called …" names, it reports nothing
    mention, cue, via = found
    kind = cue_kind(cue)
    if kind != "verb" or not _tail_closes(text, q.close, mention, cue, s_end):
        return []
    return [
        Raw("indirect", a, q.close, mention, cue, via, kind),
        Raw("partial", q.start, q.end, mention, cue, via, kind, a),
    ]


_OPENING_MARKS = "“\"'‘«„"


def _paragraph_parts(text: str, r: Raw) -> list[Raw]:
    """A quote continued over paragraphs ("“A.\n“B,” he added") is one record per
    paragraph, each only the quoted words (the opening mark that starts each new
    paragraph is no part of them), all of one statement."""
    if "\n" not in text[r.start : r.end]:
        return [r]
    parts: list[Raw] = []
    a = r.start
    while a < r.end:
        nl = text.find("\n", a, r.end)
        b = r.end if nl < 0 else nl
        e = b
        while e > a and text[e - 1].isspace():
            e -= 1
        if e > a:
            parts.append(r._replace(start=a, end=e))
        if nl < 0:
            break
        a = nl + 1
        while a < r.end and (text[a].isspace() or text[a] in _OPENING_MARKS):
            a += 1
    return parts or [r]


def _second_statement(page: Page, raws: Records) -> Records:
    return split_second_statements(page.text, raws)


def _drop_quote_restated(page: Page, raws: Records) -> Records:
    """Reported content that is only the quote again is the same attribution."""
    direct = _Spans([(r.start, r.end) for r in raws if r.kind == "direct"])
    return [r for r in raws if r.kind != "indirect" or not _mostly_quote(r, direct)]


def _report_around_own_quote(page: Page, raws: Records) -> Records:
    return _drop_report_around_own_quote(raws)


def _coordinated(page: Page, raws: Records) -> Records:
    return _cut_coordinated(page.text, raws)


def _second_verb(page: Page, raws: Records) -> Records:
    return _cut_at_second_verb(page.text, raws, page.quoted)


def _tail_attribution(page: Page, raws: Records) -> Records:
    return _cut_at_tail_attribution(raws)


def _quote_comma_end(page: Page, raws: Records) -> Records:
    opens = [q.open for q in page.quotes]
    out: Records = []
    for r in raws:
        out.extend(_cut_after_comma_quote(page, opens, r) if r.kind == "indirect" else (r,))
    return out


_LINKS = ("and", "but")
_THAT = re.compile(r"(?:[^,.;:“”\"]{0,40}?\s)?that\s+", re.IGNORECASE)


def _cut_after_comma_quote(page: Page, opens: list[int], r: Raw) -> tuple[Raw, ...]:
    """ "Ruiz said the toll was “a fair price,” adding that the ferry …": the quoted
    words and the comma close what "said" reports; the clause after them is the
    outlet's (", which …", ", before …") or a new report of its own (", adding that
    …", "and later said …", "…,” one skipper said"), which keeps the speaker when a
    cue of the same subject opens it. Only the first quote closed by a comma counts:
    a clause that goes on after it with no such opener is one report."""
    text = page.text
    k = bisect.bisect_right(opens, r.start)
    while k < len(opens) and opens[k] < r.end:
        q = page.quotes[k]
        k += 1
        if q.close >= r.end - 2:
            break
        if not (text[q.start : q.end].rstrip().endswith(",") or text[q.close : q.close + 1] == ","):
            continue
        at = q.close
        while at < r.end and text[at] in " ,":
            at += 1
        words = text[at : r.end].split(None, 8)
        opener = _new_clause(words)
        if opener is None:
            return (r,)
        cut = r._replace(end=q.close)
        return (cut, *_next_report(text, r, at, words, opener))
    return (r,)


def _new_clause(words: list[str]) -> int | None:
    """How many words open the outlet's clause after the quote (the cue word's index
    + 1 for a report of the same subject, 0 for no report), or None when the words
    go on with what was said."""
    if not words:
        return None
    w = [x.lower().strip(",.;:") for x in words]
    if w[0] in OWN_CLAUSE_OPENERS:
        return 0
    if w[0].endswith("ing") and w[0] in CUE_VERBS:
        return 1  # "…,” adding that …"
    if w[0] in _LINKS:
        k = 2 if len(w) > 2 and w[1] in SECOND_CUE_ADVERBS else 1
        return k + 1 if k < len(w) and w[k] in CUE_VERBS else None  # "…,” and later said …"
    # "…,” Susan said as she turned": the words after the mark are a new report
    if any(x in TAIL_CUES and not x.endswith("ing") for x in w[1:6]) and "that" not in w[:5]:
        return 0
    return None


def _next_report(text: str, r: Raw, at: int, words: list[str], opener: int) -> tuple[Raw, ...]:
    """The report the subject's own cue opens after the quote: "adding that X" -> X."""
    if opener == 0 or r.mention is None:
        return ()
    cue_end = at
    for w in words[:opener]:
        cue_end = text.index(w, cue_end) + len(w)
    cue = words[opener - 1].strip(",.;:")
    m = _THAT.match(text, cue_end, r.end)
    if m is not None:
        start = m.end()
    elif cue.lower() in SAY_ADD:
        start = cue_end + len(text[cue_end : r.end]) - len(text[cue_end : r.end].lstrip(" ,"))
    else:
        return ()
    return (Raw("indirect", start, r.end, r.mention, cue, r.via, cue_kind(cue)),) if r.end - start > 8 else ()


def _nested_weak(page: Page, raws: Records) -> Records:
    return _drop_nested_weak(raws)


def _nested_in_report(page: Page, raws: Records) -> Records:
    return _drop_nested_in_report(page.text, raws)


def _nested_views(page: Page, raws: Records) -> Records:
    return drop_nested_views(raws)


def _restated(page: Page, raws: Records) -> Records:
    return _drop_restated(page.text, raws)


def _cue_led(page: Page, raws: Records) -> Records:
    return _drop_cue_led(page.text, raws)


def _outside_article(page: Page, raws: Records) -> Records:
    """Nothing starts in boilerplate or in the outlet's own comment on a claim."""
    return [r for r in raws if r.start not in page.excluded and r.start not in page.comments]


def _trimmed(page: Page, raws: Records) -> Records:
    return [_trim(r, page.text, page.framing) for r in raws]


def _not_said(page: Page, raws: Records) -> Records:
    """Records whose content is no reported words (see bot.quotes.not_said)."""
    text = page.text
    return [r for r in raws if not (attribution_as_content(text, r) or wordless(text, r) or only_a_time(text, r))]


def _object_quotes(page: Page, raws: Records) -> Records:
    held = _Spans([(r.start, r.end) for r in raws])
    return raws + object_quotes(page.text, page.quotes, page.sentences, lambda a, b: a in held or b - 1 in held)


def _junk_speakers(page: Page, raws: Records) -> Records:
    starts = [a for a, _ in page.sentences]
    out = []
    for r in raws:
        kept = _without_junk_speaker(r, page.text)
        if kept is not None and kept.mention is not None:
            kept = _not_the_speaker(kept, page.text, _sentence_start(starts, kept.mention.start))
        if kept is not None:
            out.append(kept)
    return out


def _sentence_start(starts: list[int], pos: int) -> int:
    k = bisect.bisect_right(starts, pos) - 1
    return starts[k] if k >= 0 else 0


def _not_the_speaker(r: Raw, text: str, sent_start: int) -> Raw | None:
    """The listener of "told" speaks for nobody; an email someone sent speaks for its sender."""
    m = r.mention
    if m is None or m.kind == "pronoun":
        return r
    if a_place(text, m, sent_start):
        return r._replace(mention=None)  # where it was said; who said it is not plain
    if spoken_to(text, m, r.cue, sent_start):
        return None if r.kind == "indirect" else r._replace(mention=None)
    if not sent_medium(text, m, r.cue, sent_start):
        return r
    return r._replace(mention=medium_sender(text, m, sent_start))


def _fronted_phrases(page: Page, raws: Records) -> Records:
    return [r for r in raws if not _fronted_phrase(page.text, r)]


def _inside_quotes(page: Page, raws: Records) -> Records:
    """ "I think …" inside someone's quote is part of their words, not a new attribution."""
    inquote = page.inquote
    return [
        r
        for r in raws
        if r.end > r.start and not _speaker_quoted(page.text, r, inquote) and not _cue_in_quote(page.text, r, inquote)
    ]


def _speaker_quoted(text: str, r: Raw, inquote: _Spans) -> bool:
    """The speaker of a reported record stands inside someone's quotation."""
    m = r.mention
    return r.kind == "indirect" and m is not None and m.start in inquote and not _opens_turn(text, r)


def _opens_turn(text: str, r: Raw) -> bool:
    """ "“HOST: Let us start …": a transcript label right after the mark that opens its
    paragraph (a quotation running over paragraphs) names who speaks there; it is not
    inside someone's words."""
    if r.cue_kind != "label" or r.mention is None or r.mention.start < 1 or not transcript_label(r.mention.surface):
        return False  # "“Lund: a town of ferries,” she said" is someone's words
    at = r.mention.start - 1
    return text[at] in '"“' and (at == 0 or text[at - 1] == "\n")


def _drop_report_around_own_quote(raws: list[Raw]) -> list[Raw]:
    """ "Feinstein said “I know nothing about it,” she said.": the reported clause
    around a direct quote of the same attribution (same speaker mention) is that
    quote again with a few words of the outlet's, not a second record."""
    quotes_of: dict[int, list[Raw]] = {}
    for r in raws:
        if r.kind == "direct" and r.mention is not None:
            quotes_of.setdefault(r.mention.start, []).append(r)
    return [
        r
        for r in raws
        if not (
            r.kind == "indirect"
            and r.mention is not None
            and any(
                r.start <= d.start and d.end <= r.end + 2 and (d.end - d.start) >= 0.5 * (r.end - r.start)
                for d in quotes_of.get(r.mention.start, ())
            )
        )
    ]


def _opens_sentence(text: str, prev_end: int, q_open: int) -> bool:
    """The words between two quotes end a sentence or clause ("… he said. “B"), so B
    is not a title inside the attribution ("wrote the authors of “Project X,”")."""
    # a no-break space may sit between "he said." and the next quote
    between = text[prev_end:q_open].rstrip().rstrip("”’\"'")
    return not between or between[-1] in ".,:;!?"


_COORD = ("but", "and", "while", "although", "though", "whereas")


def _cut_coordinated(text: str, raws: list[Raw]) -> list[Raw]:
    """ "X said A, but Y said B": A ends before the second attribution's clause.

    Only a clause opened by a conjunction after a comma (or a semicolon) is cut
    off; "X said Y told him Z" stays one content holding the other. Neighbours
    in text order only, so the scan stays linear.
    """
    out = list(raws)
    for n, r in enumerate(out):
        if r.kind != "indirect":
            continue
        for o in out[n + 1 : n + 4]:
            if o is r or o.kind != "indirect" or o.mention is None or not (r.start < o.mention.start < r.end):
                continue
            head = text[r.start : o.mention.start].rstrip()
            low = head.lower()
            cut = None
            for c in _COORD:
                if low.endswith(", " + c) or low.endswith("; " + c):
                    cut = len(head) - len(c) - 2
                    break
            if cut is None and head.endswith(";"):
                cut = len(head) - 1
            if cut is None and o.cue_kind == "verb" and (o.cue or "").lower() not in WEAK_CUES:
                cut = _bare_conjunction_cut(head)
            if cut is not None and cut > 8:
                end = r.start + cut
                while end > r.start and text[end - 1] in " ,;":
                    end -= 1
                out[n] = r._replace(end=end)
                break
    return out


def _bare_conjunction_cut(head: str) -> int | None:
    """ "X said the plan was late and Y said it was over budget": with no comma, a
    conjunction right before the second speaker still ends the first content, when a
    clause of a few words stands before it ("X said Reyes and Park agree" is one
    speaker pair inside the content, not two reports)."""
    low = head.lower()
    for c in _COORD:
        if low.endswith(" " + c):
            before = head[: len(head) - len(c) - 1]
            words = before.split()
            # "Reyes and Park", "what he and many members": the conjunction joins speakers
            last = words[-1].strip("“”\"'’,") if words else ""
            named = last[:1].isupper() and last not in DAYS_MONTHS  # "in May and Omar Lind said"
            if len(words) < 4 or named or last.lower() in PRONOUNS:
                return None
            return len(before)
    return None


def _cut_at_tail_attribution(raws: list[Raw]) -> list[Raw]:
    """ "Social media has added another link to the chain, she noted.": "added" starts
    inside the content of the tail cue "noted" and may not run on over ", she noted"."""
    out: list[Raw | None] = list(raws)
    for n, r in enumerate(raws):
        if r.kind != "indirect":
            continue
        for o in raws[max(0, n - 3) : n + 4]:
            if (
                o is not r
                and o.kind == "indirect"
                and o.mention is not None
                and o.end <= o.mention.start
                and o.start <= r.start < o.end < r.end
                and r.end >= o.mention.end
            ):
                # a real speech verb ("X said that …, he said") keeps its clause up to the
                # tail; any other cue word inside the tail's content is the content's own
                out[n] = r._replace(end=o.end) if (r.cue or "").lower() in TAIL_CUES else None
                break
    return [r for r in out if r is not None]


_SECOND_VERB_ADVERBS = "also|then|later|again"


def _cut_at_second_verb(text: str, raws: list[Raw], quoted: _Spans) -> list[Raw]:
    """ "X said A and suggested B": A ends before "and", B is the second attribution.

    One subject with two cue verbs joined by "and"/"but" makes two reports;
    without the cut the first content would swallow the second one whole.
    Words inside quotation marks ("between the bid and ask price") are the
    speaker's own and never cut.
    """
    out = list(raws)
    for n, r in enumerate(out):
        if r.kind != "indirect":
            continue
        for o in out[n + 1 : n + 4]:
            if o.kind != "indirect" or not o.cue or not (r.start < o.start < r.end):
                continue
            conj = _conjunction_before_cue(text, r.start, o.start, o.cue)
            if conj is None and r.mention is not None and o.mention is not None and r.mention.start == o.mention.start:
                # "X, who said A, recalled B": the relative clause's content ends at its comma
                conj = _comma_before_cue(text, r.start, o.start, o.cue)
            if conj is not None and conj - r.start > 8 and conj not in quoted:
                end = conj
                while end > r.start and text[end - 1] in " ,;":
                    end -= 1
                out[n] = r._replace(end=end)
                break
    return out


def _conjunction_before_cue(text: str, a: int, content_start: int, cue: str) -> int | None:
    """Where "and"/"but" starts in "… and (also) CUE (that) CONTENT", else None."""
    w = max(a, content_start - 60)
    m = _second_verb_pattern(cue.lower()).search(text, w, content_start)
    return m.start(1) if m else None


def _comma_before_cue(text: str, a: int, content_start: int, cue: str) -> int | None:
    """Where the comma is in "…, CUE (that) CONTENT", else None."""
    w = max(a, content_start - 60)
    m = _comma_cue_pattern(cue.lower()).search(text, w, content_start)
    return m.start() if m else None


@functools.lru_cache(maxsize=512)
def _comma_cue_pattern(cue: str) -> re.Pattern:
    return re.compile(r",\s*" + re.escape(cue) + r"[\s,:]*(?:that\s*)?$", re.IGNORECASE)


@functools.lru_cache(maxsize=512)
def _second_verb_pattern(cue: str) -> re.Pattern:
    # one compiled pattern per cue word: compiling on every call cost 6% of the analysis time
    return re.compile(
        r"(?:^|[\s,;])(and|but)\s+(?:(?:" + _SECOND_VERB_ADVERBS + r")\s+)?" + re.escape(cue) + r"[\s,:]*(?:that\s*)?$",
        re.IGNORECASE,
    )


def _mostly_quote(r: Raw, direct: _Spans) -> bool:
    """80% of the reported content is one direct quote (direct quotes barely
    overlap, so only those starting near the content are looked at)."""
    k = bisect.bisect_right(direct.starts, r.end) - 1
    for j in range(k, max(-1, k - 8), -1):
        d = direct.spans[j]
        if d[1] <= r.start and j < k - 1:
            break
        if _overlap((r.start, r.end), d) >= 0.8 * (r.end - r.start):
            return True
    return False


def _drop_nested_weak(raws: list[Raw]) -> list[Raw]:
    """ "X said Russia is proposing talks only because …": "proposing" is X's words.

    A stance verb whose speaker sits inside another reported content is part of
    that content. Raws come per sentence in text order, so only neighbours in
    the same sentence can contain each other: the scan stays linear.
    """
    out: list[Raw] = []
    for n, r in enumerate(raws):
        if r.kind == "indirect" and r.mention is not None and (r.cue or "").lower() in WEAK_CUES:
            near = raws[max(0, n - 3) : n + 4]
            if any(o is not r and o.kind == "indirect" and o.start <= r.mention.start < o.end for o in near):
                continue
        out.append(r)
    return out


def _drop_nested_in_report(text: str, raws: list[Raw]) -> list[Raw]:
    """ "Ana Ruiz said the board claimed the pier was safe": the board's claim is what
    Ruiz reports, not something the board told the outlet; crediting it to the board
    would show a second-hand account as the board's own words. A record whose speaker
    sits inside the forward content of a reporting or speech cue ("said", "according
    to", "argued", "explained") goes; stance cues ("wants", "believes") keep it. Not when a
    conjunction or a new sentence opens the inner report ("… and Omar Lind said …"):
    that is a report of its own the outer content ran over. Neighbours only (linear)."""
    out: list[Raw] = []
    for n, r in enumerate(raws):
        if r.kind == "indirect" and r.mention is not None:
            near = raws[max(0, n - 3) : n + 4]
            if any(_reports_inside(text, o, r) for o in near if o is not r):
                continue
        elif r.kind == "indirect" and r.cue_kind == "hearsay" and r.cue:
            # "De Blasio said there did not appear to be any link": the speakerless
            # "appear" is De Blasio's hedge, inside his words
            at = text.find(r.cue, r.start, r.end)
            near = raws[max(0, n - 3) : n + 4]
            if at >= 0 and any(_hedge_inside(o, at) for o in near if o is not r):
                continue
        out.append(r)
    return out


def _hedge_inside(o: Raw, at: int) -> bool:
    """The hedge word at `at` stands in the forward content of a reporting or speech cue."""
    return (
        o.kind == "indirect"
        and o.mention is not None
        and (o.cue or "").lower() in _REPORTING
        and o.mention.end <= o.start <= at < o.end
    )


# Words that open a report of its own inside a longer content ("… and she said …",
# "… because he said …"), or show the speaker reader took only the end of a phrase
# ("one of the prosecutors said", "in a later interview said").
_OWN_REPORT_OPENERS = (
    frozenset(_COORD)
    | {"yet", "so", "then", "who", "whom", "which", "that", "because", "since", "as", "when", "if"}
    | PREPOSITIONS
)
# "one in four said …", "23 percent said …": a poll's share, counted by the outer speaker
_COUNTED = re.compile(r"\d|percent|\bin (?:two|three|four|five|ten)\b", re.IGNORECASE)


# the plain reporting cues and the speech verbs strong enough to stand after a quote
_REPORTING = REPORTING_CUES | TAIL_CUES


def _reports_inside(text: str, o: Raw, r: Raw) -> bool:
    if r.mention is None or o.kind != "indirect" or o.mention is None or (o.cue or "").lower() not in _REPORTING:
        return False
    if _subject_before_aside(o, r):
        return True  # "Bob, they said, ordered them to wait": Bob's order is what they told
    if not (o.mention.end <= o.start < r.mention.start < o.end) or r.start < r.mention.start:
        return False  # "…, he said, …" inside: an aside the outer content ran over
    if _COUNTED.search(r.mention.surface):
        return False
    lead = text[o.start : r.mention.start]
    if re.search(r"[.!?][”\"']?\s+\S*$|[.!?][”\"']?\s+[A-Z]", lead):
        return False  # a new sentence: the outer content ran over its end
    before = lead.rstrip(" ,;—–-").lower().split()[-1:]
    return not before or before[0] not in _OWN_REPORT_OPENERS


def _subject_before_aside(o: Raw, r: Raw) -> bool:
    """The outer content runs round its own cue ("Bob, they said, ordered …") and the inner
    record's speaker opens it while the inner cue and content follow the outer cue."""
    assert o.mention is not None and r.mention is not None
    return o.start <= r.mention.start < o.mention.start < o.mention.end <= r.start < o.end


def _drop_restated(text: str, raws: list[Raw]) -> list[Raw]:
    """ "Weaver told CNN that he believes the battle will go on": one attribution.

    When a second attribution's speaker opens the content of a forward one
    ("said (that) he thinks …", also "According to X, Y asked …") and its content
    lies inside, it is part of what the first speaker reports, not a separate
    report: annotators mark the outer clause only. Neighbours in text order only
    (linear).
    """
    out: list[Raw] = []
    for n, r in enumerate(raws):
        if (
            r.kind == "indirect"
            and r.mention is not None
            and any(_opens_content_of(text, o, r) for o in raws[max(0, n - 3) : n + 4] if o is not r)
        ):
            continue
        out.append(r)
    return out


def _drop_cue_led(text: str, raws: list[Raw]) -> list[Raw]:
    """ "Ackman said, adding that investors …": when one content is another cue word
    (or just "that", as in "says in a statement that …") plus that cue's own content,
    the two are one report; the outer (whose subject is written out) stays.
    Neighbours only, linear."""
    out: list[Raw] = []
    for n, r in enumerate(raws):
        if (
            r.kind == "indirect"
            and r.cue
            and any(
                o is not r
                and o.kind == "indirect"
                and o.start < r.start
                and abs(o.end - r.end) <= 2
                and _only_cue_words(text[o.start : r.start], r.cue)
                for o in raws[max(0, n - 3) : n + 4]
            )
        ):
            continue
        out.append(r)
    return out


def _only_cue_words(lead: str, cue: str) -> bool:
    """ "adding that", "urging", "that": the words before a content are its cue word
    and a complementizer, nothing the outlet adds."""
    words = lead.replace(",", " ").lower().split()
    allowed = set(cue.lower().split()) | {"that", "to"}
    return 0 < len(words) <= 3 and all(w in allowed for w in words)


def _opens_content_of(text: str, o: Raw, r: Raw) -> bool:
    """r's speaker is the first word of o's content (after "that"), or o is a poll's
    finding; r inside o, o a forward content or an according-to one on either side."""
    if r.mention is None or o.kind != "indirect" or o.mention is None:
        return False
    if o.mention.end > o.start and (o.cue or "").lower() != "according to":
        return False  # "X said CONTENT" or "CONTENT, according to X", not "CONTENT, X said"
    if not (o.start <= r.mention.start <= r.start and r.end <= o.end + 2):
        return False
    if _POLL_WORDS & set(o.mention.surface.lower().split()):
        return True  # "The poll finds that …, 22 percent say …": the poll reports its respondents
    if r.mention.start - o.start > 12:
        return False
    if text[max(0, o.start - 3) : o.start].rstrip().endswith(",") and (o.cue or "").lower() != "according to":
        return False  # "The documents show, he said, that …": the aside is the real attribution
    lead = text[o.start : r.mention.start].lower().split()
    if lead[:1] == ["that"]:
        lead = lead[1:]
    # "says she really thinks …": the subject reader may take the adverb for the speaker
    return not lead or len(lead) == 1 and lead[0] in SUBJECT_PRONOUNS


_POLL_WORDS = frozenset("poll polls survey surveys".split())


def _labelled_alone(text: str, raws: list[Raw]) -> list[Raw]:
    """Label lines ("Lynch: No outside influence") that hold no other attribution.

    "Details: Kaya said …" is a section label before reported speech, not a speaker.
    """
    found = _Spans([(r.start, r.end) for r in raws])
    return [
        r
        for r in find_labelled(text)
        if _opens_turn(text, r)  # a transcript turn: the words in it are the speaker's own
        or found.covering(r.start) is None
        and found.covering(max(r.start, r.end - 1)) is None
    ]


class _Reported:
    """Reported contents sorted by start, for "which one holds this quote" lookups.

    "called the plan “a sensible first step”": a naming cue's quote is a label,
    not a quote, so naming cues are left out. The innermost attribution that
    holds the quote wins (the earliest found of those starting together); only
    the nearest starts are looked at, which keeps long texts linear.
    """

    _LOOK_BACK = 24

    def __init__(self, raws: list[Raw]) -> None:
        self.items = sorted(
            (r.start, n, r)
            for n, r in enumerate(raws)
            if r.kind == "indirect" and (r.cue or "").lower() not in NAMING_CUES
        )
        self.starts = [a for a, _, _ in self.items]

    def ending_before(self, at: int) -> Raw | None:
        """The report whose content ends within a few characters before `at`."""
        k = bisect.bisect_right(self.starts, at) - 1
        for _, _, r in reversed(self.items[max(0, k - self._LOOK_BACK + 1) : k + 1]):
            if at - 4 <= r.end <= at:
                return r
        return None

    def holding(self, q: QuoteSpan) -> Raw | None:
        k = bisect.bisect_right(self.starts, q.open) - 1
        holders = [(a, n, r) for a, n, r in self.items[max(0, k - self._LOOK_BACK + 1) : k + 1] if q.end <= r.end + 1]
        if not holders:
            return None
        # the innermost clause holding it: "X said Y was right when he said that “…”"
        # quotes Y's words, not X's; a stance inside it ("the board wants …") is part
        # of those words, not a speaker of its own
        said = [h for h in holders if (h[2].cue or "").lower() not in WEAK_CUES] or holders
        return min(said, key=lambda h: (-h[0], h[1]))[2]


def _partial(q: QuoteSpan, reported: _Reported) -> Raw | None:
    """A quoted fragment inside reported speech takes that speaker."""
    r = reported.holding(q)
    return Raw("partial", q.start, q.end, r.mention, r.cue, r.via, r.cue_kind, r.start) if r is not None else None


def _orphan_partials(page: Page, raws: Records) -> Records:
    """A partial quote takes its speaker from the reported clause around it; when a
    later pass dropped that clause as no attribution, the speaker goes with it, and
    so does the partial (a wrong name costs more than a missing quote)."""
    clauses = {r.start for r in raws if r.kind == "indirect"}
    return [r for r in raws if r.kind != "partial" or r.anchor is None or r.anchor in clauses]


def _hearsay_gap(page: Page, raws: Records) -> Records:
    return split_hearsay(page.text, raws)


def _content_starts(page: Page, raws: Records) -> Records:
    return settle_starts(page.text, raws)


# The passes in order. Another analyser builds its own list from this one (see
# `with_pass`); the names are what `bench/attribution.py --ablate` takes.
PASSES: tuple[Pass, ...] = (
    Pass("reported", _find_reported),
    Pass("into-quote", _into_quote),
    Pass("label-end", _label_end),
    Pass("labelled", _find_labelled),
    Pass("quotes", _attribute_quotes),
    Pass("second-statement", _second_statement),
    Pass("quote-restated", _drop_quote_restated),
    Pass("report-around-quote", _report_around_own_quote),
    Pass("coordinated", _coordinated),
    Pass("second-verb", _second_verb),
    Pass("tail-attribution", _tail_attribution),
    Pass("quote-comma-end", _quote_comma_end),
    Pass("nested-weak", _nested_weak),
    Pass("restated", _restated),
    Pass("nested-in-report", _nested_in_report),
    Pass("nested-views", _nested_views),
    Pass("cue-led", _cue_led),
    Pass("object-quotes", _object_quotes),
    Pass("outside-article", _outside_article),
    Pass("trim", _trimmed),
    Pass("not-said", _not_said),
    Pass("junk-speaker", _junk_speakers),
    Pass("fronted-phrase", _fronted_phrases),
    Pass("inside-quotes", _inside_quotes),
    Pass("orphan-partials", _orphan_partials),
    Pass("hearsay-gap", _hearsay_gap),
    Pass("content-starts", _content_starts),
)


def with_pass(passes: Iterable[Pass], new: Pass, *, after: str) -> tuple[Pass, ...]:
    """The passes with `new` run right after the one named `after`."""
    out: list[Pass] = []
    for p in passes:
        out.append(p)
        if p.name == after:
            out.append(new)
    if len(out) == len(list(passes)) and new not in out:
        raise ValueError(f"no pass named {after!r}")
    return tuple(out)


def analyse(text: str, passes: Iterable[Pass] = PASSES, rules: tuple[Rule, ...] = RULES) -> Analysis:
    if not text or not text.strip():
        return Analysis()
    remember(text)
    page = read_page(text, rules)
    raws: Records = []
    for p in passes:
        raws = p.run(page, raws)
    return _resolved(page, raws)


def _resolved(page: Page, raws: Records) -> Analysis:
    """Speakers resolved in text order (pronouns look back), one Quote per span and kind."""
    text = page.text
    raws = sorted(raws, key=lambda r: (r.mention.start if r.mention else r.start, r.start))
    reports = [(r.start, r.end) for r in raws if r.kind == "indirect" and r.mention is not None]
    resolver = Resolver(text, tokenize(text), page.sentences, page.quoted.__contains__, reports)
    via_of = dict(source_lines(text))
    kept: list[tuple[Raw, Quote]] = []
    seen: set[tuple[int, int, str]] = set()
    for r in raws:
        name, role = resolver.resolve(tidy(r.mention)) if r.mention else (None, None)
        role = None if role and lone_place(role) else role  # a role taken from another mention too
        key = (r.start, r.end, r.kind)
        if key in seen:
            continue
        seen.add(key)
        via = r.via or _via_for(name, via_of)
        kind = _said_kind(text, r)
        kept.append((r, Quote(r.kind, _content_text(text, r), r.start, r.end, name, role, via, r.cue, kind)))
    kept.sort(key=lambda rq: (rq[1].start, rq[1].end))
    return Analysis(_numbered(kept), tuple(page.framing), resolver.speakers())


def _said_kind(text: str, r: Raw) -> str | None:
    """The passes before read the cue's grammar; readers read what it tells: a view held
    (bot.quotes.held), else words denied or not said (bot.quotes.negation), else the grammar.
    "Does not believe" stays a belief held."""
    kind = refined_kind(r.kind, r.cue_kind, r.cue)
    return kind if kind in HELD_KINDS else denied_kind(text, r) or kind


def _statement_key(r: Raw) -> tuple:
    """One statement, one key: the records one cue attributes to one speaker
    mention ("“A,” he said, “B.”"; a partial quote and the reported clause that
    holds it), or a record and the clause it was anchored to."""
    if r.mention is not None:
        return ("said", r.mention.start, r.mention.end, (r.cue or "").lower())
    return ("at", r.anchor if r.anchor is not None else r.start, r.kind if r.anchor is None else "")


def _numbered(kept: list[tuple[Raw, Quote]]) -> tuple[Quote, ...]:
    """Each Quote with its attribution number, counted in text order from 0."""
    ids: dict[tuple, int] = {}
    by_start = {r.start: _statement_key(r) for r, _ in kept if r.kind == "indirect"}
    out = []
    for r, q in kept:
        key = _statement_key(r)
        if r.mention is None and r.anchor is not None:
            key = by_start.get(r.anchor, key)  # the clause it sits in, whoever said it
        out.append(replace(q, attribution=ids.setdefault(key, len(ids))))
    return tuple(out)


# "As a candidate, …" opens a phrase like a preposition does; "about …" and
# "of …" say what was asked or said ("Asked about the vote, X said …")
_PHRASE_HEADS = PREPOSITIONS - {"about", "of"} | {"as"}


def _fronted_phrase(text: str, r: Raw) -> bool:
    """ "Through a spokesman, he declined to comment": words before the speaker that are
    only a short phrase (a preposition, no comma, a few words) are how or where, not what
    was said."""
    if r.kind != "indirect" or r.mention is None or r.mention.start < r.end:
        return False
    body = text[r.start : r.end]
    words = body.split()
    return 0 < len(words) <= 8 and words[0].lower() in _PHRASE_HEADS and "," not in body


def _cue_in_quote(text: str, r: Raw, inquote: _Spans) -> bool:
    """ "Klein said the book showed how she tried “to discredit these women and threaten
    these women.”": a cue word inside the quoted words is the speaker's, not a report."""
    if r.kind != "indirect" or not r.cue:
        return False
    q = inquote.covering(r.start)
    if q is None or r.mention is not None and r.mention.end > q[0]:
        return False  # "“…,” said X" keeps X; a speakerless "seems" inside the quote goes too
    # a speakerless raising cue ("does appear to …") may stand inside its own content
    upto = r.start if r.mention is not None else q[1]
    return f" {r.cue.lower()} " in f" {text[q[0] : upto].lower()} "


# A speaker mention cannot end in a function word: "the …", "after", "his",
# "didn't" mean the subject reader ran over a clause that is not a speaker.
_JUNK_SPEAKER_END = frozenset(
    """to before his the after while an a of those no didn't didn’t all now in by
when amid without its their her our my your this that these with from at on for as than despite
perhaps""".split()
)


# Nor in an auxiliary or a bare adverb: "Clinton has since said", "who has long
# opposed", "who would probably recognize" stop inside a verb phrase; the words
# before it (if any) are the speaker.
_AUX_OR_ADVERB = frozenset(
    """would should could might must can will shall may has have had having
do does did don't don’t doesn't doesn’t not yet almost just very too also still even
never since long helped we've we’ve we're we’re""".split()
)


_NOT_ADVERBS = frozenset("rally family ally assembly supply anomaly monopoly italy july".split())


def _is_verb_word(word: str) -> bool:
    """An auxiliary or an adverb: "Democrats increasingly say" is said by Democrats."""
    if word in _AUX_OR_ADVERB:  # lower case only: "Will believes" is George Will
        return True
    return word.endswith("ly") and word.islower() and word not in _NOT_ADVERBS


# Forms of "be" and of "say" a subject reader may run back over ("Residents are gently
# urging", "and said seeking …"): a verb is never a speaker.
_BE_OR_SAY = frozenset("is are was were be been being said says told".split())


def _without_verb_words(r: Raw) -> Raw | None:
    """Trailing auxiliaries and adverbs leave the speaker; nothing left means no speaker.
    Before a participle cue, a form of "be" makes the subject its object ("Many of these
    points are easily refuted", "was widely reported"): nobody named said anything."""
    m = r.mention
    if m is None or m.kind == "pronoun":
        return r
    head, passive = m.surface, False
    while head and (_is_verb_word(last := head.rsplit(None, 1)[-1]) or last in _BE_OR_SAY):
        passive = passive or last in BE
        head = head.rsplit(None, 1)[0] if " " in head else ""
    if passive and not (r.cue or "").lower().endswith("ing"):
        return None if r.kind == "indirect" else r._replace(mention=None)
    if head == m.surface:
        return r
    if not head:
        return r._replace(mention=None)
    return r._replace(mention=m._replace(surface=head, end=m.start + len(head)))


def _without_junk_speaker(r: Raw, text: str) -> Raw | None:
    """Reported speech whose speaker is junk is dropped; a quote keeps its words, not the speaker."""
    kept = _without_verb_words(r)
    if kept is None:
        return None
    r = kept
    m = r.mention
    if m is None or m.kind == "pronoun":
        return r
    if _junk_mention(m.surface, text[max(0, m.start - 12) : m.start]):
        return None if r.kind == "indirect" else r._replace(mention=None)
    if m.kind == GOVERNED:
        return r._replace(mention=None)  # "took to Twitter to accuse": the words stand, Twitter is nobody
    if _noun_cue_after_article(text, m, r.cue):
        return r._replace(mention=None)
    if _passive_cue(text, m, r.cue):
        # "Lind was told by the auditor that …": the auditor speaks; Lind never does
        at = text.find(r.cue or "", m.end, m.end + 40) + len(r.cue or "")
        return r._replace(mention=by_agent(text, at, len(text)))
    if any_participle_passive(text, m.end, r.cue):
        return r._replace(mention=None)  # "was quickly lambasted", "cannot be portrayed": nobody named
    if agent_after(text, r.end, m.start, r.cue):
        return None if r.kind == "indirect" else r._replace(mention=None)
    part = speaker_part(m.surface)
    if part != m.surface and part:
        at = m.start + text[m.start : m.end].find(part)
        m = m._replace(surface=part, start=at, end=at + len(part))
        r = r._replace(mention=m)
    if not part or not_a_speaker(m.surface, CUE_VERBS):
        return r._replace(mention=None)  # what was reported may stand; who said it is not known
    return r


def _between(text: str, m, cue: str | None) -> str | None:
    """The words between the mention and its cue right after it; None when the cue is
    not after the mention in the same clause."""
    if not cue:
        return None
    at = text.find(cue, m.end, m.end + 40)
    return text[m.end : at] if at >= 0 and "," not in text[m.end : at] else None


def _noun_cue_after_article(text: str, m, cue: str | None) -> bool:
    """ "to make a controversial comment that …", "send a strong signal that …": an
    "a"-phrase right before a bare cue word is that word's adjective and the cue a
    noun; a singular subject takes "says", "said" or "ordered", never "comment"."""
    words = m.surface.lower().split()
    if len(words) != 2 or words[0] not in ("a", "an") or words[1].endswith("s"):
        return False  # "a majority of voters say", "a spokesman says": a subject and its verb
    gap = _between(text, m, cue)
    if gap is None or gap.strip():
        return False
    word = (cue or "").split()[0].lower()
    return not word.endswith(("s", "ed", "ing")) and word not in IRREGULAR_PASTS


def _passive_cue(text: str, m, cue: str | None) -> bool:
    """ "a curfew was announced", "the plan has been criticized", "Lind, who was warned by …":
    a form of "be" before the cue's participle makes the mention what was said or who
    was told, not who said it (see bot.quotes.passive)."""
    gap = words_before_cue(text, m.end, cue or "")
    if not gap:
        return False
    return passive_gap(gap, (cue or "").split()[0].lower())


def _junk_mention(surface: str, before: str) -> bool:
    """A phrase no speaker is: it ends in a function word, opens with a preposition of
    place or time, or is a party adjective alone ("Republican claims"; "One Republican
    threatened" is a person: a determiner stands before it)."""
    words = surface.lower().split()
    if words[-1] in _JUNK_SPEAKER_END or words[0] in PLACE_TIME_PREPOSITIONS:
        return True
    counted = before.lower().split()[-1:] in (["one"], ["a"], ["another"], ["each"], ["every"], ["the"])
    return len(words) == 1 and words[0] in PARTY_ADJECTIVES and not counted


def _content_text(text: str, r: Raw) -> str:
    """The words of a quote. A reported clause's span starts at its "that" (the
    clause as annotated in news corpora), its text at what was said."""
    body = text[r.start : r.end]
    if r.kind == "indirect" and body.startswith("that") and body[4:5].isspace():
        rest = body[5:].lstrip()
        # "say that won't be true": before a finite verb "that" is the subject and stays
        return body if rest.split(None, 1)[:1] and rest.split(None, 1)[0].lower() in FINITE_AFTER_THAT else rest
    if r.kind == "indirect" and r.mention is not None and r.start < r.mention.start < r.end:
        return _around_attribution(text, r) or body
    return body


def _around_attribution(text: str, r: Raw) -> str | None:
    """ "The port, X said, is ready": the span holds the attribution between its two
    parts (news corpora annotate it so); the text shows what was said, with an
    ellipsis where the attribution was."""
    if r.mention is None:
        return None
    before = text.rfind(",", r.start, r.mention.start)
    cue_at = text.find(r.cue, r.mention.end, r.end) if r.cue else -1
    after = text.find(",", cue_at, r.end) if cue_at >= 0 else -1
    if before <= r.start or after < 0:
        return None
    head, tail = text[r.start : before].strip(), text[after + 1 : r.end].strip()
    return f"{head} … {tail}" if head and tail else None


def _trim(r: Raw, text: str, framing) -> Raw:
    """End reported content before the outlet's comment; partials lose end punctuation."""
    end = r.end
    if r.kind == "indirect":
        for f in framing:
            if f.kind == "comment" and r.start < f.start < end:
                end = f.start
                while end > r.start and text[end - 1] in " ,;":
                    end -= 1
                if text[max(r.start, end - 3) : end].lower() in ("but", "ugh") or text[end - 3 : end] == "ver":
                    end = text.rfind(" ", r.start, end)
                    while end > r.start and text[end - 1] in " ,;":
                        end -= 1
        end = _before_stray_paren(text, r.start, end)
    elif r.kind == "partial":
        while end > r.start and text[end - 1] in ".,;:!?":
            end -= 1
    return r._replace(end=end) if end != r.end else r


def _before_stray_paren(text: str, start: int, end: int) -> int:
    """ "(Her aides said the timing was unrelated.)": the content ends before the closing
    parenthesis of the aside it stands in (and the full stop before it); a parenthesis
    opened inside the content stays."""
    if text.find(")", start, end) < 0:
        return end
    depth = 0
    for p in range(start, end):
        if text[p] == "(":
            depth += 1
        elif text[p] == ")":
            if depth == 0:
                while p > start and text[p - 1] in " .,;:":
                    p -= 1
                return p
            depth -= 1
    return end


def _via_for(name: str | None, via_of: dict[str, str]) -> str | None:
    if not name or not via_of:
        return None
    for who, outlet in via_of.items():
        if who in name.split():
            return outlet
    return None
