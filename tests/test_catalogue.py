"""The catalogue file: the bundled one loads; a broken one says where it is broken."""

from __future__ import annotations

import pytest

from bot.catalogue import CatalogueError, load_catalogue, sync_catalogue
from bot.settings import DEFAULT_CATALOGUE
from bot.store import Store

FEED = '[[feeds]]\nid = "ledger"\nname = "Coastal Ledger"\nurl = "https://ledger.example.net/rss"\n\n'
TOPIC = '[[topics]]\nid = "talks"\nname = "Harbour talks"\nquery = "talks OR negotiations"\n'


def test_bundled_catalogue_loads():
    catalogue = load_catalogue(DEFAULT_CATALOGUE)
    feed_ids = {f.id for f in catalogue.feeds}
    assert len(catalogue.feeds) >= 3 and len(catalogue.topics) >= 3
    assert {"ukraine", "world"} <= {t.id for t in catalogue.topics}
    for topic in catalogue.topics:
        assert topic.feed_ids is None or set(topic.feed_ids) <= feed_ids
    assert all(f.url.startswith("https://") for f in catalogue.feeds)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[[feeds]]\nid = "ledger"\nurl = "https://x.example/rss"\n', "feeds #1: 'name'"),
        (FEED + '[[feeds]]\nid = "wire"\nname = "Wire"\n', "feeds #2: 'url'"),
        (FEED + '[[topics]]\nid = "talks"\nname = "Talks"\n', "topics #1: 'query'"),
        (FEED + '[[topics]]\nid = "talks"\nname = "  "\nquery = "talks"\n', "topics #1: 'name'"),
        ('[[feeds]]\nid = "Ledger News"\nname = "L"\nurl = "https://x.example/rss"\n', "feeds #1: id 'Ledger News'"),
        (FEED + '[[topics]]\nid = "-talks"\nname = "T"\nquery = "talks"\n', "topics #1: id '-talks'"),
        ('[[feeds]]\nid = "ledger"\nname = "L"\nurl = "ftp://x.example/rss"\n', "feed ledger: url"),
        (FEED + FEED, "feed ids must be unique"),
        (FEED + TOPIC + TOPIC, "topic ids must be unique"),
        (FEED + TOPIC + 'feeds = ["ledger", "nowhere"]\n', "topic talks: unknown feeds ['nowhere']"),
        (FEED + '[[topics]]\nid = "talks"\nname = "T"\nquery = "-football"\n', "topic talks: query"),
        (FEED + '[[topics]]\nid = "talks"\nname = "T"\nquery = "* OR ("\n', "topic talks: query"),
        ('[[feeds]\nid = "ledger"\n', "catalogue.toml"),
        ('[[feeds]]\nid = "ledger"\nname = "L"\nurl = "https://x.example/rss"\nurl = "again"\n', "catalogue.toml"),
    ],
    ids=[
        "feed-missing-name",
        "second-feed-missing-url",
        "topic-missing-query",
        "topic-blank-name",
        "bad-feed-id",
        "bad-topic-id",
        "feed-url-not-http",
        "duplicate-feed-id",
        "duplicate-topic-id",
        "unknown-feed-in-topic",
        "query-only-exclusions",
        "query-only-junk",
        "bad-toml",
        "duplicate-key-toml",
    ],
)
def test_broken_catalogue_names_the_place(tmp_path, text, where):
    path = tmp_path / "catalogue.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    assert where in str(raised.value)
    assert "\n" not in str(raised.value)


def test_missing_file_is_a_catalogue_error(tmp_path):
    with pytest.raises(CatalogueError, match="nothere.toml"):
        load_catalogue(tmp_path / "nothere.toml")


@pytest.mark.parametrize(
    "text",
    [
        FEED + TOPIC + "feeds = 5\n",
        FEED + TOPIC + 'feeds = "ledger"\n',
        'feeds = "ledger"\n',
        'topics = ["talks"]\n' + FEED,
    ],
    ids=["topic-feeds-int", "topic-feeds-string", "feeds-not-a-table-array", "topics-not-tables"],
)
def test_wrong_types_name_the_place(tmp_path, text):
    path = tmp_path / "catalogue.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    assert "list" in str(raised.value) or "table" in str(raised.value)


async def test_reload_with_renamed_topic_keeps_subscriptions(tmp_path):
    path = tmp_path / "catalogue.toml"
    path.write_text(FEED + TOPIC, encoding="utf-8")
    store = await Store.open(tmp_path / "c.db")
    try:
        await sync_catalogue(store, load_catalogue(path))
        await store.chats.ensure(7)
        assert await store.chats.subscribe(7, "talks")

        path.write_text(FEED + TOPIC.replace("Harbour talks", "Port negotiations"), encoding="utf-8")
        await sync_catalogue(store, load_catalogue(path))

        assert await store.chats.subscriptions(7) == ["talks"]
        assert (await store.topics.get("talks")).name == "Port negotiations"
        assert [t.id for t in await store.topics.catalogue()] == ["talks"]
    finally:
        await store.close()
