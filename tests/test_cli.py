"""Flask commands: seed-demo."""

from __future__ import annotations

from sqlalchemy import func, select

from referrals.demo import DEMO_PASSWORD, seed_demo
from referrals.extensions import db
from referrals.models import Group, Person, Relationship, User, ValueItem


def _snapshot() -> tuple:
    people = db.session.execute(
        select(Person.name, Person.company, Person.is_prospect).order_by(Person.id)
    ).all()
    ties = db.session.execute(
        select(Relationship.kind, Relationship.rating).order_by(Relationship.id)
    ).all()
    return people, ties


def test_seed_demo_builds_a_believable_team(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "ana@demo.example" in result.output and DEMO_PASSWORD in result.output
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    assert count(User) == 3
    assert 190 <= count(Person) <= 210
    assert count(Relationship) == 600
    assert count(Group) == 6
    companies = db.session.scalar(select(func.count(func.distinct(Person.company))))
    assert companies >= 30
    for role in ("customer", "reference", "advocate", "prospect"):
        assert db.session.scalar(select(func.count()).where(getattr(Person, f"is_{role}"))) > 5
    ratings = set(db.session.scalars(select(Relationship.rating)))
    assert ratings == {1, 2, 3, 4, 5} or len(ratings) >= 4
    # Outreach: a value library, and a stalled prospect to show the craft on.
    from referrals.outreach.callback import stalled_prospects

    assert count(ValueItem) >= 5
    ana = db.session.scalar(select(User).where(User.email == "ana@demo.example"))
    assert len(stalled_prospects(db.session, ana)) == 1


def test_seed_demo_is_reproducible_from_its_seed(app):
    seed_demo(db.session, seed=11)
    first = _snapshot()
    db.session.rollback()
    seed_demo(db.session, seed=11)
    assert _snapshot() == first
    db.session.rollback()
    seed_demo(db.session, seed=12)
    assert _snapshot() != first
    db.session.rollback()


def test_seed_demo_if_empty_leaves_existing_data_alone(runner, user):
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0
    assert "not seeding" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_demo_login_works(client, runner):
    runner.invoke(args=["seed-demo"])
    from tests.conftest import AuthActions

    response = AuthActions(client).login("ana@demo.example", DEMO_PASSWORD)
    assert response.status_code == 302
