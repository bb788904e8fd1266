"""One voice on every page: dates written one way ("Wed 2 Dec"), and no developer text – API
flags or command lines – shown to reps. Every GET page of the URL map is read, so a page
added later is checked too."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.outreach import wording
from referrals.outreach.cadence import VoicemailVerdict
from referrals.outreach.touches import CadenceBroken
from tests import factories
from tests.test_pages_security import GET_PAGES, make_world, url

ISO_DAY = re.compile(r"\b20\d\d-\d\d-\d\d\b")
DEVELOPER = re.compile(r"\(API\b|API:|flask --app|\"override\": true|\"confirm\": true")


def visible_text(page: str) -> str:
    """What a rep reads: tags, scripts, attributes and form values left out."""
    page = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", page, flags=re.S)
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture
def own(logged_in) -> dict[str, int]:
    return make_world(logged_in, ("Dana Whitfield", "Mike Kincaid"))


@pytest.mark.parametrize("endpoint", GET_PAGES)
def test_no_page_shows_iso_dates_or_developer_text(client, own, endpoint):
    response = client.get(url(endpoint, own))
    if response.status_code != 200 or "text/html" not in response.content_type:
        pytest.skip(f"{endpoint} answers {response.status_code} {response.content_type}")
    text = visible_text(response.get_data(as_text=True))
    assert not DEVELOPER.search(text), (endpoint, DEVELOPER.search(text).group(0))
    found = ISO_DAY.search(text)
    assert not found, (endpoint, text[max(0, found.start() - 60):found.end() + 20])


def test_refusals_name_the_control_not_the_api_flag(user):
    broken = CadenceBroken(VoicemailVerdict(False, "4th voicemail in 10 days.", 4, None))
    said = broken.fields["confirm"][0]
    assert "API" not in said and "log it anyway" in said
    dana = factories.make_person(db.session, user.team_id, "Dana Whitfield", roles=["prospect"])
    db.session.commit()
    text = "Hi Dana. " + "Our freight research shows savings for plants like yours. " * 12
    with pytest.raises(ValidationFailed) as refused:
        wording.save_voicemail(db.session, user, dana, {"issues": ["costs"], "phone": "555",
                                                        "text": text})
    message = refused.value.fields["text"][0]
    assert "API" not in message and "save it although it runs over 30 seconds" in message
