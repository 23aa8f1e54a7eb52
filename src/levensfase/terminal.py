"""What the command line shares: language, messages, progress bars, Django start-up, clean failure.

Users of the CLI are HR advisers, not Python programmers: every failure becomes one clear
sentence and an exit code, never a traceback (the details go to a log file under LEVENSFASE_HOME).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

EXIT_REFUSED = 1  # the input was understood but refused (import problems)
EXIT_USAGE = 2  # the arguments or the input could not be used


class OutputFormat(str, Enum):
    """`--format` of the commands that print a result: JSON for programs, a table for people."""

    json = "json"
    table = "table"


class Refusal(Exception):
    """A clear, expected refusal: printed as one message, exit code `code`, nothing changed."""

    def __init__(self, nl: str, en: str | None = None, *, code: int = EXIT_USAGE) -> None:
        super().__init__(nl)
        self.nl, self.en, self.code = nl, en or nl, code

    @property
    def message(self) -> str:
        return self.en if language() == "en" else self.nl


def language() -> str:
    """Dutch unless LEVENSFASE_LANG (or LANG) asks for English."""
    chosen = os.environ.get("LEVENSFASE_LANG") or os.environ.get("LANG", "nl")
    return "en" if chosen.lower().startswith("en") else "nl"


def t(nl: str, en: str) -> str:
    return en if language() == "en" else nl


def home() -> Path:
    path = Path(os.environ.get("LEVENSFASE_HOME", "var")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def parse_date(text: str, *, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise Refusal(
            f"{option}: '{text}' is geen datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-12-31.",
            f"{option}: '{text}' is not a date; use YYYY-MM-DD, for example 2025-12-31.",
        ) from None


def default_k() -> int:
    """k for small-cell suppression from LEVENSFASE_K (default 5), refused plainly when it is no whole number ≥ 2."""
    text = os.environ.get("LEVENSFASE_K", "5").strip()
    if not text.isdigit() or int(text) < 2:
        raise Refusal(f"LEVENSFASE_K moet een heel getal van 2 of meer zijn, niet {text!r}.",
                      f"LEVENSFASE_K must be a whole number of 2 or more, not {text!r}.")
    return int(text)


def start_django(*, migrate: bool = True) -> None:
    """Configure Django for commands that use the database; create or update its tables."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levensfase.web.settings")
    import django
    from django.core.management import call_command
    from django.utils import translation

    django.setup()
    translation.activate(language())
    if migrate:
        try:
            call_command("migrate", verbosity=0, interactive=False)
        except Exception as exc:  # an unreachable PostgreSQL, a read-only folder, …
            raise Refusal(
                f"De database is niet bereikbaar of niet bij te werken: {exc}",
                f"The database cannot be reached or updated: {exc}",
            ) from exc


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[str, float], None]]:
    """A Rich progress bar fed by `callback(stage, fraction)`; silent when output is not a terminal."""
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=True, disable=not errors.is_terminal) as bar:
        task = bar.add_task(label, total=1.0)

        def update(stage: str, fraction: float) -> None:
            bar.update(task, description=f"{label}: {stage}", completed=max(0.0, min(1.0, fraction)))

        yield update
        bar.update(task, completed=1.0)


def run_guarded(app: Callable[[], object]) -> None:
    """Run the Typer app so that no traceback reaches the user."""
    try:
        app()
    except Refusal as refusal:
        errors.print(f"[bold red]{t('Fout', 'Error')}:[/] {refusal.message}")
        sys.exit(refusal.code)
    except KeyboardInterrupt:
        errors.print(t("Afgebroken.", "Interrupted."))
        sys.exit(130)
    except SystemExit:
        raise
    except Exception:  # noqa: BLE001 - the last line of defence
        log = home() / "levensfase.log"
        logging.basicConfig(filename=log, level=logging.ERROR)
        logging.getLogger("levensfase").error("unexpected error\n%s", traceback.format_exc())
        errors.print(
            t(
                f"[bold red]Onverwachte fout.[/] Er is niets half opgeslagen. Details staan in {log}.",
                f"[bold red]Unexpected error.[/] Nothing was half-written. Details are in {log}.",
            )
        )
        sys.exit(70)
