"""The user's settings (API tokens, sign out everywhere), password resets and team members."""
