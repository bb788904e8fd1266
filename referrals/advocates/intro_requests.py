"""Introduction requests without the database: their statuses and next steps, the words of the
ask (the e-mail to the helper, the blurb they can forward, the mailto link) and the signed
token of the helper's one-click reply link. The services that write are in services.py.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import quote

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from referrals.models import Person
from referrals.words import first_name

# Statuses at which the introducer has done their part, and what each means for the prospect.
INTRODUCED = ("introduced", "meeting_set", "won", "lost")
INTRO_OUTCOME = {"meeting_set": "meeting_set", "won": "won", "lost": "lost"}
# Still waiting on the helper: an advocate's call or a reply can move these on.
OPEN = ("draft", "asked", "agreed", "no_reply")
# The usual next step from each status; the status control offers it first. A helper who went
# quiet may still come through, so after "no reply" comes "agreed".
NEXT_STATUS = {
    "draft": "asked", "asked": "agreed", "agreed": "introduced", "introduced": "meeting_set",
    "meeting_set": "won", "no_reply": "agreed",
}
# What the helper may answer through the reply link: the button's words, the status it means.
REPLIES = {
    "introduced": ("I've introduced you", "introduced"),
    "this_week": ("I'll do it this week", "agreed"),
    "not_a_fit": ("Not a good fit", "declined"),
}

REPLY_SALT = "introduction-reply"
REPLY_MAX_AGE = 14 * 24 * 60 * 60  # seconds a reply link stays valid


def next_status(status: str) -> str:
    """The step the status control should offer after `status` (itself at the end of the road).

    >>> next_status("draft"), next_status("asked"), next_status("meeting_set")
    ('asked', 'agreed', 'won')
    >>> next_status("won"), next_status("declined")
    ('won', 'declined')
    """
    return NEXT_STATUS.get(status, status)


# --- the words -------------------------------------------------------------------------------

def _who(person: Person) -> str:
    return person.name + (f", {person.title}" if person.title else "") + (
        f" at {person.company}" if person.company else "")


def forwardable_blurb(rep: Person | None, rep_name: str, prospect: Person) -> str:
    """A paragraph the helper can forward to the prospect: who the rep is and why a short
    conversation may be worth the prospect's time. It only repeats what the data holds.

    >>> rep = Person(name="Sam Rep", title="Account Executive", company="Acme Tools",
    ...              email="sam@acme.example")
    >>> text = forwardable_blurb(rep, "Sam Rep", Person(name="Dana Lee", company="Harbor Foods"))
    >>> text.startswith("Sam Rep, Account Executive at Acme Tools, would like")
    True
    >>> "Harbor Foods" in text and "sam@acme.example" in text
    True
    >>> forwardable_blurb(Person(name="Sam Rep", company="Acme Tools"), "Sam Rep",
    ...                   Person(name="Dana Lee")).split(" would like")[0]
    'Sam Rep at Acme Tools'
    """
    who = _who(rep) if rep is not None else rep_name
    first = first_name(rep.name if rep is not None else rep_name)
    where = f"at {prospect.company}" if prospect.company else "for you"
    contact = [c for c in ((rep.email, rep.phone) if rep is not None else ()) if c]
    reach = f" You can reach {first} at {' or '.join(contact)}." if contact else ""
    # "Sam Rep, Account Executive at Acme Tools, would like" – a comma only closes a title.
    comma = "," if rep is not None and rep.title else ""
    return (
        f"{who}{comma} would like a short conversation with {first_name(prospect.name)} "
        f"– to hear what matters most {where} right now and to see whether there is something "
        f"worth talking about further. If there isn't, {first} will say so and not take more of "
        f"your time.{reach}"
    )


def draft_introduction_ask(
    rep: str, via: Person, prospect: Person, *, knows_prospect: bool = False,
    next_person: Person | None = None, blurb: str = "",
) -> str:
    """The e-mail a rep sends to ask `via` for an introduction to `prospect` (to copy).

    It claims `via` knows the prospect only when `knows_prospect` (a tie between the two is in
    the data). Otherwise `via` is the first step of a longer path: it names `next_person`,
    whom `via` knows on the way, when given, or asks whether they know anyone who could
    introduce the two. It never says anyone recommended or asked anything. `blurb`, when
    given, is added as a paragraph the helper may forward.

    >>> via = Person(name="Mike Kincaid", company="Quality Fabricators")
    >>> prospect = Person(name="Dana Whitfield", company="Acme Tool", title="Plant manager")
    >>> text = draft_introduction_ask("Sam Rep", via, prospect, knows_prospect=True)
    >>> text.splitlines()[0]
    'Subject: Would you introduce me to Dana Whitfield?'
    >>> "Hi Mike," in text and "Sam Rep" in text and "I believe you know Dana." in text
    True
    >>> gus = Person(name="Gus Ortega")
    >>> text = draft_introduction_ask("Sam Rep", via, prospect, next_person=gus)
    >>> "I believe you know Gus Ortega, who knows Dana." in text
    True
    >>> text = draft_introduction_ask("Sam Rep", via, prospect)
    >>> "believe you know" in text, "anyone who could introduce us" in text
    (False, True)
    """
    subject, link, ask = _ask_words(prospect, knows_prospect, next_person)
    forward = (f"If it helps, here is a short note you could pass on:\n\n{blurb}\n\n"
               if blurb else "")
    return (
        f"Subject: {subject}\n\n"
        f"Hi {first_name(via.name)},\n\n"
        f"I'd like to meet {_who(prospect)}. {link} A word from someone they know would "
        "mean far more than a call out of the blue.\n\n"
        f"{ask} If you'd rather not, no problem at all; I understand.\n\n"
        f"{forward}"
        "Either way I'll let you know how it goes.\n\n"
        f"Thanks,\n{rep}"
    )


def _ask_words(
    prospect: Person, knows_prospect: bool, next_person: Person | None
) -> tuple[str, str, str]:
    """The subject, the sentence on how the helper is linked to the prospect, and the ask –
    each claiming no more than the data holds."""
    first = first_name(prospect.name)
    if knows_prospect:
        return (
            f"Would you introduce me to {prospect.name}?",
            f"I believe you know {first}.",
            "Would you be willing to introduce us – a short e-mail to both of us, or a quick "
            f"call to let {first} know I'll be in touch?",
        )
    if next_person is not None:
        return (
            f"Could you help me reach {prospect.name}?",
            f"I believe you know {next_person.name}, who knows {first}.",
            f"Would you be willing to introduce me to {first_name(next_person.name)}, so I can "
            f"ask whether they would put me in touch with {first}?",
        )
    return (
        f"Could you help me reach {prospect.name}?",
        "I don't know whether your paths have crossed.",
        f"Do you know {first}, or anyone who could introduce us? A name, or a short "
        "e-mail to both of us, would help a great deal.",
    )


def with_reply_link(ask_text: str, reply_url: str | None) -> str:
    """The e-mail as sent: the ask, and the helper's one-click reply link as a postscript."""
    if not reply_url:
        return ask_text
    return (f"{ask_text.rstrip()}\n\n"
            f"P.S. To tell me where things stand with one click, no need to write: {reply_url}")


def mailto_link(email: str, text: str) -> str:
    """A mailto: address opening the e-mail in the rep's mail program (RFC 6068).

    A first line "Subject: …" becomes the subject, the rest the body.

    >>> mailto_link("mike@example.com", "Subject: Hello there\\n\\nHi Mike & co")
    'mailto:mike@example.com?subject=Hello%20there&body=Hi%20Mike%20%26%20co'
    """
    subject, body = "", text
    first, _, rest = text.partition("\n")
    if first.startswith("Subject:"):
        subject, body = first[len("Subject:"):].strip(), rest.lstrip("\n")
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}"
            f"&body={quote(body, safe='')}")


# --- the reply link's token ------------------------------------------------------------------

def new_reply_nonce() -> str:
    """43 URL-safe characters (256 random bits): what a reply link's token carries."""
    return secrets.token_urlsafe(32)


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=REPLY_SALT)


def make_reply_token(secret_key: str, request_id: int, nonce: str) -> str:
    return _serializer(secret_key).dumps({"r": request_id, "n": nonce})


@dataclass(frozen=True)
class ReplyClaim:
    """What a token that verifies says: the request it is for and the nonce it carries."""

    request_id: int
    nonce: str


class ReplyLinkExpired(Exception):
    """The token verifies but is older than REPLY_MAX_AGE."""


class ReplyLinkInvalid(Exception):
    """The token is forged, tampered with or not a reply token at all."""


def read_reply_token(secret_key: str, token: str, max_age: int = REPLY_MAX_AGE) -> ReplyClaim:
    """The claim of a genuine, unexpired token; ReplyLinkExpired or ReplyLinkInvalid otherwise."""
    try:
        data = _serializer(secret_key).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise ReplyLinkExpired from exc
    except BadSignature as exc:
        raise ReplyLinkInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("r"), int) \
            or isinstance(data.get("r"), bool) or not isinstance(data.get("n"), str):
        raise ReplyLinkInvalid
    return ReplyClaim(data["r"], data["n"])
