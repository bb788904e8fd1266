"""The request to call back or meet, however it is put: words that add nothing to a name.

A message that gives only who is calling, how to reach them and a request to call back or to
meet is ``only_name_number`` – whether the request is polite, a plea ("please, it's important
that we speak"), a reproach ("I've tried you three times now"), a contentless follow-up ("just
checking in") or an ask for time ("do you have fifteen minutes this week?"). This module
holds the vocabulary such requests are made of, by family, so that
:func:`referrals.outreach.checks.check_message` can see what else a message says: a topic
("your fleet insurance"), a thing sent ("the proposal"), an offer ("twenty percent off"), the
product ("commercial cleaning") is a word no family here has.

The families are closed classes of meaning, not phrases seen in the corpus: a new author's
plea uses other sentences but the same few dozen words of reaching, trying, time, feeling and
need. Nouns that name a trade, a document or a price are kept out on purpose.
"""

from __future__ import annotations

import re

__all__: list[str] = []

# Function words: they carry no content in any message.
_GRAMMAR = """
a about above after again against all also am an and any anyone are aren't as at be because
been before being both but by can can't cannot could couldn't did didn't do does doesn't doing
don't done down each either else even ever every for from further had hadn't has hasn't have
haven't having he her here hers him his how i i'd i'll i'm i've if in into is isn't it it'd
it'll it's its itself just let let's may me might mine more most much must my myself no nor not
now of off on once only or other our ours out over own same she should shouldn't so some such
than that that's the their them then there there's these they they'd they're this those
through to too under until up upon us very was wasn't we we'd we'll we're we've were weren't
what what's when where whether which while who whom why will with won't would wouldn't you
you'd you'll you're you've your yours yourself really truly honestly genuinely actually
simply quite pretty rather bit little lot lots well oh ah um uh yeah okay ok anyway sure
something anything everything nothing someone somebody anybody everyone way ways thing things
stuff see seeing look looking case around without never least instead directly totally
fine tell currently using use new completely everyone's nobody anything's
here's time's head's between somewhere unless otherwise straight across u subject that'd
"""
# Reaching someone, by any channel, and what the attempt left behind.
_CONTACT = """
call calls called calling ring rings rang ringing phone phoned phoning reach reached reaching
contact contacted contacting connect connected connecting speak speaking spoke talk talked
talking chat chatting meet meeting meetings met hear heard hearing reply replied replies
replying respond responded responding response responses answer answered answering answers
write wrote written writing email emails emailed emailing e-mail e-mails e-mailed e-mailing
message messages voicemail voicemails note notes letter text texted texting get gets got
getting gotten touch hold pin catch grab hop jump swing stop stopping stopped pop popping drop
dropping visit visiting come coming go going back return returned returning revert try tried
trying tries attempt attempts attempted chase chasing chased leave left leaving sent send
sending resend resending re-sending follow following followed follow-up follow-ups followup
check checking checked circle circling circled circle-back bump bumping bumped nudge nudging
float floating resurface resurfacing bubble bubbling ping pinging reminder remind loop thread
top inbox radar base line lines person right wrong below opened noticed went received
details fell slipped stand touching listen listened read reading receive receiving rung say
said saying told came passing pick put open seen show
"""
# Counting the attempts and naming the time: "for the third time this month".
_TIME = """
time times twice once again another several few couple many number first second third fourth
fifth sixth last final one two three four five six seven eight nine ten fifteen twenty thirty
forty sixty minute minutes hour hours week weeks month months fortnight day days today
tomorrow tonight yesterday morning afternoon evening since ago yet still already recently
earlier previous prior latest past lately soon sometime later next end quarter year point
moment moments whenever long 5 10 15 20 30 45 60
"""
# Asking, pleading and feeling: the rep's wish, gratitude, hope, disappointment.
_FEELING = """
please appreciate appreciated appreciating grateful gratefully thankful thrilled love loved
like liked hope hoped hoping wish want wanted wanting need needed needs mean means meant matter
matters everything world beg begging asking ask asked favour favor chance chances opportunity
promise promised keen eager excited happy glad delighted pleased disappointed disappointing
disheartening frustrating frustrated frustration surprised surprising puzzled confused shame
wonder wondering wondered guess guessing assume assuming suppose think thought know knew
understand understood imagine afraid sorry worry worried bother bothering bugging bug pest
persistent pestering nag nagging honest sincerely kindly humbly respectfully hate hear
mind interested interest giving give gave up keep keeps kept trust worth while make makes
made help helps helped helping earn bring throw consider considered take personally reason
courteous huge difference expecting expected rush pressure important urgent advance feel
feeling figure admit lucky amazing grand wee welcome counting reconsider tough
"""
# The rep's need: a number to hit, a manager asking, a deal to close.
_NEED = """
target targets quota number numbers bonus manager manager's boss deal deals close closing
closed win pipeline book books account accounts signature over behind short make week's
month's quarter's review order orders fill landing board ready move forward ends wrap wraps
sorted sales hit head neck breathing
"""
# Silence as a fault and an answer owed: "a simple yes or no would be nice".
_REPROACH = """
ignore ignoring ignored avoid avoiding dodging dodge silence quiet busy swamped slammed hard
harder priority priorities courtesy simple yes either decline luck lost buried spam folder trash
slipped slipping cracks missed unreturned unanswered word news update updates thoughts feedback
hanging file nice nicer seem seems seemed apparently beginning starting start bunch guy man
speaks volumes charm
"""
# Asking for time or a meeting, however put: "fifteen minutes on your calendar".
_MEETING = """
conversation coffee slot slots calendar schedule scheduling set find arrange book spare free
available availability convenient suits suit suitable works work working fit together
introduce introducing introduction learn learning discuss discussing explore exploring
partnership connect sit hello voice face name quick brief short small chance touch base
discovery intro share ideas questions question changed changes change gentle upcoming suggest
"""
# When and where the rep can be reached, and who else answers: "mornings are easiest",
# "whichever's easier", "if my colleague picks up".
_AVAILABLE = """
whatever whichever whoever wherever anywhere nearby easier easiest easy flexible mornings
afternoons evenings weekdays weekends early late lunch lunchtime breakfast half weather
colleague colleagues hesitate telephone mobile landline desk extension buy treat
treating picking pick picks saw figure figured thinking waiting wait occasions success trouble
heaps mate wonderful lovely kinder request requested requesting advise possibly possible
maybe perhaps probably fancy slip flat baffled briefly value valued diary diaries able
secretary gatekeeper reception receptionist correspondence receipts records per appointment
date dates branch member seek choosing squeeze remain believe till natter
sec exchange disposal desperate owe manage spoken honoured honored grant attention bad good
summer winter spring autumn introductory personal corporate reference obliged disappoint
waste gotta ahold sort stage allow helpful covering cover fall land wall shoot regarding
discussion throughout peep amiss insist patient invite notice remove list handle handles
direction growth mention region po always anytime office offices premises
enough pleasant outside tick sincere caught filters filter break hectic dramas drama though
accommodate arrangements arrangement flick ace worries front rest decisions decision precious
consideration confirmed valuable far shot full running happen happened happening refer none
acknowledged address reachable enjoy passed nuisance apologise apologize forgive disturb junk
gonna crazy window gap blessed mail agreed along away convenience mobile's cell's number's today's
"""
# Courtesies in the rep's own language, and the small words inside names ("Van der Merwe",
# "bin Rashid"): no topic in any of them.
_ABROAD = """
gracias saludos atentamente cordialmente obrigado obrigada grazie buona giornata cordiali
saluti distinti merci cordialement bonne journee journée danke mit freundlichen grüßen grussen
grüssen vriendelijke groet groeten hälsningar hälsning vänliga ngā mihi kia ora shukran
namaste salaam habari asante ciao hola bonjour hallo et semaine s'il vous plaît c'est tardes
días buenos buenas le habla para señor señora señorita cuando tenga momentito momento llámeme
llame llamada llamadita me da una un que vaya buen bien día dia muchas hablamos
po opo naman salamat maraming kaayo daghang maayong buntag hapon gabii mille davvero grazie
buongiorno buonasera gentile egregio prego bom boa tarde tudo certo abraço abraços servus
grüß gott
van der den de da di von bin al el la le du dos das ter ten des ventes commerciale
"""
# Who is calling, by job title: "business development manager at Zentrix".
_TITLE = """
manager director executive associate representative rep consultant specialist advisor adviser
officer coordinator development senior junior regional territory head lead account accounts
financial partner principal founder owner president vice directeur
directrice gerente leiter leiterin
"""
# The listener's business in general words that name no trade: "your company", "your needs".
_GENERAL = """
business businesses company companies firm organisation organization organisations
organizations practice clinic shop operation operations team side end needs projects project
plans priorities goals challenges workflows place area services service options owner
assistant receptionist part practice's
"""

#: Every word a request to call back or meet may be made of, and no word of a topic.
REQUEST_WORDS = frozenset(
    " ".join((_GRAMMAR, _CONTACT, _TIME, _FEELING, _NEED, _REPROACH, _MEETING, _GENERAL,
              _AVAILABLE, _TITLE, _ABROAD))
    .split())


def beyond_the_request(words: list[str]) -> list[str]:
    """The words that say more than a request to call back or meet, however it is put.

    Examples
    --------
    >>> beyond_the_request("I've tried you three times now please call".split())
    []
    >>> beyond_the_request("following up on the proposal for your fleet".split())
    ['proposal', 'fleet']
    """
    return [w for w in words if not _says_nothing(w.lower())]


# A number alone names nothing – a count of tries, a time, a phone number read out, a date:
# "twice", "ninety-one", "twelfth", "15-minute", "5555". Prices and percentages are offers,
# found before this is asked.
_COUNT = re.compile(
    r"(?:\d[\d.,:/-]*(?:st|nd|rd|th)?|(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|first|second|third|fifth"
    r"|eighth|ninth|twelfth|(?:four|six|seven|ten|eleven|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)th|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth"
    r"|plus|dot|com|double|triple)(?:-[a-z]+)*)(?:-(?:minutes?|mins?|hours?|day))?")
# Adverbs say how, not what: "briefly", "honestly", "hopefully" (but not "family", "supply").
_NOT_ADVERBS = frozenset("family supply assembly ally rally jelly belly fly reply anomaly "
                         "monopoly italy daily weekly monthly quarterly yearly hourly".split())


def _says_nothing(word: str) -> bool:
    """Whether a (lower-cased) word adds nothing to a request: a request word, also with
    "'s" ("calendar's"), a number or an adverb."""
    if word.endswith("'s"):
        word = word[:-2]
    return (word in REQUEST_WORDS or bool(_COUNT.fullmatch(word))
            or (word.endswith("ly") and len(word) > 4 and word not in _NOT_ADVERBS)
            or (word not in _SAY_MORE and any(stem in REQUEST_WORDS for stem in _stems(word))))


# Inflected, these say more than their stem: a teaser ("ideas I think you'd find
# interesting"), the rep's years ("with the company for ten years"), whom the rep calls on.
_SAY_MORE = frozenset("interesting exciting intriguing years owners".split())


def _stems(word: str) -> list[str]:
    """What an inflected word may come from: "takes" take, "letting" let, "obliged" oblige.

    A request word in another tense or number is still a request word; a noun of trade has no
    request word for a stem ("printing": print is none, "shipments": shipment is none).

    >>> _stems("letting")
    ['lett', 'lette', 'let']
    >>> _stems("takes")
    ['tak', 'take']
    """
    stems = []
    if word.startswith("re") and len(word) > 6:  # "reintroducing", "resent": the same request
        stems += [word[2:], *_stems(word[2:])]
    for suffix in ("ing", "ed", "es", "s", "en"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[:-len(suffix)]
            stems += [base, base + "e"] if suffix in ("ing", "ed", "en") else [base]
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2]:
                stems.append(base[:-1])  # "letting", "dropped"
    return stems
