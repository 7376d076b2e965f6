"""Topic queries: what people type becomes a safe FTS5 expression that means what they typed."""

from __future__ import annotations

import pytest

from bot.ingest.archive import store_article
from bot.models import Article
from bot.store import Store
from bot.topics.query import MAX_TERMS, QueryError, parse_query


@pytest.mark.parametrize(
    ("query", "fts"),
    [
        ("ukraine", '"ukraine"'),
        ("ukraine kyiv", '"ukraine" AND "kyiv"'),
        ("ukraine OR kyiv", '("ukraine" OR "kyiv")'),
        ("ukraine or kyiv", '("ukraine" OR "kyiv")'),
        ('"peace talks"', '"peace talks"'),
        ('ukraine OR kyiv "peace talks" -football', '("ukraine" OR "kyiv") AND "peace talks" NOT "football"'),
        ("talks -football -cricket", '"talks" NOT "football" NOT "cricket"'),
        ('talks -"world cup"', '"talks" NOT "world cup"'),
        ("OR talks", '"talks"'),
        ("talks OR", '"talks"'),
        ('"unclosed phrase', '"unclosed phrase"'),
        ('"  spaced    out  "', '"spaced out"'),
        ("x OR *", '"x"'),
        ("NEAR(a b)", '"NEAR(a" AND "b)"'),
        ('a" OR "b', '("a""" OR "b")'),
        ("Kyiv*", '"Kyiv*"'),
        ("col:value", '"col:value"'),
        ("Зеленський OR Київ", '("Зеленський" OR "Київ")'),
    ],
    ids=[
        "word",
        "two-words-and",
        "or",
        "lowercase-or",
        "phrase",
        "documented-example",
        "two-exclusions",
        "excluded-phrase",
        "leading-or",
        "trailing-or",
        "unclosed-quote",
        "phrase-whitespace",
        "star-dropped",
        "near-is-words",
        "quote-injection",
        "prefix-star-quoted",
        "column-filter-quoted",
        "cyrillic",
    ],
)
def test_query_to_fts(query, fts):
    expression = parse_query(query).fts_expression()
    assert expression == fts


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "at least one word"),
        ("   ", "at least one word"),
        ("-football", "at least one word"),
        ('-football -"world cup"', "at least one word"),
        ("OR OR OR", "at least one word"),
        ('"NEAR( * OR', None),
        ("* ( ) :", "at least one word"),
        (" ".join(f"w{n}" for n in range(MAX_TERMS + 1)), "too many terms"),
    ],
    ids=[
        "empty",
        "blank",
        "only-exclusion",
        "only-exclusions",
        "only-or",
        "fts-junk-ok",
        "only-punctuation",
        "too-many-terms",
    ],
)
def test_unusable_queries(query, message):
    if message is None:  # junk around a real word: usable, as one quoted FTS string
        assert parse_query(query).fts_expression() == '"NEAR( * OR"'
        return
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_long_term_is_cut():
    (group,) = parse_query("x" * 500).groups
    assert len(group[0]) == 80


ARTICLES = {
    "talks": "The harbour talks resumed in Geneva with a new draft.",
    "fish": "A trawler was seized near the fisheries zone.",
    "both": "Fisheries were the hardest part of the talks.",
    "near": "They anchored near a buoy marked b.",
    "quoted": 'He wrote a" OR "b on the board.',
}


@pytest.fixture
async def store_with_articles(database_url):
    store = await Store.open(database_url)
    ids = {}
    for key, text in ARTICLES.items():
        article = Article(url=f"https://ledger.example.net/{key}", text=text, title=key.title())
        ids[key] = await store_article(store, article, feed_id=None)
    yield store, ids
    await store.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("talks", {"talks", "both"}),
        ("talks -fisheries", {"talks"}),
        ("trawler OR geneva", {"talks", "fish"}),
        ("x OR *", set()),
        ("talks OR *", {"talks", "both"}),
        ("NEAR(a b)", {"near"}),
        ('a" OR "b', {"talks", "fish", "near", "quoted"}),  # the user's own OR: a or b, no more
        ("talks AND NOT fisheries", set()),  # four required words; no article has "and" and "not"
        ('"harbour talks"', {"talks"}),
        ("title:talks", set()),
        ("harb*", set()),
        ("^talks", {"talks", "both"}),
    ],
    ids=[
        "word",
        "exclusion",
        "or",
        "star-widens-nothing",
        "star-adds-nothing",
        "near-is-words",
        "quote-injection",
        "operators-are-words",
        "phrase",
        "column-filter-is-text",
        "prefix-is-literal",
        "caret-ignored",
    ],
)
async def test_hostile_queries_match_only_their_words(store_with_articles, query, expected):
    store, ids = store_with_articles
    matched = await store.articles.matching(parse_query(query).fts_expression(), list(ids.values()))
    assert {key for key, article_id in ids.items() if article_id in matched} == expected
