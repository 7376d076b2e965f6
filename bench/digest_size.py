"""How big one chat's daily digest is: messages and characters for N new articles.

Run: python -m bench.digest_size [--articles 14 30] [--seed 3]
Builds a temporary SQLite store with N synthetic articles on one topic (each with
a few quotes, from rotating outlets, some stories told by several outlets), makes
one digest chat subscribed to it, and sends its digest through the bot's real
code to the loopback fake Bot API. Prints, per N: messages sent, characters
(what the reader sees), the largest message, and how many articles the digest
marks delivered ("covered") and how many it offers as "+N more": what is
neither stays pending for the next digest, but is not mentioned.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from telegram import Bot
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.ingest.archive import store_article
from bot.models import Article
from bot.quotes import analyse
from bot.settings import load_settings
from bot.store import Store
from bot.store.topics import Topic
from bot.telegram import digest as digest_module
from bot.telegram.ratelimit import FloodGate, SendLimits
from tests.fakes.bot_api import FakeBotApi

CHAT = 777
OUTLETS = ("Coastal Ledger", "Meridian Wire", "North Post", "Harbour Times", "Evening Standard Bay")
PLACES = ("Geneva", "Oslo", "Tallinn", "Gdansk", "Porto", "Valletta", "Riga", "Bergen")
SUBJECTS = ("harbour fees", "the fisheries annex", "port inspections", "the ferry timetable", "trawler quotas")
SPEAKERS = (
    ("Dana Reyes", "the harbour master"),
    ("Oleg Marchuk", "the deputy minister of transport"),
    ("Ines Albero", "a spokeswoman for the dockworkers' union"),
    ("Tomas Lind", "the chief negotiator"),
)


def _article(rng: random.Random, n: int, story: int) -> Article:
    place, subject = PLACES[story % len(PLACES)], SUBJECTS[(story // len(PLACES)) % len(SUBJECTS)]
    (name, role), (other, other_role) = rng.sample(SPEAKERS, 2)
    paragraphs = [
        f"Talks on {subject} resumed in {place} on Monday after a week of delay, officials said, "
        f"with both delegations promising a draft before the end of the month.",
        f"“We are closer than we have been at any point this year,” said {name}, {role}. "
        f"“Nobody in the room wants another winter of closed berths.”",
        f"{other}, {other_role}, said the talks would continue until every clause on {subject} was agreed, "
        "and warned that a walkout by either side would set the process back by months.",
        f"“If the other side brings numbers, not slogans, we can sign in {place} next week,” {other} told reporters.",
        "The outlet's sources described the mood as cautious but workmanlike, and said the mediators had "
        "kept the sessions short to avoid the public sparring that ended the previous round.",
        f"Local businesses in {place} said the uncertainty had already cost them bookings for the spring season.",
        f"This is report {n} on the talks.",
    ]
    text = "\n\n".join(paragraphs)
    outlet = OUTLETS[n % len(OUTLETS)]
    article = Article(
        url=f"https://news.example/{n}",
        text=text,
        title=f"Talks on {subject} resume in {place} as delegations eye a draft",
        outlet=outlet,
        published=datetime.now(UTC),
    )
    article.analysis = analyse(text)
    return article


def _story_of_each(n_articles: int) -> list[int]:
    """Every third story is told by three outlets under one headline; the others by one."""
    stories: list[int] = []
    while len(stories) < n_articles:
        story = len(set(stories))
        stories.extend([story] * (3 if story % 3 == 0 else 1))
    return stories[:n_articles]


async def _fill(store: Store, n_articles: int, seed: int) -> None:
    rng = random.Random(seed)
    await store.topics.upsert(Topic(id="talks", name="Harbour talks", query="talks"))
    await store.chats.ensure(CHAT)
    await store.chats.subscribe(CHAT, "talks")
    await store.db.execute("UPDATE subscriptions SET created_at = 0")
    ids = []
    for n, story in enumerate(_story_of_each(n_articles)):
        ids.append(await store_article(store, _article(rng, n, story), feed_id=None))
    await store.topics.record_matches("talks", ids)
    await store.db.execute("UPDATE chats SET mode = 'digest', digest_time = '08:00', timezone = 'UTC'")


async def measure(n_articles: int, seed: int) -> dict:
    api = FakeBotApi().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings(
                env_file=None,
                TELEGRAM_BOT_TOKEN=api.token,
                TELEGRAM_API_BASE_URL=api.base_url,
                DATABASE_URL=f"sqlite:///{Path(tmp) / 'bench.db'}",
                SEND_INTERVAL_PER_CHAT_SECONDS=0,
            )
            async with await Store.open(settings.database_path) as store:
                await _fill(store, n_articles, seed)
                # Paced as the bot paces every message (Telegram's limits; the fake enforces them too).
                bot = ExtBot(
                    api.token,
                    base_url=api.base_url,
                    request=HTTPXRequest(connection_pool_size=8),
                    rate_limiter=FloodGate(SendLimits()),
                )
                async with bot:
                    started = time.perf_counter()
                    await _send_digest(store, settings, bot)
                    elapsed = time.perf_counter() - started
                sent = "SELECT count(*) FROM deliveries WHERE status = 'sent' AND article_id IS NOT NULL"
                covered = (await store.db.execute_fetchall(sent))[0][0]
        texts = [m.plain for m in api.messages_to(CHAT)]
    finally:
        api.stop()
    more = re.search(r"\+(\d+) more", "\n".join(texts))
    return {
        "articles": n_articles,
        "messages": len(texts),
        "chars": sum(len(t) for t in texts),
        "largest": max((len(t) for t in texts), default=0),
        "covered": covered,
        "offered": int(more.group(1)) if more else 0,
        "seconds": elapsed,
    }


async def _send_digest(store: Store, settings, bot: Bot) -> None:
    """The digest as the scheduler sends it at the chat's time (08:00 UTC, a fixed day)."""
    when = datetime(2026, 11, 26, 8, 1, tzinfo=UTC)
    from bot.telegram.outbox import Outbox
    from bot.telegram.sender import BriefingSender

    sender = BriefingSender(store, Outbox(store))
    await digest_module.send_due_digests(store, sender, bot, now_utc=when)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[14, 30])
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    print(f"{'articles':>8} {'messages':>8} {'chars':>7} {'largest':>7} {'covered':>7} {'+N more':>7} {'seconds':>7}")
    for n in args.articles:
        r = asyncio.run(measure(n, args.seed))
        print(
            f"{r['articles']:>8} {r['messages']:>8} {r['chars']:>7} {r['largest']:>7} {r['covered']:>7} "
            f"{r['offered']:>7} {r['seconds']:>7.2f}"
        )


if __name__ == "__main__":
    main()
