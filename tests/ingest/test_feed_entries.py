"""A feed of tens of thousands of entries is read only as far as its first MAX_READ_ENTRIES:
the cut keeps the document whole, so what is read parses as before."""

from __future__ import annotations

from bot.ingest.feeds import MAX_READ_ENTRIES, first_entries, parse_feed


def rss(count: int) -> bytes:
    items = "".join(
        f"<item><title>Talks {n}</title><link>https://ledger.example/{n}</link></item>" for n in range(count)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>{items}</channel></rss>'.encode()


def atom(count: int) -> bytes:
    entries = "".join(
        f'<entry><title>Talks {n}</title><link href="https://ledger.example/{n}"/><id>n{n}</id></entry>'
        for n in range(count)
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>L</title>{entries}</feed>'.encode()


def test_a_feed_within_the_limit_is_left_as_it_is():
    body = rss(5)
    assert first_entries(body, limit=5) is body


def test_only_the_first_entries_are_kept_and_the_document_closes():
    cut = first_entries(rss(50), limit=3)
    assert cut == rss(3)
    assert first_entries(atom(50), limit=3) == atom(3)


def test_fifty_thousand_entries_parse_as_the_first_ones():
    entries = parse_feed(rss(50_000), "https://ledger.example/feed.xml", "application/rss+xml")
    assert len(entries) == MAX_READ_ENTRIES
    assert entries[0].link == "https://ledger.example/0" and entries[-1].title == f"Talks {MAX_READ_ENTRIES - 1}"
