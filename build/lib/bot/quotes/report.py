"""The JSON record `briefbot analyze` prints for one article."""

from __future__ import annotations

from bot.models import Analysis, Article


def analysis_record(doc_id: str, article: Article, analysis: Analysis) -> dict:
    return {
        "id": doc_id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published_date,
        "text": article.text,
        "quotes": [
            {
                "kind": q.kind,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker,
                "speaker_role": q.speaker_role,
                "via": q.via,
                "cue": q.cue,
                "cue_kind": q.cue_kind,
                "attribution": q.attribution,
            }
            for q in analysis.quotes
        ],
        "framing": [{"phrase": f.phrase, "start": f.start, "end": f.end, "kind": f.kind} for f in analysis.framing],
    }
