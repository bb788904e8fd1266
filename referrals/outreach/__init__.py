"""Outreach: openers, voicemail scripts, the message check, touches and cadence."""
