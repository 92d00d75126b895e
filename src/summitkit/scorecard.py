"""The learner's scorecard across the series, and the export file handed to the teacher."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import errno
import json
import os
import re
import secrets
import tempfile
import unicodedata
import uuid
from pathlib import Path

from summitkit import feedback, progress
from summitkit.controls import alert_area, alert_html, on_click, show_alert
from summitkit.grading import question_fingerprint
from summitkit.markup import Markup, details, el, join, page, table
from summitkit.quiz.bank import banks, lesson_of
from summitkit.quiz.build import exercise_name
from summitkit.safefiles import EXPORT_LIMIT, NotARegularFile

# Format 3 adds the progress file's random learner_id and its save counter (saves); formats 1 and 2 are still read.
EXPORT_FORMAT = "summitkit-export/3"
_EXPORTED = ("kind", "verdict", "score", "attempts", "answer", "hints", "revealed", "before_reveal")


def summary() -> list[dict]:
    """One row per question in the banks: lesson, notebook, id, kind, prompt and the learner's result.

    ``part`` is ``lesson`` for a question shown in the lesson notebook, ``exercises`` for one in the exercise
    notebook; ``notebook`` is that notebook's path in the course (``exercises/01_the_sources_exercises.ipynb``).
    """
    saved = progress.load()["questions"]
    rows = []
    for name, questions in banks().items():
        for qid, entry in sorted(questions.items()):
            record = saved.get(qid) or {}
            part = "lesson" if entry.get("in_lesson") else "exercises"
            notebook = f"notebooks/{name}.ipynb" if part == "lesson" else f"exercises/{exercise_name(name)}"
            rows.append(
                {
                    "lesson": lesson_of(qid),
                    "part": part,
                    "notebook": notebook,
                    "id": qid,
                    "kind": entry["kind"],
                    "prompt": entry["prompt"],
                    "verdict": record.get("verdict", ""),
                    "score": float(record.get("score", 0) or 0),
                    "attempts": int(record.get("attempts", 0) or 0),
                }
            )
    return sorted(rows, key=lambda r: (r["lesson"], r["part"] != "lesson", r["id"]))


def by_lesson(rows: list[dict]) -> dict[str, dict]:
    """Per lesson: questions, answered, correct and total score (checked questions and written answers alike)."""
    out: dict[str, dict] = {}
    for row in rows:
        lesson = out.setdefault(row["lesson"], {"questions": 0, "answered": 0, "correct": 0, "score": 0.0})
        lesson["questions"] += 1
        lesson["answered"] += bool(row["verdict"])
        lesson["correct"] += row["verdict"] == "correct"
        lesson["score"] += row["score"]
    return out


def by_notebook(rows: list[dict]) -> dict[str, dict]:
    """Per notebook, lessons and exercises apart: the checked questions (answered, correct, score) and the written answers.

    A written answer is not checked by the course: its ``score`` is the share of the checklist the learner
    ticked, so it is counted apart (``written``, ``written_saved``) and left out of ``score``.
    """
    out: dict[str, dict] = {}
    for row in rows:
        book = out.setdefault(
            row["notebook"],
            {
                "lesson": row["lesson"],
                "part": row["part"],
                "questions": 0,
                "answered": 0,
                "correct": 0,
                "score": 0.0,
                "written": 0,
                "written_saved": 0,
            },
        )
        if row["kind"] == "written":
            book["written"] += 1
            book["written_saved"] += bool(row["verdict"])
            continue
        book["questions"] += 1
        book["answered"] += bool(row["verdict"])
        book["correct"] += row["verdict"] == "correct"
        book["score"] += row["score"]
    return out


def _number(value: float) -> str:
    """``2`` for 2.0, ``1.5`` for 1.5: a score without a trailing ``.0``."""
    return f"{value:.1f}".removesuffix(".0")


def _todo(book: dict) -> int:
    return book["questions"] - book["answered"] + book["written"] - book["written_saved"]


def here_html(rows: list[dict], here: str) -> Markup:
    """Where the learner stands on this page and what else the same lesson asks: "2 of 2 answered here; 2 more in ..."."""
    books = by_notebook(rows)
    name = here.replace("\\", "/").rsplit("/", 1)[-1]
    mine = next((k for k in books if k.rsplit("/", 1)[-1] == name), None)
    if mine is None:
        return el("p", f"No questions are shown in {name}.")
    book = books[mine]
    total = book["questions"] + book["written"]
    done = total - _todo(book)
    parts = [el("b", f"{done} of {total} answered here"), f" ({mine})."]
    others = [(k, b) for k, b in books.items() if b["lesson"] == book["lesson"] and k != mine]
    for other, theirs in others:
        left = _todo(theirs)
        if left:
            parts += [" ", el("b", f"{left} more in {other}"), "."]
        else:
            parts += [f" Everything in {other} is answered too."]
    return el("p", *parts)


def table_html(rows: list[dict], here: str | None = None) -> Markup:
    """The scorecard: one row per notebook (lessons and exercises apart), written answers counted apart, and every
    question behind a click (prompts escaped). ``here``: the notebook showing it, named first in a sentence."""
    books = by_notebook(rows)
    per_notebook = table(
        ["Notebook", "Questions answered", "Right", "Score", "Written answers"],
        [
            [
                el("code", name),
                f"{b['answered']} of {b['questions']}" if b["questions"] else "—",
                b["correct"] if b["questions"] else "—",
                f"{_number(b['score'])} of {b['questions']}" if b["questions"] else "—",
                f"{b['written_saved']} of {b['written']} saved" if b["written"] else "—",
            ]
            for name, b in books.items()
        ],
    )
    how = el(
        "p",
        "Score: 1 for each right answer, part of 1 for a partly right one. Written answers are not scored here: "
        "you tick your own checklist, and your teacher reads them.",
        cls="summit-note",
    )
    marks = {"correct": "✓", "partial": "◐", "wrong": "✗", "saved": "✎", "": "·"}
    detail = table(
        ["Result", "Question", "Notebook", "Prompt"],
        [
            [
                f"{marks.get(r['verdict'], '·')} {r['verdict'] or 'not yet'}",
                r["id"],
                r["notebook"].split("/")[0],
                r["prompt"][:90],
            ]
            for r in rows
        ],
        row_headers=False,
    )
    return page(*([here_html(rows, here)] if here else []), per_notebook, how, details("Question by question", detail))


_FORBIDDEN = set('<>:"/\\|?*')  # what Windows, macOS or Linux file systems refuse in a file name
_INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")


def safe_name(name: str) -> str:
    """A readable, file-name-safe form of a learner's name, in any script ('Ünal O’Brien <b>' -> 'ünal-obrien-b').

    Letters, marks and digits of every script are kept; everything else becomes a hyphen.

    >>> safe_name("王芳"), safe_name("محمد علي"), safe_name("Ünal O’Brien <b>"), safe_name("\u200b")
    ('王芳', 'محمد-علي', 'ünal-obrien-b', 'learner')
    """
    text = unicodedata.normalize("NFC", name).lower().replace("’", "").replace("'", "")
    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" and ch not in _FORBIDDEN else "-" for ch in text)
    slug = re.sub(r"-+", "-", kept).strip("-")[:40].strip("-")
    return slug or "learner"


def visible(text: str) -> bool:
    """Whether ``text`` has a character a reader can see (not only spaces, controls or invisible marks)."""
    return any(unicodedata.category(ch) not in _INVISIBLE and not unicodedata.category(ch).startswith("M") for ch in text)


def _clean_field(value: object, limit: int) -> str:
    text = "".join(ch for ch in str(value or "") if unicodedata.category(ch) not in ("Cc", "Cs", "Co"))
    return " ".join(text.split())[:limit]


def _fingerprints(qids: list[str]) -> dict[str, str | None]:

    return {qid: question_fingerprint(qid) for qid in qids}


class ExportNotWritten(OSError):
    """The export was made but no folder took it: ``text`` and ``filename`` let the page offer it as a download."""

    def __init__(self, message: str, text: str, filename: str) -> None:
        super().__init__(message)
        self.text, self.filename = text, filename

    def __str__(self) -> str:
        return str(self.args[0])


def _identity(data: dict) -> tuple[str, int]:
    """(learner_id, saves) of the progress file; for a file that could never be written (a read-only folder) an id
    derived from the file itself, the same at every export of it."""
    found, saves = data.get("learner_id"), data.get("saves")
    saves = saves if isinstance(saves, int) and not isinstance(saves, bool) and saves >= 0 else 0
    if isinstance(found, str) and re.fullmatch(r"[0-9a-f]{32}", found):
        return found, saves
    where = progress.progress_file()
    try:
        info = where.stat()
        seed = f"summitkit:{os.path.realpath(where)}:{info.st_dev}:{info.st_ino}"
    except OSError:
        seed = f"summitkit:{where}"
    return uuid.uuid5(uuid.NAMESPACE_URL, seed).hex, saves


def export_payload(name: str, email_or_id: str | None = None) -> tuple[str, str]:
    """(the export's JSON text, its file name) for the saved answers.

    Saves the name (and e-mail or ID) in the progress file when it can; from a progress folder that cannot be written
    the export is made all the same, from what could be read, and a notice says so (``progress.take_notices``). ValueError without a name
    or when the export would be larger than the grader reads.
    """
    name = _clean_field(name, 200)
    if not visible(name):
        raise ValueError("Type your name first, so your teacher knows whose answers these are.")
    contact = None if email_or_id is None else _clean_field(email_or_id, 120)
    try:
        data = progress.set_learner(name, contact)
    except progress.ProgressError as exc:  # a read-only progress folder: the answers are still there to export
        data = progress.load()
        if contact is not None:
            data["email_or_id"] = contact
        progress.notice(f"Your name could not be saved with your answers ({exc.problem}); the export has it all the same.")
    email_or_id = _clean_field(data.get("email_or_id", ""), 120)
    learner_id, saves = _identity(data)
    fingerprints = _fingerprints(sorted(data["questions"]))
    payload = {
        "format": EXPORT_FORMAT,
        "learner": name,
        "email_or_id": email_or_id,
        "learner_key": data.get("learner_key", "") if isinstance(data.get("learner_key", ""), str) else "",
        "learner_id": learner_id,
        "saves": saves,
        "exported": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "questions": {
            qid: {**{k: rec.get(k) for k in _EXPORTED if k != "before_reveal" or k in rec}, "fingerprint": fingerprints[qid]}
            for qid, rec in sorted(data["questions"].items())
        },
        "notes": progress.notes(),  # the learner's discussion notes: not graded, read by the teacher if they like
    }
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > EXPORT_LIMIT:
        raise ValueError(
            f"Your answers together take {size / 2**20:.1f} MB, more than the {EXPORT_LIMIT // 2**20} MB "
            "your teacher's grader reads, so no file was made. Shorten your longest answers, then export again."
        )
    stamp = dt.datetime.now()
    # The name comes last: a right-to-left name followed by digits would read scrambled in a file browser.
    filename = f"summit-export-{stamp:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}-{safe_name(name)}.json"
    return text, filename


def _write_new(folder: Path, text: str, filename: str) -> Path:
    """Write ``text`` to a new file in ``folder`` (never an existing one), read it back; OSError if that fails."""
    folder.mkdir(parents=True, exist_ok=True)
    for attempt in range(20):
        path = folder / (
            filename if not attempt else filename.replace("summit-export-", f"summit-export-{secrets.token_hex(2)}-", 1)
        )
        try:
            # "x": never replaces a file that exists; private to the learner (0600) until they download it
            with progress.open_private(path, "x") as handle:
                handle.write(text)
                handle.flush()
                with contextlib.suppress(OSError):  # some browser-side file systems (JupyterLite) cannot sync
                    os.fsync(handle.fileno())
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 20 random suffixes all taken
        raise OSError(f"could not find a free file name in {folder}")
    try:
        back = path.read_text(encoding="utf-8")
        json.loads(back)
        problem = "" if back == text else "what was read differs from what was written"
    except (OSError, ValueError) as exc:
        problem = str(exc)
    if problem:
        path.unlink(missing_ok=True)
        raise OSError(
            f"the file {path.name} was written but could not be read back ({problem}); nothing was saved: "
            "try again, or ask your teacher"
        )
    return path


#: What a folder that cannot take a new file says (read-only, not a folder, missing, full); anything else is said as it is.
_NOT_HERE = {
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENOTDIR,
    errno.ENOENT,
    errno.EEXIST,
    errno.ENOSPC,
    getattr(errno, "EDQUOT", errno.ENOSPC),
}


def fallback_folders() -> list[Path]:
    """Where an export goes when the folder asked for cannot be written: the home folder, then the system's temporary folder."""
    return [Path.home(), Path(tempfile.gettempdir())]


def export(name: str, folder: Path | None = None, email_or_id: str | None = None) -> Path:
    """Write all saved answers, the learner's name (and e-mail or ID), the progress file's ``learner_id`` and ``saves``
    and the date to a new JSON file; return its path.

    Every export is a new file, ``summit-export-<date>-<time>-<random>-<name>.json``, never an existing one, and it is
    read back before this returns. When ``folder`` (default: this folder) cannot be written, the file goes to the
    first of :func:`fallback_folders` that can be (the path returned says where); when none can,
    :class:`ExportNotWritten` carries the text so the page can offer it as a download. A read-only progress folder
    does not stop an export. Without ``email_or_id`` the one saved with an earlier export is used.
    """
    text, filename = export_payload(name, email_or_id)
    wanted = Path(folder) if folder else Path.cwd()
    problems = []
    for where in [wanted, *[f for f in fallback_folders() if f != wanted]]:
        try:
            return _write_new(where, text, filename)
        except OSError as exc:
            if exc.errno not in _NOT_HERE and not isinstance(exc, NotARegularFile):
                raise  # written but not read back, say: trying elsewhere would hide it
            problems.append(f"{where}: {exc.strerror or exc}")
    raise ExportNotWritten(
        "Your answers could not be written to a file in any folder here (" + "; ".join(problems) + ").", text, filename
    )


def download_link(path: Path | None, text: str | None = None, filename: str | None = None) -> Markup:
    """A link that downloads the file straight from the page (its bytes inside the link: no server, no right-click);
    ``text`` and ``filename`` give it from memory instead of a file."""
    raw = text.encode("utf-8", "surrogatepass") if text is not None else Path(path).read_bytes()
    data = base64.b64encode(raw).decode("ascii")
    return el(
        "a",
        "Download it",
        cls="summit-download",
        download=filename or Path(path).name,
        href=f"data:application/json;base64,{data}",
    )


def show(here: str | None = None):  # -> ipywidgets.VBox
    """The scorecard, with a box for your name and a button that exports your answers to a file.

    ``here`` names the notebook showing it (``"exercises/01_the_sources_exercises.ipynb"``): the scorecard then
    says first how many of its questions are answered, and how many more the same lesson's other notebook holds.
    """
    import ipywidgets as w

    shown = w.HTML(str(table_html(summary(), here)))
    saved = progress.load()
    name = w.Text(placeholder="Your name", description="Name:", value=_clean_field(saved.get("learner"), 200))
    contact = w.Text(
        placeholder="if your teacher asks for it",
        description="E-mail or ID:",
        value=_clean_field(saved.get("email_or_id"), 120),
        style={"description_width": "initial"},
        layout=w.Layout(width="auto", min_width="18em"),
    )
    button = w.Button(description="Export my answers", button_style="primary", layout=w.Layout(width="auto"))
    status = alert_area(live=True)  # "Saved …" is announced by screen readers; what went wrong is an alert in it

    def do_export() -> None:
        try:
            path = export(name.value, email_or_id=contact.value)
        except ExportNotWritten as exc:  # no folder here takes a file: the page hands it over instead
            show_alert(
                status,
                str(
                    page(
                        el(
                            "div",
                            f"{exc} ",
                            download_link(None, exc.text, exc.filename),
                            " and hand it in: that file holds all your answers.",
                            role="status",
                        )
                    )
                ),
            )
            return
        except (ValueError, OSError) as exc:  # no name yet, a store or a folder that cannot be written: a sentence
            said = str(exc)
            if isinstance(exc, OSError) and not isinstance(exc, progress.ProgressError) and exc.strerror:
                said = (
                    f"Your answers could not be exported: the computer said “{exc.strerror}” about {exc.filename or 'this folder'}. "
                    "Nothing was saved; try again, or show this message to your teacher."
                )
            show_alert(status, str(alert_html(said)))
            return
        shown.value = str(table_html(summary(), here))
        where = (
            f" in the same folder as this notebook ({path.parent})"
            if path.parent == Path.cwd()
            else f" in {path.parent}, because the notebook's folder cannot be written"
        )
        show_alert(
            status,
            str(
                page(
                    el(
                        "div",
                        "✓ Saved ",
                        el("code", path.name),
                        f"{where}. ",
                        download_link(path),
                        " and hand it in (or right-click it in the file browser → Download).",
                        role="status",
                    )
                )
            ),
        )

    teacher = w.HTML(str(feedback.summary_html()))

    def update() -> None:
        shown.value = str(table_html(summary(), here))
        teacher.value = str(feedback.summary_html())

    returned = feedback.load_box(status, on_loaded=update)

    refresh = w.Button(
        description="Update the scorecard",
        icon="refresh",
        layout=w.Layout(width="auto"),
        tooltip="Count the answers you have checked since this cell ran",
    )
    on_click(button, do_export, status, progress.take_notices)  # anything else that goes wrong is said in the page too
    on_click(refresh, update, status, progress.take_notices)
    notices = progress.take_notices()  # e.g. a progress file that could not be read
    if notices:
        show_alert(status, str(join(alert_html(n) for n in notices)))
    box = w.VBox(
        [
            shown,
            teacher,
            w.HBox([refresh, returned], layout=w.Layout(flex_flow="row wrap")),
            w.HBox([name, contact, button], layout=w.Layout(flex_flow="row wrap")),
            status,
        ],
        layout=w.Layout(max_width="100%"),
    )
    box.add_class("summit-widget")
    box.table, box.refresh, box.name, box.contact, box.export_button, box.status = shown, refresh, name, contact, button, status
    box.teacher, box.feedback_upload = teacher, returned
    return box
