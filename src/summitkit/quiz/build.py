"""Generate ``exercises/`` and the sealed question banks from ``solutions/`` (the single source).

In a solution notebook:
- a cell calling ``quiz.<kind>(...)`` declares a question; its arguments must be plain values
  (text, numbers, lists, dicts) except ``value=`` of a code task. In the exercise it becomes
  ``quiz.show("<id>")`` and the question goes, answer sealed, to ``data/questions/<name>.json``.
  A question with ``in_lesson=True`` is shown in the lesson notebook, not in the exercise.
- ``x = f(y)  # SOLUTION`` becomes ``x = ...  # your code here``;
  lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` become ``...  # your code here``;
- a markdown cell whose first line is ``<!-- solution -->`` (or any cell tagged ``solution``)
  is left out of the exercise.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path

from summitkit.quiz import kinds
from summitkit.quiz.spec import SpecError, split, validate

GENERATED = "Generated from solutions/{name} by 'python3 run.py build'. Do not edit: edit the solution and rebuild."
_SOLUTION_LINE = re.compile(r"^(\s*)([^=#]+?=)\s*.+?#\s*SOLUTION\s*$")


class BuildError(ValueError):
    """A solution notebook cannot be turned into an exercise (the message names the cell)."""


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _declarations(code: str, where: str) -> list[tuple[ast.Call, dict, str | None]]:
    """Top-level ``quiz.<kind>(...)`` calls: (node, spec, source of value= or None)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    found = []
    for node in tree.body:
        call = node.value if isinstance(node, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Name) and call.func.value.id == "quiz"
                and call.func.attr in kinds.names()):
            continue
        spec: dict = {"kind": call.func.attr}
        value_src = None
        if call.args:
            if len(call.args) > 1 or call.keywords and any(k.arg == "id" for k in call.keywords):
                raise BuildError(f"{where}: give the id as the first argument and the rest by name")
            spec["id"] = _literal(call.args[0], where, "id")
        for keyword in call.keywords:
            if keyword.arg == "value":
                value_src = ast.get_source_segment(code, keyword.value)
            else:
                spec[keyword.arg] = _literal(keyword.value, where, keyword.arg)
        found.append((call, spec, value_src))
    return found


def declared_questions(solution: Path) -> dict[str, dict]:
    """Every question declared in a solution notebook, by id, as written (not yet validated)."""
    cells = json.loads(solution.read_text(encoding="utf-8"))["cells"]
    found = {}
    for index, cell in enumerate(cells, start=1):
        if cell.get("cell_type") == "code":
            for _, spec, _ in _declarations(_source(cell), f"solutions/{solution.name}, cell {index}"):
                found[spec["id"]] = spec
    return found


def _literal(node: ast.AST, where: str, name: str) -> object:
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise BuildError(f"{where}: '{name}' must be written out as plain text, numbers, lists or dicts (no variables)") from None


def _strip_solution_lines(code: str) -> str:
    out, skipping = [], False
    for line in code.split("\n"):
        stripped = line.strip()
        if stripped.upper().startswith("# BEGIN SOLUTION"):
            skipping = True
            out.append(line[: len(line) - len(line.lstrip())] + "...  # your code here")
            continue
        if stripped.upper().startswith("# END SOLUTION"):
            skipping = False
            continue
        if skipping:
            continue
        match = _SOLUTION_LINE.match(line)
        out.append(f"{match.group(1)}{match.group(2).rstrip()} ...  # your code here" if match else line)
    return "\n".join(out)


def _is_solution_cell(cell: dict) -> bool:
    if "solution" in (cell.get("metadata", {}).get("tags") or []):
        return True
    return cell.get("cell_type") == "markdown" and _source(cell).lstrip().lower().startswith("<!-- solution -->")


def convert(notebook: dict, name: str) -> tuple[dict, list[dict]]:
    """(exercise notebook, bank entries) from a solution notebook."""
    exercise = copy.deepcopy(notebook)
    cells, entries = [], []
    for index, cell in enumerate(notebook.get("cells", []), start=1):
        if _is_solution_cell(cell):
            continue
        new = copy.deepcopy(cell)
        if cell.get("cell_type") == "code":
            code = _source(cell)
            where = f"solutions/{name}, cell {index}"
            decls = _declarations(code, where)
            lines = code.split("\n")
            keep_cell = True
            found = []
            for call, spec, value_src in reversed(decls):
                try:
                    checked = validate(spec)
                except SpecError as exc:
                    raise BuildError(f"{where}: {exc}") from None
                found.insert(0, split(checked))
                replacement = f'quiz.show("{checked["id"]}"' + (f", value={value_src})" if value_src else ")")
                if checked["in_lesson"]:
                    replacement = ""
                start, end = call.lineno - 1, call.end_lineno
                lines[start:end] = [replacement] if replacement else []
                if checked["in_lesson"] and not "\n".join(lines).strip():
                    keep_cell = False
            entries.extend(found)
            if not keep_cell:
                continue
            new["source"] = _strip_solution_lines("\n".join(lines))
            new["outputs"], new["execution_count"] = [], None
        cells.append(new)
    ids = [e["id"] for e in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise BuildError(f"solutions/{name}: question id(s) used twice: {', '.join(duplicates)}")
    exercise["cells"] = cells
    exercise.setdefault("metadata", {})["summitkit"] = {"generated": GENERATED.format(name=name)}
    return exercise, entries


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def build(root: Path, out: Path | None = None) -> list[Path]:
    """Write exercises/ and data/questions/ (under ``out`` if given, else ``root``); return the files."""
    out = out or root
    written = []
    names = sorted(p.name for p in (root / "solutions").glob("[0-9][0-9]_*.ipynb"))
    (out / "exercises").mkdir(parents=True, exist_ok=True)
    (out / "data" / "questions").mkdir(parents=True, exist_ok=True)
    for name in names:
        notebook = json.loads((root / "solutions" / name).read_text(encoding="utf-8"))
        exercise, entries = convert(notebook, name)
        target = out / "exercises" / name
        target.write_text(_dump(exercise), encoding="utf-8")
        bank = out / "data" / "questions" / name.replace(".ipynb", ".json")
        bank.write_text(_dump({"_generated": GENERATED.format(name=name), "questions": entries}), encoding="utf-8")
        written += [target, bank]
    return written
