"""A fake OpenAI-compatible chat completions server on loopback for tests.

The official ``openai`` client reaches it with ``base_url=server.base_url``. Replies come
from a queue scripted by the test (``reply_json``, ``reply_text``, ``fail``, ``hang``), then
from ``server.responder`` if set; with neither, the server answers 500 so a missing script
fails loudly instead of returning something plausible.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Responder = Callable[[dict], Any]
HOLD_LIMIT_SECONDS = 30.0  # a held request a test forgot to release fails instead of hanging


@dataclass
class Reply:
    """One scripted answer: content, an HTTP error, or a delay before answering."""

    content: str | None = None
    status: int = 200
    retry_after: float | None = None
    delay: float = 0.0
    usage: dict | None = None
    finish_reason: str = "stop"


def as_reply(value: Any) -> Reply:
    """A responder may return a Reply, a str (raw content) or any JSON value (dumped)."""
    if isinstance(value, Reply):
        return value
    return Reply(content=value if isinstance(value, str) else json.dumps(value))


def _error_body(status: int, message: str, kind: str, param: str | None = None) -> dict:
    return {"error": {"message": message, "type": kind, "param": param, "code": None}}


def _count_tokens(text: str) -> int:
    return max(1, len(text) // 4)  # the usual rough figure: ~4 characters a token


class FakeOpenAI:
    """Scriptable chat completions; every request body is kept in ``requests``."""

    def __init__(self, models: tuple[str, ...] = ("gpt-4o-mini", "gpt-4o")):
        self.models = list(models)
        self.requests: list[dict] = []
        self.responder: Responder | None = None
        self.schema_supported = True
        self._script: list[Reply] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._released = threading.Event()
        self._released.set()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------ lifecycle
    def start(self) -> FakeOpenAI:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="fake-openai", kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes any hanging request
        self._released.set()
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    # ------------------------------------------------ scripting (tests)
    def reply_json(self, obj: Any, usage: dict | None = None) -> None:
        self._queue(Reply(content=json.dumps(obj), usage=usage))

    def reply_text(self, text: str, usage: dict | None = None, finish_reason: str = "stop") -> None:
        self._queue(Reply(content=text, usage=usage, finish_reason=finish_reason))

    def fail(self, status: int = 500, retry_after: float | None = None) -> None:
        self._queue(Reply(status=status, retry_after=retry_after))

    def hang(self, seconds: float, then: Any = "{}") -> None:
        """Answers only after `seconds` (longer than the client's timeout)."""
        self._queue(Reply(content=as_reply(then).content, delay=seconds))

    def hold(self) -> None:
        """Requests from now on are received and counted, then wait for `release()`."""
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    def _queue(self, reply: Reply) -> None:
        with self._lock:
            self._script.append(reply)

    @property
    def pending(self) -> int:
        """Scripted replies not yet used (a test can assert it reached 0)."""
        return len(self._script)

    # ------------------------------------------------ request handling
    def complete(self, body: dict) -> tuple[int, dict, dict]:
        """Answers one chat completion: (HTTP status, JSON body, extra headers)."""
        with self._lock:
            self.requests.append(body)
        if not self._released.wait(HOLD_LIMIT_SECONDS):
            return 503, _error_body(503, "fake openai: held and never released", "server_error"), {}
        problem = self._invalid(body)
        if problem:
            return 400, problem, {}
        with self._lock:
            scripted = self._script.pop(0) if self._script else None
        if scripted is None and self.responder is None:
            return 500, _error_body(500, "fake openai: no reply scripted for this request", "server_error"), {}
        reply = scripted or as_reply(self.responder(body))
        if reply.delay and self._stopping.wait(reply.delay):
            return 503, _error_body(503, "fake openai: shutting down", "server_error"), {}
        if reply.status != 200:
            return self._error(reply)
        return 200, self._completion(body, reply), {}

    def _invalid(self, body: dict) -> dict | None:
        messages = body.get("messages")
        if not body.get("model") or not isinstance(messages, list) or not messages:
            return _error_body(
                400, "'model' and a non-empty 'messages' are required", "invalid_request_error", "messages"
            )
        if body.get("stream"):
            return _error_body(400, "fake openai: streaming is not supported", "invalid_request_error", "stream")
        kind = (body.get("response_format") or {}).get("type")
        if kind == "json_schema" and not self.schema_supported:
            return _error_body(
                400,
                "response_format type 'json_schema' is not supported by this model",
                "invalid_request_error",
                "response_format",
            )
        if kind == "json_object" and "json" not in json.dumps(messages).lower():
            # OpenAI's own rule: JSON mode needs the word "json" somewhere in the messages.
            return _error_body(
                400,
                "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
                "invalid_request_error",
                "messages",
            )
        return None

    def _error(self, reply: Reply) -> tuple[int, dict, dict]:
        headers = {}
        if reply.retry_after is not None:
            headers = {"retry-after": str(reply.retry_after), "retry-after-ms": str(int(reply.retry_after * 1000))}
        if reply.status == 429:
            body = _error_body(
                429,
                "Rate limit reached for requests",
                "requests",
            )
            body["error"]["code"] = "rate_limit_exceeded"
        else:
            body = _error_body(reply.status, "The server had an error while processing your request.", "server_error")
        return reply.status, body, headers

    def _completion(self, body: dict, reply: Reply) -> dict:
        prompt = sum(_count_tokens(json.dumps(m.get("content", ""))) for m in body["messages"])
        completion = _count_tokens(reply.content or "")
        usage = {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            **(reply.usage or {}),
        }
        if reply.usage and "total_tokens" not in reply.usage:
            usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        return {
            "id": f"chatcmpl-fake{next(self._ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "system_fingerprint": "fp_fake",
            "choices": [
                {
                    "index": 0,
                    "logprobs": None,
                    "finish_reason": reply.finish_reason,
                    "message": {"role": "assistant", "content": reply.content, "refusal": None},
                }
            ],
            "usage": usage,
        }

    def list_models(self) -> dict:
        return {
            "object": "list",
            "data": [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.models],
        }


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeOpenAI/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        fake: FakeOpenAI = self.server.fake  # type: ignore[attr-defined]
        if self.path.rstrip("/") == "/v1/models":
            self._send(200, fake.list_models())
        else:
            self._send(404, _error_body(404, f"Unknown path {self.path}", "invalid_request_error"))

    def do_POST(self) -> None:
        fake: FakeOpenAI = self.server.fake  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, _error_body(404, f"Unknown path {self.path}", "invalid_request_error"))
            return
        if not self.headers.get("Authorization", "").startswith("Bearer "):
            self._send(401, _error_body(401, "You didn't provide an API key.", "invalid_request_error"))
            return
        try:
            body = json.loads(raw)
        except ValueError:
            self._send(
                400, _error_body(400, "We could not parse the JSON body of your request.", "invalid_request_error")
            )
            return
        status, payload, headers = fake.complete(body)
        self._send(status, payload, headers)

    def _send(self, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and went away (hang())


@pytest.fixture
def openai_server():
    """A running fake OpenAI API; point the client at base_url=openai_server.base_url."""
    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()
