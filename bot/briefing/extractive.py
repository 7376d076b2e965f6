"""The extractive briefing: built from the article and its analysis alone, no model.

It is the embedded default and the fallback whenever a model's briefing fails
verification, so it must never say anything the article does not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from bot.briefing.model import Briefing
from bot.briefing.page_lines import headline_spans, programme_note
from bot.briefing.paraphrase import quotes_balanced, shown_paraphrase
from bot.briefing.quote_parts import group_parts
from bot.briefing.roles import presentable_role
from bot.briefing.sentences import same_words, split_sentences
from bot.briefing.sources import names_a_source, speaker_is_complement
from bot.models import Article, Quote

_SKIPPED_LABELS = {"source", "sources", "quote", "quotes", "photo", "video", "read", "see", "also"}
MAX_ON_RECORD = 3
MAX_REPORTED = 3
LEAD_SENTENCES = 3
SHOWN_ONCE_SHARE = 0.6  # of a lead sentence's characters a reported paraphrase must cover
SPEAKER_AND_CUE_WORDS = 8  # "the harbour board announced on Monday evening"
DATELINE_REACH = 300  # characters at the top of the text where a wire agency's dateline stands
MAX_HEADLINE_LINE_WORDS = 25
MIN_QUOTE_WORDS = 4  # "Dredging starts in May" stands alone; "You tell me" does not
MIN_PARTIAL_WORDS = 5  # a fragment of the outlet's sentence needs more: "suburbs of St. Petersburg"
_MARKUP = re.compile(r"</?[a-z]+(?:\s[^<>]*)?>")  # an embed's tags left in the text: not prose


def extractive_briefing(article: Article) -> Briefing:
    analysis = article.analysis
    headline = article.title or headline_line(article.text) or _first_words(article.text)
    # a partial quote in words denied or not said ("denied that the beams were “rusting”")
    # is no one's words on the record (Quote.said)
    speaking = tuple(
        q for q in analysis.quotes if q.said and (q.kind == "indirect" or not speaker_is_complement(q, article.text))
    )
    on_record = pick_on_record(speaking)
    reported = pick_reported(shown_paraphrases(article, headline), exclude={q.speaker for q in on_record})
    report = lead_sentences(
        _without_spans(article.text, headline_spans(article.text, headline)),
        quoted=[q.text for q in analysis.quotes if q.kind == "direct"],
        headline=headline,
        reported=[article.text[q.start : q.end] for q in reported],
        on_record=[q.text for q in on_record if q.kind == "direct"],
    )
    # a partial quote inside a sentence shown as the outlet's is shown there, with its context
    in_report = {q for q in speaking if q.kind == "partial" and _inside_report(q, report)}
    on_record = [_with_role(q, article.text) for q in pick_on_record(tuple(q for q in speaking if q not in in_report))]
    reported = reported_beside(article, headline, report, exclude={q.speaker for q in on_record})
    return Briefing(
        headline=headline,
        url=article.url,
        outlet=article.outlet,
        published=article.published_date,
        via=_article_via(analysis.quotes, article.text),
        report=report,
        on_record=on_record,
        reported=reported,
        framing=framing_notes(article),
    )


def reported_beside(article: Article, headline: str | None, report: list[str], exclude: set[str | None]) -> list[Quote]:
    """The paraphrases to show beside the account `report`, one per speaker not in `exclude`:
    a paraphrase inside a sentence of the account is shown there already, with the outlet's
    own words for who said it."""
    shown = (q for q in shown_paraphrases(article, headline) if not _inside_report(q, report))
    return pick_reported(shown, exclude=exclude)


def shown_paraphrases(article: Article, headline: str | None = None) -> Iterator[Quote]:
    """The paraphrases a briefing may show, roles read whole, in article order (lazily: a long
    article has thousands, and a briefing takes three)."""
    role_words = {(q.speaker_role or "").split()[0] for q in article.analysis.quotes if q.speaker_role}
    outer = _reports_around(article.analysis.quotes)
    headlines = headline_spans(article.text, headline or article.title)
    for quote in article.analysis.quotes:
        # "Opposition" out of "Opposition defence spokesman Luke Barrow" is a role's word, not a speaker
        if quote.kind != "indirect" or quote.speaker in role_words or _inside_another(quote, outer):
            continue
        if any(start <= quote.start < end for start, end in headlines):
            continue  # a deck or subheading sums the story up; no one said it in the article's body
        if speaker_is_complement(quote, article.text):
            continue
        if shown := shown_paraphrase(_with_role(quote, article.text), article.text):
            yield shown


def _reports_around(quotes: tuple[Quote, ...]) -> list[tuple[int, int, str | None]]:
    """The spans of reported statements, widest first, to find the ones reported inside them."""
    # a report with no speaker frames nothing: the engine only found no one for it
    spans = {(q.start, q.end, q.speaker) for q in quotes if q.kind == "indirect" and q.speaker and q.end > q.start}
    return sorted(spans, key=lambda span: span[0] - span[1])


def _inside_another(quote: Quote, outer: list[tuple[int, int, str | None]]) -> bool:
    """ "Clinton told police she did not want the escort, a source said": what Clinton told police
    is the source's claim. Shown alone under Clinton's name it would lose who is saying so."""
    return any(
        start <= quote.start and quote.end <= end and (start, end) != (quote.start, quote.end) and who != quote.speaker
        for start, end, who in outer
    )


def _with_role(quote: Quote, text: str) -> Quote:
    return replace(quote, speaker_role=presentable_role(quote, text))


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with those lines left out (blank lines kept, so paragraphs stay apart)."""
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text


def lead_sentences(
    text: str,
    count: int = LEAD_SENTENCES,
    quoted: Sequence[str] = (),
    headline: str | None = None,
    reported: Sequence[str] = (),
    on_record: Sequence[str] = (),
) -> list[str]:
    """The first sentences that carry the outlet's account.

    Labelled lines are the outlet's scaffolding: 'Details:' is stripped,
    'Source:' and 'Quote from X:' lines are skipped, and so is any sentence
    opening with or inside a direct quote: those words are the speaker's.
    The headline is shown once, above; a sentence ending in a colon ("The
    Gazette reports:") only leads into a passage; a sentence with a quotation mark left
    open (a quote running on into the next paragraph) is not shown at all. A sentence
    shown under "Reported" is shown there, with its source, and not twice; so is a
    sentence holding a quote shown "On the record".
    """
    picked: list[str] = []
    reported_words = [" ".join(r.split()) for r in reported if r.strip()]
    on_record_words = [" ".join(q.split()) for q in on_record if q.strip()]
    for sentence in split_sentences(text):
        if sentence.startswith(("“", '"', "«", "''")) or any(sentence.strip("“”\"'‘’ ") in q for q in quoted):
            continue  # the speaker's words, shown on the record
        if any(_only_attributes(sentence, q) for q in quoted):
            continue  # "Wallace then asked, “With nukes?”": the speaker's words with their cue
        if any(q in " ".join(sentence.split()) for q in on_record_words):
            continue  # "…, telling Reuters, “…”": the quote is shown once, under its speaker
        if headline and same_words(sentence, headline) or not _marks_balanced(sentence):
            continue
        if programme_note(sentence) or _shown_as_reported(sentence, reported_words) or _MARKUP.search(sentence):
            continue
        label, _, rest = sentence.partition(":")
        if rest and len(label.split()) <= 4:
            if label.split()[0].lower() in _SKIPPED_LABELS:
                continue
            if rest.strip()[:1].isupper():  # "Details: The council …"; "The aim is clear: that …" reads whole
                sentence = rest.strip()
        if len(sentence) < 25 or sentence.endswith(":"):
            continue  # too short to say anything, or only the lead-in to a quoted passage
        picked.append(sentence)
        if len(picked) == count:
            break
    return picked


def _only_attributes(sentence: str, quote: str) -> bool:
    """The sentence is a direct quote and who said it, nothing of the outlet's own."""
    flat, words = " ".join(sentence.split()), " ".join(quote.split())
    if not words or words not in flat:
        return False
    rest = re.sub(r"[“”\"'‘’,.:;?!]", " ", flat.replace(words, " "))
    return len(rest.split()) <= SPEAKER_AND_CUE_WORDS


def _inside_report(quote: Quote, report: list[str]) -> bool:
    """The words (a paraphrase or a partial quote) are inside a sentence shown as the outlet's."""
    words = " ".join(quote.text.split())
    return bool(words) and any(words in " ".join(sentence.split()) for sentence in report)


def _shown_as_reported(sentence: str, reported: list[str]) -> bool:
    """The sentence is a paraphrase shown under "Reported" already: its words are most of the
    sentence, or the rest is only who said it and how. A short clause out of a long sentence
    is not enough: the sentence says more than that clause, and the reader keeps it."""
    flat = " ".join(sentence.split())
    return any(
        r in flat
        and (len(r) >= SHOWN_ONCE_SHARE * len(flat) or len(flat.replace(r, " ").split()) <= SPEAKER_AND_CUE_WORDS)
        for r in reported
    )


def _marks_balanced(sentence: str) -> bool:
    """No quotation left open, counting the doubled apostrophes ('') some archives print as marks."""
    return quotes_balanced(sentence) and sentence.count("''") % 2 == 0


def pick_on_record(quotes: tuple[Quote, ...]) -> list[Quote]:
    """Up to three direct quotes, then partial ones, in article order.

    The parts of a quote split by its attribution count as one quote.
    """
    named = [q for q in quotes if names_a_source(q.speaker)]
    groups = group_parts(sorted((q for q in named if q.kind == "direct"), key=lambda q: q.start))
    groups = [group for group in groups if _stands_alone(group)]
    if len(groups) < MAX_ON_RECORD:
        partial = [[q] for q in named if q.kind == "partial" and _stands_alone([q], MIN_PARTIAL_WORDS)]
        groups += partial[: MAX_ON_RECORD - len(groups)]
    chosen = [q for group in groups[:MAX_ON_RECORD] for q in group]
    return sorted(chosen, key=lambda q: q.start)


def _stands_alone(group: list[Quote], least: int = MIN_QUOTE_WORDS) -> bool:
    """ "You tell me", "With nukes?", "serious trouble": a few words make sense only with the
    question or the sentence around them, which the briefing does not show."""
    return sum(len(q.text.split()) for q in group) >= least


def pick_reported(quotes: Iterable[Quote], exclude: AbstractSet[str | None] = frozenset()) -> list[Quote]:
    """One paraphrase per speaker not already on the record, in article order."""
    seen: set[str | None] = set(exclude)
    picked: list[Quote] = []
    for quote in quotes:
        if quote.kind != "indirect" or not names_a_source(quote.speaker) or quote.speaker in seen:
            continue
        seen.add(quote.speaker)
        picked.append(quote)
        if len(picked) == MAX_REPORTED:
            break
    return picked


def framing_notes(article: Article) -> list[str]:
    """The outlet's loaded or distancing words (counted) and its comments on claims."""
    framing = article.analysis.framing
    words = Counter(f.phrase.lower() for f in framing if f.kind != "comment")
    notes = [f"“{word}”" + (f" ({n}×)" if n > 1 else "") for word, n in words.items()]
    notes += [f"comment: “{f.phrase}”" for f in framing if f.kind == "comment"]
    return notes


def _article_via(quotes: tuple[Quote, ...], text: str) -> str | None:
    """The outlet this article relays: named in its dateline ("MACAU (Reuters) –") or carrying
    at least half of its attributed statements. One interview given to a broadcaster
    ("…, he told Fox News") does not make the whole article that broadcaster's."""
    vias = Counter(q.via for q in quotes if q.via)
    if not vias:
        return None
    via, count = vias.most_common(1)[0]
    attributed = sum(1 for q in quotes if q.speaker)
    return via if via in text[:DATELINE_REACH] or 2 * count >= attributed else None


def headline_line(text: str) -> str | None:
    """A text without a title (a plain .txt article) opens on its headline: a first line short
    enough for one, with more text after it. Taken as the headline, it is not shown again as
    the outlet's account, and neither is the deck under it."""
    first, _, rest = text.strip().partition("\n")
    first = " ".join(first.split())
    if not rest.strip() or not first or len(first.split()) > MAX_HEADLINE_LINE_WORDS:
        return None
    return first


def _first_words(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
