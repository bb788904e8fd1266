"""Dated notes on the person page's timeline: added, dated, newest first, refused clearly."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from referrals.extensions import db
from referrals.models import Followup, PersonNote
from tests import factories
from tests.conftest import csrf_token_from


def _post(client, person_id, body):
    token = csrf_token_from(client.get(f"/people/{person_id}").get_data(as_text=True))
    return client.post(f"/people/{person_id}/notes", data={"csrf_token": token, "body": body})


def test_a_note_lands_on_the_timeline_dated_and_newest_first(client, logged_in, user):
    dana = factories.make_person(db.session, user.team_id, "Dana Whitfield")
    db.session.commit()
    first = _post(client, dana.id, "Wants numbers for two plants.")
    assert first.status_code == 302 and first.headers["Location"].endswith("#timeline")
    _post(client, dana.id, "Budget opens in March.")
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    timeline = html[html.index('id="timeline"'):]
    assert timeline.index("Budget opens in March.") < timeline.index("Wants numbers")
    assert re.search(r'<a href="[^"]*show=notes[^"]*#timeline"[^>]*>Notes <span class="count">2',
                     timeline)
    only = client.get(f"/people/{dana.id}?show=notes").get_data(as_text=True)
    assert "Wants numbers" in only and "Added to referrals" not in only


def test_an_empty_note_is_refused_beside_its_field_and_writes_nothing(client, logged_in, user):
    dana = factories.make_person(db.session, user.team_id, "Dana Whitfield")
    db.session.commit()
    response = _post(client, dana.id, "   ")
    assert response.status_code == 400
    assert response.get_data(as_text=True).count("Write the note first.") == 1
    assert db.session.scalar(select(func.count(PersonNote.id))) == 0


def test_another_teams_person_takes_no_note(client, logged_in, user, other_user):
    theirs = factories.make_person(db.session, other_user.team_id, "Their Person")
    mine = factories.make_person(db.session, user.team_id, "Mine")
    db.session.commit()
    token = csrf_token_from(client.get(f"/people/{mine.id}").get_data(as_text=True))
    response = client.post(f"/people/{theirs.id}/notes",
                           data={"csrf_token": token, "body": "Hello"})
    assert response.status_code == 404
    assert db.session.scalar(select(func.count(PersonNote.id))) == 0


def test_a_follow_up_marked_done_is_on_the_timeline_and_an_open_one_is_not(
        client, logged_in, user):
    carla = factories.make_person(db.session, user.team_id, "Carla Customer")
    db.session.flush()
    db.session.add_all([
        Followup(team_id=user.team_id, person_id=carla.id, kind="thank_you", status="done",
                 due_on=date(2026, 12, 1), completed_at=datetime(2026, 12, 2, 15, tzinfo=UTC)),
        Followup(team_id=user.team_id, person_id=carla.id, kind="custom", status="open",
                 due_on=date(2026, 12, 9), reason="Send the plant photos")])
    db.session.commit()
    html = client.get(f"/people/{carla.id}?show=followups").get_data(as_text=True)
    timeline = html[html.index('id="timeline"'):]
    timeline = timeline[:timeline.index("</section>")]
    assert "Thank-you marked done" in timeline
    assert "Send the plant photos" not in timeline  # not done: it hasn't happened


def test_the_blank_note_form_kept_per_app_is_the_form_rendered_afresh(
        app, client, logged_in, user):
    from flask import get_template_attribute

    from referrals.people.forms import NoteForm

    dana = factories.make_person(db.session, user.team_id, "Dana Whitfield")
    db.session.commit()

    def folded(html):  # whitespace folded, the token (signed with a time) masked
        return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "TOKEN",
                      re.sub(r"\s+", " ", html)).strip()

    def note_form(html):
        form = html[html.index('<form class="note-form"'):]
        return folded(form[:form.index("</form>")])

    pages = [client.get(f"/people/{dana.id}").get_data(as_text=True) for _ in range(2)]
    with app.test_request_context(f"/people/{dana.id}"):
        form = NoteForm(formdata=None)
        field = get_template_attribute("macros/forms.html", "field")
        afresh = folded(f"{form.csrf_token} {field(form.body)}")
    for page in pages:
        assert afresh.startswith("<input id=\"csrf_token\" TOKEN>")
        assert afresh in note_form(page)
    # and a refused note comes back in the form rendered afresh, its error beside the field
    refused = _post(client, dana.id, "").get_data(as_text=True)
    assert 'aria-invalid="true"' in note_form(refused)
