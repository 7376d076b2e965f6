"""A second verb of saying joined by "and"/"but" to a first one whose subject is a name
with an appositive ("The chair of the ferry board, Ina Berg, praised … and said …"):
both are that speaker's. Invented sentences."""

from __future__ import annotations

from bot.quotes import analyse


def _reported(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {q.text: (q.speaker, q.cue) for q in analyse(text).quotes if q.kind == "indirect"}


def test_and_said_after_a_named_subject_with_an_appositive():
    text = (
        "The ferry board met in Lund.\n"
        "The chair of the ferry board, Ina Berg, praised the crews in a letter to members "
        "and said the winter timetable would start in October."
    )
    got = _reported(text)
    assert got["the winter timetable would start in October"] == ("Ina Berg", "said")


def test_but_said_after_told_keeps_the_speaker_of_told():
    text = (
        "The port reopened.\n"
        "The head of the pilots, Omar Lind, told the Gazette the channel was clear but said the night crossings "
        "would wait until spring."
    )
    got = _reported(text)
    assert got["the night crossings would wait until spring"] == ("Omar Lind", "said")


def test_a_clause_with_its_own_subject_between_the_cues_breaks_the_chain():
    text = (
        "The pier is closed.\n"
        "The harbour master, Ina Berg, told the Gazette that the pier was safe, but the skippers doubted it "
        "and said the ferry would stay in port."
    )
    got = _reported(text)
    assert got.get("the ferry would stay in port", (None, None))[0] != "Ina Berg"


def test_a_deed_after_and_is_not_read_as_words():
    text = "The pier is safe.\nThe board's chair, Ina Berg, told the Gazette the pier was safe and decided to open it."
    assert "to open it" not in _reported(text)
