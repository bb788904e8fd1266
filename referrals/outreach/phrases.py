"""The phrase families the message check (:mod:`referrals.outreach.checks`) looks for.

Blame and pressure are said in endless ways, so each pattern is built from families of words
rather than a list of phrases: a verb of contact and a count of attempts ("tried to reach you
three times", "my fourth voicemail"), the rep's need or deadline ("a tough quarter", "if we
close by Friday"). A sentence is matched with ``search``; the first match is the excerpt the
rep is shown, so each alternative matches the shortest phrase that says what is wrong.

Empty claims are in :mod:`referrals.outreach.claims`; the sentence reader's own families
(courtesies, referrals, offers, peers, the rep's story) are in :mod:`referrals.outreach.readings`.

>>> BLAME.search("Third time's the charm, right?").group(0)
"Third time's"
>>> DESPERATE.search("It's the last week of our fiscal year.").group(0)
'last week of our fiscal'
"""

from __future__ import annotations

import re

from referrals.outreach.alternation import alternatives, by_first_letter

__all__ = ["BLAME", "DESPERATE", "families", "spelled_out"]

_AT_A_WORD = r"(?<![\w'-])(?=[\w#])(?:"
_SPELLED_OUT: dict[str, str] = {}


def families(*parts: str) -> re.Pattern[str]:
    r"""One pattern, case-insensitive, for families of phrasing.

    Every phrase starts a word, so the pattern first checks that it stands at a word's start:
    Python's ``re`` otherwise tries each of some forty alternatives at every character, which
    made this check several times slower (it runs on every save). The alternatives are then
    grouped by the letter they can start with (:mod:`referrals.outreach.alternation`): the
    same matches, three to five times faster on the corpus's sentences.

    >>> families(r"\bno reply\b", r"\bstill waiting\b").search("Still waiting!").group(0)
    'Still waiting'
    """
    plain = _AT_A_WORD + "|".join(parts) + ")"
    pattern = re.compile(_AT_A_WORD + by_first_letter(
        [piece for part in parts for piece in alternatives(part)]) + ")", re.I)
    if pattern.groups:  # a group's number would change with its copies
        return re.compile(plain, re.I)
    _SPELLED_OUT[pattern.pattern] = plain
    return pattern


def spelled_out(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The plain alternation a :func:`families` pattern was grouped from (to compare them)."""
    return re.compile(_SPELLED_OUT.get(pattern.pattern, pattern.pattern), re.I)


_NOT = r"(?:haven't|have not|havent|hadn't|had not|'ve not|didn't|did not|never|still not)"
_SEVERAL = (
    r"(?:(?:two|three|four|five|six|\d+) or (?:three|four|five|six|seven|\d+)"
    r"|several|a few|a good few|a fair few|a bunch of|loads of|lots of|a lot of|umpteen"
    r"|a couple(?: of)?|many|multiple|a number of|numerous|so many|countless"
    r"|two|three|four|five|six|\d+)"
)
_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|umpteenth|\d+(?:st|nd|rd|th))"
_TRIES = (r"(?:messages|voicemails|e-?mails|calls|notes|letters|attempts|tries|times"
          r"|requests)")
_CONTACT = (r"(?:reach|call|contact|catch|connect with|get (?:hold of|ahold of|in touch with"
            r"|through to|a hold of)|touch base with|speak (?:to|with)|talk (?:to|with))")
_MONTH = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
          r"|December)")
_REPLY = r"(?:reply|response|answer|word|call ?back|return call|peep)"
BLAME = families(
    # Silence made a joke of: "making sure you're still alive", "it'd be nice if it went both
    # ways", "not having a minute to answer email", "hoping this is the one that gets through".
    r"\b(?:you're|you are) still (?:alive|breathing|with us)\b|\bif (?:it|this|that) went both"
    r" ways\b|\b(?:conversations?|communication|calls?|replies|it|this) (?:goes|go|has to go"
    r"|should go|works?|cuts?) both ways\b|\ba two-way street\b"
    r"|\bnot having (?:a|the) (?:minute|moment|second|time) to"
    r" (?:answer|reply|respond|return|call)\b|\b(?:the one|this one|one) that (?:gets|makes it)"
    r" through\b",
    # Silence as a fault: nothing heard back, no reply, no word.
    rf"\b(?:still )?{_NOT} (?:yet |still |really |ever )?(?:hear(?:d)?|had) (?:anything ?|a word "
    r"|a reply|a response|an answer )?(?:back|from you)?(?:(?<=back)|(?<=you)|(?<=reply)"
    r"|(?<=response)|(?<=answer)|(?<=anything))",
    r"\b(?:still |yet )?(?:no|not a|not one|not a single|without (?:a|an|any)?) ?"
    rf"{_REPLY}s?\b(?! (?:needed|necessary|required))",
    r"\b(?:not|without) (?:to )?(?:hear|hearing|heard) (?:back|from you|anything)\b",
    # (Also without the article, as a learner says it: "I did not receive answer", "I have
    # still not received any response".)
    rf"\b(?:haven't|have not|hasn't|has not|didn't|did not|never)(?: yet| still| ever)? (?:gotten"
    rf"|got|get|received|receive|had) (?:(?:a|any|an|your) )?{_REPLY}"
    r"|\b(?:have|has) (?:still|yet to|never) (?:not )?(?:received|receive|got|gotten|had) (?:a |any"
    rf" |an )?{_REPLY}",
    r"\bstill haven't\b(?! (?:filled|hired|found|replaced|fixed|finished|opened|closed)\b)"
    r"|\bby now\b|\bunanswered\b|\bunreturned\b",
    r"\b(?:still |been )?waiting (?:to hear|for (?:a|your) (?:call|reply|response|answer)"
    r"|on (?:a|your) (?:call|reply|response|answer|decision)|on you|for you to)|\bstill waiting\b",
    r"\b(?:was|were|I'd been|I've been|I have been|been)? ?(?:really )?(?:expecting|expected)"
    r" to (?:hear|get a call|have heard)(?: back| from you)?|\b(?:was|were|I'd been|I've been"
    r"|I have been|had been) (?:really )?hoping to (?:hear|get a call|have heard)(?: back"
    r"| from you)?",
    # Silence, sarcasm and giving it "one more go".
    r"\b(?:nobody|no one|never)\b[^.?!;]{0,20}?\b(?:calls?|rings?|gets?|writes?) (?:me )?back\b"
    r"|\bwrong number\b|\bsilence\b|\bso much as a\b|\bone more go\b|\bslipping through\b"
    r"|\btalking to (?:a|the) (?:brick )?wall\b|\binto (?:a|the) (?:void|black hole)\b"
    r"|\btoo (?:\w+ )?(?:busy|swamped|slammed|snowed under|tied up) to (?:reply|respond|call"
    r"|ring|get back|answer|write)\b|\btried (?:calling|ringing|phoning|e-?mailing|writing"
    r"|texting|stopping by|reaching)\b",
    r"\bthought I(?:'d| would) (?:have )?(?:heard|hear) (?:back|from you)",
    r"\bit's been (?:\w+ )?(?:days|weeks|months|a while|a week|a month|ages|some time)\b"
    r"(?=[^.?!]*\b(?:since|and|without|no|still|nothing))|\bbut it's been (?:\w+ )?(?:days"
    r"|weeks|months|a while|a week|a month|ages|some time)\b(?=\s*(?:[.!?]|$|and still|without))",
    # Patience worn thin, or a reply owed: "I don't mind calling, but", "worth a reply".
    r"\bI (?:don't|do not) mind (?:calling|trying|writing|following up|chasing|ringing"
    r"|e-?mailing|asking)\b(?=[^.?!;]{0,30}\bbut\b)"
    # ("Worth a call back today" after news recommends the call; a reply is what is owed.)
    r"|\b(?:worth|deserves?|merits?) (?:at least )?(?:a|an) (?:[\w-]+ )?"
    r"(?:reply|response|answer)\b|\b(?:deserves?|merits?) (?:at least )?(?:a|an) (?:[\w-]+ )?"
    r"(?:call ?back|return call)\b|\bI(?:'d| would) have thought\b",
    # Not returning, ignoring, avoiding: the prospect's doing.
    rf"(?<!\bif )\byou(?:'ve| have)? (?:still )?(?:{_NOT}|not) (?:yet |even )?(?:call(?:ed)?"
    r"|return(?:ed)?|respond(?:ed)?|repl(?:y|ied)|got back|gotten back|get back|answer(?:ed)?"
    r"|acknowledged|sent (?:it |them |that )?back)\b"
    r"|\bI (?:don't|do not) (?:believe|think) you(?:'ve| have)? (?:yet )?(?:responded|replied"
    r"|answered|got back|gotten back)\b",
    r"\b(?:you're|you are) (?:not|never) (?:returning|answering|responding|calling|replying"
    r"|picking up|getting back|taking my calls)\b",
    r"\b(?:ignor|avoid|dodg|ghost|screen)(?:e|es|ed|ing|s)? (?:me|my|our|us)\b",
    r"\bwhy (?:haven't|have not|didn't|did not|won't|don't|do not|aren't|are not) you\b",
    r"\b(?:not sure|don't know|wonder(?:ing)?|unsure) (?:why you|(?:if|whether) (?:you(?:'re"
    r"| are| have|'ve)? (?:getting|receiving|got|gotten|received|seen|saw|listening|reading"
    r"|checking)|my (?:messages|e-?mails|voicemails|calls|notes)|they're|they are))",
    r"\b(?:my|the) (?:messages|e-?mails|voicemails) (?:are|aren't) (?:getting|reaching)",
    r"\b(?:I assume|I guess|I suppose|I take it|I know|I'm sure) you(?:'ve)? (?:got|received"
    r"|saw|seen|heard|listened to|read) (?:my|them|all|it)\b"
    # Their receipt asserted: "I know you've been getting my e-mails, they show as opened".
    r"|\b(?:I know|I'm sure|I can see(?: that)?) you(?:'re| are|'ve been| have been) (?:getting"
    r"|receiving|seeing|reading|opening) (?:my|these|them|those)\b"
    r"|\b(?:show|shows|showing) (?:up )?as (?:opened|read|seen)\b",
    r"\b(?:i guess|i assume|i take it|i suppose|i figure) you(?:'re| are) (?:not|no longer) "
    r"interested",
    # The promise may be made for them: "Your receptionist promised me you'd call back".
    r"\b(?:you (?:promised|said you(?:'d| would)|told me you(?:'d| would))|(?:promised|said|told)"
    r"(?: me)? (?:that )?you(?:'d| would)) (?:to )?(?:call|get back|reply|respond|let me know"
    r"|look)",
    r"\b(?:frustrat|disappoint)(?<!\bnot disappoint)(?<!\bnever disappoint)(?<!\bwon't disappoint)"
    r"\w*\b(?! (?:with|by) (?!(?:you|your|the (?:silence|lack)))\w)"
    r"|\bsurprised (?:I|that I|we) (?:haven't|have not|didn't)\b",
    r"\bat least (?:let me know|reply|respond|call|get back|answer|acknowledge|have)\b",
    # Can't reach them, can't get a reply: the difficulty is the prospect's doing.
    r"\b(?:can't|cannot|couldn't|can not|unable to|no luck|trouble|struggl\w+ to)\b[^.?!;]{0,30}?"
    r"\b(?:reach(?:ing)? you|get(?:ting)? hold of you|get(?:ting)? through to you|catch(?:ing)? you"
    r"|get(?:ting)? a (?:reply|response|answer|call back)|hear(?:ing)? back|pin you down)\b",
    r"\byou(?:'re| are)? (?:a |an |so |very |really )?(?:\w+ )?(?:hard|tough|difficult|impossible)"
    r" (?:\w+ )?to (?:get hold of|reach|pin down|catch|get through to)\b|\bchas(?:e|ed|ing) you\b",
    r"\b(?:never|don't|didn't|haven't|hasn't|won't) (?:ever )?(?:ring|call|get|write|text|e-?mail"
    r"|reply|respond|answer)(?:ing)? (?:me )?back\b|\b(?:got|gotten|get|getting) (?:a)?round to "
    r"(?:reply|respond|call|ring|get|read|look|listen|open|check)\w*"
    r"|\bhoping you(?:'d| would) have\b|\bby this (?:point"
    r"|stage)\b|\bdone (?:something )?wrong\b|\bconfused why\b",
    r"\bcourtesy\b|\bhaven't been able to reach you\b|\bwould (?:have been|be) nice to (?:get|hear"
    r"|have)\b|\b(?:hard|tough|impossible) to (?:pin down|reach|get hold of|catch)\b",
    r"\b(?:never|didn't|haven't|hasn't|did not|have not)(?: yet| ever)? (?:got|gotten|get|come"
    r"|came) back to (?:me|us)\b|\bgone (?:quiet|silent|dark|cold)\b|\b(?:went|going)"
    r" (?:quiet|silent)\b|\bradio silence\b"
    r"|\b(?:still )?nothing (?:from you|from your (?:end|side)|back|yet)\b|\bstill nothing\b",
    # The rep's earlier messages, plural, as the subject of a complaint.
    r"\b(?:my|these|the) (?:last |previous |earlier |other |recent )?(?:messages|voicemails"
    r"|e-?mails|calls|notes) (?:are|aren't|have|haven't|went|go|going|get|got|seem|must|may"
    r"|might|keep|ended|end)\b|\b(?:is )?any(?:one|body) (?:getting|listening|there|home)\b"
    r"|\bgetting these\b",
    r"\b(?:(?:left|sent) (?:you )?)?(?:message|call|voicemail|e-?mail) after (?:message|call"
    r"|voicemail|e-?mail)\b"
    r"|\battempt (?:number|no\.?|#) ?\w+|\b(?:my|this|the) (?:last|final) (?:try|attempt|shot)\b",
    r"\b(?:I guess|I assume|I'll assume|I'm assuming|I suppose|I take it|I gather|apparently)"
    r" (?:that )?(?:you|my|your)\b|\byou seem (?:hard|busy|to be (?:busy|avoiding))",
    # Guessing what the prospect failed to do; a meeting they missed; silence made worse than
    # a no.
    r"\b(?:I'm guessing|I guess|I suspect|I imagine|surely|it seems(?: like| that)?|seems like)"
    r" (?:you (?:didn't|did not|never|haven't|have not|missed|forgot|(?:got|saw|must have \w+)"
    r" (?:my|our))|my (?:last )?"
    r"(?:note|message|e-?mail|voicemail|letter)s?|(?:it|that) (?:didn't|never|wasn't))\b"
    r"|\b(?:slipped|got|went) (?:past|by) you\b|\bpassed you by\b"
    r"|\b(?:did|had|was|were|I'd) (?:really |honestly |half )?expect(?:ed|ing)? (?:a|an|your"
    r"|some) (?:reply|response|answer|call|word)\b(?! from (?!you\b))",
    r"\byou (?:weren't|were not|never) (?:there|on the (?:line|call)|available)\b|\byou (?:didn't"
    r"|did not|never) (?:show|turn up|join|pick up)\b|\bstood (?:me|us) up\b"
    r"|\b(?:a|even a|just a) (?:quick |simple"
    r" |short )?no (?:would|is|will)\b"
    r"|\b(?:but|yet) (?:still )?(?:didn't|did not|never|haven't|have not) (?:reply|respond"
    r"|answer|call|write|get back|return)\w*",
    # Counting the rep's attempts.
    rf"\b(?:this is )?(?:my|our|the|a) {_ORDINAL} (?:message|call|voicemail|attempt|try|e-?mail"
    # (Not a count of their outages: "the third time this harvest".)
    r"|note|time|go|shot)\b(?! in a row| running| (?:this|that|last) (?:harvest|season|summer"
    r"|winter|spring|autumn|fall))|\b" + _ORDINAL + r" time(?:'s| is| lucky)\b"
    + rf"|\b{_ORDINAL} (?:go|shot|try|attempt) at (?:reaching|catching|getting|calling|you)\b",
    rf"\bthe (?:{_ORDINAL}|last) time I(?:'ve| have)\b",
    rf"\b(?:left|sent|written|wrote)(?: to)? (?:you )?{_SEVERAL} (?:messages|voicemails|e-?mails"
    rf"|notes|letters|texts|times|(?:of )?(?:these|them)\b(?! (?:[a-z]+ )?[a-z]{{4,}}s\b))"
    rf"|\b\w+ed you {_SEVERAL} times\b"
    rf"|\b{_SEVERAL} times now\b"
    r"|\b(?:several|multiple|numerous|countless|so many) (?:messages|voicemails|e-?mails|calls"
    r"|attempts|notes)\b"
    rf"|\b(?:called|tried|phoned|e-?mailed|written to|rung|reached out|reached out to|messaged"
    rf"|texted|followed up"
    rf"|written) (?:you )?{_SEVERAL} times",
    rf"\b(?:my|the|your) (?:last|past|previous) (?:{_SEVERAL}|few|couple of) {_TRIES}",
    rf"\b(?:after|despite) {_SEVERAL} (?:voicemails|messages|calls|e-?mails|tries|attempts)\b",
    # The tries listed rather than counted: "I've tried email, phone and LinkedIn", "I've
    # called, I've e-mailed", "a message Tuesday and another one Thursday".
    r"\bI(?:'ve| have)? tried (?:you )?(?:by |on |over |via )?(?:e-?mail|phone|text|LinkedIn"
    r"|voicemail)(?:,? (?:and |or )?(?:by |on |via )?(?:e-?mail|phone|text|LinkedIn|voicemail))+\b"
    r"(?= *(?:[.!?;,]|$|now\b|already\b|so far\b|but\b))"
    r"|\bI've (?:called|rung|phoned)(?: you)?, (?:I've )?(?:e-?mailed|written|texted)\b"
    r"|\b(?:left|sent) (?:you )?(?:a|one) (?:message|voicemail|e-?mail|note)\b[^.?!;]{0,40}?"
    r"\band another\b",
    # (Not the hour it is tried at: "trying you before eight, since you're on the floor later".)
    rf"\b(?:been )?(?:trying|tried|attempting|attempted) (?:again )?(?:to {_CONTACT} you|you)\b"
    r"(?! (?:before|after|at|early|first thing|this (?:morning|afternoon|evening))\b)",
    r"\b(?:one more|one last|yet another|another) (?:try|attempt|shot)\b|\byet another time\b"
    r"|\btry(?:ing)? (?:you )?(?:once more|one more time|once again|yet again)\b",
    r"\b(?:as|like) i(?:'ve| have)? (?:said|mentioned|explained|told you) (?:before )?"
    r"(?:in|on) (?:my|our) (?:last|previous|earlier|other)[^.?!,;]*",
    # "Too busy" as a reproach (not "I know it's your busy season, so I'll be short").
    r"\byou must be (?:very |really |so )?busy\b|\btoo busy\b",
    r"\bhaven't had (?:the )?(?:time|a chance) to (?:reply|respond|call|get back)",
    r"\bare you (?:still there|getting my|receiving my|avoiding|ignoring|screening|dodging)",
    # Indirect reproach: the rep's attempts counted by time or emphasis ("I did send it
    # twice", "I've been trying for weeks"), the channel doubted ("not sure my previous note
    # reached you", "which I assume got buried"), an answer owed ("I was told you'd be the one
    # to call me back", "and it's now February"), a guess at what they failed to do ("you
    # probably didn't listen"), sarcasm about being busy ("I'm guessing you're swamped"; not
    # "I know you're busy, so I'll be short"), resignation ("not sure what else I can do").
    rf"\b{_NOT} (?:yet |still |ever )?heard (?:a thing|a peep|a sound|a single word)\b"
    r"|\bI did (?:send|call|leave|e-?mail|write|mention|try|reach out|follow up|mail|drop)\b"
    r"|\b(?:sent|called|e-?mailed|written|left|tried|rung|phoned|mailed|dropped)"
    r"(?: you)? (?:it|them|this|that|the [\w-]+(?: [\w-]+)?|my [\w-]+)(?: over)? (?:twice"
    r"|two times)\b"
    r"(?! (?:a|an|per|each|every|as|the|over|weekly|monthly)\b)"
    r"|\b(?:been )?(?:trying|tried|calling|chasing|writing) (?:you )?(?:(?:for|since) (?:\w+ ){0,2}"
    r"(?:weeks|days|months|a while|ages|some time|a week|a month)\b(?! to\b)|since (?:last (?:week"
    r"|month|\w+day)|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday)\b)"
    r"|\b(?:call|ring|get back to|write|reply to|answer) (?:me )?(?:back )?this time\b",
    r"\b(?:not sure|unsure|don't know|wonder(?:ing)?) (?:if |whether |that )?(?:my|the|our)"
    r" (?:previous |last |earlier |other |first )?(?:note|message|e-?mail|voicemail|letter|call)s?"
    r" (?:reached|got|went|made it|came|arrived|was|were)\b"
    r"|\bwhich I (?:assume|guess|suspect|imagine|figure) (?:got|went|was)\b"
    r"|\b(?:told|said|promised)(?: me)? (?:that )?you(?:'d| would) be the one to\b(?:[^.?!;]*?"
    r"\b(?:and|but|yet) it's (?:now|been) (?:\w+ ){0,2}\w+(?=\s*(?:[.!?]|$)))?"
    r"|\byou (?:told me|said|promised)(?: me)?(?: (?:in|on|at|last) \w+)? that you(?:'d| would)"
    r" (?:make a decision|decide|have an answer|get back|call|let me know|reply|respond|look)\b"
    r"|\b(?:you(?:'d| would)|you (?:said|promised|told me))\b[^.?!;]*?\b(?:and|but|yet) (?:it's"
    r"|it is) (?:now|been) (?:(?:\w+ ){0,2}(?:days|weeks|months|a while|a week|a month|ages"
    r"|some time)|(?-i:[A-Z][a-z]+))(?=\s*(?:[.!?]|$))",
    r"\b(?:you|and) (?:probably|likely|maybe|must(?: have)?) (?:didn't|did not|never|haven't"
    r"|have not|missed|forgot|skipped|deleted|ignored|binned|not have)(?: \w+){0,2} (?:my|our)"
    r" (?:last |previous |earlier )?(?:(?:message|note|e-?mail|voicemail|letter|call)s?\b"
    r"|(?:two|three|four|few|couple|\d+)\b)"
    # The rep's notes failing to arrive: "My voicemails don't seem to be getting through".
    r"|\b(?:my|our) (?:previous |last |earlier |other )?(?:notes?|messages?|e-?mails?"
    r"|voicemails?|letters?|calls?) (?:don't|do not|doesn't|aren't|are not|isn't|haven't|never"
    r"|didn't|may not|might not)(?: seem to)?(?: be| have)? (?:getting|get|got|gotten|reach"
    r"|reaching|reached|make|making|made|come|coming|go|going) (?:through|to you|it|you)\b"
    # The rep's pestering named: "I know I keep calling, sorry", "I'd hate to keep bugging you".
    r"|\bkeep (?:calling|bugging|pestering|chasing|ringing|phoning|e-?mailing|badgering"
    r"|hounding|nagging)\b"
    r"|\b(?:I'm guessing|I guess|I assume|I take it|I figure|I suppose|I'm sure|I imagine)"
    r" (?:that )?you(?:'re| are|'ve been| have been| must be) (?:\w+ )?(?:swamped|busy|slammed"
    r"|snowed under|tied up|buried)\b(?=\s*(?:[.!?]|$|,? but\b))"
    r"|\b(?:not sure|don't know) what else (?:I|to|we) (?:can |could )?(?:do|say|try|send)\b"
    r"|\b(?:I|we)(?:'m| am| was| were|'re| are) (?:a (?:little |bit )|quite |rather |very "
    r"|really |somewhat )?surprised (?:not to|to not|I didn't|I haven't|that I (?:didn't"
    r"|haven't)|I never|we didn't|we haven't|not having)\b",
    # The attempts counted with nothing to show ("I've called twice already and nothing", "I've
    # called like five times"), the channel doubted ("Guess my last voicemail got lost in the
    # shuffle"), an answer owed in the past tense or as "a simple yes or no" ("a quick reply
    # would've been nice"; not "a reply by Friday would be great").
    r"\bI(?:'ve| have)? (?:called|rung|phoned|e-?mailed|written|tried|messaged|texted)(?: you)?"
    r" (?:twice(?= already| now|[^.?!;]{0,12}\band no)|like (?:\w+|\d+) times)"
    r"|\band (?:still )?nothing(?=\s*(?:[.!?]|$))"
    r"|\bguess my (?:last |previous |earlier )?(?:note|message|e-?mail|voicemail|letter|call)"
    r"|\b(?:my|the) (?:last |previous |earlier |other )?(?:note|message|e-?mail|voicemail|letter"
    r"|call)s? (?:must |may |might )?(?:have )?(?:got|gotten|get|went|gone) (?:lost|buried"
    r"|missed)\b"
    r"|\b(?:yes or no|simple (?:yes|no|reply|answer|response)|quick (?:reply|response|answer"
    r"|word|call ?back)) would (?:be|have been|'ve been) (?:nice|appreciated|good|great|helpful)\b"
    r"|\b(?:reply|response|answer|call ?back|word|courtesy) would(?:'ve| have) been (?:nice"
    r"|appreciated|good|great|helpful)\b"
    r"|\bnot to have (?:heard|had) (?:back|from you|a (?:reply|response|word))\b"
    r"|\b(?:was|were|I'd|I had) (?:rather|somewhat|kind of|sort of|fully) expect(?:ed|ing)"
    r" (?:a|an|your|some|to hear) ?(?:reply|response|answer|call|word|back|from you)?\b"
    r"(?! from (?!you\b))",
    # Silence said without "you": "I'm not getting a call back", "no call is coming",
    # "I've been waiting all week"; the notes doubted ("maybe you did not get my messages",
    # "perhaps they're going to your spam folder", "I can see it was never opened"); the
    # attempts counted after the fact ("I've tried to get through a few times").
    r"\b(?:I'm|I am|we're|we are) (?:still )?not (?:getting|receiving|hearing) (?:a |any "
    r"|anything )?"
    r"(?:back|call ?back|reply|response|answer|word)\b|\bno (?:call|reply|response|answer|word)s?"
    r" (?:is |are |has |have )?(?:coming|come|came|arrived)\b"
    r"|\bI(?:'ve| have) been waiting (?:all (?:day|week|month|morning)|(?:for )?(?:days|weeks|ages"
    r"|months)|since)\b"
    r"|\b(?:maybe|perhaps|possibly) (?:you|they)\b(?:'re| are)? (?:didn't|did not|never|haven't"
    r"|have not|missed|not)\b[^.?!;]{0,20}?\b(?:my|our|them|these)\b"
    r"|\b(?:going|gone|went|ended up|landing|landed|stuck|caught|got) (?:in|to|into) (?:your "
    r"|the )?"
    r"(?:spam|junk)\b"
    r"|\b(?:I (?:sent|left|e-?mailed|mailed|wrote)\b[^.?!;]{0,40}?\band )?(?:I can see )?(?:it|they"
    r"|that|my [\w-]+|the [\w-]+) (?:was|were|has|have|had)(?: been)? (?:never|not)(?: even"
    r"| yet)? (?:opened|read"
    r"|listened to)\b"
    rf"|\bI(?:'ve| have)? (?:tried|been trying) (?:to (?:get through|reach|call|ring|catch|contact"
    rf"|phone|get hold)|calling|ringing|phoning)\b[^.?!;]{{0,40}}?\b(?:{_SEVERAL}|a few"
    rf"|a couple of)"
    r" times\b",
    # A promise of theirs whose date has passed: "you said you'd decide by summer, and here we
    # are in August", "that was three months ago", "it's the fifteenth now", "you'd get back
    # to me by the end of last month". (The "you" is left: the sentence is still theirs.)
    # (Each verb checks its "you" behind it: a branch that starts by looking behind made the
    # whole family try every position, 40 % slower.)
    r"\b(?:said(?<=\byou said)|promised(?<=\byou promised)|told me(?<=\byou told me)"
    r"|mentioned(?<=\byou mentioned)|would(?<=\byou would))\b[^.?!;]*?\b(?:(?:and|but"
    r"|yet|well),? (?:here we are|(?:it's|it is|that was)\b[^.?!;]{0,30}?\b(?:now|ago|already"
    r"|passed|gone))|by (?:the end of )?(?:last (?:week|month|year|quarter|\w+day)|yesterday))\b",
    # the attempts counted by the calendar ("I've called you every day this week",
    # "I've called you twice this week", "I've called severally", "I did ring yesterday"),
    # the line that never answers ("I keep getting your voicemail", "every time I call it's a
    # bad time"), the notes doubted ("not sure if you've been getting my messages", "perhaps
    # my earlier messages did not reach the right desk", "going to your blocked list"), an
    # understanding or promise of theirs broken ("I had understood that you would call me",
    # "you had promised to revert by Friday", "your office told me twice you'd ring back"),
    # impatience ("I don't understand why this is taking so long", "even a one-line reply
    # would spare us both", "is there any point in me continuing to call").
    r"\b(?:called|rung|phoned|e-?mailed|tried|messaged|texted|written to)(?: you)? (?:every (?:day"
    r"|morning|afternoon|week)|daily|all (?:week|month)|day after day|twice (?:this|last) (?:week"
    r"|month|morning)|twice (?:today|yesterday)|severally)\b"
    r"|\bI did (?:ring|phone|text|stop by|drop by|call by)\b"
    r"|\bkeep (?:getting|reaching|hitting|landing on|going to) (?:your|the) (?:voicemail|voice mail"
    r"|answering (?:machine|service)|machine|gatekeeper|secretary|assistant|front desk)\b"
    r"|\bevery time I (?:call|ring|phone|try|e-?mail|write)\b"
    r"|\b(?:not sure|unsure|don't know|wonder(?:ing)?) (?:if|whether) you(?:'ve| have)? been"
    r" (?:getting|receiving|reading|seeing|listening to) (?:my|these|them)\b"
    r"|\b(?:my|our) (?:previous |last |earlier |other )?(?:notes?|messages?|e-?mails?|voicemails?"
    r"|letters?|calls?) (?:did not|have not|has not|never|may not have|might not have|didn't)"
    r" (?:reach(?:ed)?|get|got|make it to|come to) (?:the right|your) (?:desk|person|inbox"
    r"|office|hands)\b"
    r"|\b(?:going|gone|went|ended up|landing|landed) (?:in|to|into|on) (?:your |the )?block(?:ed)?"
    r" (?:list|numbers)\b"
    r"|\b(?:had |I )(?:understood|been told|was told|believed)\b[^.?!;]{0,60}?\bthat you(?:'d"
    r"| would) (?:call|ring|phone|get back|reply|respond|revert|be in touch)\b"
    r"|\byou had (?:promised|said|agreed)\b"
    r"|\b(?:told|assured|promised) (?:me|us) (?:twice|\w+ times|more than once|again)"
    r" (?:that )?you(?:'d| would)\b"
    r"|\b(?:don't|do not|can't|cannot) (?:quite )?understand why\b|\bwhy (?:this|it) is taking"
    r" (?:so|this) long\b"
    r"|\beven a (?:[\w-]+ )?(?:reply|response|answer|line|word|note|no)\b(?= would| is| will"
    r"| spares?)"
    r"|\bany point (?:in )?(?:me |my )?(?:continuing|calling|trying|keeping on)\b",
    # A date of theirs gone by, said in the next sentence: "Well, it's September.", "It's
    # November now and I haven't seen them."
    r"\b(?:well|and|yet|but|so),? (?:it's|it is) (?:now )?(?:already )?" + _MONTH + r"(?: now"
    r"| already)?(?=\s*(?:[.!?]|$))|\bit's (?:now )?" + _MONTH + r" (?:now|already),? and (?:I|we)"
    r" (?:still )?(?:haven't|have not|didn't|did not)\b",
    # The silence put on them sideways: "I know you didn't get a chance to send the page I
    # asked for", "you're pretty hard to get ahold of", "looks like I've missed you again", "not
    # having much luck catching you", "third try", "my quote's been sitting on your desk since
    # May", "I guess it slipped your mind", "a long trip for nothing", "odd that none of them got
    # through", "a bit surprised nobody has come back to me", "I've been expecting your call",
    # "as I have now written twice", "even if it's only to tell me no", "I'd hoped to hear back".
    r"\byou (?:didn't|did not|never|haven't|have not) (?:get (?:a|the) chance to |got around to"
    r" )?(?:send|return|reply|respond|call|get back|answer|write)\b"
    r"|\byou(?:'re| are|'ve been| have been| seem| must be)(?: \w+){0,2} (?:hard|tough|tricky"
    r"|difficult|impossible) (?:\w+ )?to (?:get a?hold of|reach|pin down|catch|track down"
    r"|get through to)\b|\b(?:missed|missing) you (?:again|once more|yet again)\b"
    r"|\b(?:not having|haven't had|no) (?:much |any )?luck (?:catching|reaching|getting (?:a?hold"
    r" of|through to)) you\b|\b(?:third|fourth|fifth|sixth|3rd|4th|5th) (?:try|attempt)\b"
    r"|\bsitting on your desk\b|\bslipped your mind\b|\b(?:trip|drive|journey) for nothing\b"
    r"|\bodd that (?:none|nobody|no one|I haven't|I've not|you)\b|\bsurprised (?:that )?(?:nobody"
    r"|no one|not to have|I haven't|I've not|you haven't|you've not|not to hear)\b"
    r"|\bI(?:'ve| have) been (?:expecting|waiting for) (?:your|a) (?:call|reply|answer|response"
    r"|decision)\b|\bas I(?:'ve| have) (?:now |already )?(?:written|said|mentioned|explained"
    r"|told you) (?:twice|three times|before|several times|more than once)\b"
    r"|\beven if (?:it's|it is) (?:only|just) to (?:tell me|say) no\b"
    r"|\bI(?:'d| had)? hoped to (?:hear (?:back|from you)|have your (?:answer|reply|decision))\b"
    r"|\byou told me (?:[^.?!;]{0,40}? )?(?:that )?you(?:'d| would) (?:get back|call|decide"
    r"|let me know|come back|be in touch)\b",
    # Their word or their silence held up, sideways: "you'd mentioned you'd pick a supplier by
    # April", "your office manager said you'd review it that week", "you did say to call you
    # back", "not sure why I can't get you on the phone", "you weren't able to make our call",
    # "you've had my e-mail for two weeks now", "I don't think you saw it the first time",
    # "trying to get your feedback for a month", "I'll assume it slipped", "a bit in the dark".
    r"\b(?:you(?:'d)?|your [\w ]{1,20}?) (?:did )?(?:said|say|mentioned|told me|wrote|promised"
    r"|assured me)\b[^.?!;]{0,60}?\b(?:you(?:'d| would| will) (?:get back|call|ring|review|look"
    r"|pick|choose|pass|send|let me know|come back|be in touch|sign|confirm|read|reply|respond)"
    r"|(?:decision|answer)\b[^.?!;]{0,40}? would come|to call (?:you )?back)\b"
    r"|\bI (?:can't|cannot|couldn't|haven't been able to|have not been able to)(?: seem to)?"
    r" (?:get|reach|catch|get hold of|get ahold of) you\b"
    r"|\byou (?:weren't able to|were not able to|didn't|did not|couldn't) make (?:our|the|it to"
    r" (?:our|the)) (?:[\w-]+ )?(?:call|appointment|meeting|walk|visit|demo)\b"
    r"|\byou(?:'ve| have) had my (?:e-?mail|quote|proposal|note|message|samples?) for\b"
    r"|\b(?:don't|do not) think you (?:saw|got|read|received|opened)\b"
    r"|\btrying to get your (?:feedback|answer|decision|reply|thoughts|sign-off)\b"
    r"|\bassume (?:it|that) slipped\b|\bin the dark\b|\bwithout (?:any |an )?acknowledge?ment\b",
    # And more of the same: "another week, another voicemail", "I haven't seen a reply", "I
    # keep trying and not getting anywhere", "I did go to some trouble over it", "I asked your
    # assistant twice already", "we did agree you'd send the bills", "I did expect you'd want
    # to hear this", "a shame you weren't able to reply", "third message this week".
    r"\banother (?:week|day|month|morning), another (?:voicemail|message|call|e-?mail|try)\b"
    r"|\b(?:haven't|have not|didn't|did not) (?:yet )?(?:seen|gotten|got|received) (?:a|any)"
    r" (?:reply|response|answer)\b|\bnot getting anywhere\b|\b(?:went|go|gone) to (?:some|a lot"
    r" of|a fair bit of|real) trouble\b|\b(?:twice|three times|several times) already\b"
    r"|\b(?:we|you) (?:did )?agreed? (?:that )?you(?:'d| would)\b|\bI (?:did |had )?expect(?:ed)?"
    r" you(?:'d| would)\b|\bshame you (?:weren't|were not|didn't|did not|couldn't|haven't)\b"
    r"|\b(?:third|fourth|fifth|sixth) (?:message|voicemail|call|e-?mail|note) (?:this|today|in a"
    r" row|now)\b|\bmy (?:third|fourth|fifth|sixth) (?:message|voicemail|call|e-?mail|note)\b",
    # Their absence or their word, held up: "I was counting on hearing from you", "I was
    # expecting you at the meet", "I was really hoping you'd call", "I thought we'd agreed",
    # "you didn't come for the demo", "cancelled twice from your side", "I've still not got a
    # response", "I'm sure you got my earlier messages".
    r"\bI was (?:really |so |rather )?(?:counting|banking) on (?:hearing|a call|your call|you)\b"
    r"|\bI was (?:really |so )?expecting you (?:at|to|on|for)\b|\bI was (?:really |so |kind of"
    r" |rather )?hoping you(?:'d| would) (?:call|ring|reply|get back|be in touch|come back"
    r"|respond|write)\b|\bI thought we(?:'d| had) agreed\b|\byou (?:didn't|did not|never)"
    r" (?:come|turn up|show up|show|make it) (?:for|to)\b|\b(?:cancell?ed|postponed|called off)"
    r"\b[^.?!;]{0,30}\b(?:from|on) your (?:side|end)\b|\b(?:I've|I have) still not (?:got"
    r"|gotten|received|had|heard)\b|\bI'm sure you(?:'ve| have)? (?:got|received|seen|had) my\b"
    # "you obviously don't want to talk to me", "you cancelled our meeting twice", "left
    # waiting", "I'm starting to take it personally", "guess you're busy", "I was under the
    # impression you would".
    r"|\byou (?:obviously|clearly|evidently) (?:don't|do not|aren't|are not|have no|can't)\b"
    r"|\byou cancell?ed (?:our|the|my) [\w -]{0,20}?(?:meeting|call|appointment|visit|demo)s?"
    r" (?:twice|again|\w+ times)\b|\bleft waiting\b|\btake (?:it|this) personally\b"
    r"|\b(?:guess|suppose|assume) you(?:'re| are| must be| were) (?:\w+ )?busy\b"
    r"|\bunder the impression (?:that )?you(?:'d| would| were going to)\b"
    # "That was two weeks ago now.", "your secretary took my number twice", "I'm running out
    # of ideas".
    r"|(?:^|(?<=[.!?]\s))that was (?:\w+ ){1,2}(?:days|weeks|months) ago\b"
    r"|\btook (?:my|down my) (?:number|message|details|name) (?:twice|again|\w+ times)\b"
    r"|\brunning out of (?:ideas|ways|options)\b",
    # A word they gave, held up after its date: "you said you'd bring in your CFO by April",
    # "you'd promised to get me the vendor count", "as you kindly said you would"; the
    # silence noted: "I've heard nothing since", "nobody ever picks up", "I'm surprised it
    # hasn't been a priority", "it would have been kind to let me know", "I know you're
    # there", "you never do", "not received any confirmation".
    r"\byou(?:'d| had)? (?:said|mentioned|promised|told me)(?: that)? you(?:'d| would)"
    r" (?!(?:like|love|want|need|prefer|be (?:interested|keen|glad|happy))\b)[^.?!;]{0,50}?\bby"
    r" (?:the end of )?" + _MONTH + r"\b"
    r"|\byou(?:'d| had)? (?:kindly )?promised (?:to|me)\b|\bkind enough to promise\b"
    r"|\bas you (?:kindly |had )?(?:said|promised) you would\b"
    r"|\b(?:I've|I have) heard nothing\b|\b(?:nobody|no one) ever (?:picks up|answers)\b"
    r"|\bsurprised (?:it|this|that) (?:hasn't|has not|wasn't|was not|isn't)\b"
    r"|\bwould have been (?:kind|nice|polite|courteous|good) to\b|\bI know you(?:'re| are)"
    r" there\b|\byou never do\b|\bnot (?:yet )?received any (?:confirmation"
    r"|acknowledge?ment|reply|answer|response)\b|\bstill hoping to hear\b"
    r"|\bnot (?:yet )?been honou?red with\b|\bnot sure why (?:I|we) (?:can't|cannot|couldn't"
    r"|haven't)\b|\byou didn't (?:come back|get back|ring back|call back) to me\b"
    r"|\b(?:assumed|thought) I(?:'d| would) (?:hear|have heard) (?:from you|back)\b"
    # ... and more of it: "well, it's fall", "we're now well into April", "I've been trying
    # ever since", "I had rather hoped you might have found a moment", "I'll take it you're not
    # interested", "the bottom of the pile", "I'd have expected a call back", "if you'd taken
    # my call", "nobody over there seems to want to call me back", "save us both some time",
    # "should have called us years ago", "more than I've gotten so far", "talking to myself",
    # "straight to voicemail no matter when I call", "been meaning to get back to me", "even
    # if the answer is no", "none of which have been acknowledged", "I did ask you to".
    r"|\bwell, it's (?:fall|autumn|spring|summer|winter|" + _MONTH + r")\b"
    r"|\band we're now (?:well )?into\b|\btrying ever since\b|\bhoped you (?:might|would|'d)"
    r" have\b|\b(?:take it|assume) (?:that )?you(?:'re| are) not interested\b"
    r"|\bbottom of the pile\b|\bI(?:'d| would) have expected\b|\bif you(?:'d| had) (?:taken"
    r"|returned|answered|listened)\b|\b(?:nobody|no one)\b[^.?!;]{0,30}\b(?:wants?|seems to want)"
    r" to (?:call|get back|talk)\b|\bsave us both (?:some )?time\b|\bshould have (?:called"
    r"|contacted|come to|talked to) us\b|\bmore than I've (?:gotten|got|had) so far\b"
    r"|\btalking to myself\b|\bno matter when I call\b|\bbeen meaning to (?:get back|call|reply"
    r"|respond)\b|\beven if the answer is no\b|\bnone of which (?:have|has) been"
    r" (?:acknowledged|answered|returned)\b|\bI did ask you to\b|\bI did think we(?:'d| had)"
    r" agreed\b|\bdon't think you've had a chance\b|\byou did say you(?:'d| would)\b"
    r"|\bsurprised (?:that )?(?:a|your) [^.?!;]{0,30}?\b(?:hasn't|haven't|isn't)\b"
    r"|\byou(?:'d)? (?:said|told me)\b[^.?!;]{0,40}?\byou(?:'d| would) think about it\b"
    # "nobody answers my calls", "I was promised a call back … and it never came", "an answer
    # would only be polite", "you promised to call me and you didn't", "which I think you
    # ignored", "I was expecting at least a confirmation", "I expected a reply from you".
    r"|\b(?:nobody|no one) (?:answers|returns|picks up) my\b|\bI was promised a (?:call|reply"
    r"|response|answer)\b|\bwould (?:only|just) be (?:polite|courteous|fair)\b|\band you"
    r" (?:didn't|did not|never did)\b|\byou (?:ignored|have ignored|'ve ignored)\b"
    r"|\bI (?:was )?expect(?:ed|ing) (?:at least )?(?:a|an|some) (?:reply|answer|response"
    r"|confirmation|call)\b(?! from (?!you\b))",  # (not "a call from the county inspector")
    # "I have called your office on four occasions", "not been fortunate enough to receive a
    # reply", "I did warn you in March", "I was expecting that last note to get at least a
    # reply", "which is a shame", "it's a pity nobody came", "I still have not received",
    # "I thought we had an understanding", "they tell me you're in a meeting", "nobody has
    # even confirmed", "nobody ever got back to me", "once more I haven't received a call".
    r"\b(?:called|rung|rang|phoned|tried|e-?mailed|written|wrote|contacted)\b[^.?!;]{0,40}?\bon"
    r" (?:\w+|\d+) (?:separate )?occasions\b|\bfortunate enough to (?:receive|get|have)\b"
    r"|\bI did (?:warn|say|explain|tell you|mention|point out)\b(?! (?:[\w ]{0,15}?)I(?:'d| would))"
    r"|\b(?:expect(?:ed|ing)|hoping"
    r" for|hoped for)\b[^.?!;]{0,40}?\bat least (?:a|an|some|one)\b|\b(?:which|that) (?:is|was)"
    r" a (?:shame|pity)\b|\bit's a (?:shame|pity) (?:that )?(?:nobody|no one|you)\b|\bI still"
    r" (?:have not|haven't) (?:received|had|got|heard)\b|\bwe had an understanding\b"
    r"|\b(?:tell|tells|told) me you(?:'re| are| were) (?:always |still )?(?:in a meeting|busy"
    r"|out|away|not (?:in|available))\b|\b(?:nobody|no one) (?:has |had )?(?:even )?(?:confirmed"
    r"|acknowledged) (?:receiv|(?:my|our) (?:[\w-]+ )?(?:e-?mail|message|letter|offer|proposal"
    r"|quot)|it\b)|\b(?:nobody|no one)\b[^.?!;]{0,30}\b(?:ever )?(?:got|gets|came|comes)"
    r" back to me\b|\bsorry that (?:nobody|no one|you (?:didn't|haven't|never))\b|\bonce"
    r" (?:more|again),? I (?:haven't|have not|didn't|did not)\b|\bwhen you finally\b"
    r"|\bhard (?:person |man |woman |one )?to (?:get hold of|reach|pin down|catch"
    r"|get through to)\b",
)
DESPERATE = families(
    # Contentless follow-ups: the rep's turn to call, not a reason.
    r"\b(?:just |to )?check(?:ing)? in\b(?! (?:\w+ )?(?:minutes?|hours?|days?|seconds?)\b)"
    r"|\b(?:just )?touch(?:ing)? base\b",
    r"\bcircl(?:e|ing) (?:back|around)\b|\bbump(?:ing)? (?:this|it|my|up)\b|\bnudge\b"
    r"|\btop of your inbox\b|\b(?:resurfac|float|nudg|pop)\w* (?:this|it|my|the thread)\b"
    r"(?! (?:in|into|over|round|across|through|by)\b)"
    r"|\b(?:off|back on|onto) your radar\b"
    r"|\b(?:gentle|friendly|quick|little|just a) reminder\b(?! to (?:the|your|all|every)\b)"
    # (not of someone else's fact: "just a reminder that Fresh Farms lost nothing")
    r"(?!(?: that|:) (?!(?:I|I'm|I've|we|we're|we've|my|our)\b))"
    r"|\bany (?:news|word)\b|\bover the line\b|\bkeen to (?:close|get this|sign|wrap)\b"
    r"|\bin case (?:it|this|my \w+) (?:got|was|slipped|went)\b"
    # (Only the rep's own message slipping: "duplicate payments slip through" is their risk.)
    r"|\b(?:it|this|that|my [\w-]+|(?:e-?mail|message|note|voicemail|letter)s?)"
    r" (?:(?:might|may|could|must) (?:have )?|has |had |just |didn't |did not )?slip(?:s|ped)?"
    r" (?:by|through)\b|\bslip(?:s|ped)? through the cracks\b"
    r"|\bfall(?:s|en)? through the cracks\b"
    r"|\bany updates?\b|\b(?:just )?chas(?:e|ing) up my (?:e-?mail|message|voicemail|note|letter"
    r"|call)\b",
    # The rep's need: quota, targets, a bad month, counting on them.
    r"\bquota\b|\b(?<!\bthe )(?<!\btheir )(?<!\byour )(?<!\bsend you )(?<!\bsent you )"
    r"(?<!\bshare )(?<!\bshow you )(?:my|our|sales|quarterly|monthly) (?:sales "
    r"|monthly |quarterly )?(?:target"
    r"|targets|goal|goals|numbers)\b|\b(?:hit|make|reach|close to|short of|over) (?:my|our)"
    r" (?:sales |monthly )?numbers?\b|\bput me over\b|\bmake my (?:year|month|quarter|day|week)\b"
    r"|\b(?:deals?|sales?) behind\b|\bbehind (?:on|this|for the) (?:my |our |the )?(?:quarter"
    r"|month|target|goal|number|quota)\b"
    r"|\bhit my number\b|\bmonth's numbers\b|\b(?<!your )(?<!their )fiscal year\b"
    # "this month has been bad for us", "behind on its numbers", "trying to get into your
    # group for years", "your mill is very important for us", "my final reminder".
    r"|\b(?:month|quarter|year|season|week) (?:has been|'s been|was) (?:\w+ )?(?:bad|slow|tough"
    r"|hard|difficult|quiet|poor|rough|dry) for (?:us|me)\b|\bbehind on (?:its|their) numbers\b"
    r"|\b(?:trying|want(?:ed)?|hoping) to get (?:into|in with) your\b"
    r"|\byour [\w ]{0,30}?(?:is|are|would be) (?:very |really |so |extremely )?important"
    r" (?:for|to) (?:us|me)\b"
    r"|\bfinal reminder\b|\bthe last person you (?:want|wish|need) to hear from\b"
    r"|\b(?:don't|do not) (?:mean|want) to be a (?:nuisance|pest|bother|pain)\b"
    r"|\bapologi[sz]e for (?:calling|ringing|bothering|writing|chasing|pestering) (?:you )?again\b",
    r"\b(?:one|a|two|\d+) (?:deal|sale|machines?|units?|accounts?) (?:short|away)\b",
    r"\b(?:tough|slow|rough|bad|hard|lean|quiet) (?:quarter|month|year|week|season)\b"
    r"(?! on\b| for (?:your|them|the|their)\b)",
    r"\bcounting on (?:you|this|your|it)\b|\bmake a (?:big |real )?difference (?:for|to) me\b",
    r"\bI (?:really |desperately |just )?need (?:this|your (?:answer|help|decision|signature"
    r"|business|yes|reply|response|support|order|call|time)|the (?:signed|order|deal|business"
    r"|meeting|sale|signature|win|numbers)|to close|to make|you|a win|a yes)\b"
    r"|\b(?:I|we) could (?:really )?use (?:your|the|a|this)\b|\bmean (?:a lot|the world)\b",
    r"\b(?:my|the) (?:sales )?(?:manager|boss|director)(?:'s| is| has)?(?: been)? (?:asking|on me"
    r"|pushing|keeps)",
    r"\b(?:make|making|be|being) sure (?:that )?(?:my|the|this) (?:last |previous |earlier )?"
    r"(?:message|note|e-?mail|voicemail|letter)s? (?:reached|got to|arrived|came through"
    r"|found|went through)"
    r"|\b(?:check|checking|see|seeing) (?:if|whether|that) (?:my|the) (?:last |previous "
    r"|earlier )?(?:message|note|e-?mail|voicemail|letter) (?:reached|got to|arrived|came"
    r" through|found)"
    r"|\b(?:make|making) sure you(?:'d| had)? (?:got|saw|received|had a chance to (?:see|read"
    r"|look at)|have seen|seen|read) (?:my|this|it|that|the (?:message|note|e-?mail|voicemail"
    r"|letter))\b"
    r"|\b(?:throw|send|put|give|steer) (?:some |a little |any |a bit of )?(?:business|work"
    r"|orders?) (?:our|my) way\b|\bhate (?:for you |to see you )?(?:to )?miss (?:it|out|this"
    r"|the (?:offer|deal|price|rate|discount|promotion|savings))\b",
    r"\bhelp me (?:out|hit|make|reach|close)\b|\bdo me a favou?r\b"
    # (Theirs, or a tyre's, is no plea: "I know you're under pressure", "15% under pressure".)
    r"|(?<!you're )(?<!you are )(?<!they're )(?<!they are )(?<!% )(?<!running )(?<!repaired )"
    r"(?<!replaced )(?<!serviced )(?<!tested )(?<!maintained )(?<!changed )(?<!isolated )"
    r"(?<!working )(?<!operated )\bunder"
    r" (?:a lot of )?pressure\b|\b(?:one|a) more (?:sale|deal|signature)\b"
    r"|\bany business (?:at all|you can)\b",
    # The rep's need said as where they stand ("I'm at ninety percent of my number", "a demo
    # target I'm falling a little short on", "close out my quarter strong", "I need just one
    # meeting this week to stay on track", "winning your lanes would make the difference for
    # us"), a favour asked, a signature wanted by a date ("get a pilot signed before the
    # thirtieth").
    r"\b(?:percent|%) of (?:my|our) (?:number|quota|target|goal)\b|\b(?:target|quota|goal|number)s?"
    r" (?:I'm|I am|we're|we are) (?:falling|running|coming) (?:a (?:little|bit) )?short\b"
    r"|\b(?:build|grow|fill) (?:up )?my (?:book|pipeline)\b|\bto stay on track(?=\s*(?:[.!?]|$))"
    r"|\b(?:me|us) (?:to )?stay on track\b"
    r"|\bI (?:really |just )?need (?:just )?(?:one|a|another) (?:more )?(?:meeting|demo|deal|sale"
    r"|signature|win)\b|\b(?:doing|do) me a (?:huge |big |real |great )?favou?r\b"
    r"|\bmake (?:all )?the difference (?:for|to) (?:us|me)\b|\bgive (?:me|us) a fair (?:hearing"
    r"|shot|chance)\b|\ba fair hearing\b"
    r"|\b(?:get (?:you|it|this|a [\w-]+|the [\w-]+) signed(?: up)?|(?=sign up\b)(?:(?<=you )"
    r"|(?<=: )|(?<=, )|(?<=to )|(?<=^))sign up)\b(?=[^.?!;]{0,40}"
    r"\b(?:(?:before|by) (?:the (?:end|\d{1,2}(?:st|nd|rd|th)\b|[a-z-]*(?:first|second|third|th)\b)"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|month|quarter)|this (?:week|month|quarter)|today"
    r"|now)\b)",
    # Deadlines and discounts tied to signing now.
    r"\bend of (?:the|our|my|this) (?:quarter|month|year)\b"
    r"|\b(?:before|by|at) (?:the )?(?:month|quarter|year)[- ]end\b"
    r"|\b(?:quarter|month|year) (?:closes|ends|is out)\b|\bclos(?:e|ing) out (?:the|my"
    r"|our) (?:quarter|month"
    r"|year)\b|\b(?:year|quarter|month|books) close",
    r"\blast (?:week|day|days) of (?:the|our|my) (?:quarter|month|year|fiscal)\b",
    # ("Even if you decide to do it yourselves" concedes, it doesn't push.)
    r"(?<!\beven )\bif (?:you|we) (?:can )?(?:sign|close|commit|book|order|buy|act|decide|get the "
    r"paperwork done|lock it in)\b(?! (?:in|for) (?:January|February|March|April|May|June"
    r"|July|August|September|October|November|December))",
    r"\b(?:(?:sign|order|buy|act|decide)(?:ed)?(?: up)?|signs up) (?:today|now|tonight|this week"
    r"|(?:before|by)(?= (?:the |this |next )?(?:end|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|tomorrow|tonight|then|noon|midnight|month|quarter|year|week|deadline"
    r"|close|\d|[a-z-]*(?:first|second|third|th)\b)))\b"
    r"|(?=(?:expires?|ends)\b)(?:(?<=offer )|(?<=deal )|(?<=price )|(?<=pricing )|(?<=discount )"
    r"|(?<=promotion )"
    r"|(?<=special ))(?:expires?|ends)\b(?: (?:at|today|tonight|soon|on|this))?"
    r"|\b(?:expires?|ends) (?:today|tonight|at midnight|soon)\b",
    r"\b(?:sign|signed|signature|order|contract|decide|decision|commit|paperwork|PO)\b[^.?!;]{0,40}"
    r"\b(?:by|before|until) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|tomorrow"
    r"|tonight|the end|then|the weekend)\b|\bonly (?:good|valid|available|stands|(?:hold|keep)"
    r" (?:it|this|that|the [\w-]+)) (?:until|through|till)\b"
    r"|\bprice goes (?:back )?up\b|\bstands only if\b",
    r"\blast chance\b|\bdon't miss out\b|\blimited time\b|\blimited-time (?:offer|deal|price"
    r"|pricing|discount|promotion)\b|\bwon't be repeated\b|\bspecial (?:price|pricing|offer"
    r"|deal|discount|rates?)\b|\bone[- ]time (?:offer|deal|price)\b"
    r"|\b(?:today|(?:for )?(?:this|one) (?:week|day|month|weekend)) only\b|\bwon't last\b"
    r"|\bcan't hold (?:the|this|that) (?:price|offer|rate|deal)\b"
    r"|\b(?:for the next |next )?(?:\d+|twenty-four|forty-eight|seventy-two) hours only\b"
    r"|\bdon't miss (?:your|this|the) (?:chance|opportunity|window)\b"
    r"|\bget (?:this|it|the (?:deal|order|contract)) (?:across|over) the (?:finish )?line\b"
    # The rep's need for their answer: "I need your answer by Friday so I can keep the slot".
    r"|\bI (?:really )?need (?:to get |to have )?(?:your|an|a) (?:answer|decision|yes"
    r"|signature|commitment)\b",
    # Pleading.
    r"\bplease (?:just )?(?:help|consider|respond|reply|answer)\b(?! (?:to|by) (?:this|my|e-?mail"
    r"|phone|text))|\breally, really\b"
    # The rep's own slots, numbers or book to fill: "I really need to fill them".
    r"|\b(?:I|we) (?:really |just |still )?(?:need|have) to (?:fill|hit|make|meet|close"
    r"|book(?! the slots?\b))"
    r" (?:them|it|my|our|those|these|the (?:slots?|spots?|quota|target|number|calendar))\b"
    r"|\bbeg(?:ging)?\b|\bgive (?:me|us) (?:a|another|one more) (?:chance|shot|try)\b"
    r"|\breconsider\b|\bany chance (?:at all|you(?:'d| could| would| might| can))",
    # The rep's feelings about the meeting: thankful, hopeful, not giving up.
    # (A plain "I'd be grateful for a call back" is a polite request, not a plea.)
    r"\bI(?:'d| would) be (?:so|really|real|very|most|extremely|truly|incredibly|eternally"
    r"|ever so|super|enormously|hugely|deeply) (?:thankful|grateful)\b"
    r"|\b(?:thankful|grateful) (?:for (?:the|your) business|for any chance|if you(?:'d| would)"
    r" (?:at least|give it))\b|\bmatters? (?:a lot |so much |a great"
    r" deal )?to (?:me|us)\b|\b(?:won't|will not|never) give up\b|\b(?:really|truly|so) hope"
    r" (?:we|you) (?:can|could|will)\b",
    r"\bso (?:grateful|thankful)\b|\b(?:really|truly) appreciate (?:any|it|a|your)\b"
    r"|\beven (?:if it's )?a no\b|\bany (?:reply|response|answer) at all\b|\banything at all\b",
    r"\bnot (?:bothering|bugging|pestering)(?: you)?\b|\bdon't want to be (?:a bother|a pest"
    r"|a nuisance|bothering you)\b"
    r"|\bsorry to (?:bother|bug|pester)\b|\bhate to (?:bother|bug|pester)\b|\bpersistent\b",
    r"\bwon't take long\b|\bwhatever it takes\b|\bthat's all(?: I ask)?\b|\bif I have to\b"
    r"|\bI promise (?:I(?:'ll| will)? (?:won't|will not|not|only|just|keep|be)"
    r"|it(?:'ll| will)? (?:be|won't|only|take)|to keep|not to|this (?:is|will|won't))"
    r"|\bor lose (?:the|this|it|your)\b|\block(?: it)? in (?:today|now|tonight)\b"
    r"|\b(?:bumping|pushing|floating|bringing|moving|pulling|sending|popping|nudging) (?:this|it"
    r"|my (?:note|e-?mail|message)) (?:back )?up\b|\bback (?:up )?to the top\b"
    r"|\b(?:even|just|only)(?: to get| for)? (?:five|two|ten|fifteen|a few|\d+) minutes\b"
    r"|\bany time at all\b|\bdo anything\b|\bname your price\b|\bpretty please\b"
    r"|\bif I don't (?:close|sign|get|make|hit)\b|\bhave my head\b|\b(?:my|the) (?:sales )?"
    # "My manager wants me to show you the Hale Tool numbers" is for the listener.
    r"(?:manager|boss|director) (?:will|is|has been|keeps|wants(?! me to (?:show|send|share"
    r"|walk|give|introduce|bring|pass on|tell)\b))\b"
    r"|\bI'm asking (?:for|you)\b|\bworth your while\b",
    r"\bplease,? please\b|(?:^|(?<=[.!?] ))please,(?! (?:you can )?(?:call|ring|reach|contact)\b)",
    # The rep's need for their time, said outright: "I just need five minutes",
    # "only five minutes I need", "I really need to hear back from you"; an urgency that is
    # the rep's ("please call me back today", "it's really important"); the rep's own offer
    # running out ("our summer incentive expires Friday"), scarcity ("a limited number of new
    # clients this quarter"); the rep's target ("this month I have target to add five").
    r"\bI (?:(?:really|just|only|desperately|honestly|truly) ){0,2}need (?:(?:just|only) )?(?:a few"
    r"|a couple of|a|one|two|five|ten|fifteen|twenty|\d+) (?:more )?(?:minutes?|mins|moments?)\b"
    r"|\b(?:minutes|moments?) (?:is )?(?:all )?(?:I|we) (?:need|ask)\b"
    r"|\bI (?:(?:really|just|honestly|truly|desperately) ){1,2}(?:need|want) to (?:hear|get|speak"
    r"|talk|meet|see|grab|connect)\b"
    r"|\bplease (?:(?:just|do) )?(?:call|ring|phone|get back to|give me a call)(?: me)?(?: back)?"
    r" (?:today|tonight|right away|asap|as soon as possible|urgently|now)\b"
    r"|\b(?:it's|it is) (?:really |very |quite |extremely |super |so )?(?:important|urgent)"
    r"(?= *(?:[.!]|$)| that (?:we|I) (?:speak|talk|connect|meet))",
    # (Only the offer's name is taken out: "my offer of two free coolers expires today" still
    # offers two free coolers.)
    r"\b(?:promotion|promo|incentive|special|sale|deal|discount)s?\b(?=[^.?!;]{0,50}?\b(?:expires?"
    r"|ends|runs out|finishes)\b (?:on |this |next |at )?(?:Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday|today|tonight|tomorrow|soon|midnight|the end|end of))"
    r"|\block in before\b"
    r"|\b(?:we|I)(?:'ve| have)?(?: got)? (?:only|just) (?:got |have )?(?:a few|a handful of|\w+"
    r"|\d+) (?:[\w-]+ )?(?:spots|slots"
    r"|places|openings|seats|spaces) (?:left|remaining)\b"
    r"|\b(?:a )?limited number of (?:new )?(?:clients|customers|spots|slots|places|openings"
    r"|accounts|seats|spaces)\b|\bonly (?:a few|a handful of|\w+|\d+) (?:spots|slots|places"
    r"|openings|seats|spaces) (?:left|remaining)\b"
    r"|\b(?:I|we) (?:have|'ve got|have got|got) (?:a |an |my |the )?(?:\w+ )?(?:target|quota)s?"
    r" (?:to|of|for)\b",
    # the push by scarcity or a date that is the rep's own ("until stock runs out",
    # "seats are limited", "don't miss it", "valid only until 15 March", "the price below
    # expires with our half-year"), a plea for a chance ("give me just one opportunity", "I'm
    # requesting you", "I'd owe you one", "I'm getting a bit desperate", "sorry to chase
    # again", "a yes or no would really help me plan", "really hoping you'll pick up").
    r"\buntil (?:the )?(?:stock|stocks|supplies|supply) (?:runs?|run|are|is) out\b|\bwhile"
    r" (?:stocks?|supplies) last\b|\b(?:seats|spots|places|spaces|slots) are (?:strictly |very )?"
    r"limited\b|\b(?:seats|spots|places|spaces|slots) (?:on|at|in|for) (?:[\w-]+ ){1,3}are"
    r" (?:strictly |very )?limited\b|\bdon't miss (?:it|this|out|the (?:deal|offer|chance))\b"
    r"|\b(?:valid|good|available|open) only (?:until|till|through|to)\b"
    r"|\b(?:offer|deal|price|pricing|discount|promotion|special|quote)(?: below| above| I quoted"
    r"| quoted)? (?:expires?|ends) with (?:our|my)\b"
    r"|\b(?:our|my) (?:half[- ]year|year[- ]end|quarter[- ]end|month[- ]end|financial year"
    r"|trading year)\b"
    r"|\b(?:give|grant|allow) (?:me|us) (?:just |only )?(?:one|a|an|a single|one more|another)"
    r" (?:small )?(?:opportunity|chance|shot)\b|\bI(?:'m| am) requesting you\b"
    r"|\b(?:I(?:'ll| will) not|I won't|I will never) (?:disappoint|let you down)\b"
    r"|\bI(?:'d| would) owe you\b|\bdesperate\b|\bsorry to (?:chase|nag|hassle)\b"
    r"|\bwould (?:really )?help me (?:plan|out)\b|\breally help me plan\b"
    r"|\b(?:really|so|desperately) hoping (?:you(?:'ll| will)|to hear)\b",
    # The rep's manager behind the ask ("my manager's given me a target", "my boss says I
    # have to get three meetings", "my manager says I can only offer it until Friday"; not
    # "my manager wants me to show you the numbers": that is for them), a
    # deal that runs out ("call me before it's gone"), an ask said to be small ("a five-minute
    # call isn't too much to ask").
    r"\b(?:my|the) (?:sales )?(?:manager|boss|director|team lead)(?:'s| has| is)? (?:(?:given"
    r"|gave|set) me\b|(?:says|said|told me|tells me)(?: that)? (?:I|we)(?:'ve| have| need"
    r"| must| can only| only|'m only| am only)\b|making me\b)"
    r"|\bbefore (?:it's|it is|they're|they are|the offer's|the deal's) (?:all )?gone\b"
    r"|\b(?:isn't|is not|not) (?:too )?much to ask\b",
    # The rep's number behind the ask, said in passing: "I've got a number to hit before the
    # thirtieth", "a bit behind on my Nordic number", "trying to close out June", "it would
    # really help me", "till Friday to fill my last slot", "the best I can do this quarter",
    # "after that I can't promise anything", "that discount won't be around long".
    r"\b(?:a|my|our) (?:\w+ )?(?:number|numbers|quota|target) to (?:hit|make|reach)\b"
    r"|\bbehind on (?:my|our) (?:\w+ )?(?:number|numbers|quota|target)s?\b"
    r"|\bclos(?:e|ing) out (?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b|\b(?:it )?would (?:really |truly )?help me\b(?! (?:understand"
    r"|see|quote|size|price|plan the))|\bto fill my (?:last )?(?:slot|spot|place)\b"
    r"|\bthe best I can do this (?:quarter|month|year)\b|\bafter that,? I can't promise\b"
    r"|\bwon't be around (?:for )?long\b|\bget you bound\b"
    r"|(?<!\beven )\bif (?:you|we) (?:can )?bind\b|\bbind(?:s)? (?:with us )?(?:today|now|this week"
    r"|by|before)\b|\bif bound by\b",
    # The rep's month or stock behind the ask: "I was counting on getting you in this month",
    # "to finish the year strong", "I'd really love to move it this week", "it's only on for
    # the next two weeks" (not "we'd love to earn your business": the authors don't hear it so).
    r"\bcounting on (?:getting|having|closing|signing|booking)\b|\bfinish (?:the|this|our|my)"
    r" (?:year|quarter|month|season) (?:strong|on a high)\b|\b(?:really |truly )?(?:like|love)"
    r" to (?:move|clear|shift) (?:it|them|this|the \w+) (?:this|by)\b|\bonly on for\b",
)


def strip_first(pattern: re.Pattern[str], text: str) -> tuple[str, str | None]:
    """The text with the pattern's matches blanked out, and the first match.

    Most sentences match none of the phrase families, so the (slow) search runs once and the
    text after the first match is the only text searched again.

    >>> strip_first(re.compile(r"\\bjust \\w+ing\\b", re.I), "Just checking in, just circling back")
    ('  in,   back', 'Just checking')
    >>> strip_first(re.compile(r"\\bjust \\w+ing\\b"), "Your dock plate is cracked.")
    ('Your dock plate is cracked.', None)
    """
    found = pattern.search(text)
    if not found:
        return text, None
    rest = text[:found.start()] + " " + pattern.sub(" ", text[found.end():])
    return rest, found.group(0).strip()
