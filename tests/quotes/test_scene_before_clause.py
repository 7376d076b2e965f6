"""A scene between the cue and a clause without "that" ("said after the meeting he would
…"): the clause is the content once a pronoun subject and its auxiliary open it; a
clause inside the scene ("said after the board announced it was …") is not read so.
Invented sentences."""

from __future__ import annotations

from bot.quotes import analyse


def _reported(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {q.text: (q.speaker, q.cue) for q in analyse(text).quotes if q.kind == "indirect"}


def test_a_scene_then_a_pronoun_clause():
    text = "The talks ended.\nThe mayor said after the meeting he would not accept the board's offer."
    assert _reported(text) == {"he would not accept the board's offer": ("The mayor", "said")}


def test_a_place_then_a_pronoun_clause():
    text = "The campaign went on.\nMs. Reyes said at a rally in Lund they had raised the toll twice."
    assert _reported(text) == {"they had raised the toll twice": ("Reyes", "said")}


def test_a_clause_with_its_own_cue_in_the_scene_keeps_its_speaker():
    text = "The bakery closed.\nThe mayor said in August after the company announced it was moving the ovens to Lund."
    got = _reported(text)
    assert got.get("it was moving the ovens to Lund", (None, None))[1] != "said"
