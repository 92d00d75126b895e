"""How long each notebook takes a learner working alone: counted from the notebooks, converted with stated rates,
and scaled to the one observation we have. An estimate, not a measurement of a class.

    python3 run.py bench --only timings                    # count, estimate, write bench/results/timings.json
    python3 run.py bench --only timings --calibrate COMMIT # recount the notebooks as they were at COMMIT (see CALIBRATION)
    python3 run.py build                                   # then: the minutes go where learners and teachers read them

The benchmark measures and writes only under ``bench/results/``: the counts and the estimated minutes. It counts a copy
of the course, built there (so the exercises are those of the solutions as they are now). ``python3 run.py build``
derives from ``bench/results/timings.json`` the course's ``data/timings.csv``, each notebook's **Time:** line, the map
in ``00_start_here``, the plans and the README's table (``summitkit.plan.timed_texts``), and refuses while the counts
are stale (``summitkit.plan.stale_timings``).

What is counted, per notebook (lesson notebooks in ``notebooks/``, exercise notebooks in ``exercises/``):

- the words a learner reads: the markdown, what the cells show when run (tables, printed text, the first page of
  each reader or card widget, read from the executed notebook), the words of each question (prompt, options,
  items, rubric), and the paragraphs the questions send them to (``cite`` and the options of an evidence pick),
  each paragraph once; where a notebook asks for the texts to be read in full (:data:`FULL_READS`), every paragraph;
- the questions, by kind; for written answers, the words asked for ("3 to 5 sentences", "200 to 350 words");
- the code cells to run, and the discussion questions.

Not counted: a lesson's talk in class (a markdown cell with a ``### Talk in class: ...`` heading). It is timed apart, by
the minutes its heading states, and its minutes follow the learner's on the Time: line ("plus about N minutes of talk
in class"; see ``summitkit.plan``), so the class plans do not count its prompt twice.

They become minutes with the rates in :data:`RATES`, stated priors for a first-year reader who has never programmed.
The sum is then scaled by one factor, so that notebooks 00 to 02 (lessons and exercises) as a novice worked through them
(the commit in :data:`CALIBRATION`) come to the 210 minutes (about 3.5 hours) that novice needed. Only the factor comes from
the observation; the rates fix how the time divides between notebooks. One observation of one learner is thin
evidence: the minutes are estimates until a class is timed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "timings.json"

#: Stated priors. Reading: a careful study pace for analytic prose full of names and dates. Questions: minutes to
#: answer one of each kind, reading its feedback included. Writing: composing, with citations. Folded: of what is
#: folded away behind a click (``<details>``), a learner reads about a quarter, and a quarter of that again one fold deeper.
RATES = {
    "read_words_per_minute": 120,
    "write_words_per_minute": 10,
    "words_per_sentence": 20,
    "minutes_per_cell_run": 0.2,
    "minutes_per_discussion_question": 2,
    "minutes_per_question": {
        "single": 1.5,
        "multiple": 2.5,
        "order": 3,
        "match": 3,
        "categorize": 4,
        "date": 1.5,
        "number": 1.5,
        "evidence": 2,
        "written": 3,
        "code": 5,
    },
    "minutes_per_other_question": 2,
    "written_words_if_unstated": 60,
    "folded_share": 0.25,
}

#: The observation: notebooks 00 to 02, lessons and exercises, as they were at this commit, took a first-year student
#: who had never programmed about 3.5 hours working alone (issue 17; the stated times then added up to 160 minutes).
CALIBRATION = {"commit": "6f28ce1cc1d576af65f21ec7807e02636006dc56", "lessons": ("00", "01", "02"), "minutes": 210}

#: Notebooks that ask for whole texts to be read ("Read both texts in full now", lesson 01, section 3).
FULL_READS = {"notebooks/01_the_sources.ipynb": "all"}

_TALK_CELL = re.compile(r"^### Talk in class:", re.M)  # timed as talk in class, not as a learner's reading
_WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")
_SHOW = re.compile(r"""quiz\.show\(\s*["']([^"']+)["']""")
_ASKED = re.compile(r"(\d+)\s+to\s+(\d+)\s+(sentences|words)", re.I)


def words(text: str) -> int:
    """Words in a piece of text (``Kim’s`` and ``Six-Party`` are one word each)."""
    return len(_WORD.findall(text))


class _Folds(HTMLParser):
    """Words of a piece of HTML by how deeply they are folded away in closed ``<details>`` (0: on the page)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open <details>: folded (closed) or not
        self.in_summary = 0
        self.in_style = False
        self.by_depth: Counter[int] = Counter()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "details":
            self.stack.append(not any(name == "open" for name, _ in attrs))
        elif tag == "summary":
            self.in_summary += 1
        elif tag == "style":
            self.in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "details" and self.stack:
            self.stack.pop()
        elif tag == "summary" and self.in_summary:
            self.in_summary -= 1
        elif tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            return
        folds = sum(self.stack) - (1 if self.in_summary and self.stack and self.stack[-1] else 0)
        self.by_depth[folds] += words(data)


def html_words(html: str, share: float | None = None) -> float:
    """Words a reader sees in a piece of HTML (stylesheet and tags left out). What is folded away in a closed
    ``<details>`` counts ``share`` for each fold (the summary line itself is on the page)."""
    share = RATES["folded_share"] if share is None else share
    parser = _Folds()
    parser.feed(html)
    return sum(n * share**depth for depth, n in parser.by_depth.items())


@dataclass
class Counts:
    """What one notebook asks of a learner."""

    notebook: str
    lesson: str
    part: str  # "lesson" or "exercises"
    prose_words: int = 0
    shown_words: float = 0
    question_words: int = 0
    passage_words: int = 0
    passages: int = 0
    questions: dict[str, int] = field(default_factory=dict)
    written_words: int = 0
    cells: int = 0
    discussion_questions: int = 0

    @property
    def reading_words(self) -> int:
        return round(self.prose_words + self.shown_words + self.question_words + self.passage_words)


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def discussion_questions(cells: list[dict]) -> int:
    """The numbered items under a ``## Discussion questions`` heading."""
    for cell in cells:
        text = source(cell)
        if cell["cell_type"] == "markdown" and "## Discussion questions" in text:
            after = text.split("## Discussion questions", 1)[1]
            return len(re.findall(r"^\d+\.\s", after, re.M))
    return 0


def shown_ids(cells: list[dict], essay_id: str = "05-essay") -> list[str]:
    """The questions a notebook shows, in order (``quiz.show("id")``, and the essay box)."""
    found = []
    for cell in cells:
        if cell["cell_type"] == "code":
            text = source(cell)
            found += _SHOW.findall(text)
            if "essay.essay(" in text:
                found.append(essay_id)
    return list(dict.fromkeys(found))


def question_text(spec: dict) -> str:
    """Everything a question gives the learner to read before answering."""
    parts = [spec.get("prompt", ""), spec.get("statement", "")]
    for name in ("options", "items", "choices", "categories", "rubric"):
        value = spec.get(name)
        if isinstance(value, dict):
            parts += [*map(str, value), *map(str, value.values())]
        elif isinstance(value, list | tuple):
            parts += map(str, value)
    pairs = spec.get("pairs")
    if isinstance(pairs, dict):
        parts += [*map(str, pairs), *map(str, pairs.values())]
    return " ".join(p for p in parts if p)


def asked_words(prompt: str, default: int) -> int:
    """The words a written question asks for: the middle of "3 to 5 sentences" or "200 to 350 words"."""
    match = _ASKED.search(prompt)
    if not match:
        return default
    low, high, unit = int(match.group(1)), int(match.group(2)), match.group(3).lower()
    middle = (low + high) / 2
    return round(middle * (RATES["words_per_sentence"] if unit == "sentences" else 1))


def cited(spec: dict) -> set[tuple[str, int]]:
    """The paragraphs a question sends the learner to: its citations, and the options of an evidence pick."""
    found = set()
    texts = list(spec.get("cite") or [])
    if spec.get("kind") == "evidence":
        texts += list(spec.get("options") or [])
    for text in texts:
        match = re.fullmatch(r"\s*([\w-]+)\s*¶\s*(\d+)\s*", str(text))
        if match:
            found.add((match.group(1), int(match.group(2))))
    return found


def count(
    relpath: str,
    notebook: dict,
    executed: dict | None,
    specs: dict[str, dict],
    paragraphs: dict[str, list[str]],
    written_before: set[str] | None = None,
) -> Counts:
    """Count what ``notebook`` asks of a learner (``executed``: the same notebook run, for what its cells show).

    ``written_before``: written questions an earlier notebook already asked for (the essay, begun in lesson 05 and
    revised in its exercises): their words are counted once, where they are first written; they are added to the set.
    """
    written_before = set() if written_before is None else written_before
    cells = notebook["cells"]
    name = relpath.split("/")[-1]
    out = Counts(relpath, name[:2], "exercises" if relpath.startswith("exercises/") else "lesson")
    out.prose_words = sum(words(source(c)) for c in cells if c["cell_type"] == "markdown" and not _TALK_CELL.search(source(c)))
    out.cells = sum(1 for c in cells if c["cell_type"] == "code" and source(c).strip())
    out.discussion_questions = discussion_questions(cells)
    if executed is not None:
        out.shown_words = round(shown_words(executed), 1)
    kinds: Counter[str] = Counter()
    sent: set[tuple[str, int]] = set()
    for qid in shown_ids(cells):
        spec = specs.get(qid)
        if spec is None:
            continue
        kinds[spec["kind"]] += 1
        out.question_words += words(question_text(spec))
        if spec["kind"] == "written" and qid not in written_before:
            out.written_words += asked_words(spec.get("prompt", ""), RATES["written_words_if_unstated"])
            written_before.add(qid)
        sent |= cited(spec)
    if FULL_READS.get(relpath) == "all":
        sent |= {(sid, n) for sid, paras in paragraphs.items() for n in range(1, len(paras) + 1)}
    sent = {(sid, n) for sid, n in sent if sid in paragraphs and 1 <= n <= len(paragraphs[sid])}
    out.passages = len(sent)
    out.passage_words = sum(words(paragraphs[sid][n - 1]) for sid, n in sent)
    out.questions = dict(sorted(kinds.items()))
    return out


def shown_words(executed: dict) -> float:
    """Words the run notebook shows: printed text, HTML outputs, and the HTML widgets (questions' own text left out,
    as :func:`question_text` counts it)."""
    total = 0.0
    for cell in executed["cells"]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                total += words(source({"source": output.get("text", "")}))
                continue
            data = output.get("data", {})
            if "text/html" in data:
                total += html_words(source({"source": data["text/html"]}))
            elif "text/plain" in data and "application/vnd.jupyter.widget-view+json" not in data and "image/png" not in data:
                total += words(source({"source": data["text/plain"]}))
    state = executed.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        if model.get("model_name") in ("HTMLModel", "HTMLMathModel"):
            value = str(model.get("state", {}).get("value", ""))
            if 'class="summit-prompt"' not in value:
                total += html_words(value)
    return total


def minutes(counts: Counts, rates: dict = RATES) -> float:
    """Minutes before calibration: reading, questions by kind, writing, running cells, discussion questions."""
    per_kind = rates["minutes_per_question"]
    answer = sum(n * per_kind.get(kind, rates["minutes_per_other_question"]) for kind, n in counts.questions.items())
    return (
        counts.reading_words / rates["read_words_per_minute"]
        + answer
        + counts.written_words / rates["write_words_per_minute"]
        + counts.cells * rates["minutes_per_cell_run"]
        + counts.discussion_questions * rates["minutes_per_discussion_question"]
    )


def rounded(value: float) -> int:
    """To the nearest 5 minutes, at least 5."""
    return max(5, int(5 * round(value / 5)))


# ----- the course's notebooks ------------------------------------------------------------------------------------


def notebooks(root: Path) -> list[str]:
    """Every lesson and exercise notebook of a course folder, as relative paths, lesson by lesson."""
    found = [
        p.relative_to(root).as_posix()
        for folder in ("notebooks", "exercises")
        for p in (root / folder).glob("[0-9][0-9]_*.ipynb")
    ]
    return sorted(found, key=lambda r: (r.split("/")[-1][:2], not r.startswith("notebooks/")))


def execute(path: Path, data: Path, home: Path, pythonpath: str | None = None) -> dict:
    """The notebook run headless in its own folder, with its widgets' state kept (through ``tests/kernel.py``, the
    suite's one way to run a notebook)."""
    import nbformat

    env = dict(os.environ, SUMMITKIT_DATA=str(data), SUMMITKIT_HOME=str(home))
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    notebook = _kernel().run(path, path.parent, timeout=300, store_widget_state=True, env=env)
    return json.loads(nbformat.writes(notebook))


def _kernel():  # -> the module tests/kernel.py
    """``tests/kernel.py``, found on the path the tests use (this file is loaded by path, from the tests and from bench)."""
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import kernel

    return kernel


def specs_and_paragraphs(root: Path) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Every question of the course at ``root`` (from its sealed banks) and the paragraphs of its texts."""
    code = (
        "import json, sys; from summitkit.quiz import bank; from summitkit.sources import load_text, source_ids; "
        "print(json.dumps({'specs': {q: bank.get(q) for q in bank.entries()}, "
        "'paragraphs': {s: list(load_text(s).paragraphs) for s in source_ids()}}))"
    )
    env = dict(os.environ, SUMMITKIT_DATA=str(root / "data"), PYTHONPATH=str(root / "src"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=root)
    loaded = json.loads(out.stdout)
    return loaded["specs"], loaded["paragraphs"]


def count_course(root: Path, run: bool = True) -> list[Counts]:
    """Counts for every lesson and exercise notebook of the course at ``root`` (its own package, data and banks)."""
    specs, paragraphs = specs_and_paragraphs(root)
    found: list[Counts] = []
    written: set[str] = set()
    with tempfile.TemporaryDirectory() as home:
        for relpath in notebooks(root):
            path = root / relpath
            notebook = json.loads(path.read_text(encoding="utf-8"))
            executed = execute(path, root / "data", Path(home), pythonpath=str(root / "src")) if run else None
            found.append(count(relpath, notebook, executed, specs, paragraphs, written))
            print(f"timings: counted {relpath}", flush=True)
    return found


def checkout(commit: str, into: Path) -> Path:
    """The course as it was at ``commit`` (git archive), unpacked into ``into``."""
    blob = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as archive:
        archive.extractall(into, filter="data")
    return into


def calibrate(commit: str) -> dict:
    """Count the notebooks of 00 to 02 as they were at ``commit`` and return the factor that makes them 210 minutes."""
    with tempfile.TemporaryDirectory() as tmp:
        counted = count_course(checkout(commit, Path(tmp)))
    observed = [c for c in counted if c.lesson in CALIBRATION["lessons"]]
    raw = sum(minutes(c) for c in observed)
    return {
        "commit": commit,
        "observed_minutes": CALIBRATION["minutes"],
        "raw_minutes": round(raw, 1),
        "factor": round(CALIBRATION["minutes"] / raw, 3),
        "notebooks": {c.notebook: {"raw_minutes": round(minutes(c), 1), **asdict(c)} for c in observed},
    }


def estimate(counted: list[Counts], factor: float) -> list[dict]:
    """One row per notebook: the minutes (calibrated, to the nearest 5) and what they come from."""
    rows = []
    for c in counted:
        raw = minutes(c)
        rows.append(
            {
                "notebook": c.notebook,
                "lesson": c.lesson,
                "part": c.part,
                "minutes": rounded(raw * factor),
                "raw_minutes": round(raw, 1),
                "reading_words": c.reading_words,
                "passages": c.passages,
                "questions": sum(c.questions.values()),
                "written_words": c.written_words,
                "cells": c.cells,
                "discussion_questions": c.discussion_questions,
            }
        )
    return rows


#: What of the course :func:`built_copy` copies: the package, the data and the notebooks.
COPIED = ("src", "data", "notebooks", "exercises", "solutions")
_BUILD = "import sys; from pathlib import Path; from summitkit.generated import write_all; write_all(Path(sys.argv[1]))"


def built_copy(root: Path, into: Path) -> Path:
    """The course at ``root`` copied into ``into`` and built there with its own package, so the exercises counted are
    made from the solutions as they are now, and nothing of ``root`` is written (the build of the course itself is
    ``python3 run.py build``, after the benchmark)."""
    for name in COPIED:
        if (root / name).is_dir():
            shutil.copytree(
                root / name, into / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
            )
    env = dict(os.environ, SUMMITKIT_DATA=str(into / "data"), PYTHONPATH=str(into / "src"))
    subprocess.run([sys.executable, "-c", _BUILD, str(into)], env=env, cwd=into, check=True)
    return into


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", metavar="COMMIT", help="recount the observed notebooks at COMMIT for the factor")
    args = parser.parse_args(argv)
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    calibration = previous.get("calibration")
    method = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]  # rates and counting rules alike
    if args.calibrate or not calibration or calibration.get("method") != method:
        calibration = {**calibrate(args.calibrate or CALIBRATION["commit"]), "rates": RATES, "method": method}
    with tempfile.TemporaryDirectory(prefix="summit-timings-") as tmp:
        counted = count_course(built_copy(ROOT, Path(tmp)))
    rows = estimate(counted, calibration["factor"])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"rates": RATES, "calibration": calibration, "notebooks": rows, "counts": [asdict(c) for c in counted]},
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(
        f"timings: factor {calibration['factor']} (00-02 at {calibration['commit'][:7]} counted {calibration['raw_minutes']} min, "
        f"observed {calibration['observed_minutes']})"
    )
    for row in rows:
        print(f"  {row['notebook']}: {row['minutes']} min (raw {row['raw_minutes']})")
    print(f"wrote {RESULTS}; now run: python3 run.py build   (it puts the minutes in the Time: lines, the map, the plans)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
