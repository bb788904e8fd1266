"""Round 8 of the message check: the classes the blind e… set found, and the good sentences
written to collide with each new family (pinned so a later round cannot widen it unseen)."""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message, read_sentences
from referrals.outreach.repeats import content_repeat


def codes(text: str, channel: str = "voicemail", earlier: tuple[str, ...] = ()) -> list[str]:
    return [flag.code for flag in check_message(text, channel=channel, earlier=earlier)]


# --- a name and a number, said politely or dialled abroad -----------------------------------------

@pytest.mark.parametrize("text", [
    # Numbers in groups outside North America.
    "Hiya, it's Dave from Hollins Plant Hire. Ring me back when you get a sec, cheers – "
    "07700 900 214.",
    "Hi Steph, it's Nicola at Greenacre Feeds. Give us a bell on 01632 960 377 when you're "
    "about. Ta.",
    "Hello, good afternoon, here is Piotr Nowak from Eurotrans Logistics. Please, you can call "
    "me back on number 22 555 0173. Thank you very much, and have a nice day.",
    # The call-back ask said politely: no plea, no substance.
    "Good morning, Mr. Hargreaves. Simon Blake here, of Ashcombe Legal Services. I'd be most "
    "grateful if you could return my call on 020 7946 0813. Many thanks indeed, and do have a "
    "good day.",
    "Good morning, this is Terrence Hall with Midwest Fleet Leasing. I'd appreciate it if you "
    "could call me back at 317-555-0105 at your earliest convenience. Thanks very much, and "
    "have a terrific day.",
    "Hello, this is Ahmed Karim from Nile Medical Supplies, for Dr. Patel. I can be reached at "
    "972-555-0153 during business hours, or 972-555-0184 after hours. Thank you, doctor.",
    "Hey there, Josh Whitaker with Prime Ag Solutions, give me a shout back at 515-555-0124 "
    "whenever works for you. Appreciate it. Take care now.",
])
def test_a_polite_or_foreign_name_and_number_is_only_that(text: str) -> None:
    assert codes(text) == ["only_name_number", "no_reason"]


def test_an_e_mail_with_contact_details_only_is_a_name_and_number() -> None:
    text = ("Subject: Contact details\n\nGood morning Mr. Fischer,\n\nMy name is Claudia Romano, "
            "Area Manager at Alpina Hotel Supplies. Here are my contact details: +39 02 555 0189, "
            "c.romano@alpina-hs.example.\n\nI remain at your disposal. Thank you and kind "
            "regards,\nClaudia Romano")
    assert codes(text, "email") == ["only_name_number", "no_reason"]


@pytest.mark.parametrize(("text", "flaw"), [
    # Gratitude for the meeting, not for a call back, is still a plea.
    ("Hi Sam, Rita at Acme. I'd be grateful if you could give me just ten minutes. 555-0142.",
     "desperate"),
    ("Hi Sam, Rita at Acme. Sorry to bother you again. 555-0142.", "desperate"),
])
def test_a_plea_around_the_call_back_is_still_a_plea(text: str, flaw: str) -> None:
    assert flaw in codes(text)


@pytest.mark.parametrize("text", [
    # Grouped numbers that are no phone: a price, a year, a count.
    "Hi Ana, Rita at Acme. Hale Tool cut scrap from 2,400 to 1,100 parts a month. 555-0142.",
    "Hi Ana, Rita at Acme. Your 2024 filing is due in 30 days; I attached the 12 page checklist. "
    "555-0142.",
])
def test_numbers_that_are_no_phone_stay_reasons(text: str) -> None:
    assert codes(text) == []


# --- repeats in e-mail threads ----------------------------------------------------------------

FIRST = ("Subject: Hood filters at your Main Street restaurant\n\nDear Mr. Patel,\n\nThe "
         "county's inspection report for your Main Street location, dated 12 May, noted grease "
         "build-up on the hood filters. We clean the hood systems for Spice Route and Tandoor "
         "House on the same street, usually on Monday nights after close. A full clean for a "
         "hood your size takes about three hours and costs $380.\n\nRuth Ashford")


def test_a_reply_in_the_thread_is_no_new_name() -> None:
    # "Re" and the first word after the greeting start lines, not names.
    again = ("Subject: Re: Hood filters\n\nDear Mr. Patel,\n\nI wanted to mention again that "
             "your May inspection flagged the hood filters at the Main Street restaurant. We "
             "already look after Spice Route and Tandoor House on your street, working Monday "
             "nights after close, and a clean for your hood size is three hours and $380.\n\n"
             "Ruth Ashford")
    assert content_repeat(again, FIRST)[0]
    assert "repeated" in codes(again, "email", (FIRST,))


def test_a_follow_up_in_the_thread_with_a_new_name_is_no_repeat() -> None:
    # A new customer mid-sentence is still a new fact in a reply.
    new = ("Subject: Re: Hood filters\n\nDear Mr. Patel,\n\nOne more on the hood filters: we "
           "also clean for Bombay Garden on Elm, and their re-inspection passed on the first "
           "visit.\n\nRuth Ashford")
    assert "repeated" not in codes(new, "email", (FIRST,))


# --- indirect blame -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hi Matt, Kim at Ironclad. I've called twice already and nothing. Your Plano subdivisions "
    "need re-roofs; we have 300 squares in Garland. 972-555-0183.",
    "Hey Danny, Mike at Torque again. Dude, I've called like five times. 972-555-0198.",
    "Hi Doug, it's Sherry. Guess my last voicemail got lost in the shuffle. 262-555-0144.",
    "Hey Ryan, Sophie at Patchwork. I know you're probably swamped, but a quick reply would've "
    "been nice. 415-555-0136.",
    "Ms. Chen, a simple yes or no would be appreciated so I know whether to keep the form open.",
    "Ms. Novak, I'm a little concerned not to have heard back, given this is a security matter.",
    "Good afternoon, Mrs. Tanaka, Brian Feeney again. I was rather expecting a call back after "
    "my last message. 617-555-0175.",
])
def test_the_e_set_reproaches_are_blame(text: str) -> None:
    assert "blames" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Ana, Rita at Acme. I've tested it twice on a line like yours and scrap fell 8%. 555-0142.",
    "Hi Ana, Rita at Acme. A reply by Friday would be great, since the county rebate closes "
    "Monday. 555-0142.",
    "Hi Ana, Rita at Acme. I was expecting a call from the county inspector about your permit, "
    "and they say it is approved. 555-0142.",
    "Hi Ana, Rita at Acme. Our customers were frustrated with slow tickets until Hale Tool cut "
    "waits 40%. 555-0142.",
    "Hi Ana, Rita at Acme. The county says the first shipment got lost in Memphis, so I "
    "re-ordered your filters. 555-0142.",
    "Hi Ana, Rita at Acme. Hale Tool tried it and nothing leaked in six months. 555-0142.",
])
def test_near_the_new_blame_families_but_no_reproach(text: str) -> None:
    assert "blames" not in codes(text)


def test_frustration_with_a_thing_is_the_reps_story_not_blame() -> None:
    text = ("My name is Daniel and I'm the founder of LexBridge. I started LexBridge after ten "
            "years as a litigator because I was frustrated with clunky legal software.")
    assert "blames" not in codes(text, "email")


# --- the rep's need -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hi Laura, Ben at Tidewater. Mike Kincaid asked me to call you. I'm at ninety percent of my "
    "number for the quarter. 614-555-0187.",
    "Hi Tasha, Orchard Ridge onboarded 52 pickers in four days. I've got a demo target I'm "
    "falling a little short on, and you'd honestly be doing me a huge favour.",
    "Hi Jake, Erin at Vantage. Dana Marsh mentioned you own the churn dashboard. I'm really "
    "trying to close out my quarter strong. 704-555-0102.",
    "Hi, Trent from Apex Payroll again. I need just one meeting this week to stay on track. "
    "801-555-0137.",
    "Dear Ms. Hoang, winning your lanes would honestly make the difference for us this year, so "
    "please give us a fair hearing.",
    "Hi Denise, sign up for Heartland Payroll before the 31st and get 25% off your first year.",
    "Hi Denise, this is a limited-time offer and won't be repeated.",
])
def test_the_e_set_pleas_are_desperate(text: str) -> None:
    assert "desperate" in codes(text, "email")


@pytest.mark.parametrize("text", [
    "Hi Ana, Rita at Acme. Your line runs at ninety percent of its target speed; Hale Tool got to "
    "98% with our feeder. 555-0142.",
    "Hi Ana, Rita at Acme. I attached the monthly numbers for the Dayton plant: scrap fell 8%. "
    "555-0142.",
    "Hi Ana, Rita at Acme. The rebate gives your plant a fair chance against the Ohio mills: 30% "
    "back on new motors. 555-0142.",
    "Hi Ana, Rita at Acme. The county rebate is a limited-time program, ending when the fund "
    "runs out: 30% back on LED retrofits. 555-0142.",
    "Hi Ana, Rita at Acme. To stay on track for your March audit, the county needs the boiler "
    "log by the 1st; I can fill it in for you. 555-0142.",
])
def test_near_the_new_pressure_families_but_no_plea(text: str) -> None:
    assert "desperate" not in codes(text)


# --- empty claims -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # A discount offered proves no claim.
    "Hi Ms. Warren, Jonathan at Heritage. We offer unbeatable coverage at the best rates in "
    "Indiana, and I can add an extra ten percent off. 317-555-0119.",
    # A region with the rep's own "we've got" is no customer's result.
    "Hi Matt, Kim at Ironclad. We've got the best selection of shingles in North Texas. "
    "972-555-0183.",
    "Hi Amanda, our clients typically see dramatic improvements in both cost and guest "
    "satisfaction.",
    "Hey Jamie, it's Sam at Brightline CRM. As you scale the sales team, we'll help your reps "
    "close more deals, faster. 415-555-0193.",
    "Hello Janet, Rob from ClearPay. We have a payroll platform that saves businesses time and "
    "money. 502-555-0166.",
    "Hi Frank, it's Leanne from Harvest Moon. Our service team is hands-down the best around. "
    "563-555-0185.",
])
def test_the_e_set_claims_are_empty(text: str) -> None:
    assert "empty_claim" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Ana, Rita at Acme. Hale Tool saw dramatic improvements on press 4: scrap fell from 9% "
    "to 3%. 555-0142.",
    "Hi Ana, Rita at Acme. Dana Marsh said your team wants to close more deals in Dayton; I "
    "mailed you the list of 40 buyers she used. 555-0142.",
    "Hi Ana, Rita at Acme. The state rule on the future of diesel forklifts changes in June; I "
    "attached the two-page summary. 555-0142.",
    "Hi Ana, Rita at Acme. Hale Tool got 15 percent off their freight by moving to our Tuesday "
    "lane. 555-0142.",
])
def test_near_the_new_claim_families_but_a_fact(text: str) -> None:
    assert codes(text) == []


# --- reasons the reader saw or missed ------------------------------------------------------------

def test_the_reps_company_as_subject_is_its_story_not_a_peer() -> None:
    text = ("Subject: Meet the new team at Sunbelt\n\nHi Maria,\n\nExciting news! Sunbelt "
            "Hospitality Supply has just moved into a new 80,000-square-foot warehouse in "
            "Orlando. We've also hired four new account managers, and I'm one of them. Our "
            "founder, Jim Ramos, started the company out of his garage in 1992.\n\nI'd love to "
            "stop by and say hello.\n\nVictor")
    assert "no_reason" in codes(text, "email")


def test_founded_somewhere_in_a_year_is_the_companys_story() -> None:
    read = read_sentences("Hello Mr. Grant, I'm Oliver. Pinecrest was founded in Omaha in 1994 "
                          "and has 75 employees.")
    assert read[-1].about == "me" and not read[-1].reasons


@pytest.mark.parametrize("text", [
    # What the listener did, counted, leads; the rep's news follows.
    "Hi Sandra, Phil at Cornerstone Title. You closed four transactions with us at your old "
    "brokerage, and I wanted you to know your buyers can still close at our Maple Street office "
    "– and we've added Saturday morning closings since April. 317-555-0149.",
    # Stock on hand at a price is an offer.
    "Hi Matt, Kim at Ironclad. We have 300 squares of Class 4 shingle in our Garland yard today, "
    "at $112 a square. 972-555-0183.",
    # A customer's result with the rep only as the owner of what they used.
    "Hi Brenda, Cole at Heartland Feeds. Three Marathon County dairies on our 22% pellet are "
    "weaning five days earlier. 555-0199.",
])
def test_good_messages_the_e_set_found_alarms_in(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize("text", [
    "Hi Ana, Rita at Acme. Most hotel groups are leaving money on the table. Do you have 10 "
    "minutes this week? 555-0142.",
    "Hi Ana, Rita at Acme. You received my brochure last week, and we have been in business for "
    "30 years. 555-0142.",
])
def test_near_the_new_reasons_but_none(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    # News the rep heard of about their business is a reason (the e… author's rule, and the
    # earlier sets' for news with a verb the reader knew).
    "Hi Laura, Ben at Tidewater Logistics. I saw your Dayton plant just added a second shift. "
    "614-555-0187.",
    "Hello Dr. Osei, Fiona from MedLine Direct. I understand your clinic's supply contract with "
    "Cardinal ends in June. 919-555-0181.",
])
def test_news_the_rep_heard_of_is_a_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Melissa, Brad at SwiftPay. I noticed you opened my last e-mail five times. 555-0174.",
    "Hi Ana, Rita at Acme. I heard you got my brochure. 555-0142.",
])
def test_what_they_did_with_the_reps_note_is_no_news(text: str) -> None:
    assert "no_reason" in codes(text)
