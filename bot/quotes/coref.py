"""Resolving speaker mentions to the full name the article introduced.

One `Resolver` per analysed text (no shared state between calls). It first
indexes every capitalised multi-word name with its title, then resolves
mentions in text order: pronouns go to the latest person speaker, surnames
to the earliest full name ending (or starting) with them, "the minister" to
the latest person whose role contains "minister".
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from bot.models import Speaker
from bot.quotes.lexicon import (
    DAYS_MONTHS,
    DOT_TITLES,
    FEMALE_NOUNS,
    LEADING_NOISE,
    MALE_NOUNS,
    NAME_CONNECTORS,
    NAME_OPENERS,
    NAME_SUFFIXES,
    NP_LINKS,
    ORG_WORDS,
    PERSON_NOUNS,
    PLACE_HEADS,
    SOURCE_NOUNS,
    TITLES,
)
from bot.quotes.mentions import Mention, split_title
from bot.quotes.speakers import sentence_subject
from bot.quotes.tokens import Token

_PLURAL_PRONOUNS = {"they", "we"}
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ([A-Z][\w'’-]+)")
# A few common first names whose gender is unambiguous, for "she"/"he" after a full name.
_FEMALE_FIRST = frozenset(
    """hillary elizabeth nancy sarah carly michelle debbie claire kellyanne
mary susan patricia linda barbara jennifer maria karen lisa laura anna emily jessica julie ann
anne hope loretta kirsten amy tammy dianne maxine kelly-ann huma melania ivanka condoleezza
madeleine theresa angela marine hilary katie megyn ruth sonia samantha valerie donna""".split()
)
_MALE_FIRST = frozenset(
    """donald bernie ted marco jeb john james robert michael william david richard
joseph thomas charles paul mark george steven kevin brian barack mike chris ben rand rick scott
bill joe tim newt mitch harry reince corey jason lindsey jeff eric tom martin vladimir""".split()
)
# ", a fisherman," / ", the mayor," right after a name: an aside about a person
_APPOSITION = re.compile(r",\s+(?:a|an|the|who)\s")
# "Understated", "Leading", "Reportedly": a verb form or adverb, never a first name
_VERB_FORM = re.compile(r"[a-z]{4,}(?:ed|ing|ly)")
_SENTENCE_ENDS = frozenset('. ! ? : “ " ‘ — –'.split())
_LOOK_BACK = 300  # speakers looked back over: keeps long texts linear


@dataclass
class _Entry:
    name: str
    role: str | None
    kind: str
    aliases: list[str] = field(default_factory=list)


def _one_person(surface: str) -> bool:
    """ "a spokesperson", "the company's chief executive": one person, no name."""
    words = surface.lower().split()
    head = next((w for n, w in enumerate(words) if n + 1 == len(words) or words[n + 1] in NP_LINKS), words[-1])
    return head in _PERSON_HEADS


def _bare_surname(name: str) -> bool:
    """ "Cruz", "Kasich": one capitalised word, not a group ("Republicans")."""
    return " " not in name and name[:1].isupper() and name[1:].islower() and not _group(name)


# Sentences looked back over for another person opening one, before a pronoun.
_SUBJECTS_BETWEEN = 6

# Words that open a group, never one person: "Several Democrats", "Both senators".
_GROUP_OPENERS = frozenset("several many some most both all few two three four five six other these those".split())


def _group(name: str) -> bool:
    """ "Several Democrats", "Local Republicans", "Russians": a capitalised phrase naming
    a group, which "he" or "she" cannot stand for. A surname ending in "s" ("Evans",
    "Sanders") is a person: only the plural of a source noun, title or nationality counts."""
    words = name.lower().split()
    if not words:
        return False
    last = words[-1]
    plural = last.endswith("s") and (last in SOURCE_NOUNS or last[:-1] in SOURCE_NOUNS | TITLES)
    return words[0] in _GROUP_OPENERS or plural


# singular nouns for one person who speaks without a name
_PERSON_HEADS = (
    frozenset(
        """spokesperson spokesman spokeswoman official aide adviser advisor analyst expert critic
lawyer attorney diplomat witness resident leader president minister senator governor mayor chairman
chairwoman director candidate supporter officer executive source""".split()
    )
    | PERSON_NOUNS
)


def _name_runs(toks: list[Token], text: str):
    """Yield (start, full name, title) for each capitalised run of 2-5 words."""
    i, n = 0, len(toks)
    while i < n:
        if not (toks[i].is_cap and toks[i].is_word):
            i += 1
            continue
        j = i
        while j < n and (toks[j].is_cap and toks[j].is_word and toks[j].text not in DAYS_MONTHS or _title_dot(toks, j)):
            j += 1
        run = toks[i:j]
        while run and run[0].lower in LEADING_NOISE and not (run[0].lower in NAME_OPENERS and len(run) > 1):
            run = run[1:]  # "The …", "But …"; "New Cardigan Gov." keeps its "New"
        if any(t.text.endswith(("’s", "'s")) for t in run[:-1]):
            run = []  # "Trump’s Campaign Manager": a possessive, not one name
        if len(run) >= 2:
            title, name = split_title(run, text)
            ok = (
                len(name) >= 2
                and len(name) <= 4
                and not any(t.text in ORG_WORDS or t.text.isupper() and t.lower not in NAME_SUFFIXES for t in name)
            )
            if ok and name[0].lower not in TITLES:
                yield name[0].start, text[name[0].start : name[-1].end], title
        i = max(j, i + 1)


# A title's short form is the title: "Sen. Ann Lind" holds the office "the senator" names.
_SHORT_TITLES = {
    "sen": "senator",
    "sens": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "capt": "captain",
    "prof": "professor",
    "supt": "superintendent",
    "atty": "attorney",
}


def _title_dot(toks: list[Token], j: int) -> bool:
    """The dot of "Sen." in "Sen. Ann Lind": the name run goes on past it."""
    return (
        toks[j].text == "."
        and j >= 1
        and toks[j - 1].lower in DOT_TITLES
        and j + 1 < len(toks)
        and toks[j + 1].is_cap
        and toks[j + 1].is_word
    )


def _kin_opener(toks: list[Token], n: int) -> Token | None:
    """The possessive before the kin noun at toks[n] ("his wife", "Costa's wife"), maybe
    over one describing word ("his late wife"); None when there is none."""
    k = n - 1
    if k > 0 and toks[k].is_word and toks[k].text.islower() and toks[k].lower not in _POSSESSIVES:
        k -= 1
    w = toks[k]
    return w if w.lower in _POSSESSIVES or w.text.endswith(("'s", "’s")) else None


_POSSESSIVES = frozenset("his her their".split())


def _named_after(toks: list[Token], n: int) -> bool:
    """ "his wife, Ana," / "his wife Ana": the kin noun at toks[n] brings in a named person."""
    k = n + 1 if n + 1 < len(toks) and toks[n + 1].text == "," else n
    return k + 1 < len(toks) and toks[k + 1].is_cap and toks[k + 1].is_word


def _in_title_case_line(text: str, pos: int) -> bool:
    """The line holding pos is a title-cased heading: most of its longer words capitalised."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a : b if b >= 0 else len(text)]
    if len(line) > 200:
        return False
    long_words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) >= 4]
    capped = sum(w[0].isupper() for w in long_words)
    return len(long_words) >= 3 and capped >= 0.8 * len(long_words)


def _heading(text: str, pos: int) -> bool:
    """The line holding pos is a heading: every longer word capitalised, none a body's verb."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a : b if b >= 0 else len(text)]
    long_words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) >= 4]
    return len(line) <= 200 and len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _said_in_body(text: str, full: str) -> bool:
    """The run occurs on a line that is no heading."""
    return any(not _heading(text, m.start()) for m in re.finditer(rf"\b{re.escape(full)}\b", text))


def _said_mid_sentence(text: str, full: str) -> bool:
    """The run occurs after a lower-case word of its sentence, where a capital marks a name."""
    return re.search(rf"\b[a-z][\w'’-]*,? {re.escape(full)}\b", text) is not None


# First names that are also words ("Bill", "Mark", "Hope"): one at a sentence start is a name.
_FIRST_NAMES = _FEMALE_FIRST | _MALE_FIRST


def _words(phrase: str) -> list[str]:
    return [_SHORT_TITLES.get(w, w) for w in re.findall(r"[a-z]+", phrase.lower())]


def _surname(parts: list[str]) -> str:
    """The surname of a name's words: "King" in "Martin Luther King Jr", never the suffix."""
    if len(parts) > 1 and parts[-1].lower().rstrip(".") in NAME_SUFFIXES:
        return parts[-2]
    return parts[-1]


def _fuller_role(said: str | None, known: str | None) -> str | None:
    """ "Chief Jordan" after "Tulsa Police Chief Chuck Jordan": the title the article
    gave in full, not the short form of a later mention; a different role stays."""
    if said and known and "\n" not in known and set(_words(said)) <= set(_words(known)):
        return known  # (a run read across a paragraph break is no title)
    return said or known


class Resolver:
    def __init__(
        self,
        text: str,
        toks: list[Token],
        sentences: list[tuple[int, int]] = (),  # type: ignore[assignment]
        quoted: Callable[[int], bool] = lambda pos: False,
        reported: list[tuple[int, int]] = (),  # type: ignore[assignment]
    ) -> None:
        self.text = text
        self._reported = sorted(reported)  # spans of reported clauses: what someone said
        self._toks = toks
        self._sentences = sentences
        self._quoted = quoted
        self._sentence_starts = [a for a, _ in sentences]
        self._starts = [t.start for t in toks]
        self._subjects: dict[int, tuple[int, str] | None] = {}  # by sentence, read when a pronoun needs it
        self.by_last: dict[str, tuple[int, str, str | None]] = {}
        self.by_first: dict[str, tuple[int, str, str | None]] = {}
        lower_words = set(re.findall(r"\b[a-z][a-z'’-]+", text))
        for pos, full, title in _name_runs(toks, text):
            named = self._name_of_run(pos, full, lower_words)
            if named is None:
                continue
            pos, full = named
            parts = full.split()
            self.by_last.setdefault(_surname(parts), (pos, full, title))
            if parts[-1].lower() not in lower_words:  # "Trump Train" names no one "Trump"
                self.by_first.setdefault(parts[0], (pos, full, title))
        self.gender: dict[str, str] = {}  # surname -> "m" | "f", from "Mr. X" / "Ms. X" in the text
        for g in _HONORIFIC.finditer(text):
            sex = "m" if g.group(1) == "Mr" else "f"
            if self.gender.setdefault(g.group(2), sex) != sex:
                self.gender[g.group(2)] = "?"  # "Mr. Clinton" and "Mrs. Clinton": unknown
        self.entries: dict[str, _Entry] = {}
        self.recent: list[tuple[int, str, str]] = []  # (pos, name, kind) of speakers so far

    def _name_of_run(self, pos: int, full: str, lower_words: set[str]) -> tuple[int, str] | None:
        """The full name a capitalised run gives, without a word glued on at a sentence
        or heading start; None when the run is no name to expand a surname to."""
        first = full.split()[0].lower()
        if first in lower_words and _in_title_case_line(self.text, pos):
            return None  # "Republican Donor Adelson …": a heading capitalises the body's "donor"
        if _heading(self.text, pos) and not _said_in_body(self.text, full):
            return None  # "Understated Perez Wins …": a heading's run is a name once the body says it
        glued = first in lower_words - NAME_CONNECTORS or _VERB_FORM.fullmatch(first) is not None
        if not glued or not self._doubtful_opener(pos, full):
            return pos, full
        if len(full.split()) > 2:
            return pos + len(full.split()[0]) + 1, full.split(" ", 1)[1]  # "Did Donald Trump …"
        return None  # "Is Sanders …", "Maybe Trump …": a word the article also writes in lower case

    def _doubtful_opener(self, pos: int, full: str) -> bool:
        """The run opens a line or sentence with a word that is no known first name, and
        the body never writes it mid-sentence: its first word may be glued on."""
        first = full.split()[0].lower()
        return (
            first not in _FIRST_NAMES
            and self._opens_line_or_sentence(pos)
            and not _said_mid_sentence(self.text, full)  # "… when Will Rogers spoke"
        )

    def _opens_line_or_sentence(self, pos: int) -> bool:
        """The word at pos opens the text, a line or a sentence (after ". ", "? ", a quote mark)."""
        before = self.text[max(0, pos - 3) : pos]
        k = bisect.bisect_left(self._starts, pos) - 1
        return k < 0 or "\n" in before or self._toks[k].text in _SENTENCE_ENDS

    def _known_full(self, surface: str, pos: int) -> tuple[str, str | None] | None:
        parts = surface.split()
        if len(parts) > 2 and parts[-1].lower().rstrip(".") in NAME_SUFFIXES:
            return None  # "Charles Elliott III" is himself, not an earlier Elliott
        hit = self.by_last.get(_surname(parts))
        if hit and hit[0] > pos and hit[1].split()[-1].lower().rstrip(".") in NAME_SUFFIXES:
            hit = None  # "Mr. Trump" before his son "Donald Trump Jr" comes in: not the son
        if hit and hit[1] != surface and (len(parts) == 1 or hit[1].startswith(parts[0])):
            return hit[1], hit[2]
        if len(parts) == 1:
            hit = self.by_first.get(parts[0])
            if hit and hit[0] <= pos:
                return hit[1], hit[2]
        if hit and hit[1] == surface:
            return hit[1], hit[2]
        return None

    def _sex(self, name: str) -> str | None:
        parts = name.split()
        first = parts[0].lower() if len(parts) > 1 else ""
        if first in _FEMALE_FIRST:
            return "f"
        if first in _MALE_FIRST:
            return "m"
        g = self.gender.get(parts[-1]) if parts else None
        return g if g in ("m", "f") else None

    def _latest(self, pos: int, kinds: set[str]) -> str | None:
        for p, name, kind in reversed(self.recent[-_LOOK_BACK:]):
            if p <= pos and kind in kinds:
                return name
        return None

    def _office_holder(self, m: Mention) -> str | None:
        """ "the minister", "the vice president": the one person before it whose role
        holds every word of the phrase ("Vice President Joe Biden"). Two such people
        ("President Obama", "Russian President Putin") or a word no role has leave
        the speaker unnamed: a wrong name costs more than none. A short title is
        the title ("Sen." holds "the senator")."""
        words = _words(m.surface)[1:]
        if not words or words[-1] not in TITLES and words[-1] not in _PERSON_HEADS:
            return None  # "the campaign", "the Wisconsin Republican": not an office
        holders = {
            name
            for p, name, kind in self.recent[-_LOOK_BACK:]
            if p <= m.start and kind == "person" and set(words) <= set(_words(self.entries[name].role or ""))
        }
        holders |= {
            full for p, full, title in self.by_last.values() if p <= m.start and set(words) <= set(_words(title or ""))
        }
        if len(holders) != 1:
            return None
        holder = holders.pop()
        last = next((name for _, name, kind in self._antecedents(m.start) if kind == "person"), None)
        if len(words) == 1 and holder != last:
            # "Florida Gov. Jeb Bush … Christie said … The governor claimed": a bare
            # title goes to its one holder only when that holder was the last person
            # to speak or open a sentence; the
            # person who did may hold it too without the text saying so
            return None
        return holder

    def resolve(self, m: Mention) -> tuple[str | None, str | None]:
        """Canonical (name, role) for a mention, registering it as a speaker.

        A pronoun with no fitting earlier speaker resolves to (None, None): an
        unknown speaker, never "she" as if it were a name.
        """
        kind, name, role = m.kind, m.surface, m.role
        if kind == "pronoun":
            low = m.surface.lower()
            if low == "i":
                return None, None  # "I knew that …" outside quotation marks is the writer, not a speaker
            if low in ("he", "she"):
                return self._person_pronoun(m, "f" if low == "she" else "m")
            plural = low in _PLURAL_PRONOUNS
            wanted = {"organisation", "unnamed"} if plural else {"organisation"}
            got = self._latest(m.start, wanted)
            if got is None:
                return None, None
            name = got
            kind = self.entries[got].kind
        elif kind == "unnamed":
            got = self._office_holder(m) if m.surface.lower().startswith("the ") else None
            if got:
                name, kind = got, "person"
                role = role or self._title_of(got)
        elif kind == "person":
            full = self._known_full(m.surface, m.start)
            if full:
                name, role = full[0], _fuller_role(role, full[1])
        entry = self.entries.get(name)
        if entry is None:
            entry = self.entries[name] = _Entry(name, role, kind)
        elif role and not entry.role or entry.role and _fuller_role(entry.role, role) != entry.role:
            entry.role = role  # a later mention may give the title in full
        if m.surface != name and m.kind != "pronoun" and m.surface not in entry.aliases:
            entry.aliases.append(m.surface)
        self.recent.append((m.start, name, entry.kind))
        return name, entry.role

    def _person_pronoun(self, m: Mention, sex: str | None) -> tuple[str | None, str | None]:
        """ "he", "she": the latest person before it who spoke or opened a sentence
        as its subject ("Berg disagrees. “…,” he says": Berg, not the last speaker),
        never an organisation. An unnamed speaker ("a spokesperson said … she added")
        stays unnamed rather than becoming the last named person of the other side;
        so does one after a group ("Several Democrats"): whoever she is, the text does
        not say, and an earlier name would be a guess."""
        if self._named_in_report_before(m.start):
            return None, None
        for at, name, kind in self._antecedents(m.start):
            if kind == "person" and _group(name):
                break  # "Several Democrats opposed it. She said …": she is nobody the text names
            # "Cruz admitted …. “…,” he said": a lone surname the reader could not confirm
            # as a person is still the one who just spoke, not someone further back
            person = kind == "person" or kind == "unnamed" and _bare_surname(name)
            fits = person and self._sex(name) in (None, sex)
            if fits and self._other_subject_between(at, m.start, name, sex):
                break  # "Lee spoke. Ann Roe is listed as chair. She said": Roe, unverified, not Lee
            if not (kind == "unnamed" and _one_person(name) or fits):
                continue
            # "An NBC reporter asked Dana Wilke …": an indefinite one, not the person named after it
            unnamed_new = kind == "unnamed" and name.split()[0].lower() in ("a", "an")
            if self._someone_else_between(at + len(name), m.start, sex, unnamed_new):
                break  # "Costa thanked the town, with his wife, Ana. “…,” she said": not Costa
            entry = self.entries.get(name)
            if entry is None:
                entry = self.entries[name] = _Entry(name, self._title_of(name), "person")
            self.recent.append((m.start, name, kind))
            return name, entry.role
        return None, None

    def _other_subject_between(self, after: int, pos: int, name: str, sex: str | None) -> bool:
        """A full name other than `name`, of no other known sex, opens a sentence between
        `after` and `pos`: a pronoun after it may be that person, whom the subject
        finder could not confirm as one ("Dahlys Hamilton is listed as …"); naming the
        earlier person would be a guess."""
        k0 = bisect.bisect_right(self._sentence_starts, after)
        k1 = bisect.bisect_right(self._sentence_starts, pos)
        for n in range(max(k0, k1 - _SUBJECTS_BETWEEN), k1):
            a, b = self._sentences[n]
            if self._quoted(a):
                continue
            toks = self._toks[bisect.bisect_left(self._starts, a) : bisect.bisect_left(self._starts, b)]
            other = sentence_subject(toks, self.text)
            if other is None or not after < other.start < pos or _group(other.surface):
                continue
            if other.kind != "person":
                continue
            full = self._known_full(other.surface, other.start)
            other_name = full[0] if full else other.surface
            parts = other_name.split()
            lone = len(parts) < 2
            if lone or _surname(parts) == _surname(name.split()) or parts[-1] in PLACE_HEADS:
                continue  # a lone word ("Politico"), the same person again, a place ("Wall Street")
            if self._sex(other_name) in (None, sex):
                return True
        return False

    def _someone_else_between(self, after: int, pos: int, sex: str | None, indefinite: bool) -> bool:
        """Between the candidate and the pronoun, outside quotation marks, another person
        the pronoun may stand for: a woman or a man brought in by a kin noun and a name
        opening a sentence ("Costa's wife, Ana, …") for "she" or "he", or, after a
        candidate brought in with "a"/"an" ("An NBC reporter asked Dana Wilke …"), a
        person the article names in full."""
        nouns = FEMALE_NOUNS if sex == "f" else MALE_NOUNS if sex == "m" else frozenset()
        toks = self._toks[bisect.bisect_right(self._starts, after) : bisect.bisect_left(self._starts, pos)]
        for n, t in enumerate(toks):
            if self._quoted(t.start):
                continue
            if t.lower in nouns and n and _named_after(toks, n) and self._opens_sentence(_kin_opener(toks, n)):
                return True
            if indefinite and t.is_cap and n and toks[n - 1].text not in '.“"':
                hit = self.by_last.get(t.text)
                if hit and len(hit[1].split()) > 1 and hit[1].endswith(t.text):
                    return True
        return False

    def _opens_sentence(self, t: Token | None) -> bool:
        """ "Trump's wife, Melania, is to speak.": the kin phrase is the subject opening its
        sentence; "his son Beau, who died …" inside a sentence about him is not."""
        if t is None:
            return False
        before = self.text[max(0, t.start - 40) : t.start].rstrip()
        return not before or before[-1] in '.!?\n”"' or "\n" in self.text[max(0, t.start - 3) : t.start]

    def _named_in_report_before(self, pos: int) -> bool:
        """ "Flynn said Trump was right when he said …": a "he" inside someone's reported
        words, after another person named in them, may be either of the two; the
        reader cannot tell, so neither is named."""
        k = bisect.bisect_right(self._reported, (pos, pos))
        for a, b in self._reported[max(0, k - 8) : k]:
            if not a < pos < b:
                continue
            for t in self._toks[bisect.bisect_left(self._starts, a) : bisect.bisect_left(self._starts, pos)]:
                first = t.start == a or self.text[max(0, t.start - 2) : t.start].strip() in (".", "“", '"')
                if t.is_cap and t.is_word and not first and (t.text in self.by_last or t.text in self.by_first):
                    return True
        return False

    def _title_of(self, name: str) -> str | None:
        hit = self.by_last.get(_surname(name.split()))
        return hit[2] if hit and hit[1] == name else None

    def _antecedents(self, pos: int) -> Iterator[tuple[int, str, str]]:
        """Speakers and sentence subjects before pos, latest first. The subjects are
        read lazily, sentence by sentence backwards: most pronouns find theirs in the
        sentence before, so the rest of the article is never read for them."""
        speakers = sorted((r for r in self.recent[-_LOOK_BACK:] if r[0] <= pos), reverse=True)
        return heapq.merge(speakers, self._subjects_back_from(pos), reverse=True)

    def _subjects_back_from(self, pos: int) -> Iterator[tuple[int, str, str]]:
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        for n in range(k, max(-1, k - _LOOK_BACK), -1):
            if n not in self._subjects:
                self._subjects[n] = self._sentence_subject(*self._sentences[n])
            found = self._subjects[n]
            if found is not None and found[0] < pos:
                yield found[0], found[1], "person"

    def _sentence_subject(self, a: int, b: int) -> tuple[int, str] | None:
        """(position, full name) of the person named as the subject opening the
        sentence a..b outside quotation marks; a full name the article introduces, so
        a lone capitalised word ("Politico", "Hampshire") is never one."""
        if self._quoted(a):
            return None
        toks = self._toks[bisect.bisect_left(self._starts, a) : bisect.bisect_left(self._starts, b)]
        m = sentence_subject(toks, self.text)
        if m is None or m.kind != "person" or self._quoted(m.start):
            return None
        full = self._known_full(m.surface, m.start)
        name = full[0] if full else m.surface
        return (m.start, name) if self._a_person(name, m.end) else None

    def _a_person(self, name: str, end: int) -> bool:
        """A full name the article introduces, with a sign that it names a person: a
        title, a known first name, "Mr."/"Ms.", an aside after it ("Olaf Berg, a
        fisherman,"), or an earlier quote. "Wall Street", "Sony Pictures Classics" and
        a possessive ("Clinton’s campaign") are not."""
        parts = name.split()
        hit = self.by_last.get(_surname(parts))
        if len(parts) < 2 or hit is None or hit[1] != name or name.endswith(("’s", "'s")):
            return False
        entry = self.entries.get(name)
        return bool(
            hit[2]
            or entry is not None
            and entry.kind == "person"
            or self._sex(name)
            or _APPOSITION.match(self.text, self.text.find(name, hit[0]) + len(name))
        )

    def speakers(self) -> tuple[Speaker, ...]:
        return tuple(Speaker(e.name, e.role, tuple(e.aliases), e.kind) for e in self.entries.values())
