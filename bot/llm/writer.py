"""Briefings written by a model, verified against the article, cached per article text.

The model writes the outlet's account and framing notes and picks quotes by id;
quote text always comes from the quote engine. Anything the model writes is
checked by `bot.llm.verify`; a reply that fails is retried once with the reason,
then the extractive briefing is used. One call per article text, whatever the
number of chats and processes: the result is cached by content hash, concurrent
writers of the same article in one process wait for the first, and across
processes one holds a claim on the article text in the database while the others
wait for its cached result (`bot.llm.claims`).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from pathlib import Path
from typing import Any

from bot.briefing.extractive import MAX_ON_RECORD, extractive_briefing, reported_beside
from bot.briefing.model import Briefing, WrittenBy, briefing_from_json, briefing_to_json
from bot.llm.claims import BriefingClaims, Sleep
from bot.llm.client import CallOutcome, ModelClient, ModelReplyInvalid, ModelUnavailable
from bot.llm.prompts import PromptLibrary
from bot.llm.reply import BRIEFING_SCHEMA, briefing_values, read_reply
from bot.llm.verify import verify_briefing_text, violation_kind
from bot.models import Article
from bot.settings import Settings
from bot.store import Store
from bot.store.llm import LLMStore

log = logging.getLogger(__name__)

PURPOSE = "briefing"
BRIEFING_PROMPTS: dict[str, set[str]] = {
    "briefing.system": set(),
    "briefing.user": {"outlet", "title", "published", "quotes", "framing", "article"},
}


# Extra time a claim is held past the longest the model can take over both attempts.
CLAIM_MARGIN_SECONDS = 30.0


class BriefingWriter:
    def __init__(
        self,
        llm_store: LLMStore,
        model: ModelClient | None,
        prompts: PromptLibrary,
        *,
        wait_seconds: float | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """`wait_seconds`: how long to wait for another process writing the same article
        (default: one call's timeout, no longer than asking the model ourselves would take)."""
        self.model = model
        self.prompts = prompts
        self.llm_store = llm_store
        self._inflight: dict[str, asyncio.Future[Briefing]] = {}
        self.claims = BriefingClaims(
            llm_store,
            uuid.uuid4().hex,  # this writer, whatever the process or host
            lease_seconds=2 * model.longest_call_seconds() + CLAIM_MARGIN_SECONDS if model else 0.0,
            wait_seconds=wait_seconds if wait_seconds is not None else (model.timeout if model else 0.0),
            sleep=sleep,
        )

    @classmethod
    def from_settings(
        cls, settings: Settings, store: Store, prompts_dir: str | Path | None = None, **client_options: Any
    ) -> BriefingWriter:
        """The writer for these settings; no model (extractive only) without OPENAI_API_KEY.
        Prompts are loaded and checked here, so a bad prompt stops start-up."""
        prompts = PromptLibrary.load(prompts_dir, required=BRIEFING_PROMPTS)
        model = ModelClient.from_settings(settings, store.llm, **client_options) if settings.openai_api_key else None
        return cls(store.llm, model, prompts)

    def claim_on(self, llm_store: LLMStore) -> None:
        """Take the briefings' claims on this store's connection (one with a lock timeout:
        bot.llm.claims) instead of the process's main one."""
        self.claims.store = llm_store

    async def write(self, article: Article, content_hash: str) -> Briefing:
        cached = await self._cached(content_hash)
        if cached is not None:
            return cached
        if self.model is None:
            return extractive_briefing(article)
        task = self._inflight.get(content_hash)
        if task is None:  # the first chat asks the model; the others wait for its answer
            task = asyncio.ensure_future(self._write_shared(article, content_hash))
            self._inflight[content_hash] = task
            task.add_done_callback(lambda _: self._inflight.pop(content_hash, None))
        return await asyncio.shield(task)

    async def _cached(self, content_hash: str) -> Briefing | None:
        body = await self.llm_store.briefing_body(content_hash)
        if body is None:
            return None
        try:
            return briefing_from_json(body)
        except (ValueError, TypeError):  # written by an older Briefing: write it again
            return None

    async def _write_shared(self, article: Article, content_hash: str) -> Briefing:
        """Written by this process if it takes the article's claim, else by the holder; when the
        holder's briefing does not come in time, the extractive one (uncached, so a later
        delivery finds the holder's)."""
        briefing = await self.claims.write_once(
            content_hash,
            lambda: self._cached(content_hash),
            lambda: self._write_and_cache(article, content_hash),
        )
        if briefing is None:
            log.info("briefing %s: written by another process, not cached in time: extractive", content_hash[:12])
            return extractive_briefing(article)
        return briefing

    async def _write_and_cache(self, article: Article, content_hash: str) -> Briefing:
        briefing, cache = await self._write_with_model(article, content_hash)
        if cache:
            await self.llm_store.put_briefing_body(content_hash, briefing.writer, briefing_to_json(briefing))
        return briefing

    async def _write_with_model(self, article: Article, content_hash: str) -> tuple[Briefing, bool]:
        """The briefing, and whether to cache it (not when no call was made)."""
        assert self.model is not None
        system = self.prompts.render("briefing.system")
        user = self.prompts.render("briefing.user", **briefing_values(article))
        feedback = ""
        for _attempt in (1, 2):
            try:
                reply = await self.model.complete_json(
                    PURPOSE, system, user + feedback, "briefing", BRIEFING_SCHEMA, content_hash
                )
            except ModelReplyInvalid as error:
                problems = [f"{error.reason}: the reply was not one JSON object"]
            except ModelUnavailable as error:
                log.info("briefing %s: model unavailable (%s), extractive", content_hash[:12], error.reason)
                return extractive_briefing(article), error.reason != CallOutcome.BUDGET_SPENT
            else:
                briefing, problems = self._verified(article, reply)
                if briefing is not None:
                    return briefing, True
            await self._reject(content_hash, problems)
            feedback = _feedback(problems)
        log.warning("briefing %s: model reply rejected twice, extractive", content_hash[:12])
        return extractive_briefing(article), True

    def _verified(self, article: Article, reply: dict) -> tuple[Briefing | None, list[str]]:
        parsed, problems = read_reply(reply)
        if parsed is None:
            return None, problems
        quotes = article.analysis.quotes
        known_ids = range(1, len(quotes) + 1)
        haystack = "\n".join(x for x in (article.title, article.text) if x)
        problems = verify_briefing_text(
            parsed.report,
            parsed.framing,
            parsed.on_record_ids + parsed.reported_ids,
            known_ids,
            haystack,
            _allowed_names(article),
        )
        if problems:
            return None, problems
        base = extractive_briefing(article)
        # a view held ("X believes …") is never shown as said, whatever the model picked
        picked = (quotes[i - 1] for i in dict.fromkeys(parsed.on_record_ids + parsed.reported_ids))
        chosen = [q for q in picked if q.said]
        on_record = [q for q in chosen if q.kind in ("direct", "partial") and q.speaker][:MAX_ON_RECORD]
        reported, speakers = [], set()
        for quote in chosen:
            if quote.kind == "indirect" and quote.speaker and quote.speaker not in speakers:
                speakers.add(quote.speaker)
                reported.append(quote)
        base.report = parsed.report
        base.on_record = sorted(on_record, key=lambda q: q.start) or base.on_record
        # A speaker shown on the record is not listed again as paraphrased.
        quoted = {q.speaker for q in base.on_record}
        reported = [q for q in reported if q.speaker not in quoted]
        # the engine's pick is made again beside the model's account, which replaces the extractive one
        fallback = reported_beside(article, base.headline, parsed.report, exclude=quoted)
        base.reported = sorted(reported, key=lambda q: q.start) or fallback
        base.framing = parsed.framing or base.framing
        base.writer = WrittenBy.LLM
        return base, []

    async def _reject(self, content_hash: str, problems: list[str]) -> None:
        log.warning("briefing %s: model reply rejected: %s", content_hash[:12], "; ".join(problems))
        for kind in dict.fromkeys(violation_kind(p) for p in problems):
            detail = "; ".join(p for p in problems if violation_kind(p) == kind)
            await self.llm_store.record_rejection(PURPOSE, kind, f"{content_hash[:16]} {detail}"[:1000])

    async def status(self) -> dict:
        """For the admin /status command: today's usage, the budget and the mode."""
        budget = self.model.daily_token_budget if self.model else None
        tokens = await self.model.usage_today() if self.model else 0
        mode: str
        if self.model is None:
            mode = WrittenBy.EXTRACTIVE
        elif await self.model.budget_spent():
            mode = f"{WrittenBy.EXTRACTIVE} (budget spent)"
        else:
            mode = WrittenBy.LLM
        return {
            "mode": mode,
            "model": self.model.model if self.model else None,
            "tokens_today": tokens,
            "budget": budget,
            "rejections": await self.llm_store.rejection_counts(PURPOSE),
        }


def _allowed_names(article: Article) -> set[str]:
    names = {article.outlet or "", article.author or ""}
    for speaker in article.analysis.speakers:
        names.add(speaker.name)
        names.update(speaker.aliases)
    names.update(q.speaker or "" for q in article.analysis.quotes)
    names.update(q.via or "" for q in article.analysis.quotes)
    return {n for n in names if n}


def _feedback(problems: list[str]) -> str:
    lines = "\n".join(f"- {p}" for p in problems[:10])
    return (
        "\n\nYour previous reply was rejected by the checker for these reasons:\n"
        f"{lines}\nWrite the JSON again. Copy quoted words exactly from the article or use "
        "no quotation marks; name only people the article names, spelled as it spells them."
    )
