"""The answer key of the solution notebooks, read from their raw text, and a search for it in student files.

Independent of the build on purpose: the build reads a cell with ``ast`` (and used to skip a cell it could
not parse, copying it, answer and all, into the exercise). Here a cell is read with ``tokenize``, which
reads broken code too, token by token, up to where it breaks; so a cell the build cannot read still gives
up its secrets. A string token is turned into its text with ``ast.literal_eval`` of that one token, which
is reading a literal, not parsing the cell.

Secrets are the texts only a teacher should see: feedback sentences, model answers, explanations and hints
(``feedback=``, ``model=``, ``explain=``, ``hints=``), and the right-hand side of ``# SOLUTION`` lines and
of ``# BEGIN SOLUTION`` blocks.
"""

from __future__ import annotations

import ast
import html
import io
import json
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

SECRET_ARGS = ("feedback", "model", "explain", "hints")
#: Keys a bank entry never holds in the clear.
SEALED_KEYS = {"answer", "feedback", "model", "explain", "hints", "pairs", "items", "tolerance", "tolerance_days", "cite"}
STUDENT_FOLDERS = ("exercises", "notebooks", "data")
MIN_LENGTH = 4


@dataclass(frozen=True)
class Secret:
    notebook: str
    cell: int
    text: str


def _cells(path: Path) -> list[tuple[int, str, str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    out = []
    for index, cell in enumerate(cells, start=1):
        src = cell.get("source", "")
        out.append((index, cell.get("cell_type", ""), "".join(src) if isinstance(src, list) else src))
    return out


def _tokens(source: str) -> list[tokenize.TokenInfo]:
    """Every token up to where the code breaks (tokenize reads broken code further than a parser)."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            found.append(token)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return found


def _text(token: str) -> str | None:
    if re.match(r"^[A-Za-z]*[fF]", token):  # an f-string: keep its literal parts
        body = re.sub(r"^[A-Za-z]*('''|\"\"\"|'|\")", "", token)
        return re.sub(r"('''|\"\"\"|'|\")$", "", body)
    try:
        value = ast.literal_eval(token)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def strings_of_secret_args(source: str) -> list[str]:
    """The string values given to feedback=, model=, explain= and hints= in a cell (dict keys are not secret)."""
    tokens = [t for t in _tokens(source) if t.type not in (tokenize.NL, tokenize.COMMENT, tokenize.NEWLINE)]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not (
            token.type == tokenize.NAME and token.string in SECRET_ARGS and i + 1 < len(tokens) and tokens[i + 1].string == "="
        ):
            i += 1
            continue
        depth, j, run = 0, i + 2, []
        while j < len(tokens):
            t = tokens[j]
            if t.type == tokenize.OP and t.string in "([{":
                depth += 1
            elif t.type == tokenize.OP and t.string in ")]}":
                depth -= 1
                if depth < 0:
                    break
            elif t.type == tokenize.OP and t.string == "," and depth == 0:
                break
            if t.type == tokenize.STRING:
                run.append(t.string)
            else:
                if run:
                    is_key = t.type == tokenize.OP and t.string == ":"
                    text = "".join(x for x in map(_text, run) if x)
                    if not is_key:
                        out.append(text)
                    run = []
            j += 1
        if run:
            out.append("".join(x for x in map(_text, run) if x))
        i = j
    return [s for s in out if len(s.strip()) >= MIN_LENGTH]


def solution_code(source: str) -> list[str]:
    """The code a solution hides: right-hand sides of ``# SOLUTION`` lines and lines inside BEGIN/END SOLUTION blocks."""
    out, inside = [], False
    for line in source.split("\n"):
        stripped = line.strip()
        if re.match(r"#\s*BEGIN\s+SOLUTION", stripped, re.IGNORECASE):
            inside = True
        elif re.match(r"#\s*END\s+SOLUTION", stripped, re.IGNORECASE):
            inside = False
        elif inside and stripped and not stripped.startswith("#"):
            out.append(stripped)
        elif re.search(r"#\s*SOLUTION\s*$", line) and "=" in line:
            out.append(re.sub(r"#\s*SOLUTION\s*$", "", line.split("=", 1)[1]).strip())
    return [s for s in out if len(s) >= MIN_LENGTH]


def secrets(solutions: Path) -> list[Secret]:
    """Every secret in every solution notebook that has an exercise (``NN_*.ipynb``)."""
    out = []
    for path in sorted(solutions.glob("[0-9][0-9]_*.ipynb")):
        for index, kind, source in _cells(path):
            if kind == "code":
                texts = strings_of_secret_args(source) + solution_code(source)
                out += [Secret(path.name, index, t) for t in texts]
    return out


def _strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings_in(v)] + [k for k in value if isinstance(k, str)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in(v)]
    return []


def student_text(root: Path, folders: tuple[str, ...] = STUDENT_FOLDERS) -> str:
    """The text of every student file, raw and (for JSON and notebooks) with its strings decoded."""
    parts = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if not path.is_file() or path.suffix not in (".ipynb", ".json", ".csv", ".md", ".py", ".txt", ".html"):
                continue
            raw = path.read_text(encoding="utf-8")
            parts.append(raw)
            if path.suffix == ".html":  # the printable pages: their text as a reader sees it, entities decoded
                parts.append(html.unescape(raw))
            if path.suffix in (".ipynb", ".json"):
                try:
                    parts += _strings_in(json.loads(raw))
                except ValueError:
                    pass
    return "\n".join(parts)


def leaks(solutions: Path, student_root: Path, folders: tuple[str, ...] = STUDENT_FOLDERS) -> list[Secret]:
    """The secrets of ``solutions`` found in plain text in the student files under ``student_root``."""
    text = student_text(student_root, folders)
    return [s for s in secrets(solutions) if s.text in text]


def exercise_problems(student_root: Path) -> list[str]:
    """Answer keys left in exercise cells or in the clear in a bank, found without the build's parser."""
    problems = []
    for path in sorted((student_root / "exercises").glob("*.ipynb")):
        for index, kind, source in _cells(path):
            if kind != "code":
                continue
            tokens = _tokens(source)
            for a, b in zip(tokens, tokens[1:]):
                if a.type == tokenize.NAME and a.string == "answer" and b.string == "=":
                    problems.append(f"exercises/{path.name}, cell {index}: answer= at line {a.start[0]}")
            if re.search(r"#\s*SOLUTION\s*$", source, re.MULTILINE) or re.search(
                r"#\s*(BEGIN|END)\s+SOLUTION", source, re.IGNORECASE
            ):
                problems.append(f"exercises/{path.name}, cell {index}: a SOLUTION mark is left in")
    for path in sorted((student_root / "data" / "questions").glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")).get("questions", []):
            shown = SEALED_KEYS & set(entry)
            if shown:
                problems.append(f"data/questions/{path.name}: {entry.get('id')} holds {sorted(shown)} in the clear")
    return problems
