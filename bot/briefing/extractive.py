"""The extractive briefing: built from the article and its analysis alone, no model.

It is the embedded default and the fallback whenever a model's briefing fails
verification, so it must never say anything the article does not.
"""

from __future__ import annotations

from collections import Counter

from bot.briefing.model import Briefing
from bot.briefing.quote_parts import group_parts
from bot.briefing.sentences import split_sentences
from bot.models import Article, Quote

_SKIPPED_LABELS = {"source", "sources", "quote", "quotes", "photo", "video", "read", "see", "also"}
MAX_ON_RECORD = 3
MAX_REPORTED = 5
LEAD_SENTENCES = 3


def extractive_briefing(article: Article) -> Briefing:
    analysis = article.analysis
    return Briefing(
        headline=article.title or _first_words(article.text),
        url=article.url,
        outlet=article.outlet,
        published=article.published_date,
        via=_article_via(analysis.quotes),
        report=lead_sentences(article.text, quoted=[q.text for q in analysis.quotes if q.kind == "direct"]),
        on_record=(on_record := pick_on_record(analysis.quotes)),
        reported=pick_reported(analysis.quotes, exclude={q.speaker for q in on_record}),
        framing=framing_notes(article),
    )


def lead_sentences(text: str, count: int = LEAD_SENTENCES, quoted: list[str] = ()) -> list[str]:
    """The first sentences that carry the outlet's account.

    Labelled lines are the outlet's scaffolding: 'Details:' is stripped,
    'Source:' and 'Quote from X:' lines are skipped, and so is any sentence
    inside a direct quote: those words are the speaker's, not the outlet's.
    """
    picked: list[str] = []
    for sentence in split_sentences(text):
        if any(sentence.strip("“”\"'‘’ ") in q for q in quoted):
            continue
        label, _, rest = sentence.partition(":")
        if rest and len(label.split()) <= 4:
            if label.split()[0].lower() in _SKIPPED_LABELS:
                continue
            sentence = rest.strip()
        if len(sentence) < 25:
            continue
        picked.append(sentence)
        if len(picked) == count:
            break
    return picked


def pick_on_record(quotes: tuple[Quote, ...]) -> list[Quote]:
    """Up to three direct quotes, then partial ones, in article order.

    The parts of a quote split by its attribution count as one quote.
    """
    groups = group_parts(sorted((q for q in quotes if q.kind == "direct" and q.speaker), key=lambda q: q.start))
    if len(groups) < MAX_ON_RECORD:
        groups += [[q] for q in quotes if q.kind == "partial" and q.speaker][: MAX_ON_RECORD - len(groups)]
    chosen = [q for group in groups[:MAX_ON_RECORD] for q in group]
    return sorted(chosen, key=lambda q: q.start)


def pick_reported(quotes: tuple[Quote, ...], exclude: set[str | None] = frozenset()) -> list[Quote]:
    """One paraphrase per speaker not already on the record, in article order."""
    seen: set[str | None] = set(exclude)
    picked: list[Quote] = []
    for quote in quotes:
        if quote.kind != "indirect" or not quote.speaker or quote.speaker in seen:
            continue
        seen.add(quote.speaker)
        picked.append(quote)
    return picked[:MAX_REPORTED]


def framing_notes(article: Article) -> list[str]:
    """The outlet's loaded or distancing words (counted) and its comments on claims."""
    framing = article.analysis.framing
    words = Counter(f.phrase.lower() for f in framing if f.kind != "comment")
    notes = [f"“{word}”" + (f" ({n}×)" if n > 1 else "") for word, n in words.items()]
    notes += [f"comment: “{f.phrase}”" for f in framing if f.kind == "comment"]
    return notes


def _article_via(quotes: tuple[Quote, ...]) -> str | None:
    vias = Counter(q.via for q in quotes if q.via)
    return vias.most_common(1)[0][0] if vias else None


def _first_words(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
