"""OPML export and import as a user meets them: a document out, a document in, through the fake Bot API."""

from __future__ import annotations

from bot.feeds.opml import read_opml
from bot.telegram.chat_admins import NOT_ADMIN
from tests.articles.pages import rss
from tests.feeds.test_opml import BILLION_LAUGHS, EXTERNAL_ENTITY
from tests.telegram.harness import bot_running

OTHER_CHAT = 515151


def opml(*urls: str) -> bytes:
    outlines = "".join(f'<outline type="rss" text="Feed {n}" xmlUrl="{url}"/>' for n, url in enumerate(urls, 1))
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'.encode()


def serve(bot, path: str, title: str) -> str:
    bot.feed_server.route(path, rss([], title=title))
    return bot.feed_server.url(path)


async def send_file(bot, name: str, data: bytes, chat: int | None = None, expect: int = 1, **options) -> list:
    chat = bot.chat if chat is None else chat
    before = len(bot.bot_api.messages_to(chat))
    bot.bot_api.queue_document(chat, name, data, **options)
    return (await bot.bot_api.wait_for_messages(before + expect, chat_id=chat))[before:]


async def test_export_then_import_in_another_chat(running_bot):
    bot = running_bot
    first, second = serve(bot, "/one.xml", "Harbour Post"), serve(bot, "/two.xml", "Coast & Sea")
    await bot.say(f"/addfeed {first}", 1)
    await bot.say(f"/addfeed {second}", 1)
    (exported,) = await bot.say("/export", 1)
    assert exported.document["file_name"] == "briefbot-feeds.opml"
    assert "This chat's 2 feeds as OPML" in exported.plain
    assert [(f.url, f.title) for f in read_opml(exported.document["data"])] == [
        (first, "Harbour Post"),
        (second, "Coast & Sea"),
    ]
    (summary,) = await send_file(bot, "briefbot-feeds.opml", exported.document["data"], chat=OTHER_CHAT)
    assert "OPML import: 2 added, 0 already there, 0 refused." in summary.plain
    assert "#1 Harbour Post, #2 Coast & Sea" in summary.plain
    assert [f.url for f in await bot.store.chat_feeds.of_chat(OTHER_CHAT)] == [first, second]
    assert len({f.id for f in await bot.store.feeds.all()}) == 3  # the catalogue's and these two, once each


async def test_import_summary_names_what_was_there_and_what_was_refused_and_why(running_bot):
    bot = running_bot
    good, known = serve(bot, "/good.xml", "Good Feed"), serve(bot, "/known.xml", "Known Feed")
    bot.feed_server.route("/page.html", "<html><head></head><body>hi</body></html>", content_type="text/html")
    await bot.say(f"/addfeed {known}", 1)
    data = opml(
        known, good, bot.feed_server.url("/missing.xml"), bot.feed_server.url("/page.html"), "ftp://x.example/f"
    )
    (summary,) = await send_file(bot, "subscriptions.xml", data, mime_type="text/xml")
    text = summary.plain
    assert "OPML import: 1 added, 1 already there, 3 refused." in text
    assert "Added: #2 Good Feed." in text
    assert f"Refused {bot.feed_server.url('/missing.xml')}: the server answered HTTP 404 (Not Found)." in text
    assert "it is not an RSS or Atom feed, and the page does not link to one." in text
    assert "Refused ftp://x.example/f: only http:// and https:// links can be added." in text


async def test_import_stops_at_the_chat_limit(bot_api, feed_server, make_settings, tmp_path):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, MAX_FEEDS_PER_CHAT=2) as bot:
        urls = [serve(bot, f"/f{n}.xml", f"Feed {n}") for n in range(4)]
        (summary,) = await send_file(bot, "feeds.opml", opml(*urls))
        assert "OPML import: 2 added, 0 already there, 2 refused." in summary.plain
        assert summary.plain.count("over this chat's limit of 2 feeds") == 2
        assert len(await bot.store.chat_feeds.of_chat(bot.chat)) == 2
        assert not [r for r in feed_server.requests if r.path in ("/f2.xml", "/f3.xml")]  # never fetched


async def test_hostile_files_are_refused_in_one_line_and_store_nothing(running_bot):
    bot = running_bot
    cases = [
        ("laughs.opml", BILLION_LAUGHS, "it declares a DTD or entities, which I don't read in uploaded files."),
        ("secret.opml", EXTERNAL_ENTITY, "it declares a DTD or entities"),
        ("deep.opml", b"<opml>" + b"<outline>" * 3000 + b"</outline>" * 3000 + b"</opml>", "nests deeper than 32"),
        ("junk.opml", b"\x89PNG\r\n\x1a\n not xml", "it is not well-formed XML"),
        ("feed.xml", b'<rss version="2.0"><channel/></rss>', "it is XML but not OPML (it starts with <rss>)."),
        ("empty.opml", b'<opml version="2.0"><body/></opml>', "That OPML file lists no feeds"),
    ]
    for name, data, expected in cases:
        (reply,) = await send_file(bot, name, data)
        assert expected in reply.plain, name
        assert "\n" not in reply.plain, name
    assert await bot.store.chat_feeds.of_chat(bot.chat) == []


async def test_a_huge_file_is_refused_before_download(running_bot):
    bot = running_bot
    (reply,) = await send_file(bot, "huge.opml", b"<opml/>", file_size=50_000_000)
    assert (
        reply.plain == "I can't import that file: it is 50,000,000 bytes, and I read OPML files up to 1,048,576 bytes."
    )
    (unknown,) = await send_file(bot, "nosize.opml", b"<opml/>", declare_size=False)
    assert "it is of unknown size" in unknown.plain
    assert bot.bot_api.downloads == []
    assert not any(method.lower() == "getfile" for method, _ in bot.bot_api.requests)


async def test_a_file_larger_than_it_declared_is_refused_after_download(running_bot):
    bot = running_bot
    data = opml(*(f"https://x{n}.example/feed" for n in range(20000)))
    (reply,) = await send_file(bot, "liar.opml", data, file_size=1000)
    assert reply.plain == "I can't import that file: it is larger than the 1,048,576 bytes I read."
    assert await bot.store.chat_feeds.of_chat(bot.chat) == []


async def test_other_documents_get_one_line_in_private_and_silence_in_groups(running_bot):
    bot = running_bot
    (reply,) = await send_file(bot, "photo.pdf", b"%PDF-1.4", mime_type="application/pdf")
    assert reply.plain == "I only read OPML files (feed lists, .opml) sent to me."
    bot.bot_api.queue_document(-100777, "minutes.pdf", b"%PDF-1.4", mime_type="application/pdf", chat_type="supergroup")
    await bot.settle()
    assert bot.bot_api.messages_to(-100777) == []


async def test_export_without_feeds(running_bot):
    (reply,) = await running_bot.say("/export", 1)
    assert reply.plain == "This chat has no feeds to export; /addfeed adds one."


async def test_in_a_group_only_administrators_import(running_bot):
    bot = running_bot
    group, member = -4003, 702
    url = serve(bot, "/one.xml", "Harbour Post")
    before = len(bot.bot_api.messages_to(group))
    bot.bot_api.queue_document(group, "feeds.opml", opml(url), chat_type="group", user_id=member)
    (refusal,) = (await bot.bot_api.wait_for_messages(before + 1, chat_id=group))[before:]
    assert refusal.plain == NOT_ADMIN
    assert bot.bot_api.downloads == []
    assert await bot.store.chat_feeds.of_chat(group) == []
