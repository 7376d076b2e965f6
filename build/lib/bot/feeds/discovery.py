"""Find the feeds a web page advertises in its head: <link rel="alternate" type="application/rss+xml">."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
MAX_LINKS = 10  # a page listing more is not telling us which one is its feed


class _EndOfHead(Exception):
    """The head is over: feed links live there, the body need not be read."""


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            raise _EndOfHead
        if tag != "link" or len(self.hrefs) >= MAX_LINKS:
            return
        values = {name: (value or "") for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").split(";")[0].strip().lower()
        href = values.get("href", "").strip()
        if "alternate" in rels and kind in FEED_TYPES and href:
            self.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            raise _EndOfHead


def advertised_feeds(page: bytes, page_url: str) -> list[str]:
    """The page's feed links, absolute, http(s) only, in page order, without repeats."""
    parser = _FeedLinks()
    try:
        parser.feed(page.decode("utf-8", errors="replace"))
        parser.close()
    except _EndOfHead:
        pass
    found: list[str] = []
    for href in parser.hrefs:
        url = urljoin(page_url, href)
        if url.startswith(("http://", "https://")) and url not in found:
            found.append(url)
    return found
