"""Web toolkit every feature's pages share: form helpers, error pages, Jinja filters."""
