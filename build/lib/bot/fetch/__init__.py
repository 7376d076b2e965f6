"""The fetch layer: guarded, bounded HTTP GETs and feed check scheduling."""

from bot.fetch.client import FEED_ACCEPT, PAGE_ACCEPT, Fetcher, FetchResult
from bot.fetch.errors import (
    BadResponse,
    BlockedURLError,
    ConnectFailed,
    FetchError,
    FetchTimeout,
    TooLarge,
    TooManyRedirects,
    UnresolvableHost,
)
from bot.fetch.schedule import FeedSchedule, plan_next_check
from bot.fetch.urlguard import URLGuard

__all__ = [
    "FEED_ACCEPT",
    "PAGE_ACCEPT",
    "BadResponse",
    "BlockedURLError",
    "ConnectFailed",
    "FeedSchedule",
    "FetchError",
    "FetchResult",
    "FetchTimeout",
    "Fetcher",
    "TooLarge",
    "TooManyRedirects",
    "URLGuard",
    "UnresolvableHost",
    "plan_next_check",
]
