"""A pronoun agrees in number with what it stands for: "she" is never a group,
"they" never one named person; with nothing fitting, the speaker stays unnamed."""

from __future__ import annotations

from bot.quotes import analyse


def _said(text: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker) for q in analyse(text).quotes if q.cue == "said"]


def test_she_after_a_group_stays_unnamed():
    text = "Several Democrats opposed the harbour bill.\nShe said it was a costly mistake."
    assert _said(text) == [("indirect", "it was a costly mistake", None)]


def test_he_after_a_party_group_stays_unnamed():
    text = "Local Republicans said the toll was too high.\nHe said it would pass anyway."
    assert _said(text) == [
        ("indirect", "the toll was too high", "Local Republicans"),
        ("indirect", "it would pass anyway", None),
    ]


def test_she_after_a_person_whose_surname_ends_in_s_is_that_person():
    text = "Rep. Ana Evans opposed the harbour bill.\nShe said it was a costly mistake."
    assert _said(text) == [("indirect", "it was a costly mistake", "Ana Evans")]


def test_they_after_one_named_person_stays_unnamed():
    text = "Senator Ana Ruiz said the toll was too high.\nThey said it would pass anyway."
    assert _said(text) == [
        ("indirect", "the toll was too high", "Ana Ruiz"),
        ("indirect", "it would pass anyway", None),
    ]
