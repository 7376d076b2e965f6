"""Feed parsing with feedparser: RSS and Atom bytes in, entries out."""

from __future__ import annotations

import calendar
import itertools
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import unescape

import feedparser

log = logging.getLogger(__name__)
_TAGS = re.compile(r"<[^>]+>")
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_AHEAD = timedelta(days=1)
# feedparser spends about half a millisecond on an entry, so a feed of 50,000 would hold a worker
# for half a minute: past this many entries only the first are read (feeds list the newest first).
MAX_READ_ENTRIES = 1000
_ENTRY_START = re.compile(rb"<(?:item|entry)[\s>/]", re.IGNORECASE)
_ENTRY_END = re.compile(rb"</(?:item|entry)\s*>", re.IGNORECASE)


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
    parsed = feedparser.parse(
        first_entries(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    entries = []
    for raw in parsed.entries:
        link = (raw.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            continue
        entries.append(FeedEntry(link, _plain(raw.get("title")), _plain(raw.get("summary")), _date(raw)))
    if not entries and (parsed.bozo or not parsed.get("version")):
        raise FeedParseError(_unreadable(parsed, body, content_type))
    return entries


def first_entries(body: bytes, limit: int = MAX_READ_ENTRIES) -> bytes:
    """The feed with its first `limit` entries only; the document around them is kept whole.

    A byte-level cut, so it costs a scan rather than a parse; a feed in an encoding where
    the tags are not ASCII bytes (UTF-16) is left as it is.
    """
    cut = next(itertools.islice(_ENTRY_START.finditer(body), limit, None), None)
    if cut is None:
        return body
    end = max((m.end() for m in _ENTRY_END.finditer(body, cut.start())), default=cut.start())
    log.info("feed of more than %d entries: only the first %d are read", limit, limit)
    return body[: cut.start()] + body[end:]


def _unreadable(parsed: feedparser.FeedParserDict, body: bytes, content_type: str | None) -> str:
    """Why these bytes are no feed, in words a chat can act on."""
    if "html" in (content_type or "") or b"<html" in body[:4096].lower():
        return "the address serves a web page, not an RSS or Atom feed"
    reason = parsed.get("bozo_exception")
    detail = str(reason).splitlines()[0][:120] if reason else "no RSS or Atom document found"
    return f"the feed is not readable RSS or Atom ({detail})"


def _plain(value: str | None) -> str | None:
    """Feed summaries are often HTML: keep the words only."""
    if not value:
        return None
    text = " ".join(unescape(_TAGS.sub(" ", value)).split())
    return text or None


def newest(entries: list[FeedEntry], count: int) -> list[FeedEntry]:
    """The `count` newest entries: dated ones by date, undated ones after them in feed order.

    Feeds usually list the newest first, but nothing makes them: a feed of
    50,000 entries in any order still gives only its `count` latest.
    """
    order = sorted(range(len(entries)), key=lambda n: (-_stamp(entries[n]), n))
    return [entries[n] for n in order[:count]]


def _stamp(entry: FeedEntry) -> float:
    return entry.published.timestamp() if entry.published else float("-inf")


def _date(raw: dict) -> datetime | None:
    """The entry's date; one before 1990 or more than a day ahead is a feed's mistake, not a date."""
    struct = raw.get("published_parsed") or raw.get("updated_parsed")
    if not struct:
        return None
    try:
        when = datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not _EARLIEST <= when <= datetime.now(UTC) + _AHEAD:
        log.debug("entry date %s ignored", when)
        return None
    return when
