"""Quoted words that complete a cue: an infinitive a speaker promised in their own words,
a name given in quotation marks. Invented sentences only."""

from __future__ import annotations

from bot.quotes import analyse


def _records(text):
    return [(q.kind, q.text, q.speaker, q.attribution) for q in analyse(text).quotes]


def test_promise_whose_infinitive_opens_a_quote_reports_the_infinitive():
    text = "Harbour master Ines Holt vowed to “dredge the old channel before the spring tides.”"
    assert _records(text) == [
        ("indirect", "to “dredge the old channel before the spring tides.”", "Ines Holt", 0),
        ("partial", "dredge the old channel before the spring tides", "Ines Holt", 0),
    ]


def test_quoted_infinitive_runs_to_the_end_of_its_clause():
    text = "Ines Holt is promising to “cut the fare for every family” before the winter timetable starts."
    kinds = {r[0]: r for r in _records(text)}
    assert kinds["indirect"][1] == "to “cut the fare for every family” before the winter timetable starts"
    assert kinds["partial"][1:3] == ("cut the fare for every family", "Ines Holt")


def test_quoted_name_after_to_is_no_infinitive():
    # "to" before a quoted name is a listener or a place, not the promise itself
    text = "Ines Holt promised to “Portvale Today” that the ferry would run all winter."
    assert [r[1] for r in _records(text) if r[0] == "indirect"] == ["the ferry would run all winter"]


def test_label_closed_by_a_comma_ends_what_was_said():
    text = "Ines Holt called the new timetable “a harbour of broken promises,” and the council met again on Friday."
    assert _records(text)[0][:3] == ("indirect", "the new timetable “a harbour of broken promises,”", "Ines Holt")


def test_label_the_sentence_goes_on_to_describe_keeps_the_description():
    text = "Ines Holt called the ferry chief a “bureaucrat” who never rides the boats he runs."
    assert _records(text)[0][:3] == (
        "indirect",
        "the ferry chief a “bureaucrat” who never rides the boats he runs",
        "Ines Holt",
    )


def test_participle_lead_in_after_a_place_opener_is_the_subjects_quote():
    text = "Here in Portvale, Ines Holt stepped up her campaign for the ferry, saying, “We will keep the fare down.”"
    assert ("direct", "We will keep the fare down.", "Ines Holt") in [r[:3] for r in _records(text)]


def test_participle_lead_in_after_two_linking_words_is_the_subjects_quote():
    text = "And then Ines Holt went on the attack, saying, “Is the board going to resign over this?”"
    assert _records(text) == [("direct", "Is the board going to resign over this?", "Ines Holt", 0)]


def test_dubbed_is_a_naming_cue_like_called():
    text = "Ines Holt dubbed the new pier “a harbour of dreams,” a jab at the board."
    assert _records(text) == [
        ("indirect", "the new pier “a harbour of dreams,”", "Ines Holt", 0),
        ("partial", "a harbour of dreams", "Ines Holt", 0),
    ]


def test_the_name_a_speaker_gives_themself_is_what_they_said():
    text = "Ines Holt described herself as “a friend of every ferry crew.”"
    assert _records(text)[0][:3] == ("indirect", "herself as “a friend of every ferry crew.”", "Ines Holt")


def test_a_reflexive_after_a_speech_verb_opens_no_content():
    assert _records("Ines Holt said herself nothing would change at the quay.") == []


def test_colon_lead_in_without_a_cue_word_gives_the_quote_to_its_subject():
    text = "Ines Holt, the harbour master, then turned to the dockers again: “Here is what I regret.”"
    assert _records(text) == [("direct", "Here is what I regret.", "Ines Holt", 0)]


def test_colon_lead_in_paragraph_gives_the_next_paragraphs_quote_to_its_subject():
    text = (
        "Mayor Ines Holt thanked the crews.\n\n"
        "Holt then turned to the dockers once more:\n\n"
        "“A new crane and a deeper channel.”"
    )
    direct = [r for r in _records(text) if r[0] == "direct"]
    assert [(r[1], r[2]) for r in direct] == [("A new crane and a deeper channel.", "Ines Holt")]


def test_colon_lead_in_whose_subject_is_no_speaker_names_nobody():
    for text in (
        "Wait, it gets better: “The port will close on Sundays.”",
        "Partial transcript as follows: “The port will close on Sundays.”",
        "Signs of a busy summer were everywhere: “The port will close on Sundays.”",
    ):
        assert [r for r in _records(text) if r[0] == "direct"] == [], text
