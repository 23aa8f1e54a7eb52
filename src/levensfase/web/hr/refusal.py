"""The one error an import or an undo raises when it writes nothing: with a Dutch and an English message."""

from __future__ import annotations


class ImportRefused(Exception):
    """An import that would leave the data inconsistent, destroy app data or remove rows nobody
    confirmed; nothing was written.

    str(error) is the Dutch message for the user, `.message_en` the English one, `.problems`
    one plain line per problem (English) for logs and the CLI; `.notes` / `.notes_en` what
    `import_files` noticed about the files (ignored files or columns, derived dates).
    """

    def __init__(self, message: str, *, message_en: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en
        self.problems = problems or []
        self.notes: list[str] = []
        self.notes_en: list[str] = []


def refuse(problems_nl: list[str], problems_en: list[str]) -> ImportRefused:
    return ImportRefused(
        "Import geweigerd, er is niets opgeslagen: " + " ".join(problems_nl),
        message_en="Import refused, nothing was saved: " + " ".join(problems_en),
        problems=problems_en,
    )
