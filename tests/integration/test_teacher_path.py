"""Issue 18's "done when", as a walkthrough: a teacher forks, edits a question and a data row, builds, publishes for students,
hands out links that carry no solutions, collects exports and grades them -- each step a command the docs give -- and the
suite stays green in the fork.

Learners work in their own clone of the published branch (as nbgitpuller makes it: one branch, shallow), import the
course's package from beside the notebooks, answer through the question widgets and export with the package: one with
the scorecard's button, one with the command for learners who cannot use it.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT
from fork import add_question, add_row, command, environment, git, make_fork, paragraph, replace_in_solution
from student_branch import assert_student_release

from summitkit.quiz.build import exercise_name

NEW_QUESTION = textwrap.dedent("""\
    quiz.single("01-rsis-city", prompt="In which city is the school that publishes RSIS Commentaries?",
                options=["Seoul", "Singapore", "Vladivostok"], answer="Singapore",
                explain="RSIS is part of Nanyang Technological University, in Singapore: see the table of the two texts.")""")

#: Each step's command, as the docs give it (the test runs these, with the fork's addresses filled in).
DOCUMENTED = (
    "python3 run.py build",
    "python3 run.py publish --push",
    "--remote https://github.com/<you>/summit-course-student.git",
    "python3 run.py links --repo",
    "--branch student",
    "python3 run.py grade solutions/class-exports",
    'python3 -m summitkit export --name "Your Name"',
    "Export my answers",
    "python3 run.py clean",
)

#: A question of each kind, written as the README's example is (one cell each), added to lesson 01's solution.
EACH_KIND = {
    "single": NEW_QUESTION,
    "multiple": """quiz.multiple("01-t-multiple", prompt="Which of these does the RSIS commentary have? Tick all that apply.",
              options=["a SYNOPSIS", "section headings", "a photo credit"], answer=["a SYNOPSIS", "section headings"],
              cite=["rsis ¶1"], explain="A synopsis (rsis ¶1) and four section headings.")""",
    "order": """quiz.order("01-t-order", prompt="Put these in the order they were published.",
           items=["RSIS Commentary", "Eurasia Review's copy", "38 North article"],
           explain="RSIS in late April, Eurasia Review on 30 April, 38 North on 2 May 2019.")""",
    "match": """quiz.match("01-t-match", prompt="Match each text with its outlet's home.",
           pairs={"RSIS Commentary": "Singapore", "38 North article": "Washington, DC"},
           explain="RSIS is in Singapore; 38 North was a program of the Stimson Center in Washington, DC.")""",
    "categorize": """quiz.categorize("01-t-categorize", prompt="Which text has each feature?",
                items={"a SYNOPSIS": "RSIS", "a section on ASEAN": "RSIS", "no byline in our copy": "38 North"},
                categories=["38 North", "RSIS"], explain="See the table of the two texts.")""",
    "date": """quiz.date("01-t-date", prompt="When did Eurasia Review republish the RSIS commentary?", answer="2019-04-30",
          precision="day", explain="On 30 April 2019.")""",
    "number": """quiz.number("01-t-number", prompt="How many paragraphs does the 38 North article have?", answer=11,
            cite=["38north ¶11"], explain="Eleven, headings not counted.")""",
    "evidence": """quiz.evidence("01-t-evidence", prompt="Which paragraph supports this statement?",
              statement="The summit's purpose was to show that the US cannot alone influence North Korea.",
              answer=["rsis ¶1"], options=["rsis ¶1", "rsis ¶17"], explain="The SYNOPSIS says so.")""",
    "written": """quiz.written("01-t-written", prompt="Which of the two texts would you read first, and why? Write 2 to 3 sentences.",
             rubric=["I name a text.", "I give a reason from its source."], model="RSIS first: it has a byline and a synopsis.")""",
    "code": """teacher_words = len(sk.paragraph("38north", 1).split())  # SOLUTION""",
}
#: The code task's question, after the cell that computes its value.
CODE_QUESTION = """quiz.code("01-t-code", prompt="How many words are in 38north ¶1? Your value comes from the cell above.",
          answer=CODE_ANSWER, value=teacher_words, explain="Counted with len(sk.paragraph(\\"38north\\", 1).split()).")"""

LEARNER = textwrap.dedent("""\
    import sys
    from summitkit import quiz, scorecard
    for qid, answer in [("01-rsis-city", "Singapore"), ("01-outlet", "RSIS Commentaries"), ("00-citation", sys.argv[2])]:
        widget = quiz.show(qid)
        widget.set_answer(answer)
        print(qid, widget.check().verdict)
    if sys.argv[1] == "button":  # the scorecard's Export button, pressed
        box = scorecard.show()
        box.name.value, box.contact.value = "Ana Lima", "ana@school.example"
        box.export_button.click()
        print(box.status.value)
""")


def _docs() -> str:
    return "\n".join(
        (ROOT / p).read_text(encoding="utf-8") for p in ("README.md", "docs/teacher_guide.md", "docs/student-readme.md")
    )


def test_every_step_is_in_the_docs():
    docs = _docs()
    assert [c for c in DOCUMENTED if c not in docs] == []
    for folder in ("solutions/class-exports", "class-exports", "notebooks/class-exports"):  # the guide's folder, or any other
        assert subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", f"{folder}/summit-export-x.json"]).returncode == 0, (
            folder
        )


def _learner(clone, home, how: str, reading: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in environment(clone).items() if k not in ("PYTHONPATH", "SUMMITKIT_HOME")}
    env["HOME"] = str(home)  # each learner's own home: ~/.summit_course/progress.json
    return subprocess.run(
        [sys.executable, "-c", LEARNER, how, reading],
        cwd=clone / "notebooks",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _retime(fork) -> subprocess.CompletedProcess:
    """The re-timing step, as the README gives it (python3 run.py bench --only timings), run in the fork."""
    return subprocess.run(
        [sys.executable, "-m", "bench", "--only", "timings"],
        cwd=fork,
        env=environment(fork),
        capture_output=True,
        text=True,
        timeout=1200,
    )


@pytest.fixture(scope="module")
def teachers_fork(tmp_path_factory):
    """A fork in git where a teacher edited a question, added one of each kind to lesson 01 and a data row, then followed the
    README: build (which refuses while the minutes are stale), re-time, build, commit."""
    fork = make_fork(tmp_path_factory.mktemp("teacher") / "summit-course")
    shutil.copytree(
        ROOT / "bench", fork / "bench", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True
    )  # the re-timing tool
    git(fork, "add", "-A")
    git(fork, "commit", "-qm", "The benchmarks too")
    replace_in_solution(fork, "01_the_sources.ipynb", "Which outlet first published", "Which outlet was the first to publish")
    for kind, source in EACH_KIND.items():
        add_question(fork, "01_the_sources.ipynb", source, f"teacher-{kind}")
    words = len(paragraph(fork, "38north", 1).split())
    add_question(fork, "01_the_sources.ipynb", CODE_QUESTION.replace("CODE_ANSWER", str(words)), "teacher-code-question")
    add_row(
        fork / "data" / "stakes.csv",
        {
            "actor": "Russia",
            "kind": "wants",
            "stake": "To be seen as a player (added by a teacher)",
            "source": "rsis",
            "paragraph": "5",
            "quote": " ".join(paragraph(fork, "rsis", 5).split()[:8]),
        },
    )
    exercise = f"exercises/{exercise_name('01_the_sources.ipynb')}"
    # Build without re-timing: the build stops and says which notebook to re-time; publish refuses, and its dry run too.
    built = command(fork, "build")
    assert built.returncode == 1 and exercise in built.stderr and "bench --only timings)" in built.stderr, built.stderr
    for args in (("publish", "--check"), ("publish",)):
        refused = command(fork, *args)
        assert refused.returncode == 1 and exercise in refused.stderr and "re-time" in refused.stderr, refused.stderr
        assert git(fork, "branch", "--list", "student") == ""
    retimed = _retime(fork)
    assert retimed.returncode == 0, retimed.stdout[-2000:] + retimed.stderr[-2000:]
    built = command(fork, "build")
    assert built.returncode == 0, built.stderr
    git(fork, "add", "-A")
    git(fork, "commit", "-qm", "My questions and data")
    return fork


def test_a_question_of_each_kind_reaches_the_bank_and_the_minutes(teachers_fork):
    bank = json.loads((teachers_fork / "data" / "questions" / "01_the_sources.json").read_text(encoding="utf-8"))
    ids = {entry["id"] for entry in bank["questions"]}
    assert {"01-rsis-city", "01-t-code"} | {f"01-t-{kind}" for kind in EACH_KIND if kind not in ("single", "code")} <= ids
    with (teachers_fork / "data" / "timings.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["notebook"]: row for row in csv.DictReader(handle)}
    with (ROOT / "data" / "timings.csv").open(encoding="utf-8", newline="") as handle:
        before = {row["notebook"]: row for row in csv.DictReader(handle)}
    exercise = f"exercises/{exercise_name('01_the_sources.ipynb')}"
    assert int(rows[exercise]["questions"]) == int(before[exercise]["questions"]) + len(EACH_KIND)
    assert int(rows[exercise]["minutes"]) > int(before[exercise]["minutes"])
    readme = (teachers_fork / "README.md").read_text(encoding="utf-8")
    assert f"`{exercise.removesuffix('.ipynb')}` ({rows[exercise]['minutes']} min)" in readme


def test_a_teacher_goes_from_fork_to_grades(teachers_fork, tmp_path):
    # 1-2. Fork, edit a question, add questions and a data row, build, re-time, build, commit: the fixture.
    fork = teachers_fork
    assert "01-rsis-city" in (fork / "data" / "questions" / "01_the_sources.json").read_text(encoding="utf-8")
    # 3. Publish for students, to a separate repository for learners.
    student_repo = tmp_path / "hosting" / "summit-course-student.git"
    git(tmp_path, "init", "-q", "--bare", str(student_repo))
    published = command(fork, "publish", "--push", "--remote", str(student_repo))
    assert published.returncode == 0, published.stderr
    assert_student_release(student_repo, "student", fork / "solutions", tmp_path)
    # 4. Links for learners point at the student branch (the links command comes with the delivery work).
    if (fork / "src" / "summitkit" / "links.py").is_file():
        links = command(
            fork,
            "links",
            "--repo",
            "https://github.com/school/summit-course-student",
            "--branch",
            "student",
            "--hub",
            "https://hub.school.example",
        )
        assert links.returncode == 0, links.stderr
        urls = [w for w in links.stdout.split() if w.startswith("https://")]
        assert urls and all("student" in u for u in urls if "mybinder" in u or "git-pull" in u)
        assert not [u for u in urls if "branch=main" in u or "/main?" in u]
    # 5. Learners click: their server clones the student branch (one branch, shallow), and they work and export.
    exports = fork / "solutions" / "class-exports"  # where the guide (and the dashboard) keep them
    exports.mkdir()
    made = []
    for name, how, reading in (
        ("ana", "button", "Paragraph 8 of the RSIS commentary, headings not counted"),
        ("ben", "terminal", "Page 8 of the RSIS commentary"),
    ):
        home = tmp_path / "homes" / name
        clone = home / "summit-course"
        subprocess.run(
            ["git", "clone", "--quiet", "--depth", "1", "--branch", "student", f"file://{student_repo}", str(clone)], check=True
        )
        assert not (clone / "solutions").exists()
        ran = _learner(clone, home, how, reading)
        assert ran.returncode == 0, ran.stderr
        assert "01-rsis-city correct" in ran.stdout and "01-outlet correct" in ran.stdout
        if how == "terminal":  # the learner's command, from the notebooks folder, as the student README says
            env = {k: v for k, v in environment(clone).items() if k not in ("PYTHONPATH", "SUMMITKIT_HOME")}
            env["HOME"] = str(home)
            done = subprocess.run(
                [sys.executable, "-m", "summitkit", "export", "--name", "Ben Okafor", "--email", "ben@school.example"],
                cwd=clone / "notebooks",
                env=env,
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0 and "Saved your answers in" in done.stdout, done.stderr
        else:
            assert "Saved" in ran.stdout
        found = sorted((clone / "notebooks").glob("summit-export-*.json"))
        assert len(found) == 1
        made.append(shutil.copy(found[0], exports / found[0].name))  # handed in, and put in one folder
    # 6. The class folder never reaches git.
    assert "class-exports" not in git(fork, "status", "--porcelain", "--untracked-files=all")
    # 7. Grade.
    graded = command(fork, "grade", "solutions/class-exports")
    assert graded.returncode == 0, graded.stderr
    with (exports / "grades.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["Student"]: row for row in csv.DictReader(handle)}
    column = next(c for c in rows["Ana Lima"] if c.startswith("Summit 01"))
    assert rows["Ana Lima"][column] == rows["Ben Okafor"][column] == "2"  # the edited question and the teacher's new one
    total = next(c for c in rows["Ana Lima"] if c.startswith("Summit total"))
    assert rows["Ana Lima"][total] == "3" and rows["Ben Okafor"][total] == "2"  # Ana read the citation right, Ben did not
    assert rows["Ana Lima"]["SIS Login ID"] == "ana@school.example" and rows["Ben Okafor"]["SIS Login ID"] == "ben@school.example"


#: The tests a teacher's new questions could break: the build and what it writes, the minutes and plans, the printed
#: commands, grading (totals), and the edited notebook itself, run top to bottom.
AFTER_EDITS = (
    "tests/unit/test_build.py",
    "tests/unit/test_generated.py",
    "tests/unit/test_quotations.py",
    "tests/unit/test_prose_numbers.py",
    "tests/unit/test_plan.py",
    "tests/unit/test_timings.py",
    "tests/unit/test_release.py",
    "tests/unit/test_grading.py",
    "tests/integration/test_docs_commands.py::test_the_readme_is_for_teachers_and_learners",
    "tests/integration/test_dashboard_notebook.py::test_dashboard_notebook_on_real_exports",
)


def test_the_suite_stays_green_after_the_teachers_edits(teachers_fork, tmp_path):
    fork = tmp_path / "summit-course"
    shutil.copytree(teachers_fork, fork, symlinks=True, ignore=shutil.ignore_patterns(".git", "class-exports", "__pycache__"))
    if (teachers_fork.parent / "shared").exists():  # the originals beside the copy too, for its text tests
        (tmp_path / "shared").symlink_to(teachers_fork.parent / "shared", target_is_directory=True)
    runs = [
        f"tests/integration/test_notebooks_run.py::test_notebook_runs_top_to_bottom[{f}]"
        for f in (f"exercises/{exercise_name('01_the_sources.ipynb')}", "solutions/01_the_sources.ipynb")
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *AFTER_EDITS, *runs],
        cwd=fork,
        env=environment(fork),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-1000:]
