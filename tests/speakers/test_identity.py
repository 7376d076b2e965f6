"""Speaker identity: name folding and merges/non-merges across articles."""

import pytest

from bot.models import Analysis, Quote, Speaker
from bot.speakers.names import fold, given_compatible, parse_person
from bot.store import Store
from tests.questions.seed import add_article, store_analysis

FOLDS = {
    "Zelensky": ("Zelensky", "Zelenskyy"),
    "Zelenskiy": ("Zelenskiy", "Zelenskyy"),
    "Podolyak": ("Podolyak", "Podoliak"),
    "kh/h": ("Mykhailo", "Myhailo"),
    "diacritics": ("Erdoğan", "Erdogan"),
    "double letters": ("Arakhamiya", "Arakhamia"),
    "possessive": ("Putin's", "Putin"),
}


@pytest.mark.parametrize("a, b", FOLDS.values(), ids=FOLDS.keys())
def test_transliteration_variants_fold_to_one_key(a, b):
    assert fold(a) == fold(b)


PARSED = {
    "title and nationality": ("Russian President Vladimir Putin", "Vladimir Putin", "vladimir", "putin"),
    "title only": ("President Putin", "Putin", "", "putin"),
    "bare surname": ("Putin", "Putin", "", "putin"),
    "initial": ("V. Putin", "V. Putin", "v", "putin"),
}


@pytest.mark.parametrize("name, display, given, surname", PARSED.values(), ids=PARSED.keys())
def test_titles_are_stripped(name, display, given, surname):
    person = parse_person(name)
    assert (person.display, person.given_key, person.surname_key) == (display, given, surname)


def test_given_names_across_languages():
    assert given_compatible(fold("Volodymyr"), fold("Vladimir"))
    assert not given_compatible(fold("Boris"), fold("Ivan"))


async def _link(store, url, *speakers: Speaker, outlet="Outlet") -> dict[str, int]:
    article_id = await add_article(store, url, text=f"text of {url}", outlet=outlet)
    quotes = tuple(Quote("indirect", f"something {n}", 0, 0, s.name, s.role) for n, s in enumerate(speakers))
    return await store_analysis(store, article_id, Analysis(quotes=quotes, speakers=speakers), outlet)


SAME_PERSON = {
    "full name then surname": (Speaker("Vladimir Putin"), Speaker("Putin")),
    "title forms": (Speaker("Russian President Vladimir Putin"), Speaker("President Putin")),
    "surname first, full name later": (Speaker("Putin"), Speaker("Vladimir Putin")),
    "transliteration": (Speaker("Volodymyr Zelenskyy"), Speaker("Zelensky")),
    "transliteration with first name": (Speaker("Mykhailo Podolyak"), Speaker("Mykhailo Podoliak")),
    "language variant of first name": (Speaker("Volodymyr Zelenskiy"), Speaker("Vladimir Zelensky")),
    "initial": (Speaker("Sergey Lavrov"), Speaker("S. Lavrov")),
    "same organisation": (
        Speaker("Ministry of Defence", kind="organisation"),
        Speaker("Ministry of Defence", kind="organisation"),
    ),
}


@pytest.mark.parametrize("first, second", SAME_PERSON.values(), ids=SAME_PERSON.keys())
async def test_one_speaker_across_articles(first, second):
    async with await Store.open(":memory:") as store:
        a = await _link(store, "https://a.example/1", first)
        b = await _link(store, "https://a.example/2", second)
        assert a[first.name] == b[second.name]


DIFFERENT = {
    "different first names": (Speaker("Boris Johnson"), Speaker("Dwayne Johnson")),
    "surname only, clearly different role": (
        Speaker("Boris Johnson", "Prime Minister of Britain"),
        Speaker("Johnson", "American actor"),
    ),
    "unnamed sources are per article": (
        Speaker("a source in the ministry", kind="unnamed"),
        Speaker("a source in the ministry", kind="unnamed"),
    ),
    "organisation is not a person": (Speaker("Putin Foundation", kind="organisation"), Speaker("Putin")),
}


@pytest.mark.parametrize("first, second", DIFFERENT.values(), ids=DIFFERENT.keys())
async def test_different_speakers_stay_apart(first, second):
    async with await Store.open(":memory:") as store:
        a = await _link(store, "https://a.example/1", first)
        b = await _link(store, "https://a.example/2", second)
        assert a[first.name] != b[second.name]


async def test_aliases_and_roles_are_stored_with_the_article():
    async with await Store.open(":memory:") as store:
        ids = await _link(
            store, "https://a.example/1", Speaker("Vladimir Putin", "Russian President", ("Putin", "President Putin"))
        )
        b = await _link(store, "https://a.example/2", Speaker("Putin", "President of Russia"), outlet="Other")
        async with store.db.execute("SELECT alias FROM speaker_aliases WHERE speaker_id = ?", (ids["Putin"],)) as cur:
            aliases = {row[0] for row in await cur.fetchall()}
        async with store.db.execute("SELECT role FROM speaker_roles WHERE speaker_id = ?", (ids["Putin"],)) as cur:
            roles = {row[0] for row in await cur.fetchall()}
        assert b["Putin"] == ids["Vladimir Putin"]
        assert {"Vladimir Putin", "Putin", "President Putin"} <= aliases
        assert roles == {"Russian President", "President of Russia"}


async def test_surname_only_speaker_learns_first_name():
    async with await Store.open(":memory:") as store:
        a = await _link(store, "https://a.example/1", Speaker("Lavrov"))
        await _link(store, "https://a.example/2", Speaker("Sergey Lavrov"))
        async with store.db.execute("SELECT name FROM speakers WHERE id = ?", (a["Lavrov"],)) as cur:
            assert (await cur.fetchone())[0] == "Sergey Lavrov"
