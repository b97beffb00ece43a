"""The shared base imports no app of ours, so every app can build on it (DESIGN.md's layers)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import minden_integration.core

OUR_PACKAGES = ("concept", "workgroups", "measures", "minden_integration")
CORE = Path(minden_integration.core.__file__).parent


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_the_shared_base_imports_no_app_of_ours(path):
    ours = {
        name
        for name in imported_modules(path)
        if name.split(".")[0] in OUR_PACKAGES and not name.startswith("minden_integration.core")
    }
    assert ours == set()
