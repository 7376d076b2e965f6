"""Lines found wrong in the issue-12 audit of briefings, on invented articles run
through the real quote engine and the real renderer."""

from __future__ import annotations

from bot.briefing.extractive import extractive_briefing
from bot.briefing.render import render_briefing
from bot.models import Article
from bot.quotes import analyse
from bot.runtime import html_to_text


def _briefing(text: str) -> str:
    article = Article(url="https://ledger.example.net/b", text=text, title="Ferry vote nears", outlet="Coastal Ledger")
    article.analysis = analyse(text)
    return html_to_text(render_briefing(extractive_briefing(article)))


def test_a_refusal_is_never_a_line_of_reported_speech():
    # "Ann Lind: to concede that …" would say the opposite; a refusal is a deed, not words
    # said (an intention, bot.quotes.held), so it is no line of reported speech at all
    text = (
        "The ferry vote is on Sunday.\n\n"
        "The harbour board met on Monday and set the new fares for the spring.\n\n"
        "Fares on the island line will rise by a third from March.\n\n"
        "Riders have until Friday to buy tickets at the old price.\n\n"
        "Mayor Ann Lind, meanwhile, was making a fresh pitch to rail riders, refusing to concede "
        "that the ferry backers were unlikely to vote for her."
    )
    (refusal,) = analyse(text).quotes
    # "meanwhile" between commas is no role
    assert (refusal.speaker, refusal.speaker_role, refusal.cue_kind) == ("Ann Lind", "Mayor", "intention")
    briefing = _briefing(text)
    sentences = text.split("\n\n")
    assert all(line.removeprefix("• ") in sentences for line in briefing.splitlines() if "to concede" in line)


def _briefing_of(text: str, title: str, url: str) -> str:
    article = Article(url=url, text=text, title=title, outlet="Coastal Ledger")
    article.analysis = analyse(text)
    return html_to_text(render_briefing(extractive_briefing(article)))


_LETTERS = (
    "The new fares punish the island families who have no other way to the mainland.\n\n"
    "I have taken the ferry for thirty years and never seen the boats so empty.\n\n"
    "The board should publish its accounts before it asks riders for another penny."
)


def test_a_letters_page_is_not_headed_as_the_outlet_s_report():
    briefing = _briefing_of(_LETTERS, "Letters to the editor: the ferry fares", "https://ledger.example.net/opinion/x")
    assert "What Coastal Ledger reports" not in briefing
    assert "Readers' letters in Coastal Ledger" in briefing
    assert "I have taken the ferry for thirty years" in briefing


def test_a_letters_address_marks_the_page_too_and_news_keeps_its_heading():
    by_address = _briefing_of(_LETTERS, "The ferry fares", "https://ledger.example.net/letters/2026/ferry")
    assert "Readers' letters in Coastal Ledger" in by_address
    news = _briefing_of(_LETTERS, "Mayor's letters to the board show fare plan", "https://ledger.example.net/news/x")
    assert "What Coastal Ledger reports" in news
