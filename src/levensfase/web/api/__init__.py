"""The REST API under /api/v1/ (DESIGN §2: a third front door on the same selectors and core)."""
