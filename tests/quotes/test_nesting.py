"""One attribution, one record: nested and interrupted quotes (invented sentences)."""

from __future__ import annotations

from bot.quotes import analyse


def _indirect(text):
    return [q for q in analyse(text).quotes if q.kind == "indirect"]


def test_speaker_framing_own_words_is_one_attribution():
    # "she believes" opens what Reyes told reporters: her framing, not a second report
    text = "Dana Reyes told reporters that she believes the toll will fall by half next spring."
    qs = _indirect(text)
    assert len(qs) == 1
    assert qs[0].speaker == "Dana Reyes" and "she believes the toll" in qs[0].text


def test_parenthetical_speaker_is_kept():
    # "…, the mayor said, that …": the aside is an attribution of its own
    text = "The harbour report shows, the mayor said, that the ferry line lost money for three years."
    qs = _indirect(text)
    assert any(q.speaker == "the mayor" and q.text == "the ferry line lost money for three years" for q in qs)


def _direct(text):
    return [(q.text, q.speaker) for q in analyse(text).quotes if q.kind == "direct"]


def test_interrupted_quote_with_long_attribution_is_two_quotes():
    text = (
        '"These are odd times for the port," said Oskar Lund, a lawyer for the dockworkers union, '
        'who has fought the harbour board over wages for a decade. "I do not know what the board '
        'wants. But I doubt it can pay."'
    )
    assert _direct(text) == [
        ("These are odd times for the port,", "Oskar Lund"),
        ("I do not know what the board wants. But I doubt it can pay.", "Oskar Lund"),
    ]


def test_quote_after_he_said_sentence_is_its_own_quote():
    text = "''We will sail on Monday,'' Mr. Lund said. ''The crews are ready and so are the ships.''"
    assert _direct(text) == [("We will sail on Monday,", "Lund"), ("The crews are ready and so are the ships.", "Lund")]


def test_title_inside_the_attribution_is_not_a_continuation():
    text = (
        "“We will not stop until the port is clean,” Oskar Lund wrote in the foreword of the "
        "“Harbour Renewal Plan,” which the board published on Monday."
    )
    assert _direct(text) == [("We will not stop until the port is clean,", "Oskar Lund")]


def test_one_subject_two_cue_verbs_are_two_reports():
    text = (
        "On Thursday, Dana Reyes said she was not ready to back the toll, and suggested that "
        "the board needs to take the first step."
    )
    assert [(q.text, q.speaker, q.cue) for q in _indirect(text)] == [
        ("she was not ready to back the toll", "Dana Reyes", "said"),
        ("the board needs to take the first step", "Dana Reyes", "suggested"),
    ]


def test_left_mark_typed_as_closing_mark():
    text = "“Apparently not at all,“ said Oskar Lund. “A harbour does not change its tides.”"
    assert _direct(text) == [
        ("Apparently not at all,", "Oskar Lund"),
        ("A harbour does not change its tides.", "Oskar Lund"),
    ]


def test_double_apostrophe_close_glued_to_next_line():
    # archive texts sometimes lose the line break between a quote and the next headline
    from bot.quotes.marks import find_quotes

    text = "Mr. Lund said: ''We will sail on Monday.''Ferry strike ends after three weeks"
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "We will sail on Monday."


def test_pronoun_adverb_belief_inside_report_is_one_attribution():
    # "she really thinks": the adverb is no second speaker, the belief is Lund's framing
    for text in (
        "Stacy Lund of Harbourtown says she really thinks the ferry line can pay for itself by next year.",
        "The last harbour master to run for mayor says he doesn't think the ferry line can pay for itself.",
    ):
        assert len(_indirect(text)) == 1


def test_cue_word_inside_the_quoted_words_is_no_report():
    text = (
        "Oskar Lund said the harbour board tried “to silence the dockworkers and threaten the families who spoke up.”"
    )
    assert all(q.cue != "threaten" for q in analyse(text).quotes)


def test_quote_opened_straight_and_closed_curly():
    text = (
        '"Never count the harbour out. It has surprised us before,” Oskar Lund said on Monday. '
        "“The ships always come back.”"
    )
    assert _direct(text) == [
        ("Never count the harbour out. It has surprised us before,", "Oskar Lund"),
        ("The ships always come back.", "Oskar Lund"),
    ]


def test_nested_quote_in_the_other_style_does_not_end_the_outer_one():
    from bot.quotes.marks import find_quotes

    text = '“He said "no" to the harbour board and left,” Oskar Lund said.'
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == 'He said "no" to the harbour board and left,'


def test_speakerless_cue_inside_a_quote_is_no_report():
    text = "“That is a breach of the harbour rules and that does appear to have happened,” Oskar Lund told reporters."
    assert [(q.kind, q.speaker) for q in analyse(text).quotes] == [("direct", "Oskar Lund")]


def test_report_inside_according_to_content_is_one_attribution():
    text = "According to the harbour report, Ilse Varga has not bothered to ask for advice from the dockworkers."
    assert [(q.cue, q.speaker) for q in _indirect(text)] == [("according to", "the harbour report")]


def test_survey_that_respondents_said_is_one_attribution():
    text = "The survey showed that 54 percent of harbour workers said they would vote for the ferry plan."
    assert [(q.cue, q.speaker) for q in _indirect(text)] == [("showed", "The survey")]


def test_report_around_its_own_quote_is_not_a_second_record():
    text = "Oskar Lund said about the strike, “We will sail on Monday and not a day later.”"
    assert [(q.kind, q.speaker) for q in analyse(text).quotes] == [("direct", "Oskar Lund")]


def test_report_mostly_beyond_its_quote_is_kept():
    # the quoted fragment is a small part of what Lund said: the reported clause stays
    text = "The ferry line, Oskar Lund said, “is a perfect example of adapting” to the changing harbour economy."
    assert any(q.kind == "indirect" and "changing harbour economy" in q.text for q in analyse(text).quotes)


def test_cue_inside_tail_content_does_not_run_over_the_tail():
    text = (
        "Dana Reyes runs the harbour office. Social media has added another link to the chain "
        "of harbour rumours, she noted."
    )
    assert all(not q.text.endswith("she noted") for q in _indirect(text))


def test_content_that_is_another_cue_and_its_content_is_one_report():
    for text, cue in (
        ("The harbour board also wrote to the minister, urging her to review the toll before summer.", "wrote"),
        ("Oskar Lund cited reports that the ferry line had lost money for three years.", "cited"),
    ):
        assert [q.cue for q in _indirect(text)] == [cue]


def test_says_in_a_statement_that_is_one_report():
    text = "Harbour union leader Nadia Lund says in a statement that the new toll has crossed the line into unlawful."
    assert [(q.cue, q.speaker) for q in _indirect(text)] == [("says", "Nadia Lund")]


def test_relative_clause_report_ends_before_the_main_cue():
    text = (
        "Oskar Lund, who said in an interview that he never signed the harbour contract, recalled "
        "that the board sent a lawyer to his office."
    )
    assert [(q.text, q.cue) for q in _indirect(text)] == [
        ("he never signed the harbour contract", "said"),
        ("the board sent a lawyer to his office", "recalled"),
    ]


def test_report_opening_an_according_to_content_is_one_attribution():
    text = "About 40 harbour workers have said that they will strike on Monday, according to an organizer."
    assert [q.cue for q in _indirect(text)] == ["according to"]


def test_respondents_inside_a_poll_finding_are_the_polls_report():
    text = "The harbour poll also finds that while most residents back the toll, 22 percent say it should be scrapped."
    assert [q.cue for q in _indirect(text)] == ["finds"]


def test_a_claim_reported_inside_a_report_is_the_reporters():
    # the board's warning is Ruiz's account of it: crediting it to the board would show
    # second-hand words as the board's own
    text = "Ana Ruiz said that without new cranes the harbour board warned the port would lose its ferry service."
    assert [(q.text, q.speaker) for q in _indirect(text)] == [
        ("without new cranes the harbour board warned the port would lose its ferry service", "Ana Ruiz")
    ]


def test_a_claim_inside_an_argument_is_the_arguers():
    text = "Ana Ruiz argued that without new cranes the harbour board warned the port would lose its ferry service."
    assert [q.speaker for q in _indirect(text)] == ["Ana Ruiz"]


def test_a_report_opened_by_a_conjunction_or_a_reason_is_its_own():
    text = "Ana Ruiz said the ferry was late again because the crew said the engine had failed twice."
    assert ("the engine had failed twice", "the crew") in [(q.text, q.speaker) for q in _indirect(text)]
    text = "Ana Ruiz said the north pier would close in May and Omar Lind said the ferry would move south."
    assert ("the ferry would move south", "Omar Lind") in [(q.text, q.speaker) for q in _indirect(text)]


def test_a_hedge_inside_reported_words_is_the_speakers():
    # "appear" is Ruiz's hedge: the clause around it is no second, speakerless claim
    text = "Ana Ruiz said on Monday that there did not appear to be any link between the two ferry fires."
    assert [(q.text, q.speaker) for q in _indirect(text)] == [
        ("there did not appear to be any link between the two ferry fires", "Ana Ruiz")
    ]


def test_a_hedge_outside_any_report_stays():
    text = "The ferry is widely expected to resume service in May, after the repairs."
    assert any(q.speaker is None for q in _indirect(text))


def test_subject_before_the_cue_speaks_only_through_the_outer_report():
    text = "The ferries ran late all week. The harbour board, Ana Ruiz said, urged every skipper to stay ashore."
    quotes = [q for q in analyse(text).quotes if q.kind == "indirect"]
    # the board's urging is what Ruiz reports, not words the board gave the outlet
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The harbour board … urged every skipper to stay ashore", "Ana Ruiz")
    ]
