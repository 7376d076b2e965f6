"""A tail attribution followed by a long scene of time and place ("…, the mayor said on
Monday in a long interview with the harbour radio station in Lund."): the content is
still the clause before the comma. A clause after the cue keeps the old reading.
Invented sentences."""

from __future__ import annotations

from bot.quotes import analyse


def _reported(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in analyse(text).quotes if q.kind == "indirect"}


def test_a_long_time_and_place_after_the_tail_cue():
    text = (
        "The harbour is quiet.\n"
        "The pier will close for a week, the mayor said on Monday in a long interview with the harbour "
        "radio station in Lund."
    )
    assert _reported(text) == {"The pier will close for a week": "the mayor"}


def test_the_scene_is_never_the_content():
    text = "The storm passed.\nThe ferry ran late all week, Ms. Reyes wrote on Friday in a letter to the ferry board."
    got = _reported(text)
    assert got == {"The ferry ran late all week": "Reyes"}


def test_a_clause_after_the_cue_is_no_scene():
    text = (
        "The harbour is quiet.\n"
        "The pier will close for a week, the mayor said on Monday at the harbour office where the crews "
        "were waiting for news."
    )
    assert "The pier will close for a week" not in _reported(text)


def test_the_writers_aside_after_the_scene_is_not_the_content():
    text = (
        "The council voted late.\n"
        "The toll plan is an insult to all ferry workers, union leaders said on Friday afternoon, "
        "as they left the town hall."
    )
    assert _reported(text) == {"The toll plan is an insult to all ferry workers": "union leaders"}
