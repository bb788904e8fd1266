"""The message check: does a voicemail or e-mail earn a return call? Pure rules, plain words.

A message sells a *return call*, not the product. The check reads it sentence by sentence
(:func:`read_sentences`): which sentences are only formulas (greeting, name, number, sign-off),
which are about the rep and which about the listener, and which carry a concrete reason to
call back – a fact, a number, a result, a resource sent or offered, a named peer or
competitor, a place, a referral, a sharp question about their business. A sentence whose
subject is "I" or "we" but which offers the listener something concrete ("I'll e-mail you the
links", "our index shows where shippers in your region pay too much") is about *them*.

:func:`check_message` then flags, in this order:

``only_name_number``
    nothing but who is calling, how and when to reach them and a request to call back or to
    meet – however the request is put: politely, as a plea ("please, it's important that we
    speak"), a reproach ("I've tried you three times now"), a contentless follow-up ("just
    checking in") or an ask for time ("do you have fifteen minutes this week?"); courtesies
    add nothing. The plea still makes it ``desperate`` and the reproach ``blames``. A topic,
    the product or company, a claim (even an empty one), an offer, a thing sent, another
    person named or anything about the listener's business lifts it out;
``no_reason``
    no sentence gives the prospect a concrete reason (an empty claim is not one);
``empty_claim``
    "we can save you money", "leading provider", "world-class" with nothing to back it in
    the same sentence (no number, no named customer's result);
``blames``
    makes the prospect wrong, directly ("you never called back") or not ("I'm not sure why
    you're not returning my calls", "I was expecting to hear back");
``desperate``
    the rep's need instead of theirs: quota, end of quarter, a discount for signing now,
    begging, "just checking in", "touching base";
``about_me``
    at least ``ABOUT_ME_MIN_SENTENCES`` sentences about the rep and their company (history,
    size, awards, plans, "about us"), more than the sentences about the listener; the rep's
    wishes ("I'd love to meet you") add to them only when no sentence is about the listener;
``repeated``
    a near repeat of an earlier message to the same person (``earlier``): near word for word
    (rapidfuzz on what is left once greetings, names and numbers are taken out), or the same
    content reworded and reordered – no new number, date or name, and most of the same
    content words once stemmed (:func:`content_repeat`);
``too_long``
    a voicemail over ``VOICEMAIL_MAX_SECONDS`` spoken, an e-mail over ``EMAIL_MAX_WORDS`` words.

Each flag says why and what to do instead, so a false alarm costs a glance, not a lost call.
Blame, pressure and empty claims are matched by families of phrasing
(:mod:`referrals.outreach.phrases`), not lists of phrases; greetings, names and numbers are
taken out by :mod:`referrals.outreach.formulas`, what a sentence gives the listener is read
by :mod:`referrals.outreach.reasons`, and repeats judged by :mod:`referrals.outreach.repeats`.
A learned reading (:mod:`referrals.outreach.learned`) then adds a flaw the rules missed only
when it is nearly sure and a sentence carries it, and drops a rule's flag it all but rules
out. How often the check is right is measured on a labelled corpus
(``tests/data/craft_*.jsonl``) by ``python -m bench.craft`` (see bench/README.md).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from referrals.outreach.asks import beyond_the_request
from referrals.outreach.claims import CLAIM as _CLAIM
from referrals.outreach.deadlines import not_the_reps, pushed_count
from referrals.outreach.formulas import (
    _AT_WORD,
    _CALL_BACK,
    _EMAIL,
    _PHONE,
    _TIME,
    MAX_FORMULA_WORDS,
    _normalise,
    _said,
    _split,
    _substance,
    signature_span,
    word_count,
)
from referrals.outreach.hunches import hunch
from referrals.outreach.learned import model as learned_model
from referrals.outreach.learned import names_someone
from referrals.outreach.phrases import BLAME as _BLAME
from referrals.outreach.phrases import DESPERATE as _DESPERATE
from referrals.outreach.phrases import strip_first as _strip
from referrals.outreach.readings import ABOUT_US as _ABOUT_US
from referrals.outreach.readings import COURTESY as _COURTESY
from referrals.outreach.readings import DAY as _DAY
from referrals.outreach.readings import EMPTY_FOLLOW_UP as _EMPTY_FOLLOW_UP
from referrals.outreach.readings import FOUNDED as _FOUNDED
from referrals.outreach.readings import HISTORY as _HISTORY
from referrals.outreach.readings import MILESTONE as _MILESTONE
from referrals.outreach.readings import NAMED_SUBJECT as _NAMED_SUBJECT
from referrals.outreach.readings import OUTCOME as _OUTCOME
from referrals.outreach.readings import REFERRAL as _REFERRAL
from referrals.outreach.readings import RESULT as _RESULT
from referrals.outreach.readings import SELF_TALK as _SELF_TALK
from referrals.outreach.readings import THE_COMPANY as _THE_COMPANY
from referrals.outreach.readings import TO_YOU as _TO_YOU
from referrals.outreach.reasons import (
    _CALL_LENGTH,
    _JOB,
    _NUMBER,
    _REP_DOES,
    _SCHEDULING,
    _YOU,
    _names,
    _reasons,
    _their_fact,
)
from referrals.outreach.repeats import (
    REPEAT_MAX_NEW_SHARE,
    REPEAT_MIN_CONTENT,
    REPEAT_MIN_SIMILARITY,
    content_repeat,
    new_facts,
    new_share,
    similarity,
)

__all__ = [
    "ABOUT_ME_MIN_SENTENCES", "CHANNELS", "CODES", "EMAIL_MAX_WORDS", "REPEAT_MIN_CONTENT",
    "REPEAT_MIN_SIMILARITY",
    "VOICEMAIL_MAX_SECONDS", "VOICEMAIL_TARGET_SECONDS", "WORDS_PER_MINUTE", "Flag", "Length",
    "Sentence", "check_message", "content_repeat", "read_sentences", "similarity", "spoken_length",
    "word_count",
]

WORDS_PER_MINUTE = 150  # spoken pace
VOICEMAIL_TARGET_SECONDS = 20  # warn above
VOICEMAIL_MAX_SECONDS = 30  # refuse above (unless the rep overrides)
EMAIL_MAX_WORDS = 150
CHANNELS = ("voicemail", "email")
#: Every flag code, in the order :func:`check_message` reports them.
CODES = ("only_name_number", "no_reason", "empty_claim", "blames", "desperate", "about_me",
         "repeated", "too_long")

#: only_name_number: at most this many words of substance may be left once greetings,
#: sign-offs, who is calling, numbers, addresses and call-me-back words are taken out.
MAX_SUBSTANCE_WORDS = 2
#: about_me: flag when at least this many sentences are about the rep, and more of them than
#: sentences about the listener. One "I'd like to introduce myself" is no reason, not a
#: monologue.
ABOUT_ME_MIN_SENTENCES = 2


@dataclass(frozen=True)
class Flag:
    """One problem: a ``code``, why it hurts, what to do instead, and the phrase if any."""

    code: str
    message: str
    suggestion: str
    excerpt: str | None = None


@dataclass(frozen=True)
class Length:
    """How long a message takes to say: ``level`` is "ok", "warn" or "too_long"."""

    words: int
    seconds: float
    level: str
    message: str | None


@dataclass(frozen=True)
class Sentence:
    """How the check read one sentence.

    ``about`` is "formula" (greeting, name, number, sign-off, the call-back ask), "me" (about
    the rep or their company, offering the listener nothing), "wish" (what the rep would
    like: a meeting, a chance), "them" (about the listener, or offering them something) or
    "other". ``reasons`` names the concrete reasons found in it
    ("number", "resource", "referral", "peer", "offer", "question", "fact"); ``blame``,
    ``desperate`` and ``empty_claim`` hold the phrase found, if any.
    """

    text: str
    about: str
    reasons: tuple[str, ...] = ()
    blame: str | None = None
    desperate: str | None = None
    empty_claim: str | None = None


def spoken_length(text: str) -> Length:
    """How long the text takes to say at ``WORDS_PER_MINUTE``, and whether that is too long.

    "ok" up to ``VOICEMAIL_TARGET_SECONDS`` (50 words), "warn" up to ``VOICEMAIL_MAX_SECONDS``
    (75 words), "too_long" beyond.

    Examples
    --------
    >>> spoken_length("word " * 50)
    Length(words=50, seconds=20.0, level='ok', message=None)
    >>> spoken_length("word " * 76).level
    'too_long'
    """
    words = word_count(text)
    seconds = round(words / WORDS_PER_MINUTE * 60, 1)
    # Compare whole numbers (words x 60 vs seconds x pace) so no float rounding moves a boundary.
    if words * 60 <= VOICEMAIL_TARGET_SECONDS * WORDS_PER_MINUTE:
        return Length(words, seconds, "ok", None)
    if words * 60 <= VOICEMAIL_MAX_SECONDS * WORDS_PER_MINUTE:
        return Length(words, seconds, "warn", (
            f"About {seconds:g} seconds spoken ({words} words): past the "
            f"{VOICEMAIL_TARGET_SECONDS} seconds a voicemail should take. Trim it if you can."))
    return Length(words, seconds, "too_long", (
        f"About {seconds:g} seconds spoken ({words} words): over the {VOICEMAIL_MAX_SECONDS}"
        "-second limit. Cut it to 50 to 75 words."))


def _only_name_number(text: str, read: Sequence[Sentence] = (),
                      channel: str = "voicemail") -> Flag | None:
    # How to reach the rep: a number or a call-back ask; an e-mail is answered by a reply, and
    # a plea, a reproach or an ask for time is itself the request ("I'm trying one more time").
    if not (channel == "email" or _PHONE.search(text) or _CALL_BACK.search(text)
            or any(s.about == "wish" or s.blame or s.desperate for s in read)):
        return None
    if any(s.reasons for s in read if s.about != "me"):  # a reason is more than a name
        return None
    if any(s.empty_claim for s in read):  # a claim, even an empty one, says more than a name
        return None
    # Names ("Hi there, Kyle Brooks, Western Supply") are not substance, unless the message
    # says what the name did ("Mike Kincaid asked me to call"); nor is the request to call
    # back however it is put – a plea, a reproach, "just checking in", "fifteen minutes?".
    said = _said(text)
    if (len(said) > MAX_SUBSTANCE_WORDS and beyond_the_request(said)) or _REFERRAL.search(text):
        return None
    return Flag(
        "only_name_number",
        "This message is only a greeting, your name and your number. It tells the prospect "
        "nothing they would gain by calling back, so it sounds like every other sales call.",
        "Before your number, give one to three reasons about their business: who suggested "
        "you call, what you sent them, a result a company like theirs got. Then ask for the "
        "one action you want.",
    )


# Whose sentence: the listener's words, with the formulas that name them taken out first.
_YOU_FORMULAS = re.compile(
    r"\bthank(?:s| you)\b|\b(?:tell|show|give) you (?:more |a little )?(?:about|what (?:we|I))\b"
    r"|\blet you know\b|\b(?:meet|see|visit) you\b|\badd you to\b"
    r"|\bearn your business\b|\b(?:talk|speak|chat) (?:to|with) you\b"
    r"|\bhear(?:ing)? (?:back )?from you\b|\byour (?:time|convenience|business)\b"
    r"|\bwhen you (?:get|have) (?:a|the|this) \w+\b|\bgive you a\b"
    r"|\bcall you\b|\byou have a moment\b|\bwhat (?:we|I) (?:can do|do|offer)\b"
    # "Just so you know who we are", "not sure if you've heard of us".
    r"|\bso you know\b|\byou(?:'ve| have)? (?:ever )?heard of us\b",
    re.I,
)
_ME = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself|we|we're|we've|we'd|we'll|our"
                 r"|ours|us|ourselves)\b", re.I)
# Who speaks: the rep as subject or owner, not only as an object at the end of someone else's
# fact ("two of the three certified interpreters work with us").
# Nor as the owner of what a customer used ("three dairies on our 22% pellet are weaning
# earlier", "Jensen's saving came from our takeoffs").
_SPEAKER = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|mine|myself|we|we're|we've|we'd|we'll"
                      r"|ours|ourselves)\b|(?=[mou])(?<!\bwith )(?<!\bfor )(?<!\bfrom )(?<!\bby )"
                      r"(?<!\bon )(?<!\bthrough )(?<!\busing )(?<!\bvia )"
                      r"\b(?:me|us|my|our)\b", re.I)
# A lead-in before a colon frames what follows: "One thing I left out: the county is closing
# the bridge" is the county's news, not the rep's.
_LEAD_IN = re.compile(r"^[^:.?!]{0,50}:\s")
# Advice is for the listener: "I'd suggest booking them before the opening".
_ADVICE = re.compile(r"\bI(?:'d| would) (?:suggest|recommend|advise)\b", re.I)
# The rep's own story and wishes: about them only if the sentence also gives the listener
# something ("I'd be glad to send the layout she used").
_WISH = re.compile(
    r"\b(?:I|we)(?:'d| would| am|'m| are|'re| really| was| were| had been)? (?:really |so |very "
    r"|truly )?(?:love"
    r"|like|welcome|looking forward|looking to|hope|hoping|appreciate|need"
    # "I wanted you to know your buyers can still close here" tells them news.
    r"|(?:want|wanted)(?! (?:you to know|to let you know))"
    r"|promise|eager|glad to (?:meet|introduce|tell|visit|learn|partner|connect|add"
    r"|show you what))\b",
    re.I,
)


# A claim word inside a company's name is the name: "Premier Clinical Supply", "Summit Best
# Price Tires"; so is a topic ("an article on cutting tool costs").
_NAMED_CLAIM = re.compile(
    r"(?-i:(?:[A-Z][\w&'-]*\s+)*(?:Premier|Best|Superior|Leading|Elite|Prime|Quality|Pro|Top"
    r"|Precision|Premium|Advanced|Smart|Total|Ultimate|Innovative|Reliable|Trusted)"
    r"(?:\s+[A-Z][\w&'-]*)+)"
    r"|\b(?:on|about|regarding) (?:cutting|lowering|reducing|saving|controlling) (?:[\w-]+ ){0,2}"
    r"(?:costs?|spend|expenses|money)\b", re.I)


# A follow-up on the rep's own pitch is not a reason: "circling back on the quote", "checking
# in about the lease proposal I sent over last month".
_FOLLOWED_UP = re.compile(
    r"\b(?:follow(?:ing)?[ -]?up|circl(?:e|ing) back|check(?:ing)? in|touch(?:ing)? base"
    r"|any (?:word|news|updates?|thoughts|feedback))"
    r"(?: again| once more)? (?:on|about|regarding|with|re:?|to see (?:if|whether) you (?:got"
    r"|received|saw|read|looked at|reviewed|had a chance to (?:look at|review|read)))"
    r" (?:the|my|our|that|your) "
    r"(?:[\w-]+ ){0,2}(?:quote|proposal|estimate|bid|offer|contract|lease|agreement|pricing"
    r"|price|note|message|e-?mail|voicemail|letter|catalog(?:ue)?|brochure|information|info|demo"
    r"|meeting|call|conversation|follow-up|paperwork|application|invoice)s?\b(?: (?:I|we) "
    r"(?:sent|mailed|left|dropped|e-?mailed|gave you)(?: over| off| you)?(?: (?:last|this) \w+"
    r"| on \w+| yesterday)?)?", re.I)



_VAGUE = re.compile(r"\b(?:hundreds|thousands|dozens|millions)(?: of)?\b", re.I)


#: The rep's own size and age prove no claim: "our 200,000-square-foot facility delivers
#: best-in-class packaging".
_SPELLED = (r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
            r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|a)[ -]?)+(?:hundred|thousand)?"
            r"(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?")
_SIZE = re.compile(
    r"\d[\d,.]*[- ](?:square[- ](?:foot|feet|metres?|meters?)|sq\.? ?ft|years?|employees|staff"
    r"|people|locations|offices|branches|trucks|technicians|experts|attorneys|engineers)\b"
    r"|\b(?:since|in|founded|established) (?:19|20)\d\d\b"
    # The rep's reach and age, in figures or spelled out as a voicemail says them: "for over
    # twenty years with more than five thousand clients", "offices in four states".
    r"|(?<![\w-])(?:\d[\d,.]*|" + _SPELLED + r")[- ](?:years|clients|customers|placements|states"
    r"|countries|depots|yards|terminals|agents)\b", re.I)


# A discount the rep offers proves no claim: "unbeatable coverage ..., and I can add an extra
# ten percent off".
_DISCOUNT = re.compile(
    r"\b(?:an? )?(?:extra |additional |further )?(?:[\w-]+ ){1,2}(?:percent|per cent|%) off\b"
    r"|\d+ ?% off\b|\$[\d,]+ off\b", re.I)


_RANKED_IN = re.compile(
    r"\b((?:most [a-z]+|[a-z]{3,}(?:est|iest)|best|finest|leading|premier|top|number one)"
    r"(?: [\w-]+){0,3}? (?:in|across|throughout) )(?:the )?(?-i:[A-Z][\w&'-]*)"
    r"(?: (?-i:[A-Z][\w&'-]*))*")


def _proof(text: str, known: frozenset[str]) -> bool:
    """A number, or a named customer's result: what turns a claim into a fact."""
    plain = _CALL_LENGTH.sub(" ", _TIME.sub(" ", _PHONE.sub(" ", _EMAIL.sub(" ", text))))
    plain = _DISCOUNT.sub(" ", _SIZE.sub(" ", _VAGUE.sub(" ", plain)))
    # The rep's own doing is no customer's result: "we've got the best selection in North
    # Texas" names a region, not a proof.
    return bool(_NUMBER.search(plain)
                or (_names(plain, known) and _RESULT.search(_REP_DOES.sub(" ", plain))))


_FRESH_NEWS = re.compile(
    r"\W*(?:(?:just|recently|also|and) )+(?:put in|installed|added|bought|hired|opened|launched"
    r"|acquired|upgraded|expanded|moved|won)\b", re.I)
# The sentence's first word, past a greeting: "Hi Chef Ana, Sunvale has been supplying".
_FIRST_WORD = re.compile(
    r"\W*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^,]*,\s*)?([\w&-]+)", re.I)


# A vague sweetener for signing now is the push itself, not a reason: "I can throw in an
# extra discount", "sweeten the deal" (but "a free battery", "25 percent off" are offers).
_SWEETENER = re.compile(
    r"\b(?:throw in|give you|offer you|get you|offering|keep|hold) (?:an? |the |that |this |our )?"
    r"(?:[\w-]+ )?(?:discount|deal|price|rate)\b|\bsweeten(?:ing)? the (?:deal|pot"
    r"|offer)\b", re.I)


def _pressure(rest: str, sentence: str) -> str | None:
    """The first plea or push in a sentence, if any.

    The end of the month is none when it is a maker's, the law's or the listener's own
    deadline: "the manufacturer swaps them free until the end of the month".
    """
    desperate = _strip(_DESPERATE, rest)[1]
    for _ in range(3):  # a sentence rarely holds more than one deadline that is not the rep's
        if not desperate or not not_the_reps(desperate, rest):
            return desperate
        rest = rest.replace(desperate, " ")
        desperate = _strip(_DESPERATE, rest)[1]
    return desperate


def _claims(text: str) -> tuple[str, str | None]:
    """The text without its empty claims, and the first one; a name or a topic is none."""
    claimless, claim = _strip(_CLAIM, text)
    if claim:  # rare: only then look for claim words that are a name or a topic
        claimless, claim = _strip(_CLAIM, _NAMED_CLAIM.sub(" ", text))
    return claimless, claim


def _rep_speaks(claimless: str, company: frozenset[str]) -> bool:
    """Whether the rep is the sentence's speaker: as subject or owner, "about us", or the
    company first ("Brightway has served since 1990") or founded ("set up in 2009")."""
    first = _FIRST_WORD.match(claimless)
    return bool(_SPEAKER.search(_CALL_BACK.sub(" ", _LEAD_IN.sub("", claimless)))
                or _ABOUT_US.search(claimless) or _FOUNDED.search(claimless)
                or (first and first.group(1) in company) or _THE_COMPANY.match(claimless)
                or any(m.group(1) in company for m in _NAMED_SUBJECT.finditer(claimless)))


# The listener as the subject of a past deed: "You closed four transactions with us".
_THEY_DID = re.compile(r"\W*you (?:[a-z]+ed|bought|ran|sent|won|spent|paid|sold|took|made|built)\b",
                       re.I)
_SLOTS = re.compile(r"\b(?:I've got|I have|I can do|I could do|I'm free|I am free|how about)"
                    r" (?:(?:this|next) )?" + _DAY + r"\b", re.I)
_CLAUSE_END = re.compile(r",? (?:and|but|so) |\s[–—-]\s|;")


def _listener_reasons(claimless: str, known: frozenset[str],
                      company: frozenset[str]) -> tuple[str, ...]:
    """The reasons a sentence gives; with the rep's company as its subject ("Sunbelt
    Hospitality Supply has just moved into a warehouse in Orlando") it is the company's story,
    not a peer's result."""
    reasons = _reasons(claimless, self_talk=False, known=known)
    first = _FIRST_WORD.match(claimless)
    if "peer" in reasons and first and first.group(1) in company:
        reasons = tuple(r for r in reasons if r != "peer")
    return reasons


def _story_and_wish(sentence: str, claimless: str, fresh: re.Match[str] | None,
                    desperate: str | None, reasons: tuple[str, ...],
                    known: frozenset[str]) -> tuple[object, object]:
    """The rep's story and the rep's wish in a sentence, if any (truthy when found)."""
    if reasons and _THEY_DID.match(claimless) and _reasons(
            _CLAUSE_END.split(claimless, maxsplit=1)[0], self_talk=False, known=known):
        # "You closed four transactions with us last year, and we've added ...": what the
        # listener did, counted, leads the sentence; the rep's news follows it.
        return None, None
    # "We started in Hyderabad in 2008": the founding is the rep's story, its place no peer.
    story = (_SELF_TALK.search(claimless) or fresh or _FOUNDED.search(claimless)
             or _HISTORY.search(claimless))
    wish = _WISH.search(claimless) or desperate
    # "Could we talk this week?" asks for the rep's meeting, and "I've got Thursday at two or
    # Friday at ten" offers times for it: a wish, not the rep's story.
    return story, (wish or ("?" in sentence and _SCHEDULING.search(claimless))
                   or _SLOTS.search(claimless))


def _third_person_history(claimless: str, reasons: tuple[str, ...]) -> bool:
    """The company's history told in the third person is still the rep's story: "What began
    as a forge in 1961 now ships to thirty countries" (an offer or a referral is not)."""
    return (not {"offer", "referral"} & set(reasons)
            and bool(_HISTORY.search(claimless) or _FOUNDED.search(claimless)))


# Beside a reproach, the rep's own past with the listener is no one who sent the rep: "When
# we met in January you said the partners would decide by March", "since we met at the fair".
_OUR_OWN = re.compile(r"\b(?:we|you and I) met\b|\bmet you at\b"
                      r"|\byou (?:asked|mentioned|said|told me|were (?:in|at))\b", re.I)


def _beside_blame(reasons: tuple[str, ...], claimless: str) -> tuple[str, ...]:
    """A sentence's reasons beside a reproach: "Is there a reason you're avoiding me?" asks
    nothing about their business, and "when we met you said …" is no one who sent the rep."""
    return tuple(r for r in reasons if r != "question"
                 and (r != "referral" or _REFERRAL.search(_OUR_OWN.sub(" ", claimless))))


# A sentence reads the same in every message with the same names around it, and the builder
# checks many drafts that share most of their sentences: the reading is kept, not redone.
@lru_cache(maxsize=8192)
def _read(sentence: str, known: frozenset[str] = frozenset(),
          company: frozenset[str] = frozenset()) -> Sentence:
    # Courtesies and a job title say nothing: "I'm the new account manager for your area" is
    # who is calling, not the rep's story.
    rest, blame = _strip(_BLAME, _COURTESY.sub(" ", sentence))
    followed_up, _ = _strip(_FOLLOWED_UP, rest)
    # Pressure is looked for before a follow-up on the rep's pitch is taken out ("Touching
    # base once more about the proposal"), and taken out after it.
    desperate = _pressure(rest, sentence)
    rest = _strip(_DESPERATE, followed_up)[0] if desperate else followed_up
    if desperate:
        rest = _SWEETENER.sub(" ", rest)
    claimed = _strip(_EMPTY_FOLLOW_UP, rest)[0]
    claimless, claim = _claims(claimed)
    # A reproach or a plea with little else ("I've now tried you four times this month") is
    # flagged as such, not counted as a sentence about the rep.
    said = len(_substance(claimless))
    formula = said <= MAX_FORMULA_WORDS or ((blame or desperate) and said <= MAX_FORMULA_WORDS + 2
                                            and not _reasons(claimless, False, known))
    if formula and not (_REFERRAL.search(sentence) or _JOB.search(claimless)):
        return Sentence(sentence, "formula", (), blame, desperate, claim)
    listener = (_YOU.search(_YOU_FORMULAS.sub(" ", _ABOUT_US.sub(" ", claimless)))
                or _ADVICE.search(claimless))
    # "Just put in two new mills": the rep's news, the subject left out.
    fresh = _FRESH_NEWS.match(claimless) if "?" not in sentence else None
    speaker = fresh or _rep_speaks(claimless, company)
    reasons = _listener_reasons(claimless, known, company)
    # "I'll e-mail you the links" and "our index shows where shippers in your region pay too
    # much" have "I" and "our" for subjects, but give the listener something: about them.
    gives = {"referral", "peer", "offer", "question", "resource", "fact"} & set(reasons)
    story, wish = _story_and_wish(sentence, claimless, fresh, desperate, reasons, known)
    if (story or wish) and not listener and "offer" not in reasons \
            and "referral" not in reasons:
        gives = set()  # "I spent fifteen years at two Fortune 500 companies": the rep's past
    if not speaker and not listener and _third_person_history(claimless, reasons):
        about = "me"
        reasons = _reasons(claimless, self_talk=True, known=known)
    elif speaker and (not listener or story or wish) and not gives:
        # "I'd like to set up a meeting" is the rep's wish: no reason, but no monologue
        # either; "I'd love to tell you more about us" is both.
        about = "wish" if wish and not story and not _ABOUT_US.search(claimless) else "me"
        reasons = _reasons(claimless, self_talk=True, known=known)
    elif _ABOUT_US.search(claimless) and not gives:
        about = "me"
        reasons = ()
    elif listener or reasons:
        about = "them"
    else:
        about = "other"
    if blame:
        reasons = _beside_blame(reasons, claimless)
    reasons = pushed_count(reasons, desperate, claimless, blame)
    claim, reasons = _weigh_claim(claim, claimed, claimless, reasons, known)
    return Sentence(sentence, about, reasons, blame, desperate, claim)


_AGAINST_ALL = re.compile(r"\b(?:nobody|no one|anywhere|anything|anyone|anybody|everything"
                          r"|second to none|guarantee[sd]?|the best [\w ]*in|ultimate|hands[- ]down"
                          r"|(?:[a-z]+est|most [a-z]+) (?:way|choice|option|solution))\b", re.I)


def _weigh_claim(claim: str | None, claimed: str, claimless: str, reasons: tuple[str, ...],
                 known: frozenset[str]) -> tuple[str | None, tuple[str, ...]]:
    """The claim left standing and the reasons left beside it.

    A fact about the listener proves no claim of the rep's: "Your Reno warehouse ships forty
    trucks a week, and as the leading carrier in the West we'll streamline it".
    """
    if not claim:
        return claim, reasons
    theirs = [part for part in _CLAUSE_END.split(claimed)
              if claim not in part and _their_fact(part)]
    unproven = claimless
    for part in theirs:
        unproven = unproven.replace(part, " ")
    # Where the rep ranks itself is no customer: "the most trusted cleaners in the Valley".
    for ranked in _RANKED_IN.finditer(claimed):
        unproven = unproven.replace(ranked.group(0)[len(ranked.group(1)):], " ")
    if _proof(unproven, known):
        beside = _AGAINST_ALL.search(claim) and not any(
            _proof(part, known) for part in _CLAUSE_END.split(claimed) if claim in part)
        if beside:
            # A rank against everyone is not proved by a price told beside it: "€36 a
            # fortnight, and nobody in Dublin will look after you better".
            return claim, reasons
        return None, reasons  # "save you $4,000 a year, like Hale Tool did": claim and proof
    # An empty claim is no reason ("the best talent pool in the state"), but a fact about them
    # told beside it still is: "Your Limerick depot's lease ends in October, and we're the
    # most trusted name in warehousing".
    return claim, ("fact",) if _their_fact(claimless) else ()


def read_sentences(text: str) -> list[Sentence]:
    """Split a message into sentences and say how the check reads each one.

    Examples
    --------
    >>> for s in read_sentences("Hi Sam, this is Rita with Acme. I found three websites "
    ...                         "with free templates, and I'll e-mail you the links."):
    ...     print(s.about, s.reasons)
    formula ()
    them ('offer', 'number', 'resource')
    >>> [s.about for s in read_sentences("We've been in business for 30 years. We're proud "
    ...                                  "of our team. Call me at 555-0142.")]
    ['me', 'me', 'formula']
    """
    return _read_all(_normalise(text), signature_span(text))


_SIGNED_NAME = re.compile(r"\b[A-Z][\w&-]+")
_SIGN_OFF = re.compile(r"\b(?:regards|sincerely|cheers|best|thanks|respectfully|cordialement"
                       r"|warmly|faithfully)\b", re.I)
_PARTICLES = frozenset("van der den de da del della di du le la von bin binti al el ter ten"
                       .split())


def _read_all(text: str, signature: tuple[int, int] = (0, 0)) -> list[Sentence]:
    parts = _split(text)
    starts = list(itertools.accumulate(parts, lambda at, part: text.find(part, at), initial=0))
    # Names in the greeting and the formulas are the rep's and the prospect's own, not a peer.
    known = frozenset(word for i, part in enumerate(parts)
                      if i == 0 or len(_substance(part)) <= MAX_FORMULA_WORDS
                      for word in re.findall(r"\b[A-Z][\w&'-]+", part))
    # The rep's company, named after "with", "from", "at" or "of" in the greeting, or in the
    # signature ("Luca Bianchi Sunvale Foodservice 555-0106").
    company = frozenset(re.findall(r"\b(?:with|from|at|of)\s+([A-Z][\w&-]+)", parts[0])
                        if parts else ())
    signed = company
    # (A surname's particles are no words of substance: "Marike van der Berg".)
    if len(parts) > 1 and len([w for w in _said(parts[-1]) if w not in _PARTICLES]) \
            <= MAX_FORMULA_WORDS:
        signed |= frozenset(_SIGNED_NAME.findall(parts[-1]))
    elif len(parts) > 1 and (_PHONE.search(parts[-1]) or _EMAIL.search(parts[-1])):
        # A long signature after its sign-off still names the firm: "Yours sincerely, Graham
        # Pettigrew Commercial Sales Manager Saltbush Energy (08) 8362 4410".
        off = _SIGN_OFF.search(parts[-1])
        if off:
            signed |= frozenset(_SIGNED_NAME.findall(parts[-1], off.end()))
    # The signature block after a sign-off line gives no reason ("Unit 1203, Tektite Tower").
    return [Sentence(part, "formula", (), None, None, None)
            if signature[0] <= at < signature[1]
            else _read(part, known, signed if i < len(parts) - 1 else company)
            for i, (part, at) in enumerate(zip(parts, starts[1:], strict=True))]


# --- the flags ----------------------------------------------------------------------------------
_EMPTY_PURPOSE = re.compile(
    _AT_WORD + "(?:"
    r"\b(?:(?:i'd|i would) like to |i (?:just )?want(?:ed)? to |just wanted to )?"
    r"introduc(?:e|ing) myself\b"
    r"|\b(?:just )?(?:checking|check) in\b|\b(?:just )?touch(?:ing)? base\b"
    r"|\b(?:i )?(?:just )?(?:wanted to |want to )?reach(?:ing)? out\b"
    r"|\b(?:just )?follow(?:ing)?[ -]?up(?: on (?:my|our) (?:last|previous|earlier) "
    r"(?:message|voicemail|call|e-?mail)s?)?\b"
    r"|\bsee (?:if|whether) (?:you|there)(?:'s| have| has| need| are|'re| is)[^.?!,;]*"
    r"|\b(?:wanted|want|like|love) to connect\b|\bput a (?:voice|face) to (?:the|my) name\b"
    + ")",
    re.I,
)


def _milestone(s: Sentence) -> bool:
    """A sentence of the rep's story: a milestone, a size or an award of the rep's, told
    without a word to the listener and without anyone's result."""
    return (set(s.reasons) <= {"peer", "number", "resource", "fact"}
            and not _YOU.search(_TO_YOU.sub(" ", s.text))
            and bool(_MILESTONE.search(s.text)) and not _OUTCOME.search(s.text))


def _no_reason(text: str, read: list[Sentence], story: bool = False) -> Flag | None:
    if any(s.reasons for s in read if s.about != "me" and not (story and _milestone(s))):
        return None
    found = _EMPTY_PURPOSE.search(text)
    excerpt = found.group(0).strip() if found else None
    why = f'"{excerpt}" is about what you want, not what they get. ' if excerpt else ""
    return Flag(
        "no_reason",
        "This message gives the prospect no reason to call back. " + why
        + "Nothing in it answers their question: what's in it for me?",
        "Lead with something they value: the name of who suggested you call, an article or "
        "tip you sent, a number from a customer like them, or a sharp question about their "
        "business.",
        excerpt,
    )


def _empty_claim(read: list[Sentence]) -> Flag | None:
    found = next((s.empty_claim for s in read if s.empty_claim), None)
    if not found:
        return None
    return Flag(
        "empty_claim",
        f'This message makes a claim every competitor makes ("{found}") and backs it with '
        "nothing. Prospects have heard it a hundred times; it sounds like a pitch, not a "
        "reason.",
        "Replace the claim with its proof: a number from a customer like them (\"Hale Tool "
        "cut freight by 11% on the same lane\"), or an offer they can check, such as running "
        "their own figures.",
        found,
    )


def _blames(read: list[Sentence]) -> Flag | None:
    found = next((s.blame for s in read if s.blame), None)
    if not found:
        return None
    return Flag(
        "blames",
        "This message makes the prospect wrong for not calling back. Guilt doesn't earn a "
        "return call; it makes your next message easier to delete.",
        "Drop the reproach and bring something new: a fresh idea, what you just sent, a name "
        "they know. Sound warm and upbeat, as if this were your first message.",
        found,
    )


# A follow-up that says it brings nothing new: "Following up on my note. As I said, ...",
# "Like I said", "To recap:", "As informed", "Ringing again about ... Same offer as before".
_FOLLOW_UP = re.compile(
    r"\bfollow(?:ing|ed)?[ -]up\b|\b(?:calling|ringing|phoning) (?:you )?again (?:about|regarding"
    r"|on|re)\b|\bregarding my (?:earlier|previous|last) (?:message|e-?mail|voicemail|note|call)",
    re.I)
_RESTATED = re.compile(
    r"\b(?:as|like) (?:I )?(?:said|mentioned|noted|informed|explained)(?: before| previously"
    r"| earlier)?(?=[,:]? )(?! (?:in|on) (?:the|your)\b)|\bto recap\b"
    r"|\bas (?:previously )?(?:mentioned|informed)\b"
    r"|\bsame (?:offer|thing|price|deal) as (?:before|last time)\b", re.I)


# A chase said in passing: with nothing new in the message it is the whole of its news.
_CHASE = re.compile(r"\b(?:just )?follow(?:ing)?[ -]up\b|\bcheck(?:ing)? back\b|\blooping back\b"
                    r"|\breaching out (?:once more|again)\b|\bon your radar\b"
                    r"|\bchasing (?:up|this)\b|\bsending (?:it|this) again\b", re.I)


def _desperate(text: str, read: list[Sentence], repeated: bool = False) -> Flag | None:
    found = next((s.desperate for s in read if s.desperate), None)
    follow_up = None if found else _FOLLOW_UP.search(text)
    if follow_up:
        # Following up only to say it again brings nothing new, whatever was in it; the
        # restating follows the follow-up ("Following up on my note. As I said, ...").
        restated = _RESTATED.search(text, follow_up.end(), follow_up.end() + 160)
        found = restated.group(0).strip() if restated else None
    if not found and not any(s.reasons for s in read if s.about != "me"):
        # "Following up on my last message" with nothing new is only the rep's need.
        follow_up = _EMPTY_FOLLOW_UP.search(text)
        found = follow_up.group(0).strip() if follow_up else None
    if not found and repeated:
        # "Just following up on my message about the twenty actuators, €690 each": a repeat
        # that says it is chasing brings the listener nothing but the chase.
        chase = _CHASE.search(text)
        found = chase.group(0).strip() if chase else None
    if not found:
        return None
    return Flag(
        "desperate",
        f'This message sounds needy ("{found}"): it tells the prospect about your quota, '
        "your deadline or your hope, not their gain. Pressure and pleading make a rep "
        "easy to avoid.",
        "Call with something for them instead: one new fact about their business, what you "
        "sent, a name they know. Keep prices and deadlines for the conversation, not the "
        "voicemail.",
        found,
    )


# The rep offering to do a job for them is no part of the company's story: "I can do it before
# the re-inspection", "Shall I book a date in September?", "We could take a load back".
_OFFERED = re.compile(r"(?:so |and )?(?:(?:I|we)(?:'ll| will| can| could)|(?:can|could|shall"
                      r"|may) (?:I|we))\b", re.I)


def _about_me(read: list[Sentence]) -> Flag | None:
    # A reproach is flagged as such ("blames"), not counted again as the rep's story.
    story = sum(s.about == "me" and not s.blame and not _OFFERED.match(s.text) for s in read)
    theirs = sum(s.about == "them" for s in read)
    # The rep's wishes add to a monologue only when nothing at all is about the listener.
    # A remark on their line of work ("running a law practice is demanding") is not the rep's.
    others = sum(s.about == "other" and len(_said(s.text)) > MAX_SUBSTANCE_WORDS for s in read)
    # A plea is flagged as such ("desperate"), not counted again as the rep's wish.
    wishes = sum(s.about == "wish" and not s.desperate for s in read)
    mine = story + (wishes if not theirs and not others else 0)
    if not story or mine < ABOUT_ME_MIN_SENTENCES or mine <= theirs:
        return None
    excerpt = next(s.text for s in read if s.about == "me")
    return Flag(
        "about_me",
        f"This message is mostly about you: {mine} of its sentences are about you and your "
        f"company (who you are, what you do, what you want) against {theirs} about the "
        "prospect and what they gain.",
        "Keep yourself to your name and number. Spend the other sentences on them: what a "
        "company like theirs got, what you sent, what you'll show them.",
        excerpt,
    )


def _gives_no_reason(read: Sequence[Sentence]) -> bool:
    return not any(s.reasons for s in read if s.about != "me")


def _repeated(text: str, earlier: Sequence[str], read: Sequence[Sentence]) -> Flag | None:
    empty = _gives_no_reason(read)
    for n, old in enumerate(reversed(earlier), 1):
        if not old.strip():
            continue
        which = "your last message" if n == 1 else f"the message {n} before this one"
        score = similarity(text, old)
        if score >= REPEAT_MIN_SIMILARITY and new_share(text, old) <= REPEAT_MAX_NEW_SHARE:
            why = f"almost word for word ({score:.0f}% alike)"
        elif empty and _gives_no_reason(_read_all(old)) and not new_facts(text, old):
            # "Just touching base" after "wanted to check in": other words, the same empty
            # call. The earlier message is read only when this one gives no reason.
            why = "with no reason to call back, again"
        else:
            same, score = content_repeat(text, old)
            if not same:
                continue
            why = (f"in other words: no new number, date or name, and {score:.0f}% of the same "
                   "words")
        return Flag(
            "repeated",
            f"This message repeats {which} to this person {why}. A prospect who didn't "
            "call back the first time has no new reason to call now.",
            "Bring one new fact each time: a different result, something new you sent, "
            "another name they know, or switch to e-mail and offer a phone appointment.",
        )
    return None


def _too_long(text: str, channel: str) -> Flag | None:
    if channel == "email":
        words = word_count(text)
        if words <= EMAIL_MAX_WORDS:
            return None
        return Flag(
            "too_long",
            f"This e-mail has {words} words; past {EMAIL_MAX_WORDS} a busy prospect skims it "
            "or leaves it for later, which means never.",
            f"Keep it to {EMAIL_MAX_WORDS} words or fewer: one reason it matters to them, one "
            "offer (say, a 10-minute phone appointment at two set times), your name and number.",
        )
    length = spoken_length(text)
    if length.level != "too_long":
        return None
    return Flag(
        "too_long",
        f"This voicemail runs about {length.seconds:g} seconds ({length.words} words) when "
        f"spoken; past {VOICEMAIL_MAX_SECONDS} seconds prospects stop listening.",
        "Cut it to 50 to 75 words (20 to 30 seconds), like a radio ad: one reason, one new "
        "fact, your number, and the one thing they should do.",
    )


def check_message(text: str, *, channel: str = "voicemail", earlier: Sequence[str] = (),
                  learned: bool = True) -> list[Flag]:
    """Check a voicemail script or e-mail against the craft's rules; ``[]`` means it passes.

    Parameters
    ----------
    text : str
        The message as the rep wrote it. Curly quotes and extra whitespace are normalised.
    channel : str
        One of ``CHANNELS``: "voicemail" (length judged spoken) or "email" (in words).
    earlier : sequence of str
        Earlier messages to the same person, oldest first; a near repeat of any of them is
        flagged ``repeated``.
    learned : bool
        Also flag what the learned reading (:mod:`referrals.outreach.learned`) finds and the
        rules miss; ``False`` gives the rules alone (for training and measuring them).

    Returns
    -------
    list of Flag
        In the order of ``CODES``.

    Raises
    ------
    ValueError
        For an unknown channel, or an empty (or whitespace-only) message.

    Examples
    --------
    >>> [f.code for f in check_message("Hi, this is Rita from Acme. Call me at 555-0142.")]
    ['only_name_number', 'no_reason']
    >>> check_message("Hi Dana, Mike Kincaid asked me to call. I mailed you his checklist.")
    []
    >>> [f.code for f in check_message("I'm one deal short of my target - if you sign this "
    ...                                "week I can give you 30 percent off.")]
    ['desperate']
    >>> check_message("Haven't heard from you!", channel="sms")
    Traceback (most recent call last):
    ...
    ValueError: unknown channel 'sms'; expected one of voicemail, email
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; expected one of {', '.join(CHANNELS)}")
    clean = _normalise(text)
    if not clean:
        raise ValueError("empty message")
    signature = signature_span(text)
    read = _read_all(clean, signature)
    about_me = _about_me(read)
    repeated = _repeated(clean, [_normalise(e) for e in earlier], read)
    # (Names, titles and legal notices below a sign-off are no substance either.)
    found = [_only_name_number(clean[:signature[0]] + clean[signature[1]:] or clean, read, channel),
             _no_reason(clean, read, story=about_me is not None), _empty_claim(read),
             _blames(read), _desperate(clean, read, repeated is not None), about_me,
             repeated, _too_long(clean, channel)]
    flags = [flag for flag in found if flag is not None]
    return _with_hunches(flags, clean, channel, read) if learned else flags


def _with_hunches(flags: list[Flag], text: str, channel: str,
                  read: Sequence[Sentence]) -> list[Flag]:
    # What the rules missed and the learned reading found, quoting the sentence that carries
    # it so the rep sees what to rewrite; and a rule's flag the model all but rules out is
    # dropped: out of fold, those were mostly false alarms.
    abouts = [s.about for s in read]
    ruled = {flag.code for flag in flags}
    added, doubted = learned_model().judge(
        text, channel, [s.text for s in read], abouts, ruled,
        names_someone([s.reasons for s in read], abouts))
    flags = [flag for flag in flags if flag.code not in doubted]
    for code, excerpt in added.items():
        message, suggestion = hunch(code)
        flags.append(Flag(code, message, suggestion, excerpt))
    if "about_me" in added and "no_reason" not in ruled:
        # A message the reading finds is the rep's story is read as one: its milestones,
        # sizes and awards give the listener no reason, as when the rules find the story.
        story = _no_reason(text, list(read), story=True)
        if story is not None:
            flags.append(story)
    return sorted(flags, key=lambda flag: CODES.index(flag.code))
