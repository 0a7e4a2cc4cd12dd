"""The shape of the extraction package (issue 15): no module over 450 lines, and no
import cycle, nor a late import inside a function that would hide one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
EXTRACT = SRC / "archiver" / "extract"
MODULES = sorted(EXTRACT.rglob("*.py"))
MAX_LINES = 450


def _name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {_name(path) for path in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(EXTRACT)))
def test_no_extraction_module_is_over_450_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines; split it along a seam"


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules of archiver.extract an import statement names (`from pkg import
    module` names the module, `from module import name` the module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name in NAMES]
    base = node.module or ""
    found = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in NAMES]
    if base in NAMES and len(found) < len(node.names):
        found.append(base)
    return found


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports run when the module is imported (those under `if TYPE_CHECKING:` never are)."""
    out: list[ast.Import | ast.ImportFrom] = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append(node)
    return out


def _ours(node: ast.Import | ast.ImportFrom) -> bool:
    """An import statement of archiver's own code."""
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").startswith("archiver")
    return any(alias.name.startswith("archiver") for alias in node.names)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(EXTRACT)))
def test_no_function_imports_our_own_code_late(path: Path) -> None:
    """A function-level import of archiver code is how a cycle is dodged: none here."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))
    imports = (
        inner
        for function in functions
        for inner in ast.walk(function)
        if isinstance(inner, ast.Import | ast.ImportFrom)
    )
    late = [node.lineno for node in imports if _ours(node)]
    assert not late, f"{path.name} imports archiver code inside a function, lines {late}"


def test_the_extraction_modules_import_one_another_without_a_cycle() -> None:
    graph = {
        _name(path): {
            target
            for node in _top_level_imports(ast.parse(path.read_text(encoding="utf-8")))
            for target in _imported(node)
        }
        for path in MODULES
    }
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
