"""Sample files in the layouts reps really have, built by the tests (no fixtures on disk).

Each builder writes rows through the `csv` module (or vCard text by hand, folded as real
exports fold it) so quoting, multi-line cells, BOMs and encodings are those of real files.
"""

from __future__ import annotations

import csv
import io

LINKEDIN_NOTES = [
    ["Notes:"],
    ["When exporting your connection data, you may notice that some of the email addresses "
     "are missing. You will only see email addresses for connections who have allowed their "
     "connections to see or download their email address using this setting "
     "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
     "https://www.linkedin.com/help/linkedin/answer/261"],
    [],
]
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                   "Connected On"]
LINKEDIN_ROWS = [
    ["Zoë", "Ångström", "https://www.linkedin.com/in/zoe-angstrom", "zoe@acme.example",
     "Acme, Inc.", "VP, Sales", "15 Mar 2021"],
    ["José", "Núñez", "https://www.linkedin.com/in/jnunez", "", "Initech", "Engineer",
     "01 Jan 2020"],
    ["Bob", "O'Brien", "https://www.linkedin.com/in/bob-obrien", "Bob.OBrien@Globex.example",
     "Globex", "Buyer", "07 Jul 2019"],
]

GOOGLE_HEADER = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label",
    "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label",
    "Phone 2 - Value",
]


def google_row(first="", middle="", last="", org="", title="", notes="", emails=(),
               phones=()) -> list[str]:
    cells = dict.fromkeys(GOOGLE_HEADER, "")
    cells.update({"First Name": first, "Middle Name": middle, "Last Name": last,
                  "Organization Name": org, "Organization Title": title, "Notes": notes,
                  "Labels": "* myContacts"})
    for n, (label, value) in enumerate(emails, start=1):
        cells[f"E-mail {n} - Label"], cells[f"E-mail {n} - Value"] = label, value
    for n, (label, value) in enumerate(phones, start=1):
        cells[f"Phone {n} - Label"], cells[f"Phone {n} - Value"] = label, value
    return [cells[h] for h in GOOGLE_HEADER]


GOOGLE_ROWS = [
    google_row("Ana", "María", "Pérez", "Café Olé, S.A.", "Owner",
               "Met at the OMA dinner.\nWants a demo in spring, \"after the audit\".",
               [("* Work", "ana@cafeole.example ::: ana.perez@gmail.example")],
               [("Mobile", "+34 600 000 001"), ("Work", "+34 910 000 002")]),
    google_row("Li", "", "Wei", "Globex", "CTO", "", [("Work", "li.wei@globex.example")]),
]

OUTLOOK_HEADER = [
    "First Name", "Middle Name", "Last Name", "Title", "Suffix", "Initials", "Web Page",
    "Gender", "Birthday", "Anniversary", "Location", "Language", "Internet Free Busy", "Notes",
    "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "Primary Phone", "Home Phone",
    "Home Phone 2", "Mobile Phone", "Pager", "Home Fax", "Home Address", "Home Street",
    "Home City", "Home State", "Home Postal Code", "Home Country", "Spouse", "Children",
    "Manager's Name", "Assistant's Name", "Referred By", "Company Main Phone",
    "Business Phone", "Business Phone 2", "Business Fax", "Assistant's Phone", "Company",
    "Job Title", "Department", "Office Location", "Organizational ID Number", "Profession",
    "Account", "Business Address", "Business Street", "Business City", "Business State",
    "Business Postal Code", "Business Country/Region", "Categories",
]


def outlook_row(**values: str) -> list[str]:
    return [values.get(h, "") for h in OUTLOOK_HEADER]


OUTLOOK_ROWS = [
    outlook_row(**{"First Name": "Françoise", "Last Name": "Dupont", "Title": "Mme",
                   "Company": "Société Générale d'Outillage", "Job Title": "Directrice, achats",
                   "E-mail Address": "f.dupont@sgo.example",
                   "E-mail 2 Address": "francoise@perso.example",
                   "Mobile Phone": "+33 6 00 00 00 01", "Business Phone": "+33 1 00 00 00 02",
                   "Notes": "Prefers calls after 3pm;\nassistant: Marc"}),
    outlook_row(**{"First Name": "Tom", "Last Name": "Baker", "Company": "Initech",
                   "Job Title": "Plant manager", "E-mail Address": "tom.baker@initech.example"}),
]

VCARD_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Ångström;Zoë;;;\r\n"
    "FN:Zoë Ångström\r\n"
    "ORG:Acme\\, Inc.;Sales\r\n"
    "TITLE:VP\\, Sales\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:zoe@acme.example\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:zoe.home@mail.example\r\n"
    "TEL;TYPE=CELL:+1 555 0100\r\n"
    "TEL;TYPE=WORK:+1 555 0101\r\n"
    "NOTE:Met at the OMA dinner\\, keen on a pilot. This note is long enough that\r\n"
    "  the exporter folded it onto a second line.\\nSecond paragraph.\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Núñez;José;;;\r\n"
    "FN:José Núñez\r\n"
    "ORG:Initech\r\n"
    "END:VCARD\r\n"
)
VCARD_40 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Amélie Laurent\r\n"
    "N:Laurent;Amélie;;;\r\n"
    "ORG:Les Ateliers Réunis\r\n"
    "EMAIL;TYPE=work;PREF=1:amelie@ateliers.example\r\n"
    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+33-6-00-00-00-03\r\n"
    "NOTE:Very long note for the 4.0 card\\, written to pass the seventy-five octet li\r\n"
    " mit and be folded.\r\n"
    "END:VCARD\r\n"
)


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def linkedin_csv(rows: list[list[str]] | None = None) -> str:
    return csv_text([*LINKEDIN_NOTES, LINKEDIN_HEADER, *(LINKEDIN_ROWS if rows is None else rows)])


def google_csv() -> str:
    return csv_text([GOOGLE_HEADER, *GOOGLE_ROWS])


def outlook_csv() -> str:
    return csv_text([OUTLOOK_HEADER, *OUTLOOK_ROWS])


def encode(text: str, encoding: str = "utf-8", bom: bool = False) -> bytes:
    data = text.encode(encoding)
    return ("\ufeff".encode(encoding) + data) if bom and encoding == "utf-8" else data
