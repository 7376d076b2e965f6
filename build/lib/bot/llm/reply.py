"""What the briefing model is shown (numbered quotes, delimited article) and what it must return."""

from __future__ import annotations

from dataclasses import dataclass

from bot.llm.verify import Violation
from bot.models import Article, Quote

MAX_REPORT_SENTENCES = 3
MAX_SENTENCE_CHARS = 400
MAX_FRAMING_NOTES = 3
MAX_ARTICLE_CHARS = 24_000  # keeps one call's cost bounded; the lead carries the story

BRIEFING_SCHEMA: dict = {
    "type": "object",
    "properties": {
        "report": {
            "type": "array",
            "items": {"type": "string"},
            "description": "2-3 neutral sentences: what the outlet reports, as its account",
        },
        "on_record_ids": {
            "type": "array",
            "items": {"type": "integer"},
            "description": "ids of up to 3 direct or partial quotes to show verbatim",
        },
        "reported_ids": {
            "type": "array",
            "items": {"type": "integer"},
            "description": "ids of paraphrased statements to list, one per speaker",
        },
        "framing": {
            "type": "array",
            "items": {"type": "string"},
            "description": "notes on the outlet's own loaded or distancing wording",
        },
    },
    "required": ["report", "on_record_ids", "reported_ids", "framing"],
    "additionalProperties": False,
}


@dataclass(slots=True)
class BriefingReply:
    report: list[str]
    on_record_ids: list[int]
    reported_ids: list[int]
    framing: list[str]


def briefing_values(article: Article) -> dict[str, str]:
    """The variables of the `briefing.user` prompt for one article."""
    analysis = article.analysis
    framing = sorted({f.phrase for f in analysis.framing})
    return {
        "outlet": article.outlet or "the outlet",
        "title": article.title or "(none)",
        "published": article.published_date or "unknown",
        "quotes": "\n".join(_numbered(i, q) for i, q in enumerate(analysis.quotes, 1)) or "(none)",
        "framing": "\n".join(f"- {phrase}" for phrase in framing) or "(none)",
        "article": _delimited(article.text),
    }


def read_reply(reply: dict) -> tuple[BriefingReply | None, list[str]]:
    """The reply's fields with their types checked, or the problems ('schema: ...')."""
    problems = []
    report = _strings(reply.get("report"))
    framing = _strings(reply.get("framing", []))
    on_record = _ints(reply.get("on_record_ids", []))
    reported = _ints(reply.get("reported_ids", []))
    if report is None or not report:
        problems.append(f"{Violation.SCHEMA}: 'report' must be a list of 1-3 sentences")
    elif any(len(s) > MAX_SENTENCE_CHARS for s in report):
        problems.append(f"{Violation.SCHEMA}: a report sentence is longer than {MAX_SENTENCE_CHARS} characters")
    if framing is None:
        problems.append(f"{Violation.SCHEMA}: 'framing' must be a list of strings")
    if on_record is None or reported is None:
        problems.append(f"{Violation.SCHEMA}: quote ids must be lists of integers")
    if problems or report is None or framing is None or on_record is None or reported is None:
        return None, problems
    return BriefingReply(report[:MAX_REPORT_SENTENCES], on_record, reported, framing[:MAX_FRAMING_NOTES]), []


def _numbered(number: int, quote: Quote) -> str:
    who = quote.speaker or "unnamed"
    if quote.speaker_role:
        who += f", {quote.speaker_role}"
    if quote.via:
        who += f", via {quote.via}"
    text = " ".join(quote.text.split())
    return f"[{number}] {quote.kind} | {who}: {text}"


def _delimited(text: str) -> str:
    """The article text with anything that looks like our delimiters defused."""
    text = text[:MAX_ARTICLE_CHARS]
    return text.replace("<article>", "‹article›").replace("</article>", "‹/article›")


def _strings(value: object) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        return None
    return [" ".join(s.split()) for s in value if s.strip()]


def _ints(value: object) -> list[int] | None:
    if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        return None
    return value
