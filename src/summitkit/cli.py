"""Command line: ``python -m summitkit.cli build|release|publish|links|clean|check|grade|feedback|export|plan``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from summitkit import plan, progress, scorecard
from summitkit.errors import CourseDataError
from summitkit.feedback_files import main as feedback_main
from summitkit.generated import stale, write_all
from summitkit.gradebook import main as grade_main
from summitkit.links import LinkError, course_links
from summitkit.links import report as links_report
from summitkit.nbfiles import clean_course
from summitkit.paths import course_root
from summitkit.publish import PublishError, publish, published_branch
from summitkit.publish import report as publish_report
from summitkit.quiz.build import BuildError
from summitkit.release import ReleaseError, build_release
from summitkit.tables import validate_all


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summitkit", description="Tools for the Vladivostok 2019 notebook series.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "build",
        help="regenerate exercises/, data/questions/, data/figures/, the handout, the worksheet, "
        "the answer key and the plans in the teacher guide from solutions/ and data/",
    )
    release = sub.add_parser("release", help="build the student release (no solutions) as a folder and a zip")
    release.add_argument("--out", default="dist", help="folder to write into (default: dist)")
    release.add_argument("--check", action="store_true", help="stop if the build is out of date instead of rebuilding first")
    publish_ = sub.add_parser("publish", help="commit the student release as a branch of your repository (and push it)")
    publish_.add_argument("--branch", default="student", help="the branch learners' links use (default: student)")
    publish_.add_argument("--remote", help="where to push: a remote's name (origin) or a repository's address")
    publish_.add_argument("--push", action="store_true", help="push the branch to --remote (default origin)")
    publish_.add_argument("--check", action="store_true", help="stop if the build is out of date instead of rebuilding first")
    links = sub.add_parser(
        "links", help="print Binder and JupyterHub (nbgitpuller) links per notebook for your copy of the course"
    )
    links.add_argument(
        "--repo", required=True, help="your repository's web address, e.g. https://github.com/school/summit-course"
    )
    links.add_argument("--hub", help="your JupyterHub's address, e.g. https://hub.school.edu (without it: Binder links only)")
    links.add_argument(
        "--branch",
        default=None,
        help="the branch learners get (default: the branch 'run.py publish' made, 'student', if there is one; else main)",
    )
    links.add_argument("--targetpath", help="the folder in each learner's home (default: the repository's name)")
    links.add_argument("--binder", default="https://mybinder.org", help="a BinderHub other than mybinder.org")
    links.add_argument("--json", action="store_true", help="print the links as JSON, for programs")
    sub.add_parser("clean", help="strip outputs, execution counts and widget state from every notebook of the course")
    sub.add_parser("check", help="check every data file and print the row counts")
    grade = sub.add_parser("grade", help="re-check a folder of learners' exports and write FOLDER/grades.csv")
    grade.add_argument("folder", help="the folder holding the exported summit-export-*.json files")
    feedback = sub.add_parser(
        "feedback",
        help="write one feedback page per learner (FOLDER/feedback/) from the re-checked "
        "answers and your marks and comments in FOLDER/marks.csv",
    )
    feedback.add_argument("folder", help="the folder of exports you graded with 'grade'")
    export = sub.add_parser("export", help="export your saved answers to a file for your teacher (no browser needed)")
    export.add_argument("--name", required=True, help="your name, as your teacher knows you")
    export.add_argument("--email", default=None, help="the e-mail or ID your teacher asks for")
    export.add_argument("--folder", default=".", help="where to write the file (default: this folder)")
    plans = sub.add_parser("plan", help="a lesson plan for your timetable, from the notebooks' minutes")
    plans.add_argument("--sessions", type=int, default=2, help="how many sessions (default 2)")
    plans.add_argument("--minutes", type=int, default=90, help="minutes per session (default 90)")
    return parser


def _rebuild_or_stop(root: Path, check_only: bool) -> int:
    """Rebuild what is out of date (or, with ``check_only``, say what and stop): 0 to go on."""
    problems = stale(root)
    if problems and check_only:
        print(
            "The build is out of date, so nothing was made:\n- "
            + "\n- ".join(problems)
            + "\nRun 'python3 run.py build' first (and commit what it writes).",
            file=sys.stderr,
        )
        return 1
    if problems:
        print("rebuilding first, because these were out of date:\n- " + "\n- ".join(problems))
        write_all(root)
        left = stale(root)
        if left:
            print("Rebuilt, but these are still out of date, so nothing was made:\n- " + "\n- ".join(left), file=sys.stderr)
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "grade":
        return grade_main(args.folder)
    if args.command == "feedback":
        return feedback_main(args.folder)
    if args.command == "export":
        wanted = Path(args.folder).expanduser().resolve()
        try:
            path = scorecard.export(args.name, wanted, args.email)
        except scorecard.ExportNotWritten as exc:
            print(f"Cannot export: {exc} Give a folder you can write to with --folder.", file=sys.stderr)
            return 1
        except (ValueError, OSError) as exc:
            print(f"Cannot export: {exc}", file=sys.stderr)
            return 1
        for notice in progress.take_notices():
            print(notice, file=sys.stderr)
        if path.parent != wanted:
            print(f"{wanted} cannot be written, so the file went to {path.parent} instead.")
        print(
            f"Saved your answers in {path}\nDownload this file (in JupyterLab: right-click it in the file browser → Download) "
            "and hand it in."
        )
        return 0
    root = course_root()
    try:
        if args.command == "build":
            files = write_all(root)
            for path in files:
                print(f"wrote {path.relative_to(root)}")
            late = plan.stale_timings(root)
            if late:
                print(
                    "Built, but the notebooks' minutes are out of date (the Time: lines, the plans and the README's table "
                    "use them):\n- " + "\n- ".join(late),
                    file=sys.stderr,
                )
                return 1
        elif args.command == "release":
            if _rebuild_or_stop(root, args.check):
                return 1
            folder, archive = build_release(root, Path(args.out).resolve())
            print(f"student release: {folder} and {archive}")
        elif args.command == "publish":
            try:
                result = publish(root, args.branch, args.remote, args.push, args.check)
            except PublishError as exc:
                print(f"Cannot publish: {exc}", file=sys.stderr)
                return 1
            print(publish_report(result, args.remote))
        elif args.command == "links":
            branch = args.branch or published_branch(root) or "main"
            try:
                found = course_links(root, args.repo, args.hub, branch, args.targetpath, args.binder)
            except LinkError as exc:
                print(f"Cannot make links: {exc}", file=sys.stderr)
                return 2
            print(json.dumps(found, indent=1) if args.json else links_report(found))
            if published_branch(root, branch) is None:
                print(
                    f"Note: '{branch}' is not a branch 'run.py publish' made here, so these links may serve solutions/ too. "
                    "Publish the student release first (python3 run.py publish --push) and use --branch student.",
                    file=sys.stderr,
                )
        elif args.command == "clean":
            changed = clean_course(root)
            for path in changed:
                print(f"cleaned {path.relative_to(root)}")
            print(f"{len(changed)} notebook(s) cleaned; the others had no outputs or widget state.")
        elif args.command == "plan":
            return plan.main(["--sessions", str(args.sessions), "--minutes", str(args.minutes)], root)
        elif args.command == "check":
            for name, count in validate_all().items():
                print(f"[ OK ] {name}: {count}")
    except BuildError as exc:
        print(f"Cannot build: {exc}", file=sys.stderr)
        return 1
    except ReleaseError as exc:
        print(f"Cannot make the student release: {exc}", file=sys.stderr)
        return 1
    except CourseDataError as exc:
        print(f"Problem in the course data: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
