"""A real HTTP server on 127.0.0.1 that serves canned feeds to the fetcher.

    server.route("/feed.xml", body=RSS, etag='"v1"')
    server.redirect("/old", "/feed.xml", status=301)
    server.endless("/huge")                     # streams until the client hangs up
    result = await fetcher.fetch(server.url("/feed.xml"), max_bytes=...)
    assert server.requests[-1].headers["If-None-Match"] == '"v1"'

Tests get the `feed_server` fixture through `pytest_plugins` in tests/conftest.py.
`fake_resolver` lets a URLGuard resolve test host names without DNS.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.fetch.errors import UnresolvableHost


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    path: str
    headers: dict[str, str]


@dataclass(slots=True)
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str | None = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    endless: bool = False
    chunk: bytes = b""
    pause: float = 0.0


class FeedServer:
    """ThreadingHTTPServer in a daemon thread; routes can change while it runs."""

    def __init__(self, host: str = "127.0.0.1", ssl_context: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0  # most requests at the same moment not yet answered
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False  # slow/endless handlers must not hold up teardown
        if ssl_context is not None:
            self._httpd.socket = ssl_context.wrap_socket(self._httpd.socket, server_side=True)
        self.scheme = "https" if ssl_context else "http"
        self.host, self.port = self._httpd.server_address[:2]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"{self.scheme}://{host or self.host}:{self.port}{path}"

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        content_type: str | None = "application/rss+xml; charset=utf-8",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Serve `body`; with `etag`/`last_modified` set, answer matching conditional GETs with 304."""
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(data, status, dict(headers or {}), delay, content_type, etag, last_modified)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        """Redirect `path` to `location` (a path on this server or any URL)."""
        self.routes[path] = Route(status=status, headers={"Location": location}, content_type=None)

    def endless(
        self,
        path: str,
        chunk: bytes = b"<item>x</item>" * 4096,
        content_length: int | None = None,
        pause: float = 0.0,
    ) -> None:
        """Stream `chunk` forever, `pause` seconds apart (a slow drip); `content_length` may lie up front."""
        headers = {} if content_length is None else {"Content-Length": str(content_length)}
        self.routes[path] = Route(headers=headers, endless=True, chunk=chunk, pause=pause)

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    """A handler class bound to `server`'s routes (http.server builds one handler per request)."""
    return type("BoundFeedHandler", (FeedHandler,), {"feeds": server})


def _route_headers(route: Route) -> dict[str, str]:
    headers = dict(route.headers)
    if route.content_type:
        headers.setdefault("Content-Type", route.content_type)
    if route.etag:
        headers["ETag"] = route.etag
    if route.last_modified:
        headers["Last-Modified"] = route.last_modified
    return headers


class FeedHandler(BaseHTTPRequestHandler):
    feeds: FeedServer  # set by _handler_for; `self.server` is the http.server's own

    def do_GET(self) -> None:
        self.feeds.record(RecordedRequest(self.path, dict(self.headers.items())))
        route = self.feeds.routes.get(self.path.split("?")[0])
        # A request counts as in flight until its answer starts, not until this thread returns:
        # a client that has read the whole answer may send its next request first.
        self.feeds._enter()
        try:
            if route is not None and route.delay and self.feeds.stopping.wait(route.delay):
                return
        finally:
            self.feeds._leave()
        self._serve(route)

    def _serve(self, route: Route | None) -> None:
        if route is None:
            self._answer(404, {"Content-Type": "text/plain"}, b"not found")
            return
        headers = _route_headers(route)
        if route.endless:
            self._stream_forever(headers, route.chunk, route.pause)
        elif self._not_modified(route):
            self._answer(304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"")
        else:
            self._answer(route.status, headers, route.body)

    def _not_modified(self, route: Route) -> bool:
        tags = self.headers.get("If-None-Match")
        if route.etag and tags:
            return tags.strip() == "*" or route.etag in [t.strip() for t in tags.split(",")]
        since = self.headers.get("If-Modified-Since")
        return bool(route.last_modified and since and since == route.last_modified)

    def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers and status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream_forever(self, headers: dict[str, str], chunk: bytes, pause: float) -> None:
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        stopping = self.feeds.stopping
        try:
            while not stopping.is_set():
                self.wfile.write(chunk)
                self.wfile.flush()
                if pause and stopping.wait(pause):
                    return
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            pass  # the client stopped reading: that is the point

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


def fake_resolver(table: dict[str, list[str]]):
    """A URLGuard resolver answering from `table`, never from DNS; records each lookup."""
    lookups: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        lookups.append(host)
        if host not in table:
            raise UnresolvableHost(f"the host {host} could not be found")
        return table[host]

    resolve.lookups = lookups  # type: ignore[attr-defined]
    return resolve


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A started FeedServer on 127.0.0.1, stopped after the test."""
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()
