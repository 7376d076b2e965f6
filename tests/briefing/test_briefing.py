"""The extractive briefing and its Telegram HTML, built from hand-made analyses."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

import pytest

from bot.briefing.extractive import extractive_briefing, lead_sentences
from bot.briefing.render import TELEGRAM_LIMIT, render_briefing
from bot.models import Analysis, Article, Framing, Quote
from tests.fakes.telegram_html import parse_html

TEXT = (
    "Harbour Minister Ida Lund has said that the port will reopen “once the cranes are certified” next week.\n"
    "Source: Lund at a briefing in Tallin, quoted by the Baltic Wire agency\n"
    "Details: Lund also accused the operator of allegedly hiding faults, but she did not say which ones.\n"
    "Quote from Lund: “We will not open a port that is not safe. The cranes come first.”\n"
    "Aron Pikk, the operator's chief executive, said the faults were fixed in March.\n"
    "According to the dock workers' union, inspections took two days.\n"
)


def _span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _article(
    text: str = TEXT, quotes: list[Quote] | None = None, title: str = "Port to reopen <soon> & safely"
) -> Article:
    lund = dict(speaker="Ida Lund", speaker_role="Harbour Minister", via="Baltic Wire")
    if quotes is None:
        quotes = [
            Quote(
                "partial", "once the cranes are certified", *_span("once the cranes are certified"), **lund, cue="said"
            ),
            Quote(
                "indirect",
                "the operator of allegedly hiding faults",
                *_span("the operator of allegedly"),
                **lund,
                cue="accused",
            ),
            Quote(
                "direct",
                "We will not open a port that is not safe. The cranes come first.",
                *_span("We will not open a port"),
                **lund,
            ),
            Quote(
                "indirect",
                "the faults were fixed in March",
                *_span("the faults were fixed in March"),
                speaker="Aron Pikk",
                speaker_role="the operator's chief executive",
                cue="said",
            ),
            Quote(
                "indirect",
                "inspections took two days",
                *_span("inspections took"),
                speaker="the dock workers' union",
                cue="according to",
                cue_kind="according",
            ),
        ]
    framing = (
        Framing("allegedly", *_span("allegedly"), "distancing"),
        Framing("she did not say which ones", *_span("she did not say"), "comment"),
    )
    return Article(
        url="https://port.example/a?x=1&y=2",
        text=text,
        title=title,
        outlet="Harbour <Times>",
        published=datetime(2026, 11, 20, tzinfo=UTC),
        analysis=Analysis(tuple(quotes), framing),
    )


def test_briefing_keeps_quotes_paraphrase_and_framing_apart():
    html = render_briefing(extractive_briefing(_article()))
    plain, _ = parse_html(html)  # valid Telegram HTML, or this raises
    on_record, reported = plain.split("On the record")[1].split("Reported, not quoted")
    assert "“We will not open a port that is not safe. The cranes come first.”" in on_record
    assert "Ida Lund, Harbour Minister (via Baltic Wire)" in on_record
    # Lund is on the record, so her paraphrase is not listed again.
    assert "Ida Lund" not in reported.split("Framing")[0]
    assert "Aron Pikk, the operator's chief executive, said the faults were fixed in March" in reported
    assert "According to the dock workers' union, inspections took two days" in reported
    assert "“allegedly”" in plain and "comment: “she did not say which ones”" in plain
    assert "via Baltic Wire" in plain.split("\n")[2]


def test_outlet_text_is_escaped():
    html = render_briefing(extractive_briefing(_article()))
    assert "<soon>" not in html and "&lt;soon&gt;" in html and "Harbour &lt;Times&gt;" in html
    assert 'href="https://port.example/a?x=1&amp;y=2"' in html


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Source: X, quoted by Y\nThe council voted to close the old bridge on Friday.",
            ["The council voted to close the old bridge on Friday."],
        ),
        (
            "Details: The council voted to close the old bridge on Friday.",
            ["The council voted to close the old bridge on Friday."],
        ),
        (
            "Quote from Lund: “We will not open a port that is not safe.”\nThe port stays shut until the cranes pass.",
            ["The port stays shut until the cranes pass."],
        ),
        ("Short.\nToo short too.", []),
        ("", []),
    ],
    ids=["source-line-skipped", "details-label-stripped", "quote-line-skipped", "too-short", "empty"],
)
def test_lead_sentences(text, expected):
    quoted = re.findall(r"“([^”]+)”", text)
    assert lead_sentences(text, quoted=quoted) == expected


def test_the_lead_never_repeats_a_direct_quote_as_the_outlets_words():
    briefing = extractive_briefing(_article())
    assert all("The cranes come first" not in sentence for sentence in briefing.report)


def test_many_long_quotes_still_fit_one_message():
    long_quote = " ".join(["The cranes must be certified before any ship may dock here."] * 40)
    text = "\n".join(f"Quote from Lund: “{long_quote}”" for _ in range(6))
    quotes, start = [], 0
    for _ in range(6):
        a = text.index(long_quote, start)
        quotes.append(Quote("direct", long_quote, a, a + len(long_quote), speaker="Ida Lund"))
        start = a + 1
    reported = [Quote("indirect", "x " * 200, 0, 1, speaker=f"Person {n}", cue="said") for n in range(40)]
    html = render_briefing(extractive_briefing(_article(text, quotes + reported, title="T " * 300)))
    plain, _ = parse_html(html)
    assert len(html) <= TELEGRAM_LIMIT and len(plain) <= TELEGRAM_LIMIT
    shown = re.findall(r"<blockquote>“(.*?)”</blockquote>", html, re.S)
    assert shown
    for quote in shown:  # a cut quote is still a verbatim prefix, marked as cut
        assert unescape(quote).removesuffix(" […]") in long_quote


def test_an_article_with_no_quotes_still_briefs():
    article = Article(
        url="https://port.example/b",
        text="The harbour closed for the storm on Tuesday morning.",
        title="Storm closes harbour",
    )
    plain, _ = parse_html(render_briefing(extractive_briefing(article)))
    assert "Storm closes harbour" in plain and "The harbour closed for the storm" in plain
    assert "On the record" not in plain


def test_a_quote_split_by_its_attribution_is_shown_as_one_quote():
    from bot.quotes import analyse

    text = (
        "The ferry board met on Monday.\n"
        "“These are hard weeks for the harbour,” said Oskar Lund, a lawyer for the dockworkers union, "
        "who has fought the board over wages for a decade. “I do not know what the board wants. "
        "But I doubt it can pay.”\n"
        "“We will sail on Friday,” said Ana Ruiz, the ferry captain.\n"
    )
    analysis = analyse(text)
    parts = [q for q in analysis.quotes if q.speaker == "Oskar Lund" and q.kind == "direct"]
    assert len(parts) == 2  # the analysis keeps each part verbatim, without the words between
    article = Article(url="https://port.example/c", text=text, title="Ferry board meets", analysis=analysis)
    plain, _ = parse_html(render_briefing(extractive_briefing(article)))
    on_record = plain.split("On the record")[1]
    assert (
        "“These are hard weeks for the harbour … I do not know what the board wants. "
        "But I doubt it can pay.”\n— Oskar Lund, a lawyer for the dockworkers union"
    ) in on_record
    assert on_record.count("Oskar Lund") == 1
    # the two parts take one of the three places, so the next speaker still gets hers
    assert "“We will sail on Friday,”\n— Ana Ruiz, the ferry captain" in on_record


@pytest.mark.parametrize(
    "cue, kind, line",
    [
        ("saying", "participle", "Ana Ruiz said the toll must go"),  # "…, saying …" reads in the past
        ("adding that", "participle", "Ana Ruiz added that the toll must go"),
        ("criticism", "noun", "Ana Ruiz: the toll must go"),  # "her criticism of …" is no verb
        (":", "label", "Ana Ruiz: the toll must go"),  # a headline label "Ruiz: …"
        ("warns", "verb", "Ana Ruiz warns the toll must go"),
        ("according to", "according", "According to Ana Ruiz, the toll must go"),
    ],
)
def test_a_paraphrase_reads_as_a_sentence_whatever_its_cue(cue, kind, line):
    text = "Ana Ruiz spoke at the harbour. The toll must go."
    span = (text.index("The toll"), len(text) - 1)
    quote = Quote("indirect", "the toll must go", *span, speaker="Ana Ruiz", cue=cue, cue_kind=kind)
    plain, _ = parse_html(render_briefing(extractive_briefing(_article(text, [quote]))))
    assert f"• {line}" in plain.split("Reported, not quoted")[1]


def _on_record_blocks(text: str) -> list[str]:
    from bot.quotes import analyse

    article = Article(url="https://port.example/t", text=text, title="Toll", analysis=analyse(text))
    plain, _ = parse_html(render_briefing(extractive_briefing(article)))
    return [b for b in plain.split("On the record")[1].split("Reported")[0].split("\n") if b.startswith("“")]


def test_one_entry_per_attribution_on_the_record():
    # the parts of one statement are one entry, even when the first ends on a full stop
    text = "The port authority met.\n“We have no other way.” Reyes said. “The river does not wait.”"
    assert _on_record_blocks(text) == ["“We have no other way. … The river does not wait.”"]
    # two statements of one speaker are two entries, even when the first ends on a comma
    text = (
        "The port authority met.\n“The toll stays as it is,” Reyes said.\n“Dredging starts in May,” Reyes said later."
    )
    assert _on_record_blocks(text) == ["“The toll stays as it is,”", "“Dredging starts in May,”"]
