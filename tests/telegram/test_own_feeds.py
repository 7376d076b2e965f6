"""Chats' own feeds as a user meets them: /addfeed, /feeds, /removefeed, /filter, through the fake Bot API."""

from __future__ import annotations

from bot.telegram.chat_admins import NOT_ADMIN
from tests.articles.pages import article_page, rss
from tests.telegram.harness import bot_running

OTHER_CHAT = 515151
TALKS = [
    "Harbour talks resumed in Geneva on Monday, and the mediators said the talks would run until a draft is signed."
]
ROWING = ["The harbour rowing club won its cup final on Sunday, and the talks about a new boathouse were put aside."]
WEATHER = ["Rain is expected over the harbour all week, forecasters said on Tuesday morning."]


def serve_feed(bot, path: str, articles: list[tuple[str, str, list[str]]], title: str = "Harbour Post") -> str:
    """Serve a feed titled `title` at `path` listing article pages; return its URL."""
    items = []
    for headline, page, paragraphs in articles:
        bot.feed_server.route(
            f"/own/{page}", article_page(headline, paragraphs, [], outlet=title), content_type="text/html"
        )
        items.append((headline, bot.feed_server.url(f"/own/{page}"), paragraphs[0][:120]))
    bot.feed_server.route(path, rss(items, title=title))
    return bot.feed_server.url(path)


async def test_addfeed_takes_a_feed_and_delivers_everything_from_it(running_bot):
    bot = running_bot
    url = serve_feed(bot, "/post.xml", [])
    (reply,) = await bot.say(f"/addfeed {url}", 1)
    assert "Added feed #1: Harbour Post" in reply.plain
    (listing,) = await bot.say("/feeds", 1)
    assert "1. Harbour Post" in listing.plain and url in listing.plain
    assert "✅ last read just now" in listing.plain and "Everything from it" in listing.plain
    serve_feed(bot, "/post.xml", [("Rain all week", "rain.html", WEATHER)])
    await bot.cycle()
    (briefing,) = (await bot.bot_api.wait_for_messages(3, chat_id=bot.chat))[2:]
    assert "Rain all week" in briefing.plain
    (listing,) = await bot.say("/feeds", 1)
    assert "last read just now" in listing.plain


async def test_a_chats_feed_reaches_no_other_chat(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1, chat=OTHER_CHAT)
    await bot.say('/follow "talks"', 1, chat=OTHER_CHAT)
    url = serve_feed(bot, "/post.xml", [("Talks resume", "talks.html", TALKS)])
    await bot.say('/follow "talks"', 1)
    await bot.say(f"/addfeed {url}", 1)
    await bot.say("/unsubscribe " + (await _everything_topic(bot)), 1)
    await bot.cycle()
    # This chat's own keyword topic sees its own feed; the other chat's catalogue and keyword topics do not.
    (briefing,) = (await bot.bot_api.wait_for_messages(4, chat_id=bot.chat))[3:]
    assert "Talks resume" in briefing.plain
    await bot.settle()
    assert not any("Talks resume" in text for text in bot.texts_to(OTHER_CHAT))


async def _everything_topic(bot) -> str:
    subscriptions = await bot.store.chats.subscriptions(bot.chat)
    (topic_id,) = [t for t in subscriptions if t.startswith("feed-")]
    return topic_id


async def test_a_site_page_leads_to_the_feed_it_advertises(running_bot):
    bot = running_bot
    url = serve_feed(bot, "/news/rss.xml", [])
    page = (
        "<!DOCTYPE html><html><head><title>Harbour Post</title>"
        '<link rel="stylesheet" href="/style.css">'
        '<link rel="alternate" type="application/rss+xml" title="News" href="/news/rss.xml">'
        "</head><body><p>Welcome</p></body></html>"
    )
    bot.feed_server.route("/", page, content_type="text/html; charset=utf-8")
    (reply,) = await bot.say(f"/addfeed {bot.feed_server.url('/')}", 1)
    assert "That page is not a feed; it links to its feed, and I took " + url in reply.plain
    assert "Added feed #1: Harbour Post" in reply.plain
    (feed,) = await bot.store.chat_feeds.of_chat(bot.chat)
    assert feed.url == url


async def test_refusals_each_get_one_line(running_bot):
    bot = running_bot
    bot.feed_server.route(
        "/plain.html", "<html><head><title>x</title></head><body>hi</body></html>", content_type="text/html"
    )
    bot.feed_server.route(
        "/broken.html",
        '<html><head><link rel="alternate" type="application/atom+xml" href="/gone.xml"></head></html>',
        content_type="text/html",
    )
    cases = [
        ("/addfeed", "Usage: /addfeed"),
        ("/addfeed ftp://example.org/feed.xml", "I can't add that feed: only http:// and https:// links can be added."),
        (
            f"/addfeed {bot.feed_server.url('/missing.xml')}",
            "I can't add that feed: the server answered HTTP 404 (Not Found).",
        ),
        (
            f"/addfeed {bot.feed_server.url('/plain.html')}",
            "I can't add that feed: it is not an RSS or Atom feed, and the page does not link to one.",
        ),
        (
            f"/addfeed {bot.feed_server.url('/broken.html')}",
            (
                f"I can't add that feed: the page links to its feed at {bot.feed_server.url('/gone.xml')}, "
                "but the server answered HTTP 404 (Not Found)."
            ),
        ),
        ("/addfeed https://" + "a" * 2100 + ".example/", "I can't add that feed: the link is longer than 2000"),
        ("/removefeed", "Usage: /removefeed NUMBER"),
        ("/removefeed 7", "This chat has no feed #7; /feeds lists them."),
        ("/feeds", "This chat has no feeds of its own."),
    ]
    for command, expected in cases:
        (reply,) = await bot.say(command, 1)
        assert expected in reply.plain, command
        assert "\n" not in reply.plain or command == "/addfeed", command
    assert await bot.store.chat_feeds.of_chat(bot.chat) == []


async def test_loopback_and_private_addresses_are_refused(bot_api, feed_server, make_settings, tmp_path):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, FETCH_ALLOW_PRIVATE_NETWORKS=False) as bot:
        url = serve_feed(bot, "/post.xml", [])
        (reply,) = await bot.say(f"/addfeed {url}", 1)
        assert "I can't add that feed: 127.0.0.1 points at" in reply.plain and "refusing to fetch it" in reply.plain
        assert not [r for r in feed_server.requests if r.path == "/post.xml"]
        assert await bot.store.chat_feeds.of_chat(bot.chat) == []


async def test_the_same_url_from_many_chats_is_one_feed_fetched_once(running_bot):
    bot = running_bot
    url = serve_feed(bot, "/post.xml", [("Rain all week", "rain.html", WEATHER)])
    await bot.say(f"/addfeed {url}", 1)
    (reply,) = await bot.say(f"/addfeed {url}", 1, chat=OTHER_CHAT)
    assert "Added feed #1: Harbour Post" in reply.plain
    (again,) = await bot.say(f"/addfeed {url}", 1)
    assert "This chat already has that feed: #1 Harbour Post." in again.plain
    rows = [f for f in await bot.store.feeds.all() if f.url == url]
    assert len(rows) == 1
    before = len([r for r in bot.feed_server.requests if r.path == "/post.xml"])
    await bot.cycle()
    await bot.bot_api.wait_for_messages(3, chat_id=bot.chat)
    await bot.bot_api.wait_for_messages(2, chat_id=OTHER_CHAT)
    assert len([r for r in bot.feed_server.requests if r.path == "/post.xml"]) == before + 1


async def test_removing_the_last_link_retires_the_feed_and_keeps_its_articles(running_bot):
    bot = running_bot
    url = serve_feed(bot, "/post.xml", [("Rain all week", "rain.html", WEATHER)])
    await bot.say(f"/addfeed {url}", 1)
    await bot.say(f"/addfeed {url}", 1, chat=OTHER_CHAT)
    await bot.cycle()
    await bot.bot_api.wait_for_messages(2, chat_id=bot.chat)
    (feed,) = await bot.store.chat_feeds.of_chat(bot.chat)
    (reply,) = await bot.say("/removefeed 1", 1)
    assert "Removed feed #1: Harbour Post." in reply.plain
    assert (await bot.store.feeds.get(feed.feed_id)).disabled_reason is None  # the other chat still has it
    await bot.say("/stop", 1, chat=OTHER_CHAT)  # its data goes, and with it the last link
    record = await bot.store.feeds.get(feed.feed_id)
    assert record.disabled_reason == "retired: no chat follows it"
    assert feed.feed_id not in {f.id for f in await bot.store.feeds.due(float("inf"))}
    rows = await bot.store.db.execute_fetchall("SELECT title FROM articles WHERE feed_id = ?", (feed.feed_id,))
    assert [r[0] for r in rows] == ["Rain all week"]
    # Adding it again brings it back to polling.
    await bot.say(f"/addfeed {url}", 1)
    assert (await bot.store.feeds.get(feed.feed_id)).disabled_reason is None


async def test_per_chat_feed_limit(bot_api, feed_server, make_settings, tmp_path):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path, MAX_FEEDS_PER_CHAT=1) as bot:
        first = serve_feed(bot, "/one.xml", [])
        second = serve_feed(bot, "/two.xml", [], title="Second Post")
        await bot.say(f"/addfeed {first}", 1)
        (reply,) = await bot.say(f"/addfeed {second}", 1)
        assert reply.plain == (
            "I can't add that feed: this chat already has 1 feeds, the most allowed; /removefeed one first."
        )
        assert len(await bot.store.chat_feeds.of_chat(bot.chat)) == 1


async def test_feeds_shows_the_last_error_in_plain_words(running_bot):
    bot = running_bot
    url = serve_feed(bot, "/post.xml", [])
    await bot.say(f"/addfeed {url}", 1)
    await bot.cycle()
    bot.feed_server.route("/post.xml", "<html><body>Maintenance</body></html>", content_type="text/html")
    await bot.cycle()
    (listing,) = await bot.say("/feeds", 1)
    assert "last check failed: the address serves a web page, not an RSS or Atom feed" in listing.plain
    assert "BadResponse" not in listing.plain
    assert "(last read just now)" in listing.plain


async def test_filter_holds_back_what_it_refuses_for_that_chat_only(running_bot):
    bot = running_bot
    url = serve_feed(bot, "/post.xml", [])
    await bot.say(f"/addfeed {url}", 1)
    await bot.say(f"/addfeed {url}", 1, chat=OTHER_CHAT)
    (reply,) = await bot.say("/filter 1 -rowing", 1)
    assert "Filter on Everything from Harbour Post: -rowing." in reply.plain
    serve_feed(bot, "/post.xml", [("Cup final", "cup.html", ROWING), ("Talks resume", "talks.html", TALKS)])
    await bot.cycle()
    await bot.bot_api.wait_for_messages(3, chat_id=OTHER_CHAT)  # unfiltered: both
    (briefing,) = (await bot.bot_api.wait_for_messages(3, chat_id=bot.chat))[2:]
    assert "Talks resume" in briefing.plain
    await bot.settle()
    assert not any("Cup final" in text for text in bot.texts_to())
    (listing,) = await bot.say("/feeds", 1)
    assert "filtered by -rowing" in listing.plain


async def test_filter_on_a_catalogue_topic_with_words_to_keep(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    (reply,) = await bot.say('/filter talks "boathouse"', 1)
    assert 'Filter on Harbour talks: "boathouse".' in reply.plain
    bot.publish([("Cup final", "cup.html", ROWING), ("Talks resume", "talks.html", TALKS)])
    await bot.cycle()
    (briefing,) = (await bot.bot_api.wait_for_messages(3, chat_id=bot.chat))[2:]
    assert "Cup final" in briefing.plain
    await bot.settle()
    assert not any("Talks resume" in text for text in bot.texts_to())
    (off,) = await bot.say("/filter talks off", 1)
    assert "No filter on Harbour talks any more" in off.plain
    assert await bot.store.filters.of_chat(bot.chat) == {}


async def test_filter_refusals(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    cases = [
        ("/filter", "Usage: /filter TOPIC-OR-FEED-NUMBER keywords"),
        ("/filter fish -cod", "This chat follows no topic or feed fish; /list and /feeds show them."),
        ("/filter 3 -cod", "This chat follows no topic or feed 3"),
        ("/filter talks - OR", "I can't use that filter: a query needs at least one word"),
        ("/filter talks " + " ".join(f"w{i}" for i in range(30)), "I can't use that filter: too many terms"),
        ("/filter talks " + "x" * 600, "That filter is too long (at most 500 characters)."),
    ]
    for command, expected in cases:
        (reply,) = await bot.say(command, 1)
        assert expected in reply.plain, command
    assert await bot.store.filters.of_chat(bot.chat) == {}


async def test_setting_a_filter_holds_back_matches_still_waiting(running_bot):
    bot = running_bot
    await bot.say("/subscribe talks", 1)
    bot.publish([("Cup final", "cup.html", ROWING), ("Talks resume", "talks.html", TALKS)])
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()  # matched, not yet delivered
    await bot.say("/filter talks -rowing", 1)
    (news,) = await bot.say("/now", 1)
    assert "Talks resume" in news.plain and "Cup final" not in news.plain


async def test_in_a_group_only_administrators_change_its_feeds(running_bot):
    bot = running_bot
    group, admin, member = -4002, 601, 602
    bot.bot_api.set_member(group, admin, "administrator")
    url = serve_feed(bot, "/post.xml", [])
    for command in (f"/addfeed {url}", "/removefeed 1", "/filter 1 -rowing"):
        (refusal,) = await bot.say(command, 1, chat=group, chat_type="group", user=member)
        assert refusal.plain == NOT_ADMIN, command
    assert await bot.store.chat_feeds.of_chat(group) == []
    (added,) = await bot.say(f"/addfeed {url}", 1, chat=group, chat_type="group", user=admin)
    assert "Added feed #1: Harbour Post" in added.plain
    (listing,) = await bot.say("/feeds", 1, chat=group, chat_type="group", user=member)  # reading is for everyone
    assert "1. Harbour Post" in listing.plain


async def test_feeds_says_when_a_feed_is_gone_for_good(running_bot):
    bot = running_bot
    url = serve_feed(bot, "/post.xml", [])
    await bot.say(f"/addfeed {url}", 1)
    bot.feed_server.route("/post.xml", "gone", status=410, content_type="text/plain")
    await bot.cycle()
    (listing,) = await bot.say("/feeds", 1)
    assert "⛔ no longer checked: gone (HTTP 410) (last read just now)" in listing.plain
