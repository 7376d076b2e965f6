"""Reported speech the rules used to miss where the cue is plainly a verb of saying:
a title before the speaker of a tail ("…, Ms. Reyes said"), an adverb between
speaker and cue ("now says"), a participle after "while", and the writer's own
addition after "according to X,". Invented sentences, one shape each."""

from __future__ import annotations

from bot.quotes import analyse


def _reported(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in analyse(text).quotes if q.kind == "indirect"}


def test_a_tail_whose_speaker_has_a_title_before_the_name():
    text = (
        "The harbour board met on Monday.\n"
        "Several of the skippers were not pleased with the new toll, Ms. Reyes said.\n"
        "The dredging will start before the spring floods, Port Secretary Omar Lind told reporters."
    )
    got = _reported(text)
    assert got["Several of the skippers were not pleased with the new toll"] == "Reyes"
    assert got["The dredging will start before the spring floods"] == "Omar Lind"


def test_a_speaker_with_a_title_in_the_middle_of_the_content_is_not_part_of_it():
    text = "The board met late.\nLike the last rise, Mr. Lind said, the new toll was entirely unfair to the ferries."
    got = _reported(text)
    assert got == {"Like the last rise … the new toll was entirely unfair to the ferries": "Lind"}


def test_an_appositive_with_a_title_is_not_a_tail():
    text = "The port has a new master.\nThe board's new chair, Harbour Gov. Dana Reyes, plans to publish the accounts."
    assert "The board's new chair" not in _reported(text)


def test_an_adverb_between_the_speaker_and_the_cue():
    text = (
        "The ferry strike is in its third week.\n"
        "Walker now says he is being kept off the quay at several ports.\n"
        "The union has twice complained that the night shifts are unsafe."
    )
    got = _reported(text)
    assert got["he is being kept off the quay at several ports"] == "Walker"
    assert got["the night shifts are unsafe"] == "The union"


def test_a_speech_participle_after_while_belongs_to_the_sentence_subject():
    text = "The talks went on.\nWhile saying that he respects the mayor, Lind continued to criticise the toll."
    assert _reported(text)["he respects the mayor"] == "Lind"


def test_a_deed_after_while_is_not_read_as_words():
    text = "The party lost two seats.\nThe Greens held most of their wards while adding seats in the harbour district."
    assert _reported(text) == {}


def test_the_writers_addition_after_according_to_is_not_the_content():
    text = (
        "The race for mayor is close.\n"
        "Reyes holds a ten-point lead in the harbour wards, according to an average of polls, "
        "where most of the votes will be cast."
    )
    assert _reported(text) == {"Reyes holds a ten-point lead in the harbour wards": "an average of polls"}


def test_a_participle_after_a_comma_belongs_to_the_whole_opening_noun_phrase():
    text = (
        "The ferry dispute went to court.\n"
        "In May, a district judge sided with the ferry owners, saying the toll broke the charter.\n"
        "The nurse on the night ferry later sued, claiming the quarantine violated her rights.\n"
        "The families of the founders had mobilized, warning that the merger would ruin the yard."
    )
    got = _reported(text)
    assert got["the toll broke the charter"] == "a district judge"
    assert got["the quarantine violated her rights"] == "The nurse on the night ferry"
    assert got["the merger would ruin the yard"] == "The families of the founders"


def test_a_participle_after_a_second_clause_is_not_the_first_subjects():
    text = (
        "The arrest was filmed.\n"
        "At this point, the camera is facing the ground, and she becomes upset, shouting at the officers."
    )
    assert "the camera" not in [who.lower() for who in _reported(text).values() if who]


def test_a_second_verb_of_saying_after_and_with_its_auxiliaries():
    text = (
        "The toll is back on the agenda.\n"
        "The harbour master describes himself as a friend of the ferries and has since said that the toll will stay.\n"
        "A spokesman for Mayor Dana Reyes of Harwick defended the route and said the police had trained for months."
    )
    got = _reported(text)
    assert got["the toll will stay"] == "The harbour master"
    assert got["the police had trained for months"] == "A spokesman for Mayor Dana Reyes of Harwick"
