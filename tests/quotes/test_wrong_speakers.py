"""Wrong speakers left on real pages (issue 12): a passive cue's subject is who was
spoken to or about, and a pronoun after another person opens a sentence is not the
person named further back. Where the text does not say, the speaker stays unnamed."""

from __future__ import annotations

from bot.quotes import analyse


def _by_text(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in analyse(text).quotes}


def _speaker_of(text: str, words: str) -> str | None:
    hits = [q.speaker for q in analyse(text).quotes if words in q.text]
    assert hits, f"no quote holds {words!r}"
    return hits[0]


def test_a_passive_cue_after_an_adverb_does_not_credit_its_subject():
    text = (
        "The harbour board met on Monday.\n"
        "Pier manager Olga Brandt was quickly challenged over her claim that the cranes were safe."
    )
    assert all(who != "Olga Brandt" for who in _by_text(text).values())


def test_a_passive_cue_after_who_was_does_not_credit_the_noun_before_it():
    text = (
        "The ferry line lost a captain.\n"
        "Critics described Tom Hale as a skipper who was widely lambasted as reckless by the crews."
    )
    assert all(who != "a skipper" for who in _by_text(text).values())


def test_a_held_state_after_was_keeps_its_subject():
    text = "The ferry fares rise in June.\nHarbour workers were worried that the new fares would cut their trade."
    assert _speaker_of(text, "the new fares would cut") == "Harbour workers"


def test_she_after_an_unnamed_journalist_is_that_journalist_not_an_earlier_star():
    text = (
        "Singer Ana Varga spoke out last spring.\n"
        "“Harbour towns deserve better,” Ana Varga said.\n"
        "A radio host mocked the town later that year. The Portuguese journalist at the station "
        "expressed her anger at the host's remarks. “I will not stay quiet about this,” she tweeted."
    )
    assert _speaker_of(text, "I will not stay quiet") == "The Portuguese journalist at the station"


def test_she_after_another_full_name_opens_a_sentence_stays_unnamed():
    text = (
        "“The new pier is a gift to the town,” Mark Ostby said at the opening.\n"
        "Dana Wilke is listed as the chair of Friends of the Pier. Last week she announced "
        "on her page, “I am done with the ferry board!”"
    )
    assert _speaker_of(text, "I am done with the ferry board") != "Mark Ostby"


def test_he_right_after_the_speaker_still_resolves():
    text = (
        "“The new pier is a gift to the town,” Mark Ostby said at the opening.\n“We waited ten years for it,” he added."
    )
    assert _speaker_of(text, "We waited ten years") == "Mark Ostby"
