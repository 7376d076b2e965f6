"""Template answers in Telegram HTML, from stored quotes only.

Direct and partial quotes are shown verbatim in quotation marks; reported
speech is marked as the outlet's paraphrase. Every line names outlet, date and
link. All stored text is escaped; the result stays under Telegram's limit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from urllib.parse import urlsplit

from bot.store.speakers import QuoteHit

MAX_CHARS = 3900  # below Telegram's 4096, leaving room for a footer


def escape_text(text: str) -> str:
    """Escape <, > and & for Telegram HTML text (quotes need no escaping outside attributes)."""
    return escape(text, quote=False)


def outlet_of(hit: QuoteHit) -> str:
    return hit.outlet or urlsplit(hit.url).hostname or "the outlet"


def date_of(hit: QuoteHit) -> str:
    return datetime.fromtimestamp(hit.at, tz=UTC).date().isoformat() if hit.at else "undated"


def source_line(hit: QuoteHit) -> str:
    link = f'<a href="{escape(hit.url, quote=True)}">{escape_text(outlet_of(hit))}</a>'
    return f"{link}, {date_of(hit)}"


def _clip(text: str, limit: int = 1200) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " […]"


def quote_line(hit: QuoteHit, with_speaker: bool = False) -> str:
    who = f"<b>{escape_text(hit.speaker_name or 'Unnamed')}</b>: " if with_speaker else ""
    if hit.kind == "indirect":
        return (
            f"• {who}<i>{escape_text(_clip(hit.text))}</i> — reported (paraphrased) by "
            f"{escape_text(outlet_of(hit))}, not a direct quote. {source_line(hit)}"
        )
    label = "direct quote" if hit.kind == "direct" else "partial quote"
    via = f", quoted by {escape_text(hit.via)}" if hit.via else ""
    return f"• {who}“{escape_text(_clip(hit.text))}” — {label}{via}. {source_line(hit)}"


def join_limited(lines: list[str], limit: int = MAX_CHARS) -> str:
    """Join lines, dropping whole trailing lines (never cutting a tag) past `limit`."""
    out: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit:
            out.append("…")
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def nothing_stored(name: str, suggestions: list[str]) -> str:
    text = (
        f"I have nothing stored about {escape_text(name)}. I only answer from quotes in "
        "articles I have read, so I can't say what they said."
    )
    if suggestions:
        text += "\nDid you mean: " + ", ".join(f"<b>{escape_text(s)}</b>" for s in suggestions) + "?"
    return text


def what_answer(name: str | None, hits: list[QuoteHit], heading: str, note: str | None = None) -> str:
    lines = [f"<b>{escape_text(name)}</b> — {escape_text(heading)}" if name else escape_text(heading)]
    if note:
        lines.append(escape_text(note))
    lines += [quote_line(h, with_speaker=name is None) for h in hits]
    return join_limited(lines)


def verify_answer(name: str, hits: list[QuoteHit]) -> str:
    direct = [h for h in hits if h.kind != "indirect"]
    if direct:
        lead = f"Yes: I have {name}'s own words, quoted verbatim."
    else:
        outlets = ", ".join(dict.fromkeys(outlet_of(h) for h in hits))
        lead = (
            f"Not as far as I can tell: I only have reported (paraphrased) speech by {outlets}, "
            f"not a direct quote from {name}."
        )
    return join_limited([escape_text(lead), *(quote_line(h) for h in hits)])


def who_card(
    name: str,
    roles: list[tuple[str, str | None]],
    counts: dict[str, int],
    direct: list[QuoteHit],
    paraphrased: list[QuoteHit],
) -> str:
    lines = [f"<b>{escape_text(name)}</b>"]
    if roles:
        by_role: dict[str, list[str]] = {}
        for role, outlet in roles:
            by_role.setdefault(role, []).append(outlet or "unknown outlet")
        lines.append(
            "Described by outlets as: "
            + "; ".join(f"{escape_text(role)} ({escape_text(', '.join(outlets))})" for role, outlets in by_role.items())
        )
    else:
        lines.append("No outlet I read gave a role.")
    total = sum(counts.values())
    lines.append(
        f"Stored quotes: {total} ({total - counts.get('indirect', 0)} direct or partial, "
        f"{counts.get('indirect', 0)} paraphrased)"
    )
    if direct:
        lines.append("<b>Latest direct quotes</b>")
        lines += [quote_line(h) for h in direct]
    if paraphrased:
        lines.append("<b>Latest paraphrases</b>")
        lines += [quote_line(h) for h in paraphrased]
    return join_limited(lines)
