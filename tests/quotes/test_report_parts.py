"""The analyze command's record gives what was said as offsets: a reported content
that runs around its own attribution comes out as two parts (invented sentences)."""

from __future__ import annotations

from bot.models import Article
from bot.quotes import analyse
from bot.quotes.report import analysis_record


def _record(text: str) -> list[dict]:
    article = Article(url="https://port.example/a", text=text)
    return analysis_record("a", article, analyse(text))["quotes"]


def test_content_around_its_attribution_is_two_parts_of_one_attribution():
    text = "The harbour board met on Monday. The new ferry, Dana Reyes said, is ready for the storm season."
    quotes = [q for q in _record(text) if q["kind"] == "indirect"]
    assert [text[q["start"] : q["end"]] for q in quotes] == ["The new ferry", "is ready for the storm season"]
    assert [q["text"] for q in quotes] == ["The new ferry", "is ready for the storm season"]
    assert quotes[0]["attribution"] == quotes[1]["attribution"]
    assert {q["speaker"] for q in quotes} == {"Dana Reyes"}


def test_content_after_its_attribution_stays_one_part():
    text = "The harbour board met on Monday. Dana Reyes said the new ferry is ready for the storm season."
    quotes = [q for q in _record(text) if q["kind"] == "indirect"]
    assert [text[q["start"] : q["end"]] for q in quotes] == ["the new ferry is ready for the storm season"]


def test_an_ellipsis_the_article_prints_inside_a_content_is_no_attribution():
    text = "The harbour board met on Monday. Dana Reyes said the ferry … is ready for the storm season."
    quotes = [q for q in _record(text) if q["kind"] == "indirect"]
    assert len(quotes) == 1
    assert text[quotes[0]["start"] : quotes[0]["end"]] == quotes[0]["text"]
