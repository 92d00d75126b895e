"""Issue 17's question widgets in a real kernel: a learner's code error said as a sentence about their line, the course
data's own errors, ``quiz.show`` without ``sk.begin``."""

from __future__ import annotations

from pathlib import Path

import kernel

# ----- the learner's own code error -------------------------------------------------------------------------------------
CELLS = [
    'import summitkit as sk\nfrom summitkit import textstats\nsk.begin("04")',
    "texts = textstats.source_texts()",
    'moscow = textstats.words(texts).count("Moscow")',
    'moscow = textstats.words(text["38north"]).count("moscow")',
    'moscow = textstats.words(texts["38north"].count("moscow")',
    '{}["missing"]',
]


def _run_cells(cells: list[str], tmp_path: Path) -> list[list[dict]]:
    nb = kernel.run(kernel.of_cells(cells), tmp_path, timeout=120, allow_errors=True)
    return [cell.outputs for cell in nb.cells]


def test_a_learners_code_error_is_a_sentence_about_their_line(tmp_path):
    outputs = _run_cells(CELLS, tmp_path)
    errors = [[o for o in out if o.output_type == "error"] for out in outputs]
    assert not errors[0] and not errors[1]
    said = {i: "\n".join(errors[i][0].traceback) for i in range(2, len(CELLS))}
    # The first natural attempt in exercises/04 used to end in 20 lines inside summitkit/textstats.py.
    assert said[2].startswith(
        "Line 1 of this cell stopped: textstats.words( ) needs a piece of text for its text, "
        "but your line gives it a collection of things by name. "
        'Pick one of the things in texts first, e.g. texts["38north"].'
    )
    assert "Python does not know the name text. Did you mean texts?" in said[3]
    assert "Python cannot read line 1 of this cell: a bracket or a quotation mark is probably missing" in said[4]
    assert "There is nothing called 'missing' in that collection" in said[5]
    for i, text in said.items():
        assert len(text.splitlines()) <= 2 and "textstats.py" not in text and "File " not in text, text
        assert f"(Python calls this a{'n' if errors[i][0].ename[0] in 'AEIOU' else ''} {errors[i][0].ename};" in text
        full = [o for o in outputs[i] if o.output_type == "display_data" and "text/html" in o.data]
        assert full and "Show Python&#x27;s full error message" in full[-1].data["text/html"]
        assert errors[i][0].ename in full[-1].data["text/html"]  # the whole traceback, one click away


def test_course_data_errors_keep_their_own_sentence(tmp_path):
    outputs = _run_cells(
        ['import summitkit as sk\nsk.begin("00")', "raise sk.CourseDataError('data/x.csv', 'bad', row=3)"], tmp_path
    )
    text = "".join(o.get("text", "") for o in outputs[1] if o.output_type == "stream")
    assert "Problem in the course data: data/x.csv, row 3: bad" in text and "Traceback" not in text


# ----- quiz.show on its own ---------------------------------------------------------------------------------------------
def test_quiz_show_works_in_a_fresh_kernel_without_begin(tmp_path):
    cells = [
        'from summitkit import quiz\nq = quiz.show("00-citation")\nq',
        'q.input.value = "Page 8 of the RSIS commentary"\nr = q.check()\nprint(r.verdict, "|", [b.description for b in q.cite_bar.children])',
        'q.cite_bar.children[0].click()\nprint("blockquote" in q.passage.value, "rsis ¶8" in q.passage.value)',
    ]
    outputs = _run_cells(cells, tmp_path)
    assert not [o for out in outputs for o in out if o.output_type == "error"]
    shown = outputs[0]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in shown)
    assert any("application/javascript" in o.get("data", {}) for o in shown)  # the live regions' script comes with it
    assert outputs[1][0]["text"].startswith("wrong | ['Read rsis ¶8']")
    assert outputs[2][0]["text"].strip() == "True True"
