"""The import preview shows what each row was read as, and marks imported people with roles."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from referrals.extensions import db
from referrals.models import Person
from tests import factories
from tests import import_samples as s
from tests.test_api_support import count
from tests.test_imports_views import post_upload, preview_form, team_data


def cells(html: str, label: str) -> list[str]:
    """The text of every table cell labelled `label` (one per shown row)."""
    return re.findall(rf'<td data-label="{re.escape(label)}"[^>]*>([^<]*)</td>', html)


def headers(html: str) -> list[str]:
    return re.findall(r'<th scope="col">([^<]*)</th>', html)


def test_linkedin_preview_shows_name_company_title_and_email(client, logged_in):
    html = post_upload(client, s.linkedin_csv().encode(), "Connections.csv").get_data(
        as_text=True)
    assert cells(html, "Name") == ["Zoë Ångström", "José Núñez", "Bob O&#39;Brien"]
    assert cells(html, "Company") == ["Acme, Inc.", "Initech", "Globex"]
    assert cells(html, "Job title") == ["VP, Sales", "Engineer", "Buyer"]
    assert cells(html, "E-mail") == ["zoe@acme.example", "", "Bob.OBrien@Globex.example"]
    # LinkedIn gives no phone: no empty column for it.
    assert headers(html) == ["Row", "Name", "Company", "Job title", "E-mail", "What happens",
                             "Why"]


def test_google_preview_shows_every_email_and_phone(client, logged_in):
    html = post_upload(client, s.google_csv().encode(), "contacts.csv").get_data(as_text=True)
    assert cells(html, "Name") == ["Ana María Pérez", "Li Wei"]
    assert cells(html, "Company") == ["Café Olé, S.A.", "Globex"]
    assert cells(html, "Job title") == ["Owner", "CTO"]
    assert cells(html, "E-mail") == ["ana@cafeole.example, ana.perez@gmail.example",
                                     "li.wei@globex.example"]
    assert cells(html, "Phone") == ["+34 600 000 001, +34 910 000 002", ""]


def test_generic_csv_preview_shows_the_mapped_columns_only(client, logged_in):
    data = s.csv_text([["who", "mail", "firm", "role"],
                       ["Kim Lee", "kim@u.example", "Umbrella", "COO"]])
    fields = preview_form(post_upload(client, data.encode(), "list.csv"))
    page = client.post("/transfer/preview", data={**fields, "action": "preview",
                                                  "col_0": "name", "col_1": "email",
                                                  "col_2": "company"})
    html = page.get_data(as_text=True)
    assert cells(html, "Name") == ["Kim Lee"] and cells(html, "E-mail") == ["kim@u.example"]
    assert cells(html, "Company") == ["Umbrella"]
    assert "Job title</th>" not in html and "COO" not in html.split("<table")[1]
    mapped = client.post("/transfer/preview", data={**fields, "action": "preview",
                                                    "col_0": "name", "col_3": "title"})
    assert cells(mapped.get_data(as_text=True), "Job title") == ["COO"]


def test_a_row_with_an_error_still_shows_what_it_holds(client, logged_in):
    rows = [[*s.LINKEDIN_ROWS[0][:3], "not-an-address", *s.LINKEDIN_ROWS[0][4:]]]
    html = post_upload(client, s.linkedin_csv(rows).encode()).get_data(as_text=True)
    assert cells(html, "Name") == ["Zoë Ångström"]
    assert cells(html, "E-mail") == ["not-an-address"]
    assert "is not a valid e-mail address" in html


def test_ties_and_members_files_show_their_own_columns(client, logged_in, user):
    factories.make_person(db.session, user.team_id, "Ann Ash", email="ann@x.example")
    factories.make_person(db.session, user.team_id, "Ben Birch", email="ben@x.example")
    db.session.commit()
    ties = s.csv_text([["a_email", "b_email", "kind", "rating"],
                       ["ann@x.example", "ben@x.example", "former_colleague", "4"]])
    html = post_upload(client, ties.encode(), "ties.csv").get_data(as_text=True)
    assert cells(html, "Person") == ["ann@x.example"]
    assert cells(html, "Other person") == ["ben@x.example"]
    assert cells(html, "Kind of tie") == ["former colleague"]
    assert "Name</th>" not in html
    members = s.csv_text([["group", "group_kind", "email"], ["OMA", "association",
                                                             "ann@x.example"]])
    html = post_upload(client, members.encode(), "members.csv").get_data(as_text=True)
    assert cells(html, "Group") == ["OMA"] and cells(html, "Person") == ["ann@x.example"]


def test_the_first_500_rows_are_shown(client, logged_in):
    rows = [[f"P{n}", "Lee", "", "", "Umbrella", "", ""] for n in range(502)]
    html = post_upload(client, s.linkedin_csv(rows).encode()).get_data(as_text=True)
    assert len(cells(html, "Name")) == 500
    assert "Showing the first 500 of 502 rows." in html


def test_only_contact_files_offer_roles(client, logged_in):
    html = post_upload(client, s.linkedin_csv().encode()).get_data(as_text=True)
    assert 'name="roles" type="checkbox" value="prospect"' in html
    assert 'name="roles_for_existing"' in html
    ties = s.csv_text([["a_email", "b_email", "kind"], ["a@x.example", "b@x.example", "friend"]])
    assert 'name="roles"' not in post_upload(client, ties.encode()).get_data(as_text=True)


def roles_of(team_id: int) -> dict[str, list[str]]:
    people = db.session.scalars(select(Person).where(Person.team_id == team_id))
    return {p.name: p.roles for p in people}


@pytest.mark.parametrize(("also", "bob_roles"), [(False, ["customer"]),
                                                 (True, ["customer", "advocate", "prospect"])])
def test_roles_go_to_created_people_and_to_existing_ones_when_asked(client, logged_in, user,
                                                                     also, bob_roles):
    factories.make_person(db.session, user.team_id, "Bob O'Brien",
                          email="bob.obrien@globex.example", roles=["customer"])
    db.session.commit()
    fields = preview_form(post_upload(client, s.linkedin_csv().encode()))
    posted = {**fields, "roles": ["prospect", "advocate"]}
    if also:
        posted["roles_for_existing"] = "y"
    preview = client.post("/transfer/preview", data={**posted, "action": "preview"})
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert ("advocate, prospect for Bob O&#39;Brien." in html) is also
    done = client.post("/transfer/preview", data={**posted, "action": "import"})
    assert done.status_code == 200
    roles = roles_of(user.team_id)
    assert roles["Zoë Ångström"] == roles["José Núñez"] == ["advocate", "prospect"]
    assert roles["Bob O'Brien"] == bob_roles
    assert roles[user.person.name] == []  # the rep's own record is never touched


def test_an_unknown_role_is_refused_on_the_page_and_nothing_is_written(client, logged_in):
    fields = preview_form(post_upload(client, s.linkedin_csv().encode()))
    before = team_data()
    response = client.post("/transfer/preview", data={**fields, "roles": ["boss"],
                                                      "action": "import"})
    assert response.status_code == 400
    assert 'class="errors" id="roles-errors"' in response.get_data(as_text=True)
    assert team_data() == before and count(Person) == 1


def test_imported_prospects_appear_on_the_prospects_page(client, logged_in):
    fields = preview_form(post_upload(client, s.linkedin_csv().encode()))
    client.post("/transfer/preview", data={**fields, "roles": ["prospect"], "action": "import"})
    html = client.get("/prospects").get_data(as_text=True)
    for name in ("Zoë Ångström", "José Núñez", "Bob O&#39;Brien"):
        assert name in html
