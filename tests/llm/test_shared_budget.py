"""The daily token budget shared by processes on one database, through the fake OpenAI server.

Each "process" is a `Store` of its own (its own connection) and a `ModelClient` on it, as
separate processes are. The fake server holds every request it receives until the test has
seen how many the racing processes made, so the count does not depend on who answers first.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.llm.client import ModelClient, ModelUnavailable
from bot.store import Store
from bot.store.llm import utc_day
from tests.fakes.openai_server import Reply

SCHEMA = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}},
    "required": ["ok"],
    "additionalProperties": False,
}
CALL_TOKENS = 1000  # what the fake server reports each call used
REPLY_TOKENS = 1000  # the reply allowance reserved before a call; its short prompt adds a few


@pytest.fixture
async def two_processes(database_url):
    async with await Store.open(database_url) as first, await Store.open(database_url) as second:
        yield first, second


def client(store: Store, server, budget: int | None) -> ModelClient:
    return ModelClient(
        store.llm,
        model="gpt-4o-mini",
        api_key="k",
        base_url=server.base_url,
        timeout=5.0,
        attempts=2,
        backoff=0.0,
        daily_token_budget=budget,
        reply_tokens=REPLY_TOKENS,
    )


def costing(tokens: int):
    return lambda body: Reply(content='{"ok": true}', usage={"prompt_tokens": tokens - 10, "completion_tokens": 10})


async def ask(model: ModelClient) -> str:
    """'ok' when the call was made, else why not."""
    try:
        await model.complete_json("test", "Answer in json.", "Say ok.", "ok", SCHEMA, "hash")
    except ModelUnavailable as error:
        return error.reason
    return "ok"


async def until_all_asked(server, asks: list[asyncio.Future]) -> None:
    """Until every ask is either refused or waiting at the (held) server."""
    for _ in range(1000):
        if len(server.requests) + sum(a.done() for a in asks) == len(asks):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the asks neither reached the server nor were refused")


async def test_two_processes_at_the_budget_edge_make_only_the_calls_it_pays_for(two_processes, openai_server):
    first, second = two_processes
    openai_server.responder = costing(CALL_TOKENS)
    openai_server.hold()
    models = [client(first, openai_server, budget=3500), client(second, openai_server, budget=3500)]
    # Three calls at once from each process; before any answer, nothing is spent yet.
    asks = [asyncio.ensure_future(ask(models[n % 2])) for n in range(6)]
    await until_all_asked(openai_server, asks)
    openai_server.release()
    outcomes = await asyncio.gather(*asks)

    assert len(openai_server.requests) == 3  # 3,500 tokens pay for three calls of 1,000
    assert sorted(outcomes) == ["budget_spent"] * 3 + ["ok"] * 3
    assert await first.llm.tokens_on(utc_day()) == 3 * CALL_TOKENS
    # What is left (500) is less than a call: neither process asks again.
    assert [await ask(m) for m in models] == ["budget_spent", "budget_spent"]
    assert len(openai_server.requests) == 3
    assert await models[1].budget_spent() is False  # 3,000 of 3,500 counted: not spent, just too little
    for model in models:
        await model.close()


async def test_a_reservation_becomes_what_the_call_really_used(two_processes, openai_server):
    first, second = two_processes
    openai_server.responder = costing(50)
    models = [client(first, openai_server, budget=2200), client(second, openai_server, budget=2200)]
    # Each call reserves about 1,000 tokens and uses 50: after it, the next fits again.
    assert [await ask(models[n % 2]) for n in range(4)] == ["ok"] * 4
    assert await second.llm.budget_used(utc_day()) == 4 * 50
    assert len(openai_server.requests) == 4
    for model in models:
        await model.close()


async def test_a_failed_call_gives_its_reservation_back(two_processes, openai_server):
    first, second = two_processes
    openai_server.fail(500)
    openai_server.fail(503)
    models = [client(first, openai_server, budget=1500), client(second, openai_server, budget=1500)]
    assert await ask(models[0]) == "server_error"
    openai_server.responder = costing(CALL_TOKENS)
    # Had the failed call kept its ~1,000 tokens, the other process's call would not fit in 1,500.
    assert await ask(models[1]) == "ok"
    assert await first.llm.budget_used(utc_day()) == CALL_TOKENS
    for model in models:
        await model.close()


async def test_the_day_starts_from_the_calls_already_recorded(two_processes, openai_server):
    """A database that recorded calls before the budget was counted this way (or a restart mid-day)."""
    first, second = two_processes
    await first.llm.record_call(purpose="briefing", model="m", outcome="ok", total_tokens=2000)
    openai_server.responder = costing(CALL_TOKENS)
    model = client(second, openai_server, budget=3500)
    assert [await ask(model), await ask(model)] == ["ok", "budget_spent"]
    assert len(openai_server.requests) == 1
    await model.close()
