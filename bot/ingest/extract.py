"""Main-text extraction from an article page with trafilatura.

Reader comments, navigation and share widgets are not article text: we ask
trafilatura for precision and never for comments, so a comment section can't
leak into a briefing or be attributed to anyone. Before it reads the page,
inline markup inside paragraphs is unwrapped (page_markup), so no word a reader
sees goes missing; the headline comes from the article's own markup
(page_headline); and the text is capped, so a huge page costs seconds.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import AnyStr

import trafilatura
from trafilatura.utils import load_html

from bot.briefing.sentences import same_words
from bot.ingest.page_headline import page_headline
from bot.ingest.page_markup import plain_paragraphs
from bot.models import Article

log = logging.getLogger(__name__)
ARTICLE_TEXT_MAX_BYTES = 200_000  # the Settings default; see cap_text


# HTML read per byte of article text allowed: trafilatura's cost grows with the page, and a page past
# this holds more text than the cap lets us analyse anyway
HTML_PER_TEXT = 4
_HEAD_MAX = 1_000_000  # a <head> bigger than this is cut too
_NOT_TEXT = r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->"
_NOT_TEXT_STR = re.compile(_NOT_TEXT, re.DOTALL | re.IGNORECASE)
_NOT_TEXT_BYTES = re.compile(_NOT_TEXT.encode(), re.DOTALL | re.IGNORECASE)
_HEAD_END_STR = re.compile(r"</head\s*>", re.IGNORECASE)
_HEAD_END_BYTES = re.compile(rb"</head\s*>", re.IGNORECASE)


class ExtractionError(Exception):
    """The page held no article text we could find."""


def extract_article(html: str | bytes, url: str, *, max_text_bytes: int = ARTICLE_TEXT_MAX_BYTES) -> Article:
    """Extract the main text, title, outlet, author and date of one page."""
    root = load_html(bounded_page(html, max_text_bytes * HTML_PER_TEXT))
    if root is None:
        raise ExtractionError(f"{url or 'the page'} is not an HTML page")
    headline = page_headline(root)
    document = trafilatura.bare_extraction(
        plain_paragraphs(root),
        url=url or None,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
        favor_precision=True,
    )
    text = (getattr(document, "text", None) or "").strip() if document else ""
    title = headline or _clean(getattr(document, "title", None))
    text = cap_text(_without_headline(text, title), max_text_bytes)
    if not text:
        raise ExtractionError(f"no article text found in {url or 'the page'}")
    return Article(
        url=getattr(document, "url", None) or url,
        text=text,
        title=title,
        outlet=_clean(getattr(document, "sitename", None)),
        author=_clean(getattr(document, "author", None)),
        published=parse_date(getattr(document, "date", None)),
    )


def bounded_page(html: str | bytes, budget: int) -> str | bytes:
    """A very large page cut to `budget` bytes of body markup, read in one linear pass.

    The <head> is kept (up to _HEAD_MAX) for the headline and JSON-LD; in the
    body, scripts, styles and comments are dropped first, so app state
    inlined before the article does not push the article past the cut.
    """
    if len(html) <= budget:
        return html
    log.info("page of %d bytes read as its first %d bytes of markup", len(html), budget)
    if isinstance(html, bytes):  # as fetched: trafilatura still reads its declared encoding
        return _cut(html, budget, _HEAD_END_BYTES, _NOT_TEXT_BYTES, b"")
    return _cut(html, budget, _HEAD_END_STR, _NOT_TEXT_STR, "")


def _cut(html: AnyStr, budget: int, head_end: re.Pattern[AnyStr], not_text: re.Pattern[AnyStr], nil: AnyStr) -> AnyStr:
    end = head_end.search(html, 0, _HEAD_MAX)
    split = end.end() if end else 0
    body = not_text.sub(nil, html[split:])
    return html[:split] + body[:budget]


def cap_text(text: str, max_bytes: int) -> str:
    """The first `max_bytes` of UTF-8 text, cut at a paragraph (or at least a word) boundary.

    The quote engine's cost grows with the text; a news article is a few
    kilobytes, so a page far past the cap is a listing or an attack, and its
    start is what a briefing would show anyway.
    """
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    head = data[:max_bytes].decode("utf-8", errors="ignore")
    cut = head.rfind("\n")
    if cut < max_bytes // 2:
        cut = head.rfind(" ")
    log.info("article text capped at %d of %d bytes", max_bytes, len(data))
    return head[: cut if cut > 0 else len(head)].rstrip()


def _without_headline(text: str, headline: str | None) -> str:
    """trafilatura may keep the h1 as the first line; the briefing shows it once, as its headline."""
    first, _, rest = text.partition("\n")
    if headline and same_words(first, headline):
        return rest.strip()
    return text


def parse_date(value: str | None) -> datetime | None:
    """trafilatura gives dates as YYYY-MM-DD; anything else is dropped."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        log.debug("unparseable article date %r", value)
        return None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
