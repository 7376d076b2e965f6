"""Parsing, extraction and analysis in worker processes (ANALYSIS_WORKERS) store exactly what
the bot's own process stores, and a worker that dies costs one cycle's pages, not the bot."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from bot.fetch.client import Fetcher
from bot.ingest.poller import Poller
from bot.ingest.workers import MAX_BREAKS, AnalysisWorkers
from bot.quotes.analyser import RulesAnalyser
from bot.runtime import open_store
from tests.articles.pages import article_page, rss

CATALOGUE = """
[[feeds]]
id = "ledger"
name = "Coastal Ledger"
url = "{feed}"

[[topics]]
id = "talks"
name = "Harbour talks"
query = "talks"
"""
STORIES = {
    "talks": (
        "Harbour talks resume in Geneva",
        [
            "Harbour talks resumed in Geneva on Monday after a week of delay, officials said.",
            "“We are close to a deal on the fisheries annex,” said Ines Karlsson, the chief mediator.",
            "Karlsson told reporters that the levy would be phased in over three years.",
            "Tomas Reik, the port authority's spokesman, said the union had not yet seen the draft.",
        ],
    ),
    "levy": (
        "Port levy divides the council",
        [
            "The council split on Tuesday over the harbour levy, with talks set to continue.",
            "“This levy will empty the quays,” said Marta Aalto, who leads the shippers' association.",
            "Karlsson, the mediator, said she expected a compromise within the month.",
        ],
    ),
}


@pytest.fixture
async def desk(feed_server, make_settings, tmp_path):
    """A store, a fetcher and a poller for a given ANALYSIS_WORKERS, all reading one feed of two stories."""
    opened = []
    links = []
    for slug, (title, paragraphs) in STORIES.items():
        path = f"/a/{slug}.html"
        feed_server.route(path, article_page(title, paragraphs, ["First!"]), content_type="text/html; charset=utf-8")
        links.append((title, feed_server.url(path), paragraphs[0]))
    feed_server.route("/feed.xml", rss(links))

    async def build(name: str, processes: int):
        catalogue = tmp_path / f"{name}.toml"
        catalogue.write_text(CATALOGUE.format(feed=feed_server.url("/feed.xml")), encoding="utf-8")
        settings = make_settings(
            CATALOGUE_FILE=str(catalogue),
            DATABASE_URL=f"sqlite:///{tmp_path / name}.db",
            ANALYSIS_WORKERS=processes,
        )
        store = await open_store(settings)
        fetcher = await Fetcher.from_settings(settings).__aenter__()
        workers = AnalysisWorkers.from_settings(settings)
        opened.append((store, fetcher, workers))
        await store.chats.ensure(1)
        await store.chats.subscribe(1, "talks")
        return store, Poller(store, fetcher, settings, workers=workers), workers

    yield build
    for store, fetcher, workers in opened:
        await workers.__aexit__(None, None, None)
        await fetcher.__aexit__(None, None, None)
        await store.close()


async def stored(store) -> dict[str, list[tuple]]:
    """What a reader could be shown: articles, quotes with their linked speaker's name, matches."""
    queries = {
        "articles": "SELECT url, title, outlet, text FROM articles ORDER BY url",
        "quotes": """SELECT a.url, q.kind, q.text, q.speaker_name, q.speaker_role, s.name
                     FROM quotes q JOIN articles a ON a.id = q.article_id
                     LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY a.url, q.ordinal""",
        "framing": """SELECT a.url, f.phrase, f.kind FROM framing f JOIN articles a ON a.id = f.article_id
                      ORDER BY a.url, f.ordinal""",
        "matches": """SELECT t.topic_id, a.url FROM topic_articles t JOIN articles a ON a.id = t.article_id
                      ORDER BY a.url""",
    }
    found = {}
    for name, sql in queries.items():
        async with store.db.execute(sql) as cur:
            found[name] = [tuple(row) for row in await cur.fetchall()]
    return found


async def test_worker_processes_store_what_the_bots_own_process_stores(desk):
    in_process, poller, _ = await desk("threads", 0)
    await poller.run_once()
    in_workers, poller, _ = await desk("processes", 2)
    report = await poller.run_once()
    assert (report.new_articles, report.failed, report.matches) == (2, 0, 2)
    expected, got = await stored(in_process), await stored(in_workers)
    assert got == expected
    speakers = {row[5] for row in got["quotes"]}
    assert {"Ines Karlsson", "Marta Aalto"} <= speakers  # the analysis really ran, and linked speakers


async def test_an_unreadable_feed_is_reported_from_a_worker_like_from_a_thread(desk, feed_server):
    feed_server.route("/feed.xml", "<html><body><p>Welcome</p></body></html>", content_type="text/html")
    store, poller, _ = await desk("processes", 1)
    report = await poller.run_once()
    assert report.failed == 1
    assert (await store.feeds.get("ledger")).last_error == "the address serves a web page, not an RSS or Atom feed"


async def test_a_worker_that_dies_is_replaced_and_the_next_cycle_stores_the_story(desk, feed_server):
    store, poller, workers = await desk("processes", 1)
    feed_server.route("/feed.xml", rss([]))
    await poller.run_once()  # an empty feed is parsed in the worker: the pool is up
    for child in multiprocessing.active_children():  # the test's only child processes are the pool's
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
    title, paragraphs = STORIES["talks"]
    feed_server.route("/feed.xml", rss([(title, feed_server.url("/a/talks.html"), paragraphs[0])]))
    reports = []
    for _ in range(2):  # a worker found dead before a job costs nothing; one dying with the job, one cycle
        await store.db.execute("UPDATE feeds SET next_check_at = 0")
        reports.append(await poller.run_once())
        if reports[-1].new_articles:
            break
    assert reports[-1].new_articles == 1 and reports[-1].failed == 0
    assert [row[1] for row in (await stored(store))["articles"]] == [title]


async def test_workers_that_cannot_start_leave_the_work_to_the_bots_own_process(caplog):
    """A worker that fails as it starts (here: an analyser its build lacks) breaks every new pool;
    the jobs caught in one get nothing (less, never wrong), and after MAX_BREAKS pools the work
    stays in the bot's own process, where the quote is found."""
    text = "“We are close,” said Ines Karlsson, the chief mediator."
    workers = AnalysisWorkers(RulesAnalyser(), processes=1, analyser_name="no-such-analyser")
    try:
        found = [await workers.analyse(text) for _ in range(MAX_BREAKS + 1)]
    finally:
        await workers.__aexit__(None, None, None)
    quotes = [[(q.kind, q.speaker) for q in analysis.quotes] for analysis in found]
    assert quotes[:MAX_BREAKS] == [[]] * MAX_BREAKS
    assert quotes[-1] == [("direct", "Ines Karlsson")]
    assert "analysing in the bot's own process from now on" in caplog.text
