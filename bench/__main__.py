"""Run the benchmarks and write bench/results/latest.json (and print a summary).

    python3 run.py bench [--runs N] [--skip-install]
    python3 run.py bench --only timings   the minutes per notebook, into bench/results/ (then run.py build: bench/timings.py)
    python3 run.py bench --only hub [--sizes 5,10,20,30] [--rounds 2]   (class-scale, on a real loopback hub: bench/hub.py)

Not timed tests: figures for humans. Each notebook's headless wall time and kernel peak memory are
measured as ratios to a bare notebook that only imports matplotlib.pyplot and ipywidgets, the two
alternating in the same run, medians of N runs (the machine is noisy).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import driver

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
# VmHWM is the kernel process's own peak resident memory. (ru_maxrss would not do: on Linux it survives exec,
# so a kernel would report the benchmark runner's memory at the moment it was started.)
PEAK = "print('PEAK_KB', [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
BARE = ["import matplotlib.pyplot as plt\nimport ipywidgets as widgets"]


def _notebook(cells: list[str]) -> dict:
    return {
        "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c} for c in cells],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def run_notebook(nb: dict, cwd: Path) -> tuple[float, float]:
    """(wall seconds including kernel start, kernel peak RSS in MiB) for one headless run."""
    kernel = driver("kernel", "kernel.py")
    with_peak = {**nb, "cells": [*nb["cells"], *kernel.of_cells([PEAK])["cells"]]}
    start = time.perf_counter()
    notebook = kernel.run(with_peak, cwd, timeout=300)
    wall = time.perf_counter() - start
    text = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    peak_kb = float(re.search(r"PEAK_KB (\d+)", text).group(1))
    return wall, peak_kb / 1024


def bench_notebooks(runs: int) -> dict:
    """Each notebook against the bare notebook, alternating, medians of ``runs``."""
    bare = _notebook(BARE)
    out = {}
    paths = sorted(p for folder in ("notebooks", "exercises", "solutions") for p in (ROOT / folder).glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as home:
        import os

        os.environ["SUMMITKIT_HOME"] = home
        for path in paths:
            nb = json.loads(path.read_text(encoding="utf-8"))
            times, peaks, bare_times, bare_peaks = [], [], [], []
            for _ in range(runs):
                t, m = run_notebook(bare, path.parent)
                bare_times.append(t)
                bare_peaks.append(m)
                t, m = run_notebook(nb, path.parent)
                times.append(t)
                peaks.append(m)
            row = {
                "seconds": round(statistics.median(times), 3),
                "bare_seconds": round(statistics.median(bare_times), 3),
                "peak_mib": round(statistics.median(peaks), 1),
                "bare_peak_mib": round(statistics.median(bare_peaks), 1),
            }
            row["time_ratio"] = round(row["seconds"] / row["bare_seconds"], 3)
            row["memory_ratio"] = round(row["peak_mib"] / row["bare_peak_mib"], 3)
            out[f"{path.parent.name}/{path.name}"] = row
            print(f"{path.parent.name}/{path.name}: time x{row['time_ratio']} memory x{row['memory_ratio']}", flush=True)
    return out


def bench_import(runs: int) -> dict:
    """The package's own import time (self time of summitkit modules, python -X importtime), median of runs."""
    totals = []
    modules: dict[str, int] = {}
    for _ in range(max(runs, 5)):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import summitkit"], capture_output=True, text=True, check=True
        )
        total = 0
        for line in proc.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|\s+(.*)$", line)
            if match and match.group(3).strip().startswith("summitkit"):
                total += int(match.group(1))
                modules[match.group(3).strip()] = int(match.group(1))
        totals.append(total)
    return {"summitkit_self_ms": round(statistics.median(totals) / 1000, 2), "modules": sorted(modules)}


def _venv_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_install() -> dict:
    """Install cost beyond the three runtime packages: install them into a fresh venv, then the project on top."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = venv / "bin" / "pip"
        out = {}
        for label, args in (("baseline", ["jupyterlab", "ipywidgets", "matplotlib"]), ("project_on_top", ["-e", str(ROOT)])):
            start = time.perf_counter()
            subprocess.run([str(pip), "install", "--quiet", *args], check=True)
            out[label] = {"seconds": round(time.perf_counter() - start, 1), "venv_mib": round(_venv_size(venv) / 2**20, 1)}
        out["extra_seconds"] = out["project_on_top"]["seconds"]
        out["extra_mib"] = round(out["project_on_top"]["venv_mib"] - out["baseline"]["venv_mib"], 2)
    return out


def bench_scaling() -> dict:
    """The text-comparison functions on synthetic corpora of 2 to 200 sources: time per total word (flat = linear)."""
    import random

    from summitkit import textstats

    functions = {
        "measures": textstats.measures,
        "distinctive_words": textstats.distinctive_words,
        "term_rates": textstats.term_rates,
    }
    vocab = [f"w{i}" for i in range(3000)] + ["Russia", "Korea", "summit", "Putin", "Kim", "may", "probably", "“quoted words”"]
    rng = random.Random(1)
    out = []
    for n in (2, 5, 10, 20, 50, 100, 200):
        texts = {
            f"s{i}": " ".join(rng.choice(vocab) + ("." if rng.random() < 0.06 else "") for _ in range(1500)) for i in range(n)
        }
        words = sum(len(t.split()) for t in texts.values())
        row = {"sources": n, "words": words}
        for name, function in functions.items():
            best = min(_timed(function, texts) for _ in range(3))
            row[f"{name}_s"] = round(best, 4)
            row[f"{name}_us_per_word"] = round(1e6 * best / words, 3)
        out.append(row)
        print(
            f"scaling: {n} sources, {words} words: " + ", ".join(f"{k} {row[k + '_us_per_word']} us/word" for k in functions),
            flush=True,
        )
    return {"runs": out}


def _timed(function, texts) -> float:
    start = time.perf_counter()
    function(texts)
    return time.perf_counter() - start


def report(results: dict) -> str:
    """The latest results as the Markdown the README shows."""
    lines = [
        f"Measured {results.get('machine', {}).get('when', '?')} on {results.get('machine', {}).get('cpus', '?')} cores, "
        f"Python {results.get('machine', {}).get('python', '?')}.",
        "",
    ]
    notebooks = results.get("notebooks", {})
    if notebooks:
        worst_t = max(notebooks.items(), key=lambda kv: kv[1]["time_ratio"])
        worst_m = max(notebooks.items(), key=lambda kv: kv[1]["memory_ratio"])
        lines += ["| notebook | seconds (bare) | time ratio | peak MiB (bare) | memory ratio |", "|---|---|---|---|---|"]
        lines += [
            f"| `{k}` | {v['seconds']} ({v['bare_seconds']}) | ×{v['time_ratio']} | {v['peak_mib']} ({v['bare_peak_mib']}) | "
            f"×{v['memory_ratio']} |"
            for k, v in notebooks.items()
        ]
        lines += [
            "",
            f"Targets ×1.15 time and ×1.10 memory against a bare notebook importing `matplotlib.pyplot` and `ipywidgets` "
            f"(medians, runs alternating). Worst: time ×{worst_t[1]['time_ratio']} (`{worst_t[0]}`), "
            f"memory ×{worst_m[1]['memory_ratio']} (`{worst_m[0]}`).",
        ]
    if "import" in results:
        lines += [
            "",
            f"- Package import (its own modules, `python -X importtime`): {results['import']['summitkit_self_ms']} ms (target < 50 ms).",
        ]
    clicks = results.get("click_to_feedback_ms")
    if isinstance(clicks, dict):
        per = ", ".join(f"{k} {v['median_ms']}" for k, v in clicks.get("per_kind", {}).items())
        lines += [
            f"- Click → feedback in the page (chromium, median ms per question type): {per}; all clicks: "
            f"{clicks.get('median_ms_all_clicks')} ms (target < 50 ms; 'code' is a cell re-run, not a click)."
        ]
    if "install" in results:
        i = results["install"]
        lines += [
            f"- Install: `jupyterlab ipywidgets matplotlib` into a fresh venv took {i['baseline']['seconds']} s "
            f"({i['baseline']['venv_mib']} MiB); installing the project on top took {i['extra_seconds']} s more "
            f"and added {i['extra_mib']} MiB."
        ]
    if "grading" in results:
        from bench.grading import report_line

        lines.append(report_line(results["grading"]))
    if results.get("lite"):
        from bench.lite import report_line as lite_line

        lines.append(lite_line(results["lite"]))
    if "essay" in results:
        from bench.essay import report_line as essay_line

        lines.append(essay_line(results["essay"]))
    runs = results.get("scaling", {}).get("runs")
    if runs:
        first, last = runs[0], runs[-1]
        lines += [
            f"- Text measures on synthetic corpora, {first['sources']} to {last['sources']} sources "
            f"({first['words']} to {last['words']} words): microseconds per word stay flat "
            f"(measures {first['measures_us_per_word']} → {last['measures_us_per_word']}, distinctive words "
            f"{first['distinctive_words_us_per_word']} → {last['distinctive_words_us_per_word']}, hedges "
            f"{first['term_rates_us_per_word']} → {last['term_rates_us_per_word']}): linear in the total words."
        ]
    if "hub" in results:
        from bench import hub

        lines += [""] + hub.report(results["hub"])
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-install", action="store_true")
    parser.add_argument(
        "--only",
        choices=("notebooks", "import", "install", "scaling", "browser", "grading", "hub", "lite", "essay", "timings"),
        help="'timings': the minutes per notebook (bench/timings.py; takes --calibrate COMMIT; then run.py build)",
    )
    parser.add_argument("--sizes", default="5,10,20,30", help="hub: learners starting at once, per size (default 5,10,20,30)")
    parser.add_argument("--rounds", type=int, default=2, help="hub: rounds per size and variant (default 2)")
    parser.add_argument("--report", action="store_true", help="print the latest results as Markdown and measure nothing")
    args, rest = parser.parse_known_args()
    if args.only == "timings":  # it counts a built copy of the course and writes only bench/results/timings.json
        from bench.timings import main as timings

        return timings(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.report:
        print(report(json.loads((RESULTS / "latest.json").read_text(encoding="utf-8"))))
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / "latest.json"
    results = json.loads(target.read_text()) if target.exists() else {}
    results["machine"] = {
        "python": platform.python_version(),
        "cpus": __import__("os").cpu_count(),
        "when": time.strftime("%Y-%m-%d %H:%M"),
    }
    if args.only == "hub":  # minutes, and root: only when asked for
        from bench import hub

        results["hub"] = hub.run([int(n) for n in args.sizes.split(",")], args.rounds)
        print("\n".join(hub.report(results["hub"])), flush=True)
    if args.only in (None, "import"):
        results["import"] = bench_import(args.runs)
        print("import:", results["import"]["summitkit_self_ms"], "ms", flush=True)
    if args.only in (None, "scaling"):
        results["scaling"] = bench_scaling()
    if args.only in (None, "browser"):
        clicks = ROOT / "test-artifacts" / "click_feedback_ms.json"
        results["click_to_feedback_ms"] = json.loads(clicks.read_text()) if clicks.exists() else "run the browser tests first"
    if args.only in (None, "grading"):
        from bench.grading import bench_grading

        results["grading"] = bench_grading(args.runs, run_notebook, _notebook(BARE))
        print("grading:", results["grading"], flush=True)
    if args.only in (None, "essay"):
        from bench.essay import bench_essay

        results["essay"] = bench_essay(args.runs)
    if args.only in (None, "notebooks"):
        results["notebooks"] = bench_notebooks(args.runs)
    if args.only in (None, "lite"):
        from bench.lite import bench_lite

        results["lite"] = bench_lite(args.runs)
    if args.only in (None, "install") and not args.skip_install and shutil.which("pip") is not None:
        results["install"] = bench_install()
    target.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
