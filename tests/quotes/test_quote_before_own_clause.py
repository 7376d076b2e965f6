"""A quote followed by ", X said CLAUSE": when the cue has a clause of its own,
that clause is what X said; the quote before it (a chant, a slogan) is not X's."""

from __future__ import annotations

from bot.quotes import analyse


def _records(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.cue) for q in analyse(text).quotes]


def test_a_chant_before_the_mayors_own_clause_is_not_the_mayors():
    text = (
        "The square filled early for the last rally.\n"
        "Stepping onto the stage to chants of “Ana! Ana!,” the mayor said her campaign was strong."
    )
    assert _records(text) == [("indirect", "her campaign was strong", "the mayor", "said")]


def test_a_quote_with_only_a_scene_after_the_cue_stays_the_speakers():
    text = "The square filled early.\n“We will win this city,” the mayor said onstage Tuesday night."
    assert _records(text) == [("direct", "We will win this city,", "the mayor", "said")]


def test_a_quote_told_to_listeners_stays_the_speakers():
    text = "The strike ended.\n“The yard will reopen in May,” Ines Baro told workers in Gdynia on Monday."
    assert _records(text) == [("direct", "The yard will reopen in May,", "Ines Baro", "told")]
