"""Matching rows to people: duplicates, conflicts and repeats within a file (pure)."""

from __future__ import annotations

from datetime import date

from referrals.transfer.planning import Snapshot, plan_import
from referrals.transfer.records import ContactRecord, ParsedFile, PersonRef, TieRecord
from referrals.vocab import ROLES

TODAY = date(2026, 1, 15)


def person(pid, name, company=None, email=None, **fields):
    base = {"id": pid, "name": name, "company": company, "title": None, "email": email,
            "phone": None, "timezone": None, "notes": "", "deal_value": None,
            "do_not_contact": False, **{f"is_{r}": False for r in ROLES}}
    return {**base, **fields}


def contacts(*records, fmt="csv"):
    return ParsedFile("contacts", fmt, contacts=list(records))


def snapshot(*people, rep=None):
    return Snapshot(people={p["id"]: p for p in people}, rep_person_id=rep)


def test_same_email_in_another_case_updates_only_empty_fields():
    snap = snapshot(person(1, "Dana Whitfield", email="dana@acme.example", title="CFO"))
    record = ContactRecord(row=2, name="Dana Whitfield", company="Acme", title="CEO",
                           emails=["DANA@Acme.example"], phones=["555"])
    plan = plan_import(contacts(record), snap, today=TODAY)
    assert plan.new_people == []
    assert plan.person_updates == {1: {"company": "Acme", "phone": "555"}}
    assert plan.outcomes[0].action == "update"


def test_same_normalized_name_and_company_is_the_same_person():
    snap = snapshot(person(1, "Zoë Ångström", company="Acme, Inc."))
    record = ContactRecord(row=2, name="zoe  angstrom", company="ACME", emails=["z@acme.example"])
    plan = plan_import(contacts(record), snap, today=TODAY)
    assert plan.new_people == [] and plan.person_updates == {1: {"email": "z@acme.example"}}


def test_email_of_someone_with_another_name_is_a_conflict_not_a_merge():
    snap = snapshot(person(1, "Dana Whitfield", email="dana@acme.example"))
    record = ContactRecord(row=7, name="Pat Jones", emails=["dana@acme.example"])
    plan = plan_import(contacts(record), snap, today=TODAY)
    assert not plan.writes_anything
    assert plan.summary() == {"created": 0, "updated": 0, "skipped": 1, "errors": [
        {"row": 7, "message": "The e-mail dana@acme.example belongs to Dana Whitfield, "
                              "not Pat Jones; not merged."}]}


def test_repeated_rows_count_once_and_merge_their_fields():
    rows = [ContactRecord(row=2, name="Kim Lee", company="Umbrella"),
            ContactRecord(row=3, name="Kim Lee", company="Umbrella", title="COO"),
            ContactRecord(row=4, name="Kim Lee", company="Umbrella", emails=["kim@u.example"])]
    plan = plan_import(contacts(*rows), snapshot(), today=TODAY)
    assert plan.created == 1 and plan.skipped == 2 and plan.errors == []
    assert plan.new_people[0]["title"] == "COO" and plan.new_people[0]["email"] == "kim@u.example"
    assert plan.outcomes[1].message == "Same person as row 2."


def test_existing_person_up_to_date_is_skipped():
    snap = snapshot(person(1, "Kim Lee", company="Umbrella", email="kim@u.example"))
    record = ContactRecord(row=2, name="Kim Lee", company="Umbrella", emails=["kim@u.example"])
    plan = plan_import(contacts(record), snap, today=TODAY)
    assert (plan.created, plan.updated, plan.skipped) == (0, 0, 1) and not plan.writes_anything


def test_rows_without_name_or_with_bad_email_are_errors():
    rows = [ContactRecord(row=2, name=" "), ContactRecord(row=3, name="A", emails=["not-mail"])]
    plan = plan_import(contacts(*rows), snapshot(), today=TODAY)
    assert [(e.row, e.message) for e in plan.errors] == [
        (2, "This row has no name."), (3, "'not-mail' is not a valid e-mail address.")]


def test_linkedin_links_each_connection_to_the_rep_once():
    rep = person(1, "Rep", email="rep@x.example")
    known = person(2, "Ann", email="ann@x.example")
    snap = snapshot(rep, known, rep=1)
    snap.ties[(1, 2, "friend")] = {"id": 9, "last_interaction": None, "notes": ""}
    rows = [ContactRecord(row=5, name="Ann", emails=["ann@x.example"]),
            ContactRecord(row=6, name="Ben"), ContactRecord(row=7, name="Ben")]
    plan = plan_import(contacts(*rows, fmt="linkedin"), snap, today=TODAY)
    assert [(t["person_a"], t["person_b"], t["kind"]) for t in plan.new_ties] == [
        (1, -1, "acquaintance")]
    assert plan.rep_ties == 1 and plan.created == 1


def test_ties_to_missing_people_future_dates_and_unknown_kinds_are_errors():
    snap = snapshot(person(1, "Ann", email="a@x.example"), person(2, "Ben", email="b@x.example"))
    snap.ties[(1, 2, "friend")] = {"id": 5, "last_interaction": date(2025, 1, 1), "notes": ""}
    ties = [
        TieRecord(row=2, a=PersonRef(email="a@x.example"), b=PersonRef(email="zz@x.example"),
                  kind="friend"),
        TieRecord(row=3, a=PersonRef(email="a@x.example"), b=PersonRef(email="b@x.example"),
                  kind="enemy"),
        TieRecord(row=4, a=PersonRef(email="a@x.example"), b=PersonRef(email="b@x.example"),
                  kind="friend", last_interaction=date(2027, 1, 1)),
        TieRecord(row=5, a=PersonRef(email="b@x.example"), b=PersonRef(email="a@x.example"),
                  kind="friend", last_interaction=date(2025, 6, 1)),
        TieRecord(row=6, a=PersonRef(email="a@x.example"), b=PersonRef(email="b@x.example"),
                  kind="friend"),
        TieRecord(row=7, a=PersonRef(name="Ann"), b=PersonRef(name="Ben"), kind="colleague"),
        TieRecord(row=8, a=PersonRef(email="a@x.example"), b=PersonRef(email="a@x.example"),
                  kind="colleague"),
    ]
    plan = plan_import(ParsedFile("ties", "ties", ties=ties), snap, today=TODAY)
    assert [(o.row, o.action) for o in plan.outcomes] == [
        (2, "error"), (3, "error"), (4, "error"), (5, "update"), (6, "skip"), (7, "create"),
        (8, "error")]
    assert plan.errors[0].message == "No one in your team matches zz@x.example."
    assert plan.tie_updates == {5: {"last_interaction": date(2025, 6, 1)}}
    assert plan.new_ties[0]["kind"] == "colleague" and plan.new_ties[0]["rating"] == 3


def test_firmographics_are_checked():
    record = ContactRecord(row=2, name="Kim", extra={"company_size": "lots"})
    plan = plan_import(contacts(record), snapshot(), today=TODAY)
    assert plan.errors[0].message.startswith("'lots' is not a company size")


def linkedin_rows(*records):
    return contacts(*records, fmt="linkedin")


def test_connected_on_becomes_the_first_known_contact_of_the_rep_tie():
    snap = snapshot(person(1, "Rep", email="rep@x.example"), rep=1)
    rows = [ContactRecord(row=5, name="Ann", connected_on=date(2025, 3, 15)),
            ContactRecord(row=6, name="Ben", connected_on=date(2026, 2, 1)),  # after today
            ContactRecord(row=7, name="Cy")]
    plan = plan_import(linkedin_rows(*rows), snap, today=TODAY)
    assert [(t["last_interaction"], t["notes"]) for t in plan.new_ties] == [
        (date(2025, 3, 15), "Connected on LinkedIn on 2025-03-15."),
        (None, "Connected on LinkedIn."),
        (None, "Connected on LinkedIn."),
    ]


def test_connected_on_dates_an_existing_rep_tie_only_forward():
    snap = snapshot(person(1, "Rep"), person(2, "Ann", email="ann@x.example"),
                    person(3, "Ben", email="ben@x.example"), person(4, "Cy", email="cy@x.example"),
                    rep=1)
    snap.ties[(1, 2, "acquaintance")] = {"id": 7, "last_interaction": None, "notes": ""}
    snap.ties[(1, 3, "acquaintance")] = {"id": 8, "last_interaction": date(2025, 9, 1),
                                         "notes": ""}
    snap.ties[(1, 4, "friend")] = {"id": 9, "last_interaction": None, "notes": ""}
    rows = [ContactRecord(row=5, name="Ann", emails=["ann@x.example"],
                          connected_on=date(2024, 1, 2)),
            ContactRecord(row=6, name="Ben", emails=["ben@x.example"],
                          connected_on=date(2024, 1, 2)),
            ContactRecord(row=7, name="Cy", emails=["cy@x.example"],
                          connected_on=date(2024, 1, 2))]
    plan = plan_import(linkedin_rows(*rows), snap, today=TODAY)
    # Ann's tie learns its date; Ben's knows a later one; Cy's friendship is the rep's own.
    assert plan.tie_updates == {7: {"last_interaction": date(2024, 1, 2)}}
    assert plan.new_ties == [] and plan.rep_ties_dated == 1


def test_chosen_roles_go_to_created_people_only():
    snap = snapshot(person(1, "Ann", email="ann@x.example"))
    rows = [ContactRecord(row=2, name="Ann", emails=["ann@x.example"]),
            ContactRecord(row=3, name="Ben"), ContactRecord(row=4, name="Ben")]
    plan = plan_import(contacts(*rows), snap, today=TODAY, roles=["prospect", "reference"])
    assert plan.person_updates == {}
    assert [(r, plan.new_people[0][f"is_{r}"]) for r in ROLES] == [
        ("customer", False), ("reference", True), ("advocate", False), ("prospect", True)]
    assert [o.action for o in plan.outcomes] == ["skip", "create", "skip"]


def test_chosen_roles_also_go_to_existing_people_when_asked():
    snap = snapshot(person(1, "Ann", email="ann@x.example", is_prospect=True),
                    person(2, "Bea", email="bea@x.example"))
    rows = [ContactRecord(row=2, name="Ann", emails=["ann@x.example"]),
            ContactRecord(row=3, name="Bea", emails=["bea@x.example"])]
    plan = plan_import(contacts(*rows), snap, today=TODAY, roles=["prospect"],
                       roles_for_existing=True)
    assert plan.person_updates == {2: {"is_prospect": True}}
    assert [o.message for o in plan.outcomes] == ["Ann is already up to date.",
                                                  "Fills in prospect for Bea."]


def test_each_outcome_carries_what_its_row_holds():
    record = ContactRecord(row=2, name=" Kim  Lee ", company="Umbrella", title="COO",
                           emails=["kim@u.example", "bad"], phones=["555", "556"])
    plan = plan_import(contacts(record), snapshot(), today=TODAY)
    assert plan.outcomes[0].action == "error"
    assert plan.outcomes[0].details == {"name": "Kim Lee", "company": "Umbrella",
                                        "title": "COO", "email": "kim@u.example, bad",
                                        "phone": "555, 556"}
