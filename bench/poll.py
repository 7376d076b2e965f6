"""Polling at scale: N local feeds, some hostile, through three poll cycles.

    python bench/poll.py [--feeds 1000] [--entries 20] [--hostile 0.05] [--feeds-per-host 5] [--new 100]
                         [--workers N]

A separate process serves N RSS feeds of --entries seed-style articles each on
127.0.0.1 (a share of them hostile: malformed, HTML, empty, 404, 503 with
Retry-After, redirect loop, gzip bomb, endless body, slow drip). Every feed
lives on a host name of its own site (--feeds-per-host feeds share one), and a
resolver stub sends those names to 127.0.0.1, so the per-host cap behaves as it
would on the real web while nothing leaves loopback.

Prints, for the first cycle (everything new), feeds/s and articles/s stored
(fetch, parse, extract, analyse, store, match); the time of a cycle where every
healthy feed answers 304; the time of a cycle where --new feeds have one new
article each; and the peak memory of the bot's process, alone and with its
analysis worker processes (ANALYSIS_WORKERS, --workers); and, per cycle, the CPU time
of the bot and its workers, which the machine's load does not change. Goals on a 2-core
machine: >= 50 articles/s, all-304 < 5 s, 100-new < 20 s, peak < 300 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.client
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# An analysis worker process re-imports this module as __mp_main__; it needs none of the bench,
# and without these the workers weigh what the bot's own would (the bot's entry point is not re-imported).
if __name__ != "__mp_main__":
    from bench.ingest import OUTLETS, invent_article
    from bot.fetch.client import Fetcher
    from bot.fetch.urlguard import URLGuard
    from bot.ingest.poller import Poller, PollReport
    from bot.ingest.workers import AnalysisWorkers
    from bot.runtime import open_store
    from bot.settings import load_settings
    from tests.articles.pages import article_page, rss
    from tests.fakes.feed_server import fake_resolver

HOSTILE_KINDS = (
    "malformed",
    "html",
    "empty",
    "missing",
    "unavailable",
    "redirect-loop",
    "gzip-bomb",
    "endless",
    "slow-drip",
)
DOMAIN = "bench.test"


# ---------------------------------------------------------------- the sites (child process)
class Sites:
    """What the server answers; `bumped` feeds carry one entry more than the others."""

    def __init__(self, feeds: int, entries: int, hostile_share: float, per_host: int) -> None:
        self.feeds, self.entries, self.per_host = feeds, entries, per_host
        every = round(1 / hostile_share) if hostile_share > 0 else feeds + 1
        spots = range(every - 1, feeds, every)
        self.hostile = {i: HOSTILE_KINDS[n % len(HOSTILE_KINDS)] for n, i in enumerate(spots)}
        self.bumped: set[int] = set()

    @functools.cached_property
    def bomb(self) -> bytes:
        """64 MB of spaces, gzipped; built in the server process, a megabyte at a time, so that
        building it counts in neither process's peak as 64 MB."""
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip stream
        parts = [packer.compress(b"<rss>")]
        parts += [packer.compress(b" " * (1024 * 1024)) for _ in range(64)]
        return b"".join([*parts, packer.flush()])

    def host(self, feed: int) -> str:
        return f"site{feed // self.per_host}.{DOMAIN}"

    def feed_url(self, feed: int, port: int) -> str:
        return f"http://{self.host(feed)}:{port}/f/{feed}.xml"

    def bump(self, count: int) -> list[int]:
        healthy = [i for i in range(self.feeds) if i not in self.hostile]
        chosen = healthy[:: max(1, len(healthy) // count)][:count]
        self.bumped.update(chosen)
        return chosen

    def feed(self, feed: int, port: int) -> tuple[str, str]:
        """(RSS text, ETag) of a healthy feed: newest entry first."""
        count = self.entries + (feed in self.bumped)
        items = []
        for k in reversed(range(count)):
            title, paragraphs, _ = invent_article(feed * 1000 + k, random.Random(feed * 1000 + k))
            link = f"http://{self.host(feed)}:{port}/a/{feed}/{k}.html"
            items.append((title, link, paragraphs[0][:140]))
        return rss(items, title=f"feed {feed}"), f'"{feed}-{count}"'

    def page(self, feed: int, k: int) -> str:
        n = feed * 1000 + k
        title, paragraphs, comments = invent_article(n, random.Random(n))
        outlet = OUTLETS[feed % len(OUTLETS)]
        return article_page(title, paragraphs, comments, outlet=outlet, url=f"https://news.example.net/{n}")


def _handler(sites: Sites, stopping: threading.Event) -> type[BaseHTTPRequestHandler]:
    """A handler class bound to `sites` (http.server builds one handler per request)."""
    return type("BoundSiteHandler", (SiteHandler,), {"sites": sites, "stopping": stopping})


class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    sites: Sites  # set by _handler
    stopping: threading.Event

    def do_GET(self) -> None:
        parts = self.path.split("?")[0].strip("/").split("/")
        try:
            if parts[0] == "f":
                self._feed(int(parts[1].removesuffix(".xml")))
            elif parts[0] == "a":
                self._send(200, self.sites.page(int(parts[1]), int(parts[2].removesuffix(".html"))), "text/html")
            elif parts[0] == "bump":
                self._send(200, " ".join(map(str, self.sites.bump(int(parts[1])))), "text/plain")
            else:
                self._send(404, "not found", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _feed(self, feed: int) -> None:
        kind = self.sites.hostile.get(feed)
        if kind:
            return self._hostile(kind, feed)
        body, etag = self.sites.feed(feed, self.server.server_address[1])
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, "", None, {"ETag": etag})
        self._send(200, body, "application/rss+xml; charset=utf-8", {"ETag": etag})

    def _hostile(self, kind: str, feed: int) -> None:
        if kind == "malformed":
            self._send(200, "<rss><channel><item><title>broken &bogus; <link>", "application/rss+xml")
        elif kind == "html":
            self._send(200, "<html><body><p>Welcome to our site</p></body></html>", "text/html")
        elif kind == "empty":
            self._send(200, "", "application/rss+xml")
        elif kind == "missing":
            self._send(404, "gone fishing", "text/plain")
        elif kind == "unavailable":
            self._send(503, "busy", "text/plain", {"Retry-After": "3600"})
        elif kind == "redirect-loop":
            self._send(302, "", None, {"Location": f"/f/{feed}.xml?again"})
        elif kind == "gzip-bomb":
            self._raw(200, self.sites.bomb, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})
        elif kind == "endless":
            self._drip(b"<item><title>more</title></item>" * 512, 0.0)
        else:  # slow drip: a byte at a time, never finishing within the deadline
            self._drip(b" ", 0.5)

    def _send(self, status: int, text: str, content_type: str | None, headers: dict | None = None) -> None:
        all_headers = dict(headers or {})
        if content_type:
            all_headers["Content-Type"] = content_type
        self._raw(status, text.encode(), all_headers)

    def _raw(self, status: int, body: bytes, headers: dict) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, chunk: bytes, pause: float) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        while not self.stopping.is_set():
            self.wfile.write(chunk)
            self.wfile.flush()
            if pause and self.stopping.wait(pause):
                return

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(sites: Sites, ready: multiprocessing.Queue) -> None:
    stopping = threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(sites, stopping))
    httpd.daemon_threads = True
    httpd.request_queue_size = 256
    ready.put(httpd.server_address[1])
    httpd.serve_forever(0.1)


# ---------------------------------------------------------------- the bot side
def catalogue_text(sites: Sites, port: int) -> str:
    parts = [
        f'[[feeds]]\nid = "feed-{i}"\nname = "Feed {i}"\nurl = "{sites.feed_url(i, port)}"\n'
        for i in range(sites.feeds)
    ]
    parts.append('[[topics]]\nid = "talks"\nname = "Talks"\nquery = "talks OR annex OR levy"\n')
    return "\n".join(parts)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TreeMemory:
    """The bot's process and its analysis workers: the peak of their summed resident memory and
    the CPU time they used, sampled five times a second (the feed server, also a child, is left out).
    CPU seconds per article do not depend on what else the machine runs; wall time does."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid
        self.peak_mb = 0.0
        self.worker_cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            workers = [p for p in _children(os.getpid()) if p != self.server_pid]
            self.peak_mb = max(self.peak_mb, sum(_rss_mb(pid) for pid in [os.getpid(), *workers]))
            for pid in workers:
                self.worker_cpu[pid] = max(self.worker_cpu.get(pid, 0.0), _cpu_seconds(pid))

    def cpu_seconds(self) -> tuple[float, float]:
        """(the bot's process, its workers so far): CPU seconds, user and system."""
        own = resource.getrusage(resource.RUSAGE_SELF)
        return own.ru_utime + own.ru_stime, sum(self.worker_cpu.values())


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass  # a worker that just ended
    return 0.0


async def run_cycles(workdir: Path, sites: Sites, port: int, new: int, workers: int | None, watch: TreeMemory) -> None:
    catalogue = workdir / "catalogue.toml"
    catalogue.write_text(catalogue_text(sites, port), encoding="utf-8")
    settings = load_settings(
        env_file=None,
        DATABASE_URL=f"sqlite:///{workdir / 'poll.db'}",
        CATALOGUE_FILE=str(catalogue),
        LOG_LEVEL="ERROR",
        **({} if workers is None else {"ANALYSIS_WORKERS": workers}),
    )
    print(f"analysis workers: {settings.analysis_workers} (ANALYSIS_WORKERS; 0 = in the bot's own process)")
    hosts = {sites.host(i): ["127.0.0.1"] for i in range(sites.feeds)}
    guard = URLGuard(False, frozenset({"127.0.0.1"}), resolver=fake_resolver(hosts))
    store = await open_store(settings)
    try:
        await store.chats.ensure(1)
        await store.chats.subscribe(1, "talks")  # so topic matching is part of the run
        async with (
            Fetcher.from_settings(settings, guard=guard) as fetcher,
            AnalysisWorkers.from_settings(settings) as analysis,
        ):
            poller = Poller(store, fetcher, settings, workers=analysis)
            report, elapsed = await timed_cycle(poller, watch)
            print(f"first cycle: {report.line()}")
            print(
                f"first cycle: {report.feeds_checked} feeds in {elapsed:.1f} s = "
                f"{report.feeds_checked / elapsed:.1f} feeds/s, {report.new_articles} articles stored = "
                f"{report.new_articles / elapsed:.1f} articles/s (goal >= 50); peak {peak_mb():.0f} MB"
            )
            await make_healthy_feeds_due(store, settings.poll_interval_seconds)
            report, elapsed = await timed_cycle(poller, watch)
            print(f"all-304 cycle: {report.line()}")
            print(f"all-304 cycle: {report.not_modified} feeds answered 304 in {elapsed:.2f} s (goal < 5 s)")
            bumped = bump(port, new)
            await make_healthy_feeds_due(store, settings.poll_interval_seconds)
            report, elapsed = await timed_cycle(poller, watch)
            print(f"{new}-new cycle: {report.line()}")
            print(
                f"{new}-new cycle: {len(bumped)} feeds with one new article, {report.new_articles} stored "
                f"in {elapsed:.2f} s (goal < 20 s)"
            )
    finally:
        await store.close()
    print(f"peak memory of the bot's process: {peak_mb():.0f} MB")


async def timed_cycle(poller: Poller, watch: TreeMemory) -> tuple[PollReport, float]:
    """The cycle's report and wall time; prints the CPU time it took, which load does not change."""
    started, (own, workers) = time.perf_counter(), watch.cpu_seconds()
    report = await poller.run_once()
    elapsed = time.perf_counter() - started
    await asyncio.sleep(0.5)  # one more sample of the workers' CPU time
    own_after, workers_after = watch.cpu_seconds()
    cpu = own_after - own + workers_after - workers
    per_article = f", {report.new_articles / cpu:.1f} articles per CPU second" if report.new_articles else ""
    print(
        f"  CPU {cpu:.1f} s (bot {own_after - own:.1f} s, workers {workers_after - workers:.1f} s) "
        f"in {elapsed:.1f} s{per_article}; load average {os.getloadavg()[0]:.1f}"
    )
    return report, elapsed


async def make_healthy_feeds_due(store, interval: float) -> None:
    """What the passing of one poll interval does: feeds without errors are due again; failed ones
    stay in their back-off (two intervals at least). The back-off is kept by hand because the bench's
    own first cycle may outlast it on the wall clock, which would put the slow-drip feeds (a fetch
    deadline each) into cycles that are meant to measure the healthy feeds."""
    await store.db.execute("UPDATE feeds SET next_check_at = 0 WHERE error_count = 0 AND disabled_reason IS NULL")
    await store.db.execute(
        "UPDATE feeds SET next_check_at = MAX(next_check_at, ?) WHERE error_count > 0", (time.time() + interval,)
    )


def bump(port: int, count: int) -> list[str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", f"/bump/{count}")
        return connection.getresponse().read().decode().split()
    finally:
        connection.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=1000, help="number of feeds (default 1000)")
    ap.add_argument("--entries", type=int, default=20, help="entries per feed (default 20)")
    ap.add_argument("--hostile", type=float, default=0.05, help="share of hostile feeds (default 0.05)")
    ap.add_argument("--feeds-per-host", type=int, default=5, help="feeds sharing one site host (default 5)")
    ap.add_argument("--new", type=int, default=100, help="feeds with one new article in the third cycle")
    ap.add_argument("--workers", type=int, default=None, help="ANALYSIS_WORKERS (default: the setting's default)")
    args = ap.parse_args()
    sites = Sites(args.feeds, args.entries, args.hostile, args.feeds_per_host)
    ready: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(sites, ready), daemon=True)
    server.start()
    try:
        port = ready.get(timeout=30)
        print(
            f"{args.feeds} feeds x {args.entries} entries on {len({sites.host(i) for i in range(args.feeds)})} "
            f"hosts, {len(sites.hostile)} hostile ({', '.join(HOSTILE_KINDS)})"
        )
        with tempfile.TemporaryDirectory(prefix="briefbot-poll-") as tmp, TreeMemory(server.pid) as memory:
            asyncio.run(run_cycles(Path(tmp), sites, port, args.new, args.workers, memory))
        print(f"peak memory of the bot's process with its analysis workers: {memory.peak_mb:.0f} MB (goal < 300 MB)")
    finally:
        server.terminate()
        server.join(5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
