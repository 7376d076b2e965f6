"""Who is beside a cue but did not speak (issue 12): the person a speaker told,
and the email or statement someone sent. When the sender is not plain the
words stay unattributed rather than credited to a document."""

from __future__ import annotations

from bot.quotes import analyse


def _who(text: str, words: str) -> str | None:
    hits = [q.speaker for q in analyse(text).quotes if words in q.text]
    assert hits, f"no quote holds {words!r}"
    return hits[0]


def _speakers(text: str) -> set[str | None]:
    return {q.speaker for q in analyse(text).quotes}


def test_the_one_told_is_the_listener_not_the_speaker_of_what_follows():
    text = (
        "The forum ran late.\n"
        "At the forum, Leo Park, the head of the riders' union, firmly told a young woman who "
        'suggested that some riders may not vote because of anger that "staying home is not a plan."'
    )
    assert "a young woman" not in _speakers(text)


def test_an_inverted_asked_still_names_its_speaker():
    text = "The forum ran late.\n“Why should riders wait?” asked Dana Wilke. “The buses are ready now.”"
    assert _who(text, "Why should riders wait") == "Dana Wilke"
    assert _who(text, "The buses are ready now") == "Dana Wilke"


def test_an_email_sent_with_a_saying_speaks_for_its_sender():
    text = "The strike went on.\nThe port union sent an email to members saying the strike would end on Friday."
    assert _who(text, "the strike would end on Friday") == "The port union"


def test_a_text_message_sent_out_speaks_for_the_campaign():
    text = (
        "The count ended late.\n"
        'Before midnight, her campaign sent out a text message to supporters saying: "We carried the county!"'
    )
    assert _who(text, "We carried the county") == "her campaign"


def test_an_outlet_that_ran_a_piece_is_the_source_not_the_piece():
    text = (
        "The pier plan is costly.\n"
        'The Harbour Gazette recently ran a piece that noted the pier "would cost more than the town can pay."'
    )
    assert _who(text, "would cost more") == "Harbour Gazette"


def test_a_statement_as_the_subject_stays_the_source():
    text = "The strike went on.\n“The strike is over,” the statement said."
    assert _who(text, "The strike is over") == "the statement"


def test_a_medium_with_no_plain_sender_names_nobody():
    text = (
        "The mayor lost the vote.\n"
        "Her critics mocked her, which prompted the tabloid to print a cover saying the mayor had lied."
    )
    assert _who(text, "the mayor had lied") in (None, "the tabloid")
    assert "a cover" not in _speakers(text)


def test_her_email_practices_are_no_medium():
    text = "The board met.\nThe report on her email practices suggested they were careless but not illegal."
    assert _who(text, "they were careless") != "report"


def test_a_place_word_before_a_job_is_part_of_the_role_not_the_speaker():
    text = "The ferry was late again.\n“The pier is not safe,” said Harbour master Ines Holt."
    quote = analyse(text).quotes[0]
    assert (quote.speaker, quote.speaker_role) == ("Ines Holt", "Harbour master")


def test_a_title_after_the_outlet_word_stays_in_the_role():
    text = "The ferry was late again.\n“The pier is not safe,” said Port Authority chief Ines Holt."
    assert analyse(text).quotes[0].speaker == "Ines Holt"


def test_a_state_after_the_town_of_a_rally_is_no_speaker():
    text = (
        "The fares rose in June.\n"
        "At a rally in Dover, Del., on Tuesday, Mayor Tom Vance backed the new pier, saying "
        "that the town would pay for it."
    )
    assert "Del" not in _speakers(text)


def test_a_place_after_in_is_no_speaker():
    text = (
        "The fares rose in June.\nIn New Harwick, the mayor has railed against the ferry line, taking aim at its fares."
    )
    assert "New Harwick" not in _speakers(text)


def test_a_name_after_the_place_still_speaks():
    text = "The fares rose in June.\nIn Dover, Tom Vance said the fares were too high."
    assert _who(text, "the fares were too high") == "Tom Vance"


def _role(text: str, words: str) -> tuple[str | None, str | None]:
    hits = [(q.speaker, q.speaker_role) for q in analyse(text).quotes if words in q.text]
    assert hits, f"no quote holds {words!r}"
    return hits[0]


def test_a_lone_place_between_commas_is_no_role():
    text = "The storm hit the coast.\nAna Ruiz, Miami, said the water rose in minutes."
    assert _role(text, "the water rose") == ("Ana Ruiz", None)


def test_a_party_of_state_tag_in_full_is_the_role():
    text = "The storm hit the coast.\nAnn Roe, Republican of Arizona, said the water rose in minutes."
    assert _role(text, "the water rose") == ("Ann Roe", "Republican of Arizona")


def test_a_party_alone_is_still_a_role():
    text = "The storm hit the coast.\nAna Ruiz, a Democrat, said the water rose in minutes."
    assert _role(text, "the water rose") == ("Ana Ruiz", "a Democrat")


def test_the_role_has_no_quote_mark_or_linking_word_from_before_its_aside():
    text = "The bakery closed after forty years.\n“We will miss every one of you,” his wife, Ana Costa, said."
    assert _role(text, "We will miss") == ("Ana Costa", "his wife")
    text = "The bakery closed after forty years.\nBut his wife, Ana Costa, said the town had been kind."
    assert _role(text, "the town had been kind") == ("Ana Costa", "his wife")


def test_she_after_his_wife_opens_a_sentence_is_not_the_husband():
    text = (
        "Jon Costa thanked the town on Friday.\n"
        "Costa's wife, Ana, stood beside him. “We will miss every one of you,” she said."
    )
    assert _who(text, "We will miss every one") != "Jon Costa"


def test_he_after_his_son_named_inside_the_sentence_is_still_the_father():
    text = (
        "Mayor Tom Vance spoke at the pier.\n"
        "He said that if his son Leo were still a pilot, he would warn him about the fog.\n"
        "“This fog has no limits,” he said."
    )
    assert _who(text, "This fog has no limits") == "Tom Vance"


def test_a_pronoun_after_an_unnamed_asker_and_a_named_answerer_is_not_the_asker():
    text = (
        "The debate ran late.\n"
        "When an NBC reporter later asked Dana Wilke about the seat, Wilke smiled. “We will win it,” she said."
    )
    assert _who(text, "We will win it") != "an NBC reporter"


def test_a_job_after_a_capital_opening_the_sentence_is_the_role():
    text = "The ferry was late again.\nHarbour master Ines Holt said on Monday that the pier was not safe."
    assert _role(text, "the pier was not safe") == ("Ines Holt", "Harbour master")


def test_the_possessor_of_a_wife_after_the_cue_is_not_the_speaker():
    text = "Jon Costa thanked the town on Friday. “We will miss every one of you,” said Costa's wife."
    assert _role(text, "We will miss") == ("Costa's wife", None)
    text = "Jon Costa thanked the town on Friday. “We will miss every one of you,” said Costa's wife, Ana Costa."
    assert _role(text, "We will miss") == ("Ana Costa", "Costa's wife")


def test_a_longer_office_after_a_possessive_keeps_its_holder():
    text = "The count ended late.\n“We will fight on,” said Lind's deputy campaign manager, Rich Ostby."
    assert _role(text, "We will fight on")[0] == "Rich Ostby"
