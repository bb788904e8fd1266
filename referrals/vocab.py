"""The app's vocabularies, each defined once: the values stored in the database and the words
the pages show for them. Pure tuples and dicts – graph code, models, forms and API schemas all
import them from here.

>>> set(ROLE_LABELS) == set(ROLES) and set(ISSUE_LABELS) == set(ISSUES)
True
"""

from __future__ import annotations

# --- people ----------------------------------------------------------------------------------

ROLES: tuple[str, ...] = ("customer", "reference", "advocate", "prospect")
ROLE_LABELS: dict[str, str] = {
    "customer": "Customer", "reference": "Reference", "advocate": "Advocate",
    "prospect": "Prospect",
}
#: Rough head counts, for matching a prospect with references from firms of a like size.
COMPANY_SIZES: tuple[str, ...] = ("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+")

# --- ties and groups -------------------------------------------------------------------------

#: Kinds of relationship a rep may record, in the order pages list them.
RELATIONSHIP_KINDS: tuple[str, ...] = (
    "customer", "referral", "friend", "family", "colleague", "former_colleague", "acquaintance",
)
#: The implicit kind joining two users of the same team (never stored as a relationship).
TEAMMATE = "teammate"
#: Every kind of tie the graph knows.
TIE_KINDS: tuple[str, ...] = (*RELATIONSHIP_KINDS, TEAMMATE)
GROUP_KINDS: tuple[str, ...] = ("association", "event", "company")
#: Plain words for every kind of tie and group, as sentences use them.
KIND_LABELS: dict[str, str] = {
    **{kind: kind.replace("_", " ") for kind in TIE_KINDS},
    **{kind: kind for kind in GROUP_KINDS},
}
GROUP_KIND_LABELS: dict[str, str] = {
    "association": "Association", "event": "Event", "company": "Company"}
GROUP_KIND_PLURALS: dict[str, str] = {
    "association": "Associations", "event": "Events", "company": "Companies"}

# --- outreach --------------------------------------------------------------------------------

TOUCH_CHANNELS: tuple[str, ...] = (
    "call", "voicemail", "email", "letter", "card", "postcard", "fax", "visit", "social",
    "advocate_call",
)
CHANNEL_LABELS: dict[str, str] = {
    "call": "Call", "voicemail": "Voicemail", "email": "E-mail", "letter": "Letter",
    "card": "Card", "postcard": "Postcard", "fax": "Fax", "visit": "Visit",
    "social": "Social media", "advocate_call": "Advocate's call",
}
TOUCH_OUTCOMES: tuple[str, ...] = (
    "no_answer", "voicemail_left", "spoke", "callback_received", "meeting_set")
OUTCOME_LABELS: dict[str, str] = {
    "no_answer": "No answer", "voicemail_left": "Voicemail left", "spoke": "Spoke",
    "callback_received": "They called back", "meeting_set": "Meeting set",
}
#: The pressing issues a piece of value can speak to (and a prospect can have).
ISSUES: tuple[str, ...] = (
    "economy", "competitors", "loyalty", "profit", "productivity", "staffing", "costs")
ISSUE_LABELS: dict[str, str] = {
    "economy": "The economy", "competitors": "Competitors", "loyalty": "Customer loyalty",
    "profit": "Profit", "productivity": "Productivity", "staffing": "Losing staff",
    "costs": "Rising costs",
}
VALUE_KINDS: tuple[str, ...] = (
    "article", "research", "tip", "technique", "whitepaper", "case_study")
VALUE_KIND_LABELS: dict[str, str] = {
    "article": "Article", "research": "Research", "tip": "Tip", "technique": "New technique",
    "whitepaper": "Whitepaper", "case_study": "Case study",
}
#: Why an unreturned call goes unreturned: the causes of a stalled prospect.
STALL_CAUSES: tuple[str, ...] = (
    "no_reason", "no_gain", "no_need", "no_trust", "no_difference", "too_busy", "better_deal",
    "no_authority", "no_value", "wont_say_no",
)
#: Every kind of connection a path can rest on, warmest first (see graph.connection).
CONNECTION_KINDS: tuple[str, ...] = (
    "asked_to_call", "called_ahead", "reference", "teammate", "colleague", "mutual",
    "association", "event", "company", "reconnect", "public_hook",
)
CONNECTION_LABELS: dict[str, str] = {
    "asked_to_call": "Asked you to call", "called_ahead": "Called ahead for you",
    "reference": "A reference they can phone", "teammate": "Through a teammate",
    "colleague": "A colleague of theirs", "mutual": "Someone you both know",
    "association": "A shared association", "event": "A shared event",
    "company": "A shared employer", "reconnect": "You know them", "public_hook": "A public hook",
}

# --- advocacy --------------------------------------------------------------------------------

#: What finally came of a prospect: the moments an advocate or reference wants to hear about.
PROSPECT_OUTCOMES: tuple[str, ...] = ("meeting_set", "won", "lost")
INTRO_STATUSES: tuple[str, ...] = (
    "draft", "asked", "agreed", "introduced", "meeting_set", "won", "lost", "declined",
    "no_reply",
)
INTRO_STATUS_LABELS: dict[str, str] = {
    "draft": "Draft", "asked": "Asked", "agreed": "Agreed",
    "introduced": "Introduced (or called ahead)", "meeting_set": "Meeting set", "won": "Won",
    "lost": "Lost", "declined": "Declined", "no_reply": "No reply",
}
#: What a helper may answer through the reply link the rep sends with an ask.
INTRO_REPLIES: tuple[str, ...] = ("introduced", "this_week", "not_a_fit")
REFERENCE_ASK_STATUSES: tuple[str, ...] = ("offered", "phoned", "declined")
#: thank_you / feedback: owed to a helper; call: a call the rep promised; custom: the rep's
#: own reminder; keep_in_touch: someone gone quiet too long; nudge: an ask with no answer.
FOLLOWUP_KINDS: tuple[str, ...] = (
    "thank_you", "feedback", "call", "custom", "keep_in_touch", "nudge")
FOLLOWUP_STATUSES: tuple[str, ...] = ("open", "done")
FOLLOWUP_ACTIONS: tuple[str, ...] = ("created", "snoozed", "brought_forward", "completed")
