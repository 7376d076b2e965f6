"""Quoted words the engine used to miss or mis-bound: the shapes that recur across outlets.
Invented sentences only."""

from __future__ import annotations

from bot.quotes import analyse


def _records(text):
    return [(q.kind, q.text, q.speaker, q.attribution) for q in analyse(text).quotes]


def test_quote_after_a_partial_with_an_inverted_tail_goes_on_with_it():
    text = (
        "The ferry fare “is still too high for families,” said Ines Holt, who chairs the users' panel. "
        "“We will keep asking for a cut.”"
    )
    records = _records(text)
    assert ("direct", "We will keep asking for a cut.", "Ines Holt", 0) in records
    assert {r[3] for r in records} == {0}


def test_quote_after_a_partial_in_a_clause_with_a_lead_speaker_is_not_taken():
    # the speaker opens the clause ("Holt said …"): the next quote may be anyone's
    text = "Ines Holt said the fare was “still too high.” “We will keep asking for a cut.”"
    assert [r for r in _records(text) if r[1] == "We will keep asking for a cut."] == []


def test_participle_lead_in_with_a_comma_is_the_sentence_subjects_quote():
    text = "Council leader Ana Ruiz toured the quay on Monday, saying, “We will rebuild every berth before winter.”"
    assert _records(text) == [("direct", "We will rebuild every berth before winter.", "Ana Ruiz", 0)]


def test_participle_lead_in_without_a_subject_names_nobody():
    text = "After the storm, saying, “We will rebuild every berth before winter.”"
    assert [r for r in _records(text) if r[2]] == []


def test_report_ends_with_the_quote_its_comma_closes_and_the_added_words_are_another():
    text = "Harbour master Ines Holt said the new toll was “a fair price,” adding that the ferry would run twice a day."
    assert _records(text) == [
        ("indirect", "the new toll was “a fair price,”", "Ines Holt", 0),
        ("partial", "a fair price", "Ines Holt", 0),
        ("indirect", "the ferry would run twice a day", "Ines Holt", 1),
    ]


def test_report_ends_before_the_outlets_own_clause_after_the_quote():
    text = "Ana Ruiz said the fishing quota was “a disgrace,” which angered the trawler owners."
    assert _records(text)[0] == ("indirect", "the fishing quota was “a disgrace,”", "Ana Ruiz", 0)


def test_second_verb_of_the_same_speaker_after_the_quote():
    text = "Ana Ruiz told the council the plan was “not ready yet,” and later said she would vote against it."
    records = _records(text)
    assert records[0] == ("indirect", "the plan was “not ready yet,”", "Ana Ruiz", 0)
    assert ("indirect", "she would vote against it", "Ana Ruiz", 1) in records


def test_words_that_go_on_with_the_report_after_the_quote_stay_in_it():
    text = "Ana Ruiz said the quota was “too low,” compared to what other ports receive."
    assert _records(text)[0] == (
        "indirect",
        "the quota was “too low,” compared to what other ports receive",
        "Ana Ruiz",
        0,
    )
