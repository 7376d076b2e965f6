"""The catalogue: a TOML file of feeds and topics, loaded and synced into the store.

Reloading updates topics in place (same id), so subscriptions survive.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from bot.store import Store
from bot.store.topics import Topic
from bot.topics.query import QueryError, parse_query

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class CatalogueError(ValueError):
    """The catalogue file is unreadable or inconsistent; the message says where."""


@dataclass(frozen=True, slots=True)
class CatalogueFeed:
    id: str
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    feeds: tuple[CatalogueFeed, ...]
    topics: tuple[Topic, ...]


def load_catalogue(path: Path) -> Catalogue:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise CatalogueError(
            f"the catalogue file {path} cannot be read ({error.strerror or error}): check CATALOGUE_FILE"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"catalogue {Path(path).name}: {error}") from None
    feeds = tuple(_feed(entry, n) for n, entry in enumerate(_tables(data, "feeds"), 1))
    feed_ids = {f.id for f in feeds}
    if len(feed_ids) != len(feeds):
        raise CatalogueError("catalogue: feed ids must be unique")
    topics = tuple(_topic(entry, n, feed_ids) for n, entry in enumerate(_tables(data, "topics"), 1))
    if len({t.id for t in topics}) != len(topics):
        raise CatalogueError("catalogue: topic ids must be unique")
    return Catalogue(feeds, topics)


async def sync_catalogue(store: Store, catalogue: Catalogue) -> None:
    """Add and update feeds and topics; nothing is removed, nobody is unsubscribed."""
    for feed in catalogue.feeds:
        await store.feeds.upsert(feed.id, feed.name, feed.url)
    for topic in catalogue.topics:
        await store.topics.upsert(topic)


def _feed(entry: dict[str, object], n: int) -> CatalogueFeed:
    feed_id, name, url = (_text(entry, key, f"feeds #{n}") for key in ("id", "name", "url"))
    if not _ID.match(feed_id):
        raise CatalogueError(f"catalogue feeds #{n}: id {feed_id!r} must be lowercase letters, digits, - or _")
    if not url.startswith(("http://", "https://")):
        raise CatalogueError(f"catalogue feed {feed_id}: url must be http(s)")
    return CatalogueFeed(feed_id, name, url)


def _topic(entry: dict[str, object], n: int, feed_ids: set[str]) -> Topic:
    topic_id, name, query = (_text(entry, key, f"topics #{n}") for key in ("id", "name", "query"))
    if not _ID.match(topic_id):
        raise CatalogueError(f"catalogue topics #{n}: id {topic_id!r} must be lowercase letters, digits, - or _")
    try:
        parse_query(query)
    except QueryError as error:
        raise CatalogueError(f"catalogue topic {topic_id}: query {error}") from None
    feeds = entry.get("feeds")
    if feeds is not None:
        if not _is_text_list(feeds):
            raise CatalogueError(f"catalogue topic {topic_id}: 'feeds' must be a list of feed ids")
        unknown = [f for f in feeds if f not in feed_ids]
        if unknown:
            raise CatalogueError(f"catalogue topic {topic_id}: unknown feeds {unknown}")
        feeds = tuple(feeds)
    return Topic(topic_id, name, query, feeds)


def _tables(data: dict[str, object], key: str) -> list[dict[str, object]]:
    """`[[feeds]]` / `[[topics]]`: a list of tables, or a clear error naming the key."""
    value = data.get(key, [])
    if not _is_table_list(value):
        raise CatalogueError(f"catalogue: '{key}' must be written as [[{key}]] tables")
    return value


def _text(entry: dict[str, object], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"catalogue {where}: '{key}' is missing or empty")
    return value.strip()


def _is_text_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_table_list(value: object) -> TypeGuard[list[dict[str, object]]]:
    # TOML tables always have text keys
    return isinstance(value, list) and all(isinstance(entry, dict) for entry in value)
