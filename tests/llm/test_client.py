"""ModelClient against the fake OpenAI server: usage recorded for every call, retries, errors."""

import pytest

from bot.llm.client import ModelClient, ModelReplyInvalid, ModelUnavailable
from bot.store import Store
from bot.store.llm import utc_day

SCHEMA = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}},
    "required": ["ok"],
    "additionalProperties": False,
}


@pytest.fixture
async def store(tmp_path):
    async with await Store.open(tmp_path / "bot.db") as store:
        yield store


def client(store, server, **options):
    options = {"timeout": 5.0, "attempts": 2, "backoff": 0.0, **options}
    return ModelClient(store.llm, model="gpt-4o-mini", api_key="k", base_url=server.base_url, **options)


async def ask(model):
    return await model.complete_json("test", "Answer in json.", "Say ok.", "ok", SCHEMA, "hash")


async def outcomes(store):
    return [o for o, _ in await store.llm.calls_for("hash")]


async def test_usage_recorded(store, openai_server):
    openai_server.reply_json({"ok": True}, usage={"prompt_tokens": 30, "completion_tokens": 5})
    model = client(store, openai_server)
    assert await ask(model) == {"ok": True}
    assert await model.usage_today() == 35
    assert await store.llm.tokens_on(utc_day()) == 35


FAILURES = {
    "two timeouts": (lambda s: (s.hang(2), s.hang(2)), "timeout", ["timeout", "timeout"]),
    "two 429s": (lambda s: (s.fail(429, 0), s.fail(429, 0)), "rate_limited", ["rate_limited"] * 2),
    "two 5xx": (lambda s: (s.fail(500), s.fail(502)), "server_error", ["server_error"] * 2),
    "401 is not retried": (lambda s: s.fail(401), "http_401", ["http_401"]),
}


@pytest.mark.parametrize(("script", "reason", "recorded"), FAILURES.values(), ids=FAILURES.keys())
async def test_failures_raise_model_unavailable(store, openai_server, script, reason, recorded):
    script(openai_server)
    with pytest.raises(ModelUnavailable) as caught:
        await ask(client(store, openai_server, timeout=0.3))
    assert caught.value.reason == reason
    assert await outcomes(store) == recorded


async def test_non_json_reply_is_invalid_and_its_tokens_still_count(store, openai_server):
    openai_server.reply_text("I cannot do that", usage={"prompt_tokens": 10, "completion_tokens": 4})
    model = client(store, openai_server)
    with pytest.raises(ModelReplyInvalid):
        await ask(model)
    assert await model.usage_today() == 14


async def test_budget_spent_means_no_call(store, openai_server):
    openai_server.reply_json({"ok": True}, usage={"prompt_tokens": 90, "completion_tokens": 10})
    # a call is made only when its estimate (prompt and reply allowance) fits in what is left
    model = client(store, openai_server, daily_token_budget=100, reply_tokens=10)
    await ask(model)
    with pytest.raises(ModelUnavailable, match="budget_spent"):
        await ask(model)
    assert len(openai_server.requests) == 1


async def test_usage_of_earlier_days_does_not_count(store, openai_server):
    await store.llm.record_call(purpose="t", model="m", outcome="ok", total_tokens=10**6, now=0)
    openai_server.reply_json({"ok": True})
    assert await ask(client(store, openai_server, daily_token_budget=100, reply_tokens=10)) == {"ok": True}


async def test_json_mode_fallback_puts_schema_in_the_prompt(store, openai_server):
    openai_server.schema_supported = False
    openai_server.reply_json({"ok": True})
    model = client(store, openai_server)
    assert await ask(model) == {"ok": True}
    assert model.schema_supported is False
    fallback = openai_server.requests[-1]
    assert fallback["response_format"] == {"type": "json_object"}
    assert '"required": ["ok"]' in fallback["messages"][0]["content"]


async def test_a_400_that_is_not_about_the_schema_keeps_json_schema(store, openai_server):
    openai_server.fail(400)
    openai_server.fail(400)
    model = client(store, openai_server)
    with pytest.raises(ModelUnavailable, match="http_400"):
        await ask(model)
    assert model.schema_supported is True
    assert await outcomes(store) == ["schema_unsupported", "http_400"]
