"""Words the pages show for the outreach vocabularies (kept apart from the services so the
forms of other features can use them without importing the outreach services)."""

from __future__ import annotations

ISSUE_LABELS = {
    "economy": "The economy", "competitors": "Competitors", "loyalty": "Customer loyalty",
    "profit": "Profit", "productivity": "Productivity", "staffing": "Losing staff",
    "costs": "Rising costs",
}
VALUE_KIND_LABELS = {
    "article": "Article", "research": "Research", "tip": "Tip", "technique": "New technique",
    "whitepaper": "Whitepaper", "case_study": "Case study",
}
CHANNEL_LABELS = {
    "call": "Call", "voicemail": "Voicemail", "email": "E-mail", "letter": "Letter",
    "card": "Card", "postcard": "Postcard", "fax": "Fax", "visit": "Visit",
    "social": "Social media", "advocate_call": "Advocate's call",
}
OUTCOME_LABELS = {
    "no_answer": "No answer", "voicemail_left": "Voicemail left", "spoke": "Spoke",
    "callback_received": "They called back", "meeting_set": "Meeting set",
}
CONNECTION_LABELS = {
    "asked_to_call": "Asked you to call", "called_ahead": "Called ahead for you",
    "reference": "A reference they can phone", "teammate": "Through a teammate",
    "colleague": "A colleague of theirs", "mutual": "Someone you both know",
    "association": "A shared association", "event": "A shared event",
    "company": "A shared employer", "reconnect": "You know them", "public_hook": "A public hook",
}
