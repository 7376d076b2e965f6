"""Several processes on one database: 1 updates process and N workers, a burst of new articles.

Run: python -m bench.scale [--database-url URL] [--chats 3000] [--feeds 1000] [--workers 3] [--no-kill]
                           [--feed-latency SECONDS]

The parent runs the fake Bot API (tests/fakes/bot_api.py, Telegram's flood limits on) and a
feed server on loopback with one new article in every feed. It builds the database (every
feed and one topic per feed in the catalogue, each chat subscribed to one topic, so every
chat is owed one briefing), then starts `briefbot run --webhook` (the fake pushes updates to
it) and the workers (`briefbot worker`) as real processes, and measures until every briefing
went out. The scenario runs twice: with 1 worker, then with N; in the second, the worker
that is the sender is killed with SIGKILL after a third of the briefings went out.

Prints, per run: the feed cycle time (from the burst, made once every process is up, to
every feed checked and its article stored),
messages per second over the sending stretch (first to last briefing) and its ratio to 30/s, 429s, duplicates,
losses, the /help reply latency during the run; for the kill, the claims its sender held
(the most that may be sent twice). Goals: >= 95% of 30/s, no 429, no loss; feed cycle with
N workers <= 45% of 1 worker's.

Each run also prints the CPU seconds each role spent over the feed cycle (read from /proc:
the workers, their analysis pools, the updates process, PostgreSQL's backends for each, and
this process, which serves the feeds and the fake Bot API), their total divided by the
cores (the shortest cycle that CPU allows), and how busy the whole machine was (other
programs' share too). The last line sets the N-worker floor against the 1-worker cycle: the
best ratio the cores allow, whatever the code does.

What each run did over the cycle, to read the ratio by: each worker's CPU seconds and, of them,
its event loop's thread (fetching, storing, matching; the rest is its analysis threads); which
process held the sender lease as the cycle went (a worker holds it from the start, but sends
nothing before its matches are stored: a worker matches its new articles when it has 1,000 or
its poll is over, so in the 1-worker run the first briefing comes after the cycle); and the CPU
seconds of a fixed reference job (100 bench pages extracted and analysed in this process, just
before the burst): the same work costs more CPU seconds when other programs share the cores and
their caches, so two runs' CPU figures compare only as far as their reference jobs agree. A
run ends when every briefing went out, or when none has gone for a minute after the cycle (not
after the burst: a cycle slowed past a minute by other programs is not a stall).

The feed server answers at once by default, so the cycle is all CPU and database. Real feeds
take tens to hundreds of milliseconds to answer; `--feed-latency SECONDS` models that (every
feed and page answers after that long). Figures with it are a separate scenario, labelled as
such in the output, never the default.

`--database-url` defaults to TEST_DATABASE_URL, else a SQLite file; on PostgreSQL each run
gets a fresh schema, dropped afterwards. Each worker analyses in its own threads
(BENCH_ANALYSIS_WORKERS=N gives each a pool of N processes instead).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bench.cpu import CpuLedger, descendants, process_cpu, thread_cpu
from bench.fanout import chat_ids
from tests.articles.pages import article_page, rss
from tests.fakes.bot_api import TEST_TOKEN, FakeBotApi, FloodLimits
from tests.fakes.feed_server import FeedServer

SECRET = "bench-scale-secret"
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]  # 70 syllables: a unique word per feed


def place(n: int) -> str:
    """A made-up harbour name, unique per feed, written in letters only (one search token)."""
    word = ""
    for _ in range(3):
        n, digit = divmod(n, len(SYLLABLES))
        word += SYLLABLES[digit]
    return word


def headline(n: int) -> str:
    return f"Quay talks resume at Port {place(n).title()}"


def paragraphs(n: int) -> list[str]:
    name = place(n).title()
    return [
        f"Talks over the new quay at Port {name} resumed on Monday after a week of delay, the harbour board said.",
        f"“We expect a signed text before the ferries change timetable,” said Mira Holt, who chairs the {name} board.",
        f"The dockworkers' union said it would put the offer for Port {name} to a vote of its members.",
    ]


# ---------------------------------------------------------------- the installation


def catalogue(feed_base: str, feeds: int) -> str:
    parts = []
    for n in range(feeds):
        parts.append(f'[[feeds]]\nid = "port-{n}"\nname = "Port {place(n).title()} Gazette"\n')
        parts.append(f'url = "{feed_base}/feeds/{n}.xml"\n\n')
    for n in range(feeds):
        parts.append(f'[[topics]]\nid = "port-{n}"\nname = "Port {place(n).title()}"\nquery = "{place(n)}"\n\n')
    return "".join(parts)


def publish(server: FeedServer, feeds: int, latency: float = 0.0) -> None:
    """The burst: one new article in every feed (each answer `latency` seconds late, if modelled)."""
    for n in range(feeds):
        page = f"/articles/{n}.html"
        html = article_page(headline(n), paragraphs(n), [], outlet=f"Port {place(n).title()} Gazette")
        server.route(page, html, content_type="text/html; charset=utf-8", delay=latency)
        server.route(f"/feeds/{n}.xml", rss([(headline(n), server.url(page), paragraphs(n)[0])]), delay=latency)


async def open_store(url: str):
    from bot.store import Store

    return await Store.open(url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url)


async def build_database(url: str, catalogue_path: Path, chats: list[tuple[int, str]], feeds: int) -> None:
    from bot.catalogue import load_catalogue, sync_catalogue

    async with await open_store(url) as store:
        await sync_catalogue(store, load_catalogue(catalogue_path))
        for n, (chat_id, kind) in enumerate(chats):
            await store.chats.ensure(chat_id, kind, None if kind == "private" else f"Bench {kind} {chat_id}")
            await store.chats.subscribe(chat_id, f"port-{n % feeds}")
        # Not due until the burst: every process starts first, so start-up is not timed as polling.
        await store.db.execute("UPDATE feeds SET next_check_at = ?", (time.time() + 86400,))


async def burst_when_ready(url: str, processes: int, timeout: float = 300) -> float:
    """Once every process has registered, make every feed due at once; returns that moment."""
    deadline = time.time() + timeout
    async with await open_store(url) as store:
        while len(await store.processes.listed()) < processes and time.time() < deadline:
            await asyncio.sleep(0.2)
        burst = time.time()
        await store.db.execute("UPDATE feeds SET next_check_at = 0")
    return burst


def as_role(url: str, role: str) -> str:
    """The URL with the role as PostgreSQL's application_name, so its backends' CPU is told apart."""
    if not url.startswith("postgres"):
        return url
    schema = url.rsplit("search_path%3D", 1)[-1]
    return f"{url}&application_name={schema}-{role}"


def backend_roles(url: str) -> dict[str, list[int]]:
    """PostgreSQL backend processes of this run, by the role named in their application_name."""
    if not url.startswith("postgres"):
        return {}
    import psycopg

    schema = url.rsplit("search_path%3D", 1)[-1]
    admin_url = url.split("?", 1)[0]
    with psycopg.connect(admin_url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pid, application_name FROM pg_stat_activity WHERE application_name LIKE %s", (f"{schema}-%",)
        ).fetchall()
    roles: dict[str, list[int]] = {}
    for pid, name in rows:
        role = name.removeprefix(f"{schema}-").rstrip("0123456789")
        roles.setdefault(f"PostgreSQL for {role}", []).append(pid)
    return roles


@contextlib.contextmanager
def fresh_database(base: str | None, tmp: Path, run: str) -> Iterator[str]:
    """A SQLite file in tmp, or a fresh PostgreSQL schema (dropped afterwards)."""
    if not base or base.startswith("sqlite"):
        yield f"sqlite:///{tmp / f'{run}.db'}"
        return
    import psycopg

    schema = f"bench_scale_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


# ---------------------------------------------------------------- the processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(url: str, fake: FakeBotApi, catalogue_path: Path, port: int) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        "PYTHONUNBUFFERED": "1",
        "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": url,
        "CATALOGUE_FILE": str(catalogue_path),
        "FETCH_ALLOW_PRIVATE_NETWORKS": "true",
        "FETCH_PER_HOST": "8",  # every feed is on the one loopback server here
        "POLL_INTERVAL_SECONDS": "86400",  # one cycle per run: the burst
        "WORKER_TICK_SECONDS": "1",
        "SENDER_LEASE_SECONDS": "5",
        "DELIVERY_LEASE_SECONDS": "5",
        "FEED_LEASE_SECONDS": "60",
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/hook",
        "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
        "WEBHOOK_SECRET": SECRET,
        "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
        # Analysis in each worker's own threads by default, so that workers are what is compared
        # (with a pool per worker, one worker already fills every core of a small machine).
        "ANALYSIS_WORKERS": os.environ.get("BENCH_ANALYSIS_WORKERS", "0"),
    }


def start(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot", *args], env=env, cwd=cwd)


# ---------------------------------------------------------------- one run


@dataclass
class Run:
    workers: int
    feed_cycle: float = float("nan")
    kill_note: str = ""
    open_at_kill: int = 0
    latencies: list[float] = field(default_factory=list)
    cpu: CpuLedger = field(default_factory=CpuLedger)
    probe: float = float("nan")  # CPU s of the reference job, just before the burst
    # Each worker's CPU over the cycle, and of it its event loop's thread: pid -> [at start, at end].
    per_worker: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    senders: list[tuple[float, str]] = field(default_factory=list)  # (s after the burst, holder) as it changed

    def sample_workers(self, pids: list[int]) -> None:
        for pid in pids:
            total, loop = process_cpu(pid), thread_cpu(pid, pid)
            if total is not None and loop is not None:
                self.per_worker.setdefault(pid, []).append((total, loop))
                del self.per_worker[pid][1:-1]  # keep the first and the last

    def saw_sender(self, at: float, holder: str | None) -> None:
        if not self.senders or self.senders[-1][1] != (holder or "none"):
            self.senders.append((at, holder or "none"))


async def feeds_checked(url: str, since: float, feeds: int) -> bool:
    """Every feed checked since `since` and its article stored."""
    async with await open_store(url) as store:
        checked = await store.db.execute_fetchall("SELECT COUNT(*) FROM feeds WHERE next_check_at > ?", (since,))
        stored = await store.db.execute_fetchall("SELECT COUNT(*) FROM articles")
    return checked[0][0] >= feeds and stored[0][0] >= feeds


async def last_check(url: str) -> float:
    """When the last feed's check was saved: the cycle's end, not the moment the bench looked."""
    async with await open_store(url) as store:
        rows = await store.db.execute_fetchall("SELECT MAX(last_success_at) FROM feeds")
    return float(rows[0][0])


def reference_job(pages: int = 100) -> float:
    """CPU seconds of a fixed job in this process: reading `pages` bench article pages (extraction
    and analysis, as a worker does). The same work costs more CPU seconds on a busier machine
    (caches shared with other programs, a host's other guests), so this says how dear a CPU
    second was in each run."""
    from bot.ingest.article_source import extract_and_analyse
    from bot.quotes.analyser import analyser_named

    analyser, html = analyser_named("rules"), article_page(headline(1), paragraphs(1), []).encode()
    extract_and_analyse(html, "http://127.0.0.1/articles/1.html", analyser, max_text_bytes=1 << 20)  # warm
    started = time.process_time()
    for _ in range(pages):
        extract_and_analyse(html, "http://127.0.0.1/articles/1.html", analyser, max_text_bytes=1 << 20)
    return time.process_time() - started


async def the_sender(url: str) -> str | None:
    async with await open_store(url) as store:
        return await store.leases.holder("sender")


async def claims_left_by(url: str, owner: str | None) -> int:
    """Deliveries a dead process had claimed and not marked sent: the most that may go twice."""
    async with await open_store(url) as store:
        rows = await store.db.execute_fetchall(
            # a claim's holder is one send of the process: "<owner>/<n>"
            "SELECT COUNT(*) FROM deliveries WHERE status = 'pending' AND substr(claimed_by, 1, length(?) + 1) = ?",
            (owner, f"{owner}/"),
        )
    return rows[0][0]


def briefings(fake: FakeBotApi) -> list:
    return [m for m in list(fake.sent) if "Quay talks resume" in m.plain]


def ask_help(fake: FakeBotApi, users: list[int], done: threading.Event, into: list[float]) -> None:
    """/help from one user every half second until `done`; the reply latencies."""
    while fake.webhook is None and not done.is_set():  # the updates process is still starting
        time.sleep(0.05)
    for user in users:
        if done.is_set():
            return
        before, asked = len(fake.messages_to(user)), time.monotonic()
        fake.queue_message(user, "/help", user_id=user)
        while not done.is_set() and time.monotonic() - asked < 30:
            replies = [m for m in fake.messages_to(user)[before:] if "Quay talks" not in m.plain]
            if replies:
                into.append(replies[0].at - asked)
                break
            time.sleep(0.01)
        time.sleep(max(0.0, 0.5 - (time.monotonic() - asked)))


def run_once(args: argparse.Namespace, workers: int, kill: bool, tmp: Path) -> tuple[Run, FakeBotApi, set]:
    fake = FakeBotApi(limits=FloodLimits()).start()
    feeds_server = FeedServer().start()
    chats = chat_ids(args.chats)
    expected = {(chat_id, headline(n % args.feeds)) for n, (chat_id, _) in enumerate(chats)}
    run = Run(workers)
    catalogue_path = tmp / f"catalogue-{workers}.toml"
    catalogue_path.write_text(catalogue(feeds_server.url("").rstrip("/"), args.feeds), encoding="utf-8")
    publish(feeds_server, args.feeds, args.feed_latency)
    with fresh_database(args.database_url, tmp, f"run-{workers}") as url:
        asyncio.run(build_database(url, catalogue_path, chats, args.feeds))
        env = environment(url, fake, catalogue_path, free_port())
        updates = start(["run", "--webhook"], {**env, "DATABASE_URL": as_role(url, "updates")}, tmp)
        started = [start(["worker"], {**env, "DATABASE_URL": as_role(url, f"worker{n}")}, tmp) for n in range(workers)]
        run.probe = reference_job()
        t0 = asyncio.run(burst_when_ready(url, workers + 1))
        roles = functools.partial(process_roles, url, updates, started)
        run.cpu.begin(roles())
        run.sample_workers([w.pid for w in started])
        done = threading.Event()
        asker = threading.Thread(
            target=ask_help, args=(fake, [c for c, kind in chats if kind == "private"][::97], done, run.latencies)
        )
        asker.start()
        try:
            watch(args, run, url, fake, expected, t0, started, kill, roles)
        finally:
            done.set()
            asker.join()
            for process in [updates, *started]:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in [updates, *started]:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=30)
    fake.stop()
    feeds_server.stop()
    return run, fake, expected


def process_roles(url: str, updates: subprocess.Popen, workers: list[subprocess.Popen]) -> dict[str, list[int]]:
    """The run's processes by role, for the CPU ledger (pid 0: this process)."""
    return {
        "workers": [w.pid for w in workers],
        "analysis pools": [kid for w in workers for kid in descendants(w.pid)],
        "updates process": [updates.pid, *descendants(updates.pid)],
        "bench process (feed server, fake Bot API)": [0],
        **backend_roles(url),
    }


def watch(
    args, run: Run, url: str, fake: FakeBotApi, expected: set, t0: float, workers: list, kill: bool, roles
) -> None:
    """Until every briefing went out (or nothing moved for a minute): the feed cycle, the kill."""
    deadline, last_count, last_move = time.time() + args.timeout, -1, time.time()
    while time.time() < deadline:
        time.sleep(0.5)
        if run.feed_cycle != run.feed_cycle:
            run.cpu.sample(roles())  # CPU is counted until the cycle is over
            run.sample_workers([w.pid for w in workers])
            run.saw_sender(time.time() - t0, asyncio.run(the_sender(url)))
            if asyncio.run(feeds_checked(url, t0, args.feeds)):
                run.feed_cycle = asyncio.run(last_check(url)) - t0
                run.cpu.sample(roles())
                run.sample_workers([w.pid for w in workers])
                last_move = time.time()  # the minute without a briefing counts from here: a slow cycle is no stall
        posted = len(briefings(fake))
        if kill and not run.kill_note and posted >= len(expected) // 3:
            kill_the_sender(run, url, workers, posted)
        if posted != last_count:
            last_count, last_move = posted, time.time()
        if len({(m.chat_id, m.plain.splitlines()[0]) for m in briefings(fake)}) >= len(expected):
            return
        if time.time() - last_move > 60:
            return


def kill_the_sender(run: Run, url: str, workers: list, posted: int) -> None:
    holder = asyncio.run(the_sender(url))
    pid = int(holder.split(":")[1]) if holder else 0
    victim = next((w for w in workers if w.pid == pid), workers[0])
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    claims = asyncio.run(claims_left_by(url, holder))
    run.open_at_kill = claims
    what = "the sender" if victim.pid == pid else "a worker (no sender found)"
    run.kill_note = f"killed -9 {what} after {posted} briefings; delivery claims it left open: {claims}"


def sending_rate(fake: FakeBotApi) -> float:
    """Messages per second over the sending stretch: from the first briefing to the last, every
    message posted in between counted (they share the 30/s), pauses over 2 s left out as in
    bench.fanout. Before the first briefing the bot has only /help replies to send (the feeds are
    still being polled): that stretch says nothing about how fast it can send."""
    times = sorted(m.at for m in fake.sent)
    posted = [m.at for m in briefings(fake)]
    if len(posted) < 2:
        return 0.0
    first, last = min(posted), max(posted)
    stretch = [t for t in times if first <= t <= last]
    busy = sum(b - a for a, b in itertools.pairwise(stretch) if b - a <= 2.0)
    return (len(stretch) - 1) / busy if busy else 0.0


def report(run: Run, fake: FakeBotApi, expected: set) -> list[str]:
    posted = briefings(fake)
    counts = Counter((m.chat_id, m.plain.splitlines()[0]) for m in posted)
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    losses = len(expected - set(counts))
    rate = sending_rate(fake)
    refused = fake.flood_refusals()
    lines = [
        f"{run.workers} worker(s): feed cycle {run.feed_cycle:.1f} s; delivered {len(set(counts))}/{len(expected)} "
        f"at {rate:.1f}/s ({rate / 30:.0%} of 30/s)",
        f"  429s: global {refused['global']}, per chat {refused['chat']}, per group {refused['group']}; "
        f"duplicates: {duplicates}; losses: {losses}",
    ]
    lines.extend(run.cpu.lines())
    lines.extend(cycle_detail(run))
    if run.kill_note:
        lines.append(f"  {run.kill_note}; duplicates allowed: <= {run.open_at_kill}")
    if run.latencies:
        ordered = sorted(run.latencies)
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
        lines.append(f"  /help replies: {len(ordered)}, p50 {statistics.median(ordered):.2f} s, p99 {p99:.2f} s")
    return lines


def cycle_detail(run: Run) -> list[str]:
    """Each worker's CPU over the cycle (of it, its event loop's thread: the rest is analysis),
    who held the sender lease as the cycle went, and the reference job's CPU seconds."""
    parts = []
    for pid, samples in run.per_worker.items():
        (total0, loop0), (total1, loop1) = samples[0], samples[-1]
        parts.append(f"{pid} {total1 - total0:.1f} ({loop1 - loop0:.1f})")
    owners = {str(pid): f"worker {pid}" for pid in run.per_worker}
    held = [f"{at:.1f} s {owners.get(h.split(':')[1] if h.count(':') >= 2 else h, h)}" for at, h in run.senders]
    return [
        f"  each worker's CPU s over the cycle (event loop's thread): {', '.join(parts)}",
        f"  sender lease during the cycle, from: {'; '.join(held) or 'not seen'}",
        f"  reference job before the burst: {run.probe:.2f} CPU s",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--chats", type=int, default=3000)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--no-kill", action="store_true", help="do not kill the sender in the second run")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument(
        "--feed-latency",
        type=float,
        default=0.0,
        help="model real feed servers: every feed and page answers this many seconds late (a separate scenario)",
    )
    args = parser.parse_args()
    backend = "postgresql" if args.database_url and args.database_url.startswith("postgres") else "sqlite"
    modelled = f"; MODELLED feed latency {args.feed_latency:g} s per answer" if args.feed_latency else ""
    print(
        f"scale: {args.chats} chats, {args.feeds} feeds, {backend}{modelled}; load {os.getloadavg()[0]:.1f}", flush=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        one, fake, expected = run_once(args, 1, False, Path(tmp))
        print("\n".join(report(one, fake, expected)), flush=True)
        many, fake, expected = run_once(args, args.workers, not args.no_kill, Path(tmp))
        print("\n".join(report(many, fake, expected)), flush=True)
    cores = os.cpu_count() or 1
    floor = sum(many.cpu.by_role().values()) / cores
    print(
        f"feed cycle with {args.workers} workers: {many.feed_cycle / one.feed_cycle:.0%} of 1 worker's{modelled}; "
        f"the CPU they spent allows at best {floor / one.feed_cycle:.0%} on {cores} cores; "
        f"reference job {one.probe:.2f} / {many.probe:.2f} CPU s; load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
