"""Add a feed to a chat, or take it away.

A URL from a chat is untrusted: it goes through the fetcher (URL guard, size
and time caps) and must read as an RSS or Atom feed before anything is stored.
A page that is not a feed may name its feed in a <link rel="alternate">; that
one is fetched and checked the same way. The same feed URL is one feeds row
however many chats add it, so it is fetched once per check.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

import feedparser

from bot.feeds.discovery import advertised_feeds
from bot.fetch.client import Fetcher
from bot.fetch.errors import FetchError
from bot.fetch.explain import plain_reason
from bot.ingest.feeds import FeedParseError, parse_feed
from bot.settings import Settings
from bot.store import Store
from bot.store.chat_feeds import ChatFeed
from bot.store.topics import Topic

log = logging.getLogger(__name__)
MAX_URL_LENGTH = 2000
MAX_NAME_LENGTH = 100
IMPORT_CONCURRENCY = 8  # feeds of one OPML import checked at the same time


class AddStatus(StrEnum):
    ADDED = "added"
    ALREADY = "already there"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class AddOutcome:
    status: AddStatus
    asked: str  # the URL as the chat gave it
    number: int | None = None
    name: str | None = None
    feed_url: str | None = None
    via_page: str | None = None  # the page whose <link rel="alternate"> named the feed
    topic_id: str | None = None  # the chat's "everything from this feed" topic
    reason: str | None = None  # why it was refused, in plain words


class FeedRefused(Exception):
    """The URL cannot become a feed of this chat; str() says why, for the user."""


@dataclass(frozen=True, slots=True)
class LocatedFeed:
    url: str
    name: str
    via_page: str | None


class ChatFeeds:
    """Adds and removes a chat's own feeds; one instance serves every chat."""

    def __init__(self, store: Store, fetcher: Fetcher, settings: Settings) -> None:
        self.store = store
        self.fetcher = fetcher
        self.settings = settings

    async def add(self, chat_id: int, asked: str) -> AddOutcome:
        url = asked.strip()
        try:
            return await self._add(chat_id, url)
        except FeedRefused as refusal:
            log.info("chat %s: feed %r refused: %s", chat_id, url[:200], refusal)
            return AddOutcome(AddStatus.REFUSED, url, reason=str(refusal))

    async def _add(self, chat_id: int, url: str) -> AddOutcome:
        if len(url) > MAX_URL_LENGTH:
            raise FeedRefused(f"the link is longer than {MAX_URL_LENGTH} characters")
        if not url.lower().startswith(("http://", "https://")):
            raise FeedRefused("only http:// and https:// links can be added")
        known = await self.store.chat_feeds.find_by_url(url)
        if known is not None and (number := await self.store.chat_feeds.number_of(chat_id, known.id)):
            return AddOutcome(AddStatus.ALREADY, url, number, known.name, known.url)
        await self._check_room(chat_id)
        located = LocatedFeed(known.url, known.name, None) if known and known.usable else await self.locate(url)
        return await self._link(chat_id, url, located)

    async def _check_room(self, chat_id: int) -> None:
        limit = self.settings.max_feeds_per_chat
        if await self.store.chat_feeds.count(chat_id) >= limit:
            raise FeedRefused(f"this chat already has {limit} feeds, the most allowed; /removefeed one first")

    async def _link(self, chat_id: int, asked: str, located: LocatedFeed) -> AddOutcome:
        async with self.store.unit_of_work():
            await self.store.chat_feeds.hold_numbers(chat_id)  # other processes' adds to this chat wait
            known = await self.store.chat_feeds.find_by_url(located.url)
            feed_id = known.id if known else _feed_id(located.url)
            if known is None:
                await self.store.chat_feeds.add_chat_feed(feed_id, located.name, located.url)
            if known is None or not known.usable:
                await self.store.chat_feeds.revive(feed_id)  # just read fine: poll it (again)
            name = known.name if known else located.name
            if existing := await self.store.chat_feeds.number_of(chat_id, feed_id):
                return AddOutcome(AddStatus.ALREADY, asked, existing, name, located.url)
            await self._check_room(chat_id)  # again: another add may have landed meanwhile
            number = await self.store.chat_feeds.link(chat_id, feed_id)
            topic = everything_topic(chat_id, feed_id, name)
            await self.store.topics.upsert(topic)
            await self.store.chats.subscribe(chat_id, topic.id)
        log.info("chat %s added feed %s (%s) as #%s", chat_id, feed_id, located.url, number)
        return AddOutcome(AddStatus.ADDED, asked, number, name, located.url, located.via_page, topic.id)

    async def add_many(self, chat_id: int, urls: list[str]) -> list[AddOutcome]:
        """Add a list (an OPML import): what already is here or over the limit is not fetched.

        The rest are checked a few at a time (the fetcher caps hosts and totals
        too); outcomes come back in the list's order.
        """
        room = self.settings.max_feeds_per_chat - await self.store.chat_feeds.count(chat_id)
        outcomes: dict[int, AddOutcome] = {}
        to_fetch: list[tuple[int, str]] = []
        for index, url in enumerate(urls):
            known = await self.store.chat_feeds.find_by_url(url.strip())
            number = await self.store.chat_feeds.number_of(chat_id, known.id) if known else None
            if known and number:
                outcomes[index] = AddOutcome(AddStatus.ALREADY, url, number, known.name, known.url)
            elif len(to_fetch) >= room:
                limit = self.settings.max_feeds_per_chat
                outcomes[index] = AddOutcome(AddStatus.REFUSED, url, reason=f"over this chat's limit of {limit} feeds")
            else:
                to_fetch.append((index, url))
        gate = asyncio.Semaphore(IMPORT_CONCURRENCY)

        async def one(index: int, url: str) -> None:
            async with gate:
                outcomes[index] = await self.add(chat_id, url)

        await asyncio.gather(*(one(index, url) for index, url in to_fetch))
        return [outcomes[index] for index in range(len(urls))]

    async def remove(self, chat_id: int, number: int) -> ChatFeed | None:
        """Unlink the chat's feed number `number` and drop its "everything" topic; None if there is none."""
        async with self.store.unit_of_work():
            feed = await self.store.chat_feeds.get(chat_id, number)
            if feed is None:
                return None
            await self.store.chat_feeds.unlink(chat_id, feed.feed_id)
            await self.store.topics.delete_own(everything_topic_id(chat_id, feed.feed_id), chat_id)
        log.info("chat %s removed feed %s (#%d)", chat_id, feed.feed_id, number)
        return feed

    async def locate(self, url: str) -> LocatedFeed:
        """Fetch `url`; a feed is taken as it is, a page for the feed its head advertises."""
        body, final_url, content_type = await self._fetch(url)
        name = await asyncio.to_thread(_feed_name, body, final_url, content_type)
        if name is not None:
            return LocatedFeed(final_url, name or _host(final_url), None)
        links = advertised_feeds(body, final_url)
        if not links:
            raise FeedRefused("it is not an RSS or Atom feed, and the page does not link to one")
        try:
            body, feed_url, content_type = await self._fetch(links[0])
        except FeedRefused as refusal:
            raise FeedRefused(f"the page links to its feed at {links[0]}, but {refusal}") from None
        name = await asyncio.to_thread(_feed_name, body, feed_url, content_type)
        if name is None:
            raise FeedRefused(f"the page links to {links[0]}, but that is not a readable RSS or Atom feed")
        return LocatedFeed(feed_url, name or _host(feed_url), final_url)

    async def _fetch(self, url: str) -> tuple[bytes, str, str | None]:
        try:
            result = await self.fetcher.fetch(url, max_bytes=self.settings.feed_max_bytes)
        except FetchError as error:
            raise FeedRefused(plain_reason(error)) from None
        if not 200 <= result.status < 300:
            raise FeedRefused(plain_reason(result))
        return result.body, result.url, result.content_type


def everything_topic_id(chat_id: int, feed_id: str) -> str:
    return "feed-" + hashlib.sha1(f"{chat_id}:{feed_id}".encode()).hexdigest()[:10]


def everything_topic(chat_id: int, feed_id: str, name: str) -> Topic:
    """The chat's subscription to every article of one feed: an empty query scoped to that feed."""
    topic_id = everything_topic_id(chat_id, feed_id)
    return Topic(topic_id, f"Everything from {name}"[:MAX_NAME_LENGTH], "", (feed_id,), chat_id)


def _feed_id(url: str) -> str:
    return "chat-" + hashlib.sha256(url.encode()).hexdigest()[:12]


def _feed_name(body: bytes, url: str, content_type: str | None) -> str | None:
    """The feed's title ('' when it has none) if the bytes read as a feed, else None."""
    try:
        parse_feed(body, url, content_type)
    except FeedParseError:
        return None
    title = feedparser.parse(body, response_headers={"content-location": url}).feed.get("title") or ""
    return clean_name(title)


def clean_name(text: str) -> str:
    """One line of visible text: no control or direction-changing characters, bounded."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    return " ".join(kept.split())[:MAX_NAME_LENGTH]


def _host(url: str) -> str:
    return urlsplit(url).hostname or url[:MAX_NAME_LENGTH]
