"""What a careful reader sees in a briefing of our own articles: whole sentences in the
outlet's account, no lead-in lines, and no claim shown without the source it came from."""

from __future__ import annotations

from bot.briefing.extractive import extractive_briefing, pick_on_record
from bot.briefing.render import render_briefing
from bot.briefing.roles import presentable_role
from bot.models import Article, Quote
from bot.quotes import analyse
from bot.runtime import html_to_text


def _briefing(text: str, title: str = "Ferry fees to rise") -> str:
    article = Article(url="https://ledger.example.net/a", text=text, title=title, outlet="Coastal Ledger")
    article.analysis = analyse(text)
    return html_to_text(render_briefing(extractive_briefing(article)))


def _section(briefing: str, heading: str) -> list[str]:
    lines = briefing.split(heading, 1)[1].split("\n\n", 1)[0].splitlines()
    return [line for line in lines[1:] if line.strip()]


def test_a_date_or_an_initial_does_not_end_a_lead_sentence():
    text = (
        "The ferry line was closed after the Sept. 14 storm damaged the northern pier beyond repair.\n"
        "The repairs were planned by engineer R.J. Oakes of the harbour board over the winter months."
    )
    report = _section(_briefing(text), "What Coastal Ledger reports")
    assert report == [
        "• The ferry line was closed after the Sept. 14 storm damaged the northern pier beyond repair.",
        "• The repairs were planned by engineer R.J. Oakes of the harbour board over the winter months.",
    ]


def test_a_line_leading_into_a_quoted_passage_is_not_a_statement():
    text = (
        "Ferry fees on the island route will rise by a third from March, the operator confirmed.\n"
        "The Harbour Gazette reported on the decision last week:\n"
        "“The board has no money left for the winter timetable and must charge more.”"
    )
    briefing = _briefing(text)
    assert "reported on the decision last week:" not in briefing
    assert "• the operator confirmed ferry fees on the island route will rise by a third from March" in briefing


def test_a_claim_reported_inside_another_source_s_report_keeps_that_source():
    text = (
        "The island ferry will not sail this winter.\n"
        "Mayor Lena Ostrova had told the harbour board that she wanted the ferry kept running, "
        "but the board overruled her, a council source said.\n"
        "Harbour master Ivo Marek said the pier would be rebuilt by May."
    )
    reported = _section(_briefing(text), "Reported, not quoted")
    assert not any(line.startswith("• Lena Ostrova") for line in reported)
    assert "• Ivo Marek, Harbour master, said the pier would be rebuilt by May" in reported


def test_a_phrase_cut_out_of_a_sentence_is_never_shown_as_the_speaker():
    quotes = (
        Quote("direct", "The pier is safe,", 1, 18, speaker="board's earlier letter on the ferry was", cue="say"),
        Quote("direct", "The pier is safe now,", 78, 99, speaker="Ann Reyes", cue="said"),
    )
    assert [q.speaker for q in pick_on_record(quotes)] == ["Ann Reyes"]


def test_a_role_is_never_shown_cut_inside_a_word_or_after_a_dangling_word():
    text = (
        "“Fees must rise,” said Ann Reyes, an economist who led the port board and is now president of "
        "the Harbour Trust. “Not now,” said Ivo Marek, a professor of law and the editor of The Quay."
    )
    cut = Quote(
        "direct",
        "Fees must rise,",
        1,
        16,
        speaker="Ann Reyes",
        speaker_role=("an economist who led the port board and is now president o"),
    )
    dangling = Quote(
        "direct", "Not now,", 116, 124, speaker="Ivo Marek", speaker_role=("a professor of law and the editor of")
    )
    assert presentable_role(cut, text) == "an economist who led the port board and is now president"
    assert presentable_role(dangling, text) == "a professor of law and the editor"


def test_told_without_the_one_told_is_not_shown_as_a_verb():
    text = (
        "The island ferry will not sail this winter.\n"
        "The harbour board closed the northern pier after the storm in October.\n"
        "Repairs to the pier are expected to take until the end of April.\n"
        "Mayor Lena Ostrova told dock workers on Monday that the town would pay their wages until May."
    )
    reported = _section(_briefing(text), "Reported, not quoted")
    assert reported == ["• Lena Ostrova, Mayor: the town would pay their wages until May"]


def test_a_deck_or_subheading_is_not_shown_as_a_statement():
    text = (
        "Member of port board says ferry fees must rise before winter.\n"
        "The island ferry will cost a third more from March, the harbour board decided on Monday evening.\n"
        "Harbour master says pier repairs come first\n"
        "Harbour master Ivo Marek said the northern pier would be rebuilt by May."
    )
    briefing = _briefing(text)
    assert "Member of port board" not in briefing
    assert "pier repairs come first" not in briefing
    assert "• Ivo Marek, Harbour master, said the northern pier would be rebuilt by May" in _section(
        briefing, "Reported, not quoted"
    )


def test_a_programme_schedule_is_not_the_outlet_s_account():
    text = (
        "The island ferry will cost a third more from March, the harbour board decided on Monday evening.\n"
        "Morning Quay airs on Harbour Radio 101 weekdays from 6:00 a.m. to 9:00 a.m. local time."
    )
    assert "airs on Harbour Radio" not in _briefing(text)


def test_a_paraphrase_is_shown_once_under_its_source():
    text = (
        "The island ferry will not sail this winter, the harbour board announced on Monday evening.\n"
        "Repairs to the northern pier are expected to take until the end of May next year."
    )
    briefing = _briefing(text)
    assert briefing.count("the island ferry will not sail this winter") == 1
    assert _section(briefing, "What Coastal Ledger reports") == [
        "Repairs to the northern pier are expected to take until the end of May next year."
    ]


def test_a_lead_sentence_does_not_stop_inside_a_quote_in_doubled_apostrophes():
    text = (
        "The island ferry will cost a third more from March after a long winter of repairs.\n"
        "''This is no reform,'' said Ann Reyes, who chairs the port users' group. ''It is a toll.\n"
        "''We will pay it,'' she added."
    )
    report = _section(_briefing(text), "What Coastal Ledger reports")
    assert not any("''" in line for line in report)


def test_a_paraphrase_whose_cue_is_not_next_to_its_words_is_left_out():
    text = (
        "The island ferry will not sail this winter.\n"
        "These deckhands, harbour master Ivo Marek explained at the hearing, were paid until March.\n"
        "Mayor Lena Ostrova continues to insist, most recently on local radio, that the pier is safe.\n"
        "Council leader Tom Haas was worried about the cost of the new pier for the town.\n"
        "The harbour, as one of Mr. Marek's engineers pointed out, rarely freezes in winter.\n"
        "Port manager Ann Reyes said on Monday that the repairs would take until May."
    )
    reported = _section(_briefing(text), "Reported, not quoted")
    assert reported == ["• Ann Reyes, Port manager, said the repairs would take until May"]
