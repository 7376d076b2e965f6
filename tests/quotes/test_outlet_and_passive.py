"""Reported-speech records that would show a wrong statement: a speech verb in the passive
with no clause after it, and the outlet's own notes on its story (invented sentences)."""

from __future__ import annotations

import pytest

from bot.quotes import analyse


def _indirect(text):
    return [q for q in analyse(text).quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    "text",
    [
        "The ferry captain was dismissed on Monday as head of the harbour crew.",
        "Eastport's old pier has been described as the finest in the county.",
        "The new toll was announced as part of the spring budget for the port.",
        "The mayor was widely criticized over the toll.",
    ],
)
def test_a_passive_speech_verb_with_no_clause_reports_nothing(text):
    assert _indirect(text) == []


def test_a_passive_with_a_clause_still_reports():
    qs = _indirect("The harbour master was told that the pier would close in May.")
    assert [q.text for q in qs] == ["the pier would close in May"]


def test_the_same_verb_in_the_active_still_reports():
    qs = _indirect("Ines Okafor has criticized the toll for months.")
    assert [(q.text, q.speaker) for q in qs] == [("the toll for months", "Ines Okafor")]


@pytest.mark.parametrize(
    "note",
    [
        "Editor’s note: The mayor has repeatedly promised to close the old pier to cars.",
        "Correction: An earlier version of this story said the ferry board had voted to raise fares.",
    ],
)
def test_the_outlets_own_note_reports_nothing(note):
    text = f"The vote on the harbour toll is on Friday.\n\n{note}\n"
    assert _indirect(text) == []


def test_a_line_that_only_starts_with_correction_is_the_article():
    text = "Corrections officers said the new wing would open in June.\n"
    assert [q.text for q in _indirect(text)] == ["the new wing would open in June"]
