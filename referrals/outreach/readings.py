"""The sentence reader's phrase families: what is formula, and what gives the listener something.

:mod:`referrals.outreach.phrases` holds the flaws (blame, pressure, empty claims); these are
what :func:`referrals.outreach.checks.read_sentences` needs besides: courtesies and job titles
(formula, not substance), a referral, an offer, a peer and its result, and the rep's own story.

>>> COURTESY.search("Hope your week is off to a great start!").group(0)
'Hope your week is off to a great start'
>>> SELF_TALK.search("Our plant in Akron just added a second press.").group(0)
'Our plant in Akron just added'
"""

from __future__ import annotations

import re

__all__ = ["ABOUT_US", "COURTESY", "DAY", "EMPTY_FOLLOW_UP", "FOUNDED", "HISTORY", "MILESTONE",
           "NAMED_SUBJECT", "OFFER", "OUTCOME", "PEER", "REFERRAL", "RESULT", "SELF_TALK",
           "THE_COMPANY", "TITLE_ALONE", "TO_YOU"]

# Every phrase starts a word (see referrals.outreach.phrases.families).
_AT_WORD = r"(?<![\w'-])(?=[\w#])"

DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SEASON = (r"(?:day|week|weekend|month|morning|afternoon|spring|summer|fall|autumn|winter"
           r"|season|year|new year|holidays?|quarter)")
_FINE = (r"(?:good|great|nice|smooth|strong|lovely|wonderful|productive|busy|restful|relaxing"
         r"|fantastic|terrific)")
#: A job title: who is calling, not what they say ("I'm the new account manager for your
#: area", "Brightwater Bank's business banking team", "senior consultant").
_TITLE = (
    r"(?:(?:new|senior|junior|regional|area|local|territory|account|sales|business development"
    r"|business banking|commercial|client|customer|relationship|inside|outside|partnerships?"
    r"|new business|district|branch|field)\s+){1,3}(?:representative|rep|manager|executive"
    r"|director|specialist|associate|consultant|advisor|adviser|team|department|desk|officer"
    r"|lead)\b(?:\s+(?:for|in|covering) (?:your|the|this) (?:area|region|territory|district"
    r"|patch))?")
#: Courtesies that say nothing about the listener's business: well-wishing, when and how to
#: reach the rep, the sign-off. A message of only these and a name is only a name and number.
COURTESY = re.compile(
    _AT_WORD + r"(?:\b(?:I )?hope (?:this|my|the)(?: (?:e-?mail|note|message|letter|voicemail))?"
    r" (?:finds|reaches) you(?: well| in good (?:health|spirits))?"
    r"|\b(?:I )?hope (?:that )?you and (?:your|the) (?:team|family|colleagues|staff)"
    r" (?:are|have been) (?:keeping |doing |staying )?(?:well|good|safe|fine)\b"
    r"|\b(?:I )?hope (?:that )?(?:you(?:'re| are|'ve been| have been) (?:well|doing well"
    r"|keeping well|having (?:a|an) \w+ " + _SEASON + r"|enjoying (?:the|your|this) \w+)"
    r"|all(?:'s| is) well|things are (?:going )?well)"
    r"|\b(?:(?:I )?hope |and )?(?:that )?(?:your|the) " + _SEASON + r"(?:'s| is| are| has been"
    r"| was| went) (?:going (?:well|smoothly)|(?:off to )?(?:a |an )?" + _FINE
    + r"(?: one| start)?)"
    r"|\b(?:I )?hope (?:that )?you(?:'ve| have)? (?:had|enjoyed|are having|'re having) (?:a |an "
    r"|the |your )?(?:" + _FINE + r" )?" + _SEASON + r"\b"
    # Meeting them, or asking for the right person, is who is calling, not what they'd gain.
    r"|\b(?:nice|great|good|lovely|a pleasure) to (?:e-?)?meet you\b"
    # Trying again later is the call-back ask turned round: "I'll try you again, but in the
    # meantime my number is ...".
    r"|\bI(?:'ll| will) (?:try|call|ring) (?:you )?(?:again|back|later|tomorrow)\b(?:,? but)?"
    r"|\bin the meantime\b"
    r"|\bcalling for the (?:[\w-]+ ){0,2}(?:manager|owner|director|person|team|department"
    r"|office|buyer)\b"
    r"|\bhappy (?:" + DAY + r"|holidays?|new year|hump day)\b"
    r"|\b(?:I )?look(?:ing)? forward to (?:hearing from you|hearing back|speaking with you"
    r"|talking (?:with|to) you|connecting|chatting|your (?:call|reply|response))(?: soon)?"
    r"|\b(?:I )?hope to (?:speak|talk|hear|chat|connect)(?: (?:with|to|from) you)?(?: soon)?"
    r"|\b(?:bye|goodbye) (?:now|for now)\b|\bmany thanks\b|\bthanks so much\b"
    # Promising brevity, or apologising for one's English, says nothing about the rep.
    r"|\bI(?:'ll| will) keep (?:it|this) (?:short|brief|quick)\b"
    r"|\b(?:(?:excuse|forgive|sorry for) my English|my English is not (?:very )?(?:perfect"
    r"|good|great))\b"
    r"|\b(?:do )?have a (?:great|good|nice|lovely|wonderful|fantastic|terrific|pleasant) (?:day"
    r"|one|weekend|week|evening"
    r"|afternoon|morning)\b"
    r"|\b(?:this|the|my) (?:message|call|voicemail) is for\b|\bcalling for (?=(?-i:[A-Z]))"
    r"|\b(?:reply|respond|answer) to this (?:e-?mail|message|note)\b"
    r"|\b(?:shoot|drop|send|give) me (?:a|an) (?:quick )?(?:call|line|text|note|e-?mail|ring"
    r"|buzz|shout|message)(?: back)?\b"
    r"|\b(?:and )?(?:we(?:'ll| can)|I(?:'ll| can)) (?:talk|go|walk) (?:it|them|things|that"
    r"|the details) (?:through|over)\b"
    r"|\bI can (?:also )?be reached\b|\b(?:on|at|via) my (?:mobile|cell|direct line"
    r"|office line|desk)\b|\bmy (?:direct line|cell|mobile)\b"
    r"|\b(?:whenever|when) (?:it's|it is) (?:convenient|easiest)(?: for you)?"
    r"|\bwhen(?:ever)? you(?:'re| are) (?:free|ready|available)\b"
    r"|\bwhen(?:ever)? you (?:have|get|find) (?:a|the) (?:minute|moment|second|chance)\b"
    r"|\bat your (?:earliest )?convenience\b|\bany ?time\b"
    r"|\b" + DAY + r" (?:through|thru|to) " + DAY + r"\b"
    r"|\b(?:I'm|I am|as) (?:the|your|an?) " + _TITLE +
    # The call-back ask said politely is still only the ask: "I'd be most grateful if you could
    # return my call", "I'd appreciate a return call", "feel free to call or text", "sorry to
    # bother you" (but "I'd be so grateful for ten minutes" pleads for the meeting).
    r"|\bI(?:'d| would) (?:be (?:most |very |much )?(?:grateful|obliged)|(?:much |greatly )?"
    r"appreciate(?: it)?) (?:if you (?:could|would|can) )?(?=(?:return my call|give (?:me|us) a "
    r"(?:call|ring|bell|shout)|call (?:me|us)|ring (?:me|us)|a (?:return call|call ?back|call)"
    r")\b)"
    # ... and as the apology that opens news: "I'm sorry to bother you, but I noticed ...".
    r"|\b(?:I'm )?sorry to (?:bother|trouble) you\b(?! again)(?=[^.?!;]{0,20}(?:it's|this is"
    r"|I'm|my name)|,? but (?:I|we|your|there|this)\b)"
    r"|\b(?:please )?feel free to (?=(?:call|text|ring|reach|contact|e-?mail)\b)"
    r"|\bif you(?:'d| would) like to (?:call|ring)\b"
    r"|\b(?:at )?(?:any|a) time that suits you\b|\bwhenever (?:it )?(?:works|suits)(?: for)?"
    r"(?: you)?\b|\b(?:I )?remain at your disposal\b|\b(?:here are )?my contact details\b"
    r"|\b(?:or )?(?:at|by|via) (?:this|my) e-?mail(?: address)?\b"
    r"|\b(?:during|outside|after) (?:business |office |working )?hours\b"
    r"|\b(?:I )?wish you a (?:pleasant|good|great|nice|lovely) (?:day|week|weekend|evening)\b"
    r"|\btake care(?: now)?\b|\bGod bless\b|\b(?:thanks|thank you) indeed\b|\bindeed\b(?=,)"
    r"|\bgive us a (?:bell|shout|call|ring)\b|\bgive me a bell\b"
    r"|\bwhen(?:ever)? you(?:'re| are) (?:about|around)\b"
    r"|\bwhen(?:ever)? you get a (?:sec|mo|tick)\b|\bout of (?=(?-i:[A-Z]))"
    r")",
    re.I,
)
TITLE_ALONE = re.compile(_AT_WORD + r"\b" + _TITLE, re.I)

REFERRAL = re.compile(
    r"\b(?:asked|told) me to (?:call|write|get in touch|reach out|give you|ring|phone|contact"
    r"|pass)|\basked me to\b|\bsuggested (?:I|that I|we|you)\b|\brecommended\b|\breferred\b"
    r"|\b(?:said|says|mentioned|told me) (?:that )?(?:you|your|she'd|he'd|she would"
    r"|he would)\b|\bthought you(?:'d| would)(?! like (?:a little |some |a bit of )?"
    r"(?:background|to know (?:a bit |a little |more )?about (?:me|us|our|my)))"
    r" (?:want|like|enjoy|find|be|appreciate|benefit"
    r"|get|see|know|remember|recognise|recognize)\b|\bI believe you and\b"
    r"|\b(?:we|you and I) (?:met|were both|both)\b|\bmet you at\b|\bmy colleague\b"
    # Someone who knows them: "He said he knows you from the Freight Association".
    r"|\b(?:he|she|they|who) (?:knows|know|knew) you (?:from|through|at|well)\b"
    # "I believe you know Raj Nakamura", "I'd be glad to ask Raj to take your call".
    r"|\bI (?:believe|understand|hear|gather) you know\b|\bknows my work\b"
    r"|\bask (?-i:[A-Z])[\w'-]+ to (?:take your call|call you|ring you|vouch)\b"
    r"|\byou (?:asked|mentioned|said|told me|were (?:in|at))\b|\byour (?:question|post|talk)\b"
    r"|(?:(?<='s )|(?<= is )|(?<= are )|(?<='d be )|(?<= would be )|(?<= will be )|(?<='ll be ))"
    r"(?<!\bI'd be )(?<!\bwe'd be )(?<!\bwe are )(?<!\bI would be )(?<!\bwe would be )"
    r"(?<!\bI will be )(?<!\bwe will be )(?<!\bI'll be )(?<!\bwe'll be )(?<!\bit's )(?<!\bthat's )"
    r"(?<!\byou are )(?<!\byou'd be )(?<!\byou would be )(?<!\byou'll be )(?<!\byou will be )"
    r"(?:happy|glad|willing|pleased) to (?:tell|talk|show|share|walk|speak|chat|explain|answer"
    r"|take)\b"
    r"|\bthank(?:s| you) for\b(?! (?:taking|your (?:time|attention|consideration|patience)"
    r"|the time|reading|listening|considering"
    # (A courtesy, however warm: "Thank you for your continued support", "for your hard
    # work", "for being part of our region".)
    r"|your (?:continued |constant |kind |hard |long |ongoing )?(?:support|work|business"
    r"|cooperation|co-operation|efforts?|patronage|trust|interest)|being\b|all (?:you|that)\b))"
    r"|\bas you asked\b|\bneighbou?r\b"
    # (A nun or a friar by title is no sibling: "Hi Sister Jacinta".)
    r"|\b(?:sister|brother)(?:-in-law)?\b(?! (?-i:[A-Z]))",
    re.I,
)
# What follows "walk you through" when the rep means their range in general ("our options"),
# or nothing at all once the rep's own things are taken out.
_REPS_RANGE = (r"(?:(?:our|my) (?:options|services|solutions|offer|packages|company|range)\b"
               r"|\s*[.!?]?\s*$)")
OFFER = re.compile(
    _AT_WORD + "(?:"
    # (Nor the rep's own time: "I'm free most afternoons", "fifteen minutes free next week".)
    r"(?<!you're )(?<!you are )(?<!feel )(?<!when )(?<!you )(?<!I'm )(?<!I am )(?<!you be )"
    r"(?<!minutes )\bfree\b(?! (?:to|time)\b)"
    r"|\bat no (?:charge|cost)\b|\bno extra\b"
    # A charge waived by name: "there's no mobilization charge", "no call-out fee".
    r"|\bno (?:[\w-]+ )?(?:charge|fee)\b"
    # A trial they can run, not "real trial experience".
    r"|\b(?:a|free|\w+-day|\w+-week|\w+-month) trial\b|\btrial (?:run|period|order|batch|basis"
    r"|week|month|kit|pack)\b|\blend you\b|\btest (?:yours|it"
    r"|your)\b|\bcheck (?:them|yours|it|your)\b|\binspect\b|\bwalk (?:your|you through)\b"
    # (Not the rep's range in general: "walk you through our options".)
    r"(?! " + _REPS_RANGE + ")"
    r"|\bbring (?:sizes|photos|samples?|the|our|him)\b|\bdrop(?:ped)? off\b(?= ?[\w$])|\bfix it\b"
    r"|\bheld\b|\bhold (?:it|one|a|the|them)\b|\block in\b(?=[^.?!;]*\d)|\brun your numbers\b"
    # (Not the rep's own workings: "explain how LedgerLoop works before we talk".)
    r"|\bexplain\b(?= *\w)"
    r"(?! (?:how|what) (?:we|our|I|my|(?-i:[A-Z])[\w-]+ (?:works?|does|is|do))\b)"
    # (Nor the rep's pitch told in person: "explain our services", "explain it in more
    # detail", "visit you to explain more".)
    r"(?! (?:our|my|more|it|the (?:details|benefits|advantages))\b)"
    r"|\bshow you (?:how (?:they|she|he|it|the|to|your|\w+'s)|their|the|what"
    r" they|what it)\b|\bwaive\b|\bextra \w+ (?:percent|%)"
    # A discount with its size only: "a really good discount" offers nothing they can weigh.
    # (A date is no size: "discounted rates when you sign up before June 30".)
    r"|\bdiscount(?=[^.?!;]*?(?:\d[\d,.]* ?(?:%|per ?cent|off\b|euros?|pesos?|rand|dollars"
    r"|reais)|[$\u00a3\u20ac\u20b1] ?\d|\bR ?\d|%|\bper ?cent|\bhalf\b|\ba third\b|\ba quarter\b))"
    r"|(?:\d|%|\bper ?cent|\bhalf) (?:[\w-]+ )?discount"
    r"|\b(?:I|we)(?:'ve| have)(?: got)? (?:a|an|one|two|three|four|five|six|\d+) [\w -]{0,30}?"
    r"(?:who|that) "
    r"(?:could|can|will|would)\b"
    # What the rep has free for them, and when: "we have two certified welders available
    # Monday for your Kenosha job" (not "we have 30 technicians available around the clock").
    r"|\b(?:I|we)(?:'ve| have)(?: got)? (?:a|an|one|two|three|four|five|six|\d+) [\w -]{0,30}?"
    r"(?:available|free|open|ready|spare|in stock|on hand)\b(?=[^.?!;]*\b(?:your|you|this week"
    r"|next week|tomorrow|today|" + DAY + r")\b)"
    r"|\b(?:e-?mail|mail|send|sent|mailed|fax|text|texted|drop)"
    r"(?: it| them)? (?:you|to you|over|with your|at your|in the mail)\b"
    r"(?!\s*(?:my )?\s*(?:(?:best|kind|kindest|warm|warmest) )?\s*(?:regards|greetings|wishes"
    r"|thanks)\b)"
    # (Not "I left you a message": the article is looked past before the noun is judged.)
    r"|\bleft (?:it |them )?(?:with|at|for) (?:you|your)\b|\bleft you (?!(?:(?:a|an|the|some|two"
    r"|three|\d+) )?(?:(?:message|voicemail|note|call|e-?mail)s?\b|(?:now|today|twice|this|that"
    r"|last|again|several|a few|a couple|many|\w+ times)\b))[a-z]"
    # The rep doing a concrete job on the listener's things: "I can test and re-certify it".
    r"|\bI(?:'ll| will| can| could|'d be happy to| am happy to|'m happy to) (?:\w+ and )?(?:test"
    r"|check|fix|inspect|service|repair|replace|(?:re-?)?certify|measure|install|fit|bring|send"
    r"|mail|post|drop|seal|clean|swap|price|quote|run|count|walk|map|plan|print|reprint|deliver"
    r"|hold|tag|patch|renew|ship|source|set aside)\b(?=[^.?!;]*\b(?:it|them|yours|your|this"
    r"|that|those|these|both|all)\b)"
    r"|\b(?:rate|price|lease|fee|cost) (?:of|at) [$\u00a3\u20ac]?\d"
    # A price beaten against someone they can check: "our rate on this route is twelve
    # percent lower than Maersk".
    r"|\b(?:is|are|runs?|comes? in) (?:[\w-]+ ){0,3}?(?:lower|less|cheaper|below|under) than"
    r" (?:(?-i:[A-Z])|your\b)"
    # A price per unit, in any currency: "a daily lift for race week, €95 for the seven days",
    # "repacking on site, about €60 per valve", "twenty valves a month at €320 each".
    r"|(?<=[$\u00a3\u20ac])\d[\d,.]*(?: ?k)? (?:a|an|per|each|apiece|for (?:the |all |both |each"
    r" |every |a |one )?(?:two|three|four|five|six|seven|eight|ten|twelve|\d+|week|month|year|lot"
    r"|job|season|days?|set|pair))\b"
    # A price cut on their quote: "now $2,100 cheaper than quoted".
    r"|\b(?:cheaper|lower|less) than (?:(?:I|we) )?(?:quoted|before|last time)\b"
    r"|\b(?:pays?|paying|yields?|yielding|earns?|earning|priced at|charges?|charging|costs?"
    r"|costing) (?:about "
    r"|around |roughly |just |only |a flat )?[$\u00a3\u20ac]?\d"
    r"|\d[\d.,]*(?: ?%| percent| cents?| dollars?) (?:under|below|less than|cheaper than)\b"
    r"|\b(?:I|we)(?:'m|'re| am| are|'d be| would be|'ll be) (?:happy|glad"
    r"|pleased) to (?:share(?! that\b| more\b)"
    # (Not a showing in general: "show you how in a short call", "show you around".)
    r"|send|walk(?! you through " + _REPS_RANGE + ")"
    r"|show(?! you (?:how (?:in|on|over|we|it works|you (?:can|could) benefit)|(?:in|on|over"
    r"|during) (?:a|an|person)|around|more)\b)|bring|drop(?! in\b| by\b)|run|review|lend|go over"
    r"|check|look at|compare)\b"
    r"|\bin the mail\b|\battached\b|\benclosed\b|\bI'll (?:e-?mail|mail|send|bring|drop)\b"
    # (Not the meeting's own invitation: "I'll send through an invite".)
    r"(?! (?:(?:you|it) )?(?:through |over |out )?(?:an? |the )?(?:calendar |meeting |teams"
    r" |zoom )?(?:invite|invitation)\b)"
    r"|\bon (?:its|it's) way\b|\bavailable in your\b|\boff (?:the|your|any|a|our)\b"
    r"|\b(?:offer(?:ing)?|giv(?:e|ing)) (?:you |them )?(?:an? )?(?:extra |additional |further"
    r" |special )?(?:\d[\d,.]*|[a-z]+)(?: ?%| percent| per cent)(?: discount)? (?:on|off)\b"
    r"|\bpercent off\b|\b\d+(?:\.\d+)? ?% off\b|\b(?:is|are|'s) on (?:me|us|the house)\b"
    + ")",
    re.I,
)
SELF_TALK = re.compile(
    _AT_WORD + "(?:"
    r"\b(?:I|we)(?:'d| would| am|'m| are|'re)? (?:really |so |very )?(?:excited|passionate"
    r"|proud|thrilled|delighted|honou?red)\b"
    r"|\bI'?m (?:the|your) new\b|\bI(?:'ve| have)? (?:just )?(?:joined|taken over|moved over)\b"
    r"|\b(?:I|we)(?:'ve| have)? (?:spent|worked|been (?:in|with|at|serving|helping|doing))\b"
    r"|\bstart(?:ed|ing) (?:out|my|our)\b|\bbefore (?:starting|joining)\b"
    r"|\byears of (?:combined )?experience\b|\bpride ourselves\b|\btake pride\b"
    r"|\b(?:our|my) (?:mission|passion|story|history|journey|values|founders?|founder's|motto"
    r"|philosophy|promise|culture|heritage|roots|tradition|vision|ethos|ceo|chief executive"
    r"|chairman|chairwoman|president|owner|managing director)\b"
    # The rep's plans: "We are opening in Nagpur next month".
    r"|\b(?:we|I)(?:'re| are| will be|'ll be| am|'m) (?:now |also |soon |just )?(?:opening"
    r"|expanding|launching|relocating|moving (?:to|into)|growing)\b"
    r"|\b(?:my|our) (?:father|dad|grandfather|grandparents|mother|mum|mom|parents|family)"
    r" (?:started|founded|opened|built|set up|launched)\b"
    r"|\b(?:started|founded|set up|established|opened|launched) (?:(?-i:[A-Z])[\w&'-]*\s){1,4}"
    r"(?:back )?in (?:19|20)\d\d\b|\bopen(?:ed|ing) (?:our|my) doors\b"
    # The track record counted: "we've handled over 1,500 filings", "we place over 6,000".
    r"|\b(?:we|I)(?:'ve| have)? (?:handled|served|completed|placed|delivered|processed|installed"
    r"|filed|helped|worked with|done|closed|trained|cleaned|printed|shipped|financed|insured"
    r"|place|serve|ship|deliver|process|handle|install|clean|print|insure|train|manage)"
    r" (?:well )?(?:over|more than|nearly|almost|upwards of|thousands of|hundreds of)\b"
    r"|\b(?:we(?:'re| are| were|'ve been| have been)|I(?:'m| am| was|'ve been| have been)"
    r"|(?:our|my) [\w-]+ (?:is|was|has been)) (?:(?:also|again|just|recently|proudly) )?(?:rated"
    r"|ranked|recogni[sz]ed|voted|named|listed|featured|awarded|honou?red)\b"
    r"|\b(?:voted|named|ranked|rated) (?:us|me)\b"
    # What the rep's plant, branch or team did for itself: "our plant in Akron just added".
    r"|\b(?:our|my) (?:[\w-]+ ){0,2}(?:plant|branch|office|team|company|firm|facility|warehouse"
    r"|shop|fleet|agency|bank|store|lab|factory|depot)\b[^.?!;]{0,30}?\b(?:(?:just|recently"
    r"|also|now) )*(?:added|opened|won|grew|doubled|tripled|hired|expanded|launched|earned"
    r"|received|reached|passed|celebrated|became|acquired|bought|moved (?:to|into)|rebranded"
    r"|renamed|merged|relocated|changed (?:its|our|the) name)\b"
    # The rep's machines and people counted: "we run 11 presses", "we employ 40 drivers".
    r"|\bwe(?:'ve| have)? (?:now |also )?(?:run|operate|own|employ) (?:over |more than |about "
    r"|nearly |some )?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens"
    r"|hundreds)\b(?![^.?!;]*\byou)"
    r"|\b(?:we|I) used to (?:be|go by|work for|run)\b|\bformerly (?:known as|called)\b"
    r"|\b(?:doubl|tripl|expand|increas|grow|boost)\w* (?:our|my) (?:capacity|output|footprint"
    r"|team|staff|fleet|reach|size|headcount)\b"
    r"|\bfamily[- ](?:owned|business)\b|\bwe speciali[sz]e\b|\bwe(?:'re| are) (?:a|an|the) \w+"
    # What the rep or the company did to itself: moved, opened, grew, hired, won.
    r"|\b(?:I|we)(?:'ve| have| had)? (?:(?:recently|just|finally|also|now) ){0,2}"
    r"(?:moved (?:back|here|into|to)|relocated|came back|opened (?:a|an|our|my)"
    r"|launched (?:a|an|our|my)|founded"
    r"|expanded (?:our|my|into)|doubled (?:our|my)|tripled (?:our|my)|hired|added (?:a|an|two"
    r"|three|new|\d+)|bought (?:a|our|new)|upgraded (?:our|my)|rebranded|merged|won|earned"
    r" (?:a|an|our|the))\b"
    r"|\b(?:I|we)(?:'ve| have)? (?:got|have) (?:a |an |two |three |\d+ )?(?:new|brand-new|bigger"
    r"|larger|second|third|additional)\b|\bstarted (?:the|this|my|our) (?:company|business"
    r"|firm|agency|practice|shop)\b|\b(?:founder|co-founder|owner|president|CEO) of\b"
    r"|\b(?:I'm|I am) (?:the|a|your) (?:founder|co-founder|owner|president|ceo|head|new)\b"
    r"|\bwe (?:now )?employ\b|\bhow far (?:we|I)(?:'ve| have) come\b|\bsince (?:19|20)\d\d\b"
    r"|\bin business (?:for|since)\b|\byears in (?:business|the (?:business|industry|trade))\b"
    r"|\bafter \w+ years (?:in|at|with|of)\b|\b(?:my|our) (?:local |own |growing )?(?:client"
    r"|customer) base\b|\bbuild(?:ing)? (?:up )?(?:my|our) (?:book|business|territory|client)"
    r"|\b(?:certified|accredited|licensed and insured|locally owned|(?:woman|veteran|employee)"
    r"-owned|family-run)\b|\bwe(?:'re| are) (?:also |now )?hiring\b|\bexciting\b"
    r"|\b(?:set up|founded|established|started|launched|opened) in (?:19|20)\d\d\b"
    # The rep's own premises: "we have a Tier III data center and a 24/7 help desk".
    r"|\bwe (?:now |also |today )?(?:have|run|operate|own) (?:a|an|our own) (?:[\w/-]+ ){0,3}"
    r"(?:data cent(?:er|re)|help ?desk|call cent(?:er|re)|showroom|network of)\b"
    r"|\bwe(?:'ve| have)? grown\b|\bwe (?:now |also |today )?(?:have|run|operate|own|carry)"
    r" (?:[\w,-]+ ){0,2}(?:offices|locations|branches|depots|stores|warehouses|technicians"
    r"|employees|staff|recruiters|engineers|attorneys|lawyers|people|trucks|vans|products"
    r"|fleet of)\b"
    r"|\b(?:I|we)(?:'ve| have)? (?:recently |just |also )?(?:added|bought|acquired|opened|launched"
    r"|hired|built|upgraded|expanded|celebrated|reached|passed)\b(?=[^.?!]*\b(?:our|my|new|second"
    r"|third|bigger|larger|award|anniversary|milestone)\b)"
    + ")",
    re.I,
)
PEER = re.compile(
    r"\b(?:plants?|shops?|bakery|bakeries|diners?|clinics?|firms?|distributors?|warehouses?"
    r"|restaurants?|stores?|dealers?|dealerships?|schools?|hospitals?|grocers?|practices?"
    r"|brewery|breweries|roasters?|dairy|dairies|fleets?|haulers?|centres?|centers?"
    r"|competitors?|customers?|clients?|shippers?|contractors?|compan(?:y|ies)|businesses"
    r"|groups?|manufacturers?|suppliers?|buyers?|builders?|pools?|buildings?|sites?|members"
    r"|cafe|café|daycare|mills?|labs?|offices like|teams like|vans|trucks|roofs|owners"
    r"|retailers?|crew|firm's|plant's)\b"
    r"|\b(?:she|he|they|her|his|their)\b"
    # A name's possessive ("Ferris's line"), not a contraction at a sentence's start.
    r"|\b(?!(?:It|That|There|What|Here|Let|He|She|Who|Where|Today|Now|This)'s)[A-Z][a-z]+(?:'s)\b",
)
RESULT = re.compile(
    r"\b(?:cut|cuts|saved|saves|dropped|drops|fell|rose|went up|goes up|go up|doubled"
    r"|halved|switched|moved|started|added|solved|fixed|found|reduced|lowered|improved"
    r"|uses|use|sold|got|turned|recovered|kept|keep|spent|lose|lost|paid|paying|pay|had"
    r"|noticed|chose|qualif(?:y|ies|ied)|missed|burned|failed|consolidate|placed|inspected"
    r"|treating|supply|insure|installed|tracked|ran|shows?|showing|published|changed|jump"
    r"|rising|increase|applies|takes effect|starts|opening|hiring|sell|buying|came in"
    r"|cleared|came out|voted|recoated|buy|changing|offering|going up"
    # ...and what the rep did for a named peer, or what the peer says about it.
    r"|using|used|financed|refinanced|handled|staffed|went through|sorted|overpa(?:id|ying)"
    r"|split|replaced|swapped|renewed|audited|appealed|tells (?:me|us)|told (?:me|us)|says)\b",
)


#: A founding date: "set up in 1987", "established in Rotterdam in 2004".
FOUNDED = re.compile(
    r"\b(?:was |were )?(?:set up|founded|established|started|launched) (?:back )?(?:in (?-i:[A-Z])"
    r"[\w.]*(?: (?-i:[A-Z])[\w.]*)? )?in (?:19|20)\d\d\b",
    re.I)
# The company's history, whoever is its subject ("What began as a single warehouse in
# Oakland is now ...", "His son took over in 1995", "Harrington Engineering celebrates its
# fiftieth year", "we raised our Series C"): a founding, a growth or a milestone, dated.
HISTORY = re.compile(
    r"\b(?:began|begun|started|founded|established|launched|set up|took over|spun out|was born"
    r"|celebrat\w+|anniversary|turns|merged|grew|has grown|have grown|expanded|moved (?:us|our)"
    r"|raised (?:our|a) (?:series|seed|funding)|employs|has (?:served|supplied|been (?:serving"
    r"|supplying|providing))|have (?:served|supplied)"
    r"|been going|built (?:the|this|our|his|her) (?:company|business|firm)|grown to|grew to"
    r"|within (?:\w+|\d+) years|over (?:\w+|\d+) years (?:he|she|we|they))\b"
    r"(?=[^.?!;]*?\b(?:(?:19|20)\d\d|since|nineteen|two thousand|years?|today|now)\b)"
    # "Heritage Press has been printing in Lancaster County since 1952" – with a year, and not
    # a customer's use of the rep's product ("has been using our menu stock since 2021").
    r"|\b(?:has|have|'ve) been [a-z]+ing\b(?![^.?!;]*\b(?:our|us)\b)"
    r"(?=[^.?!;]*?\b(?:(?:19|20)\d\d|nineteen|two thousand)\b)"
    r"|\b(?:what|it all) (?:began|started) as\b"
    r"|\b(?:started|began) (?:out )?with (?:one|a single|just one|only one|two) (?!of\b)"
    # The rep's own career: "I've been with Lakeshore for twelve years", "I'm an ex-pipefitter",
    # "before that I ran a shop", "I'm new to sales", "spent twenty years on boilers".
    r"|\bI(?:'ve| have) been (?:with|at) (?-i:[A-Z])[\w&'-]*(?: [\w&'-]+){0,2}? (?:for|since)\b"
    r"|\bI(?:'m| am) (?:an ex-|a former )[\w-]+|\bbefore that,? I\b|\bI(?:'m| am) new (?:to|in)"
    r" (?:sales|the (?:role|job|team|company|territory))\b"
    r"|\bspent (?:\w+|\d+) years (?:as|on|in|at)\b(?![^.?!;]*\byour\b)"
    # The catalogue read out: "Our services include application development, testing, ...".
    r"|\b(?:our|the) (?:[\w-]+ ){0,2}(?:services|offerings|solutions|products|capabilities|roadmap"
    r"|platform|suite|portfolio|range)\b (?:include|includes|cover|covers|span|spans|features?)\b"
    # The firm's news and its people, told with nothing of the listener's in the sentence: "We've
    # just opened our Auckland office", "we've installed a new Bobst die-cutter", "It's a team of
    # six led by Toni Walker", "who ran production at a label plant for fifteen years", "We
    # employ 41 people".
    r"|(?:\bwe(?:'ve| have)? (?:just |recently |also |now )?(?:opened|installed|added|hired"
    r"|taken on|took on|bought|acquired|relocated|expanded|moved (?:to|into|our))"
    r"|\bwe (?:now )?employ"
    r"|\b(?:is|are|was) (?:led|run|headed) by|\ba team of (?:\w+|\d+)\b|\bwho (?:ran|spent"
    r"|built|designed|worked|managed|led) [^.?!;]{0,60}? for (?:\w+|\d+) years)"
    r"(?![^.?!;]*\byou(?:r|rs|'re|'ll|'d)?\b)",
    re.I)


#: A follow-up that brings nothing: needy when the message gives no reason, but not when it
#: goes on to one ("following up on my note: I've attached the test results").
EMPTY_FOLLOW_UP = re.compile(
    r"\b(?:just )?follow(?:ing|ed)? up,? (?:again )?(?:on|about|regarding|with|to|and)? ?(?:my"
    r"|our|see|seeing|check|checking|ask|asking|the below|this thread)\b(?:[\w -]*?(?:follow-up"
    r"|message|voicemail|e-?mail|note|call|letter)s?\b)?"
    # Said bare, as the whole of the sentence's business: "Graciela at Southwest, following up."
    r"|\bfollow(?:ing)? up(?= *(?:[.!;]|$))"
    r"|\bdid you (?:get|receive|see|have a chance)\b|\bhad a chance to (?:look|review|read"
    r"|think|consider|go over)\b"
    # "just checking you got the catalogue", "ringing to see if you got my e-mail",
    # "following up again, I've called".
    r"|\b(?:check|checking|see|seeing)(?: (?:if|whether|that))? you (?:got|received|saw"
    r"|had a chance)\b|\bfollowing up (?:again|once more),"
    # Checking in in other words: "just ringing to see how you're getting on", "calling to
    # reconnect", "any more thoughts?", "wanted to try you again", "sorry to keep bothering
    # you", "making sure you got my note".
    r"|\b(?:calling|ringing|phoning|writing|reaching out|just) (?:in )?to see how (?:things"
    r"|you|it|business|everything|the \w+)(?:'s| is| are|'re)? (?:going|getting on|doing"
    r"|keeping|coming along)\b|\b(?:calling|ringing|writing|reaching out|just) to reconnect\b"
    r"|\bany (?:more |further |other )?thoughts\b|\b(?:wanted|want) to try (?:you )?again\b"
    r"|\bsorry to keep (?:bother|bugg|pester|chas|hassl|troubl)ing you\b"
    r"|\bmak(?:e|ing) sure you (?:got|received|saw|had a chance)\b"
    # "just poking my head in again", "swinging back around", "seeing where things stand",
    # "ringing back about my earlier message", "calling about that e-mail I sent over", "sorry
    # to disturb you again" (not "calling again" or "trying you once more": the authors
    # don't hear a plea in those).
    r"|\b(?:swing|swinging|poking|popping) (?:my head )?(?:back )?(?:around|in)\b"
    r"|\b(?:see|seeing|check|checking) where (?:things|we|it|this) (?:are|stand|stands|is"
    r"|sit|sits)\b|\b(?:ringing|calling|phoning) back about my\b|\babout (?:that|my|the)"
    r" (?:e-?mail|message|voicemail|note) I (?:sent|left)\b|\bsorry to (?:disturb|trouble"
    r"|bother) you again\b",
    re.I,
)


# In a message that is the rep's story, the story's own names and numbers give no reason
# ("founded in Tromsø in 1979 by Arne and Kari Nilsen", "today we employ 1,350 people in nine
# countries", "we recently published our fourth book"), though a sentence that turns to the
# listener, or tells what happened for a customer, still may.
MILESTONE = re.compile(
    r"\b(?:founded|started|began|established|set up|opened|moved|expanded|grown|grew"
    r"|headquartered|employ(?:s|ing)?|staff|team of|branches|offices|depots|locations"
    r"|published|hired|acquired|merged|celebrat\w*|anniversary|award\w*|voted|ranked"
    r"|installed|invested|launched|raised|generations?|family (?:firm|business|company)"
    r"|since (?:19|20)\d\d|since (?:nineteen|two thousand)|people|employees|engineers|agents"
    r"|technicians|workshops?|subsidiar\w+|registered|founding|tradition|in business|been around"
    r"|been with|grand(?:father|dad|pa|mother)|my (?:dad|father|mother|family)|took over"
    r"|story|goal|aim|team|led by|years in|here's to|invest(?:ing|ed)?|warehouse|academy|tenure"
    r"|brokers|profitable|debt-free|privately held"
    # "three plants", "a licence", "certified", "partners of", "grew up in", "joined Jua in
    # 2018", "crossed into Nigeria", "the company's 37-year history".
    r"|plants|factories|mills|licen[cs]e|certified|certification|partners? of|history|grew up"
    r"|studied|joined|crossed into|opening (?:in|our|a)|open house"
    # "completes 19 years", "promoted to branch manager", "until Rivermark bought it", "room
    # for fourteen service vans", "18 chartered accountants and six labour law advisors".
    r"|completes|years|promoted|bought|vans|trucks|accountants|advis[eo]rs|inspectors"
    r"|consultants|lawyers)\b", re.I)
OUTCOME = re.compile(
    r"\b(?:cut|cuts|saved?|saving|reduced?|lowered|dropped|fell|halved|doubled|tripled"
    r"|increased|improved|fixed|shortened|avoided|passed|won (?:them|back))\b", re.I)
TO_YOU = re.compile(r"\bthank(?:s| you)\b|\b(?:tell|show|give) you (?:more |a little |a bit )?"
                     r"(?:about|what (?:we|I))\b|\blet you know\b|\byour (?:time|convenience)\b"
                     # where the rep's office is, not the listener's business
                     r"|\b(?:not far from|close to|near) you\b|\b(?:right )?in your (?:part of"
                     r"|neck of|backyard|area|region|corner)\b", re.I)


# A named firm doing something, after a time or a clause: "In June, Meiwa Techno Service was
# certified", "Last week Rotanet was named", "Subject: AeroSafra turns 5!".
NAMED_SUBJECT = re.compile(
    r"(?:^\W*|[,:;] |\bthat |\b(?i:in|on|last|this|since) [\w/.]+(?: [\w/.]+)?,? )([A-Z][\w&-]+)"
    r"(?: [A-Z][\w&.-]*){0,3} (?:has|have|had|was|is|will|turns|just|now|already|opened|opens"
    r"|bought|signed|launched|won|celebrates|moved|got)\b")


# The rep's firm in the third person, as a profile tells it: "The company employs 130 people".
THE_COMPANY = re.compile(r"\W*the (?:whole |entire )?(?:(?-i:[A-Z])[\w&-]+ )?(?:company|firm"
                         r"|group|branch)(?:'s)? (?!you\b|your\b)", re.I)


# The rep's introduction of themselves: "a little about us", "introducing our team", "our
# mission is …".
ABOUT_US = re.compile(
    r"\babout (?:us|our|me|my|myself)\b|\bintroduc(?:e|ing) (?:our|us|my)\b"
    r"|\bbackground (?:on|about) (?:me|us|myself|ourselves|our|my)\b"
    r"|\bmore about (?:what we|(?-i:[A-Z]))|\bour (?:mission|vision|motto|values) (?:is|are)\b",
    re.I)
