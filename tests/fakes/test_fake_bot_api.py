"""The fake Bot API behaves like Telegram for a real PTB client over loopback HTTP."""

import datetime as dtm
import re
import time

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, EndPointNotFound, Forbidden, RetryAfter
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from tests.fakes.bot_api import TEST_TOKEN

CHAT = 4242


def make_bot(server) -> Bot:
    return Bot(TEST_TOKEN, base_url=server.base_url, base_file_url=server.base_file_url)


VALID_HTML = {
    "bold and italic": ("<b>Podoliak</b> said <i>no</i>", "Podoliak said no", ["bold", "italic"]),
    "escaped entities": (
        "1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;q&quot; &#8212; &#x41;",
        '1 < 2 && 3 > 2 "q" \u2014 A',
        [],
    ),
    "link with escaped query": ('<a href="https://ex.com/?a=1&amp;b=2">RBK</a>', "RBK", ["text_link"]),
    "pre with language": ('<pre><code class="language-python">x = 1</code></pre>', "x = 1", ["pre"]),
    "expandable blockquote": ("<blockquote expandable>quote</blockquote>", "quote", ["expandable_blockquote"]),
    "spoiler span": ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st", ["spoiler", "spoiler"]),
    "synonym tags": (
        "<strong>a</strong><em>b</em><ins>c</ins><del>d</del><strike>e</strike>",
        "abcde",
        ["bold", "italic", "underline", "strikethrough", "strikethrough"],
    ),
    "4096 after parsing": ("<b>" + "x" * 4096 + "</b>", "x" * 4096, ["bold"]),
    "emoji counts once": ("\U0001f600 <b>hi</b>", "\U0001f600 hi", ["bold"]),
}


@pytest.mark.parametrize("html, plain, kinds", VALID_HTML.values(), ids=VALID_HTML.keys())
async def test_valid_html_is_sent(bot_api, html, plain, kinds):
    async with make_bot(bot_api) as bot:
        message = await bot.send_message(CHAT, html, parse_mode=ParseMode.HTML)
    assert message.text == plain
    assert [e.type for e in message.entities] == kinds
    assert bot_api.sent[-1].plain == plain and bot_api.sent[-1].text == html


async def test_entities_round_trip_through_ptb(bot_api):
    async with make_bot(bot_api) as bot:
        message = await bot.send_message(CHAT, "\U0001f600 <b>Medinsky</b> &amp; co", parse_mode=ParseMode.HTML)
    assert message.text_html == "\U0001f600 <b>Medinsky</b> &amp; co"


INVALID_TEXT = {
    "unknown tag": ("<div>x</div>", 'can\'t parse entities: Unsupported start tag "div"'),
    "bare ampersand": ("Tom & Jerry", "can't parse entities"),
    "unknown named entity": ("a&nbsp;b", "can't parse entities"),
    "bare less-than": ("1 < 2", "can't parse entities"),
    "bare greater-than": ("2 > 1", "can't parse entities"),
    "unclosed tag": ("<b>bold", "can't parse entities: Can't find end tag"),
    "mismatched tags": ("<b><i>x</b></i>", "can't parse entities: Unmatched end tag"),
    "stray end tag": ("x</b>", "can't parse entities: Unexpected end tag"),
    "nested blockquote": ("<blockquote><blockquote>x</blockquote></blockquote>", "can't parse entities"),
    "span without spoiler class": ("<span>x</span>", "can't parse entities"),
    "br tag": ("a<br>b", "can't parse entities"),
    "too long after parsing": ("<b>" + "x" * 4097 + "</b>", "message is too long"),
    "only tags": ("<b></b>", "message text is empty"),
    "whitespace": ("   \n", "message text is empty"),
}


@pytest.mark.parametrize("html, error", INVALID_TEXT.values(), ids=INVALID_TEXT.keys())
async def test_invalid_text_is_rejected(bot_api, html, error):
    async with make_bot(bot_api) as bot:
        with pytest.raises(BadRequest, match="(?i)" + re.escape(error)):
            await bot.send_message(CHAT, html, parse_mode=ParseMode.HTML)
    assert bot_api.sent == []


BAD_KEYBOARDS = {
    "callback data over 64 bytes": (InlineKeyboardButton("x", callback_data="q" * 65), "BUTTON_DATA_INVALID"),
    "callback data 64 bytes in utf-8 over": (
        InlineKeyboardButton("x", callback_data="\u044f" * 33),
        "BUTTON_DATA_INVALID",
    ),
    "button without action": (InlineKeyboardButton("x"), "Text buttons are unallowed"),
    "relative url": (InlineKeyboardButton("x", url="/about"), "BUTTON_URL_INVALID"),
}


@pytest.mark.parametrize("button, error", BAD_KEYBOARDS.values(), ids=BAD_KEYBOARDS.keys())
async def test_invalid_keyboard_is_rejected(bot_api, button, error):
    async with make_bot(bot_api) as bot:
        with pytest.raises(BadRequest, match="(?i)" + re.escape(error)):
            await bot.send_message(CHAT, "hi", reply_markup=InlineKeyboardMarkup([[button]]))


async def test_keyboard_comes_back_as_ptb_markup(bot_api):
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton("More", callback_data="q" * 64), InlineKeyboardButton("Source", url="https://rbc.ru/a")]]
    )
    async with make_bot(bot_api) as bot:
        message = await bot.send_message(CHAT, "hi", reply_markup=markup)
    assert message.reply_markup.inline_keyboard[0][0].callback_data == "q" * 64
    assert [b["text"] for b in bot_api.sent[0].buttons] == ["More", "Source"]


def _retry_seconds(error: RetryAfter) -> float:
    value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else value


@pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")
async def test_scripted_failures_map_to_ptb_errors(bot_api):
    bot_api.block_chat(7)
    bot_api.migrate_chat(-555, -1005550000000)
    bot_api.fail_next("sendMessage", status=429, retry_after=3)
    async with make_bot(bot_api) as bot:
        with pytest.raises(RetryAfter) as rate_limited:
            await bot.send_message(CHAT, "a")
        assert _retry_seconds(rate_limited.value) == 3
        await bot.send_message(CHAT, "second try works")
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(7, "a")
        with pytest.raises(ChatMigrated) as migrated:
            await bot.send_message(-555, "a")
        assert migrated.value.new_chat_id == -1005550000000
        await bot.send_message(-1005550000000, "to the supergroup")
    assert [m.plain for m in bot_api.sent] == ["second try works", "to the supergroup"]


async def test_edits_and_not_modified(bot_api):
    async with make_bot(bot_api) as bot:
        sent = await bot.send_message(CHAT, "<b>v1</b>", parse_mode=ParseMode.HTML)
        edited = await bot.edit_message_text("<b>v2</b>", CHAT, sent.message_id, parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_text("<b>v2</b>", CHAT, sent.message_id, parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("x", CHAT, 999)
    assert edited.text == "v2"
    assert bot_api.sent[0].plain == "v2" and bot_api.sent[0].history == ["<b>v1</b>"]


async def test_get_updates_offset_and_capped_hold(bot_api):
    first = bot_api.queue_message(CHAT, "hello")
    bot_api.queue_message(CHAT, "again")
    async with make_bot(bot_api) as bot:
        updates = await bot.get_updates(timeout=10)
        assert [u.message.text for u in updates] == ["hello", "again"]
        assert updates[0].message.message_id == first["message_id"]
        started = time.monotonic()
        assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=10) == ()
        assert time.monotonic() - started < 2
        assert await bot.get_updates() == ()  # confirmed updates are gone


async def test_raw_json_body_and_unknown_method(bot_api):
    async with httpx.AsyncClient() as client:
        ok = await client.post(
            f"{bot_api.base_url}{TEST_TOKEN}/sendMessage",
            json={"chat_id": CHAT, "text": "<i>json</i>", "parse_mode": "HTML"},
        )
        missing = await client.post(f"{bot_api.base_url}{TEST_TOKEN}/sendTelepathy", json={})
    assert ok.json()["result"]["text"] == "json"
    assert missing.status_code == 404
    assert missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    async with make_bot(bot_api) as bot:
        with pytest.raises(EndPointNotFound):  # PTB's reading of a 404 after getMe
            await bot.do_api_request("sendTelepathy")


async def test_application_answers_command_and_button(bot_api):
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Greets with a button."""
        button = InlineKeyboardButton("Who is Medinsky?", callback_data="who:medinsky")
        await update.message.reply_html("<b>Welcome</b> &amp; hello", reply_markup=InlineKeyboardMarkup([[button]]))

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answers the button and edits the message."""
        await update.callback_query.answer("ok")
        await update.callback_query.edit_message_text(f"You asked: {update.callback_query.data}")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Replies to a reply, quoting the replied text."""
        await update.message.reply_text(f"re: {update.message.reply_to_message.text}")

    async def post_init(app) -> None:
        await app.bot.set_my_commands([("start", "Start the bot")])

    app = (
        ApplicationBuilder()
        .token(TEST_TOKEN)
        .base_url(bot_api.base_url)
        .base_file_url(bot_api.base_file_url)
        .post_init(post_init)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_handler(MessageHandler(filters.REPLY, echo))
    async with app:
        await post_init(app)
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        bot_api.queue_message(CHAT, "/start")
        [welcome] = await bot_api.wait_for_messages(1, chat_id=CHAT)
        bot_api.queue_callback(CHAT, user_id=CHAT, data="who:medinsky")
        bot_api.queue_message(CHAT, "and?", reply_to_message_id=welcome.message_id)
        await bot_api.wait_for_messages(2, chat_id=CHAT)
        await app.updater.stop()
        await app.stop()
    assert bot_api.commands == {"start": "Start the bot"}
    assert welcome.plain == "You asked: who:medinsky"  # edited in place by the button
    assert welcome.history == ["<b>Welcome</b> &amp; hello"]
    assert bot_api.messages_to(CHAT)[1].plain == "re: Welcome & hello"
    assert bot_api.callback_answers[0]["text"] == "ok"


UPDATE_SHAPES = {
    "private command": (dict(chat_id=CHAT, text="/topics add war"), "private", "/topics"),
    "group command with bot mention": (
        dict(
            chat_id=-1001234567890123,
            text="/topics@briefbot_test_bot",
            chat_type="supergroup",
            user_id=77,
            title="Newsroom",
        ),
        "supergroup",
        "/topics@briefbot_test_bot",
    ),
    "plain question": (dict(chat_id=CHAT, text="What did Podoliak say?"), "private", None),
    "channel post": (dict(chat_id=-1009876543210, text="/topics", chat_type="channel"), "channel", "/topics"),
}


@pytest.mark.parametrize("kwargs, chat_type, command", UPDATE_SHAPES.values(), ids=UPDATE_SHAPES.keys())
async def test_queued_updates_parse_in_ptb(bot_api, kwargs, chat_type, command):
    bot_api.queue_message(**kwargs)
    async with make_bot(bot_api) as bot:
        [update] = await bot.get_updates()
    message = update.effective_message
    assert message.chat.id == kwargs["chat_id"] and message.chat.type == chat_type
    assert message.text == kwargs["text"]
    commands = list(message.parse_entities(["bot_command"]).values())
    assert commands == ([command] if command else [])
    assert (update.channel_post is not None) == (chat_type == "channel")


def test_sync_wait_reports_what_was_sent(bot_api):
    bot_api.fail_next("*", status=500)
    with httpx.Client() as client:
        url = f"{bot_api.base_url}{TEST_TOKEN}/sendMessage"
        assert client.post(url, data={"chat_id": CHAT, "text": "x"}).status_code == 500
        client.post(url, data={"chat_id": CHAT, "text": "briefing"})
    assert [m.plain for m in bot_api.wait_for_messages_sync(1, chat_id=CHAT)] == ["briefing"]
    with pytest.raises(AssertionError, match="briefing"):
        bot_api.wait_for_messages_sync(2, timeout=0.1)
