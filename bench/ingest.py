"""Ingest throughput: articles per second through the whole poller, and without HTTP.

    python bench/ingest.py [--articles 300] [--per-feed 30] [--per-host 8]

Generates seed-style article pages (invented outlets, people, quotes) and RSS
feeds of at most --per-feed entries each (the poller reads 30 per feed per
cycle), serves them from a loopback HTTP server, and times one
`Poller.run_once` against a temporary SQLite database: fetch + parse +
extract + analyse + store + match. Then it times extract + analyse + store on
the same pages without HTTP, in a fresh database. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.fetch.client import Fetcher  # noqa: E402
from bot.ingest.archive import store_article  # noqa: E402
from bot.ingest.article_source import extract_and_analyse  # noqa: E402
from bot.ingest.poller import Poller  # noqa: E402
from bot.quotes.analyser import RulesAnalyser  # noqa: E402
from bot.runtime import open_store  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.store import Store  # noqa: E402
from tests.articles.pages import article_page, rss  # noqa: E402
from tests.fakes.feed_server import FeedServer  # noqa: E402

GIVEN = [
    "Elena",
    "Tomas",
    "Anna",
    "Mikkel",
    "Ivo",
    "Sara",
    "Piet",
    "Olga",
    "Rasmus",
    "Lena",
    "Jonas",
    "Marta",
    "Karel",
    "Ines",
    "Viktor",
    "Hanna",
]
FAMILY = [
    "Varga",
    "Reik",
    "Soderlund",
    "Aalto",
    "Brandt",
    "Kovac",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Ostrova",
    "Petrescu",
    "Halden",
    "Vidal",
    "Kerr",
    "Sandoval",
    "Ruud",
]
ROLES = [
    "Foreign Minister",
    "Fisheries Minister",
    "port authority chief",
    "harbour master",
    "spokeswoman for the mediators",
    "union leader",
    "mayor of Vell",
    "coast guard commander",
    "energy regulator",
    "opposition leader",
]
COUNTRIES = ["Norvik", "Talvera", "Osterlund", "Brevia", "Kalmar Bay", "Sundholm"]
PLACES = ["Geneva", "Oslo", "Tallinn", "Vell", "the northern dock", "the ferry terminal"]
AGENCIES = ["Baltic Wire", "Nordpress", "Harbour Radio", "the Ledger Agency"]
SUBJECTS = [
    "fisheries annex",
    "ferry timetable",
    "dock repairs",
    "fuel subsidy",
    "border checks",
    "shipping levy",
    "pilot strike",
    "storm damage",
    "customs deal",
    "wind farm permit",
]
CLAIMS = [
    "We will not sign a text that leaves our fleet in port",
    "The repairs are on schedule and the dock reopens on Friday",
    "Nobody has shown us the final figures",
    "This is a fair offer and it will not improve",
    "Our crews have waited three weeks for an answer",
    "The levy was never meant to punish small boats",
    "We asked for a delay because the translation was wrong",
    "The ferries will run again once the storm passes",
]
OUTLETS = [
    "Coastal Ledger",
    "Harbour Gazette",
    "Northern Tide",
    "Vell Courier",
    "Sound Post",
    "Bay Chronicle",
    "Port Review",
    "Island Times",
    "Quay Daily",
    "Fjord Herald",
]


def invent_article(n: int, rng: random.Random) -> tuple[str, list[str], list[str]]:
    """(title, paragraphs, comments) for article n: varied people, quotes and framing."""
    people = [(rng.choice(GIVEN), rng.choice(FAMILY), rng.choice(ROLES), rng.choice(COUNTRIES)) for _ in range(3)]
    (g1, f1, r1, c1), (g2, f2, r2, c2), (g3, f3, r3, _) = people
    subject, place, agency = rng.choice(SUBJECTS), rng.choice(PLACES), rng.choice(AGENCIES)
    claim, other = rng.sample(CLAIMS, 2)
    title = f"{c1} and {c2} clash over the {subject} in {place} (report {n})"
    paragraphs = [
        f"{c1} {r1} {g1} {f1} has said that the {subject} talks in {place} "
        f"“cannot go on like this” after day {n % 9 + 2} without progress.",
        f"Source: {f1} at a press conference in {place}, quoted by {agency}",
        f"Details: {f1} also accused {c2} of allegedly delaying the {subject}, but did not say how.",
        f"Quote from {f1}: “{claim}. We said so on day one and we say it again today.”",
        f"{g2} {f2}, the {r2} of {c2}, said that her side had answered every proposal and that the "
        f"so-called delay was a matter of paperwork.",
        f"“{other},” {f2} told reporters on the quay, adding that the {subject} would be discussed again.",
        f"{g3} {f3}, a {r3}, stated that a new round would open on {rng.choice(['Monday', 'Tuesday', 'Friday'])}.",
        f"The {subject} has divided the two governments since {2000 + n % 25}, when the first draft "
        f"was tabled by {rng.choice(COUNTRIES)}.",
    ]
    comments = [f"{f1} again? Same speech every week.", "Liked by 12 people", f"Reader {n} says: fake news."]
    return title, paragraphs, comments


def build_site(server: FeedServer, total: int, per_feed: int, seed: int = 7) -> tuple[list[str], list[tuple[str, str]]]:
    """Serve `total` pages and feeds of `per_feed` entries; return (pages as HTML, feeds as (id, url))."""
    rng = random.Random(seed)
    pages, feeds, items = [], [], []
    for n in range(total):
        title, paragraphs, comments = invent_article(n, rng)
        outlet = OUTLETS[n % len(OUTLETS)]
        html = article_page(title, paragraphs, comments, outlet=outlet, url=f"https://news.example.net/{n}")
        server.route(f"/a/{n}.html", html, content_type="text/html; charset=utf-8")
        pages.append(html)
        items.append((title, server.url(f"/a/{n}.html"), paragraphs[0][:140]))
    for start in range(0, total, per_feed):
        feed_id = f"feed-{start // per_feed}"
        server.route(f"/{feed_id}.xml", rss(items[start : start + per_feed], title=feed_id))
        feeds.append((feed_id, server.url(f"/{feed_id}.xml")))
    return pages, feeds


def catalogue_text(feeds: list[tuple[str, str]]) -> str:
    parts = [f'[[feeds]]\nid = "{fid}"\nname = "{fid}"\nurl = "{url}"\n' for fid, url in feeds]
    parts.append('[[topics]]\nid = "talks"\nname = "Talks"\nquery = "talks OR annex OR levy"\n')
    return "\n".join(parts)


async def through_poller(workdir: Path, feeds: list[tuple[str, str]], per_host: int) -> tuple[int, float]:
    """Articles stored and seconds taken by one Poller.run_once over every feed."""
    catalogue = workdir / "catalogue.toml"
    catalogue.write_text(catalogue_text(feeds), encoding="utf-8")
    database = workdir / "poller.db"
    settings = load_settings(
        env_file=None,
        DATABASE_URL=f"sqlite:///{database}",
        CATALOGUE_FILE=str(catalogue),
        FETCH_ALLOW_PRIVATE_NETWORKS=True,
        FETCH_PER_HOST=per_host,
        FETCH_CONCURRENCY=max(8, per_host),
        LOG_LEVEL="WARNING",
    )
    store = await open_store(settings)
    try:
        await store.chats.ensure(1)
        await store.chats.subscribe(1, "talks")  # so topic matching is part of the run
        async with Fetcher.from_settings(settings) as fetcher:
            poller = Poller(store, fetcher, settings)
            started = time.perf_counter()
            report = await poller.run_once()
            elapsed = time.perf_counter() - started
            print(f"  poll report: {report.line()}")
            return report.new_articles, elapsed
    finally:
        await store.close()


async def without_http(workdir: Path, pages: list[str]) -> tuple[int, float]:
    store = await Store.open(workdir / "direct.db")
    try:
        stored, started = 0, time.perf_counter()
        for n, html in enumerate(pages):
            url = f"https://news.example.net/{n}"
            article = await asyncio.to_thread(extract_and_analyse, html, url, RulesAnalyser())
            article.url = url
            stored += await store_article(store, article, feed_id=None) is not None
        return stored, time.perf_counter() - started
    finally:
        await store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300, help="article pages to generate (default 300)")
    ap.add_argument("--per-feed", type=int, default=30, help="entries per feed (default 30, the poller's cap)")
    ap.add_argument("--per-host", type=int, default=8, help="FETCH_PER_HOST for the run (default 8)")
    args = ap.parse_args()
    server = FeedServer().start()
    try:
        pages, feeds = build_site(server, args.articles, args.per_feed)
        print(
            f"generated {len(pages)} pages in {len(feeds)} feeds, mean page {sum(map(len, pages)) // len(pages)} chars"
        )
        with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
            workdir = Path(tmp)
            stored, elapsed = asyncio.run(through_poller(workdir, feeds, args.per_host))
            print(
                f"fetch+parse+extract+analyse+store+match, one poll of every feed: {stored} articles "
                f"in {elapsed:.2f} s = {stored / elapsed:.1f} articles/s"
            )
            stored, elapsed = asyncio.run(without_http(workdir, pages))
            print(
                f"extract+analyse+store (no HTTP, one thread): {stored} articles in {elapsed:.2f} s "
                f"= {stored / elapsed:.1f} articles/s"
            )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
