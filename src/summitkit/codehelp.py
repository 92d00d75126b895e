"""A learner's own code error, told as a sentence about their line and what to try, the full error one click away.

:func:`install` (called by ``summitkit.begin``) makes IPython hand every error to :func:`handle`. An error that
starts in code typed in a notebook cell (the first frame of its traceback is the cell's) is shown as one or two
sentences: which line of the cell stopped, what went wrong in plain words, and what to try; Python's own message
follows behind "Show Python's full error message". A course data error (:class:`~summitkit.errors.CourseDataError`)
is shown as the sentence it carries. Anything else (an error raised by IPython itself) is shown as usual.

>>> import sys
>>> cell = "texts = {'38north': 'a', 'rsis': 'b'}\\ntexts.count('Moscow')"
>>> try:
...     exec(compile(cell, "<cell>", "exec"), {})
... except AttributeError:
...     etype, value, tb = sys.exc_info()
>>> print(explain(etype, value, tb.tb_next, is_cell=lambda name: name == "<cell>", names={"texts": value.obj}).sentences)
Line 2 of this cell stopped: texts is a collection of things by name, which has no .count. Pick one of the things in texts first, e.g. texts["38north"].
"""

from __future__ import annotations

import difflib
import inspect
import json
import keyword
import linecache
import re
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType

from summitkit.errors import CourseDataError
from summitkit.markup import details, el, page
from summitkit.paths import course_root

_DATA_ADVICE = (
    "What to do: fix that row (or restore the file from the course repository), save it, "
    "and run this cell again. Nothing you have answered so far is lost."
)

#: Python's names for kinds of values, in words a reader who does not program knows.
_KIND_WORDS = {
    "str": "a piece of text",
    "int": "a whole number",
    "float": "a number",
    "bool": "yes or no (True or False)",
    "list": "a list",
    "tuple": "a list",
    "dict": "a collection of things by name",
    "set": "a set of things",
    "NoneType": "nothing (None)",
    "ellipsis": "the placeholder ...",
    "function": "a function (something to call with ( ))",
    "builtin_function_or_method": "a function (something to call with ( ))",
    "method": "a function (something to call with ( ))",
    "module": "a module (a toolbox of functions)",
    "Counter": "a count of things by name",
}


@dataclass
class Explanation:
    """What went wrong in a learner's cell: the line, the sentences to show, and Python's own full message."""

    line: int | None
    code: str
    sentences: str
    python: str


def _kind(value: object) -> str:
    name = type(value).__name__
    return _KIND_WORDS.get(name, f"a {name}")


def _kind_of_name(name: str) -> str:
    return _KIND_WORDS.get(name, f"a {name}")


def _is_ipython_cell(filename: str) -> bool:
    """A file name IPython gave to a notebook cell (ipykernel's ``/tmp/ipykernel_<pid>/<hash>.py``, or ``<ipython-input-…>``)."""
    if filename.startswith("<ipython-input-"):
        return True
    entry = linecache.cache.get(filename)
    return entry is not None and len(entry) == 4 and entry[1] is None and "ipykernel_" in filename


def _frames(tb: TracebackType | None) -> list[tuple[FrameType, int]]:
    return list(traceback.walk_tb(tb))


def _user_names() -> dict:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return {}
    shell = get_ipython()
    return dict(shell.user_ns) if shell is not None else {}


def _names_in(code: str) -> list[str]:
    return [n for n in re.findall(r"[A-Za-z_]\w*", code) if not keyword.iskeyword(n)]


def _name_of(obj: object, code: str, names: dict) -> str | None:
    """The learner's name for ``obj`` (a name on the line that holds it, else any name that does)."""
    on_line = _names_in(code)
    for name in [*on_line, *names]:
        if name in names and names[name] is obj and not name.startswith("_"):
            return name
    return None


def _pick_one_hint(code: str, names: dict, obj: object = None) -> str:
    """For a collection by name (``texts``): ' Pick one of the things in texts first, e.g. texts["38north"].'"""
    candidates = [_name_of(obj, code, names)] if obj is not None else []
    candidates += _names_in(code)
    for name in candidates:
        value = names.get(name) if name else None
        if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
            return f' Pick one of the things in {name} first, e.g. {name}["{next(iter(value))}"].'
    return ""


def _wants(annotation: str) -> str | None:
    """The kind of value an annotation asks for, in words (None when it is not a simple one)."""
    base = annotation.split("|")[0].strip().split("[")[0].strip()
    return _KIND_WORDS.get(base) if base in ("str", "int", "float", "list", "dict", "tuple") else None


def _fits(annotation: str, value: object) -> bool:
    wanted = {"str": str, "int": int, "float": (int, float), "list": (list, tuple), "tuple": (list, tuple), "dict": dict}
    for part in annotation.split("|"):
        base = part.strip().split("[")[0].strip()
        if base == "None" and value is None:
            return True
        if base not in wanted or isinstance(value, wanted[base]) and not isinstance(value, bool):
            return True
    return False


def _called(frame: FrameType) -> tuple[str, str]:
    """(how the learner calls the function the frame runs, e.g. 'textstats.words', and a sentence if they gave it the wrong kind)."""
    code = frame.f_code
    module = frame.f_globals.get("__name__", "")
    short_module = module.rsplit(".", 1)[-1]
    shown = f"{short_module}.{code.co_name}" if module.startswith("summitkit") else code.co_name
    func = frame.f_globals.get(code.co_name)
    if not callable(func) or getattr(func, "__code__", None) is not code:
        return shown, ""
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return shown, ""
    for name, param in params.items():
        annotation = param.annotation if isinstance(param.annotation, str) else getattr(param.annotation, "__name__", "")
        if not annotation or name not in frame.f_locals:
            continue
        given = frame.f_locals[name]
        wants = _wants(annotation)
        if wants and not _fits(annotation, given):
            return shown, f"{shown}( ) needs {wants} for its {name}, but your line gives it {_kind(given)}."
    return shown, ""


def _course_notebooks(names: dict) -> list[Path]:
    """The notebooks a name may be made in: the learner's own (ipykernel's ``__session__``; the kernel runs in the
    notebook's folder), or, when the kernel does not say which it is, every exercise and lesson notebook of the course."""
    found: list[Path] = []
    session = names.get("__session__")
    if isinstance(session, str) and session.endswith(".ipynb"):
        own = Path.cwd() / Path(session).name
        if own.is_file():
            return [own]
    root = course_root()  # in a copy without the notebooks (the browser's package data), nothing is found here
    for folder in ("exercises", "notebooks"):
        found += sorted((root / folder).glob("*.ipynb"))
    return found


def made_by(name: str, notebooks: list[Path]) -> tuple[str, str] | None:
    """The line that makes ``name`` in a code cell of ``notebooks`` and that cell's first line, or None.

    A line the learner is asked to complete (``moscow = ...``, or a ``# SOLUTION`` line) does not count: only a
    cell that works as it stands, the setup of a task, which the learner may simply not have run.
    """
    assignment = re.compile(rf"^{re.escape(name)}\s*=(?!=)(.*)$", re.M)
    for path in notebooks:
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError, AttributeError):
            continue
        for cell in cells if isinstance(cells, list) else []:
            source = cell.get("source", "") if isinstance(cell, dict) else ""
            source = "".join(source) if isinstance(source, list) else str(source)
            if cell.get("cell_type") != "code":
                continue
            for match in assignment.finditer(source):
                value = match.group(1).split("#")[0].strip()
                if value and value != "..." and "SOLUTION" not in match.group(0):
                    return match.group(0).split("  #")[0].strip(), source.strip().splitlines()[0].strip()
    return None


def _run_that_cell(name: str, made: tuple[str, str]) -> str:
    line, first = made
    where = f" (its first line is “{first}”)" if first != line else ""
    return (
        f"Python does not know the name {name} yet: it is made by the cell that runs {line}{where}, "
        "and that cell has not run since the notebook was opened or restarted. "
        "Scroll up to that cell, click in it and press Shift + Enter, then run this cell again."
    )


def _in_words(etype: type, value: BaseException, names: dict, code: str) -> str:
    """What went wrong, for an error raised by the learner's own line."""
    message = str(value)
    if isinstance(value, NameError):
        name = getattr(value, "name", None) or (re.findall(r"'([^']+)'", message) or [""])[0]
        made = made_by(name, _course_notebooks(names)) if name else None
        if made:
            return _run_that_cell(name, made)
        close = difflib.get_close_matches(name, [n for n in names if not n.startswith("_")], n=1)
        maybe = f" Did you mean {close[0]}?" if close else ""
        return (
            f"Python does not know the name {name}.{maybe} Check its spelling (capital letters count); "
            "if a cell above makes it, run that cell first."
        )
    if isinstance(value, AttributeError):
        found = re.match(r"'(\w+)' object has no attribute '(\w+)'", message)
        if found:
            kind, attr = found.groups()
            obj = getattr(value, "obj", None)
            holder = _name_of(obj, code, names) if obj is not None else None
            what = f"{holder} is {_kind_of_name(kind)}, which" if holder else _kind_of_name(kind).capitalize() + ", which"
            hint = _pick_one_hint(code, names, obj) or " Check the spelling after the dot, and what the name before it holds."
            return f"{what} has no .{attr}.{hint}"
        return f"Python could not find that part of it ({message}). Check the spelling after the dot."
    if isinstance(value, KeyError):
        return (
            f"There is nothing called {message} in that collection. Check the spelling (capital letters count), "
            "or look at what it holds by running its name alone in a cell."
        )
    if isinstance(value, IndexError):
        return "That position is past the end of the list. Positions are counted from 0, so the last of 5 is [4]."
    if isinstance(value, ZeroDivisionError):
        return "The line divides by zero. Check the number you divide by."
    if isinstance(value, TypeError):
        if "not callable" in message:
            return "Something on this line is used with ( ) as if it were a function, but it is not one. Check the brackets."
        return f"Python cannot do this with the kinds of values on this line.{_pick_one_hint(code, names)} Check what each name holds."
    return f"Python stopped here ({etype.__name__}). Compare the line with the instructions above, or take a hint."


def explain(
    etype: type, value: BaseException, tb: TracebackType | None, is_cell=_is_ipython_cell, names: dict | None = None
) -> Explanation | None:
    """The plain-words explanation of an error that starts in a notebook cell; None for any other error."""
    full = "".join(traceback.format_exception(etype, value, tb))
    names = _user_names() if names is None else names
    if isinstance(value, SyntaxError) and value.filename and is_cell(value.filename):
        code = (value.text or "").strip()
        hint = (
            "the spaces at the start of the line do not match the lines around it"
            if isinstance(value, IndentationError)
            else 'a bracket or a quotation mark is probably missing: every ( needs its ), every [ its ], every " its closing "'
        )
        return Explanation(value.lineno, code, f"Python cannot read line {value.lineno} of this cell: {hint}.", full)
    frames = _frames(tb)
    cells = [i for i, (frame, _) in enumerate(frames) if is_cell(frame.f_code.co_filename)]
    if not cells:
        return None
    outside = [i for i, (frame, _) in enumerate(frames[: cells[0]]) if not _is_ipython_frame(frame)]
    if outside:  # the first frame of the learner's code is not a cell's (a library called back into one)
        return None
    last = cells[-1]
    frame, line = frames[last]
    code = (linecache.getline(frame.f_code.co_filename, line) or "").strip()
    if last == len(frames) - 1:
        said = _in_words(etype, value, names, code)
    else:
        called, wrong_kind = _called(frames[last + 1][0])
        if wrong_kind:
            said = wrong_kind + _pick_one_hint(code, names)
        else:
            said = (
                f"{called}( ) could not work with what your line gives it. Compare your line with the instructions above; "
                "if you did not change it, tell your teacher and show them the full message below."
            )
    return Explanation(line, code, f"Line {line} of this cell stopped: {said}", full)


def _is_ipython_frame(frame: FrameType) -> bool:
    name = frame.f_code.co_filename.replace("\\", "/")
    return "/IPython/" in name or "/ipykernel/" in name


def handle(shell, etype, value, tb, tb_offset=None):  # IPython's handler signature
    """IPython's handler for every error (see :func:`install`)."""
    if isinstance(value, CourseDataError):
        print(f"Problem in the course data: {value}\n{_DATA_ADVICE}", file=sys.stderr)
        return None
    found = explain(etype, value, tb)
    if found is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    from IPython.display import HTML, display

    article = "an" if etype.__name__[:1].lower() in "aeiou" else "a"
    lines = [f"{found.sentences}", f"(Python calls this {article} {etype.__name__}; its full message is just below.)"]
    show = getattr(shell, "_showtraceback", None)
    if show is not None:
        show(etype, value, lines)  # the error output the notebook shows (and Run All stops at), in words
    else:  # pragma: no cover - every IPython has it
        print("\n".join(lines), file=sys.stderr)
    display(HTML(str(page(details("Show Python's full error message (for the curious)", el("pre", found.python))))))
    return None


def install() -> bool:
    """Inside IPython, show errors through :func:`handle`; False elsewhere."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((Exception,), handle)
    return True
