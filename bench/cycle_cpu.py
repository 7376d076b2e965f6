"""CPU of one feed cycle in one process: bench.scale's feeds, polled once, on a fresh database.

Run: python -m bench.cycle_cpu [--database-url URL] [--feeds 1000] [--profile FILE]

bench.scale's feeds (one new article each, one topic per feed, every topic subscribed) are
served from a child process, so that serving them is not counted, and one `Poller.run_once`
checks them all with the analysis in threads, as a `briefbot worker` does in bench.scale.
Prints the CPU seconds of this process and of its PostgreSQL backend per 1,000 feeds (what
the machine's load does not change, unlike the wall time, which is printed too), and the
statements sent per feed (each a round trip). With `--profile FILE`, the cycle runs under
cProfile (the event loop's thread only) and the stats go to FILE; the CPU figures then
include the profiler's own cost.

`--database-url` defaults to TEST_DATABASE_URL, else a SQLite file; on PostgreSQL the run
gets a fresh schema, dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import multiprocessing
import os
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from bench.cpu import own_cpu, process_cpu
from bench.scale import catalogue, fresh_database, publish
from tests.fakes.feed_server import FeedServer

APPLICATION = "bench-cycle-cpu"


def serve(feeds: int, ready: multiprocessing.Queue) -> None:
    """The feed server, in a child process: its CPU is not the poller's."""
    server = FeedServer().start()
    publish(server, feeds)
    ready.put(server.url("").rstrip("/"))
    while True:
        time.sleep(3600)


def backend_pids(url: str, application: str) -> list[int]:
    if not url.startswith("postgres"):
        return []
    import psycopg

    with psycopg.connect(url.split("?", 1)[0], autocommit=True) as admin:
        rows = admin.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", (application,))
        return [row[0] for row in rows.fetchall()]


def count_statements(into: Counter) -> None:
    """Count each statement a PostgreSQL store sends (the SQLite store has no round trips)."""
    from bot.store.pg_link import PgLink

    run = PgLink.run

    async def counted(self, sql, *args, **kwargs):
        into[" ".join(sql.split())[:100]] += 1
        return await run(self, sql, *args, **kwargs)

    PgLink.run = counted  # type: ignore[method-assign]


async def one_cycle(url: str, catalogue_path: Path, feeds: int, profile: str | None) -> None:
    from bot.fetch.client import Fetcher
    from bot.ingest.poller import Poller
    from bot.ingest.workers import AnalysisWorkers
    from bot.runtime import open_store
    from bot.settings import load_settings

    application = f"{APPLICATION}-{uuid.uuid4().hex[:8]}"
    if url.startswith("postgres"):
        url = f"{url}&application_name={application}"
    settings = load_settings(
        env_file=None,
        DATABASE_URL=url,
        CATALOGUE_FILE=str(catalogue_path),
        LOG_LEVEL="WARNING",
        FETCH_ALLOW_PRIVATE_NETWORKS="true",
        FETCH_PER_HOST="8",  # as in bench.scale: every feed is on the one loopback server
        ANALYSIS_WORKERS=0,
    )
    store = await open_store(settings)
    statements: Counter = Counter()
    try:
        for n in range(feeds):
            await store.chats.ensure(1000 + n, "private", None)
            await store.chats.subscribe(1000 + n, f"port-{n}")
        await store.db.execute("UPDATE feeds SET next_check_at = 0")
        count_statements(statements)
        async with Fetcher.from_settings(settings) as fetcher, AnalysisWorkers.from_settings(settings) as workers:
            poller = Poller(store, fetcher, settings, workers=workers)
            backends = backend_pids(url, application)
            backend_before = sum(process_cpu(pid) or 0.0 for pid in backends)
            profiler = cProfile.Profile() if profile else None
            cpu_before, started = own_cpu(), time.perf_counter()
            if profiler:
                profiler.enable()
            report = await poller.run_once()
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile)
            cpu, wall = own_cpu() - cpu_before, time.perf_counter() - started
            backend = sum(process_cpu(pid) or 0.0 for pid in backends) - backend_before
    finally:
        await store.close()
    per = 1000 / feeds
    print(f"cycle: {report.line()}")
    print(
        f"CPU s per 1,000 feeds: this process {cpu * per:.2f}"
        + (f", its PostgreSQL backend {backend * per:.2f}" if backends else "")
        + f"; wall {wall:.1f} s for {feeds} feeds; load {os.getloadavg()[0]:.1f}"
    )
    if statements:
        print(f"statements per feed: {sum(statements.values()) / feeds:.2f}")
        for sql, count in statements.most_common(12):
            print(f"  {count / feeds:6.2f}  {sql}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--profile", help="write cProfile stats of the cycle to this file")
    args = parser.parse_args()
    spawn = multiprocessing.get_context("spawn")  # a fork would copy this process's state for nothing
    ready = spawn.Queue()
    server = spawn.Process(target=serve, args=(args.feeds, ready), daemon=True)
    server.start()
    try:
        base = ready.get(timeout=60)
        with tempfile.TemporaryDirectory() as tmp:
            catalogue_path = Path(tmp) / "catalogue.toml"
            catalogue_path.write_text(catalogue(base, args.feeds), encoding="utf-8")
            with fresh_database(args.database_url, Path(tmp), "cycle") as url:
                asyncio.run(one_cycle(url, catalogue_path, args.feeds, args.profile))
    finally:
        server.terminate()
        server.join(5)


if __name__ == "__main__":
    main()
