"""The voicemail builder within its own rules: short forms keep one to three reasons within
30 seconds, or the builder says which reason to drop before writing; it says when something
went, in the rep's own week, and claims an e-mail or a letter only when one was logged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.models import Touch, ValueItem, VoicemailScript
from referrals.outreach import library, touches, wording
from referrals.outreach.checks import spoken_length
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import CheckedApi, count, snapshot

# Pitches of 20-odd words, each with a short form of eight or nine.
PITCHES = [
    ("Changeover study", "a two-page study shows plants like yours in the region cutting their "
     "changeover time by a fifth within a single quarter",
     "plants like yours cut changeover time by a fifth"),
    ("Freight index", "our regional freight index shows where shippers of your size are paying "
     "too much on their busiest lanes this quarter",
     "our freight index shows where your region overpays"),
    ("Operators paper", "a short paper on how three local plants stopped losing their best "
     "operators to the bigger employers down the road",
     "a paper on how three plants kept their operators"),
]
FRIDAY = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)  # noon in Chicago


@pytest.fixture
def dana(user):
    user.person.phone = "555 010 2030"
    user.person.timezone = "America/Chicago"
    person = factories.make_person(db.session, user.team_id, "Dana Whitfield",
                                   company="Harbor Foods", roles=["prospect"],
                                   timezone="America/Chicago", pressing_issues=["costs"])
    db.session.commit()
    return person


def _items(user, short=True):
    items = [library.create_value_item(db.session, user, {
        "title": title, "kind": "research", "issues": ["costs"], "pitch": pitch,
        "short": short_form if short else None}) for title, pitch, short_form in PITCHES]
    db.session.commit()
    return items


OPENER = "Mike Kincaid at Quality Fabricators suggested I give you a call."


def _draft(user, dana, items, **extra):
    return wording.draft_voicemail(db.session, user, dana, {
        "opener": OPENER, "value_item_ids": [i.id for i in items], **extra})


# --- fit ------------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [2, 3])
def test_two_or_three_long_reasons_are_said_briefly_and_saved_without_override(user, dana, n):
    items = _items(user)[:n]
    draft = _draft(user, dana, items)
    assert draft.length.level != "too_long" and draft.flags == []
    assert "plants like yours cut changeover time by a fifth" in draft.text.lower()
    assert any("short form" in w for w in draft.warnings)
    script = wording.save_voicemail(db.session, user, dana, {
        "opener": OPENER, "value_item_ids": [i.id for i in items], "text": draft.text})
    assert not script.over_length and len(script.value_items) == n


def test_one_reason_keeps_its_full_pitch(user, dana):
    draft = _draft(user, dana, _items(user)[:1])
    assert "within a single quarter" in draft.text and not draft.warnings[1:]


def test_without_short_forms_the_builder_says_which_reason_to_drop_and_writes_nothing(user,
                                                                                       dana):
    items = _items(user, short=False)
    before = snapshot()
    with pytest.raises(library.NoRoom) as refused:
        _draft(user, dana, items)
    message = refused.value.fields["value_item_ids"][0]
    assert "over the 30-second limit with 3 reasons" in message
    assert 'Drop "' in message and "short form in the value library" in message
    assert snapshot() == before
    # Dropping what it names, one at a time, ends in a draft that fits.
    kept = list(items)
    while True:
        try:
            draft = _draft(user, dana, kept)
        except library.NoRoom as again:
            kept.pop(again.drop)
        else:
            break
    assert kept and draft.length.level != "too_long" and draft.flags == []


def test_an_issue_to_drop_is_named_beside_the_issues(user, dana):
    item = _items(user, short=False)[0]
    long_opener = OPENER.replace(".", ", and said you had been looking at changeover costs "
                                      "for your two plants all year long.")
    with pytest.raises(library.NoRoom) as refused:
        wording.draft_voicemail(db.session, user, dana, {
            "opener": long_opener, "value_item_ids": [item.id],
            "issues": ["economy", "competitors"]})
    field, (message,) = next(iter(refused.value.fields.items()))
    assert field in ("value_item_ids", "issues") and "Drop" in message


def test_a_single_reason_that_cannot_fit_asks_to_shorten_the_connection(user, dana):
    item = _items(user)[0]
    with pytest.raises(library.NoRoom) as refused:
        wording.draft_voicemail(db.session, user, dana, {
            "opener": "Mike Kincaid " + "and I go back many years together " * 8 + "indeed",
            "value_item_ids": [item.id]})
    assert "Shorten the connection sentence" in refused.value.fields["opener"][0]


def test_the_builder_page_allows_three_reasons_and_names_one_to_drop(client, logged_in):
    logged_in.person.phone = "555 010 2030"
    dana = factories.make_person(db.session, logged_in.team_id, "Dana Whitfield",
                                 roles=["prospect"])
    with_short = _items(logged_in)
    db.session.commit()
    page = client.get(f"/people/{dana.id}/voicemail")
    form = {"csrf_token": csrf_token_from(page.get_data(as_text=True)), "opener": OPENER,
            "value_item_ids": [str(i.id) for i in with_short], "call_to_action": "call_back",
            "phone": "555 010 2030", "text": "", "action": "compose"}
    composed = client.post(f"/people/{dana.id}/voicemail", data=form)
    html = composed.get_data(as_text=True)
    assert composed.status_code == 200 and "over the 30-second limit" not in html
    assert "Plants like yours cut changeover time by a fifth" in html
    for item in with_short:
        item.short = None
    db.session.commit()
    refused = client.post(f"/people/{dana.id}/voicemail", data=form)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Drop &#34;" in html
    assert html.index("Drop &#34;") < html.index('name="text"')  # beside the reasons
    assert count(VoicemailScript) == 0


def test_the_api_answers_a_drop_as_a_field_error_and_writes_nothing(api, app, user, dana):
    items = _items(user, short=False)
    checked = CheckedApi(api, app)
    before = snapshot()
    answer = checked.post(f"/api/v1/people/{dana.id}/voicemail-scripts", json={
        "opener": OPENER, "value_item_ids": [i.id for i in items], "preview": True})
    assert answer.status_code == 400 and "Drop" in answer.get_json()["fields"][
        "value_item_ids"][0]
    assert snapshot() == before


# --- when it went, and what was sent ----------------------------------------------------------

def _letter(user, dana, item, at):
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "letter",
                                         "value_item_id": item.id, "occurred_at": at})
    db.session.commit()


@pytest.mark.parametrize(("at", "said"), [
    (FRIDAY - timedelta(hours=2), " today."),
    (FRIDAY - timedelta(days=3), " this week."),  # Tuesday
    (FRIDAY - timedelta(days=5), " on Sunday."),  # the week has turned since
    (FRIDAY - timedelta(days=8), " last week."),
    (FRIDAY - timedelta(days=12), " on 8 Nov."),  # never "this week" or "last week"
    # Monday 02:00 UTC is still Sunday evening in the rep's Chicago: not this week.
    (datetime(2026, 11, 16, 2, 0, tzinfo=UTC), " on Sunday."),
])
def test_the_builder_says_when_a_letter_went_in_the_reps_own_week(user, dana, monkeypatch,
                                                                   at, said):
    monkeypatch.setattr("referrals.clock.utc_now", lambda: FRIDAY)
    item = _items(user)[0]
    _letter(user, dana, item, at)
    text = _draft(user, dana, [item]).text
    sentence = text[text.index("I mailed you"):].split(" If ")[0]
    assert sentence.endswith(said), sentence


@pytest.mark.parametrize(("cta", "claim", "promise"), [
    ("reply_email", "I've e-mailed you the details", "I'll e-mail you the details"),
    ("expect_package", "Look at what I mailed you", "I'll mail you the details"),
])
def test_an_e_mail_or_letter_is_claimed_only_once_logged(user, dana, cta, claim, promise):
    item = _items(user)[0]
    before = _draft(user, dana, [item], call_to_action=cta).text
    assert promise in before and claim not in before
    channel = "email" if cta == "reply_email" else "letter"
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": channel})
    db.session.commit()
    after = _draft(user, dana, [item], call_to_action=cta).text
    assert claim in after and promise not in after


def test_an_e_mail_of_last_month_is_not_claimed(user, dana):
    item = _items(user)[0]
    db.session.add(Touch(team_id=user.team_id, person_id=dana.id, user_id=user.id,
                         channel="email", occurred_at=datetime.now(UTC) - timedelta(days=40)))
    db.session.commit()
    text = _draft(user, dana, [item], call_to_action="reply_email").text
    assert "I'll e-mail you" in text and spoken_length(text).level != "too_long"


def test_the_action_picker_says_what_is_true(client, logged_in):
    dana = factories.make_person(db.session, logged_in.team_id, "Dana Whitfield",
                                 roles=["prospect"])
    db.session.commit()
    html = client.get(f"/people/{dana.id}/voicemail").get_data(as_text=True)
    assert "Reply to the e-mail I&#39;ll send" in html and "Reply to my e-mail" not in html
    db.session.add(Touch(team_id=logged_in.team_id, person_id=dana.id, channel="email"))
    db.session.commit()
    html = client.get(f"/people/{dana.id}/voicemail").get_data(as_text=True)
    assert "Reply to my e-mail" in html


# --- short forms in the library -------------------------------------------------------------

def test_a_short_form_over_90_characters_is_refused_with_a_clear_message(user):
    with pytest.raises(ValidationFailed) as refused:
        library.create_value_item(db.session, user, {
            "title": "Study", "kind": "research", "issues": ["costs"], "pitch": "a study",
            "short": "x" * 91})
    assert "90 characters" in refused.value.fields["short"][0]
    db.session.rollback()
    assert count(ValueItem) == 0


def test_the_api_takes_and_answers_a_short_form(api, app, user):
    checked = CheckedApi(api, app)
    body = {"title": "Study", "kind": "research", "issues": ["costs"], "pitch": "a study"}
    too_long = checked.post("/api/v1/value-items", json={**body, "short": "x" * 91})
    assert too_long.status_code == 400 and "short" in too_long.get_json()["fields"]
    assert count(ValueItem) == 0
    made = checked.post("/api/v1/value-items", json=body).get_json()
    assert made["short"] is None
    changed = checked.patch(f"/api/v1/value-items/{made['id']}",
                            json={"short": "  a   two-page study  "}).get_json()
    assert changed["short"] == "a two-page study"


def test_the_library_page_shows_short_forms_and_asks_for_missing_ones(client, logged_in):
    with_short, *_ = _items(logged_in)
    without = library.create_value_item(db.session, logged_in, {
        "title": "Long one", "kind": "tip", "issues": ["costs"],
        "pitch": "a very long pitch that goes on and on " * 4})
    db.session.commit()
    html = client.get("/outreach/library").get_data(as_text=True)
    assert f"Said briefly: {with_short.short}" in html
    assert "No short form yet" in html and f"/outreach/library/{without.id}/edit" in html
    page = client.get(f"/outreach/library/{without.id}/edit").get_data(as_text=True)
    form = {"csrf_token": csrf_token_from(page), "title": "Long one", "kind": "tip",
            "issues": "costs", "pitch": without.pitch, "short": "y" * 91, "url": ""}
    refused = client.post(f"/outreach/library/{without.id}/edit", data=form)
    assert refused.status_code == 400 and "90 characters" in refused.get_data(as_text=True)
    saved = client.post(f"/outreach/library/{without.id}/edit",
                        data={**form, "short": "a tip that saves an hour"})
    assert saved.status_code == 302
    db.session.refresh(without)
    assert without.short == "a tip that saves an hour"
