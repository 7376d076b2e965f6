"""Direct quotes: who said the words inside the marks, for the tail and
lead-in shapes that newspapers use. Invented sentences only."""

from __future__ import annotations

import pytest

from bot.quotes import analyse


def _direct(text):
    return [(q.text, q.speaker) for q in analyse(text).quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # the speaker's noun phrase opens the tail, the cue comes after a long aside
        (
            "“The ferry will run all winter,” the economist Lena Varga, a former adviser to the harbour board, said.",
            "The ferry will run all winter,",
            "Lena Varga",
        ),
        # a party tag between the name and the cue
        (
            "“Subpoenas for the harbour board are not optional,” panel chairman Rep. Tom Ashby (R-Ohio) "
            "said after the vote.",
            "Subpoenas for the harbour board are not optional,",
            "Tom Ashby",
        ),
        # a middle initial and a suffix inside the name
        (
            "“The toll was never meant to last,” Peter K. Holm Jr., the director of the port authority, "
            "said on Monday.",
            "The toll was never meant to last,",
            "Peter K. Holm Jr",
        ),
    ],
)
def test_long_tail_attribution(text, content, speaker):
    assert (content, speaker) in _direct(text)


def test_long_tail_does_not_take_a_later_clause():
    # the name after "that" belongs to another clause, not to the quote
    text = "“Stop the toll now,” was the slogan that the friends of Rep. Tom Ashby (R-Ohio) said was weak."
    assert _direct(text) == []


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        ("“It’s nonsense,” Mayor Ana Ruiz said.", "It’s nonsense,", "Ana Ruiz"),
        ("''Follow us,'' Ms. Lind said, and the boys trailed behind.", "Follow us,", "Lind"),
        # the short first half of an interrupted quote is a record of its own
        ("“For me,” Omar Lind concluded, “the ferry was the heart of the town.”", "For me,", "Omar Lind"),
    ],
)
def test_short_quote_with_tail(text, content, speaker):
    assert (content, speaker) in _direct(text)


def test_short_quote_inside_the_outlets_sentence_is_not_direct():
    assert _direct("He called the plan “Pure theatre,” said Ana Ruiz.") == []


def test_inverted_speaker_with_middle_initial():
    assert _direct("“We are ready for the storm,” said Ann B. Lind, the harbour master.") == [
        ("We are ready for the storm,", "Ann B. Lind")
    ]


@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        ("“Go back to your seat,” Ana Ruiz barked.", "Go back to your seat,", "Ana Ruiz", "barked"),
        ("“The ferry is late again,” Omar Lind shot back.", "The ferry is late again,", "Omar Lind", "shot back"),
        (
            "As Professor Tomas Berg put it: “The harbour belongs to nobody.”",
            "The harbour belongs to nobody.",
            "Tomas Berg",
            "put it",
        ),
        (
            "Ana Ruiz quipped, “The toll is the only thing that runs on time.”",
            "The toll is the only thing that runs on time.",
            "Ana Ruiz",
            "quipped",
        ),
    ],
)
def test_manner_cues_next_to_the_marks(text, content, speaker, cue):
    quotes = [(q.text, q.speaker, q.cue) for q in analyse(text).quotes if q.kind == "direct"]
    assert (content, speaker, cue) in quotes


def test_manner_verb_away_from_marks_reports_nothing():
    assert not analyse("The ice on the harbour cracked after the storm.").quotes


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        ("Ana Ruiz went on to say: “The harbour was closed all week.”", "The harbour was closed all week.", "Ana Ruiz"),
        (
            "Omar Lind stood up at the meeting and joked, “The ferry is the only thing that floats here.”",
            "The ferry is the only thing that floats here.",
            "Omar Lind",
        ),
        ("Omar Lind spoke first. Continued Lind: “The toll has to go.”", "The toll has to go.", "Omar Lind"),
    ],
)
def test_lead_in_speaker_away_from_the_cue(text, content, speaker):
    assert (content, speaker) in _direct(text)


def test_three_apostrophes_close_inner_and_outer_quote():
    text = "''Why did he call it 'a ferry?''' Ms. Lind asked."
    assert _direct(text) == [("Why did he call it 'a ferry?'", "Lind")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“We are not going to close the harbour,” said retired captain Omar Lind, asked about the plan.", "Omar Lind"),
        ("“We are not going to close the harbour,” said the harbour master.", "the harbour master"),
    ],
)
def test_inverted_speaker_after_lowercase_modifiers(text, speaker):
    assert [s for _, s in _direct(text)] == [speaker]


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ("“The harbour has to stay open for the ferries,” the editorial read.", "the editorial", "read"),
        ("“Keep the ferry!” the crowd chanted.", "the crowd", "chanted"),
    ],
)
def test_written_and_crowd_cues_next_to_the_marks(text, speaker, cue):
    assert [(q.speaker, q.cue) for q in analyse(text).quotes if q.kind == "direct"] == [(speaker, cue)]


def test_read_in_running_text_reports_nothing():
    assert not analyse("Ana Ruiz read the letter twice before the meeting.").quotes


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        ("“The harbour will never close.” ― Carla Mendes", "The harbour will never close.", "Carla Mendes"),
        (
            "Readers wrote in.\n\n“The ferry is the best thing about this town.”\n\n- Omar Lind, Bergen.\n",
            "The ferry is the best thing about this town.",
            "Omar Lind",
        ),
        (
            "Rep. Tom Ashby (R-Ohio): “I have not heard a single reason to close the harbour.”",
            "I have not heard a single reason to close the harbour.",
            "Tom Ashby",
        ),
    ],
)
def test_dash_signature_and_name_label(text, content, speaker):
    assert (content, speaker) in _direct(text)


def test_dash_before_a_clause_is_no_signature():
    quotes = analyse("“The toll is a disgrace” - Ana Ruiz said it again on Monday.").quotes
    assert all(q.cue != "-" for q in quotes)


def test_lead_in_subject_of_a_long_sentence():
    text = (
        "Omar Lind stood up at the end of the long meeting in the old harbour office on Monday night, "
        "after the vote on the new ferry timetable had been postponed twice, and later said, "
        "“The toll must go.”"
    )
    assert ("The toll must go.", "Omar Lind") in _direct(text)


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        ("The mayor waved and a man yelled “Stay there!”", "Stay there!", "a man"),
        ("Fans chanted “Lind!” all night.", "Lind!", "Fans"),
    ],
)
def test_shout_right_before_the_marks(text, content, speaker):
    assert (content, speaker) in _direct(text)


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "FERRY POLLS MISSED THE MARK - Ana Ruiz: “Although the polls failed, they came close.”",
            "Although the polls failed, they came close.",
            "Ana Ruiz",
        ),
        (
            "The surge does not surprise harbour pollster Omar Lind: “Smaller ports always gain late.”",
            "Smaller ports always gain late.",
            "Omar Lind",
        ),
    ],
)
def test_name_before_the_colon(text, content, speaker):
    assert (content, speaker) in _direct(text)


def test_name_after_a_preposition_before_the_colon_is_no_speaker():
    text = "Here is the news about Omar Lind: “The ferry has been sold.”"
    assert all(s != "Omar Lind" for _, s in _direct(text))


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "“We have to look at the ferry schedule again,” the newly elected harbour master told reporters.",
            "We have to look at the ferry schedule again,",
            "the newly elected harbour master",
        ),
        (
            "“Blink twice if the ferry is late!” one passenger tweeted.",
            "Blink twice if the ferry is late!",
            "one passenger",
        ),
        (
            "“Tolls are not the answer,” Omar Lind of the Harbour Policy Institute wrote.",
            "Tolls are not the answer,",
            "Omar Lind",
        ),
    ],
)
def test_noun_phrase_tail(text, content, speaker):
    assert (content, speaker) in _direct(text)


def test_answers_and_started_next_to_the_marks():
    assert _direct("“Only two things changed,” Omar Lind answers.") == [("Only two things changed,", "Omar Lind")]
    assert _direct("“The ferry is late again,” Ana Ruiz started.") == [("The ferry is late again,", "Ana Ruiz")]
    assert not analyse("Ana Ruiz started the ferry engine at dawn.").quotes


@pytest.mark.parametrize(
    "name",
    [
        "Ram\u00c3\u00b3n Lind",  # a UTF-8 name read as Latin-1 ("Ramón")
        "Jose\u0301 Ruiz",  # an accent written as a separate combining mark
        "Ram\u00c3\u0083\u00c2\u00b3n Lind",  # mis-decoded twice, with a C1 control character
    ],
)
def test_speaker_with_odd_encoded_name(name):
    text = f"“The ferry has to keep running,” {name} added."
    assert _direct(text) == [("The ferry has to keep running,", name)]


def test_statement_lead_in_paragraph():
    text = (
        "When the ferry sank, Mayor Ana Ruiz released the following statement:\n\n"
        "“We offer our condolences to the families of the crew.”\n"
    )
    assert _direct(text) == [("We offer our condolences to the families of the crew.", "Ana Ruiz")]
