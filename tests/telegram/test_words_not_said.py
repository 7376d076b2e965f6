"""Over Telegram, aims, refusals and words denied never come back as someone's words.

The outlet publishes an article where the mayor plans a closure, a council member
refuses to back it and the engineer denies what he is accused of. The bot polls the feed
(loopback), the real engine reads the page, ingest stores it, the sender posts the
briefing to the fake Bot API, and the user asks /ask and /who about each of them.
"""

from __future__ import annotations

from tests.quotes.articles import BRIDGE_DEEDS, BRIDGE_NOT_SAID

# "talks" puts it under the topic the chat follows
TITLE = "Kessel bridge to close for repairs after talks with the harbour board"
PARAGRAPHS = BRIDGE_DEEDS.splitlines()[1:]
SENTENCES = set(PARAGRAPHS)
REPORTED = "🗣 Reported, not quoted"
ON_RECORD = "💬 On the record"


def _section(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("\n\n", 1)[0] if heading in text else ""


async def _briefing(bot) -> str:
    await bot.say("/subscribe talks", 1)
    bot.publish([(TITLE, "bridge.html", PARAGRAPHS)])
    await bot.cycle()
    (briefing,) = [m for m in await bot.bot_api.wait_for_messages(2, chat_id=bot.chat) if TITLE in m.plain]
    return briefing.plain


async def test_the_briefing_shows_aims_and_denials_only_as_the_outlet_s_sentences(running_bot):
    briefing = await _briefing(running_bot)
    assert "Ilse Varga, Mayor, said the bridge would reopen before the summer" in _section(briefing, REPORTED)
    for line in briefing.splitlines():
        if any(words in line for words in BRIDGE_NOT_SAID):
            assert line.removeprefix("• ") in SENTENCES, briefing
    assert "rusting through" not in _section(briefing, ON_RECORD), briefing


async def test_ask_and_who_give_only_words_said(running_bot):
    bot = running_bot
    await _briefing(bot)
    (varga,) = await bot.say("/ask What did Ilse Varga say?", 1)
    assert "the bridge would reopen before the summer" in varga.plain
    (lind,) = await bot.say("/ask What did Omar Lind say?", 1)
    assert lind.plain == "I have nothing stored from Omar Lind."
    answers = [varga.plain, lind.plain]
    for ask in (
        "/ask What did Paul Brandt say?",
        "/ask What did Rita Holm say?",
        "/who Paul Brandt",
        "/who Ilse Varga",
    ):
        (answer,) = await bot.say(ask, 1)
        answers.append(answer.plain)
    assert "the repairs would take six weeks" in answers[2]
    for answer in answers:
        assert [words for words in BRIDGE_NOT_SAID if words in answer] == [], answer
