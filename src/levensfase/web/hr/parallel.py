"""One shared work list, done by this thread and one worker thread at once.

Why: the hr tables are read from SQLite and turned into frames by Polars, and both let go of
the GIL while they work, so on two cores two threads take half the time. The worker needs
things that belong to its own thread (a database connection of its own), so it gets them from
a context manager entered and left inside that thread. Nothing here knows about Django.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable
from contextlib import AbstractContextManager
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)
Result = TypeVar("Result")
Worker = Callable[[], AbstractContextManager[Callable[[Item], Result]]]


def take_turns(items: Iterable[Item], *, here: Callable[[Item], Result], there: Worker) -> dict[Item, Result]:
    """Each item done exactly once, by `here` (this thread) or by the function `there()` yields.

    Items are taken in the given order, whoever is free first (so put the largest first). The
    first error on either side stops both from taking more, the worker is always waited for
    (so whatever `there` opened is closed again), and then the error is raised here.
    """
    pending = iter(list(items))
    lock = threading.Lock()
    results: dict[Item, Result] = {}
    errors: list[BaseException] = []
    done = object()

    def take():
        with lock:
            return done if errors else next(pending, done)

    def work(function: Callable[[Item], Result]) -> None:
        while (item := take()) is not done:
            results[item] = function(item)

    def worker() -> None:
        try:
            with there() as function:
                work(function)
        except BaseException as error:  # noqa: BLE001 - handed to the caller below
            with lock:
                errors.append(error)

    thread = threading.Thread(target=worker, name="levensfase-take-turns", daemon=True)
    thread.start()
    try:
        work(here)
    except BaseException as error:
        with lock:
            errors.append(error)
        raise
    finally:
        thread.join()
    if errors:
        raise errors[0]
    return results
