"""The demo organisation: generated, written as exchange files, imported like a customer's data."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from levensfase.ingest.problems import problem_count
from levensfase.terminal import Refusal, home, progress_bar, t


def setup_demo(*, employees: int, seed: int, password: str, as_of: date | None = None) -> list:
    """Generate the demo organisation, import it through the normal path, create one login per role.

    The data go through the same files, checks and import as real data, so the demo proves the
    whole chain. Re-running imports the new demo data as a snapshot (each person's master data as
    generated now; answers and other rows are updated, never removed) and resets the demo passwords.
    """
    from levensfase.ingest.generator import generate
    from levensfase.ingest.writer import write_exchange
    from levensfase.web.accounts.services import create_demo_accounts
    from levensfase.web.hr.services import ImportOptions, import_files
    from levensfase.web.surveys.services import create_demo_consents

    reference = as_of or date.today()
    folder = home() / "demo-data"
    with progress_bar(t("Demo-organisatie genereren", "Generating demo organisation")) as update:
        tables = generate(employees=employees, years=10, seed=seed, as_of=reference, progress=update)
    write_exchange(tables, folder, format="csv")
    with progress_bar(t("Demo-organisatie importeren", "Importing demo organisation")) as update:
        outcome = import_files(folder, source=f"demo seed={seed} as_of={reference}", progress=update,
                               options=ImportOptions(mode="snapshot", allow_removal=True))
    if not outcome.ok:  # the generator and the checks disagree: a bug, but say it plainly
        first = outcome.problems[0]
        raise Refusal(
            f"De gegenereerde demo-gegevens zijn afgekeurd ({problem_count(outcome.problems)} problemen, eerste: "
            f"{first.file} rij {first.row}: {first.reason}).",
            f"The generated demo data were refused ({problem_count(outcome.problems)} problems, first: "
            f"{first.file} row {first.row}: {first.reason_en}).",
        )
    logins = create_demo_accounts(password=password)
    create_demo_consents(now=timezone.now())
    _demo_scan(tables, seed=seed, as_of=reference)
    return logins


def decide_demo_patterns() -> None:
    """The demo organisation's year audits before the server starts, with a progress bar, into the
    pattern folder the server's workers read (`serving.serving_environment`). The audits are chained
    year after year (analytics.protected_year): on the 2,500 demo people that is minutes, which
    the first page of a recent year would otherwise wait for."""
    import os

    from levensfase.web.dashboards.selectors import decide_years
    from levensfase.web.serving import serving_environment

    os.environ["LEVENSFASE_PATTERN_CACHE"] = serving_environment()["LEVENSFASE_PATTERN_CACHE"]
    with progress_bar(t("Privacypatronen per jaar berekenen", "Computing the privacy patterns per year")) as update:
        decide_years(progress=update)


def _demo_scan(tables: dict, *, seed: int, as_of: date) -> None:
    """The social-innovation scan of the demo (issue 19): two generated rounds, one programme and the
    generated business results per unit."""
    from levensfase.ingest.generator import generate_scan
    from levensfase.web.scan.services import load_demo_scan, store_kpis

    scan = generate_scan(tables, seed=seed, as_of=as_of)
    load_demo_scan(responses=scan.responses, programme=scan.programme, today=as_of)
    store_kpis(frame=scan.kpis, unit_ids=set(tables["units"]["unit_id"].to_list()))
