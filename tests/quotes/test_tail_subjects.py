"""Speakers the tail shape used to miss: an outlet with "the" before its name
("…, the Harbour Gazette reported"). Invented sentences."""

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


def test_a_clause_after_and_is_not_an_outlet_tail():
    text = "The ferry season opened late.\nThe ferry was full, and the crew was tired."
    assert _reported(text) == {}


def test_a_fronted_time_phrase_is_no_tail_content():
    text = (
        "The ferry season opened late.\n"
        "Later in the day, the harbour board said it would cooperate.\n"
        "On Friday evening, Lind said the quay was ready."
    )
    got = _reported(text)
    assert got == {"it would cooperate": "the harbour board", "the quay was ready": "Lind"}
