"""One OpenAI-compatible chat model, asked for JSON, with usage recorded and a daily budget.

Retries are ours, not the openai client's (its `max_retries` is 0), so that every
attempt is recorded in `llm_calls` and tests can make backoff instant.

The budget is shared by every process on the database: before a call, its estimated tokens
are reserved in one statement that also checks the budget (`LLMStore.reserve_tokens`), and
when it ends the reservation is replaced by the tokens it really used. A call is made only
when its estimate fits in what is left of the day.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import openai

from bot.store.db import storage_errors
from bot.store.llm import LLMStore, utc_day

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0
# Tokens reserved for a reply before it is known: a briefing's JSON is a few hundred.
REPLY_TOKENS = 800
# Characters a token, counted low so a prompt's estimate errs on the side of the budget.
CHARS_PER_TOKEN = 3


class CallOutcome(StrEnum):
    """How one model call ended, as recorded in `llm_calls.outcome` and given as the
    reason of ModelUnavailable. Other client errors are recorded as `http_<status>`."""

    OK = "ok"
    BAD_JSON = "bad_json"  # answered, but not with a JSON object
    SCHEMA_UNSUPPORTED = "schema_unsupported"  # the server refused json_schema; JSON mode next
    HTTP_400 = "http_400"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    UNKNOWN = "unknown"
    BUDGET_SPENT = "budget_spent"  # no call made: today's token budget is used up


def http_outcome(status_code: int) -> str:
    """The outcome of a call the server refused with a 4xx other than 400 and 429."""
    return f"http_{status_code}"


class ModelUnavailable(Exception):
    """No usable answer from the model: budget spent, timeouts, 429/5xx after retries, errors."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ModelReplyInvalid(ModelUnavailable):
    """The model answered, but not with a JSON object; worth one retry with the reason."""


def estimated_tokens(system: str, user: str, reply_tokens: int) -> int:
    """What one call is reserved before it is made: its prompt, counted high, and a reply."""
    return (len(system) + len(user)) // CHARS_PER_TOKEN + 1 + reply_tokens


@dataclass
class _Call:
    """What is recorded for every attempt of one call, and the tokens its attempts used."""

    purpose: str
    model: str
    content_hash: str | None
    tokens: int = 0


class ModelClient:
    def __init__(
        self,
        calls: LLMStore,
        *,
        model: str,
        api_key: str,
        base_url: str | None = None,
        timeout: float = 60.0,
        attempts: int = 2,
        backoff: float = 1.0,
        daily_token_budget: int | None = None,
        reply_tokens: int = REPLY_TOKENS,
    ) -> None:
        self.model = model
        self.timeout = timeout
        self.reply_tokens = reply_tokens
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.daily_token_budget = daily_token_budget
        self.schema_supported = True  # until the server rejects json_schema once
        self._calls = calls
        self._openai = openai.AsyncOpenAI(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0)

    @classmethod
    def from_settings(cls, settings: Any, calls: LLMStore, **overrides: Any) -> ModelClient:
        options: dict[str, Any] = dict(
            model=settings.openai_model,
            api_key=settings.openai_api_key,
            base_url=settings.openai_base_url,
            daily_token_budget=settings.llm_daily_token_budget,
        )
        options.update(overrides)
        return cls(calls, **options)

    async def close(self) -> None:
        await self._openai.close()

    async def usage_today(self) -> int:
        return await self._calls.tokens_on(utc_day())

    async def budget_spent(self) -> bool:
        budget = self.daily_token_budget
        if budget is None:
            return False
        counted = await self._calls.budget_used(utc_day())
        return (counted if counted is not None else await self.usage_today()) >= budget

    def longest_call_seconds(self) -> float:
        """How long one `complete_json` can take at most: every attempt timing out, the
        json_schema fallback's extra request, and the waits between attempts."""
        waits = (self.attempts - 1) * min(MAX_BACKOFF_SECONDS, self.backoff * 8)
        return (self.attempts + 1) * self.timeout + waits

    async def complete_json(
        self,
        purpose: str,
        system: str,
        user: str,
        schema_name: str,
        schema: dict,
        content_hash: str | None = None,
    ) -> dict:
        """Ask once (retrying transient failures) and return the reply's JSON object."""
        day, reserved = utc_day(), estimated_tokens(system, user, self.reply_tokens)
        if not await self._calls.reserve_tokens(day, reserved, self.daily_token_budget):
            raise ModelUnavailable(CallOutcome.BUDGET_SPENT)
        call = _Call(purpose, self.model, content_hash)
        try:
            return await self._ask(call, system, user, schema_name, schema)
        finally:
            await self._settle(day, call.tokens - reserved)

    async def _settle(self, day: str, correction: int) -> None:
        try:
            await self._calls.settle_tokens(day, correction)
        except storage_errors() as error:  # the estimate stays counted: the budget errs on the safe side
            log.warning("model budget not corrected by %d tokens: %s", correction, error)

    async def _ask(self, call: _Call, system: str, user: str, schema_name: str, schema: dict) -> dict:
        failure: str = CallOutcome.UNKNOWN
        attempt, just_fell_back = 0, False
        while attempt < self.attempts:
            try:
                response = await self._create(system, user, schema_name, schema)
            except openai.BadRequestError as error:
                if self.schema_supported:
                    # Servers without structured outputs answer 400; plain JSON mode
                    # is remembered for the client's lifetime and costs no attempt.
                    log.warning("model server rejected json_schema (%s); using json_object", error.message)
                    self.schema_supported, just_fell_back = False, True
                    await self._record(call, CallOutcome.SCHEMA_UNSUPPORTED)
                    continue
                if just_fell_back:  # JSON mode fails too: the 400 was not about the schema
                    self.schema_supported = True
                await self._record(call, CallOutcome.HTTP_400)
                raise ModelUnavailable(CallOutcome.HTTP_400) from error
            except openai.APITimeoutError:
                failure = CallOutcome.TIMEOUT
            except openai.APIConnectionError:
                failure = CallOutcome.CONNECTION
            except openai.RateLimitError as error:
                failure = CallOutcome.RATE_LIMITED
                await self._record(call, failure)
                attempt += 1
                await self._sleep(attempt, _retry_after(error))
                continue
            except openai.APIStatusError as error:
                if error.status_code < 500:
                    await self._record(call, http_outcome(error.status_code))
                    raise ModelUnavailable(http_outcome(error.status_code)) from error
                failure = CallOutcome.SERVER_ERROR
            else:
                return await self._parse(response, call)
            await self._record(call, failure)
            attempt += 1
            await self._sleep(attempt, None)
        log.warning("model unavailable for %s after %d attempts: %s", call.purpose, self.attempts, failure)
        raise ModelUnavailable(failure)

    async def _create(self, system: str, user: str, schema_name: str, schema: dict) -> Any:
        if self.schema_supported:
            response_format: dict = {
                "type": "json_schema",
                "json_schema": {"name": schema_name, "schema": schema, "strict": True},
            }
        else:
            response_format = {"type": "json_object"}
            system += "\n\nThe JSON object must match this JSON schema:\n" + json.dumps(schema)
        return await self._openai.chat.completions.create(  # type: ignore[call-overload]
            model=self.model,
            messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            response_format=response_format,
            temperature=0,
        )

    async def _record(self, call: _Call, outcome: str, **tokens: int) -> None:
        call.tokens += tokens.get("total_tokens", 0)
        await self._calls.record_call(
            purpose=call.purpose, model=call.model, content_hash=call.content_hash, outcome=outcome, **tokens
        )

    async def _parse(self, response: Any, call: _Call) -> dict:
        usage = getattr(response, "usage", None)
        tokens: dict[str, int] = dict(
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            total_tokens=getattr(usage, "total_tokens", 0) or 0,
        )
        content = response.choices[0].message.content if response.choices else None
        try:
            reply = json.loads(_strip_fence(content or ""))
        except ValueError:
            reply = None
        if not isinstance(reply, dict):
            await self._record(call, CallOutcome.BAD_JSON, **tokens)
            raise ModelReplyInvalid(CallOutcome.BAD_JSON)
        await self._record(call, CallOutcome.OK, **tokens)
        return reply

    async def _sleep(self, attempt: int, retry_after: float | None) -> None:
        if attempt >= self.attempts:
            return
        delay = retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1)
        await asyncio.sleep(min(max(delay, 0.0), MAX_BACKOFF_SECONDS, self.backoff * 8))


def _retry_after(error: openai.APIStatusError) -> float | None:
    value = error.response.headers.get("retry-after") if error.response is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _strip_fence(text: str) -> str:
    """Local models often wrap JSON in a ``` fence even in JSON mode."""
    text = text.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text
