"""Verification of model text against the article: tables of named cases."""

import pytest

from bot.llm.verify import find_violations, normalise, quoted_strings, verify_briefing_text, violation_kind

ARTICLE = """Marenko says troops left Dorvask to open talks

Northland President Viktor Marenko has said that his troops have withdrawn from Dorvask “to open the way for talks” with Southland.

Details: Marenko also accused Southland of allegedly breaking the Lenn accords, but he did not say which clauses specifically.

Quote from Marenko: «Our soldiers have left Dorvask so that talks can begin. The Southland leadership has refused every offer we made.»

Olena Savchuk, the head of the Southland delegation, said that negotiations may resume in September.
Petro Halych, an adviser to President Ruslan Tymko, said Northland's offer was a „trick to regroup“.
"""
ALLOWED = {"War Notes"}

ACCEPTED = {
    "outlet's account with a partial quote": "War Notes reports that Northland President Viktor Marenko said his troops withdrew from Dorvask “to open the way for talks”.",
    "straight double quotes": 'Marenko said his troops left "to open the way for talks".',
    "single curly quotes": "Marenko said the troops left ‘to open the way for talks’.",
    "guillemets in the article, curly in the text": "Marenko said: “Our soldiers have left Dorvask so that talks can begin.”",
    "quote across a sentence end": "“talks can begin. The Southland leadership” is how it reads.",
    "low-high German quotes in article": "Halych called the offer a “trick to regroup”.",
    "comma inside the closing quote": "Marenko said the troops left “to open the way for talks,” War Notes reports.",
    "whitespace differs": "Marenko: “to open   the way\nfor talks”.",
    "apostrophes are not quotes": "War Notes reports on Northland's offer and the soldiers' withdrawal.",
    "scare quotes from the article": "War Notes writes 'allegedly' about Southland's record.",
    "surname alone": "Marenko accused Southland of breaking the Lenn accords.",
    "title with surname the article never pairs": "President Marenko spoke, and so did President Tymko.",
    "sentence-start word the article uses in lower case": "Negotiations may resume in September, according to Savchuk.",
    "sentence-start adverb": "Separately, Olena Savchuk said talks may resume.",
    "function words at sentence start": "The Southland delegation is led by Olena Savchuk. According to War Notes, she spoke.",
    "possessive": "Marenko's troops left Dorvask.",
    "name after colon": "Details: Petro Halych spoke.",
    "no names at all": "the outlet reports that talks may resume.",
}

REJECTED = {
    "fabricated quote": ("Marenko said “we will never negotiate”.", "fabricated_quote"),
    "quote altered by one word": ("Marenko said troops left “to open a way for talks”.", "fabricated_quote"),
    "quote cut from inside a word": ("Marenko said “pen the way”.", "fabricated_quote"),
    "elided quote": ("Marenko said “Our soldiers … refused every offer we made”.", "fabricated_quote"),
    "fabricated single-quoted": ("Marenko said 'victory is near'.", "fabricated_quote"),
    "unpaired quote mark": ('Marenko said "victory is near', "unbalanced_quote"),
    "misspelled speaker": ("Viktor Marenkko said the troops left.", "unknown_name"),
    "misspelled surname alone": ("Marenkko said the troops left.", "unknown_name"),
    "invented person": ("General Ivan Drozd said the troops left.", "unknown_name"),
    "invented person at sentence start": ("Drozd disagreed.", "unknown_name"),
    "real first name, other surname": ("Viktor Savchuk said talks may resume.", "unknown_name"),
    "invented organisation": ("The Kremlin said nothing.", "unknown_name"),
}


@pytest.mark.parametrize("text", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted(text):
    assert find_violations([text], ARTICLE, ALLOWED) == []


@pytest.mark.parametrize(("text", "kind"), REJECTED.values(), ids=REJECTED.keys())
def test_rejected(text, kind):
    violations = find_violations([text], ARTICLE, ALLOWED)
    assert violations, text
    assert violation_kind(violations[0]) == kind


def test_outlet_name_needs_allowing():
    text = "War Notes reports that Marenko spoke."
    assert find_violations([text], ARTICLE, ALLOWED) == []
    assert [violation_kind(v) for v in find_violations([text], ARTICLE, set())] == ["unknown_name"]


def test_violations_name_the_problem():
    assert find_violations(["Ivan Drozd said “victory is near”."], ARTICLE) == [
        "fabricated_quote: “victory is near”",
        "unknown_name: Ivan Drozd",
    ]


def test_quote_ids_must_exist():
    violations = verify_briefing_text(["Marenko spoke."], [], [1, 7], range(1, 4), ARTICLE)
    assert violations == ["unknown_quote_id: 7"]


NORMALISED = {
    "curly doubles": ("“a”", '"a"'),
    "guillemets": ("«a»", '"a"'),
    "curly singles": ("‘a’", "'a'"),
    "dashes and ellipsis": ("a – b — c…", "a - b - c..."),
    "whitespace": (" a \n\t b\u00a0c ", "a b c"),
}


@pytest.mark.parametrize(("raw", "expected"), NORMALISED.values(), ids=NORMALISED.keys())
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_quoted_strings_nested_are_checked_as_the_outer_quote():
    assert quoted_strings("He said “she wrote ‘no’ twice”.") == (["she wrote 'no' twice"], False)
