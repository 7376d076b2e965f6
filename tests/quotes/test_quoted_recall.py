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


def test_quote_opening_the_sentence_after_a_report_backs_it_up_in_the_speakers_words():
    text = "The ferry board met on Monday. Ines Holt said the fare was too high. “We will keep asking for a cut.”"
    assert _records(text) == [
        ("indirect", "the fare was too high", "Ines Holt", 0),
        ("direct", "We will keep asking for a cut.", "Ines Holt", 0),
    ]


def test_quote_after_a_report_ending_in_a_partial_quote_goes_on_with_it():
    text = "Ines Holt said the fare was “still too high.” “We will keep asking for a cut.”"
    assert ("direct", "We will keep asking for a cut.", "Ines Holt", 0) in _records(text)


def test_quote_after_a_stance_or_in_the_next_paragraph_is_nobodys():
    # a wish is no statement to go on with; a new paragraph may be someone else's words
    stance = "Ines Holt wants a cheaper fare. “We will keep asking for a cut.”"
    next_paragraph = "Ines Holt said the fare was too high.\n\n“We will keep asking for a cut.”"
    for text in (stance, next_paragraph):
        assert [r for r in _records(text) if r[0] == "direct"] == []


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


def test_an_objects_quoted_relative_clause_stays_whole():
    # the quoted words are the speaker's own: "who" inside the marks ends nothing
    text = "The port opened. Ana Ruiz endorsed eight council candidates “who embody the spirit of our harbour.”"
    assert _records(text)[0] == (
        "indirect",
        "eight council candidates “who embody the spirit of our harbour.”",
        "Ana Ruiz",
        0,
    )


def test_an_objects_unquoted_relative_clause_still_ends_it():
    text = "The port opened. Ana Ruiz endorsed eight council candidates who live on the quay."
    assert _records(text)[0][:2] == ("indirect", "eight council candidates")


def test_tail_speaker_with_a_long_institution_name():
    text = (
        "The survey closed on Monday.\n\n"
        "“Building a new harbour wall would be a stretch for the council,” "
        "Jeffrey Holm of the James Ward Center for Coastal Studies wrote in December."
    )
    assert _records(text) == [
        ("direct", "Building a new harbour wall would be a stretch for the council,", "Jeffrey Holm", 0)
    ]


def test_tail_noun_phrase_running_past_a_lowercase_for_is_no_speaker():
    text = "“The wall will hold,” the engineer who worked for years on the old pier wrote."
    assert [r for r in _records(text) if r[0] == "direct" and r[2]] == []


def test_a_weak_cue_word_in_the_object_of_said_is_not_the_lead_ins_cue():
    # "plan" is a noun here: the speaker is who said it, not "the harbour"
    text = "The port opened. Ana Ruiz said of the harbour plan, “It is the best deal we could get.”"
    assert _records(text) == [("direct", "It is the best deal we could get.", "Ana Ruiz", 0)]


def test_quote_after_a_partial_in_the_tail_of_a_direct_quote_goes_on_with_the_quote():
    text = (
        "The port board met.\n\n"
        "“Everything is on the table,” Ana Ruiz told the paper, hinting that “personnel changes” could come. "
        "“Every single berth is on the table.”"
    )
    direct = [(r[1], r[2], r[3]) for r in _records(text) if r[0] == "direct"]
    assert direct == [
        ("Everything is on the table,", "Ana Ruiz", 0),
        ("Every single berth is on the table.", "Ana Ruiz", 0),
    ]
