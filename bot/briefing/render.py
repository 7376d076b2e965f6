"""Telegram HTML for a briefing: escaped, phone-friendly, under 4096 characters.

Telegram counts the limit after entity parsing, i.e. on the visible text; we
check the raw HTML against it, which is stricter and so always safe.
"""

from __future__ import annotations

from html import escape

from bot.briefing.letters import is_letters_page
from bot.briefing.model import Briefing
from bot.briefing.quote_parts import group_parts
from bot.models import Quote
from bot.quotes.lexicon import LISTENER_CUES

TELEGRAM_LIMIT = 4096
QUOTE_LIMIT = 700  # characters of one quote shown before it is cut with […]


def render_briefing(briefing: Briefing, limit: int = TELEGRAM_LIMIT) -> str:
    """Render, dropping the least important material until it fits."""
    quote_limit = QUOTE_LIMIT
    reported = list(briefing.reported)
    while True:
        html = "\n\n".join(part for part in _parts(briefing, quote_limit, reported) if part)
        if len(html) <= limit:
            return html
        if reported:
            reported.pop()
        elif quote_limit > 120:
            quote_limit //= 2
        else:
            return html[: limit - 1].rsplit("\n", 1)[0]  # last resort, cut at a line


def _parts(briefing: Briefing, quote_limit: int, reported: list[Quote]) -> list[str]:
    outlet = briefing.outlet or "The outlet"
    return [
        _header(briefing),
        _section(_report_heading(briefing, outlet), [escape(s) for s in briefing.report]),
        _on_record(briefing.on_record, quote_limit),
        _section("🗣 Reported, not quoted <i>(the outlet's paraphrase)</i>", [_reported_line(q) for q in reported]),
        _section(
            f"🔎 Framing <i>(the words of {escape(outlet)}, not of the speakers)</i>",
            [escape(n) for n in briefing.framing],
        ),
    ]


def _report_heading(briefing: Briefing, outlet: str) -> str:
    if is_letters_page(briefing.headline, briefing.url):
        # a letters page prints readers' views: calling them the outlet's report misleads
        return f"✉️ Readers' letters in {escape(outlet)} <i>(the writers' views, not the outlet's)</i>"
    return f"📰 What {escape(outlet)} reports"


def _header(briefing: Briefing) -> str:
    meta = " · ".join(escape(x) for x in (briefing.outlet, briefing.published) if x)
    # A briefing of a local file has no address: an empty link would only show "()" in plain text.
    link = f'<a href="{escape(briefing.url, quote=True)}">read the article</a>' if briefing.url else ""
    lines = [f"<b>{escape(briefing.headline)}</b>", " · ".join(x for x in (meta, link) if x)]
    if briefing.via:
        lines.append(f"<i>via {escape(briefing.via)}</i>")
    return "\n".join(lines)


def _section(title: str, lines: list[str]) -> str:
    if not lines:
        return ""
    bullet = lines if len(lines) == 1 and title.startswith("📰") else [f"• {line}" for line in lines]
    return f"<b>{title}</b>\n" + "\n".join(bullet)


def _on_record(quotes: list[Quote], quote_limit: int) -> str:
    if not quotes:
        return ""
    blocks = [
        f"<blockquote>“{_joined(parts, quote_limit)}”</blockquote>\n— {speaker_line(parts[0])}"
        for parts in group_parts(quotes)
    ]
    return "<b>💬 On the record</b>\n" + "\n".join(blocks)


def _joined(parts: list[Quote], quote_limit: int) -> str:
    """ "A … B": the comma that led into the attribution goes with it.

    A quote that runs over several paragraphs keeps them as lines, without
    the opening mark each new paragraph of a quote starts with in print.
    """
    texts = [_cut(_as_paragraphs(q.text), quote_limit) for q in parts]
    joined = escape(texts[0])
    for before, after, text in zip(parts, parts[1:], texts[1:], strict=False):
        if _next_paragraph(before, after):
            joined += "\n" + escape(text)  # the engine gives each paragraph of a quote its own record
        else:
            joined = joined.rstrip(",") + " … " + escape(text)
    return joined


def _next_paragraph(before: Quote, after: Quote) -> bool:
    """Only a line break and the new paragraph's opening mark lie between the parts."""
    return 0 < after.start - before.end <= 4 and not before.text.rstrip().endswith(",")


def _as_paragraphs(text: str) -> str:
    lines = [" ".join(line.split()).lstrip('“‘"«„ ').rstrip('”"» ') for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


# "-ing" cues ("…, saying …", "…, adding that …") read as a sentence in the past
_FINITE = {
    "saying": "said",
    "adding": "added",
    "arguing": "argued",
    "noting": "noted",
    "claiming": "claimed",
    "warning": "warned",
    "insisting": "insisted",
    "calling": "called",
    "urging": "urged",
    "emphasizing": "emphasized",
    "stressing": "stressed",
    "promising": "promised",
    "demanding": "demanded",
    "proposing": "proposed",
    "suggesting": "suggested",
    "asking": "asked",
    "telling": "told",
    "writing": "wrote",
    "citing": "cited",
    "referring": "referred",
    "defending": "defended",
    "accusing": "accused",
    "explaining": "explained",
    "predicting": "predicted",
}


def _reported_line(quote: Quote) -> str:
    """'Name, role, predicts negotiations may resume …': the outlet's own cue and words."""
    who, text = speaker_line(quote), escape(_cut(quote.text, 300))
    cue = " ".join((quote.cue or "said").split())
    if quote.cue_kind == "according" or cue.lower().startswith("according to"):
        # "…, according to port data, …": the outlet's sentence names its source already
        return text if "according to" in text.lower() else f"According to {who}, {text}"
    verb = _as_verb(cue, quote.cue_kind or "verb")
    if verb is not None and verb.lower() in LISTENER_CUES:
        verb = None  # "told" without the one told ("told reporters …") would read as words the outlet never wrote
    if verb is None and quote.cue_kind == "participle":
        # "refusing to concede that …": without its cue the words would say the opposite
        return f"{who}, {escape(cue)} {text}"
    if verb is None:
        # a noun, adjective or label cue ("his criticism of", "Name: …"): the
        # section already says these are the outlet's paraphrase
        return f"{who}: {text}"
    if _first_word(quote.text) in {_first_word(cue), _first_word(verb)}:
        verb = ""  # the words start with the cue already ("defended the plan"): say it once
    return " ".join(filter(None, (f"{who}{',' if quote.speaker_role else ''}", escape(verb), text)))


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0].lower() if text.split() else ""


def _as_verb(cue: str, kind: str) -> str | None:
    """The cue as a verb that can stand between name and words, or None. The
    engine says what the cue is; only an "-ing" form needs its past tense."""
    if kind == "participle":
        first, _, rest = cue.partition(" ")
        past = _FINITE.get(first.lower())
        return " ".join(filter(None, (past, rest))) if past else None
    return cue if kind == "verb" else None


def speaker_line(quote: Quote) -> str:
    """'<b>Name</b>, role (quoted by X)' with every part escaped."""
    line = f"<b>{escape(quote.speaker or 'unnamed source')}</b>"
    if quote.speaker_role:
        line += f", {escape(quote.speaker_role)}"
    if quote.via:
        line += f" <i>(via {escape(quote.via)})</i>"
    return line


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word; line breaks (paragraphs) are kept."""
    text = "\n".join(" ".join(line.split()) for line in text.splitlines())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " […]"
