"""What ``run.py build`` writes is current; a solution saved after a run builds a clean exercise; ``run.py clean`` works."""

from __future__ import annotations

import json

from conftest import ROOT
from fork import TEACHER, saved_after_a_run

from summitkit import nbfiles
from summitkit.generated import stale
from summitkit.quiz.build import convert, exercise_name, solution_notebooks


def test_everything_the_build_writes_is_current():
    """The one test that the committed build output is current: exercises, question banks, printables, the teacher
    guide's plans and the figures (``generated.stale`` names each file that is missing, out of date or orphaned)."""
    assert stale(ROOT) == [], "run python3 run.py build and commit what it writes"


def test_a_solution_saved_after_a_run_builds_the_same_clean_exercise():
    for path in solution_notebooks(ROOT):
        clean = json.loads(path.read_text(encoding="utf-8"))
        saved = saved_after_a_run(clean)
        assert len(json.dumps(saved)) > 540_000
        from_saved, bank_saved = convert(saved, path.name)
        from_clean, bank_clean = convert(clean, path.name)
        assert from_saved == from_clean and bank_saved == bank_clean, path.name
        text = json.dumps(from_saved, ensure_ascii=False)
        assert TEACHER not in text and "widget-state" not in text and '"execution":' not in json.dumps(from_saved["cells"])
        assert nbfiles.is_clean(from_saved)
        assert from_saved == json.loads((ROOT / "exercises" / exercise_name(path.name)).read_text(encoding="utf-8"))
