"""Fetch a URL safely: checked addresses only, bounded in size, time and fan-out.

Every hop of a redirect chain goes through the `URLGuard`, and the request is
sent to the *checked IP* with the real name in the Host header and in TLS
(SNI and certificate verification via httpcore's `sni_hostname` extension),
so a second DNS answer can never send us somewhere the guard did not see.

HTTP error statuses are returned as a `FetchResult` (check `.ok`), not raised:
the scheduler needs their status and Retry-After. Only failures without a
usable response raise a `FetchError` subclass.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import TYPE_CHECKING

import httpx

from bot.fetch.decode import ACCEPT_ENCODING, CappedDecoder
from bot.fetch.errors import BadResponse, ConnectFailed, FetchError, FetchTimeout, TooLarge, TooManyRedirects
from bot.fetch.headers import parse_max_age, parse_retry_after
from bot.fetch.urlguard import CheckedURL, URLGuard

if TYPE_CHECKING:
    from bot.settings import Settings

USER_AGENT = "briefbot/0.1 (Telegram news briefing bot; feed reader)"
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_STATUSES = frozenset({301, 308})


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch produced; `url` is the final URL after redirects."""

    status: int
    url: str
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    not_modified: bool = False
    permanent_redirect_to: str | None = None
    retry_after_seconds: float | None = None
    max_age_seconds: float | None = None
    gone: bool = False

    @property
    def ok(self) -> bool:
        """True for 2xx and 304; anything else is an HTTP failure."""
        return 200 <= self.status < 300 or self.not_modified


class Fetcher:
    """Owns one httpx client; use as `async with Fetcher(...) as fetcher:`."""

    def __init__(
        self,
        *,
        guard: URLGuard,
        timeout_seconds: float = 20.0,
        concurrency: int = 8,
        per_host: int = 2,
        max_redirects: int = 5,
        user_agent: str = USER_AGENT,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self._guard = guard
        self._timeout = timeout_seconds
        self._max_redirects = max_redirects
        self._user_agent = user_agent
        self._verify = verify
        self._all = asyncio.Semaphore(concurrency)
        self._per_host = per_host
        self._hosts: dict[str, _HostSlot] = {}
        self._client: httpx.AsyncClient | None = None

    @classmethod
    def from_settings(cls, settings: Settings, guard: URLGuard | None = None) -> Fetcher:
        return cls(
            guard=guard or URLGuard(allow_private=settings.fetch_allow_private_networks),
            timeout_seconds=settings.fetch_timeout_seconds,
            concurrency=settings.fetch_concurrency,
            per_host=settings.fetch_per_host,
        )

    async def __aenter__(self) -> Fetcher:
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would bypass the pinned address
            verify=self._verify,
            timeout=httpx.Timeout(self._timeout),
            # Pooled connections are keyed by IP, not by TLS name: reusing one
            # verified for host A for host B on the same IP would skip B's check.
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={"User-Agent": self._user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            cookies=httpx.Cookies(CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))),
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        """GET `url` with conditional headers, following up to 5 checked redirects.

        Raises BlockedURLError, UnresolvableHost, ConnectFailed, FetchTimeout,
        TooLarge, TooManyRedirects or BadResponse (all FetchError).
        """
        if self._client is None:
            raise RuntimeError("use Fetcher as an async context manager")
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        async with self._all:
            try:
                # Wall-clock budget for the whole chain; time queued for a host slot is not counted.
                async with asyncio.timeout(self._timeout) as clock:
                    return await self._follow(url, headers, max_bytes, clock)
            except (TimeoutError, httpx.TimeoutException):
                raise FetchTimeout(f"no complete answer within {self._timeout:g} seconds") from None

    async def _follow(self, url: str, headers: dict[str, str], max_bytes: int, clock: asyncio.Timeout) -> FetchResult:
        current: str | httpx.URL = url
        hops = 0
        all_permanent = True
        while True:
            checked = await self._guard.check(current)
            async with self._host_slot(checked.host, clock):
                response = await self._send(checked, headers)
                try:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECT_STATUSES and location:
                        hops += 1
                        if hops > self._max_redirects:
                            raise TooManyRedirects(f"more than {self._max_redirects} redirects")
                        all_permanent = all_permanent and response.status_code in PERMANENT_STATUSES
                        current = _join(checked.url, location)
                        continue
                    final = str(checked.url)
                    moved = final if hops and all_permanent and final != url else None
                    return await _result(response, final, moved, max_bytes)
                finally:
                    await response.aclose()

    async def _send(self, checked: CheckedURL, headers: dict[str, str]) -> httpx.Response:
        """Send to each checked address in turn until one connects."""
        assert self._client is not None
        pinned_headers = {**headers, "Host": checked.url.netloc.decode("ascii")}
        extensions = {}
        if checked.url.scheme == "https" and checked.host not in checked.addresses:
            extensions["sni_hostname"] = checked.host  # SNI and certificate name
        failure: Exception | None = None
        for address in checked.addresses:
            target = checked.url.copy_with(host=address, fragment=None)
            request = self._client.build_request("GET", target, headers=pinned_headers, extensions=extensions)
            try:
                return await self._client.send(request, stream=True)
            except httpx.ConnectError as error:
                failure = error
            except httpx.TimeoutException:
                raise
            except httpx.HTTPError as error:
                raise BadResponse(f"{checked.host} sent an invalid HTTP response") from error
        raise ConnectFailed(_connect_failure(checked.host, failure))

    @asynccontextmanager
    async def _host_slot(self, host: str, clock: asyncio.Timeout) -> AsyncIterator[None]:
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = _HostSlot(asyncio.Semaphore(self._per_host))
        slot.users += 1
        try:
            deadline = clock.when()
            clock.reschedule(None)
            loop = asyncio.get_running_loop()
            queued_at = loop.time()
            await slot.semaphore.acquire()
            if deadline is not None:
                clock.reschedule(deadline + loop.time() - queued_at)
            try:
                yield
            finally:
                slot.semaphore.release()
        finally:
            slot.users -= 1
            if slot.users == 0:
                del self._hosts[host]


@dataclass(slots=True)
class _HostSlot:
    semaphore: asyncio.Semaphore
    users: int = 0


async def _result(response: httpx.Response, final: str, moved: str | None, max_bytes: int) -> FetchResult:
    status = response.status_code
    headers = response.headers
    body = b""
    if 200 <= status < 300:
        body = await _read_capped(response, max_bytes)
    return FetchResult(
        status=status,
        url=final,
        body=body,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        content_type=headers.get("content-type"),
        not_modified=status == 304,
        permanent_redirect_to=moved,
        retry_after_seconds=parse_retry_after(headers.get("retry-after")),
        max_age_seconds=parse_max_age(headers.get("cache-control")),
        gone=status == 410,
    )


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"the response is {int(declared)} bytes, more than the limit of {max_bytes} bytes")
    decoder = CappedDecoder(response.headers.get("content-encoding"), max_bytes)
    chunks: list[bytes] = []
    raw_size = 0
    try:
        async for chunk in response.aiter_raw():  # still encoded: we decode, bounded (bot.fetch.decode)
            raw_size += len(chunk)
            if raw_size > max_bytes:
                raise TooLarge(f"the response is larger than the limit of {max_bytes} bytes")
            chunks.append(decoder.feed(chunk))
    except httpx.TimeoutException:
        raise
    except httpx.HTTPError as error:
        raise BadResponse(f"the response body could not be read: {_tidy(error)}") from error
    return b"".join(chunks)


def _join(base: httpx.URL, location: str) -> httpx.URL:
    try:
        return base.join(location.strip()).copy_with(fragment=None)
    except (httpx.InvalidURL, ValueError):
        raise BadResponse("the server redirected to an invalid URL") from None


def _connect_failure(host: str, error: Exception | None) -> str:
    """One plain line: a TLS failure says so, anything else says the connection failed and why."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, ssl.SSLError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, ssl.SSLCertVerificationError):
        return f"the TLS certificate of {host} could not be verified ({cause.verify_message or 'untrusted'})"
    if isinstance(cause, ssl.SSLError):
        return f"a secure (TLS) connection to {host} could not be set up ({cause.reason or 'handshake failed'})"
    return f"could not connect to {host}: {_tidy(error)}"


def _tidy(error: Exception | None) -> str:
    text = str(error) if error else ""
    return text.splitlines()[0][:200] if text else type(error).__name__


__all__ = ["FEED_ACCEPT", "PAGE_ACCEPT", "USER_AGENT", "FetchError", "FetchResult", "Fetcher"]
