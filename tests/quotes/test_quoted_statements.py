"""Quoted words as statements: which quotes are one statement, which a new one, and
who signs a quote a dash closes. Invented articles only."""

from __future__ import annotations

from bot.quotes import analyse


def _records(text):
    return [(q.kind, q.text, q.speaker, q.attribution) for q in analyse(text).quotes]


def test_quote_after_a_plain_tail_goes_on_with_the_first():
    text = "“The quay will open in May,” harbour master Ines Holt said. “The cranes are already here.”"
    assert _records(text) == [
        ("direct", "The quay will open in May,", "Ines Holt", 0),
        ("direct", "The cranes are already here.", "Ines Holt", 0),
    ]


def test_quote_led_in_by_adding_is_a_second_statement_of_the_same_speaker():
    text = "“The quay will open in May,” harbour master Ines Holt said, adding, “The cranes are already here.”"
    assert _records(text) == [
        ("direct", "The quay will open in May,", "Ines Holt", 0),
        ("direct", "The cranes are already here.", "Ines Holt", 1),
    ]


def test_quote_after_a_cue_and_a_colon_is_a_second_statement():
    text = (
        "“The quay will open in May,” Ines Holt told the council on Monday, "
        "and then predicted: “Freight will double within a year.”"
    )
    records = _records(text)
    assert ("direct", "Freight will double within a year.", "Ines Holt", 1) in records
    assert ("direct", "The quay will open in May,", "Ines Holt", 0) in records


def test_a_cue_in_the_middle_of_the_outlets_clause_leaves_the_next_quote_with_the_first():
    text = (
        "“The quay will open in May,” Ines Holt said, noting that the cranes had arrived by sea. "
        "“We are ready for the first ships.”"
    )
    directs = [r for r in _records(text) if r[0] == "direct"]
    assert [r[3] for r in directs] == [0, 0]


def test_dash_signature_after_a_no_break_space_names_the_reader():
    text = (
        "Readers told us what the ferry cuts mean to them.\n"
        "“The last boat now leaves at six, so I lose an hour of work every day.”\u00a0―\u00a0Marta Lindqvist\u00a0\n"
        "“Nobody on the island was asked before the timetable changed.” ―\u00a0Jonas Berg.\n"
    )
    records = _records(text)
    assert [(r[1][:12], r[2]) for r in records if r[0] == "direct"] == [
        ("The last boa", "Marta Lindqvist"),
        ("Nobody on th", "Jonas Berg"),
    ]


def test_tail_speaker_described_by_whose_role_they_hold():
    text = "“The tender was rigged from the start,” the mayor’s former chief of staff said on Tuesday."
    assert [(r[0], r[2]) for r in _records(text)] == [("direct", "the mayor’s former chief of staff")]
    text = "“The tender was rigged from the start,” Ruiz’s former campaign manager said on Tuesday."
    assert [(r[0], r[2]) for r in _records(text)] == [("direct", "Ruiz’s former campaign manager")]


def test_tail_speaker_opened_by_this():
    text = "“The harbour has never looked busier,” this correspondent wrote from the quay."
    assert [(r[0], r[2]) for r in _records(text)] == [("direct", "this correspondent")]


def test_shouted_and_sung_words_next_to_the_marks_are_quotes():
    shouted = "“Open the gates!” the dock foreman yells as the first lorry pulls up."
    sung = "“Row, row, row your boat,” Ana Ruiz sings to the children on the ferry."
    assert [(r[0], r[2]) for r in _records(shouted)] == [("direct", "the dock foreman")]
    assert [(r[0], r[2]) for r in _records(sung)] == [("direct", "Ana Ruiz")]


def test_colon_lead_in_whose_subject_is_a_noun_phrase_the_speaker_reader_does_not_take():
    board = "After a week of hearings, the Harbour Licensing Board was blunt in its ruling: “The permit is void.”"
    letter = "Ruiz’s letter makes a plain case: “The ferry must run on Sundays.”"
    columnist = "The Gazette shipping columnist Ana Ruiz went so far as to write: “The port is finished.”"
    pronoun = "But back at the quay, she returned to her old theme: “We need a second crane.”"
    assert [(r[0], r[2]) for r in _records(board)] == [("direct", "the Harbour Licensing Board")]
    assert [(r[0], r[2]) for r in _records(letter)] == [("direct", "Ruiz’s letter")]
    assert [(r[0], r[2]) for r in _records(columnist)][-1] == ("direct", "The Gazette shipping columnist Ana Ruiz")
    assert [r[0] for r in _records(pronoun)] == ["direct"]


def test_colon_lead_in_about_a_thing_names_no_speaker():
    for text in ("The answer is simple: “Build the crane.”", "The problem was this: “Nobody paid the pilots.”"):
        assert [r for r in _records(text) if r[2]] == []


def test_participle_lead_in_after_a_time_opener_is_the_subjects_quote():
    text = (
        "The ferry board met for two hours on Monday.\n\n"
        "Hours later, Ana Ruiz toured the quay, telling reporters, “We will rebuild every berth before winter.”"
    )
    assert [(r[0], r[2]) for r in _records(text) if r[0] == "direct"] == [("direct", "Ana Ruiz")]


def test_quoted_words_a_speech_verb_takes_as_its_object_are_the_subjects_partial_quote():
    text = "Ana Ruiz promised on Sunday at a harbour rally to end “the wasteful two-tier ticket system for islanders.”"
    records = _records(text)
    assert ("partial", "the wasteful two-tier ticket system for islanders", "Ana Ruiz") in [r[:3] for r in records]


def test_a_title_after_a_preposition_is_no_partial_quote():
    title = "Ana Ruiz said on the harbour radio's “Morning Tide With Jonas Berg And Friends” that fares would fall."
    assert [r for r in _records(title) if r[0] == "partial"] == []
