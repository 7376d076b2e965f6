"""Model-written answers against the fake OpenAI server: verified, else the template."""

import pytest

from bot.llm.client import ModelClient
from bot.questions import QuestionAnswerer
from bot.store import Store
from tests.questions.seed import seed_store

ASK = "What did Ostrovan say about Marvel City?"
VERBATIM = "Our troops have left the centre of Calderia, from Marvel City."


@pytest.fixture
async def store(tmp_path):
    async with await Store.open(tmp_path / "bot.db") as store:
        await seed_store(store)
        yield store


def answerer(store, server) -> QuestionAnswerer:
    model = ModelClient(
        store.llm,
        model="gpt-4o-mini",
        api_key="test-key",
        base_url=server.base_url,
        timeout=5.0,
        attempts=1,
        backoff=0.0,
    )
    return QuestionAnswerer(store, model, questions_per_minute=100)


REPLIES = {
    "verified answer is used": (
        {"answer": "Boris Ostrovan said the troops left Marvel City, quoted by Meridian TV.", "quote_ids": [1]},
        "Boris Ostrovan said the troops left Marvel City",
    ),
    "invented quotation falls back": (
        {"answer": "Ostrovan said “we will never return to Marvel City”.", "quote_ids": [1]},
        None,
    ),
    "unknown person falls back": (
        {"answer": "Ostrovan agreed with Recep Erdogan about Marvel City.", "quote_ids": [1]},
        None,
    ),
    "no cited quote falls back": ({"answer": "Ostrovan spoke about Marvel City.", "quote_ids": [99]}, None),
    "malformed reply falls back": ({"text": "hello"}, None),
}


@pytest.mark.parametrize("reply, model_sentence", REPLIES.values(), ids=REPLIES.keys())
async def test_model_answer_is_verified(store, openai_server, reply, model_sentence):
    openai_server.reply_json(reply)
    text = await answerer(store, openai_server).answer(ASK, user_id=1, chat_id=1)
    assert VERBATIM in text and "Meridian TV" in text  # the quote itself always comes from the store
    if model_sentence:
        assert text.startswith(model_sentence)
    else:
        assert text.startswith("<b>Boris Ostrovan</b> — about"), text
        assert "Erdogan" not in text and "never return" not in text


async def test_server_error_gives_template_answer(store, openai_server):
    openai_server.fail(500)
    text = await answerer(store, openai_server).answer(ASK, user_id=1, chat_id=1)
    assert text.startswith("<b>Boris Ostrovan</b>") and VERBATIM in text


SEED_FOLLOW_UPS = {
    "paraphrase only": (
        "What did Sarnov say?",
        {"answer": "Daily Ledger reported that Gleb Sarnov was satisfied with the proposal.", "quote_ids": [1]},
        ["satisfied", "reported (paraphrased) by Daily Ledger, not a direct quote"],
    ),
    "unknown person, no model call": ("What did Erdogan say?", None, ["I have nothing stored about Erdogan."]),
}


@pytest.mark.parametrize("question, reply, must_contain", SEED_FOLLOW_UPS.values(), ids=SEED_FOLLOW_UPS.keys())
async def test_seed_follow_ups_with_a_model(store, openai_server, question, reply, must_contain):
    if reply:
        openai_server.reply_json(reply)
    text = await answerer(store, openai_server).answer(question, user_id=1, chat_id=1)
    for part in must_contain:
        assert part in text, text
    assert openai_server.pending == 0
    if reply is None:
        assert not openai_server.requests


async def test_request_carries_only_retrieved_quotes(store, openai_server):
    openai_server.reply_json({"answer": "Boris Ostrovan spoke about Marvel City.", "quote_ids": [1]})
    await answerer(store, openai_server).answer(ASK, user_id=1, chat_id=1)
    user = openai_server.requests[0]["messages"][-1]["content"]
    assert "Question: " + ASK in user and "Speaker asked about: Boris Ostrovan" in user and "DIRECT | Ostrovan" in user
