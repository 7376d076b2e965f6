"""Feed parsing with feedparser: RSS and Atom bytes in, entries out."""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape

import feedparser

log = logging.getLogger(__name__)
_TAGS = re.compile(r"<[^>]+>")


class FeedParseError(ValueError):
    """The bytes were not a feed we could read."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str
    title: str | None
    summary: str | None
    published: datetime | None


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> list[FeedEntry]:
    """Entries with a usable http(s) link.

    A feed with no items is fine (a quiet feed); an empty body, or bytes that
    are neither RSS nor Atom, are errors so the feed backs off.
    """
    if not body.strip():
        raise FeedParseError("the feed answered with an empty body")
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception")
        detail = type(reason).__name__ if reason else "no RSS or Atom document found"
        raise FeedParseError(f"not a readable RSS/Atom feed ({detail})")
    entries = []
    for raw in parsed.entries:
        link = (raw.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            continue
        entries.append(FeedEntry(link, _plain(raw.get("title")), _plain(raw.get("summary")), _date(raw)))
    return entries


def _plain(value: str | None) -> str | None:
    """Feed summaries are often HTML: keep the words only."""
    if not value:
        return None
    text = " ".join(unescape(_TAGS.sub(" ", value)).split())
    return text or None


def _date(raw: dict) -> datetime | None:
    struct = raw.get("published_parsed") or raw.get("updated_parsed")
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
