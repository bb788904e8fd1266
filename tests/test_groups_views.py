"""Group pages: list with kind filter and member counts, create, edit, delete, members."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from sqlalchemy import func, select

from referrals.extensions import db
from referrals.models import Group, GroupMembership, Person
from tests import factories
from tests.conftest import csrf_token_from


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def post(client, path: str, data: dict | None = None):
    token = csrf_token_from(client.get("/groups/").get_data(as_text=True))
    return client.post(path, data={**(data or {}), "csrf_token": token})


def group_rows(html: str) -> list[tuple[str, str, str]]:
    """(name, kind, member count) of each row of the group list."""
    rows = re.findall(
        r'<td data-label="Group"><a href="/groups/\d+">([^<]+)</a></td>\s*'
        r'<td data-label="Kind"><span class="badge badge-\w+">(\w+)</span></td>\s*'
        r'<td data-label="Members">(\d+)</td>',
        html,
    )
    return [(htmllib.unescape(n), k, c) for n, k, c in rows]


@pytest.fixture
def network(logged_in):
    team = logged_in.team_id
    dana = factories.make_person(db.session, team, "Dana Whitfield", company="Harbor Foods")
    mike = factories.make_person(db.session, team, "Mike Kincaid", company="Quality Fabricators")
    omaa = factories.make_group(db.session, team, "Ohio Manufacturers Association",
                                members=[dana, mike])
    expo = factories.make_group(db.session, team, "Spring Fabrication Expo", kind="event",
                                members=[mike])
    factories.make_group(db.session, team, "Harbor Foods", kind="company")
    db.session.commit()
    return {"dana": dana, "mike": mike, "omaa": omaa, "expo": expo}


# --- list -----------------------------------------------------------------------------

def test_list_shows_kinds_and_member_counts(client, network):
    rows = group_rows(client.get("/groups/").get_data(as_text=True))
    assert rows == [
        ("Harbor Foods", "Company", "0"),
        ("Ohio Manufacturers Association", "Association", "2"),
        ("Spring Fabrication Expo", "Event", "1"),
    ]


def test_kind_filter_and_search(client, network):
    assert group_rows(client.get("/groups/?kind=event").get_data(as_text=True)) == [
        ("Spring Fabrication Expo", "Event", "1")]
    assert [r[0] for r in group_rows(client.get("/groups/?q=ohio").get_data(as_text=True))] == [
        "Ohio Manufacturers Association"]
    html = client.get("/groups/?kind=company&q=ohio").get_data(as_text=True)
    assert group_rows(html) == [] and "No group matches" in html


def test_an_unknown_kind_is_ignored_with_a_note(client, network):
    response = client.get("/groups/?kind=cult")
    assert response.status_code == 200
    assert len(group_rows(response.get_data(as_text=True))) == 3
    assert "Not a valid choice" in response.get_data(as_text=True)


@pytest.mark.parametrize("q", ["%", "_", "'\""])
def test_wildcards_in_the_group_search_are_plain_text(client, network, q):
    assert group_rows(client.get("/groups/", query_string={"q": q}).get_data(as_text=True)) == []


def test_no_groups_says_what_to_do_next(client, logged_in):
    html = client.get("/groups/").get_data(as_text=True)
    assert "No groups yet — create the first one." in html


def test_other_teams_groups_never_show(client, network, other_user):
    factories.make_group(db.session, other_user.team_id, "Secret Rival Club")
    db.session.commit()
    assert "Secret Rival Club" not in client.get("/groups/").get_data(as_text=True)
    assert "Secret Rival Club" not in client.get(
        f"/people/{network['dana'].id}").get_data(as_text=True)


# --- create, edit, delete ----------------------------------------------------------------

def test_create_a_group(client, logged_in):
    response = post(client, "/groups/new", {"name": "  Plant Managers Breakfast ", "kind": "event",
                                            "notes": "Monthly, first Tuesday."})
    assert response.status_code == 302
    group = db.session.scalar(select(Group))
    assert response.headers["Location"] == f"/groups/{group.id}"
    assert (group.name, group.kind, group.notes) == (
        "Plant Managers Breakfast", "event", "Monthly, first Tuesday.")
    assert group.team_id == logged_in.team_id
    html = client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert "Created Plant Managers Breakfast." in html and "No members yet" in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "kind": "event"}, "name", "required"),
        ({"name": "x" * 201, "kind": "event"}, "name", "200"),
        ({"name": "Fine", "kind": "cult"}, "kind", "Not a valid choice"),
        ({"name": "Fine"}, "kind", "Choose a kind"),
        ({"name": "Fine", "kind": "event", "notes": "\x00"}, "notes", "NUL"),
    ],
)
def test_create_refuses_bad_fields(client, logged_in, data, field, message):
    response = post(client, "/groups/new", data)
    assert response.status_code == 400
    errors = re.search(rf'id="{field}-errors">(.*?)</ul>', response.get_data(as_text=True), re.S)
    assert errors and message.lower() in errors.group(1).lower()
    assert count(Group) == 0


def test_a_duplicate_name_of_the_same_kind_is_a_field_message(client, network):
    before = count(Group)
    response = post(client, "/groups/new", {"name": "Spring Fabrication Expo", "kind": "event"})
    assert response.status_code == 400
    assert re.search(r'id="name-errors">\s*<li>A group of this kind already has this name.',
                     response.get_data(as_text=True))
    assert count(Group) == before
    # The same name as another kind is a different group.
    assert post(client, "/groups/new", {"name": "Spring Fabrication Expo",
                                        "kind": "association"}).status_code == 302


def test_edit_a_group(client, network):
    expo = network["expo"]
    page = client.get(f"/groups/{expo.id}/edit").get_data(as_text=True)
    assert 'value="Spring Fabrication Expo"' in page
    response = post(client, f"/groups/{expo.id}/edit",
                    {"name": "Fall Fabrication Expo", "kind": "event", "notes": "Booth 12"})
    assert response.status_code == 302 and response.headers["Location"] == f"/groups/{expo.id}"
    db.session.expire_all()
    assert db.session.get(Group, expo.id).name == "Fall Fabrication Expo"


def test_edit_into_a_duplicate_writes_nothing(client, network):
    expo = network["expo"]
    factories.make_group(db.session, expo.team_id, "Taken Name", kind="event")
    db.session.commit()
    response = post(client, f"/groups/{expo.id}/edit", {"name": "Taken Name", "kind": "event"})
    assert response.status_code == 400
    assert "A group of this kind already has this name." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Group, expo.id).name == "Spring Fabrication Expo"


def test_delete_asks_first_and_keeps_the_people(client, network):
    omaa = network["omaa"]
    confirm = client.get(f"/groups/{omaa.id}/delete").get_data(as_text=True)
    assert "Delete Ohio Manufacturers Association?" in confirm and "2 members" in confirm
    assert count(Group) == 3
    response = post(client, f"/groups/{omaa.id}/delete")
    assert response.status_code == 302 and response.headers["Location"] == "/groups/"
    assert count(Group) == 2 and count(GroupMembership) == 1 and count(Person) == 3
    assert "Deleted the group Ohio Manufacturers Association." in client.get(
        "/groups/").get_data(as_text=True)


# --- members ------------------------------------------------------------------------------

def test_the_group_page_lists_members(client, network):
    html = client.get(f"/groups/{network['omaa'].id}").get_data(as_text=True)
    assert "2 members" in html
    assert html.index("Dana Whitfield") < html.index("Mike Kincaid")
    assert f'action="/groups/{network["omaa"].id}/members/{network["dana"].id}/remove"' in html


def test_search_offers_only_people_not_yet_in_the_group(client, logged_in, network):
    expo = network["expo"]
    html = client.get(f"/groups/{expo.id}?q=a").get_data(as_text=True)  # matches all three
    assert f"/groups/{expo.id}/members/{network['dana'].id}?q=a" in html
    assert f"/groups/{expo.id}/members/{logged_in.person_id}?q=a" in html
    assert f"/groups/{expo.id}/members/{network['mike'].id}?q" not in html  # already a member
    html = client.get(f"/groups/{expo.id}?q=kincaid").get_data(as_text=True)
    assert "Nobody outside the group matches" in html


def test_add_and_remove_a_member_from_the_group_page(client, network):
    expo, dana = network["expo"], network["dana"]
    response = post(client, f"/groups/{expo.id}/members/{dana.id}?q=dana")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/groups/{expo.id}?q=dana#add"
    assert db.session.get(GroupMembership, (expo.id, dana.id)) is not None
    html = client.get(f"/groups/{expo.id}").get_data(as_text=True)
    assert "Added Dana Whitfield to Spring Fabrication Expo." in html and "2 members" in html
    response = post(client, f"/groups/{expo.id}/members/{dana.id}/remove")
    assert response.status_code == 302 and response.headers["Location"] == f"/groups/{expo.id}"
    db.session.expire_all()
    assert db.session.get(GroupMembership, (expo.id, dana.id)) is None
    assert "Removed Dana Whitfield from Spring Fabrication Expo." in client.get(
        f"/groups/{expo.id}").get_data(as_text=True)


def test_adding_a_member_twice_says_so_and_writes_nothing(client, network):
    omaa, dana = network["omaa"], network["dana"]
    before = count(GroupMembership)
    response = post(client, f"/groups/{omaa.id}/members/{dana.id}")
    assert response.status_code == 302
    assert count(GroupMembership) == before
    assert "Dana Whitfield is already a member of Ohio Manufacturers Association." in client.get(
        f"/groups/{omaa.id}").get_data(as_text=True)


def test_removing_a_non_member_is_404(client, network):
    assert post(client, f"/groups/{network['expo'].id}/members/{network['dana'].id}/remove"
                ).status_code == 404


def test_member_list_pages(client, logged_in, app):
    per_page = app.config["PEOPLE_PER_PAGE"]
    people = [factories.make_person(db.session, logged_in.team_id, f"Member {i:03d}")
              for i in range(per_page + 2)]
    group = factories.make_group(db.session, logged_in.team_id, members=people)
    db.session.commit()
    first = client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert f"{per_page + 2} members" in first and "Member 000" in first
    assert f"Member {per_page:03d}" not in first
    second = client.get(f"/groups/{group.id}?page=2").get_data(as_text=True)
    assert f"Member {per_page:03d}" in second and "Member 000" not in second
