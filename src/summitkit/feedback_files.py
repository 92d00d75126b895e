"""``python3 run.py feedback FOLDER``: one feedback page per learner, from the re-checked answers and the teacher's marks.

The grades are computed exactly as ``run.py grade`` computes them (:func:`summitkit.gradebook.grade_folder`, which
re-checks every answer and reads ``marks.csv``); nothing in the folder is changed. The pages go to ``FOLDER/feedback/``,
one a learner, named after the learner and a few letters of their progress file's key, ready to return through a
learning platform's file feedback. Each page is readable on its own and loadable in the notebook
(:mod:`summitkit.feedback`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from summitkit import feedback, gradebook, grading
from summitkit.exports import clean_text

FOLDER = "feedback"


def _slug(text: str) -> str:
    """A file-name-safe form of a name, in any script."""
    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" else "-" for ch in unicodedata.normalize("NFC", text).lower())
    return re.sub(r"-+", "-", kept).strip("-")[:40].strip("-") or "learner"


def _mark(answer: grading.Answer) -> str:
    """The teacher's mark in words: "0.75 of 1", "to mark" for written work not marked yet, "" for auto-checked work."""
    if answer.question.kind != "written":
        return ""
    if answer.mark is None:
        return "to mark" if answer.verdict == "saved" else ""
    return f"{answer.mark.score:g} of 1"


def payload_for(learner: grading.LearnerGrade, grades: grading.ClassGrades) -> dict:
    """What one learner's feedback page holds."""
    questions = {}
    for qid, answer in sorted(learner.answers.items()):
        questions[qid] = {
            "earned": round(answer.points, 4),  # weighted points: the share earned x what the question is worth
            "out_of": answer.weight,
            "verdict": answer.verdict,
            "mark": _mark(answer),
            "comment": clean_text(answer.mark.comment, feedback.MAX_COMMENT, keep_newlines=True) if answer.mark else "",
        }
    export = learner.export
    return {
        "format": feedback.FORMAT,
        "learner": learner.name,
        "learner_key": export.learner_key,
        "learner_id": getattr(export, "learner_id", "") or "",
        "total": round(learner.total, 4),
        "out_of": grades.total_points,
        "how": f"Every answer was checked again. {grades.policy.describe()}. How the total is made: {grades.how_made()}.",
        "questions": questions,
    }


def write_feedback(folder: Path | str, root: Path | None = None) -> list[Path]:
    """Write ``FOLDER/feedback/feedback-<name>-<key>.html`` for every learner graded; return the pages written."""
    folder = Path(folder)
    grades = gradebook.grade_folder(folder, root, write=False)
    out = folder / FOLDER
    out.mkdir(exist_ok=True)
    written = []
    for learner in grades.learners:
        tag = (learner.export.learner_key or getattr(learner.export, "learner_id", "") or "nokey")[:6]
        path = out / f"feedback-{_slug(learner.name)}-{_slug(tag)}.html"
        path.write_text(feedback.render(payload_for(learner, grades)), encoding="utf-8")
        written.append(path)
    return written


def main(folder: str) -> int:
    """The command: write the pages and say where they went (exit 1 if the folder is missing)."""
    try:
        pages = write_feedback(folder)
    except FileNotFoundError:
        print(f"No folder {folder}: give the folder of exports you graded with 'python3 run.py grade'.")
        return 1
    print(
        f"Wrote {len(pages)} feedback page(s) in {Path(folder) / FOLDER}: return each to its learner "
        "(e.g. your learning platform's feedback files); they load it in the scorecard."
    )
    return 0
