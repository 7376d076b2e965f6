""" "according to X" after the content with an aside about X, or after a dash.
Invented sentences, one shape each."""

from __future__ import annotations

from bot.quotes import analyse


def _reported(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in analyse(text).quotes if q.kind == "indirect"}


def test_an_aside_about_the_source_after_a_subordinate_and_main_clause():
    text = (
        "Sailors are trained every spring.\n"
        "If the drills are run by the crews themselves, they halve the accidents at sea, "
        "according to Dana Reyes, head of the Lund Maritime Institute."
    )
    got = _reported(text)
    assert got == {"If the drills are run by the crews themselves, they halve the accidents at sea": "Dana Reyes"}


def test_a_main_clause_after_the_source_is_still_the_content():
    text = "The letters were read.\nWhile most letters were private, according to the clerk, two went to the Gazette."
    assert _reported(text) == {"two went to the Gazette": "the clerk"}


def test_a_dash_before_according_to_at_the_sentence_end():
    text = "The report came out.\nMore than half of the harbour figures are wrong — according to the port's auditors."
    assert _reported(text) == {"More than half of the harbour figures are wrong": "the port's auditors"}


def test_according_to_between_dashes_is_an_aside_not_a_tail():
    text = (
        "The board met.\n"
        "The mayor blamed the storm for the delay while — according to letters read at the meeting — "
        "knowing the pier had been unsafe for years."
    )
    got = _reported(text)
    assert not any(content.startswith("The mayor blamed") and who != "The mayor" for content, who in got.items())
