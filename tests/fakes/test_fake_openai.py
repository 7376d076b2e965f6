"""The fake OpenAI server answers the official client like the real API would."""

import asyncio
import json

import openai
import pytest

from tests.fakes.openai_server import Reply

SCHEMA_FORMAT = {
    "type": "json_schema",
    "json_schema": {
        "name": "quotes",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {"quotes": {"type": "array"}},
            "required": ["quotes"],
            "additionalProperties": False,
        },
    },
}
JSON_MODE = {"type": "json_object"}


def make_client(server, timeout: float = 5.0) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(api_key="test-key", base_url=server.base_url, max_retries=0, timeout=timeout)


async def ask(client, prompt: str = "Return json.", **kwargs):
    return await client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], **kwargs
    )


async def test_scripted_replies_in_order_with_usage(openai_server):
    openai_server.reply_json({"quotes": [{"speaker": "Podoliak"}]})
    openai_server.reply_text("{not json", usage={"prompt_tokens": 10, "completion_tokens": 2})
    async with make_client(openai_server) as client:
        first = await ask(client, response_format=SCHEMA_FORMAT)
        second = await ask(client)
    assert json.loads(first.choices[0].message.content) == {"quotes": [{"speaker": "Podoliak"}]}
    assert first.usage.total_tokens == first.usage.prompt_tokens + first.usage.completion_tokens
    assert second.choices[0].message.content == "{not json"
    assert (second.usage.prompt_tokens, second.usage.total_tokens) == (10, 12)
    assert openai_server.requests[0]["response_format"]["type"] == "json_schema"
    assert len(openai_server.requests) == 2 and openai_server.pending == 0


async def test_responder_answers_from_the_prompt(openai_server):
    openai_server.responder = lambda body: {"echo": body["messages"][-1]["content"]}
    async with make_client(openai_server) as client:
        reply = await ask(client, "Who is Medinsky? json please")
    assert json.loads(reply.choices[0].message.content) == {"echo": "Who is Medinsky? json please"}


FAILURES = {
    "rate limited": (lambda s: s.fail(429, retry_after=2), openai.RateLimitError),
    "server error": (lambda s: s.fail(500), openai.InternalServerError),
    "hang beyond timeout": (lambda s: s.hang(3), openai.APITimeoutError),
    "nothing scripted": (lambda s: None, openai.InternalServerError),
}


@pytest.mark.parametrize("script, error", FAILURES.values(), ids=FAILURES.keys())
async def test_failures_raise_client_errors(openai_server, script, error):
    script(openai_server)
    async with make_client(openai_server, timeout=0.5) as client:
        with pytest.raises(error):
            await ask(client)


async def test_rate_limit_carries_retry_after(openai_server):
    openai_server.fail(429, retry_after=7)
    async with make_client(openai_server) as client:
        with pytest.raises(openai.RateLimitError) as raised:
            await ask(client)
    assert raised.value.response.headers["retry-after"] == "7"


async def test_schema_unsupported_then_json_mode_fallback(openai_server):
    openai_server.schema_supported = False
    openai_server.reply_json({"quotes": []})
    async with make_client(openai_server) as client:
        with pytest.raises(openai.BadRequestError, match="json_schema"):
            await ask(client, response_format=SCHEMA_FORMAT)
        with pytest.raises(openai.BadRequestError, match="must contain the word 'json'"):
            await ask(client, "Return quotes.", response_format=JSON_MODE)
        reply = await ask(client, response_format=JSON_MODE)
    assert json.loads(reply.choices[0].message.content) == {"quotes": []}
    assert [r.get("response_format", {}).get("type") for r in openai_server.requests] == [
        "json_schema",
        "json_object",
        "json_object",
    ]


async def test_lists_models(openai_server):
    async with make_client(openai_server) as client:
        models = [m.id async for m in client.models.list()]
    assert "gpt-4o-mini" in models


def test_responder_may_return_reply_objects(openai_server):
    openai_server.responder = lambda body: Reply(status=500)
    client = openai.OpenAI(api_key="k", base_url=openai_server.base_url, max_retries=0)
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    client.close()


async def test_held_requests_are_counted_and_answered_after_release(openai_server):
    openai_server.responder = lambda body: {"ok": True}
    openai_server.hold()
    async with make_client(openai_server) as client:
        asks = [asyncio.ensure_future(ask(client)) for _ in range(3)]
        for _ in range(500):  # until all three have reached the server (bounded)
            if len(openai_server.requests) == 3:
                break
            await asyncio.sleep(0.01)
        assert len(openai_server.requests) == 3 and not any(a.done() for a in asks)
        openai_server.release()
        replies = await asyncio.gather(*asks)
    assert [json.loads(r.choices[0].message.content) for r in replies] == [{"ok": True}] * 3
