"""Entry point: `flask --app app ...` and `gunicorn app:app` find the application here."""

from referrals import create_app

app = create_app()
