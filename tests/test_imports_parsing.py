"""Reading files: encodings, layouts, row numbers and fields (pure; no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from referrals.errors import ValidationFailed
from referrals.transfer.csvfiles import detect
from referrals.transfer.decoding import UnreadableFile, decode
from referrals.transfer.services import read_upload
from tests import import_samples as s


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", False), ("utf-8", True), ("utf-16", False), ("utf-16-le", False),
     ("cp1252", False), ("latin-1", False)],
)
def test_linkedin_file_in_any_encoding(encoding, bom):
    parsed = read_upload(s.encode(s.linkedin_csv(), encoding, bom))
    assert parsed.format == "linkedin"
    zoe, jose, bob = parsed.contacts
    assert (zoe.name, zoe.company, zoe.title, zoe.emails) == (
        "Zoë Ångström", "Acme, Inc.", "VP, Sales", ["zoe@acme.example"])
    assert zoe.connected_on == date(2021, 3, 15)
    assert zoe.extra["profile_url"] == "https://www.linkedin.com/in/zoe-angstrom"
    assert zoe.notes == ""  # the profile has its own field, not the notes
    assert jose.name == "José Núñez" and jose.emails == []
    assert bob.name == "Bob O'Brien"


def test_linkedin_rows_are_numbered_as_a_spreadsheet_shows_them():
    # Notes: is row 1, the quoted notice row 2, a blank row 3, the header row 4.
    parsed = read_upload(s.linkedin_csv().encode())
    assert [c.row for c in parsed.contacts] == [5, 6, 7]


def test_google_contacts_with_multiline_notes_and_several_emails_and_phones():
    parsed = read_upload(s.google_csv().encode("utf-8-sig"))
    assert parsed.format == "google"
    ana, li = parsed.contacts
    assert ana.name == "Ana María Pérez"
    assert ana.company == "Café Olé, S.A." and ana.title == "Owner"
    assert ana.emails == ["ana@cafeole.example", "ana.perez@gmail.example"]
    assert ana.phones == ["+34 600 000 001", "+34 910 000 002"]
    assert ana.notes == 'Met at the OMA dinner.\nWants a demo in spring, "after the audit".'
    assert (ana.row, li.row) == (2, 3)  # the multi-line note is still one spreadsheet row
    assert li.emails == ["li.wei@globex.example"]


def test_outlook_contacts():
    parsed = read_upload(s.outlook_csv().encode("cp1252"))
    assert parsed.format == "outlook"
    fr, tom = parsed.contacts
    assert fr.name == "Françoise Dupont"  # "Title" is Mme, not the job
    assert fr.title == "Directrice, achats"
    assert fr.company == "Société Générale d'Outillage"
    assert fr.emails == ["f.dupont@sgo.example", "francoise@perso.example"]
    assert fr.phones == ["+33 6 00 00 00 01", "+33 1 00 00 00 02"]
    assert fr.notes == "Prefers calls after 3pm;\nassistant: Marc"
    assert tom.title == "Plant manager"


@pytest.mark.parametrize("text", [s.VCARD_30, s.VCARD_30.replace("\r\n", "\n")])
def test_vcard_30_with_folded_lines_several_cards_emails_and_phones(text):
    parsed = read_upload(text.encode())
    assert parsed.format == "vcard"
    zoe, jose = parsed.contacts
    assert (zoe.name, zoe.company, zoe.title) == ("Zoë Ångström", "Acme, Inc.", "VP, Sales")
    assert zoe.emails == ["zoe@acme.example", "zoe.home@mail.example"]
    assert zoe.phones == ["+1 555 0100", "+1 555 0101"]
    assert zoe.notes == ("Met at the OMA dinner, keen on a pilot. This note is long enough "
                         "that the exporter folded it onto a second line.\nSecond paragraph.")
    assert (zoe.row, jose.row) == (1, 14)
    assert jose.name == "José Núñez" and jose.company == "Initech"


def test_vcard_40_utf16():
    parsed = read_upload(s.VCARD_40.encode("utf-16"))
    (amelie,) = parsed.contacts
    assert amelie.name == "Amélie Laurent"
    assert amelie.company == "Les Ateliers Réunis"
    assert amelie.emails == ["amelie@ateliers.example"]
    assert amelie.phones == ["+33-6-00-00-00-03"]
    assert amelie.notes.endswith("seventy-five octet limit and be folded.")


def test_generic_csv_maps_known_headers_and_reads_semicolons():
    text = s.csv_text([["Full Name", "E-mail", "Organisation", "Job Title", "Mobile", "Roles",
                        "Deal value"],
                       ["Kim Lee", "KIM@x.example", "Umbrella; Ltd", "COO", "+1 555", "advocate",
                        "1,200.50"]], delimiter=";")
    parsed = read_upload(text.encode())
    assert parsed.format == "csv" and not parsed.needs_mapping
    (kim,) = parsed.contacts
    assert (kim.name, kim.company, kim.title, kim.phones) == ("Kim Lee", "Umbrella; Ltd", "COO",
                                                            ["+1 555"])
    assert kim.emails == ["KIM@x.example"] and kim.roles == ["advocate"]
    assert kim.deal_value == Decimal("1200.50")


def test_generic_csv_without_a_name_column_asks_for_a_mapping():
    text = s.csv_text([["who", "mail"], ["Kim", "kim@x.example"]])
    parsed = read_upload(text.encode())
    assert parsed.needs_mapping and parsed.columns == ["who", "mail"]
    mapped = read_upload(text.encode(), "csv", {0: "name", 1: "email"})
    assert mapped.contacts[0].name == "Kim" and mapped.contacts[0].emails == ["kim@x.example"]


def test_ties_files_by_email_and_by_name():
    by_email = s.csv_text([["a_email", "b_email", "kind", "rating", "last_interaction"],
                           ["A@x.example", "b@x.example", "Former colleague", "4", "2024-05-01"]])
    (tie,) = read_upload(by_email.encode()).ties
    assert (tie.a.email, tie.b.email, tie.kind, tie.rating, tie.last_interaction) == (
        "a@x.example", "b@x.example", "former_colleague", 4, date(2024, 5, 1))
    by_name = s.csv_text([["a_name", "a_company", "b_name", "b_company", "kind", "rating",
                           "last_interaction"], ["Ann", "Acme, Inc.", "Ben", "", "friend", "", ""]])
    parsed = read_upload(by_name.encode())
    assert parsed.kind == "ties"
    assert (parsed.ties[0].a.name, parsed.ties[0].a.company) == ("Ann", "Acme, Inc.")


def test_memberships_file():
    text = s.csv_text([["group", "group_kind", "email"], ["OMA", "association", "a@x.example"]])
    parsed = read_upload(text.encode())
    assert parsed.kind == "members"
    assert parsed.members[0].group == "OMA" and parsed.members[0].person.email == "a@x.example"


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "empty"), (b"   \r\n ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01",
                                              "not text"),
     (b"PK\x03\x04\x14\x00\x06\x00", "save it as CSV"), (b"%PDF-1.7\n", "PDF")],
)
def test_files_that_are_not_text_are_refused(data, words):
    with pytest.raises(UnreadableFile, match=words):
        decode(data)


def test_a_contacts_layout_without_names_is_refused():
    with pytest.raises(ValidationFailed, match="no name column"):
        read_upload(b"Email Address,Company,Connected On\r\na@x.example,Acme,01 Jan 2020\r\n",
                    "linkedin")


@pytest.mark.parametrize(
    ("header", "layout"),
    [(s.LINKEDIN_HEADER, "linkedin"), (s.GOOGLE_HEADER, "google"),
     (s.OUTLOOK_HEADER, "outlook"), (["a_email", "b_email", "kind"], "ties"),
     (["group", "group_kind", "email"], "members"), (["name", "email"], "csv")],
)
def test_detect(header, layout):
    assert detect(header) == layout


@pytest.mark.parametrize(
    ("text", "words"),
    [("{not json", "not valid JSON"), ('{"format": "something-else"}', "not a team export"),
     ('{"format": "referrals-team", "version": 1, "people": [{"id": "x"}]}', "damaged")],
)
def test_damaged_team_documents_are_refused(text, words):
    with pytest.raises(ValidationFailed, match=words):
        read_upload(text.encode())


def test_team_document_ties_to_unknown_ids_are_row_errors():
    from referrals.transfer.planning import Snapshot, plan_import

    doc = ('{"format": "referrals-team", "version": 1, "people": [{"id": 1, "name": "Ann"}],'
           ' "relationships": [{"person_a": 1, "person_b": 99, "kind": "friend"}],'
           ' "groups": [{"name": "OMA", "kind": "association", "members": [1]}]}')
    plan = plan_import(read_upload(doc.encode()), Snapshot(), today=date(2026, 1, 1))
    assert [(o.row, o.action) for o in plan.outcomes] == [(1, "create"), (1, "error"),
                                                          (1, "create")]
    assert plan.errors[0].message == "Relationship: No one in your team matches person 99."


def test_vcard_21_quoted_printable_groups_quoted_parameters_and_photos():
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;Dr.;\r\n"
        "TEL;CELL:+49 170 0000000\r\n"
        "item1.EMAIL;TYPE=\"work,pref\":J@Muller.example\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0A=\r\nsecond line\r\n"
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\r\n AAAA\r\n"
        "END:VCARD\r\n"
    )
    (card,) = read_upload(text.encode()).contacts
    assert card.name == "Dr. Jürgen Müller"  # no FN: the N parts, prefix first
    assert card.phones == ["+49 170 0000000"] and card.emails == ["j@muller.example"]
    assert card.notes == "first line\r\nsecond line"


def test_a_vcard_without_its_end_is_refused_with_the_cards_line():
    with pytest.raises(ValidationFailed) as refused:
        read_upload(b"BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n\r\nBEGIN:VCARD\r\nFN:Bob\r\n")
    assert refused.value.message == "The vCard file could not be read near the card at line 5."
    assert refused.value.fields == {"file": ["The card has no END:VCARD."]}
