"""A person subscribes over Telegram and receives a briefing of a new article.

Everything crosses real HTTP on loopback: PTB talks to the fake Bot API, the
poller fetches the feed and the page from the local feed server, and the
model, when there is one, is the fake OpenAI-compatible server.
"""

from __future__ import annotations

import re

import pytest

from tests.articles.pages import (
    COMMENT_MARKERS,
    TALKS_COMMENTS,
    TALKS_PARAGRAPHS,
    TALKS_TITLE,
    article_page,
    rss,
)
from tests.telegram.harness import bot_running

ARTICLE_TEXT = "\n".join(TALKS_PARAGRAPHS)
DIRECT_QUOTE = "We came to Geneva with a complete draft."


@pytest.fixture
async def bot_with_model(bot_api, feed_server, make_settings, tmp_path, openai_server):
    model = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": openai_server.base_url, "OPENAI_MODEL": "fake"}
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, **model) as bot:
        yield bot


def publish_talks(bot, *extra_links: str) -> None:
    """The outlet publishes the talks article (with its reader comments) in its feed."""
    page = article_page(TALKS_TITLE, TALKS_PARAGRAPHS, TALKS_COMMENTS)
    bot.feed_server.route("/articles/talks.html", page, content_type="text/html; charset=utf-8")
    link = bot.feed_server.url("/articles/talks.html")
    items = [(TALKS_TITLE, link, "Talks stall.")] + [(TALKS_TITLE, link + extra, "") for extra in extra_links]
    bot.feed_server.route("/feed.xml", rss(items))


async def briefing_after_cycle(bot) -> str:
    await bot.say("/subscribe talks", 1)
    publish_talks(bot)
    await bot.cycle()
    (briefing,) = [m for m in await bot.bot_api.wait_for_messages(2, chat_id=bot.chat) if TALKS_TITLE in m.plain]
    return briefing.plain


async def test_subscriber_receives_sourced_briefing_without_comments(running_bot):
    bot = running_bot
    (welcome,) = await bot.say("/start", 1)
    assert "➕ Harbour talks" in [b["text"] for b in welcome.buttons]
    (ok,) = await bot.say("/subscribe talks", 1)
    assert "Subscribed to Harbour talks" in ok.plain

    publish_talks(bot)
    await bot.cycle()
    (briefing,) = (await bot.bot_api.wait_for_messages(3, chat_id=bot.chat))[2:]
    text = briefing.plain
    assert TALKS_TITLE in text and "Coastal Ledger" in text
    # The direct quote arrives verbatim, under its speaker and role, with the relaying agency.
    assert DIRECT_QUOTE in text
    assert "Elena Varga, Norvik Foreign Minister" in text and "Baltic Wire" in text
    # Paraphrase is marked as the outlet's, and so is its framing.
    assert "paraphrase" in text and "Tomas Reik" in text
    assert "allegedly" in text
    for marker in COMMENT_MARKERS:
        assert marker not in text
    # Every quoted stretch shown is verbatim from the article.
    for quoted in re.findall(r"“([^”]+)”", text):
        assert quoted.removesuffix(" […]") in ARTICLE_TEXT


async def test_a_chat_never_gets_the_same_article_twice(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    publish_talks(bot, "?utm_source=newsletter")  # the same article under a tracking URL
    await bot.cycle()
    await bot.bot_api.wait_for_messages(2, chat_id=bot.chat)
    (nothing,) = await bot.say("/now", 1)
    assert "Nothing new" in nothing.plain
    assert sum(TALKS_TITLE in text for text in bot.texts_to()) == 1


def _model_reply(report: list[str], on_record: list[int]) -> dict:
    return {
        "report": report,
        "on_record_ids": on_record,
        "reported_ids": [],
        "framing": ["The Coastal Ledger writes “allegedly” of the stalling claim."],
    }


async def test_model_briefing_reaches_the_user_with_verbatim_quotes(bot_with_model, openai_server):
    sentence = "The Coastal Ledger reports that Elena Varga left the harbour talks after a third day without progress."

    def answer(request: dict) -> dict:
        listed = request["messages"][-1]["content"]
        direct = int(re.search(r"\[(\d+)\][^\n]*direct", listed).group(1))
        return _model_reply([sentence], [direct])

    openai_server.responder = answer
    text = await briefing_after_cycle(bot_with_model)
    assert sentence in text
    assert DIRECT_QUOTE in text
    assert "Elena Varga, Norvik Foreign Minister" in text and "Baltic Wire" in text
    assert len(openai_server.requests) == 1


async def test_fabricating_model_never_reaches_the_user(bot_with_model, openai_server):
    invented = "We will never sign anything with Talvera"
    openai_server.responder = lambda request: _model_reply(
        [f"Elena Varga said “{invented}”, according to Dmitri Kallas."], []
    )
    text = await briefing_after_cycle(bot_with_model)
    # The user still gets a briefing, the extractive one, and nothing invented.
    assert DIRECT_QUOTE in text
    for message in bot_with_model.bot_api.sent:
        assert invented not in message.text and "Kallas" not in message.text
    assert len(openai_server.requests) == 2  # the first try and one retry with the reason


async def test_an_empty_catalogue_still_greets_and_offers_follow(bot_api, feed_server, make_settings, tmp_path):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, catalogue="") as bot:
        (welcome,) = await bot.say("/start", 1)
        assert "Hello" in welcome.plain and not welcome.buttons
        (topics,) = await bot.say("/topics", 1)
        assert "/follow" in topics.plain


async def test_briefing_analysed_in_a_worker_process_quotes_the_speaker(bot_api, feed_server, make_settings, tmp_path):
    """With ANALYSIS_WORKERS the page is extracted and analysed in a worker process the bot starts
    and stops with itself; the subscriber sees the same quote with its speaker."""
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, ANALYSIS_WORKERS=1) as bot:
        text = await briefing_after_cycle(bot)
    assert DIRECT_QUOTE in text
    assert "Elena Varga, Norvik Foreign Minister" in text
