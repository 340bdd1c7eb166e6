"""The chain's hub: one service on PostgreSQL that owns the secret and the token, relays the card calls
for every counter, records every redemption attempt once, and gathers every counter's journal.

Qt-free.  ``pos-app hub serve`` runs it (see docs/hub.md).
"""
