"""Import a LinkedIn export in a real browser and mark its people as prospects.

The browser, the live server and `Journey` (screenshots at both widths, axe on each step)
are tests/test_browser.py's; this module only adds the journey.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from referrals.extensions import db
from referrals.models import Person
from referrals.paths.cache import clear_cache
from tests.test_browser import Journey, browser, journey, live_app, server, sync_api

__all__ = ["browser", "journey", "live_app", "server"]  # fixtures pytest finds by name

# LinkedIn puts a few lines of notes above the header; the importer skips them.
CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Nora,Quist,https://www.linkedin.com/in/nora-quist,nora@quist.example,Quist Metals,"
    "Plant Manager,03 Nov 2026\n"
    "Omar,Reyes,https://www.linkedin.com/in/omar-reyes,,Reyes Logistics,COO,15 Oct 2026\n"
)


def test_import_a_linkedin_file_and_mark_its_people_as_prospects(journey: Journey, live_app,
                                                                  tmp_path):
    # This module's server has a database of its own, but team ids start at 1 in each: a
    # graph the process cached for test_browser.py's team 1 must not be served here.
    clear_cache()
    page, expect = journey.page, sync_api.expect
    upload = tmp_path / "Connections.csv"
    upload.write_text(CONNECTIONS, encoding="utf-8")
    journey.sign_in()
    journey.go("/transfer/")
    journey.shot("import")
    page.get_by_label("File", exact=True).set_input_files(str(upload))
    page.get_by_role("button", name="Preview the import").click()
    # The preview shows what each row holds before anything is saved.
    expect(page.locator("main")).to_contain_text("Quist Metals")
    expect(page.locator("main")).to_contain_text("Plant Manager")
    page.get_by_role("checkbox", name="Prospect", exact=True).check()
    journey.shot("preview")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".flash").first).to_contain_text(re.compile(r"2 created"))
    journey.shot("imported")
    # They reach the prospect ranking, and their profile is a link on the person page.
    journey.go("/prospects")
    expect(page.locator("main")).to_contain_text("Nora Quist")
    expect(page.locator("main")).to_contain_text("Omar Reyes")
    journey.shot("prospects")
    journey.go("/people/?q=Nora")
    page.get_by_role("link", name="Nora Quist").first.click()
    expect(page.get_by_role("link", name="Profile")).to_have_attribute(
        "href", "https://www.linkedin.com/in/nora-quist")
    journey.shot("person")
    with live_app.app_context():
        nora = db.session.scalar(select(Person).where(Person.name == "Nora Quist"))
        assert nora is not None and "prospect" in nora.roles
