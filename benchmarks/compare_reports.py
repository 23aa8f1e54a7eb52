"""Compare two `levensfase analyse` JSON documents and list every difference by path.

Run:  python benchmarks/compare_reports.py BEFORE.json AFTER.json [--max 40]

Used to check that speed work leaves the analysis unchanged (issue 21: the same JSON at the full
unit tree before and after). Prints `identical` or the differing paths (missing, added, changed),
and exits 1 when they differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any


def differences(before: Any, after: Any, path: str = "$") -> Iterator[tuple[str, Any, Any]]:
    """(path, before, after) for every leaf that differs; a missing side is the string '<absent>'."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            yield from differences(before.get(key, "<absent>"), after.get(key, "<absent>"), f"{path}.{key}")
    elif isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            yield f"{path} (length)", len(before), len(after)
        for i, (b, a) in enumerate(zip(before, after)):
            yield from differences(b, a, f"{path}[{i}]")
    elif before != after or type(before) is not type(after):
        yield path, before, after


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--max", type=int, default=40, help="differences to print")
    args = parser.parse_args()
    with open(args.before, encoding="utf-8") as b, open(args.after, encoding="utf-8") as a:
        found = list(differences(json.load(b), json.load(a)))
    if not found:
        print("identical")
        return 0
    print(f"{len(found)} difference(s)")
    for path, b, a in found[: args.max]:
        print(f"  {path}: {str(b)[:80]} → {str(a)[:80]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
