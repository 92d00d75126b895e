"""How long grading a class takes: 200 real exports (plus two hostile files) graded by ``run.py grade`` and the dashboard.

The exports are made by the package's own export function from progress files holding a realistic mix of right,
partly right and wrong answers to every question, each with the verdict the checking code gives it, and an essay
of about 300 words. Measured: ``grade_folder`` (median of runs), the command end to end in a fresh process, and
the dashboard notebook on that folder against a bare notebook (median of runs, alternating).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LEARNERS = 200


def _wrong(question, rng: random.Random) -> object:  # a grading.Question
    spec, kind = question.spec, question.kind
    if kind in ("single", "evidence"):
        return rng.choice([o for o in spec["options"] if o not in (spec["answer"] if kind == "evidence" else [spec["answer"]])])
    if kind == "multiple":
        return rng.sample(spec["options"], 2)
    if kind == "order":
        return list(spec["shuffled"])
    if kind == "match":
        return {left: rng.choice(spec["choices"]) for left in spec["lefts"]}
    if kind == "categorize":
        return {item: rng.choice(spec["categories"]) for item in spec["item_list"]}
    if kind == "date":
        return f"{spec['answer'][0] + rng.choice((-1, 1))}-04-25"
    if kind in ("number", "code"):
        return spec["answer"] + rng.choice((-2, -1, 1, 3))
    return None


def make_class(folder: Path, homes: Path, learners: int = LEARNERS, seed: int = 1) -> None:
    """``learners`` exports written by scorecard.export, and two hostile files."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from classroom import right_answer

    from summitkit import grading, scorecard

    questions, _, _ = grading.course_questions()
    rng = random.Random(seed)
    words = "Russia Kim Putin summit Vladivostok drive-by entrance sanctions Korea stage evidence".split()
    old = os.environ.get("SUMMITKIT_HOME")
    try:
        for i in range(learners):
            home = homes / f"learner{i}"
            home.mkdir(parents=True)
            skill = rng.random()
            records = {}
            for qid, question in questions.items():
                if rng.random() < 0.1:
                    continue  # not answered
                if question.kind == "written":
                    text = " ".join(rng.choice(words) for _ in range(300)) + " (38north ¶1, rsis ¶3)."
                    answer = {"text": text, "rubric": [rng.random() < 0.6 for _ in question.spec["rubric"]]}
                else:
                    answer = right_answer(question.spec) if rng.random() < skill else _wrong(question, rng)
                verdict, score = question.recheck(answer)
                records[qid] = {
                    "kind": question.kind,
                    "answer": answer,
                    "verdict": verdict,
                    "score": round(score, 3),
                    "attempts": rng.randint(1, 3),
                    "hints": rng.choice((0, 0, 0, 1, 2)),
                    "updated": "2026-01-01T10:00:00+00:00",
                }
            (home / "progress.json").write_text(json.dumps({"version": 1, "learner": "", "questions": records}), encoding="utf-8")
            os.environ["SUMMITKIT_HOME"] = str(home)
            scorecard.export(
                f"Learner {i:03d} {rng.choice(['王芳', 'محمد', 'Zoë', 'Ana'])}", folder, email_or_id=f"l{i}@example.edu"
            )
    finally:
        if old is None:
            os.environ.pop("SUMMITKIT_HOME", None)
        else:
            os.environ["SUMMITKIT_HOME"] = old
    made_up = {
        "format": "summitkit-export/2",
        "learner": "Made Up",
        "questions": {f"99-x{i}": {"verdict": "correct", "score": 1} for i in range(10_000)},
    }
    (folder / "made-up-ids.json").write_text(json.dumps(made_up), encoding="utf-8")
    (folder / "deep.json").write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


def bench_grading(runs: int, run_notebook=None, bare_notebook=None) -> dict:  # bench/__main__ helpers
    """Seconds to grade 200 exports: in process, by the command, and by the dashboard notebook (ratio to a bare one)."""
    from summitkit import gradebook

    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        folder, homes = Path(tmp) / "class", Path(tmp) / "homes"
        start = time.perf_counter()
        make_class(folder, homes)
        made = time.perf_counter() - start
        size = sum(p.stat().st_size for p in folder.glob("*.json"))
        times = []
        for _ in range(max(runs, 2) + 1):  # the first run writes marks.csv; the median is of the runs after it
            start = time.perf_counter()
            grades = gradebook.grade_folder(folder)
            times.append(time.perf_counter() - start)
        assert len(grades.learners) == LEARNERS + 1 and len(grades.skipped) == 1, "the bench folder did not grade as expected"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "summitkit.cli", "grade", str(folder)], cwd=root, check=True, capture_output=True)
        command = time.perf_counter() - start
        out = {
            "exports": LEARNERS,
            "hostile_files": 2,
            "folder_mib": round(size / 2**20, 2),
            "making_s": round(made, 1),
            "first_grade_s": round(times[0], 3),
            "grade_folder_s": round(statistics.median(times[1:]), 3),
            "ms_per_export": round(1000 * statistics.median(times[1:]) / (LEARNERS + 2), 2),
            "command_s": round(command, 2),
        }
        if run_notebook is not None:
            nb = json.loads((root / "solutions" / "teacher_class_dashboard.ipynb").read_text(encoding="utf-8"))
            os.environ["SUMMITKIT_EXPORTS"] = str(folder)
            try:
                dash, bare = [], []
                for _ in range(runs):
                    bare.append(run_notebook(bare_notebook, root / "solutions")[0])
                    dash.append(run_notebook(nb, root / "solutions")[0])
            finally:
                os.environ.pop("SUMMITKIT_EXPORTS", None)
            out.update(
                dashboard_notebook_s=round(statistics.median(dash), 2),
                bare_notebook_s=round(statistics.median(bare), 2),
                dashboard_time_ratio=round(statistics.median(dash) / statistics.median(bare), 2),
            )
    return out


def report_line(result: dict) -> str:
    """The README's line for these figures."""
    line = (
        f"- Grading a class: {result['exports']} exports (plus {result['hostile_files']} hostile files: 10,000 made-up ids, "
        f"100,000 levels of nesting) graded in {result.get('first_grade_s', '?')} s the first time (every written answer "
        f"described into marks.csv), {result['grade_folder_s']} s again ({result['ms_per_export']} ms per file); "
        f"`run.py grade` end to end, imports included, {result['command_s']} s"
    )
    if "dashboard_notebook_s" in result:
        line += (
            f"; the dashboard notebook on that folder {result['dashboard_notebook_s']} s against "
            f"{result['bare_notebook_s']} s for a bare notebook (×{result['dashboard_time_ratio']})"
        )
    return line + "."
