"""Quotation marks inside the outlet's own sentence: who the quoted words belong to,
and what the statement around them is. Invented sentences only."""

from __future__ import annotations

from bot.quotes import analyse


def _records(text):
    return [(q.kind, q.text, q.speaker, q.attribution) for q in analyse(text).quotes]


def test_clause_running_into_a_quote_with_a_tail_is_reported_with_the_quote_inside():
    # (a role before the name: the tail reader of direct quotes finds her)
    text = "A longer ban “would also warn every other skipper on the coast,” harbour master Ines Holt wrote."
    records = _records(text)
    assert records == [
        ("indirect", "A longer ban “would also warn every other skipper on the coast,”", "Ines Holt", 0),
        ("partial", "would also warn every other skipper on the coast", "Ines Holt", 0),
    ]


def test_quote_after_the_mixed_clause_is_the_same_speakers_direct_quote():
    text = (
        "Ferry crews are “watching who sits on the new board,” union leader Paul Moreau said. "
        "“That has to worry every deckhand.”"
    )
    kinds = {(q.kind, q.text, q.speaker) for q in analyse(text).quotes}
    assert ("direct", "That has to worry every deckhand.", "Paul Moreau") in kinds
    assert len({q.attribution for q in analyse(text).quotes}) == 1


def test_no_clause_when_another_quote_comes_first_in_the_sentence():
    # whose words the clause holds is not clear when it holds another quote too
    text = "The crowd chanted “Save the pier” and the ban “would warn every skipper,” harbour master Ada Lund wrote."
    assert analyse(text).quotes == ()


def test_a_naming_word_after_the_marks_is_no_attribution():
    text = "One banner read “ferryfree.example,” a site run by a group called the Harbour Friends."
    assert [q for q in analyse(text).quotes if q.speaker] == []


def test_interrupted_quote_after_a_no_break_space_is_one_statement():
    text = "“The tolls pay for the pier,” she said.\u00a0“Nobody else will.”"
    quotes = analyse("Mayor Ana Ruiz spoke first. " + text).quotes
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.text for q in direct] == ["The tolls pay for the pier,", "Nobody else will."]
    assert len({q.attribution for q in direct}) == 1


def test_a_cue_that_introduces_the_next_quote_is_not_the_tail_of_the_one_before():
    text = (
        "''We are neighbours,'' Ms. Alda said. ''We are not thieves.'' "
        "Mr. Berg said: ''The fire was the work of vandals.''"
    )
    speakers = [(q.text, q.speaker) for q in analyse(text).quotes if q.kind == "direct"]
    assert speakers == [
        ("We are neighbours,", "Alda"),
        ("We are not thieves.", "Alda"),
        ("The fire was the work of vandals.", "Berg"),
    ]


def test_a_quote_alone_in_the_next_paragraph_goes_on_with_the_quote_before():
    text = "“I am the son of a ferryman,” Mayor Ana Ruiz said.\n\n“And I would note, try running a ferry in winter.”"
    direct = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in direct] == [
        ("I am the son of a ferryman,", "Ana Ruiz"),
        ("And I would note, try running a ferry in winter.", "Ana Ruiz"),
    ]
    assert len({q.attribution for q in direct}) == 1


def test_the_answer_after_a_question_is_not_the_askers():
    text = "“Will you run again?” the reporter asked Mayor Ana Ruiz.\n\n“Not this year.”"
    assert [q.text for q in analyse(text).quotes if q.kind == "direct"] == ["Will you run again?"]


def test_a_quote_after_a_paragraph_of_the_outlets_own_words_is_not_continued():
    text = (
        "“I am the son of a ferryman,” Mayor Ana Ruiz said on Monday, before the council voted on the tolls "
        "and the harbour board met behind closed doors for the rest of the afternoon.\n\n“Nobody asked us.”"
    )
    assert [q.text for q in analyse(text).quotes if q.kind == "direct"] == ["I am the son of a ferryman,"]


def test_a_reported_clause_cut_inside_quotation_marks_runs_on_to_the_closing_mark():
    text = "Ruiz attacked Holm for “the greed, the showing off, the absurd theatrics” of his campaign."
    records = _records(text)
    assert ("indirect", "Holm for “the greed, the showing off, the absurd theatrics”", "Ruiz", 0) in records
    assert ("partial", "the greed, the showing off, the absurd theatrics", "Ruiz", 0) in records


def test_the_label_after_as_belongs_to_the_clause():
    text = "Ruiz has referred to the ferry crews as ''my friends'' and showed compassion."
    assert _records(text) == [
        ("indirect", "the ferry crews as ''my friends''", "Ruiz", 0),
        ("partial", "my friends", "Ruiz", 0),
    ]


def test_a_word_or_two_after_a_said_lead_in_is_a_direct_quote():
    text = "Asked whether he would run again, Mr. Pole shook his head and said, ''No.''"
    assert [(q.text, q.speaker) for q in analyse(text).quotes if q.kind == "direct"] == [("No.", "Pole")]


def test_a_title_with_a_dot_after_the_cue_is_part_of_the_name_not_the_speaker():
    # "said Rep. Diane Roos": the speaker is Diane Roos, never "Rep"
    text = (
        "\"You can shake someone's hand and say, 'Well done,' \" said Rep. Diane Roos, a harbour legislator. "
        '"If the game was unfair, it\'s hard to do that."'
    )
    direct = [(q.text, q.speaker) for q in analyse(text).quotes if q.kind == "direct"]
    assert direct == [
        ("You can shake someone's hand and say, 'Well done,'", "Diane Roos"),
        ("If the game was unfair, it's hard to do that.", "Diane Roos"),
    ]


def test_a_quote_opened_after_a_no_break_space_is_found():
    text = 'Mayor Ana Ruiz said the ferry would run.\n"They sue," she said.\u00a0"Everybody sues, right?"'
    direct = [q for q in analyse(text).quotes if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in direct] == [("They sue,", "Ana Ruiz"), ("Everybody sues, right?", "Ana Ruiz")]


def test_a_forward_report_after_the_marks_is_no_tail_of_the_clause_before():
    # the crowd chanted "Ana! Ana!"; the mayor said something else
    text = 'Walking into the office to chants of "Ana! Ana!," the mayor said her campaign was "closing really strong."'
    partials = [(q.text, q.speaker) for q in analyse(text).quotes if q.kind == "partial"]
    # the marks inside her own clause are hers; the chant is nobody's words of hers
    assert partials == [("closing really strong", "the mayor")]
    text = "On the harbour radio show “Tide Talk,” Mayor Ana Ruiz said the ferry would run all winter."
    # the show's name is no words of hers
    assert [q for q in analyse(text).quotes if "Tide Talk" in q.text] == []


def test_a_listener_after_told_still_closes_the_tail():
    text = "The ferry ban “is like nothing I have seen before,” he told Omar Lind of the Harbour News after the vote."
    kinds = [(q.kind, q.text) for q in analyse(text).quotes]
    assert ("partial", "is like nothing I have seen before") in kinds


def test_manner_verbs_next_to_the_marks_attribute_the_quote():
    text = "“Would the tolls be negotiable?” Omar Lind pressed. “Maybe for the fishermen.”"
    direct = [(q.text, q.speaker) for q in analyse(text).quotes if q.kind == "direct"]
    assert direct == [("Would the tolls be negotiable?", "Omar Lind"), ("Maybe for the fishermen.", "Omar Lind")]
