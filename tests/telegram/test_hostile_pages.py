"""Hostile article pages, as a subscriber sees the briefing through the fake Bot API:
markup that tries to become Telegram HTML, a 10 MB page, and pages that are not HTML."""

from __future__ import annotations

import json
import os

import pytest

from tests.articles.pages import article_page, rss

TALKS = [
    "Harbour talks resumed in Geneva on Monday after a week of delay, the mediators said.",
    "Anna Soderlund, a spokeswoman for the mediators, said: “The talks will run until a draft is signed.”",
]
SUMMARY = "Harbour talks resumed in Geneva on Monday after the dispute over pier fees was settled."
INJECTION = 'Talks <b>resume</b> & <a href="javascript:alert(1)">go</a> <i>now'


def serve(bot, title: str, body: bytes | str, content_type: str, summary: str = SUMMARY) -> None:
    bot.feed_server.route("/articles/story", body, content_type=content_type)
    bot.feed_server.route("/feed.xml", rss([(title, bot.feed_server.url("/articles/story"), summary)]))


async def briefing_of(bot) -> object:
    """The subscriber's one briefing after a cycle (the /subscribe reply comes first)."""
    await bot.say("/subscribe talks", 1)
    await bot.cycle()
    messages = await bot.bot_api.wait_for_messages(2, chat_id=bot.chat)
    await bot.settle()
    assert len(bot.bot_api.messages_to(bot.chat)) == 2  # one briefing, no error reply
    return messages[1]


def links_and_styles(message) -> list[tuple[str, str]]:
    return [(e["type"], e.get("url", "")) for e in message.entities]


async def test_markup_in_a_title_and_text_is_shown_as_typed(running_bot):
    """Escaped markup on the page is text: the user reads the characters, Telegram gets no tag."""
    bot = running_bot
    paragraphs = [TALKS[0] + " " + INJECTION + " & more.", TALKS[1]]
    serve(bot, INJECTION, article_page(INJECTION, paragraphs, []), "text/html; charset=utf-8")
    briefing = await briefing_of(bot)
    assert INJECTION in briefing.plain
    assert not any(url.startswith("javascript") for _, url in links_and_styles(briefing))
    assert "javascript" not in json.dumps(briefing.buttons)


async def test_real_tags_in_a_headline_are_dropped_not_passed_on(running_bot):
    bot = running_bot
    page = (
        "<html><head><title>Ledger</title></head><body><article>"
        '<h1>Talks <b>resume</b> &amp; <a href="javascript:alert(1)">go</a></h1>'
        + "".join(f"<p>{p}</p>" for p in TALKS)
        + '<p>Read <a href="javascript:alert(2)">more</a> &amp; <script>alert(3)</script>share.</p>'
        "</article></body></html>"
    )
    serve(bot, "Talks resume & go", page, "text/html; charset=utf-8")
    briefing = await briefing_of(bot)
    assert "Talks resume & go" in briefing.plain
    assert "alert(" not in briefing.plain
    assert not any(url.startswith("javascript") for _, url in links_and_styles(briefing))


async def test_a_ten_megabyte_page_briefs_from_its_first_paragraphs(running_bot):
    bot = running_bot
    filler = "<p>" + "Fishing boats waited in port while the cranes were inspected. " * 20 + "</p>\n"
    head = article_page("Harbour talks resume", TALKS, [])
    page = head.replace("</div>", filler * (10_000_000 // len(filler)) + "</div>", 1)
    assert len(page.encode()) > 9_900_000
    serve(bot, "Harbour talks resume", page, "text/html; charset=utf-8")
    briefing = await briefing_of(bot)
    assert "Harbour talks resume" in briefing.plain
    assert "The talks will run until a draft is signed." in briefing.plain


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nBT (Harbour talks) Tj ET\n%%EOF\n", "application/pdf"),
        (os.urandom(4096) + b"\x00\x01\x02", "application/octet-stream"),
        (json.dumps({"headline": "Talks", "body": TALKS}).encode(), "application/json"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "text/html"),  # an image served as a page
    ],
    ids=["pdf", "binary", "json", "image-labelled-html"],
)
async def test_a_page_that_is_not_html_leaves_the_feed_summary(running_bot, body, content_type):
    bot = running_bot
    serve(bot, "Harbour talks resume", body, content_type)
    briefing = await briefing_of(bot)
    assert "Harbour talks resume" in briefing.plain and SUMMARY in briefing.plain
    assert "%PDF" not in briefing.plain and "obj" not in briefing.plain and "{" not in briefing.plain
    assert "\ufffd" not in briefing.plain and "\x00" not in briefing.plain
