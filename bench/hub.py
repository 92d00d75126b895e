"""Class-scale figures on a real loopback JupyterHub: N learners starting at once, the course against a bare notebook.

    python3 run.py bench --only hub [--sizes 5,10,20,30] [--rounds 2]

Not a test: figures for people. For each N, N learners (real local accounts) "click" at the same moment, headless
through the hub's REST API and each server's kernel API (HUB_TESTING.md, trap 5): start the server, pull the course
with nbgitpuller, open a kernel in ``notebooks/`` and then either

- **course**: run every code cell of ``notebooks/00_start_here.ipynb``, then answer ``00-citation`` and check it;
- **bare**: run a cell that imports ``matplotlib.pyplot`` and ``ipywidgets``, then print one line;

and the time from the common start to that learner's first feedback (the checked verdict; the bare line) is taken.
Then memory per learner: the PSS (``/proc/<pid>/smaps_rollup``) of the learner's single-user server and kernel.
Course and bare rounds alternate, every round starts cold (no server, no clone, no progress), medians over rounds.
The hub environment holds jupyterhub, nbgitpuller, jupyterlab, ipywidgets, matplotlib, and not the course package.
"""

from __future__ import annotations

import concurrent.futures as futures
import json
import math
import os
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from bench import driver

ROOT = Path(__file__).resolve().parents[1]
ANSWER = "Paragraph 8 of the RSIS commentary, headings not counted"
CHECK = (
    "from summitkit import quiz as _quiz\n"
    f"_q = _quiz.show('00-citation'); _q.input.value = {ANSWER!r}\n"
    "print('FEEDBACK', _q.check().verdict)"
)
BARE = "import matplotlib.pyplot as plt\nimport ipywidgets as widgets\nprint('FEEDBACK', 'bare')"


def _hubdriver():  # -> module
    return driver("hubdriver", "hub/hubdriver.py")


def course_cells() -> list[str]:
    notebook = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


class Kernel:
    """A kernel's websocket (through the hub's proxy, with the service token): run code, wait for the reply."""

    def __init__(self, hub, name: str, kernel_id: str) -> None:
        import websocket

        url = f"ws://127.0.0.1:{hub.port}/user/{name}/api/kernels/{kernel_id}/channels"
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {hub.token}"], timeout=600)
        self.session = uuid.uuid4().hex

    def run(self, *codes: str) -> str:
        """Send every cell at once, as JupyterLab's Run All does (the kernel queues them), and wait for the last one;
        the text they printed. A cell that fails stops the rest, as in JupyterLab."""
        pending = {}
        for code in codes:
            msg_id = uuid.uuid4().hex
            pending[msg_id] = {"replied": False, "idle": False}
            self.ws.send(
                json.dumps(
                    {
                        "header": {
                            "msg_id": msg_id,
                            "msg_type": "execute_request",
                            "session": self.session,
                            "username": "bench",
                            "version": "5.3",
                            "date": "",
                        },
                        "parent_header": {},
                        "metadata": {},
                        "channel": "shell",
                        "buffers": [],
                        "content": {
                            "code": code,
                            "silent": False,
                            "store_history": True,
                            "user_expressions": {},
                            "allow_stdin": False,
                            "stop_on_error": True,
                        },
                    }
                )
            )
        out = []
        # each request's reply (shell) and its last output (iopub) may come in either order: wait for both
        while not all(p["replied"] and p["idle"] for p in pending.values()):
            msg = json.loads(self.ws.recv())
            state = pending.get(msg.get("parent_header", {}).get("msg_id"))
            if state is None:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                raise RuntimeError(f"{msg['content']['ename']}: {msg['content']['evalue']}")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                state["idle"] = True
            elif kind == "execute_reply" and msg["channel"] == "shell":
                if msg["content"]["status"] != "ok":
                    raise RuntimeError(f"cell failed: {msg['content'].get('ename')}")
                state["replied"] = True
        return "".join(out)

    def close(self) -> None:
        self.ws.close()


def learner(hub, remote, name: str, variant: str, start: float, cells: list[str]) -> dict:
    """One learner's cold start, timed from the class's common start (an error names the step it failed at)."""
    step = ["start the server"]
    try:
        return _learner(hub, remote, name, variant, start, cells, step)
    except Exception as exc:
        raise RuntimeError(f"{name}: {step[0]}: {exc}") from exc


def _learner(hub, remote, name: str, variant: str, start: float, cells: list[str], step: list[str]) -> dict:
    hd = _hubdriver()
    marks = {}
    hub.api("POST", f"/hub/api/users/{name}/server", timeout=300)
    while True:
        state = hub.api("GET", f"/hub/api/users/{name}")
        server = (state.get("servers") or {}).get("")
        if server and server.get("ready"):
            break
        if not state.get("pending") and not server:
            raise RuntimeError(f"{name}: the server did not start")
        time.sleep(0.25)
    marks["spawned"] = time.monotonic() - start
    step[0] = "pull (nbgitpuller API)"
    query = urllib.parse.urlencode({"repo": remote.url, "branch": "main", "targetpath": hd.FOLDER})
    request = urllib.request.Request(
        f"{hub.base}/user/{name}/git-pull/api?{query}", headers={"Authorization": f"token {hub.token}"}
    )
    with urllib.request.urlopen(request, timeout=600) as stream:
        events = stream.read().decode()
    if '"phase": "error"' in events or '"phase":"error"' in events:
        raise RuntimeError(f"{name}: the pull failed: {events[-500:]}")
    marks["pulled"] = time.monotonic() - start
    step[0] = "open a kernel and run"
    path = f"{hd.FOLDER}/notebooks/{'00_start_here' if variant == 'course' else 'bare'}.ipynb"
    session = hub.api(
        "POST", f"/user/{name}/api/sessions", {"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}}
    )
    kernel = Kernel(hub, name, session["kernel"]["id"])
    try:
        if variant == "course":
            kernel.run(*cells)  # Run All
            said = kernel.run(CHECK)  # then the learner answers a question
        else:
            said = kernel.run(BARE)
    finally:
        kernel.close()
    marks["feedback"] = time.monotonic() - start
    expected = "FEEDBACK correct" if variant == "course" else "FEEDBACK bare"
    if expected not in said:
        raise RuntimeError(f"{name}: expected {expected!r}, the kernel said {said!r}")
    return marks


def stop_servers(hub, names: list[str]) -> None:
    for name in names:
        try:
            hub.api("DELETE", f"/hub/api/users/{name}/server", timeout=120)
        except Exception:  # already stopped
            pass
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if not any((hub.api("GET", f"/hub/api/users/{n}").get("servers") or {}) for n in names):
            return
        time.sleep(0.5)


def one_round(hub, remote, learners, names: list[str], variant: str, cells: list[str]) -> dict:
    hd = _hubdriver()
    stop_servers(hub, learners.names)
    hd.stop_user_processes(learners.names)
    for name in names:
        learners.reset_home(name)
    start = time.monotonic()
    results, errors = {}, {}
    with futures.ThreadPoolExecutor(max_workers=len(names)) as pool:
        jobs = {pool.submit(learner, hub, remote, n, variant, start, cells): n for n in names}
        for job in futures.as_completed(jobs):
            try:
                results[jobs[job]] = job.result()
            except Exception as exc:  # counted and reported, never hidden
                errors[jobs[job]] = str(exc)[:300]
    memory = {n: hd.user_pss_mib(n) for n in results}
    cpu = {n: user_cpu_s(n) for n in results}
    times = sorted(r["feedback"] for r in results.values())
    out = {
        "variant": variant,
        "n": len(names),
        "ok": len(results),
        "errors": errors,
        "p50_s": round(statistics.median(times), 2) if times else None,
        "p95_s": round(percentile(times, 95), 2) if times else None,
        "max_s": round(times[-1], 2) if times else None,
        "spawned_p50_s": round(statistics.median(r["spawned"] for r in results.values()), 2) if results else None,
        "pulled_p50_s": round(statistics.median(r["pulled"] for r in results.values()), 2) if results else None,
        "pss_mib_per_learner": round(statistics.mean(m for m, _ in memory.values()), 1) if memory else None,
        "processes_per_learner": round(statistics.mean(c for _, c in memory.values()), 1) if memory else None,
        "cpu_s_per_learner": round(statistics.mean(cpu.values()), 2) if cpu else None,
    }
    hub_pss = sum(hd.pss_kib(p) for p in _tree_pids(hub.proc.pid)) / 1024
    out["hub_and_proxy_pss_mib"] = round(hub_pss, 1)
    stop_servers(hub, names)
    return out


def user_cpu_s(name: str) -> float:
    """CPU seconds (user + system) used so far by a learner's single-user server and kernel."""
    import pwd

    import psutil

    uid = pwd.getpwnam(name).pw_uid
    total = 0.0
    for proc in psutil.process_iter(["uids", "cpu_times"]):
        if proc.info["uids"] and proc.info["uids"].real == uid and proc.info["cpu_times"]:
            total += proc.info["cpu_times"].user + proc.info["cpu_times"].system
    return total


def _tree_pids(pid: int) -> list[int]:
    import psutil

    proc = psutil.Process(pid)
    return [proc.pid] + [c.pid for c in proc.children(recursive=True) if c.uids().real == 0]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 5 values is the largest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def capacity(rows: list[dict], node_gib: float = 24, target_s: float = 60) -> dict:
    """How many learners one node holds at the start of a class, from the course rows: a least-squares line through
    p95(N), and memory per learner against the node's memory less the hub, proxy and system."""
    points = [(r["n"], r["course_p95_s"]) for r in rows]
    if len({n for n, _ in points}) < 2:
        return {
            "seconds_per_extra_learner": None,
            "intercept_s": None,
            "learners_by_p95": None,
            "learners_by_memory": int((node_gib * 1024 - 2048) / max(r["course_pss_mib"] for r in rows)),
            "limit": "unknown (one size)",
        }
    n_mean = statistics.mean(n for n, _ in points)
    t_mean = statistics.mean(t for _, t in points)
    slope = sum((n - n_mean) * (t - t_mean) for n, t in points) / sum((n - n_mean) ** 2 for n, _ in points)
    intercept = t_mean - slope * n_mean
    by_time = int((target_s - intercept) / slope) if slope > 0 else None
    per_learner = max(r["course_pss_mib"] for r in rows)
    by_memory = int((node_gib * 1024 - 2048) / per_learner)  # 2 GiB kept for the system, hub and proxy
    return {
        "seconds_per_extra_learner": round(slope, 2),
        "intercept_s": round(intercept, 1),
        "learners_by_p95": by_time,
        "learners_by_memory": by_memory,
        "limit": "CPU at the start of class (p95)" if (by_time or 10**6) < by_memory else "memory",
    }


def run(sizes: list[int], rounds: int) -> dict:
    hd = _hubdriver()
    gaps = hd.missing()
    if gaps:
        raise SystemExit("hub benchmark needs " + "; ".join(gaps))
    cells = course_cells()
    work = Path(tempfile.mkdtemp(prefix="summit-hub-bench-"))
    venv = hd.hub_env()
    learners = hd.Learners()
    remote = hd.CourseRemote(work / "git")
    hub = hd.Hub(work / "hub", venv)
    raw = []
    try:
        remote.start()
        names = learners.add(max(sizes))
        hub.start()
        for name in names:
            hub.api("POST", f"/hub/api/users/{name}")
        lock = threading.Lock()
        for r in range(rounds):
            for n in sizes:
                order = ("course", "bare") if (r + sizes.index(n)) % 2 == 0 else ("bare", "course")
                for variant in order:
                    row = one_round(hub, remote, learners, names[:n], variant, cells)
                    row["round"] = r + 1
                    with lock:
                        raw.append(row)
                    print(
                        f"hub: round {r + 1}, N={n}, {variant}: p50 {row['p50_s']} s, p95 {row['p95_s']} s, "
                        f"{row['pss_mib_per_learner']} MiB/learner, {row['cpu_s_per_learner']} CPU s/learner (spawned {row['spawned_p50_s']} s, "
                        f"pulled {row['pulled_p50_s']} s), {row['ok']}/{n} ok"
                        + (f"; e.g. {next(iter(row['errors'].values()))}" if row["errors"] else ""),
                        flush=True,
                    )
    finally:
        hd.stop_in_order(hub.stop, learners.remove, remote.stop)
    table = []
    for n in sizes:

        def med(variant: str, key: str, n: int = n) -> float:
            values = [r[key] for r in raw if r["n"] == n and r["variant"] == variant and r[key] is not None]
            return round(statistics.median(values), 2) if values else float("nan")

        row = {"n": n}
        for variant in ("course", "bare"):
            row[f"{variant}_p50_s"], row[f"{variant}_p95_s"] = med(variant, "p50_s"), med(variant, "p95_s")
            row[f"{variant}_pss_mib"] = med(variant, "pss_mib_per_learner")
            row[f"{variant}_cpu_s"] = med(variant, "cpu_s_per_learner")
            row[f"{variant}_spawned_p50_s"] = med(variant, "spawned_p50_s")
            row[f"{variant}_pulled_p50_s"] = med(variant, "pulled_p50_s")
        row["p50_ratio"] = round(row["course_p50_s"] / row["bare_p50_s"], 3)
        row["p95_ratio"] = round(row["course_p95_s"] / row["bare_p95_s"], 3)
        row["memory_ratio"] = round(row["course_pss_mib"] / row["bare_pss_mib"], 3)
        row["errors"] = sum(len(r["errors"]) for r in raw if r["n"] == n)
        table.append(row)
    load = os.getloadavg()
    return {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "rounds": rounds,
        "sizes": sizes,
        "load_average_at_end": [round(x, 1) for x in load],
        "hub_started_in_s": round(hub.started_in, 1),
        "table": table,
        "capacity": capacity(table),
        "raw": raw,
    }


def report(hub: dict) -> list[str]:
    """The hub figures as the README shows them."""
    lines = [
        f"Class-scale, on a real loopback JupyterHub (`python3 run.py bench --only hub`; {hub['when']}, {hub['cpus']} cores, "
        f"medians of {hub['rounds']} rounds per N, course and bare alternating, every round a cold start):",
        "",
        "| learners at once | first feedback p50 / p95, course (bare) | time ratio p50 / p95 | PSS per learner, course (bare) | memory ratio |",
        "|---|---|---|---|---|",
    ]
    for r in hub["table"]:
        lines.append(
            f"| {r['n']} | {r['course_p50_s']} / {r['course_p95_s']} s ({r['bare_p50_s']} / {r['bare_p95_s']} s) | "
            f"×{r['p50_ratio']} / ×{r['p95_ratio']} | {r['course_pss_mib']} MiB ({r['bare_pss_mib']} MiB) | ×{r['memory_ratio']} |"
        )
    cap = hub["capacity"]
    errors = sum(r["errors"] for r in hub["table"])
    lines += [
        "",
        f"Each extra learner starting at the same moment adds about {cap['seconds_per_extra_learner']} s to p95 "
        f"(line through the course's p95: {cap['intercept_s']} s + {cap['seconds_per_extra_learner']} s × N). "
        f"One 2-core / 24 GiB node: about {cap['learners_by_p95']} learners with p95 ≤ 60 s at the start of a class; memory alone "
        f"would allow about {cap['learners_by_memory']}. Limit: {cap['limit']}. Failed learner starts: {errors}. "
        f"Load average at the end of the run: {', '.join(map(str, hub['load_average_at_end']))} (the machine was shared).",
    ]
    return lines
