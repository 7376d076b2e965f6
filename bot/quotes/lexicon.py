"""Word lists the rules rely on: reporting verbs, titles, source nouns.

Written for this project from the reporting conventions of English news
writing; extend here, never inline in the rules.
"""

from __future__ import annotations


def _forms(base: str) -> set[str]:
    """Regular inflections of a verb: say -> says, saying (irregulars listed)."""
    if base.endswith("ee"):
        return {base, base + "s", base + "d", base + "ing"}
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    if base[-1] in "ptg" and base[-2] in "aeiou" and base[-3] not in "aeiou" and len(base) <= 6:
        return {base, base + "s", base + base[-1] + "ed", base + base[-1] + "ing"}
    if len(base) == 3 and base[-1] in "bdmn" and base[1] in "aeiou" and base[0] not in "aeiou":
        return {base, base + "s", base + base[-1] + "ed", base + base[-1] + "ing"}  # dub -> dubbed
    if base.endswith(("sh", "ch", "ss", "x")):
        return {base, base + "es", base + "ed", base + "ing"}
    return {base, base + "s", base + "ed", base + "ing"}


# Stance and evidence verbs ("called X reckless", "polls show …", "wants to …"):
# the corpus annotates them, but inside someone else's reported words they are
# part of that content, not a new attribution (see WEAK_CUES). The first line
# are acts of words (naming, citing, rejecting); the second stances and deeds.
_WEAK_SAY = "call describe defend cite propose reject dismiss express imply".split()
_WEAK_STANCE = "want endorse support oppose decline refuse plan demonstrate".split()  # "declined to comment" too
_WEAK_REGULAR = _WEAK_SAY + _WEAK_STANCE

# Verbs whose object is what was said: "X <verb> (that) CONTENT". Acts of words:
# saying, claiming, asking, accusing, praising.
_SAY_REGULAR = """add announce argue assert acknowledge admit allege answer boast
claim comment complain concede confirm contend declare deny emphasize emphasise
estimate explain insist maintain mention note observe predict proclaim promise
recall remark repeat reply report respond reveal state stress suggest testify
tweet post warn vow pledge conclude continue caution counter disclose indicate
signal posit retort scoff quip joke charge urge demand accuse blame criticize
criticise praise ask question reiterate underscore lament remind condemn hint
plead threaten implore beg muse opine exclaim shout whisper recount outline brag
gloat fume dispute rebut refute reassure guarantee exhort downplay characterize
characterise dub congratulate commend laud champion contradict clarify quote
reaffirm specify confide confess apologize apologise bemoan deplore chastise
rebuke float heckle vouch trumpet justify extol persuade dwell grouse inform
liken attribute evoke equate admonish reference""".split()
# Verbs of thinking, feeling and expecting: a view held, voiced or not.
_THINK_REGULAR = """believe fear hope worry guess wonder agree disagree reckon
suspect recognize recognise realize realise anticipate remember regret calculate
ponder mull contemplate surmise""".split()
_SPEECH_REGULAR = _SAY_REGULAR + _THINK_REGULAR + _WEAK_REGULAR
# Verbs whose other forms are mostly nouns or non-speech uses ("an email", "the issues"):
# only these forms, each measured to hold reported content more often than not.
# The first line are acts of words, the second views and deeds.
_EXTRA_SAY = """requested echoed echoing challenged emailed voiced portrayed highlighted chanting
recommended retweeted assured""".split()
_EXTRA_FORMS = frozenset(
    _EXTRA_SAY
    + "offered prefer prefers identified learned listed promoting sounded encouraged ordered decided deciding".split()
)

_SPEECH_IRREGULAR = {
    "say": {"say", "says", "said", "saying"},
    "tell": {"tell", "tells", "told", "telling"},
    "write": {"write", "writes", "wrote", "writing", "written"},
    "think": {"think", "thinks", "thought", "thinking"},
    "tweet": {"tweet", "tweets", "tweeted", "tweeting"},
    "admit": {"admit", "admits", "admitted", "admitting"},
    "forecast": {"forecast", "forecasts", "forecasting"},
    "put": {"put", "puts"},
    # polls, studies and records "show" or "find" things as people say them
    "show": {"show", "shows", "showed", "showing", "shown"},
    "find": {"find", "finds", "found", "finding"},
    "know": {"know", "knows", "knew"},
    "see": {"see", "sees", "saw"},
    "seek": {"seek", "seeks", "sought", "seeking"},
    "feel": {"feel", "feels", "felt"},
    "swear": {"swear", "swears", "swore", "sworn", "swearing"},
    "foresee": {"foresee", "foresees", "foresaw", "foreseeing"},
}
_WEAK_IRREGULAR = ("show", "find", "know", "see", "seek", "feel")

CUE_VERBS: frozenset[str] = frozenset(
    {f for v in _SPEECH_REGULAR for f in _forms(v)}
    | {f for forms in _SPEECH_IRREGULAR.values() for f in forms}
    | _EXTRA_FORMS
) - {"put", "puts", "putting"}

WEAK_CUES = frozenset(
    {f for v in _WEAK_REGULAR for f in _forms(v)} | {f for v in _WEAK_IRREGULAR for f in _SPEECH_IRREGULAR[v]}
)
# Cues whose content is an infinitive: "promised to build a wall", "declined to comment".
TO_CUES = WEAK_CUES | frozenset(
    f
    for v in (
        "promise",
        "pledge",
        "vow",
        "agree",
        "refuse",
        "decline",
        "hope",
        "decide",
        "plan",
        "threaten",
        "demand",
        "urge",
        "continue",
    )
    for f in _forms(v)
)
# Naming cues: a quotation inside "called X “a sensible step”" is the label given, not a partial quote.
NAMING_CUES = frozenset(_forms("call") | _forms("describe"))
# Cues that give a name: after them a quotation is the name given, and what was said
# ends with it ("dubbed the plan “a joke” and moved on").
LABEL_CUES = NAMING_CUES | frozenset(_forms("dub") | _forms("label") | _forms("brand") | _forms("characterize"))

# Cues that ask: the quote after a question is most likely someone else's answer.
QUESTION_CUES = frozenset(_forms("ask") | _forms("wonder") | _forms("question") | _forms("inquire"))

# Cues that take a person before the content: "told Reuters that ...",
# "accused Ukraine of ...", "urged Congress to ...".
OBJECT_CUES = frozenset(
    _forms("tell")
    | {"told"}
    | _forms("accuse")
    | _forms("urge")
    | _forms("warn")
    | _forms("ask")
    | _forms("remind")
    | _forms("assure")
    | _forms("inform")
    | _forms("blame")
    | _forms("promise")
)

# Cues strong enough to stand after a quote: "“...,” he said."
TAIL_CUES = frozenset(
    f
    for v in (
        "say",
        "tell",
        "add",
        "write",
        "tweet",
        "explain",
        "note",
        "state",
        "continue",
        "argue",
        "claim",
        "insist",
        "warn",
        "ask",
        "declare",
        "respond",
        "reply",
        "recall",
        "observe",
        "remark",
        "quip",
        "joke",
        "conclude",
        "admit",
        "acknowledge",
        "predict",
        "announce",
        "complain",
        "concede",
        "retort",
        "counter",
        "caution",
        "emphasize",
        "stress",
        "repeat",
        "suggest",
        "boast",
    )
    for f in (_SPEECH_IRREGULAR.get(v) or _forms(v))
)

# Words that may stand between a subject and its cue: "has also said".
AUX = frozenset(
    """has have had also later then previously recently repeatedly once
again publicly privately would will did does do is was were are been be being
not never often frequently further told reportedly apparently just even still
already separately earlier subsequently finally quickly flatly bluntly simply
""".split()
) - {"told"}

# Personal pronouns that can be the subject of a clause ("he said", "we think").
SUBJECT_PRONOUNS = frozenset("he she they it we i".split())
# Forms of "be": before a cue's past participle they make it passive ("was endorsed by …").
BE = frozenset("is are was were be been being 's ’s".split())
PRONOUNS = SUBJECT_PRONOUNS | {"you"}

# Titles written with a dot before a name: "Sen. Lind", "Lt. Col. Ames", "St. Clair".
DOT_TITLES = frozenset("mr mrs ms dr sen rep gov gen lt col st rev prof".split())

# Prepositions that head a phrase of time, place or manner ("During the debate,
# …", "for allegedly grabbing", "Through a spokesman, …").
PREPOSITIONS = frozenset(
    """in on at after before during since by for with from of without about through
amid despite following under over""".split()
)
# Prepositions that open a phrase of place or time, never a speaker's noun phrase ("at the
# town hall in July", "on Tuesday", "despite the warnings"); "of" may follow a share ("46% of voters").
PLACE_TIME_PREPOSITIONS = frozenset("at on from despite during through without amid into onto against".split())
# Prepositions before a programme's or a work's title: "said on “This Week”", "wrote in “…”".
TITLE_PREPOSITIONS = PREPOSITIONS & frozenset("on in at from with by during".split())
SUBJECT_STOP = frozenset(
    """the a an this that these those it its there here which who
what when where while as if but and or so because although though than then""".split()
)

# Words that make a capitalised run a title rather than a name.
TITLES = frozenset(
    """president vice prime minister secretary senator sen sen. rep rep.
representative governor gov gov. mayor chancellor king queen prince princess pope
general gen gen. colonel col admiral commander chief director chairman chairwoman chair
speaker leader spokesman spokeswoman spokesperson ambassador judge justice attorney
councillor councilman councilwoman congressman congresswoman premier foreign defence defense
interior finance deputy head former acting candidate nominee dr dr. mr mr. mrs mrs. ms ms.
professor prof adviser advisor aide officer minister's commissioner sheriff lawmaker
economist analyst pollster strategist founder ceo executive manager host anchor retired
correspondent editor columnist reporter presidential republican democratic democrat
gop state house senate white u.s us russian ukrainian american british french german
chinese israeli iranian secretary-general lt sgt capt majority minority whip
""".split()
)

# Common nouns that can be an unnamed or collective source.
SOURCE_NOUNS = frozenset(
    """official officials source sources spokesman spokeswoman
spokesperson spokespeople aide aides adviser advisers advisor advisors analyst analysts
expert experts critic critics observer observers lawmaker lawmakers diplomat diplomats
police authorities government ministry kremlin campaign administration report reports
study survey poll polls statement witness witnesses resident residents leader leaders
president minister senator governor mayor chairman director candidate supporters
supporter voters voter democrats republicans people residents prosecutors prosecutor
investigators military army officer officers committee agency department group
organization organisation company firm spokesmen representatives representative
economists scientists researchers doctors activists protesters opponents allies
members member team staff office court judge lawyer lawyers attorney attorneys
history evidence research data
""".split()
)

ORG_WORDS = frozenset(
    """Ministry Department Party Committee Council Agency Office Kremlin
Pentagon House Commission Bureau Campaign Association Institute University Center Centre
Foundation Union Bank Corporation Inc Corp Company Group Court Administration Senate
Congress Parliament Government Army Police Service Times Post Journal News Network
Systems Holdings Industries Technologies Airlines Airways Motors Partners Capital Media Labs
Energy Pharmaceuticals LLC Ltd Co GmbH Authority Board Fund Trust Reserve Railways
Survey Poll Census Study Index""".split()
)

OUTLET_WORDS = frozenset(
    """News Times Post Journal Radio TV Television Agency Press Herald
Tribune Guardian Telegraph Gazette Network Channel Daily Weekly Magazine Observer
""".split()
)
KNOWN_OUTLETS = frozenset(
    """Reuters AP AFP BBC CNN RBK TASS Interfax RIA Bloomberg NBC ABC CBS
NPR MSNBC Fox Politico Axios RT Ukrinform Meduza Kommersant Izvestia Vedomosti Breitbart
Newsweek Vox Slate Axios Xinhua Yonhap Kyodo DW Euronews Al-Jazeera Jazeera Sky ITV
Ukrainska Pravda Interfax-Ukraine Suspilne Liga Gazeta""".split()
)

DAYS_MONTHS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December
""".split()
)

# Verbs that are also common nouns ("the state", "a report", "his comments"):
# only their -ed/-ing forms count as cues.
_NOUNY = """state question report comment post answer charge signal counter fear hope worry
guess joke promise pledge vow demand blame praise caution estimate respond""".split()
CUE_VERBS = CUE_VERBS - {b for b in _NOUNY} - {b + "s" for b in _NOUNY} - {"reports"} | {"reports"}
# Their noun forms are verbs again before "that" or "to": "she hopes to", "he fears that".
NOUNY_VERBS = frozenset({b for b in _NOUNY} | {b + "s" for b in _NOUNY}) - {"hope", "state", "states"}

# Verbs of attacking or praising someone: the content is their object, a noun phrase
# ("blasted the ruling during a rally"), so it ends before the adjuncts.
NP_CUES = (
    frozenset(
        f
        for v in """blast slam attack mock denounce decry tout lambaste thank
deride ridicule chide scold""".split()
        for f in _forms(v)
        if f.endswith(("ed", "ing"))
    )
    | {"ripped", "slams", "slammed", "slamming"}
    | frozenset(f for v in ("endorse", "support", "oppose") for f in _forms(v))
    | frozenset(["backing"])
)
# Their present forms are verbs in news too ("Trump blasts the ruling", "X praises Y"),
# and so are verbs of hailing and assailing.
NP_CUES = (
    NP_CUES
    | frozenset(
        f
        for v in """blast mock denounce decry tout lambaste deride ridicule chide
scold assail hail applaud""".split()
        for f in _forms(v)
    )
    | {"praises"}
)
CUE_VERBS = CUE_VERBS | NP_CUES

# Raising verbs: "Trump seemed to suggest …", "the bank is expected to …"; the
# whole clause is the content and nobody is named as its source.
RAISING = frozenset("seem seems seemed appear appears appeared expected".split())
# Hearsay adverbs: "X reportedly spent …" puts the whole clause on an unnamed source.
HEARSAY = frozenset("reportedly allegedly supposedly purportedly reputedly".split())

# Capitalised only because they open a sentence: never part of a name.
LEADING_NOISE = frozenset(
    """the a an this that these those it its there here which who what
when where while as if but and or so because although though than then last on in at after
before during since for with by from like new meanwhile also still yet however today
yesterday now even only just more most some many all both each every no not""".split()
)

# Leading words that open place and paper names ("New York", "New Jersey"): before
# another name word they are part of the name, not a sentence's opening noise.
NAME_OPENERS = frozenset("new".split())
# Title words that only qualify an office ("British Prime Minister", "White House
# aide"); before an organisation's name with no office word they are part of that
# name ("British Medical Journal", "White House"), not a role.
TITLE_MODIFIERS = frozenset(
    """foreign defence defense interior finance deputy former acting presidential
republican democratic democrat gop state house senate white u.s us russian ukrainian
american british french german chinese israeli iranian vice prime retired majority minority""".split()
)

# Cue forms that, measured on annotated news, mostly misfire as reported-speech
# cues: nouns ("his remarks", "a tweet") or aspect verbs ("continues to fly").
# They stay cues after a quotation ("“…,” he continued").
NOT_INDIRECT = frozenset(
    """continue continues continuing continued remarks tweet tweets find thinking
announcing maintains reporting written support supporting thought""".split()
)
# A cue followed by one of these is a noun: "support for", "plans were", "claims of".
NOUN_NEXT = frozenset("among of is was are were has had have".split())
NOUN_FOR = frozenset(_forms("support") | {"plan", "plans", "call", "calls", "pledged", "claim", "claims"})

# Adjectives of stance after "be": "is confident that", "was eager to", "are skeptical about".
ADJ_CUES = frozenset(
    """confident convinced aware skeptical sceptical eager sure certain optimistic
hopeful worried concerned adamant determined pessimistic unsure uncertain doubtful""".split()
)
# Stance adjectives whose content follows "of": "was critical of the deal", "is wary of Russia".
ADJ_OF = frozenset(
    """critical supportive dismissive skeptical sceptical wary scornful suspicious
distrustful protective defensive respectful appreciative fond proud""".split()
)
# Nouns that carry someone's claim: "Trump's assertion that …", "the suggestion that …".
NOUN_CUES = frozenset(
    """statement claims concern concerns suggestion belief warning contention
insistence allegation assurances speculation rumors complaints perception admission""".split()
)

# Stance verbs that are nouns as often ("the hope that", "fears of war"): cues only
# right after a subject ("Party leaders hope …", "Experts expect …").
SUBJECT_STANCE = frozenset("""hope hopes expect expects worry worries doubt doubts wish wishes""".split())

# Nouns of stance held by someone ("his criticism of", "Trump’s attacks on", "her promise
# to"), with the prepositions that open their content.
OWNED_CUES = {
    "criticism": ("of",),
    "criticisms": ("of",),
    "attacks": ("on", "against"),
    "attack": ("on", "against"),
    "opposition": ("to",),
    "promise": ("to", "that"),
    "promises": ("to", "that"),
    "calls": ("for",),
    "call": ("for",),
    "condemnation": ("of",),
    "denunciation": ("of",),
    "rejection": ("of",),
}

# Prepositions that tie a name to the noun before it: "a spokesperson for Baltline",
# "the court in Cleveland", "officials near the border".
NP_LINKS = frozenset("for of in at from with near outside".split())

# Words that open a noun phrase before a speaker: "the minister", "two officials".
DETERMINERS = frozenset("the a an one two three several some many most other another his her their its our".split())
# Words a speaker's noun phrase cannot run back over.
NP_BREAK = frozenset(
    "that and but or nor when while as if because although though whereas unless who which what where".split()
    + 'said says told , ; : ( ) “ ” " —'.split()
)
# Adverbs between a name and its cue ("Paul Brandt no longer claims", "X still insists"):
# what the person did, never part of the name.
NAME_VERB_ADVERBS = frozenset("no longer also still later now never then again once already even just".split())
# Job words that may open a sentence before a full name ("Engineer Paul Brandt said"):
# the job is the role, not part of the name.
JOB_NOUNS = frozenset(
    """engineer farmer teacher nurse doctor lawyer worker driver builder designer architect
scientist researcher historian student activist author writer novelist artist singer actor
actress pastor priest rabbi imam coach captain skipper pilot detective inspector trader banker
investor owner entrepreneur consultant contractor surgeon physician psychologist campaigner
organiser organizer volunteer fisherman shopkeeper landlord tenant veteran blogger journalist
photographer filmmaker producer comedian lecturer""".split()
)
# What may end a name after its surname: "James Doe Jr.", "Henry Ford II".
NAME_SUFFIXES = frozenset("jr sr ii iii".split())
# Lower-case words inside a name: "Bank of England", "Ursula von der Leyen".
NAME_CONNECTORS = frozenset({"of", "for", "at", "de", "van", "von", "al", "bin", "la", "le", "del"})

# Object-taking cues whose object is the listener, not part of the content.
LISTENER_CUES = frozenset(
    "tell tells told telling inform informed informs assure assured assures remind reminded reminds".split()
)
# Verbs whose object is spoken to or asked, never the speaker: "told a young woman who …",
# "urged the mayor to …" (the inverted "“…?” asked Ann Roe" is the cue itself, not this).
SPOKEN_TO = LISTENER_CUES | frozenset(_forms("ask") | _forms("urge") | _forms("warn") | _forms("advise"))
# What carries someone's words, never a speaker when it is the object of a verb: "sent an
# email saying …", "ran a piece that noted …": whoever sent or ran it speaks.
MEDIA_NOUNS = frozenset(
    """email e-mail emails letter letters memo memos statement message messages text texts tweet
post release note notice article story piece column op-ed editorial cover response reply ad ads
advertisement spot video clip flyer mailer petition leaflet pamphlet report""".split()
)
# Speech verbs whose words follow at once, without "that": "and later said she would …".
SAY_ADD = frozenset("said says say saying added adds adding".split())
# After a quote closed by a comma, words that open the outlet's own clause
# ("…,” which angered …"), not more of what was said.
OWN_CLAUSE_OPENERS = frozenset("which though although while whereas before".split())
# Adjuncts that sit between a cue and its "that"/"whether"/"to" and go with the cue:
# "said repeatedly that", "has said for months that", "asked on Monday whether".
# Lowercase "-ly" adverbs count too (see bot.quotes.content_edges).
CUE_ADJUNCT_ADVERBS = frozenset(
    """however instead also again then later today yesterday tonight recently earlier
twice too privately publicly""".split()
)
# The time words of such an adjunct: "on Monday", "for weeks", "over the weekend".
ADJUNCT_TIME_WORDS = frozenset(
    """day days week weeks weekend month months year years decade decades night morning
afternoon evening""".split()
)
# ("now" and "once" stay out: "said now that …" and "once that …" open the clause itself)
ADJUNCT_TIME_LEADS = frozenset("on last this next early late earlier later over for in the".split())
# Adverbs between "and" and a second cue of the same subject: "and later said".
SECOND_CUE_ADVERBS = frozenset("then later also again".split())
# The plain speech verbs: "X said and Y agreed" splits at "and" only after these.
SAY_TELL_ADD = frozenset("said says say added adds told tells".split())
# Cues that only pass words on ("X said …", "according to X, …", "X posted …"): a
# speaker named inside their content is the content's own subject, reported by X.
REPORTING_CUES = frozenset(
    {
        f
        for v in ("say", "tell", "add", "note", "report", "claim", "respond", "post")
        for f in (_SPEECH_IRREGULAR.get(v) or _forms(v))
    }
    | {"according to", ":"}
)
# Finite speech verbs that do not end in "-ed".
FINITE_SPEECH = frozenset("said told wrote says tells writes adds".split())
# "called for a ban", "called on Congress to act".
CALL = frozenset("call calls called calling".split())
# "warned of / against X": the object of the particle is what was warned about.
WARN = frozenset("warn warns warned warning cautioned cautions".split())
# Cues whose object is a listener even in their -ing and warning forms: "reminding
# viewers that …", "warned Clinton that …" (see bot.quotes.content_edges).
LISTENER_FORMS = (
    LISTENER_CUES | WARN | frozenset("reminding assuring reassure reassured reassures reassuring informing".split())
)
# Verbs whose negation means nothing was said ("did not say whether …").
NEGATABLE = frozenset(
    """say said says saying tell told tells respond responded comment commented
mention mentioned specify specified explain explained elaborate elaborated attack attacked endorse
endorsed address addressed answer answered""".split()
)

# Feelings voiced about something: "expressed concern about the toll", "voiced support
# for the plan"; the object after the preposition is what was said.
FEELINGS = frozenset(
    """concern concerns support opposition doubt doubts skepticism scepticism frustration
confidence interest worry worries dismay regret sympathy outrage anger optimism hope""".split()
)
FEELING_OF = frozenset("about for over with in at that".split())

# Words that link a sentence to the one before ("Still, …", "In fact, …"): the writer's,
# not part of the reported words that follow them.
CONNECTIVES = frozenset(
    """however still meanwhile nevertheless nonetheless instead indeed moreover besides
yet now then overall also again thus hence otherwise furthermore regardless""".split()
)
# second words of two-word connectives: "in fact", "in all", "of course", "by contrast"
CONNECTIVE_PAIRS = {
    "in": frozenset("fact all addition short general particular turn total sum contrast response".split()),
    "of": frozenset(["course"]),
    "by": frozenset("contrast comparison".split()),
    "on": frozenset("balance average".split()),
    "after": frozenset(["all"]),
}

# Nouns that name words said or written: "in a statement", "his claim that", "the
# announcement came".
SAID_NOUNS = frozenset(
    """statement statements claim claims remark remarks comment comments announcement
announcements allegation allegations assertion assertions accusation accusations denial denials
interview interviews testimony speech speeches tweet tweets letter op-ed words argument arguments
suggestion suggestions warning warnings insistence contention admission assurance assurances
complaint complaints attack attacks promise promises pledge pledges vow vows criticism criticisms rhetoric
message messages memo transcript""".split()
)
# Heads of other cues that are words said: "pointed out", "spoke of", "lashed out", "discussed".
_SAY_PHRASAL = "point talk speak lash discuss".split()

# The cues of speech and claims, as against perception ("saw"), cognition ("knows",
# "believes"), stance ("supports", "hopes") and deeds ("declined", "ordered"): a
# briefing may show only what these carry as something said. A cue belongs here when
# one of its words does ("according to", "in a statement", "has said", a colon).
SAYING_CUES = frozenset(
    {f for v in _SAY_REGULAR + _WEAK_SAY + _SAY_PHRASAL for f in _forms(v)}
    | {f for v in ("say", "tell", "write", "tweet", "admit", "forecast", "swear") for f in _SPEECH_IRREGULAR[v]}
    | {"spoke", "spoken", "referring", "referred", "according", ":"}
    | frozenset(_EXTRA_SAY)
    | NP_CUES - frozenset(_forms("endorse") | _forms("support") | _forms("oppose") | {"backing"})
    | SAID_NOUNS
)

# Participles of saying that may open a sentence with what the subject after its comma
# said: "Noting that the pier had closed twice, the mayor …", "Citing the storm, the port …".
LEAD_PARTICIPLES = frozenset(
    """noting citing saying arguing claiming warning insisting declaring stating
acknowledging conceding promising recalling suggesting asserting alleging explaining
predicting pointing referring stressing emphasizing emphasising contending admitting""".split()
)

# Past forms of verbs of saying and thinking that do not end in "-ed": after a
# singular subject a cue takes one of these, "-s" or "-ed", never its bare form.
IRREGULAR_PASTS = frozenset("said told wrote thought knew saw felt found made gave put set".split())
# Cues of an object relative clause: "the toll, which critics say is unfair": the
# clause after the cue is the claim, its subject the relative pronoun's noun.
RELATIVE_SAY_CUES = frozenset("say says said claim claims claimed argue argues argued insist insists insisted".split())
# Participles of saying and of what is said to or about someone: after "was" the subject
# is what was announced or who was asked or accused, never who spoke ("is quoted as
# saying" keeps its speaker).
DONE_TO = frozenset(
    """said told announced reported asked stated claimed alleged declared described
disclosed revealed confirmed denied criticized criticised praised accused blamed""".split()
)
# Participles that, after "is"/"was", tell a state the subject is in or holds ("leaders
# were worried", "she is opposed to it", "he is quoted as saying"): the subject still
# speaks or feels. Every other participle after "be" is passive (see bot.quotes.passive).
HELD_STATES = frozenset(
    """worried concerned convinced pleased disappointed surprised shocked determined committed
prepared opposed divided split unconvinced interested excited frustrated angered alarmed
relieved satisfied dismayed troubled encouraged heartened puzzled baffled tempted quoted
united agreed resigned inclined annoyed irritated outraged delighted thrilled amazed
amused offended horrified disgusted saddened stunned confused embarrassed undecided
dissatisfied disturbed fed""".split()
)
# Irregular participles a passive cue may take ("was shown", "had been sworn in").
IRREGULAR_PARTICIPLES = frozenset(
    """said told shown known seen given made written spoken held thought felt put set heard
taken drawn found sworn brought caught taught sought bought kept left meant read sent
understood""".split()
)
# Words that may stand between a subject and its passive participle: "who was quickly
# ripped", "cannot be portrayed", "has so far been requested".
PASSIVE_GAP = frozenset(
    """who which that has have had not never also already now just still only so far once
again then later can cannot could would will should may might must""".split()
)

# Nouns for one person, with no name ("the journalist", "his wife"): "she" after one of
# them is most likely that person, never someone named further back.
PERSON_NOUNS = frozenset(
    """journalist anchor host reporter correspondent columnist editor writer author actor
actress star singer rapper comedian athlete player coach wife husband mother father son
daughter sister brother widow widower girlfriend boyfriend friend neighbor neighbour woman
man girl boy teacher student professor doctor nurse worker owner farmer driver soldier
veteran victim survivor mourner protester activist volunteer organizer organiser founder
businessman businesswoman entrepreneur historian scientist researcher economist pollster
strategist consultant lobbyist donor billionaire voter congressman congresswoman lawmaker
legislator senator delegate chairman chairwoman judge prosecutor detective sheriff
officer priest pastor rabbi imam bishop""".split()
)

# Nouns for one woman or one man ("his wife", "a young man"): a "she" or "he" after such
# a noun, with someone else named before it, may be either person (bot.quotes.coref).
FEMALE_NOUNS = frozenset("""wife mother daughter sister widow girlfriend woman girl grandmother aunt niece""".split())
MALE_NOUNS = frozenset("""husband father son brother widower boyfriend man boy grandfather uncle nephew""".split())

# Last words of a place's name ("Wall Street", "Union Square"): such a name opening a
# sentence is no person a later "he" or "she" could stand for.
PLACE_HEADS = frozenset(
    """Street Avenue Road Square Park River Valley County City Island Islands Bay Hill Beach
Mountain Mountains Lake Airport Station Bridge Tower Hall Plaza Boulevard Coast Village
Harbor Harbour Port Canal Sea Ocean Gulf Peninsula Province Republic Kingdom States""".split()
)

# Finite verbs right after "that" make it the subject, not the clause's opener: "say
# that won't be true", "said that is the plan"; the content keeps its "that".
FINITE_AFTER_THAT = frozenset(
    """is was will won't would wouldn't could couldn't can can't cannot isn't wasn't has hasn't
had hadn't does doesn't did didn't should shouldn't might may must won’t wouldn’t couldn’t
can’t isn’t wasn’t hasn’t hadn’t doesn’t didn’t shouldn’t""".split()
)

# Party adjectives standing alone: "Republican claims", "Democratic proposals" are no speaker.
PARTY_ADJECTIVES = frozenset("republican democratic conservative liberal progressive".split())
# A party member named by the party alone is a role: "Ann Roe, a Democrat, said".
PARTY_NOUNS = PARTY_ADJECTIVES | frozenset("democrat independent libertarian green".split())

# Cues of what someone holds rather than said. The corpus annotates them as attributions,
# but a briefing or an answer must never show a belief, a perception or a stance as
# something said, so the engine marks their records with one of these kinds (see
# bot.quotes.held). Cognition: "believes", "knows", "figured that", "is aware that".
COGNITION_CUES = frozenset(
    f
    for v in """believe suspect doubt guess reckon consider recognize recognise realize realise
assume suppose understand anticipate calculate ponder mull contemplate surmise remember""".split()
    for f in _forms(v)
) | frozenset(
    _SPEECH_IRREGULAR["think"]
    | _SPEECH_IRREGULAR["know"]
    | _SPEECH_IRREGULAR["feel"]
    | {"figures", "figured", "learned", "learnt", "forgot", "forgets", "aware", "unaware"}
)
# Perception: "saw", "heard", "noticed", "watched as".
SENSE_CUES = frozenset(
    _SPEECH_IRREGULAR["see"]
    | {"seen", "hear", "hears", "heard"}
    | {f for v in "notice watch witness sense".split() for f in _forms(v)}
)
# Stance, wish and feeling: "wants", "hopes", "fears", "backs", "is confident that", "is
# critical of". "expects" is here: a stance about what will happen, not words.
STANCE_CUES = (
    frozenset(
        f
        for v in """want wish hope fear worry regret prefer favor favour support oppose endorse
agree disagree expect""".split()
        for f in _forms(v)
    )
    | {"backs", "backed", "backing", "preferred", "preferring"}
    | ADJ_CUES
    | ADJ_OF
) - {"aware", "unaware"}
# Intention and decision: what someone means, chose or would not do ("plans to close the
# bridge", "seeks to", "declined to say", "refused to back", "ordered a review"). "To
# close the bridge" under the mayor's name would read as her words; it is her aim or her
# act. Promises, vows, pledges and threats are spoken, and stay out of this list;
# "agreed to" and "agreed that" are stances (above).
INTENTION_CUES = frozenset(
    f for v in "plan intend seek decline refuse decide order try attempt".split() for f in _forms(v)
) | frozenset(_SPEECH_IRREGULAR["seek"] | {"planned", "planning"})

# Cues of denial: the content is what the speaker said was untrue ("denied that the
# beams were rusting", "rejected claims that …", "his denial that …"). Shown under the
# speaker's name without its cue, it would read as the very thing denied.
DENIAL_CUES = frozenset(f for v in "deny refute rebut dispute reject dismiss".split() for f in _forms(v)) | {
    "denial",
    "denials",
}
# Words that negate a cue just after them: "did not claim", "has never said", "cannot
# confirm", "would neither confirm nor deny" (and any word ending in "n't"): the content
# is not what the speaker said.
NEGATIONS = frozenset("not never cannot neither nor".split())
# Words that, with "to", undo the cue after them: "failed to mention", "has yet to confirm"
# ("yet again said" is said).
UNDOING = frozenset("fail fails failed failing neglect neglects neglected neglecting yet".split())
