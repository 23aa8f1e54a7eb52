"""The mapping profiles shipped with levensfase.ingest, offered on the import page."""

from __future__ import annotations


def shipped_profiles() -> list[tuple[str, str]]:
    """(value passed to read_exchange, label) for every shipped profile; empty if none."""
    try:
        from levensfase.ingest import mapping
    except ImportError:
        return []
    return [(name, name) for name in sorted(getattr(mapping, "SHIPPED", {}))]
