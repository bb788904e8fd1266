"""Signing in: users, password hashing, sessions and API tokens."""
