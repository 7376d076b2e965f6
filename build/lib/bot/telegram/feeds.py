"""A chat's own feeds: /addfeed, /feeds, /removefeed, /filter, /export and OPML import."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from html import escape

from telegram import Document, InputFile, Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.feeds.adding import AddOutcome, AddStatus, ChatFeeds, everything_topic_id
from bot.feeds.opml import OpmlFeed, OpmlRefused, read_opml, write_opml
from bot.services import services_of
from bot.store.chat_feeds import RETIRED, ChatFeed
from bot.telegram.chat_admins import NOT_ADMIN, admins_only, may_change
from bot.telegram.subscriptions import ensure_chat
from bot.telegram.updates import message_of
from bot.topics.matcher import refused_by_filter
from bot.topics.query import QueryError, parse_query
from bot.typed import visible

log = logging.getLogger(__name__)
MESSAGE_LIMIT = 3900  # below Telegram's 4096, so a list never fails to send
MAX_FILTER_LENGTH = 500
EXPORT_FILE_NAME = "briefbot-feeds.opml"
OPML_TYPES = frozenset({"text/x-opml", "text/xml", "application/xml"})


def _args(context: ContextTypes.DEFAULT_TYPE) -> list[str]:
    return list(context.args or [])


def chat_feeds(context: ContextTypes.DEFAULT_TYPE) -> ChatFeeds:
    services = services_of(context)
    return ChatFeeds(services.store, services.running_fetcher(), services.settings)


@admins_only
async def addfeed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/addfeed <url>: a feed, or a page that links to its feed."""
    message = message_of(update)
    chat_id = await ensure_chat(update, context)
    args = _args(context)
    if len(args) != 1:
        await message.reply_html(
            "Usage: <code>/addfeed https://example.com/feed.xml</code> — a feed, or a site that links to its feed."
        )
        return
    await message.reply_html(added_text(await chat_feeds(context).add(chat_id, args[0])))


def added_text(outcome: AddOutcome) -> str:
    name = f"<b>{escape(outcome.name or '')}</b>"
    if outcome.status is AddStatus.REFUSED:
        return f"I can't add that feed: {escape(outcome.reason or 'it could not be read')}."
    if outcome.status is AddStatus.ALREADY:
        return f"This chat already has that feed: #{outcome.number} {name}."
    lines = []
    if outcome.via_page:
        lines.append(
            f"That page is not a feed; it links to its feed, and I took <code>{escape(outcome.feed_url or '')}</code>."
        )
    lines.append(f"Added feed #{outcome.number}: {name}. You'll get everything from it.")
    lines.append(
        f"<code>/filter {outcome.number} -word</code> narrows it; "
        f"<code>/unsubscribe {escape(outcome.topic_id or '')}</code> keeps it only for your /follow topics."
    )
    return "\n".join(lines)


async def list_feeds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/feeds: this chat's feeds with how their last checks went."""
    chat_id = await ensure_chat(update, context)
    store = services_of(context).store
    feeds = await store.chat_feeds.of_chat(chat_id)
    if not feeds:
        await message_of(update).reply_html(
            "This chat has no feeds of its own. Add one with <code>/addfeed https://example.com/feed.xml</code>."
        )
        return
    subscribed = set(await store.chats.subscriptions(chat_id))
    filters = await store.filters.of_chat(chat_id)
    limit = services_of(context).settings.max_feeds_per_chat
    entries = [_feed_entry(chat_id, feed, subscribed, filters) for feed in feeds]
    header = f"<b>Your feeds</b> ({len(feeds)} of {limit}) — remove one with /removefeed NUMBER"
    await reply_in_parts(message_of(update), [header, *entries])


def _feed_entry(chat_id: int, feed: ChatFeed, subscribed: set[str], filters: dict[str, str]) -> str:
    topic_id = everything_topic_id(chat_id, feed.feed_id)
    lines = [f"{feed.number}. <b>{escape(feed.name)}</b>\n<code>{escape(feed.url)}</code>", _health(feed)]
    if topic_id in subscribed:
        narrowed = f", filtered by <code>{escape(filters[topic_id])}</code>" if topic_id in filters else ""
        lines.append(f"Everything from it{narrowed}; topic <code>{topic_id}</code>")
    else:
        lines.append("Only for your /follow topics")
    return "\n".join(lines)


def _health(feed: ChatFeed) -> str:
    read = f"last read {ago(feed.last_success_at)}" if feed.last_success_at else "not read yet"
    if feed.disabled_reason and feed.disabled_reason != RETIRED:
        return f"⛔ no longer checked: {escape(feed.disabled_reason)} ({read})"
    if feed.last_error:
        tries = f", {feed.error_count} checks in a row" if feed.error_count > 1 else ""
        return f"⚠️ last check failed: {escape(feed.last_error)}{tries} ({read})"
    return f"✅ {read}"


def ago(timestamp: float, now: float | None = None) -> str:
    seconds = max(0, int((now or time.time()) - timestamp))
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count > 1 else ''} ago"
    return "just now"


async def reply_in_parts(message: Message, blocks: list[str]) -> None:
    """Send blocks joined by blank lines, as few messages as Telegram's length limit allows."""
    part = ""
    for block in blocks:
        if part and len(part) + len(block) + 2 > MESSAGE_LIMIT:
            await message.reply_html(part)
            part = ""
        part = f"{part}\n\n{block}" if part else block[:MESSAGE_LIMIT]
    if part:
        await message.reply_html(part)


@admins_only
async def removefeed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/removefeed <number>"""
    message = message_of(update)
    chat_id = await ensure_chat(update, context)
    args = _args(context)
    if len(args) != 1 or not args[0].lstrip("#").isdigit():
        await message.reply_html("Usage: <code>/removefeed NUMBER</code> — the number /feeds shows.")
        return
    number = int(args[0].lstrip("#")[:9])
    removed = await chat_feeds(context).remove(chat_id, number)
    if removed is None:
        await message.reply_html(f"This chat has no feed #{number}; /feeds lists them.")
        return
    await message.reply_html(f"Removed feed #{number}: <b>{escape(removed.name)}</b>.")


@admins_only
async def filter_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/filter <topic id | feed number> <keywords> | off"""
    message = message_of(update)
    chat_id = await ensure_chat(update, context)
    store = services_of(context).store
    args = _args(context)
    if len(args) < 2:
        await message.reply_html(await _filter_usage(context, chat_id))
        return
    topic_id = await _filter_target(context, chat_id, args[0])
    topic = await store.topics.get(topic_id) if topic_id else None
    text = " ".join(args[1:])
    if topic is None or topic_id not in await store.chats.subscriptions(chat_id):
        await message.reply_html(
            f"This chat follows no topic or feed <code>{escape(visible(args[0])[:40])}</code>; "
            "/list and /feeds show them."
        )
        return
    if text.lower() == "off":
        await store.filters.set(chat_id, topic.id, None)
        await message.reply_html(f"No filter on <b>{escape(topic.name)}</b> any more: new matches all come through.")
        return
    if len(text) > MAX_FILTER_LENGTH:
        await message.reply_html(f"That filter is too long (at most {MAX_FILTER_LENGTH} characters).")
        return
    try:
        query = parse_query(text, exclude_only=True)
    except QueryError as error:
        await message.reply_html(f"I can't use that filter: {escape(str(error))}.")
        return
    async with store.unit_of_work():
        await store.filters.set(chat_id, topic.id, text)
        waiting = await store.filters.waiting(chat_id, topic.id)
        await store.filters.hold_back(chat_id, topic.id, await refused_by_filter(store, query, waiting))
    await message.reply_html(
        f"Filter on <b>{escape(topic.name)}</b>: <code>{escape(text)}</code>. "
        f"<code>/filter {escape(visible(args[0])[:40])} off</code> removes it."
    )


async def _filter_target(context: ContextTypes.DEFAULT_TYPE, chat_id: int, word: str) -> str | None:
    """A feed number stands for that feed's "everything" topic; anything else is a topic id."""
    if word.lstrip("#").isdigit():
        feed = await services_of(context).store.chat_feeds.get(chat_id, int(word.lstrip("#")[:9]))
        return everything_topic_id(chat_id, feed.feed_id) if feed else None
    return word.lower()[:80]


async def _filter_usage(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> str:
    current = await services_of(context).store.filters.of_chat(chat_id)
    usage = (
        "Usage: <code>/filter TOPIC-OR-FEED-NUMBER keywords</code>, e.g. "
        '<code>/filter talks -football "peace talks"</code> or <code>/filter 2 -sport</code>; '
        "<code>/filter talks off</code> removes it. Words must appear, -words must not."
    )
    lines = [usage]
    lines += [f"• <code>{escape(t)}</code>: <code>{escape(q)}</code>" for t, q in current.items()]
    return "\n".join(lines)


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export: the chat's feeds as an OPML file."""
    chat_id = await ensure_chat(update, context)
    feeds = await services_of(context).store.chat_feeds.of_chat(chat_id)
    if not feeds:
        await message_of(update).reply_html("This chat has no feeds to export; /addfeed adds one.")
        return
    document = write_opml("briefbot feeds", [OpmlFeed(f.url, f.name) for f in feeds])
    await message_of(update).reply_document(
        InputFile(document, filename=EXPORT_FILE_NAME),
        caption=f"This chat's {len(feeds)} feed{'s' if len(feeds) > 1 else ''} as OPML. "
        "Send this file to any chat with me to import them there.",
    )


async def document_received(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document: imported when it is an OPML feed list; anything else gets a one-line answer in private."""
    message = message_of(update)
    document = message.document
    if document is None or not _looks_like_opml(document):
        if message.chat.type == ChatType.PRIVATE:
            await message.reply_html("I only read OPML files (feed lists, <code>.opml</code>) sent to me.")
        return
    if not await may_change(update, context):  # a group's feeds are its administrators' to change
        await message.reply_text(NOT_ADMIN)
        return
    chat_id = await ensure_chat(update, context)
    data = await _download_capped(message, document, services_of(context).settings.opml_max_bytes)
    if data is None:
        return
    try:
        listed = await asyncio.to_thread(read_opml, data)
    except OpmlRefused as refusal:
        log.info("chat %s: OPML file %r refused: %s", chat_id, document.file_name, refusal)
        await message.reply_html(f"I can't import that file: {escape(str(refusal))}.")
        return
    if not listed:
        await message.reply_html("That OPML file lists no feeds (no outline with an <code>xmlUrl</code>).")
        return
    outcomes = await chat_feeds(context).add_many(chat_id, [feed.url for feed in listed])
    log.info("chat %s imported OPML: %s", chat_id, Counter(o.status.value for o in outcomes))
    await reply_in_parts(message, import_summary(outcomes))


async def _download_capped(message: Message, document: Document, limit: int) -> bytes | None:
    """The document's bytes, or None (and a one-line answer) when it is, or says it is, too large."""
    declared = document.file_size
    if declared is None or declared > limit:
        size = "of unknown size" if declared is None else f"{declared:,} bytes"
        log.info("chat %s: OPML file refused before download: %s", message.chat_id, size)
        await message.reply_html(
            f"I can't import that file: it is {size}, and I read OPML files up to {limit:,} bytes."
        )
        return None
    data = bytes(await (await document.get_file()).download_as_bytearray())
    if len(data) > limit:  # the size Telegram declared was wrong: refuse all the same
        log.warning("chat %s: OPML file was %d bytes, declared %d", message.chat_id, len(data), declared)
        await message.reply_html(f"I can't import that file: it is larger than the {limit:,} bytes I read.")
        return None
    return data


def _looks_like_opml(document: Document) -> bool:
    name = (document.file_name or "").lower()
    return name.endswith((".opml", ".xml")) or (document.mime_type or "") in OPML_TYPES


def import_summary(outcomes: list[AddOutcome]) -> list[str]:
    """The import as the user reads it: counts, then what was added and what was refused and why."""
    counts = Counter(outcome.status for outcome in outcomes)
    head = (
        f"<b>OPML import</b>: {counts[AddStatus.ADDED]} added, {counts[AddStatus.ALREADY]} already there, "
        f"{counts[AddStatus.REFUSED]} refused."
    )
    blocks = [head]
    added = [f"#{o.number} {escape(o.name or '')}" for o in outcomes if o.status is AddStatus.ADDED]
    if added:
        blocks.append("Added: " + ", ".join(added) + ". /feeds lists them.")
    refused = [o for o in outcomes if o.status is AddStatus.REFUSED]
    blocks += [f"Refused <code>{escape(o.asked[:200])}</code>: {escape(o.reason or '')}." for o in refused]
    return blocks
