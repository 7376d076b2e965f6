"""A verb is never a speaker: the subject reader may run back over "are gently",
"was widely" or "and said"; what is left is the speaker, or nobody."""

from __future__ import annotations

from bot.quotes import analyse


def _records(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.cue) for q in analyse(text).quotes]


def test_a_passive_subject_is_no_speaker_and_they_is_resolved_as_usual():
    text = (
        "Harbour pilots have attacked the plan for a second dock.\n"
        "Many of these points are easily refuted, they say, and the harbour board agrees."
    )
    got = _records(text)
    assert ("indirect", "the plan for a second dock", "Harbour pilots", "attacked") in got
    said = [r for r in got if r[3] == "say"]
    assert said == [
        ("indirect", "Many of these points are easily refuted … and the harbour board agrees", "Harbour pilots", "say")
    ]
    # "refuted" after "are" is passive: the points refute nothing
    assert all(who is None or who.split()[-1] not in ("are", "easily") for _, _, who, _ in got)


def test_without_an_antecedent_they_stays_unnamed():
    text = "The ferry board met on Monday.\nMany of these points are easily refuted, they say."
    assert _records(text) == [("indirect", "Many of these points are easily refuted", None, "say")]


def test_a_progressive_with_an_adverb_keeps_the_subject():
    got = _records("Shopkeepers are gently urging the council to reopen the bridge.")
    assert got == [("indirect", "the council to reopen the bridge", "Shopkeepers", "urging")]


def test_a_passive_report_names_no_speaker():
    text = "The yacht changed hands in 2019. It was widely reported that the buyer paid nine million."
    assert all(who not in ("was", "It was") for _, _, who, _ in _records(text))


def test_said_before_a_participle_is_not_the_speaker():
    text = "Retired captains scoffed at the review and said seeking more crew was the right call."
    assert all(who is None or "said" not in who.split() for _, _, who, _ in _records(text))
