"""The JSON record `briefbot analyze` prints for one article."""

from __future__ import annotations

from bot.models import Analysis, Article, Quote

# How the engine's text marks the attribution a reported content runs around
# ("The port, X said, is ready" reads "The port … is ready").
_AROUND = " … "


def analysis_record(doc_id: str, article: Article, analysis: Analysis) -> dict:
    return {
        "id": doc_id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published_date,
        "text": article.text,
        "quotes": [record for q in analysis.quotes for record in _quote_records(article.text, q)],
        "framing": [{"phrase": f.phrase, "start": f.start, "end": f.end, "kind": f.kind} for f in analysis.framing],
    }


def _quote_records(text: str, q: Quote) -> list[dict]:
    """One record per part of what was said. Each part also carries its place (`part` of
    `parts`, from 1) and the content whole (`whole`, the parts joined by " … "), so a
    consumer that shows one record at a time can show "The port … is ready" rather than
    "The port" as if it were all that was said."""
    parts = content_parts(text, q)
    return [
        {
            "kind": q.kind,
            "text": part,
            "start": start,
            "end": end,
            "speaker": q.speaker,
            "speaker_role": q.speaker_role,
            "via": q.via,
            "cue": q.cue,
            "cue_kind": q.cue_kind,
            "attribution": q.attribution,
            "part": n,
            "parts": len(parts),
            "whole": q.text,
        }
        for n, (part, start, end) in enumerate(parts, 1)
    ]


def content_parts(text: str, q: Quote) -> list[tuple[str, int, int]]:
    """The offsets of what was said: a reported content that runs around its own
    attribution ("The port, X said, is ready") is two parts under one attribution
    number, so the offsets leave out the words that were not said; anything else is
    one part. The parts are taken only when both are found at the quote's edges and
    the words between them hold a comma (an ellipsis in the article stays inside)."""
    if q.kind != "indirect" or q.text.count(_AROUND) != 1:
        return [(q.text, q.start, q.end)]
    head, tail = q.text.split(_AROUND)
    head_end, tail_start = q.start + len(head), q.end - len(tail)
    if (
        text[q.start : head_end] != head
        or text[tail_start : q.end] != tail
        or head_end >= tail_start
        or "," not in text[head_end:tail_start]
    ):
        return [(q.text, q.start, q.end)]
    return [(head, q.start, head_end), (tail, tail_start, q.end)]
