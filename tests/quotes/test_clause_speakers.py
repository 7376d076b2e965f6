"""Speakers that ran over a clause (issue 12): the subject reader walked back from a cue
over the verb of another clause and named "The ferry company runs a pier in Lund and"
or "critics" together with who rebuked them. A speaker names who spoke and nothing they
did; when the subject cannot be read cleanly it stays unnamed."""

from __future__ import annotations

from bot.quotes import analyse


def _speaker_of(text: str, words: str) -> str | None:
    hits = [q.speaker for q in analyse(text).quotes if words in q.text]
    assert hits, f"no quote holds {words!r}"
    return hits[0]


def test_two_verbs_joined_by_and_share_the_first_verbs_subject():
    text = "The ferry company runs a pier in Lund and says the fares will rise in June."
    assert _speaker_of(text, "the fares will rise") == "The ferry company"


def test_a_subject_is_not_run_over_the_verb_of_the_clause_before():
    text = "Harbour Master Ines Berg passionately rebuked critics who say the new pier is unsafe."
    assert _speaker_of(text, "the new pier is unsafe") != "Harbour Master Ines Berg passionately rebuked critics"
    assert all("rebuked" not in (q.speaker or "") for q in analyse(text).quotes)


def test_a_word_linking_sentences_is_not_part_of_the_speaker():
    text = "The port needs money.\nThen someone asked how the board would pay for the new cranes."
    assert _speaker_of(text, "how the board would pay") == "someone"


def test_a_subordinator_ends_the_noun_phrase_before_it():
    text = "The port board backs the plan although history shows that such piers rarely pay."
    assert _speaker_of(text, "such piers rarely pay") == "history"


def test_a_plural_noun_before_of_is_no_verb():
    text = "The families of the crew say the fares will rise."
    assert _speaker_of(text, "the fares will rise") == "The families of the crew"


def test_a_verb_with_its_object_then_and_says_names_the_first_subject():
    text = "The ferry company owns the pier and says the fares will rise in June."
    assert _speaker_of(text, "the fares will rise") == "The ferry company"
