"""A model-written short answer, from retrieved quotes only, verified before use.

The model writes one to three sentences and names the quotes it used; the
quotes themselves are then shown from the store (verbatim), never from the
model's text. Its sentences must pass bot.llm.verify: every quoted string
verbatim in the retrieved quotes, every named person or outlet present in them.
Any failure returns None, and the caller sends the template answer.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from bot.questions.render import date_of, escape_text, join_limited, outlet_of, quote_line
from bot.store.speakers import QuoteHit

log = logging.getLogger(__name__)

ANSWER_PROMPTS = {"answer.system": set(), "answer.user": {"question", "quotes"}}
SCHEMA = {
    "type": "object",
    "properties": {"answer": {"type": "string"}, "quote_ids": {"type": "array", "items": {"type": "integer"}}},
    "required": ["answer", "quote_ids"],
    "additionalProperties": False,
}
_KIND = {"direct": "DIRECT", "partial": "PARTIAL", "indirect": "PARAPHRASE"}


def load_prompts(directory: Any = None) -> Any:
    from bot.llm.prompts import PromptLibrary

    return PromptLibrary.load(directory, required=ANSWER_PROMPTS)


def numbered(hits: list[QuoteHit]) -> str:
    return "\n".join(
        f"[{n}] {_KIND[h.kind]} | {h.speaker_name or 'unnamed'} | {h.speaker_role or '-'} | "
        f"{outlet_of(h)}{' (quoting ' + h.via + ')' if h.via else ''} | {date_of(h)} | {h.text}"
        for n, h in enumerate(hits, 1)
    )


async def model_answer(
    client: Any, prompts: Any, question: str, hits: list[QuoteHit], speaker: str | None = None
) -> str | None:
    """Telegram HTML with the model's verified answer and the quotes it used, or None."""
    from bot.llm.client import ModelUnavailable
    from bot.llm.verify import find_violations

    listing = (f"Speaker asked about: {speaker}\n" if speaker else "") + numbered(hits)
    try:
        reply = await client.complete_json(
            "answer",
            prompts.render("answer.system"),
            prompts.render("answer.user", question=question, quotes=listing),
            "answer",
            SCHEMA,
            content_hash=hashlib.sha256(f"{question}\n{listing}".encode()).hexdigest(),
        )
    except ModelUnavailable as error:
        log.info("model answer unavailable (%s): template answer", error)
        return None
    answer, ids = reply.get("answer"), reply.get("quote_ids")
    if not isinstance(answer, str) or not answer.strip() or not isinstance(ids, list):
        log.warning("model answer malformed: template answer")
        return None
    used = [hits[i - 1] for i in dict.fromkeys(ids) if isinstance(i, int) and 1 <= i <= len(hits)]
    sources = "\n".join(h.text for h in hits)
    names = {n for h in hits for n in (h.speaker_name, h.speaker_role, outlet_of(h), h.via, h.title) if n}
    names |= {speaker} if speaker else set()  # the stored full name of a quote's alias
    violations = find_violations([answer], sources, names)
    # A quotation mark around a paraphrase would present the outlet's words as the speaker's.
    paraphrases = [h.text for h in hits if h.kind == "indirect"]
    if any(f"“{p}" in answer or f'"{p}' in answer for p in paraphrases):
        violations.append("paraphrase_in_quotation_marks")
    if violations or not used:
        log.warning("model answer rejected (%s): template answer", "; ".join(violations) or "no quotes cited")
        return None
    return join_limited([escape_text(answer.strip()[:800]), *(quote_line(h, with_speaker=True) for h in used)])
