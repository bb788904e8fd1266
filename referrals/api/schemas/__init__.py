"""Pydantic models of the API, one module per resource (as referrals.api's views)."""
