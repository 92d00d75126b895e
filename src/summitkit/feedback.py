"""The teacher's feedback file, and the learner's side of it: load it, keep it, show it beside each question.

A feedback file is one HTML page per learner (``python3 run.py feedback FOLDER`` writes them: see
:mod:`summitkit.feedback_files`). Opened in any browser it is a readable page: each question, its points, the
teacher's mark and comment. Inside it sits the same content as JSON (``<script type="application/json">``), which
the learner loads with an upload button in the scorecard; then each question shows the teacher's mark and comment,
and the scorecard shows the total. A file made for another learner, or a damaged one, is refused with a sentence,
and nothing changes.

>>> page_html = render({"format": FORMAT, "learner": "Ana <b>", "learner_key": "k1", "total": 1.5, "out_of": 3,
...                     "how": "one point per question", "questions": {"05-essay": {"earned": 0.75, "verdict": "saved",
...                     "mark": "3/4", "comment": "Cite rsis ¶4."}}})
>>> "Ana &lt;b&gt;" in page_html and "Cite rsis ¶4." in page_html
True
>>> parse(page_html.encode())["questions"]["05-essay"]["comment"]
'Cite rsis ¶4.'
"""

from __future__ import annotations

import json
import math
import re

from summitkit import progress
from summitkit.controls import alert_html, on_upload, show_alert
from summitkit.exports import clean_text
from summitkit.markup import Markup, document, el, page, table

FORMAT = "summitkit-feedback/1"
NOTE_KEY = "teacher-feedback"  # where the loaded feedback is kept in the learner's progress file
MAX_FILE = 2_000_000
MAX_COMMENT = 4_000
_DATA = re.compile(r'<script type="application/json" id="summitkit-feedback">(.*?)</script>', re.S)


def _json_for_script(payload: dict) -> str:
    """JSON that cannot close its <script> element early (every < is escaped)."""
    return json.dumps(payload, ensure_ascii=False).replace("<", "\\u003c")


def render(payload: dict) -> str:
    """The feedback page: readable on its own, with the payload inside it for the notebook to load."""
    rows = []
    for qid, item in sorted(payload["questions"].items()):
        rows.append(
            [
                el("code", qid),
                f"{'to mark' if item.get('mark') == 'to mark' else format(_points(item.get('earned'), 0.0), 'g')} / {_points(item.get('out_of'), 1.0):g}",
                item.get("verdict", ""),
                item.get("mark", "") or "—",
                el("span", item.get("comment", ""), dir="auto") if item.get("comment") else "—",
            ]
        )
    body = [
        el("h1", "Feedback on your answers"),
        el("p", el("b", "For: "), el("span", payload["learner"], dir="auto")),
        el("p", el("b", f"Total: {payload['total']:g} of {payload['out_of']:g} points. "), payload.get("how", "")),
        table(
            ["Question", "Points", "Checked as", "Teacher's mark", "Teacher's comment"],
            rows,
            caption="Every answer you exported, checked again; your teacher's mark and comment on written work",
        ),
        el(
            "p",
            "To see this beside each question: open the scorecard in any exercise notebook and load this file "
            "with “Load my teacher's feedback”.",
        ),
    ]
    data = Markup(f'<script type="application/json" id="summitkit-feedback">{_json_for_script(payload)}</script>')
    return str(document("Feedback on your answers", *body, data))


def parse(raw: bytes) -> dict:
    """The payload inside a feedback page, checked (ValueError with a sentence if it is not one)."""
    if len(raw) > MAX_FILE:
        raise ValueError("This file is far larger than a feedback page: it is not one your teacher's course wrote.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("This file is damaged or is not a feedback page: ask your teacher for it again.") from None
    match = _DATA.search(text)
    if not match:
        raise ValueError(
            "This is not a feedback page from your teacher: it has no feedback inside. "
            "Load the file whose name begins with “feedback-”."
        )
    try:
        payload = json.loads(match.group(1))
    except ValueError:
        raise ValueError("This feedback page is damaged: ask your teacher for it again.") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT or not isinstance(payload.get("questions"), dict):
        raise ValueError("This feedback page is damaged or from another version of the course: ask your teacher for it again.")
    questions = {}
    for qid, item in payload["questions"].items():
        if not isinstance(qid, str) or not isinstance(item, dict):
            raise ValueError("This feedback page is damaged: ask your teacher for it again.")
        earned = item.get("earned", 0)
        questions[qid] = {
            "earned": float(earned) if isinstance(earned, (int, float)) and not isinstance(earned, bool) else 0.0,
            "out_of": _points(item.get("out_of", 1), 1.0),
            "verdict": clean_text(item.get("verdict", ""), 20),
            "mark": clean_text(item.get("mark", "") or "", 20),
            "comment": clean_text(item.get("comment", "") or "", MAX_COMMENT, keep_newlines=True),
        }
    number = lambda v: float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0.0  # noqa: E731
    return {
        "format": FORMAT,
        "learner": clean_text(payload.get("learner", ""), 200),
        "learner_key": str(payload.get("learner_key", "")),
        "learner_id": str(payload.get("learner_id", "")),
        "total": number(payload.get("total")),
        "out_of": number(payload.get("out_of")),
        "how": clean_text(payload.get("how", ""), 400),
        "questions": questions,
    }


def _points(value: object, default: float) -> float:
    """A number of points from a feedback file (``default`` for anything that is not a finite number)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return default
    return float(value)


# ----- the learner's side --------------------------------------------------------------------------------------------
def is_mine(payload: dict, saved: dict | None = None) -> bool:
    """Whether the feedback was written for this progress file (its random key or id), never by name."""
    saved = progress.load() if saved is None else saved
    keys = {str(saved.get("learner_key") or ""), str(saved.get("learner_id") or "")} - {""}
    return bool(keys & ({payload.get("learner_key", ""), payload.get("learner_id", "")} - {""}))


def accept(raw: bytes) -> dict:
    """Load a feedback file into the learner's progress (ValueError, nothing changed, if it is not theirs or damaged)."""
    payload = parse(raw)
    if not is_mine(payload):
        raise ValueError(
            "This feedback was written for another learner's answers (or for answers exported from another "
            "computer), so it was not loaded. Nothing was changed."
        )
    progress.save_note(NOTE_KEY, json.dumps(payload, ensure_ascii=False))
    return payload


def loaded() -> dict | None:
    """The feedback the learner has loaded, or None."""
    try:
        payload = json.loads(progress.notes().get(NOTE_KEY, ""))
    except ValueError:
        return None
    return payload if isinstance(payload, dict) and isinstance(payload.get("questions"), dict) else None


def for_question(question_id: str) -> dict | None:
    """The teacher's feedback on one question (``earned``, ``verdict``, ``mark``, ``comment``), or None."""
    payload = loaded()
    item = payload["questions"].get(question_id) if payload else None
    return item if isinstance(item, dict) else None


def question_html(question_id: str) -> Markup:
    """What a question shows of the teacher's feedback ("" if there is none)."""
    item = for_question(question_id)
    if not item or not (item.get("mark") or item.get("comment")):
        return Markup("")
    mark = f"{item['mark']}. " if item.get("mark") else ""
    return page(
        el(
            "div",
            "✉ ",
            el("b", "Your teacher: "),
            mark,
            el("span", item.get("comment", ""), dir="auto"),
            cls="summit-teacher-feedback",
            role="note",
        )
    )


def summary_html() -> Markup:
    """The scorecard's line about the loaded feedback: the total and the comments, question by question."""
    payload = loaded()
    if not payload:
        return Markup("")
    comments = [
        el(
            "li",
            el("code", qid),
            ": ",
            f"{item['mark']}. " if item.get("mark") else "",
            el("span", item.get("comment", ""), dir="auto"),
        )
        for qid, item in sorted(payload["questions"].items())
        if item.get("comment") or item.get("mark")
    ]
    return page(
        el(
            "div",
            el("b", f"Your teacher's feedback: {payload['total']:g} of {payload['out_of']:g} points. "),
            payload.get("how", ""),
            el("ul", *comments) if comments else "",
            cls="summit-box",
        )
    )


def load_box(status, on_loaded=None):
    """An upload button for the teacher's feedback page; what happens is said in ``status``."""
    import ipywidgets as w

    upload = w.FileUpload(
        accept=".html,.htm", multiple=False, description="Load my teacher's feedback", layout=w.Layout(width="auto")
    )

    def load(raw: bytes) -> None:
        try:
            payload = accept(raw)
        except ValueError as exc:
            show_alert(status, str(alert_html(str(exc))))
            return
        show_alert(
            status,
            str(
                page(
                    el(
                        "div",
                        f"✓ Your teacher's feedback is loaded: {payload['total']:g} of "
                        f"{payload['out_of']:g} points. Each question shows its mark and comment when you "
                        "run its cell again.",
                        role="status",
                    )
                )
            ),
        )
        if on_loaded:
            on_loaded()

    on_upload(upload, load, status, progress.take_notices)
    return upload
