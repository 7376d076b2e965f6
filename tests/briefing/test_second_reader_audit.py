"""A second careful read of briefings, line by line against their articles: each test is
one kind of line a reader was shown that the article does not bear out, on an invented
article run through the real quote engine."""

from __future__ import annotations

from bot.briefing.extractive import extractive_briefing
from bot.briefing.render import render_briefing
from bot.models import Analysis, Article, Quote
from bot.quotes import analyse
from bot.runtime import html_to_text


def _briefing(text: str, title: str | None = "Ferry fees to rise") -> str:
    article = Article(url="https://ledger.example.net/a", text=text, title=title, outlet="Coastal Ledger")
    article.analysis = analyse(text)
    return html_to_text(render_briefing(extractive_briefing(article)))


def _section(briefing: str, heading: str) -> list[str]:
    if heading not in briefing:
        return []
    lines = briefing.split(heading, 1)[1].split("\n\n", 1)[0].splitlines()
    return [line for line in lines[1:] if line.strip()]


def test_a_plain_text_article_opens_on_its_headline_shown_once():
    text = (
        "Harbour board votes to raise ferry fees by a third\n\n"
        "The island ferry will cost a third more from March after a vote on Monday evening.\n\n"
        "The board said the old boats could no longer be repaired and new ones had to be bought."
    )
    briefing = _briefing(text, title=None)
    assert briefing.splitlines()[0] == "Harbour board votes to raise ferry fees by a third"
    assert briefing.count("Harbour board votes to raise ferry fees") == 1


def test_a_quote_on_the_record_is_not_repeated_as_the_outlet_s_account():
    text = (
        "The island ferry will not sail until the northern pier is rebuilt.\n"
        "Hours later, the mayor answered the harbour board, telling the Ledger, "
        "“We will pay the crews until May and not a day less.”\n"
        "The board had asked the town to share the cost of the repairs."
    )
    briefing = _briefing(text)
    assert briefing.count("We will pay the crews until May and not a day less") == 1
    assert "“We will pay the crews until May and not a day less.”" in _section(briefing, "On the record")[0]


def test_a_line_that_only_puts_a_cue_to_a_short_quote_is_left_out():
    text = (
        "The island ferry will not sail until the northern pier is rebuilt.\n"
        "“Would you pay the crews yourself?” the reporter asked the mayor.\n"
        "The mayor then asked, “With what money?”\n"
        "The board had asked the town to share the cost of the repairs."
    )
    briefing = _briefing(text)
    assert "With what money" not in briefing  # a question of three words says nothing on its own


def test_a_paraphrase_inside_a_sentence_already_shown_is_not_credited_again():
    text = (
        "HARBOUR CITY — A spokesman for harbour minister Ida Lund called a report on the ferry accounts "
        "“misleading.”\n"
        "The report had found that the board paid twice for the same repairs to the northern pier."
    )
    briefing = _briefing(text)
    assert "A spokesman for harbour minister Ida Lund called" in briefing
    assert not any("Ida Lund" in line for line in _section(briefing, "Reported, not quoted"))


def test_a_speaker_named_only_as_what_another_noun_belongs_to_is_not_the_one_who_spoke():
    text = (
        "The island ferry will cost a third more from March.\n"
        "The board said the old boats could no longer be repaired.\n"
        "Repairs to the northern pier are expected to take until the end of April.\n"
        "A spokesman for the buyer said there was a plan to rebuild the pier by the summer."
    )
    words = "there was a plan to rebuild the pier by the summer"
    start = text.index(words)
    # the engine may name the noun's owner alone; the briefing then leaves the line out
    cut = Quote("indirect", words, start, start + len(words), speaker="the buyer", cue="said", cue_kind="verb")
    article = Article(url="https://ledger.example.net/a", text=text, title="Ferry fees", outlet="Coastal Ledger")
    article.analysis = Analysis((cut,), ())
    assert "the buyer said" not in html_to_text(render_briefing(extractive_briefing(article)))
    # named whole, the one who spoke is shown
    reported = _section(_briefing(text), "Reported, not quoted")
    assert not any(line.startswith("• the buyer") for line in reported)


def test_what_someone_wants_or_thinks_is_not_shown_as_said():
    text = (
        "The island ferry will cost a third more from March.\n"
        "The board said the old boats could no longer be repaired.\n"
        "Repairs to the northern pier are expected to take until the end of April.\n"
        "Fishermen want the old harbour reopened before the summer season starts.\n"
        "Harbour master Ivo Marek said the northern pier would be rebuilt by May."
    )
    reported = _section(_briefing(text), "Reported, not quoted")
    assert not any(line.startswith("• Fishermen") for line in reported)
    assert "• Ivo Marek, Harbour master, said the northern pier would be rebuilt by May" in reported


def test_a_pronoun_or_a_time_phrase_is_never_shown_as_the_speaker():
    text = (
        "The island ferry will cost a third more from March.\n"
        "The board said the old boats could no longer be repaired.\n"
        "Repairs to the northern pier are expected to take until the end of April.\n"
        "You’ll see nothing like that in the council's leaflets, which focus on the new ferry timetable.\n"
        "After years adding berths at breakneck speed, the port finally acknowledged the costs."
    )
    reported = _section(_briefing(text), "Reported, not quoted")
    assert not any(line.startswith(("• You", "• After")) for line in reported)


def test_a_few_words_of_an_answer_are_not_a_quote_on_their_own():
    text = (
        "The island ferry will cost a third more from March.\n"
        "Asked whether the town would pay the difference, the mayor shrugged.\n"
        "“You tell me,” Mayor Lena Ostrova said.\n"
        "“The board has no money left for the winter timetable,” said Ivo Marek, the harbour master."
    )
    on_record = _section(_briefing(text), "On the record")
    assert not any("You tell me" in line for line in on_record)
    assert "“The board has no money left for the winter timetable,”" in on_record


def test_one_interview_given_to_a_broadcaster_does_not_make_the_article_its():
    text = (
        "The island ferry will cost a third more from March.\n"
        "“The board has no money left for the winter timetable,” said Ivo Marek, the harbour master.\n"
        "“We will not raise the fees again this year,” Mayor Lena Ostrova said.\n"
        "“The boats are older than the pier,” said Ana Ruiz, the ferry captain.\n"
        "“Nobody asked the islanders what they can pay,” shopkeeper Ole Berg told Harbour TV."
    )
    header = _briefing(text).split("\n\n", 1)[0]
    assert "via" not in header


def test_the_wire_agency_in_the_dateline_is_named_as_the_source():
    text = (
        "PORT ELLIS (Harbour News) – The island ferry will cost a third more from March.\n"
        "“The board has no money left for the winter timetable,” Ivo Marek told Harbour News.\n"
        "“We will not raise the fees again this year,” Mayor Lena Ostrova said."
    )
    header = _briefing(text).split("\n\n", 1)[0]
    assert "via Harbour News" in header


def test_words_holding_another_speaker_s_statement_are_not_one_speaker_s():
    text = (
        "The island ferry will cost a third more from March.\n"
        "The board said the old boats could no longer be repaired.\n"
        "Repairs to the northern pier are expected to take until the end of April.\n"
        "The port authority has been warning that it is running out of cash, and Ms. Ruiz said "
        "the cuts she had made so far were not enough."
    )
    reported = _section(_briefing(text), "Reported, not quoted")
    assert not any("port authority" in line for line in reported)


def test_the_one_told_is_not_read_as_the_speaker():
    text = (
        "The island ferry will cost a third more from March.\n"
        "The board said the old boats could no longer be repaired.\n"
        "Repairs to the northern pier are expected to take until the end of April.\n"
        "At the meeting, Ann Roe, the union leader, turned on the mayor, telling her in front of the crews "
        "that she should resign before the summer."
    )
    reported = _section(_briefing(text), "Reported, not quoted")
    assert not any(line.startswith("• Ann Roe") and "she should resign" in line for line in reported)


def test_a_dateline_is_not_part_of_what_officials_said():
    text = (
        "HARBOUR CITY - The island ferry will sail again in May, Island officials said Wednesday.\n"
        "The board had asked the town to share the cost of the repairs to the northern pier."
    )
    reported = _section(_briefing(text), "Reported, not quoted")
    assert reported[0] == "• Island officials said the island ferry will sail again in May"


def test_an_embed_s_markup_is_not_the_outlet_s_account():
    text = (
        "The island ferry will cost a third more from March.\n\n"
        '<post pic="" author="harbourwatch" post_id="2231">The new fees are theft. '
        "Nobody on the island can pay them, and the board knows it.</post>.\n\n"
        "The board said the old boats could no longer be repaired and new ones had to be bought."
    )
    briefing = _briefing(text)
    assert "<post" not in briefing and "</post>" not in briefing


def test_a_name_cut_before_its_date_is_not_shown_as_the_speaker():
    text = (
        "The island ferry will cost a third more from March.\n"
        "The board said the old boats could no longer be repaired.\n"
        "Repairs to the northern pier are expected to take until the end of April.\n"
        "The audit published Tuesday showed that the board paid twice for the same repairs."
    )
    reported = _section(_briefing(text), "Reported, not quoted")
    assert not any("audit published showed" in line for line in reported)


def test_a_sentence_going_on_after_a_colon_is_shown_whole():
    text = (
        "The island ferry will cost a third more from March.\n"
        "The aim is clear: that the islanders pay for boats the town never wanted."
    )
    report = _section(_briefing(text), "What Coastal Ledger reports")
    assert "• The aim is clear: that the islanders pay for boats the town never wanted." in report


def test_a_fragment_of_a_few_words_is_left_in_its_sentence():
    text = (
        "The island ferry will cost a third more from March.\n"
        "The board said the old boats could no longer be repaired.\n"
        "Repairs to the northern pier are expected to take until the end of April.\n"
        "Mayor Lena Ostrova dismissed the island of Vell as a “suburb of Port Ellis” at the meeting."
    )
    on_record = _section(_briefing(text), "On the record")
    assert not any("suburb of Port Ellis" in line for line in on_record)


def test_who_backs_whom_is_not_shown_as_said():
    text = (
        "The island ferry will cost a third more from March.\n"
        "The board said the old boats could no longer be repaired.\n"
        "Repairs to the northern pier are expected to take until the end of April.\n"
        "The mayor was asked how to win over the angry fishermen now backing him to vote for the fees."
    )
    words = "him to vote for the fees"
    start = text.index(words)
    fishermen = dict(speaker="the angry fishermen", cue="backing", cue_kind="participle")
    quote = Quote("indirect", words, start, start + len(words), **fishermen)
    article = Article(url="https://ledger.example.net/a", text=text, title="Ferry fees", outlet="Coastal Ledger")
    article.analysis = Analysis((quote,), ())
    briefing = html_to_text(render_briefing(extractive_briefing(article)))
    assert "Reported, not quoted" not in briefing
