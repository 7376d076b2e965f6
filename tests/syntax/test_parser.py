"""The shipped tagger and parser, loaded from the package, on sentences of our own.

These pin down what the reported-speech pass relies on: the subject of a
reporting verb and where its clausal complement starts and ends.
"""

from __future__ import annotations

from bot.syntax import load


def _word(sent, text):
    return next(n for n, w in enumerate(sent.words) if w.text == text)


def _phrase(text, sent, i):
    return text.__getitem__(slice(*sent.span(*sent.subtree(i))))


def test_the_subject_of_said_is_the_speaker():
    text = "Ana Ruiz said the repairs would start in May."
    sent = load().parse(text)
    (subj,) = sent.children(_word(sent, "said"), "nsubj")
    assert _phrase(text, sent, subj) == "Ana Ruiz"


def test_the_complement_of_said_is_the_whole_clause():
    text = "The mayor said that the ferry would run twice a day."
    sent = load().parse(text)
    (comp,) = sent.children(_word(sent, "said"), "ccomp")
    assert _phrase(text, sent, comp) == "that the ferry would run twice a day"


def test_a_clause_after_the_complement_is_not_part_of_it():
    text = "The minister said taxes would fall next year, and markets rose."
    sent = load().parse(text)
    (comp,) = sent.children(_word(sent, "said"), "ccomp")
    assert _phrase(text, sent, comp) == "taxes would fall next year"


def test_a_complement_before_the_verb():
    text = "The port would reopen next week, the mayor said."
    sent = load().parse(text)
    said = _word(sent, "said")
    (comp,) = sent.children(said, "ccomp")
    assert _phrase(text, sent, comp).rstrip(",") == "The port would reopen next week"
    (subj,) = sent.children(said, "nsubj")
    assert _phrase(text, sent, subj) == "the mayor"


def test_tags_and_tokens_follow_the_treebank():
    sent = load().parse("She didn't say the council's plan was wrong.")
    assert [w.text for w in sent.words] == [
        "She",
        "did",
        "n't",
        "say",
        "the",
        "council",
        "'s",
        "plan",
        "was",
        "wrong",
        ".",
    ]
    assert sent.tags[3] == "VERB"
    assert sent.tags[0] == "PRON"
    assert sent.tags[-1] == "PUNCT"


def test_offsets_map_back_onto_the_article():
    text = "Intro line.\nThe minister said taxes would fall."
    sent = load().parse(text, 12, len(text))
    assert [text[w.start : w.end] for w in sent.words] == [w.text for w in sent.words]
    assert sent.words[0].start == 12


def test_every_word_gets_one_head_and_one_root():
    sent = load().parse("Residents said the new timetable, which starts in May, is a relief.")
    assert len(sent.heads) == len(sent.words) == len(sent.labels)
    assert sent.labels.count("root") >= 1
    assert all(-1 <= h < len(sent.words) for h in sent.heads)
