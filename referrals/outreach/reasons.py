"""The reason reader of the message check: what in one sentence gives the listener a reason.

A reason is concrete: a number, a resource sent or offered, a referral, a peer's result, an
offer they can take, a fact about their own business, a sharp question about it. The rep's
own story, pitch and follow-ups are none. :mod:`referrals.outreach.checks` decides whose
sentence it is; this module only says what the sentence gives.
"""

from __future__ import annotations

import re

from referrals.outreach.formulas import (
    _AT_WORD,
    _CALLER,
    _DAY,
    _EMAIL,
    _NOT_NAMES,
    _PHONE,
    _TIME,
    _WORD,
)
from referrals.outreach.readings import OFFER as _OFFER
from referrals.outreach.readings import PEER as _PEER
from referrals.outreach.readings import REFERRAL as _REFERRAL
from referrals.outreach.readings import RESULT as _RESULT

_NUMBER_WORD = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety|hundreds?|thousands?|dozens?|half|twice|double|triple"
)
# A length, or a range of them: "15 minutes", "fifteen or twenty minutes".
_LENGTH = rf"(?:\d+|a few|{_NUMBER_WORD})(?:(?: or | to |-)(?:\d+|{_NUMBER_WORD}))?"
_CALL_LENGTH = re.compile(
    _AT_WORD + "(?:"
    # Minutes said the Australian way: "when you've got five", "if you can spare ten".
    r"\b(?:you've got|you have|you've|got|spare) (?:five|ten|two|a few)(?=\s*(?:[,.;!?]|$))|"
    rf"\b{_LENGTH}[ -](?:minutes?|mins?)\b(?=[^.?!]*\b(?:call|chat|talk|"
    r"meet|meeting|phone|appointment|conversation|time|demo|visit)\b)"
    rf"|\b{_LENGTH}[ -](?:minutes?|mins?) (?:of your time|on the phone)"
    # Also as an e-mail's subject: "Subject: 15 minutes?"
    rf"|^(?:subject: )?(?:just |only |even |any chance of |have you got |could I (?:get|grab"
    rf"|have) )?"
    rf"{_LENGTH}[ -](?:minutes?|mins?)"
    r"\b(?:(?: (?:next|this) (?:week|month|\w+day))?)(?=[,.!?])"
    rf"|\b(?:have|spare|give me|grab|find|get|take) {_LENGTH}[ -]"
    r"(?:minutes?|mins?)\b"
    r"|\b(?:have|spare|give me|grab|find|get|take|for|over) (?:half an|an|a quarter of an|one)"
    r" hour\b|\bhalf an hour\b(?=[^.?!]*\b(?:call|chat|talk|meet|meeting|phone|appointment"
    r"|conversation|time|demo|visit|coffee|lunch)\b)"
    # Any length of time asked for, however counted ("fifteen or twenty minutes free",
    # "10-15 minutes next week", "if you've got half an hour") – but not time saved or taken
    # ("cut 20 minutes a truck", "in 30 minutes", "45 minutes faster", "20 minutes of downtime").
    r"|(?<!\bby )(?<!\bin )(?<!\bwithin )(?<!\bunder )(?<!\bsave )(?<!\bsaves )"
    r"(?<!\bsaving )(?<!\bcut )(?<!\bshave )(?<!\bover )(?<!\blast )"
    rf"(?:\b(?:\d+|a few|a couple of|{_NUMBER_WORD})(?:(?: or |-| to |–)(?:\d+|{_NUMBER_WORD}))?"
    r"[ -](?:minutes?|mins?)|\b(?:half an|an|a quarter of an|a half) hour)\b"
    r"(?! (?:a|an|per|each|every|faster|sooner|less|fewer|off|earlier|quicker|shorter|longer"
    r"|more|from|away|drive|ahead|late|early|of (?!your|my|our))\b)(?!-)"
    + ")",
    re.I,
)
_NUMBER = re.compile(
    rf"\d|%|\bper ?cent\b|\b(?:{_NUMBER_WORD})\b"
    r"|\b(?:by|in|to) (?:about |roughly |nearly |almost |over )?(?:a |one[ -])?(?:third|quarter"
    r"|fifth|sixth|eighth|tenth|half)\b"
    r"|\b(?:a|one) (?:third|quarter|fifth|tenth) of\b|\bone in (?:\w+)\b",
    re.I,
)
_RESOURCE = re.compile(
    r"\b(?:ideas?|tips?|articles?|research|stud(?:y|ies)|surveys?|(?<!to )reports?|white ?papers?"
    r"|checklists?|guides?|benchmarks?|findings|numbers|figures|data"
    # (Not results promised in general: "we guarantee results", "better results", "real
    # energy savings for every customer".)
    r"|(?<!guarantee )(?<!better )(?<!reliable )(?<!same )(?<!real )(?<!great )(?<!excellent )"
    r"(?<!exclusive )(?<!special )(?<!huge )(?<!massive )(?<!extra )(?<!incredible )"
    r"(?<!significant )"
    r"(?<!with the )(?:results|savings)(?! for (?:every|all|our)\b)"
    r"|techniques?|summary|summaries|insights?|case stud(?:y|ies)|samples?|links?"
    r"|videos?(?! (?:call|conference|meeting|chat))"
    r"|calculator|chart|(?<!on the )table(?! (?:linen|cloths?|napkins?|ware|service)\b)"
    r"|photos?|pictures?|templates?|forms?|lists?|comparison"
    r"|maps"
    # Not the verb: "a chance to quote your fleet", "anything I could quote on".
    r"|(?<!\bto )(?<!\bcan )(?<!\bI'll )(?<!\bcould )(?<!\bwould )(?<!\bwe'll )quotes?"
    r"(?! (?:on|you|it|them|your)\b)"
    r"|estimates?|profiles|candidates|layout|(?<!this )notes?|spec sheet|application|rebate"
    r"|grants?(?! (?:me|us|you|them)\b)"
    r"|forecast|index|page|one-pager|(?<!to )(?<!your )(?<!can )(?<!the )(?<!our )(?<!available )"
    r"schedule|terms"
    r"|log|sheet(?! metal)|piece|trials?"
    r"|rules?|law(?! (?:practice|firm|office|school|degree|student|enforcement|partner)\b)"
    r"|credit|(?<!your )references?"
    r"|deadline|recall(?:ed)?|inspector)\b"  # lower case: "Ms. Grant" is not a grant
    r"|\b(?:a|one|two|three|new|simple|practical) ways? to (?:cut|save|take|keep|reduce|lower"
    r"|protect|avoid|stop|get|fix|hold|win)\b",
)
# What the rep's business does every day is not a result: "we use green products in every
# building" (but "we cut scrap at a plant like yours" is one).
_REP_DOES = re.compile(
    r"\b(?:I|we)(?:'ve|'ll|'d| have| had| will| would| can| could)? (?:also |now |just "
    r"|recently |still |really |all |always )?(?:use|offer|have|got|carry|provide|serve|clean"
    r"|do|make|sell|work|stock|supply|insure|handle|run|operate|own|employ)\b", re.I)
_OWNED = re.compile(
    r"\b(?:our|my)\s+(?:(?:new|own|latest|earlier|last|previous)\s+)?[\w'-]+"
    r"(?:\s+(?!(?:is|are|was|were|has|have|had|shows?|showed|and|or|to|in|on|at|for|with|of"
    r"|by|from|that|which|who|can|will|would|could)\b)(?:list|team|page|note|base|story"
    r"|site|website|services?|products?|catalog(?:ue)?))?|\b(?:in|for) a (?:free )?quote\b", re.I)
_BOSS = re.compile(r"\bmy (?:manager|boss|company|director|team|office) (?:has )?asked\b", re.I)
_CAPITALISED = re.compile(r"(?<=[a-z,;:]\s)(?:[A-Z][\w&'-]+)(?:\s+[A-Z][\w&'-]+)*")
_SCHEDULING = re.compile(
    r"\b(?:call|talk|chat|meet|speak|available|free|convenient|a good time|work for you"
    r"|minutes?|hour|moment|connect(?! (?:back|up|to|into|the|your|its?|them|via|through)\b)"
    r"|suit|suits|works?|schedule|calendar|availability|demo"
    # Asking for their time, however it is put: "Would you have some time next week ...?",
    # "Surely you can spare that?"
    r"|(?:some|any|a little|a bit of) time|spare|(?:have|got|find|make) (?:the )?time"
    r"|time (?:next|this|on|for a)"
    r"|walk-?through|presentation|visit)\b"
    r"|\bhow are you\b"
    r"|\bhow(?:'s| is) (?:it|business)",
    re.I,
)


_YOU = re.compile(r"\byou(?:r|rs|'re|'ve|'d|'ll)?\b", re.I)


# "Some ideas", "more information", "a brochure": a resource too vague, or only the rep's
# pitch, to be a reason.
_VAGUE_RESOURCE = re.compile(
    r"\b(?:some|a few|any|more|my|our) (?:ideas|thoughts|information|info|insights?|details)\b"
    r"(?! (?:on|for|about|that|to|from)\b)"
    r"|\b(?:a |an |our |my )?(?:brochures?|catalog(?:ue)?s?|price list|rate card|flyers?"
    r"|info(?:rmation)? (?:pack(?:et)?|kit)|company (?:overview|profile)|capabilities (?:deck"
    r"|statement)|sales (?:sheet|deck)|business cards?|media kit)\b", re.I)
# Something that happened to the listener's own business: "your water test came back high",
# "the menu for your party is ready".
_THEIR_FACT = re.compile(
    # What the rep found on their premises (not read in the news: that is a compliment).
    r"\bI (?:just )?(?:found|noticed|spotted|saw|measured|tested|checked)\b[^.?!;]{0,50}?\b"
    r"(?:on|in|at|under|behind|outside) your\b"
    r"|\byour\b[^.?!;]*?\b(?:is|are) (?:ready|done|in|waiting|due|overdue|expired|expiring"
    r"|missing|wrong|outdated|out of date|behind|leaking)\b|\byour\b[^.?!;]*?\b(?:came back"
    r"|ran|failed|missed|expires|expired|renews|lapsed|lapses|broke|leaks|flagged|rejected"
    r"|denied|recalled"
    # News about their business: a supplier closed, a permit posted, a rule they now fall
    # under, a change coming ("deliveries to your area will likely move to Cincinnati").
    r"|closed|closes|closing|shut|posted|approved|filed|moved|moving|switch(?:ed|ing)"
    r"|qualif(?:y|ies|ied)|(?:is|are) eligible|comes? up for|(?:is|are) due for|went up|goes up"
    r"|will (?:likely |probably |soon )?(?:move|change|rise|drop|go up|close|end)"
    r"|could (?:drop|qualify|move|fall)|may (?:qualify|owe|be eligible))\b"
    r"|\byou(?:'re| are) (?:bidding|hiring|expanding|opening|moving|relocating|renovating"
    r"|adding|building)\b", re.I)
# News the rep heard of: "I saw your Dayton plant just added a second shift", "I heard you
# lost your combine", "I understand your supply contract ends in June" (not the rep's own
# note: "I noticed you opened my last e-mail five times").
_HEARD_NEWS = re.compile(
    r"\bI (?:saw|heard|read|noticed|understand|see|hear|gather)\b(?: that)?[^.?!;]{0,20}?"
    r"\b(?:your|you)\b[^.?!;]{0,40}?\b(?:added|got|won|lost|hired|bought|opened|expanded|opens"
    r"|adds|launches|expands|moves"
    r"|launched|acquired|ends|ended|landed|passed|received)\b"
    r"(?!\s*(?:[.?!,;]|$)|\s+(?:my|our|me|us)\b|\s+(?:[\w-]+\s+)?(?:e-?mail|message|note"
    r"|voicemail|brochure|letter|call|quote|proposal)s?\b)"
    # ... or of a company by its name, the listener's or a peer's, doing something now: "I read
    # that Hartwell Foods is adding a Reno warehouse".
    r"|\bI (?:saw|heard|read|noticed|learned|understand|gather)(?: that)? (?-i:(?:[A-Z][\w&'-]*"
    r" ){1,3})(?:is|are|has|have)(?: just| now| also| been)? (?-i:[a-z]+(?:ing|ed))\b"
    # ... or a named place's event or size, past the words that name it: "I saw Midwest Ag
    # Equipment bought the two dealerships", "I know Heartland Ag Supply has about fifteen
    # people touching invoices", "I read that the Kavala fertiliser plant is restarting".
    r"|\bI (?:saw|heard|read|noticed|learned|understand|gather|know|see|hear)(?: that)? (?:the )?"
    r"(?-i:(?:[A-Z][\w&'-]*\s){1,4})(?:[\w'-]+\s){0,4}?(?:bought|sold|acquired|opened|closed"
    r"|added|won|lost|hired|took over|merged|(?:is|are|was|were) (?:restarting|adding|switching"
    r"|moving|expanding|opening|closing|building|replacing|rebuilding|upgrading|relocating"
    r"|renovating|bidding|hiring|planning|tendering)|(?:has|have) (?:about|over|around|nearly"
    r"|almost|more than|\d))\b", re.I)
# A job the rep offers to do on the listener's things: "I can quote it in a day", "I'll
# clear it this week", "I'll mail you one" (not "I'll call you", "I'll keep it short").
_JOB = re.compile(
    r"\bI(?:'ll| will| can| could)(?: \w+ and)? (?!(?:call|ring|phone|tell|talk|speak|chat|meet"
    r"|see|visit|try|reach|keep|make|do|let|be|get|wait|leave|follow|give)\b)[a-z]+ (?:you )?(?:it"
    r"|them|yours|one|both|a copy|a sample)\b(?! (?:short|brief|quick))")
# News supposed is no news: "if your team is switching providers, keep us in mind".
_SUPPOSING = re.compile(
    r"\b(?:if|whenever|in case|should|whether|might)\b[^.?!;]{0,25}\byou(?:r|'re| are)?\b", re.I)
_YOUR_OWN = re.compile(
    r"\byour (?!(?:[\w-]+ )?(?:competitors?|customers?|clients?|neighbou?rs?|peers?|rivals?"
    r"|counterparts?)\b)(?:[\w'-]+ ?){1,2}", re.I)


# Questions that ask for the rep's sake, not about the listener's business.
_EMPTY_QUESTION = re.compile(
    r"\bthe most out of\b|\b(?:happy|satisfied) with (?:how )?your\b"
    # Anyone could be asked how they do it now: "Do you currently monitor your cold rooms?",
    # "How satisfied are you with the results?", "Is your cold chain ready for 2026?"
    r"|\b(?:do|how do|are|what do) you currently\b|\bhow (?:satisfied|happy) are you\b"
    r"|\bare you (?:happy|satisfied)(?: with (?:it|them|that|this))?\?"
    # "Would you like to see it in action?", "when you are available?", "to get to know you",
    # "Curious what we can do for you?", "What if your labelling just worked?", "Is water
    # something you're thinking about?", "Are there any projects you're planning?"
    r"|\bsee (?:it|this|them|us|that) in action\b|\bwhen you(?:'re| are) (?:available|free)\b"
    r"|\bget to know (?:you|each other)\b|\bwhat (?:we|I) (?:can|could) do for you\b"
    r"|\bwhat if your\b|\bsomething you(?:'re| are| have been) (?:thinking|looking)"
    r"|\bany (?:projects|plans) (?:you|coming)\b|\blet me know\s*\?"
    r"|\b(?:happy|satisfied|content) with (?:who|whoever|what) you(?:'re| are)?"
    r" (?:using|use|have)\b"
    r"|\bis your (?:[\w-]+ ){1,3}ready for\b"
    r"|\bwhat if (?:I|we) (?:told|said|could)\b|\bare you (?:looking|tired|ready) (?:to|of|for)\b"
    r"|\bany chance\b|\breconsider\b|\bstill interested\b|\bdid you (?:get|receive|see)\b"
    r"|\bhad a chance\b|\bany (?:updates?|thoughts|news)\b|\bwhat do you think\b"
    r"|\b(?:would|are|will) you be (?:open|interested|willing|around|in)\b"
    r"|\bright (?:person|contact|people)\b"
    r"|\binterested\?|\blet me know (?:you|if you(?:'ve| have) (?:seen|got|read))"
    # Whether they still want the rep's deal: "Is this still something you'd like to pursue?"
    r"|\b(?:something|anything) you(?:'d| would) (?:like|want|care|be (?:keen|interested))\b"
    r"|\b(?:pursue|move forward|proceed|go ahead)(?: with (?:this|it|that|us))?\?"
    r"|\byou(?:'ve| have)"
    r" (?:seen|read|got|received) (?:this|it|my)\b"
    # Asking them to try the rep's product is the pitch, not a question about their business:
    # "Would you consider giving our courier service a try?", "Could you give us a shot?"
    r"|\b(?:consider|mind) (?:giving|trying|using|switching to|a trial of)\b"
    r"|\bgive (?:us|our [\w -]{1,30}?|me) (?:a (?:try|shot|chance|go|look)|one chance)\b"
    r"|\bdid (?:something|anything) change\b"
    # Where things stand with the rep's own ask: "let me know either way", "tell me when a good
    # time would be", "are my e-mails reaching you?", "you got the catalogue I sent?"
    r"|\blet me know (?:either way|where (?:things|we|it) stands?|your thoughts|what you think)\b"
    r"|\btell me when\b|\breach(?:ing|ed) you\b|\bgive me a (?:quick )?(?:ring|call|bell|buzz)\b"
    r"|\b(?:got|received|seen) (?:the|my) [\w -]{1,25}?"
    r"(?:I|we) (?:sent|mailed|left|dropped)\b"
    # Whom else to ask, whether to hear more: "Is there someone else I should be speaking to?",
    # "Would you like to learn more?", "Did you go with someone else?"
    r"|\bsomeone else\b|\blearn more\?|\bmake it to you\b|\bchas(?:e|ing) up my\b"
    r"|\bwould you ever\b|\bwhen you(?:'ve)? (?:get|got) a\b|\bno rush\b"
    r"|\blooking for a (?:new )?(?:[\w-]+ )?"
    r"(?:supplier|vendor|provider|partner)\b|\bpoint me (?:in the right direction|to)\b"
    r"|\bopen to (?:a|an) (?:quick |short |brief )?(?:conversation|call|chat|meeting|intro)\b"
    # Whether they are content, asked of anyone: "How satisfied are you with your current mat
    # service?", "Are you getting the service you deserve?", "Is your firm ready for the next
    # wave of cyber threats?"; whether they would take the rep on: "Your new IT partner?"
    r"|\b(?:satisfied|happy) (?:are you )?with (?:the way |how )?(?:your|the way)\b"
    r"|\b(?:getting|get|giving you|give you) the [\w ,]{0,40}?you deserve\b|\bmeeting your needs\b"
    r"|\b(?:are you|is your [\w-]+) (?:really )?(?:ready|prepared) for\b"
    r"|\bconsider us\b|\b(?:a|your) (?:new|next) (?:[\w-]+ )?(?:partner|supplier|provider|vendor)\b"
    # The rep's own ask again: "buy you a coffee", "a yes or a no", "close out your file", "when
    # I can reach you", "in your junk?"
    r"|\bbuy you (?:a )?(?:cup of )?(?:coffee|lunch)\b|\ba (?:yes|no) or a (?:yes|no)\b"
    r"|\bclose (?:out )?(?:your|the) file\b|\breach you\b|\b(?:spam|junk)\b"
    # "Would your district be interested in talking about …?", "something you'd be open to
    # discussing?", "let me know by Friday either way?", "forward this to whoever handles …?",
    # "Who is responsible for racking safety?", "could you book it with me now?", "would you
    # have [any time] next week?", "[did you get] my e-mail about outsourcing your payroll?"
    r"|\bwould your [\w ]{1,30}? be (?:open|interested|willing)\b|\bopen to discussing\b"
    r"|\beither way\?|\bforward (?:this|it|my [\w-]+) to\b|\bwhoever (?:handles|looks after)\b"
    r"|\bwho(?:'s| is) (?:responsible|in charge)\b|\bbook (?:it|that|one|this) with (?:me|us)\b"
    r"|\b(?:would|do|will) you have\s+(?:(?:this|next) (?:week|month)|\w+day)\b"
    r"|\bmy (?:last |earlier |previous )?(?:e-?mail|message|voicemail|letter|note)s? (?:about"
    r"|regarding|on)\b|^\W*(?:about|regarding) [^:;,]*\?\s*$",
    re.I)
# Their silence observed is no news about them: "they show as opened", "I noticed you opened
# my last three emails but didn't reply".
_SEEN = re.compile(r"\bshow(?:s|ed)? (?:as|up as) (?:opened|read|delivered)\b"
                   r"|\b(?:you|you've|you have) (?:opened|read|seen) (?:my|our|the) [^.?!;]*", re.I)
# The rep's own pitch, sent before and asked about, is no resource for them: "had a look at the
# quote I sent for the brochures", "my email with the three cyber quotes" (samples, test kits
# and articles sent are).
_PITCH_PAPER = (r"(?:company (?:profile|presentation)|presentation|brochure|catalog(?:ue)?|flyer"
                r"|leaflet|newsletter|product (?:sheet|overview))s?\b")
_SENT_PITCH = re.compile(
    # The verb goes with it: "the proposal I sent over on Tuesday" sends nothing new.
    r"\b(?:quotes?|proposals?|estimates?|bids?|brochures?|pricing|price list|offers?)"
    r"(?: (?:that|which))? (?:I|we)(?:'ve| have)? (?:sent|e-?mailed|mailed|forwarded|dropped)"
    r"(?: it| them)?(?: over| across| through| out| off)?\b"
    r"|\b(?:quotes?|proposals?|estimates?|bids?|catalog(?:ue)?s?|brochures?|contracts?|decks?"
    r"|pricing|price list|offers?)\b(?=[^.?!;]*\b(?:I|we)(?:'ve| have)? (?:sent|e-?mailed|mailed"
    r"|left|dropped|forwarded|shared)\b)"
    r"|(?<=e-mail with )(?:[\w-]+ ){0,3}(?:quotes?|proposals?|estimates?|bids?|brochures?)\b"
    r"|(?<=email with )(?:[\w-]+ ){0,3}(?:quotes?|proposals?|estimates?|bids?|brochures?)\b"
    # "I sent you a quote three weeks ago", "we e-mailed you our proposal".
    r"|\b(?:I|we)(?:'ve| have)? (?:sent|e-?mailed|mailed|dropped|forwarded) you (?:a|an|the"
    r"|our|my) (?:[\w-]+ ){0,3}?(?:quote|proposal|estimate|bid|brochure|catalog(?:ue)?|price list"
    r"|pricing|offer|presentation|profile|flyer|newsletter)\b(?:[^.?!;]{0,12}? ago\b)?"
    # The company's own papers attached: "Please find attached our company presentation",
    # "Our company brochure is attached", "our new brochure is out, and I've attached it".
    r"|\b(?:attached|enclosed)\b[^.?!;]*?\b" + _PITCH_PAPER
    + r"|\b" + _PITCH_PAPER + r"[^.?!;]*?\b(?:attached|enclosed)\b",
    re.I)
# Their own word held up to them is a reproach, not someone who sent the rep: "You said at
# the trade show you'd call after the hail season", "You mentioned you would decide in March".
_THEIR_PROMISE = re.compile(
    r"\b(?:you|your (?:office|assistant|secretary|receptionist|PA|colleague)) (?:did )?(?:said|say"
    r"|told me|tell me|mentioned|promised|indicated|agreed|assured me)\b"
    r"[^.?!;]{0,80}?"
    r"\b(?:you(?:'d| would| will|'ll)|to (?:call|ring|phone|get back|decide|revert|come back"
    r"|follow up|be in touch|get in touch))\b[^.?!;]*",
    re.I)


# A fact about the listener's business told as one: a clause whose subject is theirs ("Your
# cocoa shipments to Antwerp leave every week", "Saw your firm won the Bridgeport school job",
# "the tree order on your car park oaks comes into force on the first", "You promise next-day
# delivery") with a plain verb. Hedged, supposed or asked ("your policy's probably up for
# renewal", "your staff is going to love it", "could your team use ...?") it is the rep's
# guess; about the rep's own calls and notes ("you opened my last e-mail") it is no news.
# A subject line runs into the greeting once the lines are joined ("Subject: Your shipping
# needs Hi Tanner, ..."): the greeting ends the heading's clause.
_CLAUSES = re.compile(r"(?:[,;:–—]|\.(?= ))\s*(?:(?:and|but|so|since|as) )?"
                      r"|\s(?:and|but|so|since|because|as|which|while|though)\s"
                      r"|\s(?=(?-i:Hi|Hello|Hey|Dear) (?-i:[A-Z]))", re.I)
# A verb in -s has words after it: "your logistics partner", "your shipping needs" are nouns.
_FINITE = (r"(?:is|are|was|were|has|had|have|'s|'re|'ve|does|do|did|doesn't|don't|didn't|isn't"
           r"|aren't|wasn't|[a-z]{2,}ed|[a-z]{2,}s(?= [\w$£€])|got|won|ran|lost|sold|bought|went"
           r"|left|grew|took|made|built|came|sent|paid|spent|hit|cut|put|set|shut)\b")
_THEIR_CLAUSE = re.compile(
    r"\W*(?:(?:I |we )?(?:just )?(?:saw|see|noticed|notice|read|heard|hear|understand|gather"
    r"|know|learned|spotted)(?: that)? )?"
    r"(?:(?:your (?:[\w'-]+ ){0,6}?|you(?:'ve| have| had)? "
    r"|(?:the|that|this) (?:[\w'-]+ ){0,6}?(?:on|at|of|for|in|to|over|under|above|behind|outside"
    r"|along) your (?:[\w'-]+ ){0,3}?)" + _FINITE
    # What they do, in their own verb: "You ship chemicals out of Baytown".
    + r"|you (?!(?:know|need|want|like|love|think|feel|get|see|have|hear|mean|say|said|told"
    r"|asked|called|do|did|are|were|deserve|probably|might|may|can|could|will|would|should"
    r"|must|just|also|still|really|all|guys|too|only|never|ever|even|already|simply)\b)"
    r"[a-z]{3,}\b"
    # Someone else's doing to their things: "the new nitrate map puts your lower fields inside
    # the zone", "That pushes your start by months".
    + r"|(?:the|that|this|their|his|her|its) (?:[\w'-]+ ){0,4}?" + _FINITE
    + r" (?:[\w'-]+ ){0,7}?your\b"
    # What they asked for: "Returning your call about the tracking demo", "you asked me
    # about zinc pricing" (a bare "returning your call" is only a call-back ask).
    r"|(?:returning|answering) your (?:call|e-?mail|message|enquiry|inquiry|question)s?"
    r"(?: from [\w ]{3,20}?)? (?:about|on|regarding|re)\b"
    r"|you asked (?:me |us )?(?:[\w'-]+ ){0,5}?(?:about|for|whether|if|what|how)\b)", re.I)
# Their things could go where the rep names: "Your exports to Spain could go on our chilled
# trailer every Tuesday" is a concrete proposal (not "your team could see real gains").
_THEIR_PROPOSAL = re.compile(
    r"\W*your (?:[\w'-]+ ){0,6}?(?-i:could|can) (?:[\w'-]+ ){1,6}?(?:on|through|via|at|in|into"
    r"|to|from) (?:[\w'-]+ ){0,4}?(?:(?-i:[A-Z])[\w'-]+|" + _DAY + r")", re.I)
_MODAL = re.compile(r"\b(?-i:could|can)\b")
_GUESSED = re.compile(
    r"\b(?:(?-i:can|could|would|will|might|may|should|must)|probably|maybe|perhaps|going to"
    r"|if|whether|whatever|whenever|wonder|hope|sure|deserves?)\b|'ll\b|'d\b|\?"
    # Their time, their silence, their end of things: nothing about their business.
    r"|\byour (?:[\w-]+ )?(?:time|silence|end|schedule|calendar|plate|inbox|convenience"
    r"|thoughts|region|name|attention|radar)\b"
    # A courtesy or a push put as their news: "finds you and your esteemed family in good
    # health", "you are missing out on a great opportunity".
    r"|\b(?:esteemed|in good health|high spirits|miss(?:ing)? out)\b"
    r"|\b(?:my|our) (?:[\w-]+ )?(?:e-?mail|message|note|voicemail|letter|call|brochure|flyer"
    r"|catalog(?:ue)?|proposal|quote|info\w*|pack(?:et)?)s?\b"
    r"|\bcall (?:you|me) back\b", re.I)


# What makes a clause about them particular to them: a number, a name, a date, a comparison,
# a place or a time, something that happened or is happening, what of the rep's it meets, or a
# clause that says which one. Without any ("Your shop front is the first thing customers see")
# it is true of every business: a truism, no fact.
_PARTICULAR = re.compile(
    rf"\d|\b(?:{_NUMBER_WORD}|one-\w+)\b|\s(?-i:[A-Z])|\b(?:same|than|as|that|which|who|whose"
    r"|where|when|according|since|until|from|to|at|in|on|into|out|against|below|above|along"
    r"|every|each|per|last|next|new"
    r"|now|just|recently|already|soon|due|our|asked|returning|answering|won|lost|got|ran|went"
    r"|left|grew|sold|bought|says|said|heard|shows|lists|asks|asking|keeps?|own|has been"
    r"|have been|once|twice|a lot|lots|most|about|nearly|almost|this|like|similar|[a-z]{2,}ed)\b"
    r"|(?:\b(?:is|are|was|were)|'s|'re) (?:[a-z]+ )?[a-z]{3,}ing\b",
    re.I)


def _their_fact(text: str) -> bool:
    """Whether a clause of the sentence states a fact about the listener's own business."""
    if "you" not in text.lower():
        return False
    return any((_THEIR_CLAUSE.match(clause) and not _GUESSED.search(clause)
                and _PARTICULAR.search(text, text.find(clause))
                or _THEIR_PROPOSAL.match(clause) and not _GUESSED.search(
                    _MODAL.sub(" ", clause)))
               and len(clause.split()) >= 4 for clause in _CLAUSES.split(text))


# Free to talk is no giveaway: "I'm free Tuesday", "fifteen minutes free", "free for a call".
_AVAILABLE = re.compile(
    r"\b(?:I'm|I am|we're|we are|I'll be|I will be|are you|you're|you are|be|minutes?|hours?"
    r"|time|anytime|am|he's|she's|he is|she is|they're|they are)\s+(?:next |most |usually )?free\b"
    r"|\b(?:a|some|any) free (?:moment|minute|minutes|half hour|hour|slot)s?\b"
    r"|\bfree (?:on|at|for a (?:call|chat|coffee|quick|short|brief|conversation)|next|this"
    r"|tomorrow|today|any|most|all|between|from|after|before|if|whenever|later|(?:Mon|Tues|Wednes"
    r"|Thurs|Fri|Satur|Sun)day)\b", re.I)


def _unfree(found: re.Match[str]) -> str:
    """The words around "free" kept, "free" itself taken out."""
    return re.sub(r"\bfree\b", " ", found.group(0), count=1, flags=re.I)


# Stock at a price, in digits or words: "at $112 a square", "at nineteen hundred euros a
# container".
# The rep's own visit put as a meeting: "I'll be in Cork on the 14th if you'd like to meet",
# "visiting customers in the Ostrava region from 14 to 16 October, to present our actuators".
# Its dates say when the rep is about, nothing of the listener's business.
_VISIT = re.compile(r"\b(?:I|we)(?:'ll| will) be (?:in|visiting|around|at)\b"
                    r"|\bwhen I(?:'m| am) (?:next )?in\b", re.I)
_MEET = re.compile(r"\b(?:meet(?:ing)?|coffee|catch up|get to know|stop by|drop in|call in"
                   r"|say hello|present)\b", re.I)
MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October"
          r"|November|December)")
# A cut-off date counts nothing for them: "before 31st March", "offer closes on the 30th",
# "anyone who signs before the 20th" (a size said with it still counts; an outside one given
# "until 30 November" is news).
_CUT_OFF = re.compile(
    r"\b(?:before|by|closes? on|ends? on|expires? on)"
    r" (?:the )?(?:\d{1,2}(?:st|nd|rd|th)?(?: of)?(?: " + MONTHS + r")?|" + MONTHS
    + r" \d{1,2}(?:st|nd|rd|th)?)\b(?![,.]?\d)", re.I)
_DATE = re.compile(
    r"\b(?:on |from )?(?:the )?\d{1,2}(?:st|nd|rd|th)?(?: ?(?:to|and|-|\u2013) ?\d{1,2}"
    r"(?:st|nd|rd|th)?)?(?: of)?(?: " + MONTHS + r")?\b(?![,.]\d)", re.I)


# A quarter's name is a date and a form's or a model's code is a name, not a figure: "Q3
# pricing", "your T4s", "the RL-1 slips", "a DN200" (not rand: "R340", "R2 million").
_CODE = re.compile(r"\b(?!R\d)[A-Z]{1,4}-?\d+[a-z]?s?\b")


# The year of their event, or "24/7", counts nothing for them: "your congress in 2025", "your
# 2025 meetings", "a 24/7 service desk" (but a model year does: "the 1998 Trane on the roof").
_YEAR = re.compile(r"\b(?:in|for|during|since|back to) (?:early |late |mid-)?(?:19|20)\d\d\b"
                   r"(?![,.]\d|\s*%)"
                   r"|\byour (?:19|20)\d\d\b|\b24/7\b", re.I)


_PRICED = re.compile(r"\b(?:at|for) (?:\$[\d,.]+|(?:a fixed rate of |a flat )?(?:[\w-]+ ){1,3}"
                     r"(?:dollars|euros?|pounds|bucks)) (?:a|an|per|each) ?\w*"
                     # In euro, or as a cut: "the Plaza at 149 euro", "at 115 instead of 139".
                     r"|\b(?:at|for) (?:\u20ac ?\d|\d[\d,.]* ?(?:euros?|eur)\b"
                     r"|\d[\d,.]* ?\u20ac|\d[\d,.]* instead of \d)"
                     # In pence: "priced at 28p a napkin".
                     r"|\b(?:at|for) \d[\d.]*p (?:a|an|per|each)\b")


_OUR_PEOPLE = re.compile(r"\b(?:our|my) (?:old |new |late )?(?:founders?|manager|director|ceo"
                         r"|boss|owners?|president|chairman|colleagues?|co-founders?|wife|husband"
                         r"|dad|father|mother|team leader|head of [\w ]+?)\b", re.I)
# A job's price, in figures or words: "fit a new section over one weekend for about $7,400",
# "swap it out for about fourteen hundred dollars" – not what the rep paid for their own kit
# ("we bought a new fogging truck for $90,000").
_JOB_PRICE = re.compile(
    r"\b(?:for|at|under|from) (?:about |around |roughly |just |only |under |less than )?"
    r"(?:[$\u00a3\u20ac\u20b1\u20a6] ?\d|(?:RM|S\$|R|Rs\.?|PHP|NZ\$|A\$|C\$) ?\d"
    r"|(?:a |one |two |three |four |five |six |seven |eight |nine |ten |twelve |fifteen |fourteen"
    r" |twenty |fifty )?(?:hundred|thousand) (?:[\w-]+ )?(?:dollars|euros?|pounds|rand|pesos"
    r"|naira|ringgit)\b)", re.I)
_REP_BOUGHT = re.compile(r"\b(?:we|I)(?:'ve| have)? (?:just )?(?:bought|paid|spent|invested"
                         r"|purchased|acquired|raised)\b", re.I)
# Peers no one could call: "Many pharmacies in Monterrey have cut their losses with our
# system", "a lot of wineries in the valley already work with us".
# A number word that starts a name counts nothing: "Craig Wahl with Two Rivers Heating".
_NAMED_NUMBER = re.compile(
    r"(?<=\w )(?-i:(?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twelve|Twenty|Hundred|Thousand)"
    r" [A-Z][a-z])")
# The rep's own size, counted, is the rep's story and no number about the listener: "four
# depots", "three hundred-plus staff", "fifty-five years in business", "one of four we run".
_OUR_SIZE = re.compile(
    rf"(?<!\byour )(?<!\bof )\b(?:\d[\d,.]*\+?|(?:{_NUMBER_WORD}|one)(?:-[a-z]+)?"
    r"(?:[- ](?:hundred|thousand))?(?:[- ]?plus)?)(?: [\w-]+)?[ -]"
    r"(?:staff|employees|people on (?:our|the) (?:team|books)"
    r"|depots|branch(?:es)?|offices|technicians|engineers|fitters|service vans|vans|trucks"
    r"|years in (?:business|the (?:business|trade|industry))|years of experience)\b"
    r"(?![^.?!;]*\byours?\b)", re.I)
_ONE_OF_OURS = re.compile(r"\bone of (?:\w+|\d+) (?:we|I) (?:run|own|operate|have)\b", re.I)


def _without_our_size(text: str) -> str:
    """The text without the rep's own size, counted – unless the listener came first: "You've
    just passed 50 employees" counts theirs."""
    text = _ONE_OF_OURS.sub(" ", text)
    return _OUR_SIZE.sub(lambda m: m.group() if _YOU.search(text, 0, m.start()) else " ", text)
_MANY = re.compile(r"\b(?:many|most|a lot|lots|plenty|dozens|numerous|countless|several"
                   r"|(?<=\bwe )help|(?<=\bI )help)(?: of)?"
                   r"(?: (?:the|our|your))? (?:[\w-]+ ){0,2}?[a-z]+s\b(?:,? (?:in|across|around"
                   r"|from|throughout|like) (?:the )?(?:(?-i:[A-Z])[\w-]*(?: (?-i:[A-Z])[\w-]*)*"
                   r"|yours|[a-z]+))?"
                   # Or a whole region's: "building owners across Texas trust us".
                   r"|\b(?:[\w-]+ )?[a-z]+s (?:across|throughout|all over|right across) (?:the )?"
                   r"(?-i:[A-Z])[\w-]*(?: (?-i:[A-Z])[\w-]*)*",
                   re.I)


def _vague_peers(named: str, known: frozenset[str]) -> bool:
    """Whether a sentence's only peers are a crowd with no name and no figure.

    >>> _vague_peers("Many factories in Aichi have reduced their air costs a lot", frozenset())
    True
    >>> _vague_peers("Many factories in Aichi cut their air bill 18 percent", frozenset())
    False
    """
    if not _MANY.search(named):
        return False
    rest = _MANY.sub(" ", named)
    return not _NUMBER.search(rest) and not _names(rest, known, caller_out=True)


def _reasons(text: str, self_talk: bool, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The kinds of concrete reason in a sentence (blame and pressure already taken out)."""
    timed = _YEAR.sub(" ", _TIME.sub(" ", _PHONE.sub(" ", _EMAIL.sub(" ", text))))
    # "Free" that means available goes first: "half an hour free" is asked-for time.
    plain = _CALL_LENGTH.sub(" ", _AVAILABLE.sub(_unfree, timed))
    boss = _BOSS.search(plain)
    # "our new warehouse", "my list", "a quote": the rep's own things are not the listener's.
    plain = _OWNED.sub(" ", _SENT_PITCH.sub(" ", plain))
    kinds = []
    plain = _SEEN.sub(" ", _THEIR_PROMISE.sub(" ", plain))
    if _REFERRAL.search(plain) and not boss:
        kinds.append("referral")
    # The listener's own practice or plant is not a peer: "to discuss your practice's supply
    # needs" (but "your competitors" are).
    named = _YOUR_OWN.sub(" ", _CALLER.sub(" ", plain))
    # The rep's own people are no peers: "Our manager, Andrés Castro, used to run O&M for a
    # big utility", "our founder built the first sensor in his garage".
    if _OUR_PEOPLE.search(text):
        named = ""
    # A peer's result, not the rep's: "a bakery in Eugene uses it", not "we use green products".
    if (_PEER.search(named) or _names(named, known, caller_out=True)) \
            and _RESULT.search(_REP_DOES.sub(" ", named)) and not _vague_peers(named, known):
        kinds.append("peer")
    plain = _VAGUE_RESOURCE.sub(" ", plain)
    # Stock on hand at a price ("300 squares in our yard today, at $112 a square") is an offer
    # they can take, even in the rep's own words.
    if (_OFFER.search(plain) or _JOB.search(plain) or _PRICED.search(plain)
            or _JOB_PRICE.search(plain) and not _REP_BOUGHT.search(plain)) and not self_talk:
        kinds.append("offer")
    if self_talk:  # the rep's own years, staff and awards are not the listener's reasons
        return tuple(kinds)
    met = (_MEET.search(plain) or _SCHEDULING.search(plain)) and (_VISIT.search(plain)
                                                                  or "?" in plain)
    counted = _DATE.sub(" ", plain) if met else plain
    counted = _without_our_size(_CODE.sub(" ", _CUT_OFF.sub(" ", _NAMED_NUMBER.sub(" ", counted))))
    if _NUMBER.search(_ATTEMPTS.sub(" ", _TIMES.sub(" ", counted) if " times" in counted
                                    else counted)):
        kinds.append("number")
    if _RESOURCE.search(plain):
        kinds.append("resource")
    if ((_THEIR_FACT.search(plain) or _HEARD_NEWS.search(timed)) and not _SUPPOSING.search(plain)
            or _their_fact(_THEIR_PROMISE.sub(" ", timed))):
        kinds.append("fact")
    # "Do you have 15 minutes next week?" asks for a meeting: the call length counts here.
    if "?" in text and _YOU.search(plain) and not _SCHEDULING.search(timed) \
            and not _EMPTY_QUESTION.search(plain) \
            and len(_WORD.findall(plain)) >= 4:
        kinds.append("question")
    return tuple(kinds)


def _names(text: str, known: frozenset[str], caller_out: bool = False) -> list[str]:
    """Capitalised names in a sentence that are not the rep's, the prospect's or a month's.

    ``caller_out`` says the text has had who is calling taken out already.
    """
    return [name for name in _CAPITALISED.findall(text if caller_out else _CALLER.sub(" ", text))
            if name.split()[0] not in _NOT_NAMES and name.split()[0] not in known]


#: The rep's tries counted, however: "four or five voicemails", "two e-mails", "now I call
#: the third time", "calling since the last two weeks" – no fact about the listener.
_ATTEMPTS = re.compile(
    _AT_WORD + rf"\b(?:\d+|{_NUMBER_WORD}|one|a few|several|a couple of|a couple)"
    rf"(?: or (?:\d+|{_NUMBER_WORD}))? (?:more |other |separate |different |previous |earlier )?"
    r"(?:messages|voicemails|e-?mails|calls|notes|letters|attempts|tries|texts|follow-ups"
    r"|occasions)\b"
    rf"|\bthe previous (?:\d+|{_NUMBER_WORD})\b"
    rf"|\b(?:\d+|{_NUMBER_WORD}|a few|several) (?:days|weeks|months) since (?:my|our|the) (?:last"
    r"|previous|first)\b"
    r"|\b(?:the|a|my|this|our) (?:second|third|fourth|fifth|sixth|seventh|\d+(?:st|nd|rd|th))"
    r" (?:time|call|message|attempt|try|e-?mail|voicemail|note|follow-up)\b"
    rf"|\b(?:for|since|in|over) (?:the )?(?:last|past) (?:\d+|{_NUMBER_WORD}|few|couple of)"
    r" (?:days|weeks|months)\b", re.I)
#: "Opened my e-mail five times", "called three times": a count of attempts, no fact (but
#: "three times a week", "three times faster" are).
_TIMES = re.compile(
    _AT_WORD + rf"\b(?:\d+|{_NUMBER_WORD}|a few|several|many) times\b"
    r"(?! (?:a|an|per|each|every|faster|more|less|as|the|over|cheaper|longer|higher|lower)\b)",
    re.I)
