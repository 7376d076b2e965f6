"""Extraction on our own test pages: every word a reader sees, the first word whole, the real headline."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from bot.ingest.extract import cap_text, extract_article

PAGES = Path(__file__).resolve().parents[1] / "articles" / "html"
ARTICLE_PAGES = sorted(p for p in PAGES.glob("*.html") if p.stem != "no_text")


def _visible_paragraphs(page: Path) -> list[str]:
    """What a browser shows in each paragraph of the article body, spacing normalised."""
    root = lxml.html.fromstring(page.read_bytes())
    return [" ".join(p.text_content().split()) for p in root.xpath("//article//p")]


def _words(text: str) -> str:
    return " ".join(re.sub(r"[“”\"]", "", text).split())


@pytest.mark.parametrize("page", ARTICLE_PAGES, ids=lambda p: p.stem)
def test_no_word_of_a_paragraph_goes_missing(page):
    text = _words(extract_article(page.read_bytes(), "").text)
    for paragraph in _visible_paragraphs(page):
        if paragraph[:1].islower():  # the rest of a drop cap: checked whole below
            continue
        assert _words(paragraph) in text


def test_text_inside_links_spans_and_time_is_kept():
    text = extract_article((PAGES / "links_spans.html").read_bytes(), "").text
    assert "But they're especially high for families travelling with cars, who now pay" in text
    assert "took effect on 1 March, when the operator called" in text
    assert "the new timetable “the most reliable in a decade” and promised free Wi-Fi on every crossing" in text


@pytest.mark.parametrize(
    ("page", "first_words"),
    [("dropcap.html", "Turkey has agreed"), ("dropcap_inline.html", "Residents of Lindmark")],
)
def test_drop_cap_first_word_is_whole(page, first_words):
    assert extract_article((PAGES / page).read_bytes(), "").text.startswith(first_words)


@pytest.mark.parametrize(
    ("page", "headline"),
    [
        ("cms_title.html", "Dockworkers end strike after pay deal"),  # JSON-LD over a CMS <title>
        ("site_title_h1.html", "Hospital waiting lists fall for the first time in four years"),  # h1 over the site
        ("links_spans.html", "Ferry fares rise again on the island routes"),  # og:title
    ],
)
def test_headline_comes_from_the_article_markup_and_is_not_repeated_as_text(page, headline):
    article = extract_article((PAGES / page).read_bytes(), "")
    assert article.title == headline
    assert headline not in article.text


def test_og_title_with_site_suffix_loses_it_and_a_site_name_is_no_headline():
    page = (
        '<html><head><title>Valley Courier</title><meta property="og:site_name" content="Valley Courier">'
        '<meta property="og:title" content="Valley Courier"></head><body><article>'
        "<h1>Bridge tolls scrapped | Valley Courier</h1>"
        "<p>The council scrapped the tolls on the old bridge on Monday, ending a charge that drivers had paid "
        "since 1998, and said the loss of income would be covered by the regional budget for roads.</p>"
        "</article></body></html>"
    )
    assert extract_article(page, "").title == "Bridge tolls scrapped"


def test_hidden_inline_text_is_not_article_text():
    page = (
        "<html><body><article><p>The ferry leaves at nine<span style='display:none'> SECRET-TRACKER</span>, "
        "said the harbour master, and it returns at six in the evening on weekdays and at four on Sundays, "
        "as it has done for the last twenty years of service on the island route.</p></article></body></html>"
    )
    text = extract_article(page, "").text
    assert "SECRET-TRACKER" not in text and "The ferry leaves at nine, said the harbour master" in text


def test_text_is_capped_at_a_paragraph():
    paragraph = "The harbour talks went on into the night without agreement on the fisheries annex. " * 3
    text = "\n".join(f"{n} {paragraph}".strip() for n in range(200))
    capped = cap_text(text, 2000)
    assert len(capped.encode()) <= 2000 and capped.endswith("annex.")
    assert text.startswith(capped) and cap_text("short", 2000) == "short"


def test_cap_never_splits_a_character():
    assert cap_text("Зеленський " * 300, 1001).encode("utf-8").decode("utf-8")


def test_the_cap_reaches_extraction():
    paragraphs = "".join(
        f"<p>Paragraph {n} of the long report says the harbour is busy again.</p>" for n in range(3000)
    )
    article = extract_article(f"<html><body><article>{paragraphs}</article></body></html>", "", max_text_bytes=5000)
    assert 4000 < len(article.text.encode()) <= 5000


@pytest.mark.parametrize("as_fetched", [False, True], ids=["decoded", "bytes"])
def test_a_huge_page_is_read_only_as_far_as_the_cap_needs(as_fetched: bool):
    state = "<script>window.__STATE__ = '" + "x" * 3_000_000 + "';</script>"
    paragraphs = "".join(
        f"<p>Paragraph {n} says the harbour reopened after the storm passed.</p>" for n in range(60000)
    )
    page = (
        "<html><head><title>Bench Ledger</title>"
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour reopens"}</script>'
        f"</head><body>{state}<!-- {'y' * 1_000_000} --><article><h1>Harbour reopens</h1>{paragraphs}</article>"
        "</body></html>"
    )
    article = extract_article(page.encode() if as_fetched else page, "", max_text_bytes=20_000)
    assert article.title == "Harbour reopens"
    assert article.text.startswith("Paragraph 0 says the harbour reopened")
    assert "Paragraph 200 says" in article.text and len(article.text.encode()) <= 20_000
