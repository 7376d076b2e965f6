"""Briefings on our own pages read clean: whole roles, closed quotes, paragraphs, sentences, short parts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.briefing.extractive import extractive_briefing
from bot.briefing.render import TELEGRAM_LIMIT, render_briefing
from bot.ingest.load import load_file
from bot.models import Article
from bot.quotes import analyse
from bot.runtime import html_to_text

PAGES = Path(__file__).resolve().parents[1] / "articles" / "html"
BRIEFED = sorted(p for p in PAGES.glob("*.html") if p.stem != "no_text")


def _article(text: str, title: str | None = None) -> Article:
    article = Article(url="https://ledger.example.net/a", text=text, title=title, outlet="Coastal Ledger")
    article.analysis = analyse(text)
    return article


def _page(name: str) -> Article:
    article = load_file(PAGES / name)
    article.analysis = analyse(article.text)
    return article


def _plain(article: Article) -> str:
    return html_to_text(render_briefing(extractive_briefing(article)))


@pytest.mark.parametrize("page", BRIEFED, ids=lambda p: p.stem)
def test_every_line_closes_its_quotation_marks_and_parts_stay_short(page):
    article = _page(page.name)
    briefing = extractive_briefing(article)
    assert len(briefing.report) <= 3 and len(briefing.reported) <= 3
    assert len({q.start for q in briefing.on_record}) <= 6  # three quotes, each in at most two parts
    html = render_briefing(briefing)
    assert len(html) <= TELEGRAM_LIMIT
    text = html_to_text(html)
    for section in text.split("\n\n"):  # a quote of several paragraphs spans lines, never sections
        assert section.count("“") == section.count("”"), section
    for line in text.splitlines():
        if line.startswith("• "):  # a lead point or a paraphrase is one line
            assert line.count("“") == line.count("”"), line


@pytest.mark.parametrize("page", BRIEFED, ids=lambda p: p.stem)
def test_headline_is_not_repeated_as_the_first_point(page):
    briefing = extractive_briefing(_page(page.name))
    assert briefing.report and briefing.report[0].rstrip(".") != briefing.headline


def test_courtesy_titles_are_never_a_role():
    article = _article(
        "Mr Shapps said the order was the largest since the war began. “We listened,” said Mr Shapps. "
        "Ms Okafor said that her committee would meet in December. “It is late,” Dr Marsh told reporters."
    )
    shown = _plain(article)
    for title in ("Mr", "Ms", "Dr"):
        assert f", {title}\n" not in shown + "\n" and f", {title} " not in shown
    assert "Shapps" in shown


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Deputy trade minister Selin Aydan said the pause had been needed.", "Deputy trade minister"),
        ("Labour's shadow defence secretary John Healey said the plan was late.", "Labour's shadow defence secretary"),
        ("Acting Mayor Lina Berg said that the pier would stay.", "Acting Mayor"),
    ],
)
def test_a_role_is_shown_whole(sentence, role):
    shown = _plain(_article(sentence + " Officials later said the repairs had gone well."))
    assert f", {role}," in shown


def test_a_quote_over_several_paragraphs_is_shown_as_paragraphs():
    shown = _plain(_page("roles_quotes.html"))
    assert "for a year.\nNobody will be left with a launcher" in shown
    assert not re.search(r"\S “\w", shown.replace("“within", ""))  # no opening mark in mid-line


def test_a_lead_sentence_keeps_a_quote_whole_or_not_at_all():
    report = extractive_briefing(_page("roles_quotes.html")).report
    assert report[0].endswith("the delivery schedule was too slow.")
    assert "“within weeks, not months. The rest will follow in spring,”" in report[0]


def test_paraphrases_read_as_sentences():
    shown = {page.stem: _plain(_page(page.name)) for page in BRIEFED}
    everything = "\n".join(shown.values())
    assert not re.search(r"according to according to", everything, re.IGNORECASE)
    assert "said easing" not in everything  # a fragment that lost its verb
    assert "its trade ministry said" not in shown["dropcap"].split("Reported, not quoted")[-1]
    assert "Opposition defended" not in shown["roles_quotes"]  # a role's word is no speaker
    assert "Luke Barrow, Opposition defence spokesman, accused the government of delay" in shown["roles_quotes"]
    assert not re.search(r"\b(?:said|says|show|stated) [A-Z][a-z]+ [a-z]", everything.replace("said Mr", ""))


def test_according_to_is_said_once():
    shown = _plain(_article("Twelve ships were waiting at anchor, according to Port Data Services, on Sunday."))
    assert shown.lower().count("according to") <= 2  # once in the lead, at most once in the paraphrase


def test_seed_briefs_quotes_and_via_without_comments():
    seed = Path(__file__).resolve().parents[3] / "shared" / "seed" / "seed-article.html"
    if not seed.exists():
        pytest.skip("shared seed not present")
    shown = _plain(_page_from(seed))
    assert "via RBK" in shown and "Vladimir Putin, Russian President" in shown
    assert "Mykhailo Podoliak, a member of the negotiating team, said Russia" in shown


def _page_from(path: Path) -> Article:
    article = load_file(path)
    article.analysis = analyse(article.text)
    return article


def test_a_paraphrase_that_runs_into_a_quote_ends_without_its_comma():
    shown = _plain(
        _article(
            "Storm clears the harbour.\n"
            "The storm passed over the town on Sunday night and left the ferries in port.\n"
            "The harbour master said the damage was worst along the coast, “where the sea wall broke,” he added.\n"
            "Crews began clearing the roads on Tuesday morning."
        )
    )
    paraphrase = shown.split("Reported, not quoted")[-1]
    # the words are the outlet's, their edge is tidy: no comma left before the closing mark
    assert "• The harbour master said the damage was worst along the coast, “where the sea wall broke”\n" in (
        paraphrase + "\n"
    )
    assert ",”" not in paraphrase
