"""Issue 18's "done when", as a walkthrough: a teacher forks, edits a question and a data row, builds, publishes for students,
hands out links that carry no solutions, collects exports and grades them -- each step a command the docs give -- and the
suite stays green in the fork.

Learners work in their own clone of the published branch (as nbgitpuller makes it: one branch, shallow), import the
course's package from beside the notebooks, answer through the question widgets and export with the package: one with
the scorecard's button, one with the command for learners who cannot use it.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT
from fork import add_question, add_row, command, environment, git, make_fork, paragraph, replace_in_solution
from student_branch import assert_student_release

from summitkit.quiz.build import exercise_name

NEW_QUESTION = textwrap.dedent('''\
    quiz.single("01-rsis-city", prompt="In which city is the school that publishes RSIS Commentaries?",
                options=["Seoul", "Singapore", "Vladivostok"], answer="Singapore",
                explain="RSIS is part of Nanyang Technological University, in Singapore: see the table of the two texts.")''')

#: Each step's command, as the docs give it (the test runs these, with the fork's addresses filled in).
DOCUMENTED = ("python3 run.py build", "python3 run.py publish --push", "--remote https://github.com/<you>/summit-course-student.git",
              "python3 run.py links --repo", "--branch student", "python3 run.py grade solutions/class-exports",
              'python3 -m summitkit export --name "Your Name"', "Export my answers", "python3 run.py clean")

LEARNER = textwrap.dedent('''\
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
''')


def _docs() -> str:
    return "\n".join((ROOT / p).read_text(encoding="utf-8") for p in ("README.md", "docs/teacher_guide.md", "docs/student-readme.md"))


def test_every_step_is_in_the_docs():
    docs = _docs()
    assert [c for c in DOCUMENTED if c not in docs] == []
    for folder in ("solutions/class-exports", "class-exports", "notebooks/class-exports"):  # the guide's folder, or any other
        assert subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", f"{folder}/summit-export-x.json"]).returncode == 0, folder


def _learner(clone, home, how: str, reading: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in environment(clone).items() if k not in ("PYTHONPATH", "SUMMITKIT_HOME")}
    env["HOME"] = str(home)  # each learner's own home: ~/.summit_course/progress.json
    return subprocess.run([sys.executable, "-c", LEARNER, how, reading], cwd=clone / "notebooks", env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_teacher_goes_from_fork_to_grades(tmp_path):
    # 1. Fork (a copy in git), then edit a question, add one, and add a data row.
    fork = make_fork(tmp_path / "teacher" / "summit-course")
    replace_in_solution(fork, "01_the_sources.ipynb", "Which outlet first published", "Which outlet was the first to publish")
    add_question(fork, "01_the_sources.ipynb", NEW_QUESTION, "teacher-q")
    add_row(fork / "data" / "stakes.csv", {"actor": "Russia", "kind": "wants", "stake": "To be seen as a player (added by a teacher)",
                                           "source": "rsis", "paragraph": "5", "quote": " ".join(paragraph(fork, "rsis", 5).split()[:8])})
    # 2. Build, commit.
    built = command(fork, "build")
    assert built.returncode == 0, built.stderr
    assert "01-rsis-city" in (fork / "data" / "questions" / "01_the_sources.json").read_text(encoding="utf-8")
    git(fork, "add", "-A")
    git(fork, "commit", "-qm", "My questions and data")
    # 3. Publish for students, to a separate repository for learners.
    student_repo = tmp_path / "hosting" / "summit-course-student.git"
    git(tmp_path, "init", "-q", "--bare", str(student_repo))
    published = command(fork, "publish", "--push", "--remote", str(student_repo))
    assert published.returncode == 0, published.stderr
    assert_student_release(student_repo, "student", fork / "solutions", tmp_path)
    # 4. Links for learners point at the student branch (the links command comes with the delivery work).
    if (fork / "src" / "summitkit" / "links.py").is_file():
        links = command(fork, "links", "--repo", "https://github.com/school/summit-course-student", "--branch", "student",
                        "--hub", "https://hub.school.example")
        assert links.returncode == 0, links.stderr
        urls = [w for w in links.stdout.split() if w.startswith("https://")]
        assert urls and all("student" in u for u in urls if "mybinder" in u or "git-pull" in u)
        assert not [u for u in urls if "branch=main" in u or "/main?" in u]
    # 5. Learners click: their server clones the student branch (one branch, shallow), and they work and export.
    exports = fork / "solutions" / "class-exports"  # where the guide (and the dashboard) keep them
    exports.mkdir()
    made = []
    for name, how, reading in (("ana", "button", "Paragraph 8 of the RSIS commentary, headings not counted"),
                               ("ben", "terminal", "Page 8 of the RSIS commentary")):
        home = tmp_path / "homes" / name
        clone = home / "summit-course"
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", "student", f"file://{student_repo}", str(clone)], check=True)
        assert not (clone / "solutions").exists()
        ran = _learner(clone, home, how, reading)
        assert ran.returncode == 0, ran.stderr
        assert "01-rsis-city correct" in ran.stdout and "01-outlet correct" in ran.stdout
        if how == "terminal":  # the learner's command, from the notebooks folder, as the student README says
            env = {k: v for k, v in environment(clone).items() if k not in ("PYTHONPATH", "SUMMITKIT_HOME")}
            env["HOME"] = str(home)
            done = subprocess.run([sys.executable, "-m", "summitkit", "export", "--name", "Ben Okafor", "--email", "ben@school.example"],
                                  cwd=clone / "notebooks", env=env, capture_output=True, text=True)
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


@pytest.mark.parametrize("tests", [("tests/unit/test_build.py", "tests/unit/test_generated.py", "tests/unit/test_quotations.py",
                                     "tests/unit/test_prose_numbers.py", "tests/unit/test_plan.py", "tests/unit/test_release.py")])
def test_the_suite_stays_green_after_the_teachers_edits(tmp_path, tests):
    fork = make_fork(tmp_path / "summit-course", in_git=False)
    replace_in_solution(fork, "01_the_sources.ipynb", "Which outlet first published", "Which outlet was the first to publish")
    add_question(fork, "01_the_sources.ipynb", NEW_QUESTION, "teacher-q")
    assert command(fork, "build").returncode == 0
    runs = [f"tests/integration/test_notebooks_run.py::test_notebook_runs_top_to_bottom[{f}]"
            for f in (f"exercises/{exercise_name('01_the_sources.ipynb')}", "solutions/01_the_sources.ipynb")]
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests, *runs], cwd=fork,
                          env=environment(fork), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-1000:]
