"""Generate ``exercises/`` and the sealed question banks from ``solutions/`` (the single source).

In a solution notebook:
- a cell calling ``quiz.<kind>(...)`` declares a question; its arguments must be plain values
  (text, numbers, lists, dicts) except ``value=`` of a code task. In the exercise it becomes
  ``quiz.show("<id>")``, with ``from summitkit import quiz`` above it so the cell works even when it
  is run first, and the question goes, answer sealed, to ``data/questions/<name>.json``.
  A code task's ``value=<name>`` becomes its ``variable``: the exercise's question reads ``<name>`` itself.
  The exercise notebook is ``exercises/<name>_exercises.ipynb`` (:func:`exercise_name`).
  A question with ``in_lesson=True`` is shown in the lesson notebook, not in the exercise.
- ``x = f(y)  # SOLUTION`` becomes ``x = ...  # your code here``;
  lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` become ``...  # your code here``;
- a markdown cell whose first line is ``<!-- solution -->`` (or any cell tagged ``solution``)
  is left out of the exercise.

The build fails (:class:`BuildError`, naming notebook, cell and line) rather than copy something it
cannot read: a code cell that is not valid Python, a declaration it cannot take apart, a ``# SOLUTION``
mark it cannot apply, a question id that breaks the rules below or is used twice (in one notebook or
in two). Nothing is written unless every solution notebook converts.

Question ids (:func:`id_problem`): ``NN-words``, where ``NN`` is the lesson number of the solution
notebook the question is declared in (``02`` in ``solutions/02_timeline.ipynb``), then a hyphen and
lower-case letters (a-z), digits and single hyphens, at most 40 characters: ``02-kremlin-date``. The id
is how progress, exports and grades find the question, so it is unique across the course and it
never changes once learners have answered (change the prompt instead, or give a changed question a new id).
"""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path

from summitkit.nbfiles import strip
from summitkit.quiz import kinds
from summitkit.quiz.spec import SpecError, split, validate

GENERATED = "Generated from solutions/{name} by 'python3 run.py build'. Do not edit: edit the solution and rebuild."
EXERCISE_SUFFIX = "_exercises"
_SOLUTION_LINE = re.compile(r"^(\s*)([^=#]+?=)\s*.+?#\s*SOLUTION\s*$")
_MARK = re.compile(r"#\s*SOLUTION\s*$")
_MAGIC = re.compile(r"^(\s*)[%!]")
ID_RULE = re.compile(r"(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*")
ID_MAX = 40


def lesson_number(notebook_name: str) -> str:
    """The lesson number a solution notebook's name starts with ('02_timeline.ipynb' -> '02')."""
    return notebook_name[:2]


def suggest_id(qid: object, lesson: str) -> str:
    """A valid id close to ``qid`` for lesson ``lesson``: 'My Question' -> '02-my-question', '03-x' -> '02-x'."""
    words = re.sub(r"[^a-z0-9]+", "-", str(qid).lower()).strip("-")
    words = re.sub(r"^\d\d-", "", words) or "question"
    return f"{lesson}-{words}"[:ID_MAX].rstrip("-")


def id_problem(qid: object, lesson: str) -> str:
    """What is wrong with a question id declared in lesson ``lesson``'s solution notebook ("" if nothing).

    >>> id_problem("02-kremlin-date", "02")
    ''
    >>> print(id_problem("my question", "02"))
    'my question' is not of the form NN-words (the lesson number, a hyphen, then lower-case letters, digits and single hyphens); write it like '02-my-question'
    >>> print(id_problem("03-x", "02"))
    '03-x' starts with 03, but it is declared in lesson 02's notebook: an id starts with its lesson's number; write it like '02-x' (or move the question to lesson 03)
    """
    if not isinstance(qid, str):
        return f"the id must be text, like '{lesson}-my-question'"
    if len(qid) > ID_MAX:
        return f"{qid!r} is longer than {ID_MAX} characters; shorten it, like '{suggest_id(qid, lesson)}'"
    match = ID_RULE.fullmatch(qid)
    if not match:
        return (
            f"{qid!r} is not of the form NN-words (the lesson number, a hyphen, then lower-case letters, digits and single "
            f"hyphens); write it like '{suggest_id(qid, lesson)}'"
        )
    if match.group(1) != lesson:
        return (
            f"{qid!r} starts with {match.group(1)}, but it is declared in lesson {lesson}'s notebook: an id starts with its "
            f"lesson's number; write it like '{suggest_id(qid, lesson)}' (or move the question to lesson {match.group(1)})"
        )
    return ""


class BuildError(ValueError):
    """A solution notebook cannot be turned into an exercise (the message names the notebook and cell)."""


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _is_cell_magic(code: str) -> bool:
    return code.lstrip().startswith("%%")


def _parse(code: str, where: str) -> ast.Module:
    """The cell as Python (IPython's ``%magic`` and ``!shell`` lines read as ``pass``); BuildError if it is not."""
    lines = [_MAGIC.sub(r"\1pass  # ", line) if _MAGIC.match(line) else line for line in code.split("\n")]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError as exc:
        raise BuildError(
            f"{where}, line {exc.lineno or '?'}: this code cell is not valid Python ({exc.msg}). Fix it in the solution "
            "notebook: the build will not copy a cell it cannot read into the exercise."
        ) from None


def _is_declaration(node: ast.AST, names: tuple[str, ...]) -> bool:
    """``quiz.<kind>(...)`` or ``<anything>.quiz.<kind>(...)``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names):
        return False
    owner = node.func.value
    return (isinstance(owner, ast.Name) and owner.id == "quiz") or (isinstance(owner, ast.Attribute) and owner.attr == "quiz")


def _declarations(code: str, where: str) -> list[tuple[ast.Call, dict, str | None]]:
    """Top-level ``quiz.<kind>(...)`` calls: (node, spec, source of value= or None)."""
    if _is_cell_magic(code):
        if "quiz." in code or _MARK.search(code):
            raise BuildError(
                f"{where}: a %% cell magic cell cannot hold a question or a # SOLUTION mark; move them to a Python cell"
            )
        return []
    tree = _parse(code, where)
    names = kinds.names()
    top = {id(node.value) for node in tree.body if isinstance(node, ast.Expr)}
    found = []
    for node in ast.walk(tree):
        if not _is_declaration(node, names):
            continue
        call: ast.Call = node  # type: ignore[assignment]
        if id(call) not in top:
            raise BuildError(
                f"{where}, line {call.lineno}: write quiz.{call.func.attr}(...) on its own, as a statement of the cell "  # type: ignore[attr-defined]
                "(not inside another call, an assignment or a block), so the build can take it out of the exercise"
            )
        spec: dict = {"kind": call.func.attr}  # type: ignore[attr-defined]
        value_src = None
        if call.args:
            if len(call.args) > 1 or any(k.arg == "id" for k in call.keywords):
                raise BuildError(f"{where}, line {call.lineno}: give the id as the first argument and the rest by name")
            spec["id"] = _literal(call.args[0], where, "id")
        for keyword in call.keywords:
            if keyword.arg is None:
                raise BuildError(f"{where}, line {call.lineno}: write each argument out by name (no **)")
            if keyword.arg == "value":
                value_src = ast.get_source_segment(code, keyword.value)
            else:
                spec[keyword.arg] = _literal(keyword.value, where, keyword.arg)
        if value_src and value_src.isidentifier() and "variable" not in spec and _reads_a_variable(spec["kind"]):
            spec["variable"] = value_src  # the question reads the learner's variable by name: one cell to re-run
        found.append((call, spec, value_src))
    return sorted(found, key=lambda item: item[0].lineno)


def _reads_a_variable(kind: str) -> bool:
    """Whether questions of this kind can read the learner's variable by name (a code task's ``variable``)."""
    return any(f.name == "variable" for f in kinds.get(kind).fields)


def declared_questions(solution: Path) -> dict[str, dict]:
    """Every question declared in a solution notebook, by id, as written (not yet validated)."""
    cells = json.loads(solution.read_text(encoding="utf-8"))["cells"]
    found: dict[str, dict] = {}
    cell_of: dict[str, int] = {}
    for index, cell in enumerate(cells, start=1):
        if cell.get("cell_type") == "code":
            where = f"solutions/{solution.name}, cell {index}"
            for call, spec, _ in _declarations(_source(cell), where):
                qid = spec.get("id")
                problem = id_problem(qid, lesson_number(solution.name))
                if problem:
                    raise BuildError(f"{where}, line {call.lineno}: question id {problem}")
                if qid in found:
                    raise BuildError(
                        f"{where}, line {call.lineno}: question id {qid!r} is already used in cell {cell_of[qid]} of this "
                        "notebook; every question needs its own id"
                    )
                found[qid], cell_of[qid] = spec, index
    return found


def exercise_name(solution: str) -> str:
    """The file name of the exercise made from a solution notebook, distinct from the lesson notebook's.

    The lesson (``notebooks/01_the_sources.ipynb``) and its exercise can be open side by side in JupyterLab,
    whose tabs show only file names, so the exercise carries ``_exercises``:

    >>> exercise_name("01_the_sources.ipynb")
    '01_the_sources_exercises.ipynb'
    """
    stem = solution[: -len(".ipynb")] if solution.endswith(".ipynb") else solution
    return f"{stem}{EXERCISE_SUFFIX}.ipynb"


def solution_notebooks(root: Path) -> list[Path]:
    """The solution notebooks that have exercises (``solutions/NN_*.ipynb``), in order."""
    return sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb"))


def exercise_notebooks(root: Path) -> list[Path]:
    """The exercise notebooks the solutions generate (``exercises/<name>``), in the solutions' order."""
    return [root / "exercises" / exercise_name(path.name) for path in solution_notebooks(root)]


def declared_specs(root: Path | None = None) -> dict[str, dict]:
    """The full, validated spec of every question declared in ``root/solutions`` (default: this course), by id."""
    if root is None:
        from summitkit.paths import course_root

        root = course_root()
    out: dict[str, dict] = {}
    home: dict[str, str] = {}
    for path in solution_notebooks(root):
        for qid, spec in declared_questions(path).items():
            if qid in out:
                raise BuildError(
                    f"solutions/{path.name}: question id {qid!r} is already used in solutions/{home[qid]}; "
                    "every question needs its own id"
                )
            try:
                out[qid] = validate(spec)
            except SpecError as exc:
                raise BuildError(f"solutions/{path.name}: {exc}") from None
            home[qid] = path.name
    return out


def _literal(node: ast.AST, where: str, name: str) -> object:
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise BuildError(f"{where}: '{name}' must be written out as plain text, numbers, lists or dicts (no variables)") from None


def _strip_solution_lines(code: str, where: str) -> str:
    out, opened = [], None
    for number, line in enumerate(code.split("\n"), start=1):
        stripped = line.strip()
        if re.match(r"#\s*BEGIN\s+SOLUTION\b", stripped, re.IGNORECASE):
            if opened:
                raise BuildError(f"{where}, line {number}: '# BEGIN SOLUTION' again before '# END SOLUTION' (line {opened})")
            opened = number
            out.append(line[: len(line) - len(line.lstrip())] + "...  # your code here")
            continue
        if re.match(r"#\s*END\s+SOLUTION\b", stripped, re.IGNORECASE):
            if not opened:
                raise BuildError(f"{where}, line {number}: '# END SOLUTION' without a '# BEGIN SOLUTION' above it")
            opened = None
            continue
        if opened:
            continue
        match = _SOLUTION_LINE.match(line)
        if match:
            out.append(f"{match.group(1)}{match.group(2).rstrip()} ...  # your code here")
        elif _MARK.search(line):
            raise BuildError(
                f"{where}, line {number}: '# SOLUTION' marks an assignment (name = value  # SOLUTION); "
                "put longer answers between '# BEGIN SOLUTION' and '# END SOLUTION'"
            )
        else:
            out.append(line)
    if opened:
        raise BuildError(f"{where}, line {opened}: '# BEGIN SOLUTION' is never closed by '# END SOLUTION'")
    return "\n".join(out)


_IMPORTS_QUIZ = re.compile(r"^\s*from\s+summitkit\s+import\s+(?:\(?\s*)?(?:[\w\s,]*,\s*)?quiz\b", re.M)


def _with_quiz_import(source: str) -> str:
    """A question cell that works on its own: ``from summitkit import quiz`` above ``quiz.show(...)``.

    A learner who runs a question before the notebook's first cell then sees the question, not a
    ``NameError``. The import goes after the cell's opening comments; a cell that imports quiz already is kept.

    >>> print(_with_quiz_import('# Practice\\nquiz.show("00-habits")'))
    # Practice
    from summitkit import quiz
    <BLANKLINE>
    quiz.show("00-habits")
    """
    if _IMPORTS_QUIZ.search(source):
        return source
    lines = source.split("\n")
    at = 0
    while at < len(lines) and lines[at].lstrip().startswith("#"):
        at += 1
    return "\n".join([*lines[:at], "from summitkit import quiz", "", *lines[at:]])


def _is_solution_cell(cell: dict) -> bool:
    if "solution" in (cell.get("metadata", {}).get("tags") or []):
        return True
    return cell.get("cell_type") == "markdown" and _source(cell).lstrip().lower().startswith("<!-- solution -->")


def convert(notebook: dict, name: str) -> tuple[dict, list[dict]]:
    """(exercise notebook, bank entries) from a solution notebook; BuildError if any cell cannot be converted.

    Whatever the solution was saved with (outputs, execution counts, widget state) is left out first.
    """
    notebook = strip(notebook)
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
            shown = False
            found = []
            for call, spec, value_src in reversed(decls):
                problem = id_problem(spec.get("id"), lesson_number(name))
                if problem:
                    raise BuildError(f"{where}, line {call.lineno}: question id {problem}")
                try:
                    checked = validate(spec)
                except SpecError as exc:
                    raise BuildError(f"{where}: {exc}") from None
                found.insert(0, split(checked))
                by_name = value_src and checked.get("variable") == value_src  # read by name: no NameError before the code ran
                replacement = f'quiz.show("{checked["id"]}"' + (f", value={value_src})" if value_src and not by_name else ")")
                if checked["in_lesson"]:
                    replacement = ""
                else:
                    shown = True
                start, end = call.lineno - 1, call.end_lineno
                lines[start:end] = [replacement] if replacement else []
                if checked["in_lesson"] and not "\n".join(lines).strip():
                    keep_cell = False
            entries.extend(found)
            if not keep_cell:
                continue
            source = _strip_solution_lines("\n".join(lines), where)
            if shown:
                source = _with_quiz_import(source)
            if not _is_cell_magic(source):
                try:
                    _parse(source, where)
                except BuildError as exc:  # e.g. '# BEGIN SOLUTION' less indented than the block it empties
                    raise BuildError(f"{exc} (in the exercise made from it)") from None
            new["source"] = source
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


def generate(root: Path) -> list[tuple[Path, str]]:
    """What the build writes, without writing it: (path relative to the course, text) for every exercise and bank.

    BuildError if any solution notebook cannot be converted.
    """
    planned: list[tuple[Path, str]] = []
    seen: dict[str, str] = {}
    for path in solution_notebooks(root):
        name = path.name
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise BuildError(f"solutions/{name}: not a notebook file ({exc})") from None
        exercise, entries = convert(notebook, name)
        for entry in entries:
            if entry["id"] in seen:
                raise BuildError(
                    f"solutions/{name}: question id {entry['id']!r} is already used in solutions/{seen[entry['id']]}"
                )
            seen[entry["id"]] = name
        planned.append((Path("exercises") / exercise_name(name), _dump(exercise)))
        bank = {"_generated": GENERATED.format(name=name), "questions": entries}
        planned.append((Path("data") / "questions" / name.replace(".ipynb", ".json"), _dump(bank)))
    return planned


def build(root: Path, out: Path | None = None) -> list[Path]:
    """Write exercises/ and data/questions/ (under ``out`` if given, else ``root``); return the files.

    Every solution notebook is converted first; if one fails, BuildError is raised and nothing is written.
    """
    out = out or root
    written = []
    for relative, text in generate(root):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
