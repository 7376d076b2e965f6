"""One ingest cycle against the local feed server: what gets stored, matched, retried or disabled."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

from bot.fetch.client import Fetcher
from bot.fetch.schedule import GONE_REASON
from bot.ingest.poller import Poller
from bot.quotes.analyser import RulesAnalyser
from bot.runtime import open_store
from tests.articles.pages import article_page, rss

INTERVAL = 300
CATALOGUE = """
[[feeds]]
id = "ledger"
name = "Coastal Ledger"
url = "{ledger}"

[[feeds]]
id = "wire"
name = "Baltic Wire"
url = "{wire}"

[[topics]]
id = "talks"
name = "Harbour talks"
query = "talks OR negotiations"

[[topics]]
id = "wire-talks"
name = "Talks on the wire"
query = "talks"
feeds = ["wire"]
"""
TALKS = [
    "Harbour talks resumed in Geneva on Monday after a week of delay, officials said.",
    "The mediators expect a draft on the fisheries annex by Friday.",
]
# A readable feed with nothing to ingest: its one item has no http(s) link. (An empty
# <channel> would do, but trips the bug in test_valid_empty_feed_is_not_a_failure.)
QUIET = [("Housekeeping", "mailto:desk@ledger.example.net", "")]
WEATHER = ["Rain is expected over the northern coast all week, forecasters said on Sunday."]


@dataclass
class Ingest:
    store: object
    poller: Poller
    server: object

    async def cycle(self):
        await self.store.db.execute("UPDATE feeds SET next_check_at = 0")  # every enabled feed is due
        return await self.poller.run_once()

    def page(self, path: str, title: str, paragraphs: list[str]) -> str:
        self.server.route(
            path, article_page(title, paragraphs, ["Great read!"]), content_type="text/html; charset=utf-8"
        )
        return self.server.url(path)

    async def count(self, sql: str, *args) -> int:
        async with self.store.db.execute(sql, args) as cur:
            return (await cur.fetchone())[0]

    async def matched(self, topic_id: str) -> int:
        return await self.count("SELECT COUNT(*) FROM topic_articles WHERE topic_id = ?", topic_id)


@pytest.fixture
async def make_ingest(feed_server, make_settings, tmp_path):
    opened = []

    async def build(ledger: str = "/feed.xml", analyser=None, **overrides) -> Ingest:
        feed_server.route("/feed.xml", rss(QUIET))
        feed_server.route("/wire.xml", rss(QUIET, title="Baltic Wire"))
        path = tmp_path / "catalogue.toml"
        path.write_text(
            CATALOGUE.format(ledger=feed_server.url(ledger), wire=feed_server.url("/wire.xml")), encoding="utf-8"
        )
        settings = make_settings(CATALOGUE_FILE=str(path), POLL_INTERVAL_SECONDS=INTERVAL, **overrides)
        store = await open_store(settings)
        fetcher = await Fetcher.from_settings(settings).__aenter__()
        opened.append((store, fetcher))
        await store.chats.ensure(1)
        await store.chats.subscribe(1, "talks")
        await store.chats.subscribe(1, "wire-talks")
        return Ingest(store, Poller(store, fetcher, settings, analyser), feed_server)

    yield build
    for store, fetcher in opened:
        await fetcher.__aexit__(None, None, None)
        await store.close()


async def test_new_article_is_stored_and_matched(make_ingest, feed_server):
    ingest = await make_ingest()
    link = ingest.page("/a/talks.html", "Harbour talks resume", TALKS)
    feed_server.route("/feed.xml", rss([("Harbour talks resume", link, "Talks resume.")]))
    report = await ingest.cycle()
    assert (report.feeds_checked, report.new_articles, report.matches, report.failed) == (2, 1, 1, 0)
    stored = await ingest.store.articles.get(1)
    assert stored.article.url == link and stored.feed_id == "ledger"
    assert "Harbour talks resumed in Geneva" in stored.article.text
    assert "Great read" not in stored.article.text
    assert await ingest.matched("talks") == 1


async def test_the_analyser_handed_in_finds_the_quotes(make_ingest, feed_server):
    """Ingest calls whatever analyser it is given: one without the reported-speech
    rules stores the direct quote and no paraphrase."""
    paragraphs = [
        "Harbour talks resumed in Geneva on Monday.",
        "Ines Karlsson, the mediator, said that the fisheries annex was nearly settled.",
        "“We are close,” Karlsson told reporters.",
    ]
    stored = {}
    for name, analyser in (("rules", RulesAnalyser()), ("no-reported", RulesAnalyser().without("reported"))):
        ingest = await make_ingest(analyser=analyser)
        link = ingest.page(f"/a/{name}.html", "Harbour talks resume", paragraphs)
        feed_server.route("/feed.xml", rss([("Harbour talks resume", link, "")]))
        await ingest.cycle()
        async with ingest.store.db.execute("SELECT kind, speaker_name, cue_kind FROM quotes ORDER BY start") as cur:
            stored[name] = [tuple(row) for row in await cur.fetchall()]
        await ingest.store.db.execute("DELETE FROM articles")
    assert stored["rules"] == [("indirect", "Ines Karlsson", "verb"), ("direct", "Ines Karlsson", "verb")]
    assert stored["no-reported"] == [("direct", "Ines Karlsson", "verb")]


async def test_unchanged_feed_answers_304(make_ingest, feed_server):
    ingest = await make_ingest()
    link = ingest.page("/a/talks.html", "Harbour talks resume", TALKS)
    feed_server.route("/feed.xml", rss([("Harbour talks resume", link, "")]), etag='"v1"')
    await ingest.cycle()
    report = await ingest.cycle()
    assert (report.not_modified, report.new_articles, report.failed) == (1, 0, 0)
    feed_requests = [r for r in feed_server.requests if r.path == "/feed.xml"]
    assert feed_requests[-1].headers.get("If-None-Match") == '"v1"'
    assert (await ingest.store.feeds.get("ledger")).etag == '"v1"'
    assert await ingest.count("SELECT COUNT(*) FROM articles") == 1


async def test_gone_feed_is_disabled(make_ingest, feed_server):
    ingest = await make_ingest()
    feed_server.route("/feed.xml", b"gone", status=410, content_type="text/plain")
    report = await ingest.cycle()
    assert report.disabled == 1
    assert (await ingest.store.feeds.get("ledger")).disabled_reason == GONE_REASON
    before = len(feed_server.requests)
    report = await ingest.cycle()
    assert report.feeds_checked == 1  # only the wire
    assert [r.path for r in feed_server.requests[before:]] == ["/wire.xml"]


async def test_permanent_redirect_updates_stored_url(make_ingest, feed_server):
    ingest = await make_ingest(ledger="/old-feed.xml")
    feed_server.redirect("/old-feed.xml", "/feed.xml", status=301)
    link = ingest.page("/a/talks.html", "Harbour talks resume", TALKS)
    feed_server.route("/feed.xml", rss([("Harbour talks resume", link, "")]))
    report = await ingest.cycle()
    assert report.new_articles == 1 and report.failed == 0
    assert (await ingest.store.feeds.get("ledger")).url == feed_server.url("/feed.xml")


async def test_temporary_redirect_keeps_stored_url(make_ingest, feed_server):
    ingest = await make_ingest(ledger="/moving.xml")
    feed_server.redirect("/moving.xml", "/feed.xml", status=302)
    await ingest.cycle()
    assert (await ingest.store.feeds.get("ledger")).url == feed_server.url("/moving.xml")


@pytest.mark.parametrize(
    "body",
    [b"\x00\xff\xfe garbage \x89PNG\r\n", b"<html><body>Not a feed</body></html>", b""],
    ids=["garbage-bytes", "html-page", "empty"],
)
async def test_malformed_feed_backs_off_and_others_go_on(make_ingest, feed_server, body):
    ingest = await make_ingest()
    feed_server.route("/feed.xml", body)
    link = ingest.page("/a/wire-talks.html", "Harbour talks resume", TALKS)
    feed_server.route("/wire.xml", rss([("Harbour talks resume", link, "")]))
    started = time.time()
    report = await ingest.cycle()
    assert (report.failed, report.new_articles) == (1, 1)
    ledger = await ingest.store.feeds.get("ledger")
    assert ledger.error_count == 1 and ledger.last_error
    assert ledger.next_check_at >= started + 2 * INTERVAL - 1  # backed off past the normal interval
    assert ledger.disabled_reason is None
    assert (await ingest.store.feeds.get("wire")).error_count == 0


async def test_valid_empty_feed_is_not_a_failure(make_ingest, feed_server):
    ingest = await make_ingest()
    feed_server.route("/feed.xml", rss([]))
    report = await ingest.cycle()
    assert report.failed == 0
    assert (await ingest.store.feeds.get("ledger")).error_count == 0


async def test_oversized_feed_fails_and_keeps_stored_data(make_ingest, feed_server):
    ingest = await make_ingest(FEED_MAX_BYTES=4096)
    link = ingest.page("/a/talks.html", "Harbour talks resume", TALKS)
    feed_server.route("/feed.xml", rss([("Harbour talks resume", link, "")]), etag='"v1"')
    await ingest.cycle()
    huge = rss([(f"Story {n}", f"https://ledger.example.net/{n}", "x" * 200) for n in range(100)])
    feed_server.route("/feed.xml", huge, etag='"v2"')
    report = await ingest.cycle()
    assert report.failed == 1 and report.new_articles == 0
    ledger = await ingest.store.feeds.get("ledger")
    assert "more than the limit of 4096 bytes" in ledger.last_error
    assert (ledger.url, ledger.etag) == (feed_server.url("/feed.xml"), '"v1"')
    assert await ingest.count("SELECT COUNT(*) FROM articles") == 1
    assert await ingest.matched("talks") == 1


async def test_endless_feed_is_cut_off(make_ingest, feed_server):
    ingest = await make_ingest(FEED_MAX_BYTES=65536)
    feed_server.endless("/feed.xml")
    report = await ingest.cycle()
    assert report.failed == 1
    assert "larger than the limit" in (await ingest.store.feeds.get("ledger")).last_error


async def test_missing_page_uses_the_feed_summary(make_ingest, feed_server):
    ingest = await make_ingest()
    summary = "Harbour talks resumed in Geneva, the mediators said on Monday."
    feed_server.route("/feed.xml", rss([("Harbour talks resume", feed_server.url("/a/missing.html"), summary)]))
    report = await ingest.cycle()
    assert (report.new_articles, report.from_summary, report.matches) == (1, 1, 1)
    stored = await ingest.store.articles.get(1)
    assert stored.article.text == summary
    assert stored.article.title == "Harbour talks resume"


async def test_missing_page_and_no_summary_is_skipped(make_ingest, feed_server):
    ingest = await make_ingest()
    feed_server.route("/feed.xml", rss([("Harbour talks resume", feed_server.url("/a/missing.html"), "")]))
    report = await ingest.cycle()
    assert report.new_articles == 0 and report.failed == 0


async def test_same_story_under_other_urls_is_stored_once(make_ingest, feed_server):
    ingest = await make_ingest()
    link = ingest.page("/a/talks.html", "Harbour talks resume", TALKS)
    syndicated = ingest.page("/syndicated/talks-copy.html", "Harbour talks resume", TALKS)
    feed_server.route(
        "/feed.xml",
        rss(
            [
                ("Harbour talks resume", link, ""),
                ("Harbour talks resume", link + "?utm_source=rss&utm_medium=feed", ""),
                ("Harbour talks resume", syndicated, ""),
            ]
        ),
    )
    report = await ingest.cycle()
    assert report.new_articles == 1
    assert report.duplicates == 2
    assert await ingest.count("SELECT COUNT(*) FROM articles") == 1
    report = await ingest.cycle()
    assert report.new_articles == 0


async def test_topic_restricted_to_other_feeds_does_not_match(make_ingest, feed_server):
    ingest = await make_ingest()
    ledger = ingest.page("/a/talks.html", "Harbour talks resume", TALKS)
    wire = ingest.page(
        "/w/talks.html", "Talks on the annex", ["Talks on the annex went on late into the night in Oslo."]
    )
    feed_server.route("/feed.xml", rss([("Harbour talks resume", ledger, "")]))
    feed_server.route("/wire.xml", rss([("Talks on the annex", wire, "")]))
    report = await ingest.cycle()
    assert report.new_articles == 2
    assert await ingest.matched("talks") == 2
    assert await ingest.matched("wire-talks") == 1
    async with ingest.store.db.execute(
        "SELECT a.feed_id FROM topic_articles t JOIN articles a ON a.id = t.article_id WHERE t.topic_id = 'wire-talks'"
    ) as cur:
        assert [row[0] for row in await cur.fetchall()] == ["wire"]


async def test_unmatched_article_is_stored_not_matched(make_ingest, feed_server):
    ingest = await make_ingest()
    link = ingest.page("/a/rain.html", "Rain all week", WEATHER)
    feed_server.route("/feed.xml", rss([("Rain all week", link, "")]))
    report = await ingest.cycle()
    assert (report.new_articles, report.matches) == (1, 0)


async def test_private_address_is_refused_when_not_allowed(make_ingest, feed_server):
    ingest = await make_ingest(FETCH_ALLOW_PRIVATE_NETWORKS=False)
    started = time.time()
    report = await ingest.cycle()
    assert report.failed == 2 and report.new_articles == 0
    assert feed_server.requests == []
    ledger = await ingest.store.feeds.get("ledger")
    assert ledger.error_count == 1
    assert "points at a loopback address" in ledger.last_error
    assert ledger.next_check_at >= started + 2 * INTERVAL - 1


async def test_several_busy_feeds_in_one_cycle(make_ingest, feed_server):
    ingest = await make_ingest()
    feeds = ["feed", "wire"] + [f"desk-{n}" for n in range(8)]
    for feed in feeds[2:]:
        await ingest.store.feeds.upsert(feed, feed, feed_server.url(f"/{feed}.xml"))
    for feed in feeds:
        items = []
        for n in range(15):
            title = f"Talks round {n} on the {feed} desk"
            text = [
                f"Harbour talks round {n} opened in Geneva, the {feed} desk reported on day {n}.",
                f"“We came with a draft number {n},” Elena Varga said on the quay.",
            ]
            items.append((title, ingest.page(f"/{feed}/{n}.html", title, text), ""))
        feed_server.route(f"/{feed}.xml", rss(items))
    report = await ingest.cycle()
    assert (report.new_articles, report.failed) == (150, 0)
    assert await ingest.matched("talks") == 150
