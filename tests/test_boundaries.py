"""The code's rooms, kept: only the store speaks SQL, no module grows past a size a
reader can hold, and no two modules import each other."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "archiver"
STORE = SRC / "store"
MAX_LINES = 450
# A statement as code writes one: an SQL keyword in capitals, then more of it.
_SQL = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|WITH|REPLACE)\s+\S", re.M
)
_CALLS = {"execute", "executemany", "executescript", "query"}


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "sample" not in p.relative_to(SRC).parts[:1])


def _outside_store() -> list[Path]:
    return [p for p in _modules() if STORE not in p.parents]


def _sql_in(path: Path) -> list[str]:
    """Each SQL statement or database call in a module, as 'line: text'."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _SQL.search(node.value):
                found.append(f"{node.lineno}: {node.value.strip()[:60]!r}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _CALLS
        ):
            found.append(f"{node.lineno}: .{node.func.attr}(...)")
    return found


@pytest.mark.parametrize("path", _outside_store(), ids=lambda p: str(p.relative_to(SRC)))
def test_only_the_store_speaks_sql(path: Path) -> None:
    assert _sql_in(path) == []


def test_the_sql_finder_finds_sql() -> None:
    """The test above could pass by finding nothing: it must find the store's SQL."""
    found = [line for path in STORE.glob("*.py") for line in _sql_in(path)]
    assert any("SELECT" in line for line in found)
    assert any(".execute(" in line for line in found)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_over_the_size_a_reader_holds(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)}: {lines} lines"


def _imports(path: Path) -> set[str]:
    """The archiver modules a module imports when it is loaded (not those imported
    inside functions, nor for type checking only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for child in [node] if not isinstance(node, ast.If | ast.Try) else ast.walk(node):
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.add(child.module)
                found.update(f"{child.module}.{a.name}" for a in child.names)
    return {name for name in found if name.startswith("archiver")}


def _name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_cycle() -> None:
    """Between modules (a package's __init__ that gathers its own modules is no cycle:
    Python loads the package first either way)."""
    modules = {_name(p): p for p in _modules()}
    graph = {
        name: {
            i for i in _imports(path) if i in modules and i != name and not name.startswith(i + ".")
        }
        for name, path in modules.items()
    }
    # a package's __init__ re-exporting its modules points down, never back up
    for name in graph:
        if modules[name].name == "__init__.py":
            graph[name] = {i for i in graph[name] if not i.startswith(name + ".")}
    cycles = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                cycles.append(" -> ".join([*path[path.index(other) :], other]))
            elif other not in state:
                visit(other, [*path, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
