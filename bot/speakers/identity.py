"""Speaker identity across articles, by explainable rules (no model).

A person is found by the folded key of their surname (bot.speakers.names):
- same surname and compatible first names ("Vladimir"/"V."/"Volodymyr" ~
  "Vladimir" is *not* compatible; see the given-name table) -> one speaker;
- same surname, one side without a first name ("Putin") -> merged when the
  roles don't clearly differ; among several such people the most quoted wins;
- same surname, different first names -> two speakers.
Organisations are keyed by their whole folded name; unnamed sources ("a
source in the ministry") are never merged across articles.
"""

from __future__ import annotations

import logging

from bot.models import Analysis, Speaker
from bot.speakers.names import PersonName, fold_phrase, given_compatible, guess_kind, parse_person, roles_compatible
from bot.store import Store
from bot.store.speakers import SpeakerStore

log = logging.getLogger(__name__)


async def link_speakers(store: Store, article_id: int, analysis: Analysis, outlet: str | None) -> dict[str, int]:
    """Create or find each speaker of `analysis`; store aliases and roles.

    Returns every name and alias the analysis uses -> speaker id, ready for
    `QuoteStore.replace_analysis`. `outlet` is kept for callers' symmetry: roles
    are stored per article, and the article row carries the outlet.
    """
    speakers = store.speakers
    ids: dict[str, int] = {}
    in_article: dict[str, int] = {}  # surname key -> id, for "Putin" after "Vladimir Putin"
    for speaker in _speakers_of(analysis):
        kind = guess_kind(speaker.name, speaker.kind)
        speaker_id = await _resolve(speakers, speaker, kind, article_id, in_article)
        for alias in {speaker.name, *speaker.aliases}:
            ids[alias] = speaker_id
            if alias.strip():
                await speakers.add_alias(speaker_id, alias.strip(), fold_phrase(alias))
                person = parse_person(alias) if kind == "person" else None
                if person and person.display != alias.strip():
                    await speakers.add_alias(speaker_id, person.display, fold_phrase(person.display))
        if kind == "person" and (person := parse_person(speaker.name)):
            await speakers.add_alias(speaker_id, person.display.split()[-1], person.surname_key)
        for role in _roles_of(speaker, analysis):
            await speakers.add_role(speaker_id, article_id, role)
    log.debug("article %s (%s): linked %d speaker names", article_id, outlet, len(ids))
    return ids


def _speakers_of(analysis: Analysis) -> list[Speaker]:
    """The analysis's speakers, plus any quote speaker it forgot to list; full names first."""
    listed = list(analysis.speakers)
    known = {name for s in listed for name in (s.name, *s.aliases)}
    for quote in analysis.quotes:
        if quote.speaker and quote.speaker not in known:
            listed.append(Speaker(quote.speaker, quote.speaker_role))
            known.add(quote.speaker)
    return sorted(listed, key=lambda s: -len(s.name.split()))


def _roles_of(speaker: Speaker, analysis: Analysis) -> set[str]:
    names = {speaker.name, *speaker.aliases}
    roles = {speaker.role} | {q.speaker_role for q in analysis.quotes if q.speaker in names}
    return {r.strip() for r in roles if r and r.strip()}


async def _resolve(
    speakers: SpeakerStore, speaker: Speaker, kind: str, article_id: int, in_article: dict[str, int]
) -> int:
    if kind != "person" or not (person := parse_person(speaker.name)):
        key = fold_phrase(speaker.name)
        identity = f"unnamed:{article_id}:{key}" if kind == "unnamed" else f"{kind}:{key}"
        found = await speakers.by_identity(identity)
        return found or await speakers.create(speaker.name.strip(), kind, identity)
    if not person.given_key and person.surname_key in in_article:
        return in_article[person.surname_key]
    speaker_id, reason = await _match_person(speakers, person, speaker.role)
    if speaker_id is None:
        speaker_id = await speakers.create(
            person.display, "person", _identity(person), person.surname_key, person.given_key
        )
        reason = "new person"
    log.debug("speaker %r -> %s (%s)", speaker.name, speaker_id, reason)
    in_article.setdefault(person.surname_key, speaker_id)
    return speaker_id


def _identity(person: PersonName) -> str:
    return f"person:{person.surname_key}:{person.given_key}"


async def _match_person(speakers: SpeakerStore, person: PersonName, role: str | None) -> tuple[int | None, str]:
    """The stored person this name refers to, and the rule that decided it."""
    candidates = [
        c
        for c in await speakers.people_with_surname(person.surname_key)
        if given_compatible(c.given_key, person.given_key)
    ]
    if person.given_key:
        for c in candidates:
            if c.given_key and given_compatible(c.given_key, person.given_key):
                return c.id, "same surname and first name"
    compatible = [c for c in candidates if roles_compatible(role, await speakers.roles(c.id))]
    if not compatible:
        return None, "no stored person with this surname and a compatible role"
    if len(compatible) > 1:
        counts = [(await speakers.quote_count(c.id), -c.id, c) for c in compatible]
        best = max(counts, key=lambda t: t[:2])[2]
    else:
        best = compatible[0]
    if person.given_key and not best.given_key:
        await speakers.upgrade_name(best.id, person.display, _identity(person), person.given_key)
        return best.id, "surname-only speaker learns its first name"
    return best.id, "same surname, first name unknown on one side"
