"""One statement, one attribution number: the parts of an interrupted quote, a
partial quote and the reported clause around it share it; the store keeps it."""

from __future__ import annotations

from bot.models import Article
from bot.quotes import analyse
from bot.store import Store

TEXT = (
    "The port authority met on Tuesday.\n"
    "Harbour master Dana Reyes said the toll would stay “for as long as it takes” and that dredging was overdue.\n"
    "“We have no other way,” Reyes told reporters. “The river does not wait.”\n"
    "The shipping agents disagreed. “Traffic is already falling,” said Piet Mols, who speaks for them."
)


def _by_text(analysis):
    return {q.text: q for q in analysis.quotes}


def test_parts_of_one_statement_share_a_number_and_others_do_not():
    quotes = _by_text(analyse(TEXT))
    clause = next(q for q in quotes.values() if q.kind == "indirect" and q.speaker == "Dana Reyes")
    partial = quotes["for as long as it takes"]
    first, second = quotes["We have no other way,"], quotes["The river does not wait."]
    mols = quotes["Traffic is already falling,"]
    assert partial.kind == "partial" and partial.attribution == clause.attribution
    assert first.attribution == second.attribution
    assert len({clause.attribution, first.attribution, mols.attribution}) == 3


def test_numbers_count_statements_in_text_order():
    numbers = [q.attribution for q in analyse(TEXT).quotes]
    assert all(isinstance(n, int) for n in numbers)
    assert sorted(set(numbers)) == list(range(len(set(numbers))))
    assert numbers == sorted(numbers)


async def test_the_store_keeps_cue_kind_and_attribution(tmp_path):
    analysis = analyse(TEXT)
    store = await Store.open(tmp_path / "q.db")
    try:
        article = Article(url="https://port.example/a", text=TEXT, title="Toll")
        article_id = await store.articles.add(article, canonical_url=article.url, text_hash="t", feed_id=None)
        await store.quotes.replace_analysis(article_id, analysis)
        assert (await store.quotes.analysis(article_id)).quotes == analysis.quotes
    finally:
        await store.close()
