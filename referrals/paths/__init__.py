"""Warm paths: the team graph cache, path and ranking services, and their pages."""
