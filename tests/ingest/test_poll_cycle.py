"""A poll cycle over many feeds and over hostile feeds: every due feed is checked, bad ones are
recorded in plain words, and only what a feed should give is stored."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

import pytest

import bot.ingest.poller as poller_module
from bot.fetch.client import Fetcher
from bot.ingest.poller import Poller
from bot.runtime import open_store
from tests.articles.pages import article_page, rss

TALKS = ["Harbour talks resumed in Geneva on Monday after a week of delay, officials said."]


@pytest.fixture
async def desk(feed_server, make_settings, tmp_path):
    """A store whose catalogue holds `feeds` feeds at /feed-N.xml, each quiet until routed, and a poller."""
    opened = []

    async def build(feeds: int = 2, **overrides):
        lines = [
            f'[[feeds]]\nid = "f{n}"\nname = "Feed {n}"\nurl = "{feed_server.url(f"/feed-{n}.xml")}"\n'
            for n in range(feeds)
        ]
        lines.append('[[topics]]\nid = "talks"\nname = "Talks"\nquery = "talks"\n')
        path = tmp_path / "catalogue.toml"
        path.write_text("\n".join(lines), encoding="utf-8")
        for n in range(feeds):
            feed_server.route(f"/feed-{n}.xml", rss([]))
        settings = make_settings(CATALOGUE_FILE=str(path), **overrides)
        store = await open_store(settings)
        fetcher = await Fetcher.from_settings(settings).__aenter__()
        opened.append((store, fetcher))
        await store.chats.ensure(1)
        await store.chats.subscribe(1, "talks")
        return store, Poller(store, fetcher, settings)

    yield build
    for store, fetcher in opened:
        await fetcher.__aexit__(None, None, None)
        await store.close()


def page(feed_server, path: str, title: str = "Harbour talks resume") -> str:
    text = [*TALKS, f"The story was filed as: {title}."]  # each page a story of its own
    feed_server.route(path, article_page(title, text, []), content_type="text/html; charset=utf-8")
    return feed_server.url(path)


async def titles(store) -> list[str]:
    async with store.db.execute("SELECT title FROM articles ORDER BY id") as cur:
        return [row[0] for row in await cur.fetchall()]


async def test_every_due_feed_is_checked_in_one_cycle_a_few_at_a_time(desk, feed_server, monkeypatch):
    monkeypatch.setattr(poller_module, "FEEDS_IN_FLIGHT", 3)  # ten feeds, never more than three at once
    _, poller = await desk(feeds=10)
    feed_server.route("/feed-9.xml", rss([("Harbour talks resume", page(feed_server, "/a/last.html"), "")]))
    report = await poller.run_once()
    assert (report.feeds_checked, report.failed, report.new_articles, report.matches) == (10, 0, 1, 1)
    assert sorted(r.path for r in feed_server.requests if r.path.startswith("/feed-")) == sorted(
        f"/feed-{n}.xml" for n in range(10)
    )
    assert (await poller.run_once()).feeds_checked == 0  # nothing is due twice


async def test_feeds_claimed_while_others_store_their_stories_lose_none(desk, feed_server, monkeypatch):
    """More feeds are claimed while earlier ones are still storing: neither may break the other."""
    monkeypatch.setattr(poller_module, "FEEDS_IN_FLIGHT", 2)
    store, poller = await desk(feeds=12)
    for n in range(12):
        stories = [(f"Harbour talks, desk {n} story {k}", f"/a/{n}-{k}.html") for k in range(3)]
        feed_server.route(
            f"/feed-{n}.xml", rss([(title, page(feed_server, path, title), "") for title, path in stories])
        )
    report = await poller.run_once()
    assert (report.feeds_checked, report.failed, report.new_articles, report.matches) == (12, 0, 36, 36)
    assert len(await titles(store)) == 36


async def test_a_slow_feed_holds_up_no_other_feed(desk, feed_server, monkeypatch):
    """With room for two checks at a time, a feed dripping a byte a second keeps one slot and the
    other feeds' stories are all stored while it is still being read."""
    monkeypatch.setattr(poller_module, "FEEDS_IN_FLIGHT", 2)
    store, poller = await desk(feeds=6, FETCH_TIMEOUT_SECONDS=120)
    feed_server.endless("/feed-0.xml", chunk=b" ", pause=1.0)
    for n in range(1, 6):
        link = page(feed_server, f"/a/{n}.html", title=f"Harbour talks, day {n}")
        feed_server.route(f"/feed-{n}.xml", rss([(f"Harbour talks, day {n}", link, "")]))
    cycle = asyncio.create_task(poller.run_once())
    for _ in range(600):  # until the five stories are in (or a minute has passed)
        if len(await titles(store)) == 5 or cycle.done():
            break
        await asyncio.sleep(0.1)
    assert sorted(await titles(store)) == [f"Harbour talks, day {n}" for n in range(1, 6)]
    assert not cycle.done()  # the slow feed is still being read
    cycle.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cycle
    assert (await store.feeds.get("f1")).error_count == 0


async def test_only_the_newest_entries_are_taken(desk, feed_server):
    store, poller = await desk(feeds=1, FEED_MAX_ENTRIES=2)
    now = datetime.now(UTC)
    items = []
    for n in range(6):  # oldest first, the way no feed should list them
        link = page(feed_server, f"/a/{n}.html", title=f"Talks day {n}")
        items.append((f"Talks day {n}", link, "", now - timedelta(hours=6 - n)))
    feed_server.route("/feed-0.xml", dated_rss(items))
    report = await poller.run_once()
    assert report.new_articles == 2
    assert sorted(await titles(store)) == ["Talks day 4", "Talks day 5"]


async def test_repeated_guids_and_links_are_fetched_and_stored_once(desk, feed_server):
    _, poller = await desk(feeds=1)
    link = page(feed_server, "/a/talks.html")
    feed_server.route("/feed-0.xml", rss([("Harbour talks resume", link, "")] * 3))
    report = await poller.run_once()
    assert (report.new_articles, report.duplicates) == (1, 2)
    assert [r.path for r in feed_server.requests].count("/a/talks.html") == 1


async def test_dates_far_in_the_past_or_future_are_not_kept(desk, feed_server):
    store, poller = await desk(feeds=1)
    future = datetime(2999, 1, 1, tzinfo=UTC)
    past = datetime(1901, 1, 1, tzinfo=UTC)
    items = [
        ("Talks from the future", feed_server.url("/a/none-1.html"), "Harbour talks, summary one.", future),
        ("Talks from the past", feed_server.url("/a/none-2.html"), "Harbour talks, summary two.", past),
    ]
    feed_server.route("/feed-0.xml", dated_rss(items))
    report = await poller.run_once()
    assert report.new_articles == 2
    async with store.db.execute("SELECT published_at FROM articles") as cur:
        assert [row[0] for row in await cur.fetchall()] == [None, None]


async def test_entries_without_link_title_or_date_do_not_break_the_feed(desk, feed_server):
    store, poller = await desk(feeds=1)
    link = page(feed_server, "/a/talks.html")
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>No link at all</title></item>"
        f"<item><link>{escape(link)}</link></item>"
        "<item><description>Nothing but words</description></item>"
        "</channel></rss>"
    )
    feed_server.route("/feed-0.xml", body)
    report = await poller.run_once()
    assert (report.failed, report.new_articles) == (0, 1)
    assert await titles(store) == ["Harbour talks resume"]  # the page's own headline


HOSTILE_FEEDS = {
    "html served as a feed": (
        b"<!DOCTYPE html><html><body><p>Welcome</p></body></html>",
        "text/html; charset=utf-8",
        "the address serves a web page, not an RSS or Atom feed",
    ),
    "malformed xml": (b"<rss><channel><item><title>broken &bogus; <link>", "application/rss+xml", "not readable"),
    "empty body": (b"", "application/rss+xml", "empty body"),
}


@pytest.mark.parametrize("body, content_type, words", HOSTILE_FEEDS.values(), ids=HOSTILE_FEEDS.keys())
async def test_unreadable_feed_is_recorded_in_plain_words(desk, feed_server, body, content_type, words):
    store, poller = await desk(feeds=2)
    feed_server.route("/feed-0.xml", body, content_type=content_type)
    feed_server.route("/feed-1.xml", rss([("Harbour talks resume", page(feed_server, "/a/t.html"), "")]))
    report = await poller.run_once()
    assert (report.failed, report.new_articles) == (1, 1)
    assert words in (await store.feeds.get("f0")).last_error


ENCODINGS = {
    "latin-1 declared": ('<?xml version="1.0" encoding="ISO-8859-1"?>', "latin-1", "application/rss+xml"),
    "latin-1 undeclared": ('<?xml version="1.0"?>', "latin-1", "application/rss+xml"),
    "utf-8 declared as latin-1": ('<?xml version="1.0" encoding="ISO-8859-1"?>', "utf-8", "text/xml"),
    "cp1251 bytes declared utf-8": ('<?xml version="1.0" encoding="UTF-8"?>', "cp1251", "application/xml"),
}


@pytest.mark.parametrize("declaration, encoding, content_type", ENCODINGS.values(), ids=ENCODINGS.keys())
async def test_wrong_or_missing_encodings_still_give_the_entry(desk, feed_server, declaration, encoding, content_type):
    store, poller = await desk(feeds=1)
    link = feed_server.url("/a/missing.html")  # the summary stands in, so the feed's own words are stored
    title = "Переговоры в гавани" if encoding == "cp1251" else "Gespräche im Hafen"
    body = (
        f'{declaration}<rss version="2.0"><channel><title>t</title><item><title>{title}</title>'
        f"<link>{link}</link><description>{title}: talks resumed.</description></item></channel></rss>"
    ).encode(encoding)
    feed_server.route("/feed-0.xml", body, content_type=content_type)
    report = await poller.run_once()
    assert report.new_articles == 1
    (stored,) = await titles(store)
    assert stored  # a title came through, whatever its spelling after a wrong declaration


async def test_busy_server_is_retried_after_what_it_asked(desk, feed_server):
    store, poller = await desk(feeds=1)
    feed_server.route(
        "/feed-0.xml", b"slow down", status=429, headers={"Retry-After": "7200"}, content_type="text/plain"
    )
    report = await poller.run_once()
    feed = await store.feeds.get("f0")
    assert report.failed == 1
    assert feed.last_error == "the server answered HTTP 429 (Too Many Requests) and asked us to retry after 7200 s"
    assert feed.next_check_at >= datetime.now(UTC).timestamp() + 7000


def dated_rss(items: list[tuple[str, str, str, datetime]]) -> str:
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><description>{escape(s)}</description>"
        f"<pubDate>{format_datetime(when)}</pubDate></item>"
        for t, link, s, when in items
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'
    )
