"""The package's imports of its own modules, read from the source files without running them.

Every ``import`` and ``from ... import`` is found, at the top of a module or inside a function.
The figure fingerprints use it (a figure depends on every module it imports, directly or not),
and so does the test of the layers written down in ``docs/developing.md``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "summitkit"
#: The package's own folder (``src/summitkit`` in a checkout, ``site-packages/summitkit`` when installed).
PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Import:
    """One import of a package module by another (or by a file outside the package)."""

    importer: str  # module name, or the file's path for a file outside the package
    imported: str  # a module of the package
    line: int
    in_function: bool  # inside a function body (runs when the function is called, not on import)


def module_files(folder: Path = PACKAGE_DIR, package: str = PACKAGE) -> dict[str, Path]:
    """Every module of the package: ``{"summitkit.sources": Path(...), ...}`` (packages by their ``__init__.py``)."""
    out = {}
    for path in sorted(folder.rglob("*.py")):
        parts = list(path.relative_to(folder).with_suffix("").parts)
        if "__pycache__" in parts or any(not p.isidentifier() for p in parts):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join([package, *parts])] = path
    return out


def _resolve(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_in(path: Path, importer: str, modules: set[str], is_package: bool = False) -> list[Import]:
    """The imports of package modules that one file makes, wherever they sit in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name in modules:
                        found.append(Import(importer, alias.name, child.lineno, in_function))
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(child, importer, is_package)
                for alias in child.names:
                    target = f"{base}.{alias.name}"
                    if target in modules:
                        found.append(Import(importer, target, child.lineno, in_function))
                    elif base in modules:
                        found.append(Import(importer, base, child.lineno, in_function))
            visit(child, inside)

    visit(tree, False)
    return found


def graph(folder: Path = PACKAGE_DIR, package: str = PACKAGE) -> dict[str, list[Import]]:
    """Each module with the package imports it makes."""
    files = module_files(folder, package)
    names = set(files)
    return {name: imports_in(path, name, names, path.name == "__init__.py") for name, path in files.items()}


def cycles(edges: dict[str, list[Import]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a loop (strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def strong(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for edge in edges.get(node, []):
            target = edge.imported
            if target not in index:
                strong(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or any(e.imported == node for e in edges.get(node, [])):
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            strong(node)
    return found


def closure(start: Path, folder: Path = PACKAGE_DIR, package: str = PACKAGE) -> list[Path]:
    """``start`` and every package file it imports, directly or through others, in a stable order."""
    files = module_files(folder, package)
    names = set(files)
    by_path = {p.resolve(): n for n, p in files.items()}
    start = start.resolve()
    seen: dict[Path, None] = {start: None}
    todo = [start]
    while todo:
        path = todo.pop()
        module = by_path.get(path, str(path))
        for edge in imports_in(path, module, names, path.name == "__init__.py"):
            target = files[edge.imported].resolve()
            if target not in seen:
                seen[target] = None
                todo.append(target)
    return sorted(seen, key=str)
