"""Model calls and tokens per article when N articles go to M subscribers.

Runs BriefingWriter against the fake OpenAI server on loopback, with every
subscriber asking for every article at once (as the delivery loop would).
With `--processes P`, P writers, each on its own connection to one database (as
the sender and webhook instances are), ask at once, each for its M subscribers.
Calls must equal articles whatever the number of subscribers and processes.

    python -m bench.briefing_cost --articles 20 --subscribers 500
    python -m bench.briefing_cost --articles 20 --subscribers 10 --processes 3 [--database postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.llm.client import ModelClient  # noqa: E402
from bot.llm.prompts import PromptLibrary  # noqa: E402
from bot.llm.writer import BRIEFING_PROMPTS, BriefingWriter  # noqa: E402
from bot.models import Article  # noqa: E402
from bot.quotes import analyse  # noqa: E402
from bot.store import Store  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI  # noqa: E402

LEADERS = [
    ("Viktor", "Marenko", "Northland"),
    ("Olena", "Savchuk", "Southland"),
    ("Petro", "Halych", "Eastmark"),
    ("Irena", "Vostok", "Westmoor"),
]
TOWNS = ["Dorvask", "Velgrad", "Lennport", "Ostrava", "Kamenna"]


def seed_style_article(n: int) -> Article:
    first, last, country = LEADERS[n % len(LEADERS)]
    town = TOWNS[n % len(TOWNS)]
    other = LEADERS[(n + 1) % len(LEADERS)]
    text = (
        f"{last} says troops left {town} to open talks (report {n})\n\n"
        f"{country} President {first} {last} has said that his troops have withdrawn from {town} "
        f"“to open the way for talks” with {other[2]}.\n\n"
        f"Source: {last} at a press conference, quoted by the agency TNA\n\n"
        f"Details: {last} also accused {other[2]} of allegedly breaking the accords, "
        "but he did not say which ones specifically.\n\n"
        f"Quote from {last}: “Our soldiers have left {town} so that talks can begin. "
        f"The leadership of {other[2]} has refused every offer we made.”\n\n"
        f"{other[0]} {other[1]}, the head of the {other[2]} delegation, said that talks may "
        f"resume in September after the harvest.\n"
    )
    return Article(
        url=f"https://warnotes.example/{n}",
        text=text,
        title=text.splitlines()[0],
        outlet="War Notes",
        analysis=analyse(text),
    )


def editor(body: dict) -> dict:
    """A well-behaved model: the lead sentence as the outlet's account, quotes by id."""
    user = body["messages"][1]["content"]
    article = user.split("<article>", 1)[1]
    lead = next(line for line in article.splitlines()[2:] if line.strip())
    listed = re.findall(r"^\[(\d+)\] (direct|partial|indirect) \| ", user, re.M)
    return {
        "report": ["War Notes reports: " + lead.split(" “")[0] + "."],
        "on_record_ids": [int(i) for i, kind in listed if kind == "direct"][:3],
        "reported_ids": [int(i) for i, kind in listed if kind == "indirect"],
        "framing": ["War Notes writes “allegedly”."],
    }


async def run(articles: int, subscribers: int, processes: int, database: str | None) -> None:
    server = FakeOpenAI().start()
    server.responder = editor
    try:
        with tempfile.TemporaryDirectory() as tmp:
            async with contextlib.AsyncExitStack() as stack:
                url = database or str(Path(tmp) / "bench.db")
                stores = [await stack.enter_async_context(await Store.open(url)) for _ in range(processes)]
                writers = []
                for store in stores:
                    model = ModelClient(
                        store.llm, model="gpt-4o-mini", api_key="bench", base_url=server.base_url, backoff=0.0
                    )
                    stack.push_async_callback(model.close)
                    writers.append(BriefingWriter(store.llm, model, PromptLibrary.load(required=BRIEFING_PROMPTS)))
                started = time.perf_counter()
                modes, calls = [], []
                for n in range(articles):
                    article = seed_style_article(n)
                    # the run's own texts: a database given with --database may hold an earlier run's
                    digest = hashlib.sha256(f"{started} {article.text}".encode()).hexdigest()
                    asks = [w.write(article, digest) for w in writers for _ in range(subscribers)]
                    briefings = await asyncio.gather(*asks)
                    modes.append(briefings[0].writer)
                    calls += await stores[0].llm.calls_for(digest)
                elapsed = time.perf_counter() - started
    finally:
        server.stop()
    tokens = sum(t for _, t in calls)
    deliveries = articles * subscribers * processes
    print(f"articles={articles} subscribers={subscribers} processes={processes} deliveries={deliveries}")
    print(f"model calls={len(calls)} ({len(calls) / articles:.2f} per article)")
    print(f"tokens={tokens} ({tokens / articles:.0f} per article)")
    print(f"briefings: llm={modes.count('llm')} extractive={modes.count('extractive')}")
    print(f"wall time={elapsed:.2f}s")
    if len(calls) != articles:
        raise SystemExit("FAIL: model calls differ from articles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--processes", type=int, default=1, help="writers on connections of their own")
    parser.add_argument("--database", help="a database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    asyncio.run(run(args.articles, args.subscribers, max(1, args.processes), args.database))


if __name__ == "__main__":
    main()
