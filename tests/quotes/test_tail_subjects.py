"""Speakers the tail and participle shapes used to miss: an outlet with "the" before
its name ("…, the Harbour Gazette reported") and a subject whose verb is an irregular
past ("The mayor left the hall, saying …"). Invented sentences."""

from __future__ import annotations

from bot.quotes import analyse


def _reported(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in analyse(text).quotes if q.kind == "indirect"}


def test_an_outlet_with_the_before_its_name_reports_the_tail():
    text = (
        "The ferry season opened late.\n"
        "The night ferry carried forty passengers, the Harbour Gazette reported.\n"
        "The crossing took two hours longer than usual, the AP said on Monday."
    )
    got = _reported(text)
    assert got["The night ferry carried forty passengers"] == "Harbour Gazette"
    assert got["The crossing took two hours longer than usual"] == "AP"


def test_an_irregular_past_ends_the_subject_of_a_participle():
    text = (
        "The board met on Monday.\n"
        "The harbour master left the hall early, saying the toll would be cut in the spring.\n"
        "The union's lawyer went further, arguing that the toll broke the port charter."
    )
    got = _reported(text)
    assert got["the toll would be cut in the spring"] == "The harbour master"
    assert got["the toll broke the port charter"] == "The union's lawyer"


def test_a_clause_after_and_is_not_an_outlet_tail():
    text = "The ferry season opened late.\nThe ferry was full, and the crew was tired."
    assert _reported(text) == {}
