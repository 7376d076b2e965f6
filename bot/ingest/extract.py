"""Main-text extraction from an article page with trafilatura.

Reader comments, navigation and share widgets are not article text: we ask
trafilatura for precision and never for comments, so a comment section can't
leak into a briefing or be attributed to anyone.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import trafilatura

from bot.models import Article

log = logging.getLogger(__name__)


class ExtractionError(Exception):
    """The page held no article text we could find."""


def extract_article(html: str | bytes, url: str) -> Article:
    """Extract the main text, title, outlet, author and date of one page."""
    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
        favor_precision=True,
    )
    text = (getattr(document, "text", None) or "").strip() if document else ""
    if not text:
        raise ExtractionError(f"no article text found in {url or 'the page'}")
    return Article(
        url=getattr(document, "url", None) or url,
        text=text,
        title=_clean(getattr(document, "title", None)),
        outlet=_clean(getattr(document, "sitename", None)),
        author=_clean(getattr(document, "author", None)),
        published=parse_date(getattr(document, "date", None)),
    )


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
