"""A sentence opened by a participle of saying ("Noting that …, the mayor said …") and
a told-cue after a quotation whose clause opens with "that" after the listener.
Invented sentences, one shape each."""

from __future__ import annotations

from bot.quotes import analyse


def _reported(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {q.text: (q.speaker, q.cue) for q in analyse(text).quotes if q.kind == "indirect"}


def test_a_leading_participle_reports_its_clause_for_the_subject_after_the_comma():
    text = (
        "The ferry board met on Monday.\n"
        "Noting that the night ferry had been late twice this week, the mayor said the timetable would change."
    )
    got = _reported(text)
    assert got["the night ferry had been late twice this week"] == ("the mayor", "Noting")
    assert got["the timetable would change"] == ("the mayor", "said")
    # the participle's clause is no tail of "said"
    assert not any(content.startswith("Noting") for content in got)


def test_a_leading_participle_with_a_noun_phrase_and_a_named_subject():
    text = "The pier stays shut.\nCiting the storm damage to the east wall, Ms. Dana Reyes closed the pier."
    assert _reported(text) == {"the storm damage to the east wall": ("Dana Reyes", "Citing")}


def test_a_gerund_subject_is_not_a_leading_participle():
    text = "The paper is small.\nCiting anonymous sources is something the harbour paper rarely does."
    assert _reported(text) == {}


def test_a_quoted_phrase_after_the_leading_participle_and_the_told_clause_after_it():
    text = (
        "The regatta was called off.\n"
        "Citing “storms in the north,” the club’s secretary told the Gazette that the race would move to June."
    )
    got = _reported(text)
    assert got["the race would move to June"] == ("the club’s secretary", "told")
    assert got["“storms in the north,”"] == ("the club’s secretary", "Citing")


def test_told_after_a_quote_with_a_listener_then_that():
    text = "“We are worried,” the skippers told the council on Friday that the new toll would ruin them."
    assert _reported(text)["the new toll would ruin them"] == ("the skippers", "told")


def test_that_after_the_listener_opening_a_relative_clause_is_no_content():
    text = "“We need a new pier,” Mayor Lind told a crowd on the quay that filled the whole square."
    assert "filled the whole square" not in " ".join(_reported(text))


def test_that_after_another_cue_is_that_cues_clause_not_the_first_speakers():
    text = "“The ferry was never late,” Reyes wrote after the mayor argued at a meeting that the timetable had failed."
    got = _reported(text)
    assert got.get("the timetable had failed", (None, None))[0] != "Reyes"


def test_a_participle_after_a_long_quotation_is_the_speaker_whose_cue_opened_it():
    text = (
        "The ferry company reported its results.\n"
        'In a statement, the company said: "The night line was a great success from the day it opened '
        'to the public in the old harbour," adding that its takings doubled in less than a year.'
    )
    assert _reported(text)["its takings doubled in less than a year"] == ("the company", "adding")


def test_a_participle_after_a_quotation_with_no_cue_before_it_reads_nothing():
    text = "The ferry company reported its results.\n“The night line was a success,” adding that its takings doubled."
    assert "its takings doubled" not in _reported(text)
