"""Command line: ``python -m summitkit.cli build|release|check|grade|links``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from summitkit.errors import CourseDataError
from summitkit.figures import build_figures
from summitkit.gradebook import main as grade_main
from summitkit.links import LinkError, course_links, report
from summitkit.paths import course_root
from summitkit.quiz.build import BuildError, build
from summitkit.release import build_release
from summitkit.tables import validate_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="summitkit", description="Tools for the Vladivostok 2019 notebook series.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="regenerate exercises/ and data/questions/ from solutions/, and draw data/figures/")
    release = sub.add_parser("release", help="build the student release (no solutions) as a folder and a zip")
    release.add_argument("--out", default="dist", help="folder to write into (default: dist)")
    sub.add_parser("check", help="check every data file and print the row counts")
    grade = sub.add_parser("grade", help="re-check a folder of learners' exports and write FOLDER/grades.csv")
    grade.add_argument("folder", help="the folder holding the exported summit-export-*.json files")
    links = sub.add_parser("links", help="print Binder and JupyterHub (nbgitpuller) links per notebook for your copy of the course")
    links.add_argument("--repo", required=True, help="your repository's web address, e.g. https://github.com/school/summit-course")
    links.add_argument("--hub", help="your JupyterHub's address, e.g. https://hub.school.edu (without it: Binder links only)")
    links.add_argument("--branch", default="main", help="the branch learners get (default: main)")
    links.add_argument("--targetpath", help="the folder in each learner's home (default: the repository's name)")
    links.add_argument("--binder", default="https://mybinder.org", help="a BinderHub other than mybinder.org")
    links.add_argument("--json", action="store_true", help="print the links as JSON, for programs")
    args = parser.parse_args(argv)
    if args.command == "grade":
        return grade_main(args.folder)
    root = course_root()
    try:
        if args.command == "build":
            try:
                files = build(root)
            except BuildError as exc:
                print(f"Cannot build: {exc}", file=sys.stderr)
                return 1
            files += build_figures(root / "data")
            for path in files:
                print(f"wrote {path.relative_to(root)}")
        elif args.command == "release":
            folder, archive = build_release(root, Path(args.out).resolve())
            print(f"student release: {folder} and {archive}")
        elif args.command == "links":
            try:
                found = course_links(root, args.repo, args.hub, args.branch, args.targetpath, args.binder)
            except LinkError as exc:
                print(f"Cannot make links: {exc}", file=sys.stderr)
                return 2
            print(json.dumps(found, indent=1) if args.json else report(found))
        elif args.command == "check":
            for name, count in validate_all().items():
                print(f"[ OK ] {name}: {count}")
    except CourseDataError as exc:
        print(f"Problem in the course data: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
