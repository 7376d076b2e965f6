"""Invented articles in the style of the seed article, for the quote engine tests.

People, events and outlets are made up; only the writing conventions are real.
"""

LEAD_ARTICLE = """Minister says grain corridor will reopen after talks in Ankara

Turkish Foreign Minister Selin Kaya has said that the corridor will reopen “as soon as the guarantees are signed” by both sides.

Source: Kaya at a briefing in Ankara, quoted by the Turkish agency Anadolu

Details: Kaya also accused the shipping companies of allegedly inflating insurance costs, but she did not say which ones specifically. Kaya said that since the ports are ready, the first convoy could sail next week.

Quote from Kaya: “We have done everything that depends on us. The ships are waiting, the crews are waiting. Now the decision is in the hands of the parties.”

  • Tomas Berg, the head of the maritime monitoring mission, predicts that insurance premiums will fall by half within a month.
  • Mayor Ilse Varga said that the city port can handle twice as many ships as last year.

Lena Ortiz, a spokeswoman for the Harbour Authority, stated that inspections would take no more than two days. Piet Holm, the director of the Port Safety Board, stated that the board wants to finish the checks “within a week.”



  1. What a joke, they said the same “goodwill” story last spring.

    Liked by 2 people

Leave a Reply
"""

STYLE_ARTICLE = """Council approves budget after long debate

“We cannot keep borrowing to pay the interest on what we borrowed,” said Marta Lindqvist, the council's finance chair. “This budget ends that habit.”

“It is a good day for the city,” she added.

Opposition leader Karl Dunn told the BBC that the cuts would hit libraries first.

According to a council source, the vote was delayed twice because of missing paperwork.

The plan is unworkable, Dunn said on Tuesday.

In an interview with CNN, Lindqvist said the city would publish the full accounts in May.

Dunn wrote on Twitter: “Libraries are not a luxury.”

The mayor's office called the so-called reform a "sensible first step" in a statement.
"""

MULTI_PARAGRAPH = """Former judge Ana Petrova spoke at the hearing on Monday. Petrova said:

“The court was never told about the second contract.

“Nobody in that room had seen the papers, and nobody asked for them.

“That is why I resigned.”

Reporters were not allowed to ask questions.
"""

MARK_STYLES = {
    "curly_double": ("“Prices will fall,” Jonas Weber said.", "Prices will fall,", "Jonas Weber"),
    "straight_double": ('"Prices will fall," Jonas Weber said.', "Prices will fall,", "Jonas Weber"),
    "guillemets": ("«Prices will fall,» Jonas Weber said.", "Prices will fall,", "Jonas Weber"),
    "low_high": ("„Prices will fall,“ Jonas Weber said.", "Prices will fall,", "Jonas Weber"),
    "curly_single": ("‘Prices will fall,’ Jonas Weber said.", "Prices will fall,", "Jonas Weber"),
    "straight_single": ("'Prices will fall,' Jonas Weber said.", "Prices will fall,", "Jonas Weber"),
}

# A said line between a belief, a perception and a stance (the held-view tests of the
# engine and of the briefing)
FERRY_VIEWS = (
    "Ferry fees to rise by a third from March\n"
    "Harbour master Dana Reyes said the new toll would pay for dredging the northern channel.\n"
    "Reyes believes the ferry company will raise its prices again before the summer.\n"
    "Fishermen saw that the old ferry ran aground twice last winter.\n"
    "Shipping agents are confident that traffic will recover by the autumn.\n"
)

# Words said between intentions, decisions, a denial and a claim never made (the tests of
# the engine, the briefing, the answers and the bot that none of those reads as said)
BRIDGE_DEEDS = (
    "Kessel bridge to close for repairs in spring\n"
    "Mayor Ilse Varga plans to close the Kessel bridge for six weeks in April.\n"
    "Varga said the bridge would reopen before the summer.\n"
    "Council member Omar Lind refused to back the closure.\n"
    "Transport chief Rita Holm seeks to keep one lane open for buses.\n"
    "Holm vowed to reopen the lane within a week.\n"
    "Paul Brandt, the city's chief engineer, said the repairs would take six weeks.\n"
    "Brandt denied that the steel beams were “rusting through after forty winters.”\n"
    "Brandt never claimed the old bridge was unsafe.\n"
)
# what each record of BRIDGE_DEEDS holds, and whether it was said
BRIDGE_SAID = ("the bridge would reopen before the summer", "to reopen the lane within a week")
BRIDGE_NOT_SAID = (
    "to close the Kessel bridge for six weeks",
    "to back the closure",
    "to keep one lane open for buses",
    "the steel beams were",
    "rusting through after forty winters",
    "the old bridge was unsafe",
)
