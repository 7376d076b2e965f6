"""A surname is expanded to a full name the article gives, never to a run with a
heading's or sentence's opening word glued on ("Is Lind", "Endorsed Varga")."""

from __future__ import annotations

from bot.quotes import analyse


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in analyse(text).quotes]


def test_a_question_word_opening_a_sentence_is_no_first_name():
    text = (
        "Why Lind lost the farm towns is no mystery. That is why the mayor stayed home.\n\n"
        "Lind said the harvest decided the race."
    )
    assert _speakers(text) == ["Lind"]


def test_a_question_word_opening_a_heading_is_no_first_name():
    text = (
        "Is Lind Finally Winning Over the Farm Towns?\n\n"
        "The senator is courting voters who is said to doubt him.\n\n"
        "Lind said the harvest would decide the race."
    )
    assert _speakers(text) == ["Lind"]


def test_a_verb_opening_a_sentence_is_not_glued_to_the_surname():
    text = (
        "The union endorsed a candidate on Monday. Endorsed Varga supporters cheered in the hall. "
        "The mayor, Paula Varga, came late.\n\n"
        "Varga said the endorsement would carry her."
    )
    assert _speakers(text)[-1] == "Paula Varga"


def test_a_heading_run_the_body_never_gives_is_no_full_name():
    text = "Understated Ortiz Takes the Stage\n\nOrtiz said the plan was understated on purpose."
    assert _speakers(text) == ["Ortiz"]


def test_a_first_name_that_is_also_a_word_stays_at_a_sentence_start():
    text = (
        "The bill passed the house on Friday. Bill Carver watched from the gallery.\n\n"
        "Carver said the bill was overdue."
    )
    assert _speakers(text) == ["Bill Carver"]


def test_a_run_the_body_writes_mid_sentence_keeps_its_first_word():
    text = (
        "Will Rossi spoke first. Voters will decide, and the crowd cheered when Will Rossi arrived.\n\n"
        "Rossi said the vote was close."
    )
    assert _speakers(text) == ["Will Rossi"]


def test_a_surname_before_the_son_comes_in_is_not_the_son():
    text = (
        "Mr. Hale said the campaign was united.\n\n"
        "Later, his son, Arthur Hale Jr, spoke to the delegates about the family."
    )
    assert _speakers(text)[0] == "Hale"


def test_a_verb_form_opening_a_headline_gives_way_to_the_body_name():
    text = (
        "Understated Ortiz raises her profile.\n\n"
        "Before the vote, Mayor Lena Ortiz toured the harbour.\n\n"
        "Ortiz said the harbour needed dredging."
    )
    assert _speakers(text)[-1] == "Lena Ortiz"
