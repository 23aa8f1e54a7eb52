"""The one error the scan core raises for bad input: a Dutch and an English message fit to show."""

from __future__ import annotations

import polars as pl

__all__ = ["ScanError", "with_columns_of"]


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


def with_columns_of(frame: pl.DataFrame, schema: dict[str, pl.DataType], *, what_nl: str, what_en: str) -> pl.DataFrame:
    """Exactly the `schema`'s columns at its dtypes; ScanError naming missing columns or a wrong type."""
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise ScanError(f"{what_nl}: kolom(men) ontbreken: {', '.join(missing)}.",
                        f"{what_en}: missing column(s): {', '.join(missing)}.")
    try:
        return frame.select(pl.col(c).cast(t, strict=True) for c, t in schema.items())
    except (pl.exceptions.InvalidOperationError, pl.exceptions.ComputeError) as exc:
        raise ScanError(f"{what_nl}: een kolom heeft het verkeerde type ({exc}).",
                        f"{what_en}: a column has the wrong type ({exc}).") from None
