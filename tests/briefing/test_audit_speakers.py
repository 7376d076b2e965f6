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


def test_a_refusal_keeps_its_cue_so_the_line_does_not_say_the_opposite():
    text = (
        "The ferry vote is on Sunday.\n\n"
        "The harbour board met on Monday and set the new fares for the spring.\n\n"
        "Fares on the island line will rise by a third from March.\n\n"
        "Riders have until Friday to buy tickets at the old price.\n\n"
        "Mayor Ann Lind, meanwhile, was making a fresh pitch to rail riders, refusing to concede "
        "that the ferry backers were unlikely to vote for her."
    )
    briefing = _briefing(text)
    assert "refusing to concede that the ferry backers" in briefing
    assert "Ann Lind: to concede" not in briefing
    assert "meanwhile" not in briefing.split("refusing")[0].rsplit("\n", 1)[-1]
