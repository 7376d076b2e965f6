"""Cue families beyond "said": one invented sentence for each, and the noun
readings of the same words that must stay silent."""

from __future__ import annotations

import pytest

from bot.quotes import analyse


def _indirect(text):
    return [q for q in analyse(text).quotes if q.kind == "indirect"]


CUES = [
    # (id, sentence, content, speaker)
    (
        "hope_clause",
        "Harbour officials hope the new toll will be dropped before the summer.",
        "the new toll will be dropped before the summer",
        "Harbour officials",
    ),
    (
        "expect_that",
        "The ferry captains expect that the strike will end within a week.",
        "the strike will end within a week",
        "The ferry captains",
    ),
    (
        "doubt_clause",
        "Ana Ruiz doubts the bridge will be finished this year.",
        "the bridge will be finished this year",
        "Ana Ruiz",
    ),
    (
        "passive_asked_by",
        "Ana Ruiz was asked by the harbour master Tomas Berg whether the ferry would run.",
        "whether the ferry would run",
        "Tomas Berg",
    ),
    # the sentence's subject speaks through a participle or a coordinated cue
    (
        "participle_after_plain_np",
        "The ferry owners have raised their prices twice this year, saying fuel costs keep climbing.",
        "fuel costs keep climbing",
        "The ferry owners",
    ),
    (
        "by_saying",
        "Ana Ruiz calmed the crowd by saying the harbour would stay open all winter.",
        "the harbour would stay open all winter",
        "Ana Ruiz",
    ),
    (
        "but_says",
        "Omar Lind has opposed the toll for years, but says that a smaller fee could work.",
        "a smaller fee could work",
        "Omar Lind",
    ),
    (
        "long_opener_then_participle",
        "In a short speech at the harbour hall on Friday night, Omar Lind struck a calm "
        "tone, saying the board would listen.",
        "the board would listen",
        "Omar Lind",
    ),
    ("spoke_of", "Omar Lind spoke of a hard winter for the fleet.", "a hard winter for the fleet", "Omar Lind"),
    (
        "spoke_adverb_of",
        "Ana Ruiz spoke highly of the new harbour master during the meeting.",
        "the new harbour master",
        "Ana Ruiz",
    ),
    (
        "owned_criticism",
        "Dana Reyes said the toll was unfair. Later she stood by her criticism of the harbour toll.",
        "the harbour toll",
        "Dana Reyes",
    ),
    (
        "owned_criticism_as_subject",
        "Dana Reyes said the toll was unfair. Her criticism of the harbour toll won her many votes.",
        "the harbour toll",
        "Dana Reyes",
    ),
    (
        "owned_promise",
        "The town still counts on Omar Lind’s promise to rebuild the old pier by spring.",
        "to rebuild the old pier by spring",
        "Omar Lind",
    ),
    (
        "present_attack_verb",
        "Mayor Dana Reyes blasts the harbour toll in a long letter to the board.",
        "the harbour toll",
        "Dana Reyes",
    ),
    # what he hailed it as is part of what he said
    (
        "hailed",
        "Omar Lind hailed the new pier as a turning point for the town.",
        "the new pier as a turning point for the town",
        "Omar Lind",
    ),
    (
        "expected_after_adverb",
        "The ferry is widely expected to resume service in May.",
        "to resume service in May",
        None,
    ),
    (
        "shouted",
        "Omar Lind shouted that the ferry would never sail again.",
        "the ferry would never sail again",
        "Omar Lind",
    ),
    (
        "implored",
        "Ana Ruiz implored the board to keep the harbour open.",
        "the board to keep the harbour open",
        "Ana Ruiz",
    ),
    (
        "recognized",
        "The harbour master recognized that the toll had hurt the fleet.",
        "the toll had hurt the fleet",
        "The harbour master",
    ),
    (
        "citing_after_quote_with_stance_word",
        "“It is a sign of the anger that people feel,” Omar Lind said, citing the storm and the broken cranes.",
        "the storm and the broken cranes",
        "Omar Lind",
    ),
    (
        "apologized",
        "Dana Reyes apologized for the long delay at the harbour.",
        "the long delay at the harbour",
        "Dana Reyes",
    ),
    ("congratulated", "The mayor congratulated the crew on a safe return.", "the crew on a safe return", "The mayor"),
    (
        "lashed_out_at",
        "Omar Lind lashed out at the harbour board during the meeting.",
        "the harbour board",
        "Omar Lind",
    ),
    ("took_aim_at", "Dana Reyes took aim at the new toll.", "the new toll", "Dana Reyes"),
    (
        "claim_noun",
        "In the harbour there was speculation that the ferry would be sold.",
        "the ferry would be sold",
        None,
    ),
    ("critical_of", "Dana Reyes has been critical of the harbour toll.", "the harbour toll", "Dana Reyes"),
    (
        "mulled",
        "The harbour board mulled whether the toll should be cut in half.",
        "whether the toll should be cut in half",
        "The harbour board",
    ),
    (
        "vouched",
        "Dana Reyes vouched for the new harbour master at the hearing.",
        "the new harbour master at the hearing",
        "Dana Reyes",
    ),
    (
        "informed_listener",
        "The harbour master informed the crew that the pier would close at noon.",
        "the pier would close at noon",
        "The harbour master",
    ),
    (
        "likened",
        "Ana Ruiz likened the new toll to a tax on every fisherman.",
        "the new toll to a tax on every fisherman",
        "Ana Ruiz",
    ),
    ("warned_of", "Omar Lind warned of a long winter for the fleet.", "a long winter for the fleet", "Omar Lind"),
    # a party tag between the name and its appositive
    (
        "party_tag_then_appositive",
        "Councillor Ada Brown (D-Ore.), head of the harbour committee, said the vote would be delayed.",
        "the vote would be delayed",
        "Ada Brown",
    ),
    # a fronted phrase before the subject is the scene, the short clause after "said" the words
    (
        "opener_then_short_clause",
        "During their first meeting on Friday night, both officials said it was no big deal.",
        "it was no big deal",
        "both officials",
    ),
    # a pronoun after "said" that goes on ("he and the crew were …") opens the content
    (
        "said_he_and",
        "Tomas Berg, a Ystad, Mass., fisherman helping to lead the strike, said he and the crew "
        "were tired of the toll.",
        "he and the crew were tired of the toll",
        "Tomas Berg",
    ),
]


def test_hearsay_adverb_puts_the_clause_on_an_unnamed_source():
    text = "The ferry company is reportedly planning to sell two of its oldest boats this winter."
    # the claim around the adverb, in two parts of one attribution (the cue words left out)
    qs = _indirect(text)
    assert [q.text for q in qs] == ["The ferry company", "planning to sell two of its oldest boats this winter"]
    assert {q.speaker for q in qs} == {None} and qs[0].attribution == qs[1].attribution
    # inside someone's reported words an evidence verb is theirs too
    nested = analyse(
        "Mayor Dana Reyes said the talks will resume only when the owners demonstrate their good faith."
    ).quotes
    assert [q.speaker for q in nested if q.kind == "indirect"] == ["Dana Reyes"]
    # inside someone's reported words the adverb is theirs, not a second attribution
    inner = analyse("Omar Lind said the ferry owners allegedly raised their prices twice this year.").quotes
    assert [q.speaker for q in inner if q.kind == "indirect"] == ["Omar Lind"]


@pytest.mark.parametrize("text,content,speaker", [c[1:] for c in CUES], ids=[c[0] for c in CUES])
def test_cue_family(text, content, speaker):
    qs = [q for q in _indirect(text) if q.text == content]
    assert qs, [(q.text, q.speaker) for q in analyse(text).quotes]
    assert qs[0].speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The hope of a quick deal faded when the ferry owners walked out of the hall.",
        "There is little hope for the harbour plan after the vote in the council.",
        "Their worries about the toll were never heard by the harbour board.",
        "The harbour board heard the supposedly final offer from the ferry owners on Friday.",
        "The attack on the harbour depot came at night, long after the ferries had left.",
    ],
)
def test_stance_nouns_report_nothing(text):
    assert _indirect(text) == []
