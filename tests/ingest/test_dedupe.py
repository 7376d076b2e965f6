"""De-duplication keys: the same story under another URL or another typography is one story."""

from __future__ import annotations

import pytest

from bot.ingest.dedupe import canonical_url, text_hash


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://ledger.example.net/a", "https://ledger.example.net/a"),
        ("HTTPS://Ledger.Example.NET/a", "https://ledger.example.net/a"),
        ("https://www.ledger.example.net/a", "https://ledger.example.net/a"),
        ("https://ledger.example.net/a/", "https://ledger.example.net/a"),
        ("https://ledger.example.net", "https://ledger.example.net/"),
        ("https://ledger.example.net/a#comments", "https://ledger.example.net/a"),
        ("https://ledger.example.net/a?utm_source=x&utm_medium=rss", "https://ledger.example.net/a"),
        ("https://ledger.example.net/a?fbclid=1&gclid=2&ref=tw", "https://ledger.example.net/a"),
        ("https://ledger.example.net/a?page=2&id=7", "https://ledger.example.net/a?id=7&page=2"),
        ("https://ledger.example.net/a?id=7&utm_campaign=z", "https://ledger.example.net/a?id=7"),
        ("https://ledger.example.net:443/a", "https://ledger.example.net/a"),
        ("http://ledger.example.net:80/a", "http://ledger.example.net/a"),
        ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"),
        ("  https://ledger.example.net/a  ", "https://ledger.example.net/a"),
        ("https://ledger.example.net/A", "https://ledger.example.net/A"),
    ],
    ids=[
        "plain",
        "case-of-scheme-and-host",
        "www",
        "trailing-slash",
        "empty-path",
        "fragment",
        "utm",
        "click-ids-and-ref",
        "sorted-query",
        "keeps-real-params",
        "default-https-port",
        "default-http-port",
        "other-port-kept",
        "whitespace",
        "path-case-kept",
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


BASE = "Varga said: “We came to Geneva with a draft.” The talks resume on Monday."


@pytest.mark.parametrize(
    "variant",
    [
        BASE,
        'Varga said: "We came to Geneva with a draft." The talks resume on Monday.',
        "Varga said: «We came to Geneva with a draft.» The talks resume on Monday.",
        "Varga said: „We came to Geneva with a draft.“".replace("“", "”") + " The talks resume on Monday.",
        "  Varga said:\n“We came to Geneva   with a draft.”\tThe talks resume on Monday.  ",
        BASE.upper(),
        "Varga said: ‘We came to Geneva with a draft.’ The talks resume on Monday.".replace("‘", "“").replace("’", "”"),
    ],
    ids=["same", "straight-quotes", "guillemets", "low-high-quotes", "whitespace", "upper-case", "curly-again"],
)
def test_text_hash_ignores_typography(variant):
    assert text_hash(variant) == text_hash(BASE)


@pytest.mark.parametrize(
    "other",
    [
        "Varga said: “We came to Geneva with a draft.” The talks resume on Tuesday.",
        "Reik said: “We came to Geneva with a draft.” The talks resume on Monday.",
        "",
        "Varga said: “We came to Geneva with a draft.”",
    ],
    ids=["other-day", "other-speaker", "empty", "shorter"],
)
def test_text_hash_differs_for_different_text(other):
    assert text_hash(other) != text_hash(BASE)
