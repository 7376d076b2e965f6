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
from bot.store.speakers import SpeakerRow, SpeakerStore

log = logging.getLogger(__name__)


async def link_speakers(store: Store, article_id: int, analysis: Analysis, outlet: str | None) -> dict[str, int]:
    """Create or find each speaker of `analysis`; store aliases and roles.

    Returns every name and alias the analysis uses -> speaker id, ready for
    `QuoteStore.replace_analysis`. `outlet` is kept for callers' symmetry: roles
    are stored per article, and the article row carries the outlet.

    What the rules need from the database is read in a few batched queries
    (people by surname up front, their roles and quote counts only if a rule
    needs them) and kept current in memory while the article's speakers are
    resolved one after another; aliases and roles go back in one write each.
    """
    speakers = store.speakers
    listed = [(speaker, guess_kind(speaker.name, speaker.kind)) for speaker in _speakers_of(analysis)]
    known = await _Known.load(speakers, listed, article_id)
    ids: dict[str, int] = {}
    in_article: dict[str, int] = {}  # surname key -> id, for "Putin" after "Vladimir Putin"
    aliases: list[tuple[int, str, str]] = []
    roles: list[tuple[int, int, str]] = []
    for speaker, kind in listed:
        speaker_id = await _resolve(known, speaker, kind, article_id, in_article)
        for alias in {speaker.name, *speaker.aliases}:
            ids[alias] = speaker_id
            if alias.strip():
                aliases.append((speaker_id, alias.strip(), fold_phrase(alias)))
                person = parse_person(alias) if kind == "person" else None
                if person and person.display != alias.strip():
                    aliases.append((speaker_id, person.display, fold_phrase(person.display)))
        if kind == "person" and (person := parse_person(speaker.name)):
            aliases.append((speaker_id, person.display.split()[-1], person.surname_key))
        for role in sorted(_roles_of(speaker, analysis)):
            roles.append((speaker_id, article_id, role))
            known.add_role(speaker_id, role)
    await speakers.add_aliases(aliases)
    await speakers.add_roles(roles)
    log.debug("article %s (%s): linked %d speaker names", article_id, outlet, len(ids))
    return ids


class _Known:
    """The stored speakers an article's names can refer to, read in batches and kept current."""

    def __init__(self, speakers: SpeakerStore) -> None:
        self.speakers = speakers
        self.people: dict[str, list[SpeakerRow]] = {}
        self.identities: dict[str, int] = {}
        # Roles matter only for a name without a matching first name, so they are read on first
        # need: a stored person's role rows grow with every article that quotes them.
        self._roles: dict[int, list[str]] = {}  # read so far, kept current
        self._roles_added: dict[int, list[str]] = {}  # given by this article to speakers not read yet
        self._counts: dict[int, int] = {}

    @classmethod
    async def load(cls, speakers: SpeakerStore, listed: list[tuple[Speaker, str]], article_id: int) -> _Known:
        known = cls(speakers)
        surnames, identities = set(), set()
        for speaker, kind in listed:
            person = parse_person(speaker.name) if kind == "person" else None
            if person:
                surnames.add(person.surname_key)
            else:
                identities.add(_other_identity(speaker, kind, article_id))
        known.people = await speakers.people_with_surnames(sorted(surnames))
        known.identities = await speakers.by_identities(sorted(identities))
        return known

    async def roles(self, candidates: list[SpeakerRow]) -> dict[int, list[str]]:
        """The candidates' stored roles and those this article gave them so far (one query for all
        not read yet: only the people a surname-only or unmatched name could be)."""
        missing = [c.id for c in candidates if c.id not in self._roles]
        if missing:
            for speaker_id, stored in (await self.speakers.roles_of(missing)).items():
                self._roles[speaker_id] = stored
                for role in self._roles_added.pop(speaker_id, []):
                    self._remember_role(speaker_id, role)
        return {c.id: self._roles[c.id] for c in candidates}

    async def quote_counts(self, candidates: list[SpeakerRow]) -> dict[int, int]:
        """Quotes already stored (the article being linked has none yet), read once per speaker."""
        missing = [c.id for c in candidates if c.id not in self._counts]
        if missing:
            self._counts.update(await self.speakers.quote_counts(missing))
        return {c.id: self._counts[c.id] for c in candidates}

    def add_role(self, speaker_id: int, role: str) -> None:
        if speaker_id in self._roles:
            self._remember_role(speaker_id, role)
        else:
            self._roles_added.setdefault(speaker_id, []).append(role)

    def _remember_role(self, speaker_id: int, role: str) -> None:
        stored = self._roles[speaker_id]
        if role not in stored and len(stored) < 50:
            stored.append(role)

    async def create_person(self, person: PersonName) -> int:
        speaker_id = await self.speakers.create(
            person.display, "person", _identity(person), person.surname_key, person.given_key
        )
        self.people.setdefault(person.surname_key, []).append(
            SpeakerRow(speaker_id, person.display, "person", person.given_key or None)
        )
        return speaker_id

    async def upgrade(self, row: SpeakerRow, person: PersonName) -> int:
        """The surname-only `row` takes the full name, unless another process has just stored
        that name as a speaker of its own: then the name is theirs, and `row` stays as it was."""
        holder = await self.speakers.upgrade_name(row.id, person.display, _identity(person), person.given_key)
        rows = self.people[person.surname_key]
        if holder == row.id:
            rows[rows.index(row)] = SpeakerRow(row.id, person.display, row.kind, person.given_key)
        else:
            rows.append(SpeakerRow(holder, person.display, "person", person.given_key))
        return holder

    async def other(self, speaker: Speaker, kind: str, article_id: int) -> int:
        identity = _other_identity(speaker, kind, article_id)
        if identity not in self.identities:
            self.identities[identity] = await self.speakers.create(speaker.name.strip(), kind, identity)
        return self.identities[identity]


def _other_identity(speaker: Speaker, kind: str, article_id: int) -> str:
    """Organisations by their whole folded name; unnamed sources never leave their article."""
    key = fold_phrase(speaker.name)
    return f"unnamed:{article_id}:{key}" if kind == "unnamed" else f"{kind}:{key}"


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


async def _resolve(known: _Known, speaker: Speaker, kind: str, article_id: int, in_article: dict[str, int]) -> int:
    if kind != "person" or not (person := parse_person(speaker.name)):
        return await known.other(speaker, kind, article_id)
    if not person.given_key and person.surname_key in in_article:
        return in_article[person.surname_key]
    speaker_id, reason = await _match_person(known, person, speaker.role)
    if speaker_id is None:
        speaker_id = await known.create_person(person)
        reason = "new person"
    log.debug("speaker %r -> %s (%s)", speaker.name, speaker_id, reason)
    in_article.setdefault(person.surname_key, speaker_id)
    return speaker_id


def _identity(person: PersonName) -> str:
    return f"person:{person.surname_key}:{person.given_key}"


async def _match_person(known: _Known, person: PersonName, role: str | None) -> tuple[int | None, str]:
    """The stored person this name refers to, and the rule that decided it."""
    candidates = [
        c for c in known.people.get(person.surname_key, []) if given_compatible(c.given_key, person.given_key)
    ]
    if person.given_key:
        for c in candidates:
            if c.given_key and given_compatible(c.given_key, person.given_key):
                return c.id, "same surname and first name"
    roles = await known.roles(candidates)
    compatible = [c for c in candidates if roles_compatible(role, roles[c.id])]
    if not compatible:
        return None, "no stored person with this surname and a compatible role"
    if len(compatible) > 1:
        counts = await known.quote_counts(compatible)
        best = max(compatible, key=lambda c: (counts[c.id], -c.id))
    else:
        best = compatible[0]
    if person.given_key and not best.given_key:
        return await known.upgrade(best, person), "surname-only speaker learns its first name"
    return best.id, "same surname, first name unknown on one side"
