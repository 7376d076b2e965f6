"""Fan-out at Telegram's limits: the bot's real sender against a fake Bot API that answers 429 like Telegram.

Run: python -m bench.fanout [--chats 3000] [--articles 1] [--kill-at K] [--digests] [--starts N]

The parent process runs the fake Bot API (tests/fakes/bot_api.py, flood limits on:
30/s overall, 1/s per chat, 20/min per group or channel, no burst) and builds a
SQLite database of N chats (private, groups and channels mixed) subscribed to one
topic with A new articles. A child process runs the bot as `briefbot run` builds it
(handlers answering over long polling, the sender delivering), so that `--kill-at K`
can kill -9 it after K briefings were posted and start it again on the same database.
While the fan-out runs the parent sends /help from subscribed users every half second
and times the replies.

Prints: messages per second and the ratio to 30/s, 429s by scope, duplicates,
losses, p50/p99 of the command replies, the child's peak memory.
Goal: >= 95% of 30/s, no 429, no duplicate, no loss, command reply p99 <= 2 s.

`--digests` puts every chat in digest mode, all due at the same minute: the bot sends the due
digests (one compact message per chat, carrying the A articles) instead of instant briefings.
`--starts N` measures instead N people sending /start at once (no fan-out).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import re
import resource
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.fakes.bot_api import TEST_TOKEN, FakeBotApi, FloodLimits

TOPIC = "bench"
CATALOGUE = f"""
[[feeds]]
id = "bench-feed"
name = "Bench Wire"
url = "http://127.0.0.1:9/never-polled.xml"

[[topics]]
id = "{TOPIC}"
name = "Bench topic"
query = "harbour"
"""
TITLE = "Bench article {n}: harbour talks resume"
PARAGRAPH = (
    "Harbour talks resumed on Monday after a week of delay, the port authority said. "
    "“We expect the first ships to leave before the weekend,” said Dana Reyes, the harbour master."
)
LEASE_SECONDS = 5.0
ARTICLE_NUMBER = re.compile(r"Bench article (\d+):")


# ---------------------------------------------------------------- the database


def chat_ids(n: int, private_only: bool = False) -> list[tuple[int, str]]:
    """N chats: 70% private, 20% supergroups, 10% channels (both negative ids); or all private."""
    chats = []
    for i in range(n):
        if private_only or i % 10 < 7:
            chats.append((10_000_000 + i, "private"))
        elif i % 10 < 9:
            chats.append((-1_001_000_000_000 - i, "supergroup"))
        else:
            chats.append((-1_002_000_000_000 - i, "channel"))
    return chats


async def build_database(db_path: Path, chats: list[tuple[int, str]], articles: int, digests: bool = False) -> None:
    from bot.catalogue import load_catalogue, sync_catalogue
    from bot.ingest.dedupe import text_hash
    from bot.models import Article
    from bot.store import Store

    catalogue_path = db_path.parent / "catalogue.toml"
    catalogue_path.write_text(CATALOGUE, encoding="utf-8")
    async with await Store.open(db_path) as store:
        await sync_catalogue(store, load_catalogue(catalogue_path))
        for chat_id, kind in chats:
            await store.chats.ensure(chat_id, kind, None if kind == "private" else f"Bench {kind} {chat_id}")
            await store.chats.subscribe(chat_id, TOPIC)
            if digests:
                await store.chats.set_digest(chat_id, "00:00", "UTC")  # due now, whatever the hour
        ids = []
        for n in range(articles):
            text = f"{TITLE.format(n=n)}.\n\n{PARAGRAPH} (Report number {n}.)"
            article = Article(url=f"http://127.0.0.1:9/a/{n}", text=text, title=TITLE.format(n=n), outlet="Bench Wire")
            ids.append(
                await store.articles.add(
                    article, canonical_url=article.url, text_hash=text_hash(text), feed_id="bench-feed"
                )
            )
        await store.topics.record_matches(TOPIC, ids)


# ---------------------------------------------------------------- the bot (child process)


def child_main(db_path: str, base_url: str, lease: float, digests: bool) -> None:
    """The bot on the bench database: answer commands and deliver until nothing is pending."""
    asyncio.run(_child(db_path, base_url, lease, digests))


async def _child(db_path: str, base_url: str, lease: float, digests: bool) -> None:
    from bot.runtime import build_services, close_services, open_store
    from bot.settings import load_settings
    from bot.telegram.app import build_app, serve

    settings = load_settings(
        env_file=None,
        TELEGRAM_BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_BASE_URL=base_url,
        DATABASE_URL=f"sqlite:///{db_path}",
        CATALOGUE_FILE=str(Path(db_path).parent / "catalogue.toml"),
        LOG_LEVEL=os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
        DELIVERY_LEASE_SECONDS=lease,
    )
    store = await open_store(settings)
    services = build_services(settings, store)
    app = build_app(services, schedule=False)
    stop = asyncio.Event()
    serving = asyncio.create_task(serve(app, stop))
    while not app.running:
        await asyncio.sleep(0.02)
    print("ready", flush=True)
    sent = await deliver_until_done(services, app.bot, digests)
    stop.set()
    await serving
    await close_services(services)
    await store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"sent": sent, "peak_kib": peak}), flush=True)


async def deliver_until_done(services, bot, digests: bool = False) -> int:
    """Delivery rounds until one finds nothing to send (an unexpired lease of a dead process is waited out)."""
    from bot.telegram.digest import send_due_digests

    sender = services.running_sender()
    sent = 0
    for _ in range(50):
        if digests:
            round_sent = await send_due_digests(services.store, sender, bot)
        else:
            round_sent = await sender.deliver_instant(bot)
        sent += round_sent
        if round_sent == 0:
            waiting = await services.store.deliveries.next_lease_expiry()
            if waiting is None:
                break
            await asyncio.sleep(max(0.1, waiting - time.time()))
    return sent


# ---------------------------------------------------------------- the parent


def open_claims(db_path: Path) -> int:
    """Deliveries claimed and not marked sent: the messages in flight when the bot died."""
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'pending'").fetchone()[0]


def spawn_child(db_path: Path, base_url: str, lease: float, digests: bool = False) -> subprocess.Popen:
    mode = "digest" if digests else "instant"
    command = [sys.executable, "-m", "bench.fanout", "--child", str(db_path), base_url, str(lease), mode]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    line = child.stdout.readline()
    if line.strip() != "ready":
        raise SystemExit(f"the bot did not start: {line!r}")
    return child


def is_briefing(message) -> bool:
    return "Bench article" in message.plain


def briefings(fake: FakeBotApi) -> list:
    return [m for m in list(fake.sent) if is_briefing(m)]


def ask_commands(fake: FakeBotApi, users: list[int], until, interval: float = 0.5) -> list[float]:
    """/help from one subscribed user every `interval` s while `until()` is false; the reply latencies."""
    latencies = []
    for user in users:
        if until():
            break
        seen = len(fake.sent)
        t0 = time.monotonic()
        fake.queue_message(user, "/help", user_id=user)
        reply = None
        while reply is None and time.monotonic() - t0 < 30:
            time.sleep(0.01)
            fresh = fake.sent[seen:]
            seen += len(fresh)
            reply = next((m for m in fresh if m.chat_id == user and not is_briefing(m)), None)
        if reply is None and until():
            break  # the bot finished and stopped before this one: not a slow reply
        latencies.append(reply.at - t0 if reply else float("inf"))
        time.sleep(max(0.0, interval - (time.monotonic() - t0)))
    return latencies


def run_fanout(args: argparse.Namespace) -> None:
    import threading

    fake = FakeBotApi(limits=FloodLimits()).start()
    chats = chat_ids(args.chats, args.private_only)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        asyncio.run(build_database(db_path, chats, args.articles, args.digests))
        expected = {(chat_id, n) for chat_id, _ in chats for n in range(args.articles)}
        started = time.monotonic()
        child = spawn_child(db_path, fake.base_url, args.lease, args.digests)
        if args.kill_at:
            while len(fake.sent) < args.kill_at and child.poll() is None:
                time.sleep(0.002)
            child.send_signal(signal.SIGKILL)
            child.wait()
            print(
                f"killed -9 after {len(briefings(fake))} briefings; claims open at the kill "
                f"(the most that can be sent twice): {open_claims(db_path)}"
            )
            child = spawn_child(db_path, fake.base_url, args.lease, args.digests)
        private = [c for c, kind in chats if kind == "private"]
        latencies: list[float] = []
        asker = threading.Thread(
            target=lambda: latencies.extend(ask_commands(fake, private[1::7], lambda: child.poll() is not None))
        )
        asker.start()
        out, _ = child.communicate(timeout=args.timeout)
        asker.join()
        elapsed = time.monotonic() - started
        fake.stop()
    report = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    peak_kib = max(report.get("peak_kib", 0), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print_fanout(fake, expected, latencies, elapsed, peak_kib)


def print_fanout(fake: FakeBotApi, expected: set, latencies: list[float], elapsed: float, peak_kib: int) -> None:
    posted = briefings(fake)
    # A message carries the articles it names (a briefing one, a digest several), each counted once.
    counts = Counter((m.chat_id, int(n)) for m in posted for n in set(ARTICLE_NUMBER.findall(m.plain)))
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    losses = len(expected - set(counts))
    rate = messages_per_second(fake)
    refused = fake.flood_refusals()
    print(f"chats: {len({c for c, _ in expected})}, briefings expected: {len(expected)}, posted: {len(posted)}")
    print(f"messages per second: {rate:.1f} ({rate / 30:.0%} of 30/s); wall time {elapsed:.1f} s")
    print(f"429s: global {refused['global']}, per chat {refused['chat']}, per group {refused['group']}")
    print(f"duplicates: {duplicates}, losses: {losses}")
    if latencies:
        ordered = sorted(latencies)
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
        print(
            f"command replies during the fan-out: {len(ordered)}, "
            f"p50 {statistics.median(ordered):.2f} s, p99 {p99:.2f} s"
        )
    print(f"peak memory of the bot: {peak_kib / 1024:.0f} MiB")


def messages_per_second(fake: FakeBotApi) -> float:
    """Messages posted per second over the busiest stretch: first to last posted message, pauses excluded."""
    times = sorted(m.at for m in fake.sent)
    if len(times) < 2:
        return 0.0
    # A restart after kill -9 waits out leases; a gap over 2 s is not sending time.
    busy = sum(min(b - a, 2.0) for a, b in itertools.pairwise(times) if b - a <= 2.0)
    return (len(times) - 1) / busy if busy else 0.0


def wait_until_quiet(fake: FakeBotApi, done, timeout: float, quiet: float = 15.0) -> None:
    """Until done(), or nothing was posted for `quiet` seconds, or the timeout."""
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        last = fake.sent[-1].at if fake.sent else time.monotonic()
        if time.monotonic() - last > quiet:
            break
        time.sleep(0.05)


def run_starts(args: argparse.Namespace) -> None:
    """N people send /start at once: how fast all are answered, and how many 429s."""
    fake = FakeBotApi(limits=FloodLimits()).start()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        asyncio.run(build_database(db_path, [], 0))
        child = spawn_child(db_path, fake.base_url, args.lease)
        people = [20_000_000 + i for i in range(args.starts)]
        t0 = time.monotonic()
        for person in people:
            fake.queue_message(person, "/start", user_id=person)
        wait_until_quiet(fake, lambda: all(fake.messages_to(p) for p in people), args.timeout)
        elapsed = time.monotonic() - t0
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
        fake.stop()
    latencies = sorted(fake.messages_to(p)[0].at - t0 for p in people if fake.messages_to(p))
    refused = fake.flood_refusals()
    print(f"/start from {args.starts} people at once: {len(latencies)} answered, in {elapsed:.1f} s")
    print(f"messages per second: {messages_per_second(fake):.1f}")
    print(f"429s: global {refused['global']}, per chat {refused['chat']}, per group {refused['group']}")
    print(f"reply latency p50 {latencies[len(latencies) // 2]:.2f} s, max {latencies[-1]:.2f} s")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5] == "digest")
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=3000)
    parser.add_argument("--articles", type=int, default=1)
    parser.add_argument("--private-only", action="store_true", help="every chat private (the issue's 'today' case)")
    parser.add_argument("--kill-at", type=int, default=0, help="kill -9 the bot after K briefings, then restart it")
    parser.add_argument("--digests", action="store_true", help="every chat in digest mode, all due at once")
    parser.add_argument("--starts", type=int, default=0, help="instead: N people send /start at once")
    parser.add_argument("--lease", type=float, default=LEASE_SECONDS, help="delivery lease of the bot, seconds")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    if args.starts:
        run_starts(args)
    else:
        run_fanout(args)


if __name__ == "__main__":
    main()
