"""Reported speech in an object relative clause ("the toll, which critics say is
unfair"): the claim is the clause after the cue, the speaker the subject between the
pronoun and the cue. Invented sentences in the style of the seed article."""

from __future__ import annotations

from bot.quotes import analyse


def _reported(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in analyse(text).quotes if q.kind == "indirect"}


def test_the_subject_between_which_and_the_cue_speaks():
    text = "The board met on Monday.\nThe board kept the new toll, which skippers say is unfair to the smallest boats."
    assert _reported(text)["is unfair to the smallest boats"] == "skippers"


def test_a_comma_closes_the_relative_clause():
    text = "The board met.\nThe new toll, which the ferry union says was rushed through, cost the mayor her seat."
    assert _reported(text)["was rushed through"] == "the ferry union"


def test_that_and_what_open_the_clause_too():
    text = (
        "The board met on Monday.\n"
        "Dredging is the kind of work that harbour engineers say is overdue in most ports.\n"
        "The port has spent heavily on what its auditors said was a growing demand for berths."
    )
    got = _reported(text)
    assert got["is overdue in most ports"] == "harbour engineers"
    assert got["was a growing demand for berths"] == "its auditors"


def test_a_pronoun_subject_leaves_the_claim_unattributed():
    text = "Mayor Dana Lind spoke first.\nOmar Reyes praised the old toll, which he said had kept the quay open."
    assert _reported(text)["had kept the quay open"] is None


def test_that_before_a_full_clause_is_no_relative_clause():
    text = "The board met on Monday.\nLind said that the skippers say the toll is unfair."
    assert "is unfair" not in _reported(text)
