"""From a feed entry to an analysed Article: fetch the page, extract, analyse.

When the page can't be fetched or holds no article text, the feed entry's own
summary stands in, so a subscriber still learns the story exists.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.fetch.client import Fetcher
from bot.fetch.errors import FetchError
from bot.ingest.extract import ARTICLE_TEXT_MAX_BYTES, ExtractionError, cap_text, extract_article
from bot.ingest.feeds import FeedEntry
from bot.ingest.stage_clock import StageClock
from bot.models import Article
from bot.quotes.analyser import Analyser

if TYPE_CHECKING:  # the workers run extract_and_analyse below
    from bot.ingest.workers import AnalysisWorkers

log = logging.getLogger(__name__)
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


async def article_from_entry(
    entry: FeedEntry,
    feed_name: str,
    fetcher: Fetcher,
    page_max_bytes: int,
    workers: AnalysisWorkers,
    *,
    max_text_bytes: int = ARTICLE_TEXT_MAX_BYTES,
    clock: StageClock | None = None,
) -> tuple[Article, bool] | None:
    """The entry's article and whether it came from the feed summary only."""
    clock = clock or StageClock()
    with clock.stage("fetch_page"):
        html = await _page(entry.link, fetcher, page_max_bytes)
    if html is not None:
        try:
            with clock.stage("read_page"):
                article = await workers.read_page(html, entry.link, max_text_bytes)
            article.url = entry.link  # the link readers were given, not a canonical guess
            article.title = article.title or entry.title
            article.published = article.published or entry.published
            article.outlet = article.outlet or feed_name
            return article, False
        except ExtractionError as error:
            log.info("extraction failed, using the feed summary: %s", error)
    if not entry.summary:
        log.info("skipping %s: no page text and no summary", entry.link)
        return None
    article = Article(
        url=entry.link,
        text=cap_text(entry.summary, max_text_bytes),
        title=entry.title,
        outlet=feed_name,
        published=entry.published,
    )
    article.analysis = await workers.analyse(article.text)
    return article, True


def extract_and_analyse(
    html: bytes | str, url: str, analyser: Analyser, *, max_text_bytes: int = ARTICLE_TEXT_MAX_BYTES
) -> Article:
    """Blocking work, run in a worker process or thread: trafilatura then the quote engine."""
    article = extract_article(html, url, max_text_bytes=max_text_bytes)
    article.analysis = analyser.analyse(article.text)
    return article


async def _page(url: str, fetcher: Fetcher, max_bytes: int) -> bytes | None:
    try:
        result = await fetcher.fetch(url, max_bytes=max_bytes, accept=PAGE_ACCEPT)
    except FetchError as error:
        log.info("page %s not fetched: %s", url, error)
        return None
    if not (200 <= result.status < 300) or not result.body:
        log.info("page %s answered HTTP %s", url, result.status)
        return None
    return result.body
