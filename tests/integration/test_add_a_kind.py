"""The recipe "Add a question kind" in docs/developing.md, followed once.

The module the recipe shows is written, as it stands in the docs, into a copy of the package
(``kinds/short.py``); nothing else is edited. In a fresh Python that imports the copy, the new kind must
be found, validated (errors name question and field), checked, declared in a solution notebook, built into
a sealed bank and an exercise, shown from the bank by ``quiz.show`` and answered, and declared live with
``quiz.short(...)``. Then the shared contract tests of ``tests/unit/test_kinds.py`` run on it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap

from conftest import ROOT

SCRIPT = textwrap.dedent("""
    import json, sys
    from pathlib import Path

    course = Path(sys.argv[1])
    import summitkit.quiz as quiz
    from summitkit.quiz import bank, build, kinds, spec

    out = {"package": quiz.__file__, "kinds": list(kinds.names())}
    s = spec.validate({"id": "99-city", "kind": "short", "prompt": "In which city is RSIS based?", "accept": ["Singapore"]})
    try:
        spec.validate({"id": "99-bad", "kind": "short", "prompt": "p", "accept": "Singapore"})
    except spec.SpecError as exc:
        out["error"] = [str(exc), exc.question, exc.field]
    out["checks"] = [quiz.check(s, a).verdict for a in ("Singapore", "  singapore. ", "Seoul", "", None, ["x"], {"text": 1})]
    out["written"] = [str(p.relative_to(course)) for p in build.build(course)]
    entry = json.loads((course / "data" / "questions" / "99_toy.json").read_text(encoding="utf-8"))["questions"][0]
    out["entry_keys"] = sorted(entry)
    out["exercise"] = (course / "exercises" / "99_toy_exercises.ipynb").read_text(encoding="utf-8")
    out["bank"] = json.dumps(entry, ensure_ascii=False)
    q = quiz.show("99-city")
    q.input.value = "Seoul"
    q.check_button.click()
    out["wrong"] = [q.last_result.verdict, q.feedback.value]
    q.input.value = "singapore"
    q.check_button.click()
    out["right"] = [q.last_result.verdict, q.feedback.value, [b.description for b in q.cite_bar.children]]
    q.reveal_button.click()
    out["answer_area"] = q.answer_area.value
    again = quiz.show("99-city")
    out["restored"] = [again.input.value, again.feedback.value]
    live = quiz.short("99-live", prompt="Which city?", accept=["Vladivostok"])
    out["live"] = [type(live).__name__, live.kind, str(__import__("inspect").signature(quiz.short))]
    print(json.dumps(out, ensure_ascii=False))
""")


def recipe_module() -> str:
    """The Python block of the section "Add a question kind" in docs/developing.md."""
    text = (ROOT / "docs" / "developing.md").read_text(encoding="utf-8")
    section = text.split("### Add a question kind", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert blocks, "the recipe has no python block"
    return blocks[0]


def _notebook(*sources: str) -> dict:
    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "id": f"c{i}", "source": s}
        for i, s in enumerate(sources)
    ]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_the_recipe_adds_a_kind_with_one_module(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "summitkit", src / "summitkit", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    module = src / "summitkit" / "quiz" / "kinds" / "short.py"
    assert not module.exists()
    module.write_text(recipe_module(), encoding="utf-8")  # the one new file

    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    shutil.copytree(ROOT / "data", course / "data", ignore=shutil.ignore_patterns("questions", "figures"))
    declaration = (
        'quiz.short("99-city", prompt="In which city is RSIS based?", accept=["Singapore", "Singapura"],\n'
        '           cite=["rsis ¶1"], explain="RSIS is a school of Nanyang Technological University.")'
    )
    (course / "solutions" / "99_toy.ipynb").write_text(
        json.dumps(_notebook("from summitkit import quiz", declaration)), encoding="utf-8"
    )

    env = dict(os.environ, PYTHONPATH=str(src), SUMMITKIT_DATA=str(course / "data"), SUMMITKIT_HOME=str(tmp_path / "home"))
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(course)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])

    assert out["package"].startswith(str(src))  # the copy, with the new module, not the checkout
    assert "short" in out["kinds"] and {"single", "code"} <= set(out["kinds"])
    assert out["error"] == ["question '99-bad': 'accept' must be a list of at least 1 non-empty strings", "99-bad", "accept"]
    assert out["checks"] == ["correct", "correct", "wrong", "empty", "empty", "empty", "empty"]
    assert out["written"] == ["exercises/99_toy_exercises.ipynb", "data/questions/99_toy.json"]
    assert 'quiz.show(\\"99-city\\")' in out["exercise"] and "Singapore" not in out["exercise"]
    assert out["entry_keys"] == ["hint_count", "id", "in_lesson", "kind", "prompt", "sealed"]  # accept is sealed
    assert "Singapore" not in out["bank"] and "Nanyang" not in out["bank"]
    assert out["wrong"][0] == "wrong" and "✗ Not yet" in out["wrong"][1] and "Seoul" in out["wrong"][1]
    assert out["right"][0] == "correct" and "Nanyang" in out["right"][1] and out["right"][2] == ["Read rsis ¶1"]
    assert "Answer:</b> Singapore" in out["answer_area"]
    assert out["restored"][0] == "singapore" and "is back" in out["restored"][1]
    assert out["live"][:2] == ["QuestionWidget", "short"] and "accept: 'list[str]'" in out["live"][2]

    contract = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit/test_kinds.py", "-k", "short"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    summary = contract.stdout.strip().splitlines()[-1]
    assert (
        contract.returncode == 0
        and re.search(r"(\d+) passed", summary)
        and int(re.search(r"(\d+) passed", summary).group(1)) >= 7
    ), contract.stdout[-3000:]
