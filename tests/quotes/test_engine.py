"""The quote engine on invented articles: every construction from issue 3."""

from __future__ import annotations

import pytest

from bot.models import Analysis
from bot.quotes import analyse
from tests.quotes.articles import LEAD_ARTICLE, MARK_STYLES, MULTI_PARAGRAPH, STYLE_ARTICLE


def _find(analysis: Analysis, fragment: str, kind: str | None = None):
    hits = [q for q in analysis.quotes if fragment in q.text and (kind is None or q.kind == kind)]
    assert hits, f"no {kind or ''} quote containing {fragment!r}: {[q.text for q in analysis.quotes]}"
    return hits[0]


LEAD_CASES = [
    # (id, fragment, kind, speaker, role, via, exact text or None)
    (
        "partial_in_lead",
        "as soon as the guarantees are signed",
        "partial",
        "Selin Kaya",
        "Turkish Foreign Minister",
        "Anadolu",
        "as soon as the guarantees are signed",
    ),
    (
        "labelled_quote",
        "We have done everything",
        "direct",
        "Selin Kaya",
        "Turkish Foreign Minister",
        "Anadolu",
        "We have done everything that depends on us. The ships are waiting, the crews are waiting. "
        "Now the decision is in the hands of the parties.",
    ),
    (
        "accused_of",
        "the shipping companies of allegedly",
        "indirect",
        "Selin Kaya",
        None,
        None,
        "the shipping companies of allegedly inflating insurance costs",
    ),
    (
        "said_that_short_name",
        "since the ports are ready",
        "indirect",
        "Selin Kaya",
        None,
        None,
        "since the ports are ready, the first convoy could sail next week",
    ),
    (
        "appositive_predicts",
        "insurance premiums will fall",
        "indirect",
        "Tomas Berg",
        "the head of the maritime monitoring mission",
        None,
        None,
    ),
    ("title_before_name", "the city port can handle", "indirect", "Ilse Varga", "Mayor", None, None),
    (
        "appositive_org",
        "inspections would take",
        "indirect",
        "Lena Ortiz",
        "a spokeswoman for the Harbour Authority",
        None,
        None,
    ),
    (
        "partial_at_end",
        "within a week",
        "partial",
        "Piet Holm",
        "the director of the Port Safety Board",
        None,
        "within a week",
    ),
]


@pytest.mark.parametrize(
    "fragment,kind,speaker,role,via,exact", [c[1:] for c in LEAD_CASES], ids=[c[0] for c in LEAD_CASES]
)
def test_lead_article(fragment, kind, speaker, role, via, exact):
    a = analyse(LEAD_ARTICLE)
    q = _find(a, fragment, kind)
    assert q.speaker == speaker
    if role is not None:
        assert q.speaker_role == role
    if via is not None:
        assert q.via == via
    if exact is not None:
        assert q.text == exact
    if q.kind != "indirect":
        assert LEAD_ARTICLE[q.start : q.end] == q.text
    elif exact is not None:
        assert _reported_span_holds(LEAD_ARTICLE[q.start : q.end], q.text)


def test_lead_article_leaves_reader_comments_alone():
    a = analyse(LEAD_ARTICLE)
    comments_at = LEAD_ARTICLE.index("What a joke")
    assert all(q.start < comments_at for q in a.quotes)
    assert all(f.start < comments_at for f in a.framing)


def test_lead_article_framing_and_speakers():
    a = analyse(LEAD_ARTICLE)
    phrases = [(f.phrase, f.kind) for f in a.framing]
    assert ("allegedly", "distancing") in phrases
    assert ("she did not say which ones specifically", "comment") in phrases
    kaya = next(s for s in a.speakers if s.name == "Selin Kaya")
    assert kaya.role == "Turkish Foreign Minister" and "Kaya" in kaya.aliases
    # the comment is the outlet's, not reported speech of Kaya
    assert not any("which ones" in q.text for q in a.quotes)


STYLE_CASES = [
    (
        "said_inverted_appositive",
        "We cannot keep borrowing",
        "direct",
        "Marta Lindqvist",
        "the council's finance chair",
        None,
    ),
    ("pronoun_added", "It is a good day for the city,", "direct", "Marta Lindqvist", None, None),
    ("told_outlet", "the cuts would hit libraries first", "indirect", "Karl Dunn", "Opposition leader", "BBC"),
    ("according_to", "the vote was delayed twice", "indirect", "a council source", None, None),
    ("tail_said_short_name", "The plan is unworkable", "indirect", "Karl Dunn", None, None),
    ("interview_with", "publish the full accounts in May", "indirect", "Marta Lindqvist", None, "CNN"),
    ("colon_lead_in", "Libraries are not a luxury.", "direct", "Karl Dunn", None, None),
]


@pytest.mark.parametrize(
    "fragment,kind,speaker,role,via", [c[1:] for c in STYLE_CASES], ids=[c[0] for c in STYLE_CASES]
)
def test_style_article(fragment, kind, speaker, role, via):
    q = _find(analyse(STYLE_ARTICLE), fragment, kind)
    assert q.speaker == speaker
    if role is not None:
        assert q.speaker_role == role
    if via is not None:
        assert q.via == via


def test_interrupted_quote_keeps_both_parts():
    # each part is a quote of its own (no marks or "said X" inside), both credited to the speaker
    a = analyse(STYLE_ARTICLE)
    first = _find(a, "We cannot keep borrowing", "direct")
    second = _find(a, "This budget ends that habit.", "direct")
    assert first.text == "We cannot keep borrowing to pay the interest on what we borrowed,"
    assert second.text == "This budget ends that habit."
    assert first.speaker == second.speaker == "Marta Lindqvist"
    for q in (first, second):
        assert STYLE_ARTICLE[q.start : q.end] == q.text


def test_scare_quote_is_not_a_quote():
    a = analyse(STYLE_ARTICLE)
    assert not any(q.text.startswith("sensible first step") for q in a.quotes)
    assert ("so-called", "distancing") in [(f.phrase, f.kind) for f in a.framing]


def test_multi_paragraph_quote():
    """One record per paragraph, each the quoted words only, all one statement."""
    a = analyse(MULTI_PARAGRAPH)
    parts = [q for q in a.quotes if q.kind == "direct"]
    assert [q.text for q in parts] == [
        "The court was never told about the second contract.",
        "Nobody in that room had seen the papers, and nobody asked for them.",
        "That is why I resigned.",
    ]
    assert {q.speaker for q in parts} == {"Ana Petrova"}
    assert len({q.attribution for q in parts}) == 1
    assert all(MULTI_PARAGRAPH[q.start : q.end] == q.text for q in parts)


@pytest.mark.parametrize("text,quoted,speaker", list(MARK_STYLES.values()), ids=list(MARK_STYLES))
def test_every_mark_style(text, quoted, speaker):
    q = _find(analyse(text), quoted, "direct")
    assert q.text == quoted and q.speaker == speaker


ROBUSTNESS = [
    ("empty", ""),
    ("blank", "  \n\n "),
    ("no_quotes", "The weather was mild. Markets were closed for the holiday."),
    ("unbalanced_open", "“This never closes, he said.\nNext paragraph without marks."),
    ("unbalanced_close", "Stray closing mark” here, and “another” one."),
    ("nested", "“He told me ‘we will never sign’ and left,” Jonas Weber said."),
    ("non_english", "Президент заявил, что «переговоры продолжатся». Der Minister sagte: „Wir warten.“"),
    ("only_marks", "“”“”‘’«»„“\"\"''"),
]


@pytest.mark.parametrize("text", [c[1] for c in ROBUSTNESS], ids=[c[0] for c in ROBUSTNESS])
def test_robustness(text):
    a = analyse(text)
    for q in a.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        if q.kind != "indirect":
            assert text[q.start : q.end] == q.text


def test_nested_quote_stays_inside_outer():
    text = ROBUSTNESS[5][1]
    q = _find(analyse(text), "He told me", "direct")
    assert "‘we will never sign’" in q.text and q.speaker == "Jonas Weber"


def test_empty_text_gives_empty_analysis():
    assert analyse("") == Analysis()


def test_large_text_finishes():
    # about 2 MB, with many unbalanced marks to tempt quadratic rescans
    block = STYLE_ARTICLE + "“Unclosed " * 50 + "\n" + "word " * 400 + "\n"
    text = block * (2_000_000 // len(block) + 1)
    a = analyse(text)
    assert len(a.quotes) > 1000


def test_headline_label_is_an_attribution():
    text = "Mara Holt: Port Deal Needs A Second Vote\n\nUpdated: 5 p.m. on Friday evening\n\nThe council met on Friday."
    qs = analyse(text).quotes
    assert [(q.text, q.speaker) for q in qs] == [("Port Deal Needs A Second Vote", "Mara Holt")]


SHAPES = [
    (
        "question_then_tail",
        "“Is this the end of the road?” Marta Quill said.",
        "direct",
        "Is this the end of the road?",
        "Marta Quill",
    ),
    (
        "inverted_tail",
        "The harbour will reopen in May, said Tomas Reyes, a port engineer.",
        "indirect",
        "The harbour will reopen in May",
        "Tomas Reyes",
    ),
    (
        "tail_after_mixed_quote",
        "The new ferry is “far too slow for this route,” said Ines Varga.",
        "indirect",
        "The new ferry is “far too slow for this route,”",
        "Ines Varga",
    ),
    (
        "party_tag",
        "Councillor Ada Brown (D-Ore.) told reporters that the vote would be delayed.",
        "indirect",
        "the vote would be delayed",
        "Ada Brown",
    ),
    (
        "raising_verb",
        "By nightfall the fleet seemed to be heading north.",
        "indirect",
        "to be heading north",
        None,
    ),
    (
        "asked_whether",
        "Asked whether the bridge would close, Lena Park said the decision was weeks away.",
        "indirect",
        "whether the bridge would close",
        "Lena Park",
    ),
    (
        "stance_adjective",
        "Mayor Jon Ekberg is confident that the budget will pass next month.",
        "indirect",
        "the budget will pass next month",
        "Jon Ekberg",
    ),
    (
        "cue_after_to",
        "Omar Lind is continuing to insist the contract was fair to both sides.",
        "indirect",
        "the contract was fair to both sides",
        "Omar Lind",
    ),
    (
        "coordinated_first",
        "Ana Ruiz said the port was ready, but Omar Lind said the cranes were broken.",
        "indirect",
        "the port was ready",
        "Ana Ruiz",
    ),
    (
        "coordinated_second",
        "Ana Ruiz said the port was ready, but Omar Lind said the cranes were broken.",
        "indirect",
        "the cranes were broken",
        "Omar Lind",
    ),
    (
        "called_for",
        "Mayor Ada Brown called for a recount of the ballots, citing missing boxes.",
        "indirect",
        "a recount of the ballots",
        "Ada Brown",
    ),
    (
        "referring_after_quote",
        "“They never listened,” Omar Lind said, referring to the harbour board.",
        "indirect",
        "the harbour board",
        "Omar Lind",
    ),
    (
        "subject_after_opener",
        "In May, Ana Ruiz sided with the county, saying the new map was unfair.",
        "indirect",
        "the new map was unfair",
        "Ana Ruiz",
    ),
    (
        "dash_aside",
        "The pilot -- who had flown the route for years -- said the engines failed twice.",
        "indirect",
        "the engines failed twice",
        "The pilot",
    ),
]


@pytest.mark.parametrize("text,kind,content,speaker", [c[1:] for c in SHAPES], ids=[c[0] for c in SHAPES])
def test_attribution_shapes(text, kind, content, speaker):
    qs = [q for q in analyse(text).quotes if q.kind == kind and q.text == content]
    assert qs, [(q.kind, q.text, q.speaker) for q in analyse(text).quotes]
    assert qs[0].speaker == speaker
    assert _reported_span_holds(text[qs[0].start : qs[0].end], content)


def _reported_span_holds(span: str, words: str) -> bool:
    """A reported clause's span is its words, or "that" and its words."""
    return span == words or span == "that " + words


@pytest.mark.parametrize(
    "text",
    [
        "His support for the plan was never in doubt.",
        "The exports declined significantly from 2010 to 2015.",
        "She continues to fly to every event on her own plane.",
    ],
)
def test_cue_words_that_report_nothing(text):
    assert [q for q in analyse(text).quotes if q.kind == "indirect"] == []


@pytest.mark.parametrize(
    "unit",
    [
        "officials said the plan would work and ",
        "the port is ready, said Jane Doe, and ",
        "Officials said the talks would resume. “We are ready,” said Jane Doe. He said so.\n",
    ],
)
def test_long_run_on_text_keeps_each_record_bounded(unit):
    # What a 400 KB text with no paragraph break gives; how its cost grows with the
    # size is measured by bench/run_on_text.py, not here.
    text = unit * (400_000 // len(unit))
    a = analyse(text)
    assert all(q.end - q.start <= 3000 for q in a.quotes if q.kind == "indirect")
