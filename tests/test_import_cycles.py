"""No import cycle inside `linter/`: every import counts, wherever it is written.

Module-level, function-level and `if TYPE_CHECKING:` imports are all read
from the source (ast), so a module that imports another "lazily" or "only for
types" to dodge a cycle is caught too: the dependency is still there.
Imports by name through `importlib` (the loader and formatter registries) are
plugins chosen at run time and are not edges here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT


def _module_names(package: Path) -> dict[str, Path]:
    names = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of the package that `name` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, *([node.module] if node.module else [])])
            for alias in node.names:
                # `from linter.checks import contact` names a module; `import Context` a name
                target = f"{base}.{alias.name}"
                found.add(target if target in modules else base)
    return {m for m in found if m in modules and m != name}


def import_graph(package: Path) -> dict[str, set[str]]:
    modules = _module_names(package)
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a path a -> … -> a) per module that lies on one, found by DFS."""
    found, state = [], {}  # state: 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, path)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return found


def test_the_linter_package_has_no_import_cycle():
    found = cycles(import_graph(ROOT / "linter"))
    assert found == [], "\n".join(" -> ".join(c) for c in found)


def test_a_cycle_through_a_function_level_or_type_checking_import_is_found(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from pkg.sub import leaf\n")
    (package / "sub" / "leaf.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub import X\n"
    )
    (package / "a.py").write_text("def f():\n    from pkg import b\n")
    (package / "b.py").write_text("from . import a\n")
    found = {frozenset(c) for c in cycles(import_graph(package))}
    assert found == {frozenset({"pkg.a", "pkg.b"}), frozenset({"pkg.sub", "pkg.sub.leaf"})}


def _reached(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module `start` imports, directly or through others."""
    seen, todo = set(), [start]
    while todo:
        for nxt in graph[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def test_the_records_import_nothing_from_the_package():
    # Every stage hands records on; as a leaf module they can be in no cycle.
    assert _reached(import_graph(ROOT / "linter"), "linter.records") == set()


def test_the_document_imports_none_of_the_facts_derived_from_it():
    # Derived facts live in the analysis step, which reads the Document, never the reverse.
    # (The normaliser does read headings and figures, through the TextView protocol, to cut
    # flattened reports: docs/design.md; the cycle test keeps those from importing back.)
    graph = import_graph(ROOT / "linter")
    derived = {"linter.analysis", "linter.enumerations", "linter.contacts", "linter.issuer"}
    derived |= {"linter.partitions", "linter.facts", "linter.engine"}
    derived |= {name for name in graph if name.startswith(("linter.tables", "linter.checks"))}
    assert _reached(graph, "linter.document") & derived == set()
