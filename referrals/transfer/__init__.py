"""Bringing a network in (contacts, ties, group memberships, a whole team) and taking it out.

Pure modules read and write files (`decoding`, `records`, `csvfiles`, `vcards`, `teamdoc`,
`planning`, `writers`); `services` talks to the database, `exports` turns it into downloads,
`storage` keeps an upload between its preview and its import; `views`, `forms` and `cli` are
the thin edges.
"""
