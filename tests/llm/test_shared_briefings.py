"""One model call per article text when several processes write its briefing at once.

Each "process" is a `Store` on its own connection and a `BriefingWriter` with its own model
client, as the sender and a webhook instance answering the "now" button are. The fake OpenAI
server holds the first request until the test has seen what the second writer did: asked the
model too, or waited for the first one's briefing.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.briefing.render import render_briefing
from bot.llm.client import ModelClient
from bot.llm.prompts import PromptLibrary
from bot.llm.writer import BRIEFING_PROMPTS, BriefingWriter
from bot.store import Store
from tests.llm.test_writer import GOOD, make_article

CONTENT = "h-shared-article"


@pytest.fixture
async def two_processes(database_url):
    async with await Store.open(database_url) as first, await Store.open(database_url) as second:
        yield first, second


class Waits:
    """The writer's sleep between looks at the cache: counted, so a test knows it is waiting."""

    def __init__(self, then=None) -> None:
        self.count = 0
        self.then = then

    async def __call__(self, seconds: float) -> None:
        self.count += 1
        if self.then is not None:
            await self.then()
        await asyncio.sleep(0.01)


def writer(store: Store, server, **options) -> BriefingWriter:
    model = ModelClient(
        store.llm, model="gpt-4o-mini", api_key="test-key", base_url=server.base_url, timeout=5.0, backoff=0.0
    )
    return BriefingWriter(store.llm, model, PromptLibrary.load(required=BRIEFING_PROMPTS), **options)


async def until(condition, what: str) -> None:
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


async def close(*writers: BriefingWriter) -> None:
    for each in writers:
        assert each.model is not None
        await each.model.close()


async def test_two_processes_writing_one_article_at_once_ask_the_model_once(two_processes, openai_server):
    first, second = two_processes
    openai_server.responder = lambda body: GOOD
    openai_server.hold()
    waits = Waits()
    sender, button = writer(first, openai_server), writer(second, openai_server, wait_seconds=30, sleep=waits)
    article = make_article()

    delivering = asyncio.ensure_future(sender.write(article, CONTENT))
    await until(lambda: len(openai_server.requests) == 1, "the sender asks the model")
    pressed = asyncio.ensure_future(button.write(article, CONTENT))
    # The second process either asks the model as well, or waits for the first one's briefing.
    await until(lambda: len(openai_server.requests) == 2 or waits.count > 0, "the button's writer acts")
    openai_server.release()
    briefings = await asyncio.gather(delivering, pressed)

    assert len(openai_server.requests) == 1
    assert [b.writer for b in briefings] == ["llm", "llm"]
    assert render_briefing(briefings[1]) == render_briefing(briefings[0])
    assert [outcome for outcome, _ in await second.llm.calls_for(CONTENT)] == ["ok"]
    await close(sender, button)


async def test_a_writer_waiting_too_long_for_another_process_shows_the_extractive_briefing(
    two_processes, openai_server
):
    first, second = two_processes
    openai_server.responder = lambda body: GOOD
    openai_server.hold()
    sender, button = writer(first, openai_server), writer(second, openai_server, wait_seconds=0)
    article = make_article()

    delivering = asyncio.ensure_future(sender.write(article, CONTENT))
    await until(lambda: len(openai_server.requests) == 1, "the sender asks the model")
    impatient = await button.write(article, CONTENT)
    assert impatient.writer == "extractive" and len(openai_server.requests) == 1
    openai_server.release()
    assert (await delivering).writer == "llm"

    # The extractive stand-in was not cached: the next look finds the model's briefing.
    later = await button.write(article, CONTENT)
    assert later.writer == "llm" and len(openai_server.requests) == 1
    await close(sender, button)


async def test_the_claim_of_a_process_that_died_runs_out(two_processes, openai_server):
    first, second = two_processes
    await first.llm.claim_briefing(CONTENT, "a worker killed mid-call", seconds=-1)  # its lease has ended
    openai_server.responder = lambda body: GOOD
    survivor = writer(second, openai_server, wait_seconds=30, sleep=Waits())
    briefing = await survivor.write(make_article(), CONTENT)
    assert briefing.writer == "llm" and len(openai_server.requests) == 1
    assert not await first.llm.briefing_claimed(CONTENT)  # let go once cached
    await close(survivor)


async def test_a_holder_that_cached_nothing_is_not_waited_for_until_the_end(two_processes, openai_server):
    """Another process held the claim and let go without a briefing (its budget was spent):
    the waiting writer stops at its next look instead of waiting out its bound."""
    first, second = two_processes
    await first.llm.claim_briefing(CONTENT, "another process", seconds=300)

    async def holder_lets_go() -> None:
        await first.llm.release_briefing(CONTENT, "another process")

    waits = Waits(then=holder_lets_go)
    openai_server.responder = lambda body: GOOD
    waiting = writer(second, openai_server, wait_seconds=600, sleep=waits)
    briefing = await waiting.write(make_article(), CONTENT)
    assert briefing.writer == "extractive" and openai_server.requests == []
    assert waits.count == 1
    await close(waiting)
