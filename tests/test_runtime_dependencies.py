"""Every package the product's code imports is installed by `pip install levensfase` alone.

The test extra pulls in more (scikit-learn brings scipy), so a module the code needs but that only a
test dependency installs passes the suite and breaks `levensfase demo` on a fresh machine.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

SOURCE = Path(__file__).resolve().parents[1] / "src" / "levensfase"


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"levensfase"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_closure(root: str) -> set[str]:
    """The distributions installed with `root` without extras (its requirements, recursively)."""
    seen, todo = set(), [root]
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def test_every_imported_package_is_a_runtime_dependency() -> None:
    providers = metadata.packages_distributions()
    runtime = _runtime_closure("levensfase")
    missing = {
        module: providers.get(module, ["?"])
        for module in _imported_top_levels()
        if not any(_canonical(d) in runtime for d in providers.get(module, []))
    }
    assert missing == {}, f"imported but only installed by an extra or by hand: {missing}"
