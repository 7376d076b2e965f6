"""Answer time without a model over a store of 100,000 quotes from 5,000 speakers.

Run: python -m bench.questions [--quotes N] [--speakers N] [--questions N] [--database-url URL]
Builds a synthetic store in a temporary SQLite file, or in a fresh schema of the
PostgreSQL database `--database-url` names (dropped afterwards), with speakers linked
through bot.speakers and quotes through QuoteStore, then prints p50/p95 answer times.
Goal: p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.scale import fresh_database
from bot.models import Analysis, Article, Quote, Speaker
from bot.questions import QuestionAnswerer
from bot.speakers import link_speakers
from bot.store import Store

SYLLABLES = "ka ri no ve la sha mi to ro du bo len ko vy ar ta po gor iak sky nik ova".split()
TOPICS = (
    "Kyiv Istanbul ceasefire grain exports sanctions talks elections gas pipeline border "
    "prisoners drones budget harbour railway inflation treaty summit refugees reactor"
).split()
ROLES = (
    "minister of foreign affairs",
    "spokesman of the army",
    "member of the negotiating team",
    "head of the delegation",
    "mayor",
    "governor",
    "secretary of the council",
    "president",
)
OUTLETS = ("Daily Ledger", "Meridian TV", "North Post", "Harbour Times", "Evening Wire")
NOW = datetime(2026, 3, 18, 12, tzinfo=UTC)


def _name(rng: random.Random) -> str:
    word = lambda n: "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()  # noqa: E731
    return f"{word(2)} {word(3)}"


def _sentence(rng: random.Random) -> str:
    words = rng.sample(TOPICS, 3) + rng.sample("we will not accept any delay in the plan for".split(), 5)
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


async def build(path: Path | str, n_quotes: int, n_speakers: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = list(dict.fromkeys(_name(rng) for _ in range(n_speakers * 2)))[:n_speakers]
    per_article = 20
    async with await Store.open(path) as store:
        await store.db.execute("BEGIN")
        for n in range(n_quotes // per_article):
            chosen = rng.sample(names, 4)
            quotes = tuple(
                Quote(
                    rng.choice(("direct", "direct", "partial", "indirect")),
                    _sentence(rng),
                    0,
                    0,
                    rng.choice(chosen),
                    None,
                    rng.choice((None, "RBK", "Reuters")),
                )
                for _ in range(per_article)
            )
            speakers = tuple(Speaker(name, rng.choice(ROLES), (name.split()[-1],)) for name in chosen)
            outlet = rng.choice(OUTLETS)
            article = Article(
                url=f"https://news.example/{n}",
                text=f"article {n}",
                title=f"Story {n}",
                outlet=outlet,
                published=NOW - timedelta(hours=n % 2000),
            )
            article_id = await _add(store, article, n)
            analysis = Analysis(quotes=quotes, speakers=speakers)
            ids = await link_speakers(store, article_id, analysis, outlet)
            await store.quotes.replace_analysis(article_id, analysis, ids)
        await store.db.execute("COMMIT")
        await store.db.execute("ANALYZE")
    return names


async def _add(store: Store, article: Article, n: int) -> int:
    try:
        return await store.articles.add(article, text_hash=f"h{n}", feed_id=None, canonical_url=article.url)
    except TypeError:  # before canonical URLs
        return await store.articles.add(article, text_hash=f"h{n}", feed_id=None)


def questions(names: list[str], n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    shapes = [
        lambda s, t: f"What did {s} say about {t}?",
        lambda s, t: f"Who is {s.split()[-1]}?",
        lambda s, t: f"What has {s.split()[-1]} said this week?",
        lambda s, t: f"Did {s.split()[-1]} say that himself?",
        lambda s, t: f"What was said about {t} today?",
        lambda s, t: f"What did Erdogan say about {t}?",
        lambda s, t: f'{s.split()[-1]}" OR * NEAR(',
    ]
    return [rng.choice(shapes)(rng.choice(names), rng.choice(TOPICS)) for _ in range(n)]


async def measure(path: Path | str, asked: list[str]) -> list[float]:
    async with await Store.open(path) as store:
        answerer = QuestionAnswerer(store, questions_per_minute=10**6, now=lambda: NOW)
        times = []
        for n, question in enumerate(asked):
            start = time.perf_counter()
            await answerer.answer(question, user_id=n, chat_id=n)
            times.append((time.perf_counter() - start) * 1000)
    return times


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--speakers", type=int, default=5_000)
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--database-url", help="a PostgreSQL server's database (default: a SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, fresh_database(args.database_url, Path(tmp), "questions") as path:
        start = time.perf_counter()
        names = await build(path, args.quotes, args.speakers)
        print(f"built {args.quotes} quotes / {len(names)} speakers in {time.perf_counter() - start:.1f} s")
        times = await measure(path, questions(names, args.questions))
    q = statistics.quantiles(times, n=100)
    print(
        f"{len(times)} questions: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, max {max(times):.1f} ms (goal p95 < 100 ms)"
    )


if __name__ == "__main__":
    asyncio.run(main())
