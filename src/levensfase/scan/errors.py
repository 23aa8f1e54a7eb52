"""The one error the scan core raises for bad input: a Dutch and an English message fit to show."""

from __future__ import annotations

__all__ = ["ScanError"]


class ScanError(ValueError):
    """Input the scan cannot use (a questionnaire file, answers, a programme definition).

    `str()` is the Dutch message (the default language); `message_en` is the English one. Pages and
    the CLI show one of the two; nothing has been changed when it is raised.
    """

    def __init__(self, message_nl: str, message_en: str) -> None:
        super().__init__(message_nl)
        self.message_nl, self.message_en = message_nl, message_en

    def message(self, lang: str = "nl") -> str:
        return self.message_en if lang == "en" else self.message_nl
