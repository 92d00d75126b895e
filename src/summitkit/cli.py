"""Command line: ``python -m summitkit.cli build|release|check|grade``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from summitkit.errors import CourseDataError
from summitkit.figures import build_figures
from summitkit.gradebook import main as grade_main
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
        elif args.command == "check":
            for name, count in validate_all().items():
                print(f"[ OK ] {name}: {count}")
    except CourseDataError as exc:
        print(f"Problem in the course data: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
