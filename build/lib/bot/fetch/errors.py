"""Errors raised by the fetch layer.

Every error carries a short, user-facing reason in `str(error)`; the poller
logs it and counts it as a failed check. HTTP error statuses are *not*
errors here: `Fetcher.fetch` returns them as a `FetchResult` and the caller
(see `schedule.plan_next_check`) decides what they mean.
"""

from __future__ import annotations


class FetchError(Exception):
    """A fetch that produced no usable HTTP response."""


class BlockedURLError(FetchError):
    """The URL is malformed, uses a refused scheme or port, or points at a
    loopback, private, link-local or otherwise non-public address."""


class UnresolvableHost(FetchError):
    """The host name did not resolve to any address."""


class ConnectFailed(FetchError):
    """No TCP/TLS connection could be made to any checked address."""


class FetchTimeout(FetchError):
    """The fetch took longer than its time budget."""


class TooLarge(FetchError):
    """The response body is larger than the allowed number of bytes."""


class TooManyRedirects(FetchError):
    """The redirect chain is longer than the allowed number of hops."""


class BadResponse(FetchError):
    """The server answered with something that is not valid HTTP."""
