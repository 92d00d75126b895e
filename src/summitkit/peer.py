"""Peer review of the essay, by file, in every way a class reaches the course (hub, Binder, JupyterLite, a laptop).

1. The author presses **Export for a partner**: a file holds the essay, under a random code, and no name.
2. The partner loads it with the upload button, reads it with the essay box's own check beside it, picks a level on
   each criterion of the rubric, writes comments, and presses **Export my review**.
3. The author loads the review: it is shown beside the essay it reviews. A review of someone else's essay (its code
   is not one this learner exported) or a damaged file is refused with a sentence, and nothing changes.

Files pass from hand to hand (a shared drive, a chat, the learning platform), so nothing in them names a learner,
and nothing here reads any other file. The codes this learner exported, and the reviews they received, are kept
in their progress file (as notes), so the review is still there after a restart.

>>> payload = essay_payload("A drive-by (38north ¶1).", "Drive-by or entrance?", code="0123456789ab")
>>> read_essay_file(json.dumps(payload).encode())["text"]
'A drive-by (38north ¶1).'
>>> read_essay_file(b"{not json")
Traceback (most recent call last):
...
ValueError: This file is damaged: it is not a JSON file the course wrote. Ask your partner to export it again.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import secrets
from pathlib import Path

from summitkit import essay, progress, rubric
from summitkit.controls import alert_area, alert_html, on_click, on_upload, show_alert
from summitkit.exports import clean_text
from summitkit.markup import Markup, el, join, page
from summitkit.quiz.bank import get as question_spec

ESSAY_FORMAT = "summitkit-peer-essay/1"
REVIEW_FORMAT = "summitkit-peer-review/1"
MAX_FILE = 1_000_000  # bytes of a peer file read at most (an essay of 350 words is about 3 kB)
MAX_TEXT = 60_000  # characters of an essay shown to a partner
MAX_COMMENT = 4_000  # characters of one comment
MINE = "peer-essays"  # note key: {code: sha256 of the text sent}
RECEIVED = "peer-reviews"  # note key: [review, ...]
_CODE = re.compile(r"[0-9a-f]{12}")


def digest(text: str) -> str:
    """The SHA-256 of an essay's text: a review names the exact text it read."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def essay_payload(text: str, prompt: str, code: str | None = None) -> dict:
    """What "Export for a partner" writes: the essay under a random code, with no name."""
    return {
        "format": ESSAY_FORMAT,
        "code": code or secrets.token_hex(6),
        "prompt": prompt,
        "text": text,
        "sha256": digest(text),
        "written": _now(),
    }


def _parse(raw: bytes, want: str, what: str) -> dict:
    if len(raw) > MAX_FILE:
        raise ValueError(f"This file is {len(raw):,} bytes, far more than {what} holds: it is not one the course wrote.")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError(
            "This file is damaged: it is not a JSON file the course wrote. Ask your partner to export it again."
        ) from None
    if not isinstance(data, dict) or data.get("format") != want:
        other = {ESSAY_FORMAT: "an essay for a partner", REVIEW_FORMAT: "a review"}.get(
            data.get("format") if isinstance(data, dict) else None
        )
        said = f"it is {other}" if other else "it is not a file from this course's peer review"
        raise ValueError(f"This is not {what}: {said}. Load it in the box that asks for it.")
    code = data.get("code")
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise ValueError("This file is damaged: its code is missing. Ask your partner to export it again.")
    return data


def read_essay_file(raw: bytes) -> dict:
    """An essay file's fields, checked: ``code``, ``prompt``, ``text`` (ValueError with a sentence if it is not one)."""
    data = _parse(raw, ESSAY_FORMAT, "an essay for a partner")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("This essay file holds no essay. Ask your partner to write one and export it again.")
    if len(text) > MAX_TEXT:
        raise ValueError(
            f"This essay is {len(text):,} characters long, far more than the {MAX_TEXT:,} a partner is asked to read."
        )
    return {"code": data["code"], "prompt": clean_text(data.get("prompt", ""), 400), "text": text}


def review_payload(essay_file: dict, levels: dict[str, int], comments: str) -> dict:
    """What "Export my review" writes: the essay's code and text digest, a level per criterion, the comments."""
    return {
        "format": REVIEW_FORMAT,
        "code": essay_file["code"],
        "sha256": digest(essay_file["text"]),
        "levels": {c: int(n) for c, n in levels.items()},
        "comments": comments[:MAX_COMMENT],
        "reviewed": _now(),
    }


def read_review_file(raw: bytes) -> dict:
    """A review file's fields, checked: ``code``, ``sha256``, ``levels`` (criterion -> 1..4), ``comments``."""
    data = _parse(raw, REVIEW_FORMAT, "a review")
    known = rubric.criteria()
    levels = data.get("levels")
    if not isinstance(levels, dict) or not levels:
        raise ValueError("This review gives no level on any criterion: ask your partner to choose them and export it again.")
    clean: dict[str, int] = {}
    for criterion, level in levels.items():
        if criterion not in known or not isinstance(level, int) or isinstance(level, bool) or level not in rubric.LEVELS:
            raise ValueError(
                "This review is damaged: a level is not one of 4, 3, 2, 1 on the course's criteria. "
                "Ask your partner to export it again."
            )
        clean[criterion] = level
    comments = data.get("comments", "")
    return {
        "code": data["code"],
        "sha256": str(data.get("sha256", "")),
        "levels": clean,
        "comments": clean_text(comments if isinstance(comments, str) else "", MAX_COMMENT, keep_newlines=True),
    }


# ----- what this learner keeps: the codes they sent, the reviews they received ---------------------------------------
def _note_json(key: str, empty: object) -> object:
    try:
        value = json.loads(progress.notes().get(key, ""))
    except ValueError:
        return empty
    return value if isinstance(value, type(empty)) else empty


def sent() -> dict[str, dict]:
    """The essays this learner exported for a partner: code -> {"sha256", "text"}."""
    return {c: v for c, v in _note_json(MINE, {}).items() if isinstance(v, dict) and isinstance(v.get("text"), str)}


def remember_sent(payload: dict) -> None:
    """Keep the code and text of an essay sent to a partner, so its review can be matched (raises ProgressError)."""
    table = sent()
    table[payload["code"]] = {"sha256": payload["sha256"], "text": payload["text"]}
    progress.save_note(MINE, json.dumps(table, ensure_ascii=False))


def received() -> list[dict]:
    """The reviews this learner has loaded, oldest first."""
    return [r for r in _note_json(RECEIVED, []) if isinstance(r, dict) and isinstance(r.get("levels"), dict)]


def accept_review(review: dict) -> dict:
    """Keep a review of one of this learner's essays; ValueError (nothing kept) for a review of someone else's."""
    mine = sent().get(review["code"])
    if mine is None:
        raise ValueError(
            "This review is of an essay you did not send from here: it is someone else's, or you exported "
            "your essay on another computer. Nothing was changed."
        )
    kept = [
        r
        for r in received()
        if not (
            r.get("code") == review["code"]
            and r.get("sha256") == review["sha256"]
            and r.get("comments") == review["comments"]
            and r.get("levels") == review["levels"]
        )
    ]
    kept.append(review)
    progress.save_note(RECEIVED, json.dumps(kept, ensure_ascii=False))
    return mine


# ----- files out: saved beside the notebook where possible, always downloadable ---------------------------------------
def _write_beside(path: Path, data: bytes) -> None:
    """Write a new file (never over an existing one), private to this learner until they pass it on."""
    with progress.open_private(path, "xb") as handle:
        handle.write(data)


def _offer(payload: dict, stem: str) -> Markup:
    """Save ``payload`` beside the notebook if the folder allows it, and always offer it as a download from the page."""
    data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
    name = f"{stem}-{payload['code']}.json"
    link = el(
        "a",
        "Download it",
        cls="summit-download",
        download=name,
        href=f"data:application/json;base64,{base64.b64encode(data).decode('ascii')}",
    )
    try:
        _write_beside(Path(name), data)
        where = join(["✓ Saved ", el("code", name), f" beside this notebook ({Path.cwd()}). "])
    except FileExistsError:
        where = join(["✓ ", el("code", name), " is already beside this notebook. "])
    except OSError:
        where = join(["✓ Ready (this folder cannot be written to, so no copy was saved here). "])
    return page(el("div", where, link, " and pass the file to your partner.", role="status"))


# ----- the pages ----------------------------------------------------------------------------------------------------
def review_html(review: dict, essay_text: str, current: str | None = None) -> Markup:
    """A review beside the essay it reviews (two columns that stack on a narrow screen)."""
    rows = [el("li", el("b", f"{c}: level {n}. "), rubric.descriptor(c, n, short=True)) for c, n in review["levels"].items()]
    changed = (
        el("p", "You have changed your essay since you sent it: the review is of the version shown here.", cls="summit-note")
        if current is not None and current.strip() and digest(current) != digest(essay_text)
        else ""
    )
    left = el(
        "div",
        el("h4", "Your essay, as you sent it"),
        changed,
        el("blockquote", *(el("p", p) for p in essay_text.split("\n") if p.strip()), cls="summit-quote"),
        style="flex:1 1 18em;min-width:0",
    )
    comments = review["comments"].strip()
    right = el(
        "div",
        el("h4", "Your partner's review"),
        el("ul", *rows),
        el("p", el("b", "Comments: "), comments or "(none)"),
        style="flex:1 1 18em;min-width:0",
    )
    return page(el("div", left, right, style="display:flex;flex-wrap:wrap;gap:1em"))


def peer_review(question_id: str = essay.ESSAY_ID):  # -> ipywidgets.VBox
    """The three steps of peer review as one box: send my essay, review a partner's, read the review of mine."""
    import ipywidgets as w

    status = alert_area(live=True)
    # 1. Send
    send = w.Button(
        description="Export for a partner",
        layout=w.Layout(width="auto"),
        tooltip="Write your essay to a file, with no name on it, for a partner to review",
    )

    def do_send() -> None:
        record = progress.record(question_id) or {}
        answer = record.get("answer")
        text = answer.get("text") if isinstance(answer, dict) else answer if isinstance(answer, str) else ""
        if not isinstance(text, str) or not text.strip():
            show_alert(
                status, str(alert_html("Save your essay first (Save, or Check my citations), then export it for a partner."))
            )
            return
        try:
            prompt = question_spec(question_id).get("prompt", "")
        except (KeyError, ValueError):  # a question id not in the banks: the essay goes without its prompt
            prompt = ""
        payload = essay_payload(text, prompt)
        remember_sent(payload)
        show_alert(status, str(_offer(payload, "essay-for-partner")))

    # 2. Review a partner's essay
    essay_upload = w.FileUpload(accept=".json", multiple=False, description="Load a partner's essay")
    essay_upload.layout = w.Layout(width="auto")
    partner = w.HTML()
    partner.add_class("summit-live")
    menus = {
        c: w.Dropdown(
            options=[("— choose —", 0)] + [(f"Level {n}", n) for n in rubric.LEVELS],
            value=0,
            description=f"{c}:",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto"),
        )
        for c in rubric.criteria()
    }
    comments = w.Textarea(
        description="Comments:",
        placeholder="What is strongest? What one change would raise a level? Cite paragraphs.",
        layout=w.Layout(width="100%", height="6em"),
    )
    comments.add_class("summit-stacked")
    give = w.Button(description="Export my review", layout=w.Layout(width="auto"), disabled=True)
    loaded: dict = {}

    def on_essay(raw: bytes) -> None:
        try:
            found = read_essay_file(raw)
        except ValueError as exc:
            show_alert(status, str(alert_html(str(exc))))
            return
        loaded.clear()
        loaded.update(found)
        give.disabled = False
        partner.value = str(
            page(
                el("h4", "Your partner's essay"),
                el("blockquote", *(el("p", p) for p in found["text"].split("\n") if p.strip()), cls="summit-quote"),
                el("p", el("b", "What the essay box finds:")),
                essay.report_html(found["text"], found["prompt"]),
            )
        )
        show_alert(status, "")

    def do_give() -> None:
        if not loaded:
            show_alert(status, str(alert_html("Load your partner's essay first.")))
            return
        levels = {c: m.value for c, m in menus.items() if m.value}
        if len(levels) < len(menus):
            missing = [c for c, m in menus.items() if not m.value]
            show_alert(status, str(alert_html(f"Choose a level for {', '.join(missing)} first: each criterion gets one.")))
            return
        show_alert(status, str(_offer(review_payload(loaded, levels, comments.value), "review")))

    # 3. Read the review of my essay
    review_upload = w.FileUpload(accept=".json", multiple=False, description="Load the review of my essay")
    review_upload.layout = w.Layout(width="auto")
    mine = w.HTML()
    mine.add_class("summit-live")

    def current_text() -> str:
        answer = (progress.record(question_id) or {}).get("answer")
        return answer.get("text", "") if isinstance(answer, dict) else answer if isinstance(answer, str) else ""

    def on_review(raw: bytes) -> None:
        try:
            review = read_review_file(raw)
            sent_essay = accept_review(review)
        except ValueError as exc:
            show_alert(status, str(alert_html(str(exc))))
            return
        mine.value = str(review_html(review, sent_essay["text"], current_text()))
        show_alert(status, str(page(el("div", "✓ The review is kept with your answers.", role="status"))))

    on_click(send, do_send, status, progress.take_notices)
    on_click(give, do_give, status, progress.take_notices)
    on_upload(essay_upload, on_essay, status, progress.take_notices)
    on_upload(review_upload, on_review, status, progress.take_notices)
    kept = received()
    if kept:
        sent_now = sent()
        last = kept[-1]
        if last.get("code") in sent_now:
            mine.value = str(review_html(last, sent_now[last["code"]]["text"], current_text()))
    heading = w.HTML(
        str(
            page(
                el("h4", "1. Send your essay"), el("p", "The file has your essay and a random code, no name.", cls="summit-note")
            )
        )
    )
    step2 = w.HTML(
        str(
            page(
                el("h4", "2. Review your partner's essay"),
                el(
                    "p",
                    "Load their file, read it against the rubric above, choose a level on each criterion and "
                    "write what would raise one level, citing paragraphs.",
                    cls="summit-note",
                ),
            )
        )
    )
    step3 = w.HTML(str(page(el("h4", "3. Read the review of your essay"))))
    box = w.VBox(
        [heading, send, step2, essay_upload, partner, *menus.values(), comments, give, step3, review_upload, mine, status],
        layout=w.Layout(max_width="100%"),
    )
    box.add_class("summit-widget")
    box.send_button, box.essay_upload, box.partner, box.menus, box.comments = send, essay_upload, partner, menus, comments
    box.review_button, box.review_upload, box.mine, box.status = give, review_upload, mine, status
    return box
