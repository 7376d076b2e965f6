"""Hostile input, every case of issue 13's list, on loopback only.

    python -m bench.hostile [--deadline 5] [--only GROUP]

Feeds, HTTP answers, storage failures and start-up failures go through the real
poller or the real `python -m bot`; pages, chats and files through the running bot
and the fake Bot API (tests/fakes), as a user meets them. Address refusals for
ranges other than loopback are checked with the URL guard alone and a resolver
stub: nothing here opens a connection to, or looks up a name at, any address but
127.0.0.1 (redirect cases point at other loopback addresses, so even a broken
guard would stay on this machine).

Prints one row per case: group, case, outcome, seconds, peak memory (the bench
process's resident high-water mark during the case, reset before each case
through /proc/self/clear_refs, so it counts what earlier cases left resident as
well, the fake servers' threads included; for start-up cases the child's peak),
and a summary line: cases that crashed, that took longer than the fetch deadline
(plus SLACK for the work around a fetch), that went over 300 MB, or whose outcome
was not the expected refusal or result.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import logging
import os
import re
import resource
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

import brotli

from bot.fetch.client import Fetcher
from bot.fetch.errors import FetchError
from bot.fetch.urlguard import URLGuard
from bot.ingest.poller import Poller
from bot.runtime import open_store
from bot.settings import Settings, load_settings
from tests.articles.pages import article_page, rss
from tests.fakes.bot_api import TEST_CHAT_INTERVAL, TEST_TOKEN, FakeBotApi, FloodLimits
from tests.fakes.feed_server import FeedServer, fake_resolver
from tests.telegram.harness import RunningBot, bot_running

ROOT = Path(__file__).resolve().parents[1]
SLACK = 2.0  # seconds of parsing, storing and replying allowed on top of the fetch deadline
MEMORY_LIMIT_MB = 300
BOMB_BYTES = 256 * 1024 * 1024  # what each compression bomb inflates to
TALKS = [
    "Harbour talks resumed in Geneva on Monday after a week of delay, the mediators said.",
    "Anna Soderlund, a spokeswoman for the mediators, said: “The talks will run until a draft is signed.”",
]
INJECTION = 'Talks <b>resume</b> & <a href="javascript:alert(1)">go</a> <i>now'
INVISIBLE = "\u202e\u200f\u2066\x00\x1b\x7f\u200b"
# Names the resolver stub knows; every other name is "not found" without a lookup.
FLOOD = "command flood (COMMANDS_PER_MINUTE)"
STUB_NAMES = {"feeds.example": ["127.0.0.1"], "intranet.example": ["127.0.0.3"]}


@dataclass
class Row:
    group: str
    case: str
    outcome: str
    seconds: float
    peak_mb: float
    ok: bool
    crashed: bool = False


@dataclass
class Outcome:
    text: str
    ok: bool
    child_peak_mb: float | None = None  # set by cases that ran in a child process


Case = Callable[[], Awaitable[Outcome]]


@dataclass
class Cases:
    items: list[tuple[str, str, Case]] = field(default_factory=list)

    def add(self, group: str, name: str, case: Case) -> None:
        self.items.append((group, name, case))


# ---------------------------------------------------------------- memory


def reset_peak() -> None:
    """Linux lets a process reset its resident high-water mark; elsewhere the peak is the run's."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_mb() -> float:
    with contextlib.suppress(OSError):
        found = re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text())
        if found:
            return int(found.group(1)) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- the bench's loopback world


class Bench:
    def __init__(self, workdir: Path, deadline: float) -> None:
        self.workdir = workdir
        self.deadline = deadline
        self.feeds = FeedServer().start()
        self.bot_api = FakeBotApi(limits=FloodLimits(chat_interval=TEST_CHAT_INTERVAL)).start()
        self.port = int(self.feeds.url("/").split(":")[2].split("/")[0])
        self._serial = 0
        self.log_lines: list[str] = []

    def close(self) -> None:
        self.bot_api.stop()
        self.feeds.stop()

    def folder(self) -> Path:
        self._serial += 1
        path = self.workdir / f"case-{self._serial}"
        path.mkdir()
        return path

    def settings(self, folder: Path, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
            "TELEGRAM_API_BASE_URL": self.bot_api.base_url,
            "DATABASE_URL": f"sqlite:///{folder / 'bot.db'}",
            "FETCH_TIMEOUT_SECONDS": self.deadline,
            "FETCH_ALLOW_PRIVATE_NETWORKS": True,  # only for the running bot, which is given 127.0.0.1 links only
            "SEND_INTERVAL_PER_CHAT_SECONDS": TEST_CHAT_INTERVAL,
            "LOG_LEVEL": "WARNING",
        }
        return load_settings(env_file=None, **(values | overrides))

    def fetcher(self, settings: Settings) -> Fetcher:
        """Only 127.0.0.1 may be contacted; names come from the stub, never from DNS."""
        guard = URLGuard(
            allow_private=False, allowed_addresses=frozenset({"127.0.0.1"}), resolver=fake_resolver(STUB_NAMES)
        )
        return Fetcher(guard=guard, timeout_seconds=settings.fetch_timeout_seconds, per_host=settings.fetch_per_host)

    def page(self, path: str, title: str = "Harbour talks resume") -> str:
        text = [*TALKS, f"The story was filed as: {title}."]  # each page a story of its own, not a duplicate
        self.feeds.route(path, article_page(title, text, []), content_type="text/html; charset=utf-8")
        return self.feeds.url(path)


@dataclass
class PollResult:
    stored: list[str]
    failed: int
    last_error: str | None
    next_check_in: float
    logged: list[str]
    dated: int = 0  # stored articles that kept a publication date


class ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


async def poll(
    bench: Bench,
    url: str,
    *,
    during: Callable[[Poller, Path], Awaitable[None]] | None = None,
    cycles: int = 1,
    **overrides: object,
) -> PollResult:
    """A fresh store whose catalogue holds one feed at `url`; `cycles` poll cycles (the first
    through `during`, when given, which runs it); what the store and the log then show."""
    folder = bench.folder()
    catalogue = folder / "catalogue.toml"
    catalogue.write_text(
        f'[[feeds]]\nid = "case"\nname = "Case"\nurl = "{url}"\n\n[[topics]]\nid = "talks"\nname = "Talks"\n'
        'query = "talks"\n',
        encoding="utf-8",
    )
    settings = bench.settings(folder, CATALOGUE_FILE=str(catalogue), **overrides)
    store = await open_store(settings)
    errors = ListHandler()
    logging.getLogger("bot").addHandler(errors)
    try:
        await store.chats.ensure(1)
        await store.chats.subscribe(1, "talks")
        async with bench.fetcher(settings) as fetcher:
            poller = Poller(store, fetcher, settings)
            failed = 0
            for cycle in range(cycles):
                if cycle == 0 and during is not None:
                    await during(poller, folder / "bot.db")
                else:
                    await store.db.execute("UPDATE feeds SET next_check_at = 0, lease_until = 0")
                    failed = (await poller.run_once()).failed
        (feed,) = await store.feeds.all()
        async with store.db.execute("SELECT title, published_at FROM articles ORDER BY id") as cur:
            rows = list(await cur.fetchall())
        return PollResult(
            [r[0] for r in rows],
            failed,
            feed.last_error,
            feed.next_check_at - time.time(),
            errors.lines,
            sum(r[1] is not None for r in rows),
        )
    finally:
        logging.getLogger("bot").removeHandler(errors)
        await store.close()


def said(result: PollResult) -> str:
    text = f"{len(result.stored)} stored"
    if result.last_error:
        text += f"; /feeds: {result.last_error}"
    return text


# ---------------------------------------------------------------- feeds


def dated_rss(items: list[tuple[str, str, str, datetime | None]]) -> str:
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><description>{escape(s)}</description>"
        + (f"<pubDate>{format_datetime(when)}</pubDate>" if when else "")
        + "</item>"
        for t, link, s, when in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>{entries}</channel></rss>'


def serve(bench: Bench, path: str, body: bytes | str, content_type: str = "application/rss+xml") -> str:
    bench.feeds.route(path, body, content_type=content_type)
    return bench.feeds.url(path)


def one_item(title: str, link: str, declaration: str = '<?xml version="1.0"?>') -> str:
    item = f"<item><title>{title}</title><link>{link}</link></item>"
    return f'{declaration}<rss version="2.0"><channel><title>Ledger</title>{item}</channel></rss>'


async def feed_malformed(bench: Bench) -> Outcome:
    link = bench.page("/p/malformed.html")
    body = f'<?xml version="1.0"?><rss><channel><item><title>Talks &bogus; <b>resume</title><link>{link}</link>'
    result = await poll(bench, serve(bench, "/f/malformed.xml", body + "</item><<<>>>&&"))
    return Outcome(said(result), result.stored == ["Harbour talks resume"] or result.last_error is not None)


async def feed_wrong_declaration(bench: Bench) -> Outcome:
    link = bench.page("/p/wrong-decl.html", "Переговори в гавані")
    body = one_item("Переговори в гавані", link, '<?xml version="1.0" encoding="ISO-8859-1"?>')
    result = await poll(bench, serve(bench, "/f/wrong-decl.xml", body.encode("utf-8")))
    return Outcome(said(result), "Переговори в гавані" in result.stored)


async def feed_undeclared_cp1251(bench: Bench) -> Outcome:
    link = bench.page("/p/cp1251.html", "Переговори відновлено")
    body = one_item("Переговори відновлено", link, declaration="")
    result = await poll(bench, serve(bench, "/f/cp1251.xml", body.encode("cp1251"), "text/xml"))
    return Outcome(said(result), len(result.stored) == 1)


async def feed_non_utf8(bench: Bench) -> Outcome:
    link = bench.page("/p/non-utf8.html")
    body = one_item("Talks \udcff", link, '<?xml version="1.0" encoding="utf-8"?>')
    raw = body.encode("utf-8", "surrogateescape") + b"\xff\xfe\xc3\x28"
    result = await poll(bench, serve(bench, "/f/non-utf8.xml", raw))
    return Outcome(said(result), len(result.stored) == 1 or bool(result.last_error))


async def feed_html_as_feed(bench: Bench) -> Outcome:
    result = await poll(
        bench, serve(bench, "/f/html.xml", article_page("Harbour talks resume", TALKS, []), "text/html")
    )
    return Outcome(said(result), not result.stored and bool(result.last_error))


async def feed_empty_body(bench: Bench) -> Outcome:
    result = await poll(bench, serve(bench, "/f/empty.xml", b""))
    return Outcome(said(result), not result.stored and bool(result.last_error))


async def feed_missing_parts(bench: Bench) -> Outcome:
    now = datetime.now(UTC)
    items = [
        ("Talks without a link", "", "Harbour talks resumed, a summary without a link.", now),
        ("", bench.page("/p/untitled.html"), "Harbour talks resumed, untitled.", now),
        ("Talks without a date", bench.page("/p/undated.html", "Talks without a date"), "Harbour talks.", None),
    ]
    result = await poll(bench, serve(bench, "/f/missing.xml", dated_rss(items)))
    return Outcome(said(result), 1 <= len(result.stored) <= 2 and not result.last_error)


async def feed_duplicate_guids(bench: Bench) -> Outcome:
    link = bench.page("/p/dup.html")
    result = await poll(bench, serve(bench, "/f/dup.xml", rss([("Harbour talks resume", link, "")] * 5)))
    return Outcome(said(result), result.stored == ["Harbour talks resume"])


async def feed_far_dates(bench: Bench) -> Outcome:
    # No pages behind the links (404), so the only dates are the feed's own.
    missing = bench.feeds.url("/p/missing-")
    items = [
        ("Talks from 2999", f"{missing}future", "Harbour talks, as filed in 2999.", datetime(2999, 1, 1, tzinfo=UTC)),
        ("Talks from 1901", f"{missing}past", "Harbour talks, as filed in 1901.", datetime(1901, 1, 1, tzinfo=UTC)),
    ]
    result = await poll(bench, serve(bench, "/f/dates.xml", dated_rss(items)))
    kept = f"{said(result)}, {result.dated} with a date"
    return Outcome(kept, len(result.stored) == 2 and result.dated == 0)


async def feed_fifty_thousand(bench: Bench) -> Outcome:
    base = bench.feeds.url("/p/none-")
    items = "".join(f"<item><title>Talks {n}</title><link>{base}{n}</link></item>" for n in range(50_000))
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>{items}</channel></rss>'
    fetched_before = len(bench.feeds.requests)
    result = await poll(bench, serve(bench, "/f/50k.xml", body), FEED_MAX_ENTRIES=30)
    pages = sum(1 for r in bench.feeds.requests[fetched_before:] if r.path.startswith("/p/none-"))
    text = f"{len(body) // 1024} KB feed; {pages} pages asked for (FEED_MAX_ENTRIES=30); {said(result)}"
    return Outcome(text, pages <= 30 and not result.last_error)


FEED_CASES: list[tuple[str, Callable[[Bench], Awaitable[Outcome]]]] = [
    ("malformed XML", feed_malformed),
    ("wrong encoding declaration", feed_wrong_declaration),
    ("no declaration, windows-1251", feed_undeclared_cp1251),
    ("non-UTF-8 bytes", feed_non_utf8),
    ("HTML served as a feed", feed_html_as_feed),
    ("empty body", feed_empty_body),
    ("entries without link/title/date", feed_missing_parts),
    ("duplicate GUIDs", feed_duplicate_guids),
    ("dates far past and future", feed_far_dates),
    ("50,000 entries", feed_fifty_thousand),
]


# ---------------------------------------------------------------- HTTP


@functools.cache  # built before the clock starts (run_all), never inside a case
def bomb(encoding: str) -> bytes:
    """BOMB_BYTES of zeros compressed, built a megabyte at a time (the bench never holds them whole)."""
    zeros = bytes(1024 * 1024)
    if encoding == "br":
        squeezer = brotli.Compressor(quality=1)
        parts = [squeezer.process(zeros) for _ in range(BOMB_BYTES // len(zeros))]
        return b"".join(parts) + squeezer.finish()
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip wrapper
    parts = [packer.compress(zeros) for _ in range(BOMB_BYTES // len(zeros))]
    return b"".join(parts) + packer.flush()


def failed_in_words(result: PollResult) -> bool:
    return not result.stored and bool(result.last_error) and "\n" not in (result.last_error or "")


async def http_drip(bench: Bench) -> Outcome:
    bench.feeds.endless("/h/drip.xml", chunk=b"<item>", pause=0.2)
    result = await poll(bench, bench.feeds.url("/h/drip.xml"))
    return Outcome(said(result), failed_in_words(result))


async def http_endless(bench: Bench) -> Outcome:
    bench.feeds.endless("/h/endless.xml")
    result = await poll(bench, bench.feeds.url("/h/endless.xml"))
    return Outcome(said(result), failed_in_words(result))


async def http_bomb(bench: Bench, encoding: str) -> Outcome:
    body = bomb(encoding)
    bench.feeds.route(f"/h/bomb-{encoding}.xml", body, headers={"Content-Encoding": encoding})
    result = await poll(bench, bench.feeds.url(f"/h/bomb-{encoding}.xml"))
    return Outcome(f"{len(body) // 1024} KB -> 256 MB; " + said(result), failed_in_words(result))


async def http_loop(bench: Bench) -> Outcome:
    bench.feeds.redirect("/h/loop-a.xml", "/h/loop-b.xml")
    bench.feeds.redirect("/h/loop-b.xml", "/h/loop-a.xml")
    result = await poll(bench, bench.feeds.url("/h/loop-a.xml"))
    return Outcome(said(result), failed_in_words(result))


async def http_chain(bench: Bench) -> Outcome:
    for n in range(20):
        bench.feeds.redirect(f"/h/chain-{n}.xml", f"/h/chain-{n + 1}.xml")
    bench.feeds.route("/h/chain-20.xml", rss([]))
    result = await poll(bench, bench.feeds.url("/h/chain-0.xml"))
    return Outcome(said(result), failed_in_words(result))


async def http_retry_after(bench: Bench, status: int, seconds: int) -> Outcome:
    bench.feeds.route(f"/h/{status}.xml", b"busy", status=status, headers={"Retry-After": str(seconds)})
    result = await poll(bench, bench.feeds.url(f"/h/{status}.xml"))
    wait = result.next_check_in
    return Outcome(f"{said(result)}; next check in {wait / 60:.0f} min", seconds - 60 <= wait <= seconds + 60)


async def http_tls(bench: Bench) -> Outcome:
    bench.feeds.route("/h/tls.xml", rss([]))
    result = await poll(bench, bench.feeds.url("/h/tls.xml").replace("http://", "https://"))
    return Outcome(said(result), failed_in_words(result))


async def http_dns(bench: Bench) -> Outcome:
    result = await poll(bench, f"http://no-such-host.example:{bench.port}/feed.xml")  # a name the stub does not know
    return Outcome(said(result), failed_in_words(result))


HTTP_CASES: list[tuple[str, Callable[..., Awaitable[Outcome]], tuple]] = [
    ("slow drip (the whole fetch has a deadline)", http_drip, ()),
    ("endless body", http_endless, ()),
    ("gzip bomb", http_bomb, ("gzip",)),
    ("brotli bomb", http_bomb, ("br",)),
    ("redirect loop", http_loop, ()),
    ("redirect chain of 20", http_chain, ()),
    ("429 with Retry-After", http_retry_after, (429, 3600)),
    ("503 with Retry-After", http_retry_after, (503, 1200)),
    ("TLS failure", http_tls, ()),
    ("DNS failure", http_dns, ()),
]


# ---------------------------------------------------------------- addresses


def address_cases(bench: Bench, cases: Cases) -> None:
    """Each non-loopback refusal is the guard's check alone, with a stub for names: no connection, no lookup."""
    stub = fake_resolver(
        {
            "intranet.example": ["10.20.30.40"],
            "metadata.example": ["169.254.169.254"],
            "mixed.example": ["93.184.216.34", "192.168.0.9"],
            "mapped.example": ["::ffff:10.0.0.1"],
        }
    )
    guard = URLGuard(allow_private=False, resolver=stub)
    literal = {
        "127.0.0.0/8": "http://127.0.0.2/feed",
        "::1": "http://[::1]/feed",
        "10/8": "http://10.1.2.3/feed",
        "172.16/12": "http://172.20.0.1/feed",
        "192.168/16": "http://192.168.1.1/feed",
        "169.254/16": "http://169.254.169.254/latest/meta-data/",
        "100.64/10": "http://100.64.0.1/feed",
        "fc00::/7": "http://[fd12:3456::1]/feed",
        "fe80::/10": "http://[fe80::1]/feed",
        "0.0.0.0": "http://0.0.0.0/feed",
        "IPv4-mapped IPv6": "http://[::ffff:192.168.0.1]/feed",
        "decimal 2130706433": "http://2130706433/feed",
        "octal 0177.0.0.1": "http://0177.0.0.1/feed",
        "hex 0x0a000001": "http://0x0a000001/feed",
        "name resolving to 10/8": "http://intranet.example/feed",
        "name resolving to 169.254": "http://metadata.example/feed",
        "name with one private answer": "http://mixed.example/feed",
        "name resolving to mapped IPv6": "http://mapped.example/feed",
        "ftp://": "ftp://feeds.example/feed",
        "file://": "file:///etc/passwd",
        "javascript:": "javascript:alert(1)",
    }

    def refused(url: str) -> Case:
        async def run() -> Outcome:
            try:
                await guard.check(url)
            except FetchError as error:
                return Outcome(f"refused: {error}", True)
            return Outcome("ALLOWED", False)

        return run

    for name, url in literal.items():
        cases.add("addresses", name, refused(url))

    async def allowed_when_set() -> Outcome:
        checked = await URLGuard(allow_private=True, resolver=stub).check("http://10.1.2.3/feed")
        return Outcome(f"FETCH_ALLOW_PRIVATE_NETWORKS: passes the check ({checked.addresses[0]})", True)

    cases.add("addresses", "10/8 with private networks allowed", allowed_when_set)

    port = bench.port
    redirects = {
        "redirect to 127.0.0.2": f"http://127.0.0.2:{port}/feed",
        "redirect to ::1": f"http://[::1]:{port}/feed",
        "redirect to a name resolving to 127.0.0.3": f"http://intranet.example:{port}/feed",
        "redirect to decimal 2130706434": f"http://2130706434:{port}/feed",
        "redirect to ftp://": "ftp://127.0.0.1/feed",
    }

    def redirected(name: str, location: str) -> Case:
        async def run() -> Outcome:
            path = f"/r/{abs(hash(name))}.xml"
            bench.feeds.redirect(path, location)
            result = await poll(bench, bench.feeds.url(path))
            reason = result.last_error or ""
            return Outcome(said(result), not result.stored and ("refusing" in reason or "only http" in reason))

        return run

    for name, location in redirects.items():
        cases.add("addresses", name, redirected(name, location))


# ---------------------------------------------------------------- pages, chats and files: through the bot


@dataclass
class BotDesk:
    """The running bot (tests/telegram/harness.py) and a fresh chat id per case."""

    bot: RunningBot
    next_chat: int = 700_000

    def chat(self) -> int:
        self.next_chat += 1
        return self.next_chat

    async def briefing_for(self, title: str, page: bytes | str, content_type: str) -> str:
        """A subscriber's view of one article whose page is `page`: the briefing's text, or why none came."""
        chat = self.chat()
        await self.bot.say("/subscribe talks", 1, chat=chat)
        path = f"/pages/{chat}"
        self.bot.feed_server.route(path, page, content_type=content_type)
        self.bot.feed_server.route(
            "/feed.xml",
            rss([(title, self.bot.feed_server.url(path), f"Harbour talks resumed, the feed says ({chat}).")]),
        )
        await self.bot.cycle()
        try:
            (briefing,) = (await self.bot.bot_api.wait_for_messages(2, chat_id=chat, timeout=10))[1:]
        except AssertionError:
            return "no briefing"
        links = [e.get("url", "") for e in briefing.entities if e["type"] == "text_link"]
        if any(not url.startswith(("http://", "https://")) for url in links):
            return "UNSAFE LINK " + briefing.plain[:60]
        return briefing.plain

    async def reply_to(self, text: str, chat: int | None = None) -> str:
        (reply,) = await self.bot.say(text, 1, chat=chat or self.chat())
        return reply.plain


def page_cases(desk: Callable[[], BotDesk], cases: Cases) -> None:
    def first_line(text: str) -> str:
        return text.splitlines()[0] if text else text

    serial = iter(range(1, 1000))

    def story() -> list[str]:
        """The seed-style paragraphs and one of this page's own, so no two pages are one story."""
        return [*TALKS, f"The ledger filed this as story {next(serial)} of the round."]

    async def injection() -> Outcome:
        paragraphs = [TALKS[0] + " " + INJECTION, *story()[1:]]
        seen = await desk().briefing_for(INJECTION, article_page(INJECTION, paragraphs, []), "text/html")
        return Outcome("shown as text: " + first_line(seen)[:60], INJECTION in seen)

    async def real_tags() -> Outcome:
        page = (
            '<html><body><article><h1>Talks <b>resume</b> &amp; <a href="javascript:alert(1)">go</a></h1>'
            + "".join(f"<p>{p}</p>" for p in story())
            + "<script>alert(2)</script></article></body></html>"
        )
        seen = await desk().briefing_for("Talks resume & go", page, "text/html")
        return Outcome(first_line(seen)[:70], "Talks resume & go" in seen and "alert(" not in seen)

    async def ten_megabytes() -> Outcome:
        filler = "<p>" + "Fishing boats waited in port while the cranes were inspected. " * 20 + "</p>\n"
        page = article_page("Harbour talks resume", story(), [])
        page = page.replace("</div>", filler * (10_000_000 // len(filler)) + "</div>", 1)
        seen = await desk().briefing_for("Harbour talks resume", page, "text/html")
        return Outcome(f"{len(page) // 1_000_000} MB page: " + first_line(seen)[:50], "draft is signed" in seen)

    def not_html(body: bytes, content_type: str) -> Case:
        async def run() -> Outcome:
            seen = await desk().briefing_for("Harbour talks resume", body, content_type)
            shown = "the feed summary" if "the feed says" in seen else seen[:60]
            return Outcome(f"briefing from {shown}", "the feed says" in seen and "%PDF" not in seen)

        return run

    async def site_title() -> Outcome:
        page = (
            "<html><head><title>Coastal Ledger — News, Weather, Sport</title>"
            '<meta property="og:site_name" content="Coastal Ledger"></head><body><article>'
            "<h1>Harbour talks resume in Geneva</h1>"
            + "".join(f"<p>{p}</p>" for p in story())
            + "</article></body></html>"
        )
        seen = await desk().briefing_for("Coastal Ledger", page, "text/html")
        return Outcome(
            "headline: " + first_line(seen)[:60], first_line(seen).startswith("Harbour talks resume in Geneva")
        )

    async def drop_cap() -> Outcome:
        page = (
            "<html><body><article><h1>Harbour talks resume</h1>"
            '<span class="dropcap">H</span><p>arbour talks resumed in Geneva on Monday after a week of delay, the '
            "mediators said.</p>" + "".join(f"<p>{p}</p>" for p in story()[1:]) + "</article></body></html>"
        )
        seen = await desk().briefing_for("Harbour talks resume", page, "text/html")
        whole = "Harbour talks resumed" in seen and "H arbour" not in seen and "\narbour" not in seen
        return Outcome("first word whole: Harbour talks resumed" if whole else seen[:70].replace("\n", " / "), whole)

    cases.add("pages", "Telegram HTML in title and text", injection)
    cases.add("pages", "real tags and javascript: link in the headline", real_tags)
    cases.add("pages", "10 MB page", ten_megabytes)
    cases.add(
        "pages", "PDF page", not_html(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "application/pdf")
    )
    cases.add("pages", "binary page", not_html(os.urandom(8192), "application/octet-stream"))
    cases.add(
        "pages", "JSON page", not_html(json.dumps({"headline": "Talks", "body": TALKS}).encode(), "application/json")
    )
    cases.add("pages", "<title> is the site's name", site_title)
    cases.add("pages", "drop cap in its own element", drop_cap)


def chat_cases(desk: Callable[[], BotDesk], cases: Cases) -> None:
    def replies(command: str, expect: Callable[[str], bool]) -> Case:
        async def run() -> Outcome:
            seen = await desk().reply_to(command)
            return Outcome(seen.splitlines()[0][:80], expect(seen) and "went wrong" not in seen)

        return run

    def following(seen: str) -> bool:
        return seen.startswith("Following ")

    cases.add("chats", "10,000-character command", replies("/follow " + "harbour " * 1250, lambda s: "too long" in s))
    cases.add("chats", "unknown command", replies("/weather", lambda s: s.startswith("I don't know /weather")))
    cases.add(
        "chats",
        "control characters and RTL marks",
        replies(f"/follow {INVISIBLE}harbour\u202e talks", lambda s: s.startswith("Following harbour talks")),
    )
    cases.add("chats", "unbalanced quotes", replies('/follow "harbour talks', following))
    cases.add(
        "chats",
        "3,000 OR terms",
        replies("/follow " + " OR ".join(f"w{n}" for n in range(3000)), lambda s: "too long" in s),
    )
    cases.add(
        "chats",
        "360 OR terms",
        replies("/follow " + " OR ".join(f"w{n}" for n in range(360)), lambda s: "too many terms" in s),
    )
    cases.add("chats", "NEAR", replies("/follow NEAR(harbour talks, 3)", following))
    cases.add("chats", "prefix *", replies("/follow harb* OR *", following))
    cases.add("chats", "boost ^", replies("/follow ^harbour", following))
    cases.add("chats", "column filter", replies("/follow title:harbour", following))
    cases.add(
        "chats", "FTS operators in /ask", replies('/ask what did "Soderlund NEAR(* OR ^title: say', lambda s: bool(s))
    )
    chain = "-".join(f"x{n}" for n in range(60))
    cases.add(
        "chats",
        "60-term hyphen chain in /ask",
        replies(f"/ask quotes about {chain}", lambda s: "fewer" in s),
    )

    async def flood() -> Outcome:
        bench_desk = desk()
        chat = bench_desk.chat()
        limit = bench_desk.bot.services.settings.commands_per_minute
        before = len(bench_desk.bot.bot_api.messages_to(chat))
        for _ in range(limit + 10):
            bench_desk.bot.bot_api.queue_message(chat, "/help")
        await bench_desk.bot.bot_api.wait_for_messages(before + limit + 1, chat_id=chat, timeout=20)
        await asyncio.sleep(1.0)
        texts = [m.plain for m in bench_desk.bot.bot_api.messages_to(chat)[before:]]
        polite = [t for t in texts if t.startswith("You are sending commands faster")]
        return Outcome(
            f"{limit + 10} sent: {len(texts) - len(polite)} answered, {len(polite)} polite line",
            len(polite) == 1 and len(texts) == limit + 1,
        )

    cases.add("chats", FLOOD, flood)


def file_cases(desk: Callable[[], BotDesk], cases: Cases) -> None:
    def sent(name: str, data: bytes) -> Case:
        async def run() -> Outcome:
            bot = desk().bot
            chat = desk().chat()
            before = len(bot.bot_api.messages_to(chat))
            bot.bot_api.queue_document(chat, name, data)
            (reply,) = (await bot.bot_api.wait_for_messages(before + 1, chat_id=chat, timeout=10))[before:]
            added = await bot.store.chat_feeds.of_chat(chat)
            return Outcome(reply.plain.splitlines()[0][:80], not added and "went wrong" not in reply.plain)

        return run

    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "ha"}">' for n in range(9))
    huge = b'<?xml version="1.0"?><opml version="2.0"><body>' + b"<outline text='x'/>" * 200_000 + b"</body></opml>"
    cases.add("files", "OPML that is not XML", sent("feeds.opml", b"this is not xml \x00\xff at all"))
    cases.add("files", f"huge OPML ({len(huge) // 1_000_000} MB)", sent("feeds.opml", huge))
    cases.add(
        "files",
        "OPML nested 50,000 deep",
        sent("feeds.opml", b"<opml><body>" + b"<outline>" * 50_000 + b"</body></opml>"),
    )
    cases.add(
        "files",
        "billion laughs",
        sent(
            "feeds.opml",
            f'<?xml version="1.0"?><!DOCTYPE opml [{laughs}]><opml><body><outline text="&l8;"/></body></opml>'.encode(),
        ),
    )
    cases.add(
        "files",
        "external entity",
        sent(
            "feeds.opml",
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY s SYSTEM "file:///etc/hostname">]>'
            b'<opml><body><outline text="&s;"/></body></opml>',
        ),
    )


# ---------------------------------------------------------------- storage and start-up


def storage_cases(bench: Bench, cases: Cases) -> None:
    def feed_with_stories(name: str, count: int) -> str:
        items = []
        for n in range(count):
            path = f"/s/{name}-{n}.html"
            record = [f"Paragraph {p} of the record lists the ships waiting in port on day {n}." for p in range(60)]
            page = article_page(f"Harbour talks, day {n}", [*TALKS, *record], [])  # too long for a free page
            bench.feeds.route(path, page, content_type="text/html; charset=utf-8")
            bench.feeds.routes[path].delay = 0.5  # the cycle is still fetching when the write lock is taken
            items.append((f"Harbour talks, day {n}", bench.feeds.url(path), ""))
        bench.feeds.route(f"/s/{name}.xml", rss(items), etag=f'"v{count}"')
        return bench.feeds.url(f"/s/{name}.xml")

    async def locked_cycle(poller: Poller, db: Path) -> None:
        await poller.store.db.execute("PRAGMA busy_timeout=500")  # the lock outlasts it
        cycle = asyncio.create_task(poller.run_once())
        await asyncio.sleep(0.2)
        other = sqlite3.connect(db, isolation_level=None)  # another process holding the write lock
        other.execute("BEGIN IMMEDIATE")
        try:
            await cycle
        finally:
            other.execute("ROLLBACK")
            other.close()

    async def full_cycle(poller: Poller, db: Path) -> None:
        """A first story stored, then a second one offered while the database may not grow."""
        await poller.run_once()
        feed_with_stories("full", 2)
        await poller.store.db.execute("UPDATE feeds SET next_check_at = 0")
        await poller.store.db.execute("VACUUM")  # no free pages left inside the file for the new story to use
        async with poller.store.db.execute("PRAGMA page_count") as cur:
            (pages,) = await cur.fetchone()
        await poller.store.db.execute(f"PRAGMA max_page_count = {pages}")
        try:
            await poller.run_once()
        finally:
            await poller.store.db.execute(f"PRAGMA max_page_count = {pages * 10_000}")

    def retried(name: str, during: Callable[[Poller, Path], Awaitable[None]], stories: int) -> Case:
        async def run() -> Outcome:
            result = await poll(bench, feed_with_stories(name, 1), during=during, cycles=2)
            reason = re.search(r"\(([^)]*)\)", result.logged[0]) if result.logged else None
            logged = reason.group(1) if reason else "nothing logged"
            return Outcome(
                f"logged: {logged}; next cycle: {len(result.stored)} of {stories} stored",
                bool(result.logged) and len(result.stored) == stories,
            )

        return run

    cases.add("storage", "database locked during a cycle", retried("locked", locked_cycle, 1))
    cases.add("storage", "disk full during a cycle", retried("full", full_cycle, 2))

    async def corrupted() -> Outcome:
        folder = bench.folder()
        damaged = b"this is not a database at all " * 200
        (folder / "data").mkdir()
        (folder / "data" / "bot.db").write_bytes(damaged)
        outcome = await child(bench, folder, "poll", "--once")
        intact = (folder / "data" / "bot.db").read_bytes() == damaged
        return Outcome(
            outcome.text + ("" if intact else " (FILE CHANGED)"), outcome.ok and intact, outcome.child_peak_mb
        )

    cases.add("storage", "corrupted database at start-up", corrupted)


async def child(bench: Bench, folder: Path, *args: str, **env: str) -> Outcome:
    """`python -m bot ARGS` in `folder` with only `env`: one error line on stderr is the expected outcome."""
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{folder / 'data' / 'bot.db'}",
        **env,
    }

    def run() -> tuple[int, str, float]:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            cwd=folder,
            env=clean,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        watchdog = threading.Timer(120, process.kill)
        watchdog.start()
        assert process.stderr is not None
        stderr = process.stderr.read().decode(errors="replace")
        _, status, usage = os.wait4(process.pid, 0)
        watchdog.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        return process.returncode, stderr, usage.ru_maxrss / 1024

    code, stderr, peak = await asyncio.to_thread(run)
    errors = [line for line in stderr.splitlines() if " INFO " not in line and " WARNING " not in line]
    ok = code == 2 and len(errors) == 1 and "Traceback" not in stderr
    text = errors[0] if len(errors) == 1 else f"exit {code}, {len(errors)} error lines"
    return Outcome(text[:110], ok, peak)


def startup_cases(bench: Bench, cases: Cases) -> None:
    def closed_port() -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    async def unreachable() -> Outcome:
        base = f"http://127.0.0.1:{closed_port()}/bot"
        return await child(bench, bench.folder(), "run", TELEGRAM_BOT_TOKEN=TEST_TOKEN, TELEGRAM_API_BASE_URL=base)

    async def wrong_token() -> Outcome:
        bench.bot_api.strict_token = True
        try:
            return await child(
                bench,
                bench.folder(),
                "run",
                TELEGRAM_BOT_TOKEN="42:not-the-token",
                TELEGRAM_API_BASE_URL=bench.bot_api.base_url,
            )
        finally:
            bench.bot_api.strict_token = False

    async def missing_catalogue() -> Outcome:
        folder = bench.folder()
        return await child(bench, folder, "poll", "--once", CATALOGUE_FILE=str(folder / "nowhere" / "catalogue.toml"))

    async def unwritable() -> Outcome:
        folder = bench.folder()
        (folder / "data").write_text("a file where the data directory should be", encoding="utf-8")
        return await child(bench, folder, "poll", "--once")

    cases.add("start-up", "unreachable Telegram", unreachable)
    cases.add("start-up", "wrong token", wrong_token)
    cases.add("start-up", "missing catalogue file", missing_catalogue)
    cases.add("start-up", "unwritable data directory", unwritable)


# ---------------------------------------------------------------- running and printing


async def run_case(bench: Bench, group: str, name: str, case: Case) -> Row:
    reset_peak()
    started = time.perf_counter()
    try:
        outcome = await asyncio.wait_for(case(), timeout=max(60.0, bench.deadline * 6))
        crashed = False
    except Exception as error:  # the bench reports a crash rather than stopping
        outcome, crashed = Outcome(f"CRASH {type(error).__name__}: {error}"[:110], False), True
    seconds = time.perf_counter() - started
    peak = outcome.child_peak_mb if outcome.child_peak_mb is not None else peak_mb()
    row = Row(group, name, outcome.text.replace("\n", " "), seconds, peak, outcome.ok, crashed)
    print(
        f"  {group:9} {name[:44]:44} {seconds:6.2f} s {peak:6.0f} MB  {'ok' if row.ok else 'UNEXPECTED'}",
        file=sys.stderr,
    )
    return row


async def run_all(bench: Bench, only: str | None) -> list[Row]:
    cases = Cases()
    for name, feed_case in FEED_CASES:
        cases.add("feeds", name, functools.partial(feed_case, bench))
    for encoding in ("gzip", "br"):
        bomb(encoding)
    for name, http_case, args in HTTP_CASES:
        cases.add("http", name, functools.partial(http_case, bench, *args))
    for add in (address_cases, storage_cases, startup_cases):
        add(bench, cases)
    rows = [await run_case(bench, g, n, c) for g, n, c in cases.items if only in (None, g)]
    bot_cases = Cases()
    holder: list[BotDesk] = []
    for add_bot in (page_cases, chat_cases, file_cases):
        add_bot(lambda: holder[0], bot_cases)
    wanted = [(g, n, c) for g, n, c in bot_cases.items if only in (None, g)]
    if wanted:
        folder = bench.folder()

        def make_settings(**overrides: object) -> Settings:
            return bench.settings(folder, **overrides)

        async with bot_running(bench.bot_api, bench.feeds, make_settings, folder) as bot:
            holder.append(BotDesk(bot))
            rows += [await run_case(bench, g, n, c) for g, n, c in wanted]
    return rows


def not_a_fetch(row: Row) -> bool:
    """Rows the fetch deadline does not bound: a whole child process starting (its imports, Telegram
    retries), and a flood whose answers Telegram's per-chat limit paces."""
    return row.group == "start-up" or row.case in ("corrupted database at start-up", FLOOD)


def print_table(rows: list[Row], deadline: float) -> bool:
    width = max(len(r.case) for r in rows)
    print(f"{'group':9}  {'case':{width}}  {'seconds':>7}  {'peak MB':>7}  outcome")
    for r in rows:
        flag = "" if r.ok else "  <- UNEXPECTED"
        print(f"{r.group:9}  {r.case:{width}}  {r.seconds:7.2f}  {r.peak_mb:7.0f}  {r.outcome}{flag}")
    crashed = [r for r in rows if r.crashed]
    slow = [r for r in rows if r.seconds > deadline + SLACK and not not_a_fetch(r)]
    heavy = [r for r in rows if r.peak_mb > MEMORY_LIMIT_MB]
    unexpected = [r for r in rows if not r.ok]
    print(
        f"\n{len(rows)} cases: {len(crashed)} crashed, {len(slow)} over the fetch deadline "
        f"({deadline:g} s + {SLACK:g} s), {len(heavy)} over {MEMORY_LIMIT_MB} MB "
        f"(largest {max(r.peak_mb for r in rows):.0f} MB), {len(unexpected)} unexpected outcomes; "
        f"slowest {max(rows, key=lambda r: r.seconds).case!r} {max(r.seconds for r in rows):.1f} s"
    )
    for label, bad in (("over the deadline", slow), ("over memory", heavy)):
        for r in bad:
            print(f"  {label}: {r.group} / {r.case}")
    return not (crashed or slow or heavy or unexpected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadline", type=float, default=5.0, help="FETCH_TIMEOUT_SECONDS for the run")
    parser.add_argument(
        "--only", choices=["feeds", "http", "addresses", "pages", "chats", "files", "storage", "start-up"]
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the refusals are the outcomes; ERROR lines are still counted by the cases
    with tempfile.TemporaryDirectory(prefix="hostile-") as workdir:
        bench = Bench(Path(workdir), args.deadline)
        try:
            rows = asyncio.run(run_all(bench, args.only))
        finally:
            bench.close()
    passed = print_table(rows, args.deadline)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
