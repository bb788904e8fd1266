"""Advocates: their calls, introduction requests, reference matching, follow-ups and care."""
