"""Finding the feed a page advertises in its head."""

from __future__ import annotations

from bot.feeds.discovery import advertised_feeds


def test_rss_and_atom_links_in_the_head_absolute_in_order():
    page = b"""<html><head>
    <link rel="stylesheet" href="/a.css">
    <link rel="alternate" type="application/rss+xml" href="/rss.xml">
    <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="https://cdn.example/atom">
    <link rel="alternate" type="application/rss+xml" href="/rss.xml">
    <link rel="alternate" hreflang="de" href="/de/">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body><link rel="alternate" type="application/rss+xml" href="/in-body.xml"></body></html>"""
    assert advertised_feeds(page, "https://news.example/world/") == [
        "https://news.example/rss.xml",
        "https://cdn.example/atom",
    ]


def test_a_page_without_feed_links_or_without_a_head():
    assert advertised_feeds(b"<html><body><p>Hello</p></body></html>", "https://x.example/") == []
    assert advertised_feeds(b"\xff\xfe garbage <link", "https://x.example/") == []
