"""Answer questions about speakers from stored quotes only.

Flow: rate limit -> parse -> find the speaker (alias keys, or the context
article's main speaker for "he"/"she") -> retrieve quotes through FTS5 ->
a model-written answer when a model is configured and its text passes
verification, else the template answer.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.questions import render
from bot.questions.fts import MAX_TERMS, all_of, any_of, too_many_terms
from bot.questions.parse import Intent, Question, clean_question, parse_question, time_range, topic_words
from bot.questions.ratelimit import QuestionLimit, question_limit
from bot.questions.render import escape_text
from bot.settings import Settings
from bot.speakers.names import fold_phrase
from bot.store import Store
from bot.store.speakers import SpeakerRow
from bot.typed import visible

log = logging.getLogger(__name__)

USAGE_ASK = "Ask me about someone quoted in the news, e.g. /ask What did Podoliak say about Kyiv?"
USAGE_WHO = "Tell me whose card to show, e.g. /who Medinsky"
TOO_MANY_WORDS = f"That question has more search words than I look up ({MAX_TERMS} at most); please ask with fewer."


class QuestionAnswerer:
    def __init__(
        self,
        store: Store,
        model_client: Any = None,
        prompts: Any = None,
        questions_per_minute: int = 6,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        limiter: QuestionLimit | None = None,
    ) -> None:
        self.store = store
        self.speakers = store.speakers
        self.model_client = model_client
        if model_client is not None and prompts is None:
            from bot.questions.model import load_prompts

            prompts = load_prompts()  # fails at start-up, not at the first question
        self.prompts = prompts
        self.limiter = limiter or question_limit(questions_per_minute, store)
        self.now = now

    @classmethod
    def from_settings(
        cls, settings: Settings, store: Store, model_client: Any = None, prompts: Any = None
    ) -> QuestionAnswerer:
        return cls(store, model_client, prompts, settings.questions_per_minute)

    # ------------------------------------------------------------ public API
    async def answer(self, question: str, *, user_id: int, chat_id: int, reply_to_message_id: int | None = None) -> str:
        """Telegram HTML answer to a free-form question."""
        question = clean_question(question)  # pasted markup and entities read as the words they show
        if not question:
            return escape_text(USAGE_ASK)
        if wait := await self.limiter.take(user_id):
            return _slow_down(wait)
        q = parse_question(question)
        article_id = None
        if reply_to_message_id is not None:
            article_id = await self.store.deliveries.article_for_message(chat_id, reply_to_message_id)
        speaker_ids, name_words, others = await self._find_speakers(q, article_id)
        if not speaker_ids and q.asked_name and not q.pronoun:
            return await self._unknown(q.asked_name)
        if q.intent == Intent.WHO and speaker_ids:
            return await self._card(speaker_ids[0])
        zone = await self._zone(chat_id) if q.time_word else "UTC"
        return await self._what(q, speaker_ids, name_words, others, article_id, zone)

    async def _zone(self, chat_id: int) -> str:
        chat = await self.store.chats.get(chat_id)
        return getattr(chat, "timezone", None) or "UTC"

    async def who(self, name: str, *, user_id: int | None = None) -> str:
        """A speaker's card by name, or 'nothing stored' with close names."""
        if not name.strip():
            return escape_text(USAGE_WHO)
        if user_id is not None and (wait := await self.limiter.take(user_id)):
            return _slow_down(wait)
        found = await self.speakers.by_alias_keys([fold_phrase(name)])
        if not found:
            return await self._unknown(visible(name)[:100])
        return await self._card(max(found, key=lambda f: f[2])[1])

    async def who_id(self, speaker_id: int, *, user_id: int | None = None) -> str:
        """A speaker's card by id (the `who:<id>` button)."""
        if user_id is not None and (wait := await self.limiter.take(user_id)):
            return _slow_down(wait)
        return await self._card(await self.speakers.merged_into(speaker_id))

    # ------------------------------------------------------------ steps
    async def _find_speakers(self, q: Question, article_id: int | None) -> tuple[list[int], set[str], list[int]]:
        """Speaker ids (best first), the question words that named them, other same-name people.

        In a reply to a briefing, "he"/"she"/"they" as the one who spoke is the
        briefing's main speaker, and any name in the question is what they
        spoke about ("What did he say about Zelenskyy?").
        """
        if q.pronoun and article_id is not None:
            main = await self.speakers.main_speaker(article_id)
            if main is not None:
                return [main], set(), []
        keys = {fold_phrase(c): c for c in q.name_candidates if fold_phrase(c)}
        found = await self.speakers.by_alias_keys(list(keys))
        if found:
            longest = max(len(key.split()) for key, _, _ in found)
            best = [(key, sid, n) for key, sid, n in found if len(key.split()) == longest]
            in_article = set()
            if article_id is not None:
                in_article = {sid for sid, _ in await self.speakers.of_article(article_id)}
            best.sort(key=lambda t: (t[1] not in in_article, -t[2]))
            ids = list(dict.fromkeys(sid for _, sid, _ in best))
            words = {w for key, _, _ in best for w in keys[key].split()}
            return ids[:1], words, ids[1:]
        return [], set(), []

    async def _what(
        self,
        q: Question,
        speaker_ids: list[int],
        name_words: set[str],
        others: list[int],
        article_id: int | None,
        zone: str = "UTC",
    ) -> str:
        topics = topic_words(q, name_words)
        if too_many_terms(topics):  # refused rather than cut: a shorter AND would match more than was asked
            return escape_text(TOO_MANY_WORDS)
        match = all_of(topics)
        since, until = time_range(q.time_word, self.now(), zone)
        when = f" ({q.time_word}, {zone}, by when I stored them)" if q.time_word else ""
        speaker = await self.speakers.get(speaker_ids[0]) if speaker_ids else None
        # a pronoun reply is about the briefing's article: that speaker's statements there, no others
        only_here = q.pronoun and article_id is not None and speaker is not None
        if speaker is None and not match:
            if q.time_word:
                hits = await self.speakers.quotes(since=since, until=until, article_id=article_id)
                return (
                    render.what_answer(None, hits, f"quotes stored{when}")
                    if hits
                    else escape_text(f"I have nothing stored from {q.time_word} ({zone}).")
                )
            return escape_text(USAGE_ASK)
        search: dict[str, Any] = {"speaker_ids": speaker_ids or None, "since": since, "until": until, "limit": 8}
        hits = []
        if article_id is not None:  # the briefing replied to is the first context
            hits = await self.speakers.quotes(match=match, article_id=article_id, **search)
        if not hits and not only_here:
            hits = await self.speakers.quotes(match=match, **search)
        if not hits:
            return await self._nothing_matches(speaker, topics, when, only_here, search)
        name = speaker.name if speaker else None
        hits.sort(key=lambda h: h.kind == "indirect")  # the person's own words first, then paraphrase
        if self.model_client is not None and q.intent == Intent.WHAT:
            from bot.questions.model import model_answer  # only with a model configured

            written = await model_answer(self.model_client, self.prompts, q.text, hits, name)
            if written:
                return written
        if q.intent == Intent.VERIFY and name:
            return render.verify_answer(name, hits)
        heading = (f"about “{' '.join(topics)}”" if match else "latest quotes") + when
        if only_here:
            heading += " in this article"
        text = render.what_answer(name, hits, heading)
        if others:
            alike = [s.name for s in [await self.speakers.get(i) for i in others[:3]] if s]
            text += "\n" + escape_text("Other people with this name: " + ", ".join(alike) + ". Ask with a first name.")
        return text

    async def _nothing_matches(
        self, speaker: SpeakerRow | None, topics: list[str], when: str, only_here: bool, search: dict[str, Any]
    ) -> str:
        """Say so, rather than show a statement that only shares a word; name who came closest."""
        about = f" about “{' '.join(topics)}”" if topics else ""
        where = " in this article" if only_here else ""
        if speaker is not None:
            return escape_text(f"I have nothing stored from {speaker.name}{about}{where}{when}.")
        search = {**search, "speaker_ids": None, "limit": 20}
        loose = await self.speakers.quotes(match=any_of(topics), **search) if topics else []
        closest = list(dict.fromkeys(h.speaker_name for h in loose if h.speaker_name))[:3]
        text = f"Nothing I have stored matches “{' '.join(topics)}” well{when}."
        if closest:
            text += " The closest speakers: " + ", ".join(closest) + "."
        return escape_text(text)

    async def _card(self, speaker_id: int) -> str:
        speaker = await self.speakers.get(speaker_id)
        if speaker is None:
            return "I have nothing stored about this speaker any more."
        roles = await self.speakers.roles_with_outlets(speaker_id)
        counts = await self.speakers.kind_counts([speaker_id])
        latest = await self.speakers.quotes(speaker_ids=[speaker_id], limit=12)
        direct = [h for h in latest if h.kind != "indirect"][:3]
        paraphrased = [h for h in latest if h.kind == "indirect"][:3]
        return render.who_card(speaker.name, roles, counts, direct, paraphrased)

    async def _unknown(self, name: str) -> str:
        key = fold_phrase(name)
        suggestions: list[str] = []
        if key:
            pool = await self.speakers.aliases_starting(key[0])
            by_key = {fold_phrase(a): a for a in pool}
            last = key.split()[-1]
            close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.75)
            close += difflib.get_close_matches(last, list(by_key), n=3, cutoff=0.75)
            suggestions = list(dict.fromkeys(by_key[k] for k in close))[:3]
        log.info("question about an unknown speaker %r", name)
        return render.nothing_stored(name, suggestions)


def _slow_down(wait: float) -> str:
    return escape_text(f"You're asking faster than I can look things up. Please try again in {int(wait + 0.999)} s.")
