"""'Werkt het?' is computed once per data version for all server processes (evaluation_cache).

Outside a transaction only (the cache is bypassed inside one on purpose: the data may be
uncommitted), so these tests commit for real.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from levensfase.evaluation import evaluation_rows
from levensfase.web.hr.selectors import load_tables
from levensfase.web.hr.services import import_tables
from levensfase.web.maatwerk import evaluation_selectors
from levensfase.web.maatwerk.evaluation_cache import cache_dir, evaluation_key, shared

pytestmark = pytest.mark.django_db(transaction=True)
ON = date(2025, 6, 30)


@pytest.fixture
def counted(monkeypatch):
    """How often the core's evaluate ran in this process; and a worker that starts without memory."""
    calls = []
    real = evaluation_selectors.evaluate

    def evaluate(*args, **kwargs):
        calls.append(kwargs.get("as_of"))
        return real(*args, **kwargs)

    monkeypatch.setattr(evaluation_selectors, "evaluate", evaluate)
    monkeypatch.setattr(evaluation_selectors, "_last", None)
    return calls


def _rows(result) -> pl.DataFrame:
    return evaluation_rows(result)


def test_another_worker_reads_the_stored_result_instead_of_computing(org, counted, monkeypatch):
    first = evaluation_selectors.evaluation(on=ON, k=5)
    assert counted == [ON]
    files = list(cache_dir().glob("*.pickle"))
    assert [f.stem for f in files] == [evaluation_key(on=ON, k=5)]

    monkeypatch.setattr(evaluation_selectors, "_last", None)  # a fresh worker process: nothing in memory
    second = evaluation_selectors.evaluation(on=ON, k=5)
    assert counted == [ON]  # read from the file, not computed again
    assert second is not first and _rows(second).equals(_rows(first))
    assert second.groups[0].balance.equals(first.groups[0].balance)


def test_a_data_change_or_another_k_gives_a_new_result(org, counted, monkeypatch):
    evaluation_selectors.evaluation(on=ON, k=5)
    before = evaluation_key(on=ON, k=5)
    events = load_tables(names=["life_events"])["life_events"]
    extra = pl.DataFrame([("P01", "study", date(2025, 1, 6), None)], schema=events.schema, orient="row")
    import_tables(tables={"life_events": pl.concat([events, extra])}, source="one more event")

    assert evaluation_key(on=ON, k=5) != before
    monkeypatch.setattr(evaluation_selectors, "_last", None)
    evaluation_selectors.evaluation(on=ON, k=5)
    evaluation_selectors.evaluation(on=ON, k=7)
    assert counted == [ON, ON, ON]  # computed again after the import, and for k = 7
    assert len(list(cache_dir().glob("*.pickle"))) == 3


def test_inside_a_transaction_nothing_is_stored(org, counted):
    from django.db import transaction

    with transaction.atomic():
        evaluation_selectors.evaluation(on=ON, k=5)
    assert counted == [ON] and not list(cache_dir().glob("*.pickle"))


_WORKER = textwrap.dedent("""
    import sys, time, django
    django.setup()
    from levensfase.web.maatwerk.evaluation_cache import shared

    def compute():
        with open(sys.argv[1], "a") as log:
            log.write("computed\\n")
        time.sleep(1.5)
        return {"answer": 42}

    print(shared("k" * 32, compute))
""")


def test_two_processes_at_once_compute_once_and_both_get_the_result(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "levensfase.web.settings", "LEVENSFASE_HOME": str(tmp_path),
           "LEVENSFASE_CACHE_DIR": str(tmp_path / "cache")}
    log = tmp_path / "computed.log"
    workers = [subprocess.Popen([sys.executable, "-c", _WORKER, str(log)], env=env, stdout=subprocess.PIPE, text=True)
               for _ in range(2)]
    outputs = [w.communicate(timeout=120)[0].strip() for w in workers]
    assert outputs == ["{'answer': 42}", "{'answer': 42}"]
    assert log.read_text() == "computed\n"
    assert [p.name for p in (tmp_path / "cache" / "evaluation").glob("*.pickle")] == ["k" * 32 + ".pickle"]


def test_a_damaged_file_is_computed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("LEVENSFASE_CACHE_DIR", str(tmp_path))
    folder = cache_dir()
    folder.mkdir(parents=True)
    (folder / "a.pickle").write_bytes(b"not a pickle")
    assert shared("a", lambda: [1, 2]) == [1, 2]
    assert shared("a", lambda: pytest.fail("read from the file")) == [1, 2]
    assert not list(Path(folder).glob("*.tmp"))


def test_an_import_while_serving_stores_the_new_evaluation_in_the_background(org, settings):
    import threading

    from levensfase.web.ui.reads import k

    settings.SERVING = True
    events = load_tables(names=["life_events"])["life_events"]
    extra = pl.DataFrame([("P02", "study", date(2025, 2, 3), None)], schema=events.schema, orient="row")
    import_tables(tables={"life_events": pl.concat([events, extra])}, source="while serving")
    for thread in [t for t in threading.enumerate() if t.name == "warm-dashboards"]:
        thread.join(timeout=120)
    assert [f.stem for f in cache_dir().glob("*.pickle")] == [evaluation_key(on=date.today(), k=k())]
