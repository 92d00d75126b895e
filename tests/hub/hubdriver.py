"""A real JupyterHub on this machine, for the hub test and the class-scale benchmark.

JupyterHub (PyPI) with configurable-http-proxy (npm) on 127.0.0.1, LocalProcessSpawner, real local users
(``sktest-<run>-<n>``, created and removed here), the course served from a local git remote by ``git daemon``
on loopback, and a hub environment made with Debian's ``/usr/bin/python3 -m venv`` that holds what a typical hub
image has (jupyterhub, nbgitpuller, jupyterlab, ipywidgets, matplotlib) and NOT the course package.
Everything started here is stopped by PID; see ``../../../shared/HUB_TESTING.md`` for the traps.
Nothing runs at import.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("SUMMIT_TEST_CACHE", "/var/tmp/summit-course-tests"))
PROXY = CACHE / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
SYSTEM_PYTHON = Path("/usr/bin/python3")
GIT_DAEMON = Path("/usr/lib/git-core/git-daemon")
USER_PREFIX = "sktest-"
FOLDER = "summit-course"  # the remote's name, so the folder nbgitpuller makes in each home
START = "notebooks/00_start_here.ipynb"
INSTALL_PROXY = f"npm install --prefix {CACHE / 'chp'} configurable-http-proxy@5"


def runtime_requirements() -> list[str]:
    """The course's three runtime packages, with the versions pyproject.toml asks for."""
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]


def hub_requirements() -> list[str]:
    """What a typical hub image holds: the hub, nbgitpuller and the course's three runtime packages."""
    return ["jupyterhub>=5", "nbgitpuller>=1.2", *runtime_requirements()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing() -> list[str]:
    """What this machine lacks for a real hub, each with how to get it (empty: all there)."""
    out = []
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        out.append("root (to create learners' accounts)")
    for tool in ("useradd", "userdel", "git", "node"):
        if not shutil.which(tool):
            out.append(f"the '{tool}' command")
    if not GIT_DAEMON.exists():
        out.append(f"git daemon ({GIT_DAEMON}; apt-get install git-daemon-run or git)")
    if (
        not SYSTEM_PYTHON.exists()
        or subprocess.run([str(SYSTEM_PYTHON), "-c", "import venv, ensurepip"], capture_output=True).returncode
    ):
        out.append("Debian's Python with venv (apt-get install python3-venv)")
    if not PROXY.exists():
        out.append(f"configurable-http-proxy ({INSTALL_PROXY}; .ci/run does it)")
    return out


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("check", True)
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    try:
        return subprocess.run(cmd, **kwargs)
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({exc.returncode}):\n{exc.stdout}\n{exc.stderr}") from None


def hub_env() -> Path:
    """The hub environment (a venv outside /root, readable by every learner), made once and reused."""
    wanted = hub_requirements()
    venv = CACHE / f"hubenv-{hashlib.sha256(json.dumps(wanted).encode()).hexdigest()[:12]}"
    ready = venv / ".ready"
    if not ready.exists():
        shutil.rmtree(venv, ignore_errors=True)
        CACHE.mkdir(parents=True, exist_ok=True)
        CACHE.chmod(0o755)
        run([str(SYSTEM_PYTHON), "-m", "venv", str(venv)])
        run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *wanted], timeout=900
        )
        ready.write_text("\n".join(wanted))
    probe = "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('summitkit') is None else 1)"
    if subprocess.run([str(venv / "bin" / "python"), "-c", probe], cwd="/").returncode:
        raise RuntimeError(f"{venv} holds the course package: the hub test needs an environment without it")
    return venv


# ------------------------------------------------------------------------------------------------------------------
# Processes
# ------------------------------------------------------------------------------------------------------------------
def stop_process(proc: subprocess.Popen | None, grace: float = 10) -> None:
    """Stop a process we started (SIGTERM, then SIGKILL), and whatever it started that is still there."""
    if proc is None:
        return
    import psutil

    try:
        children = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []
    except psutil.Error:
        children = []
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    _, alive = psutil.wait_procs(children, timeout=3)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()


def stop_user_processes(names: list[str]) -> None:
    """Stop every process of our test users (their single-user servers and kernels), by PID."""
    import psutil

    uids = set()
    for name in names:
        with contextlib.suppress(KeyError):
            import pwd

            uids.add(pwd.getpwnam(name).pw_uid)
    if not uids:
        return
    procs = [p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real in uids]
    for p in procs:
        with contextlib.suppress(psutil.Error):
            p.terminate()
    _, alive = psutil.wait_procs(procs, timeout=5)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()


# ------------------------------------------------------------------------------------------------------------------
# Learners: real local users
# ------------------------------------------------------------------------------------------------------------------
@dataclass
class Learners:
    """Real local accounts ``sktest-<run>-<n>`` with readable (0755) homes, as on many school hubs; removed by ``remove``."""

    run_id: str = field(default_factory=lambda: secrets.token_hex(2))
    names: list[str] = field(default_factory=list)

    def add(self, count: int) -> list[str]:
        start = len(self.names)
        for i in range(start, start + count):
            name = f"{USER_PREFIX}{self.run_id}-{i + 1}"
            self.names.append(name)  # recorded first: removed even if useradd fails half-way
            run(["useradd", "--create-home", "--shell", "/bin/bash", name])
            Path(f"/home/{name}").chmod(0o755)
        return self.names[start:]

    def home(self, name: str) -> Path:
        import pwd

        return Path(pwd.getpwnam(name).pw_dir)

    def reset_home(self, name: str) -> None:
        """Back to a new account: no course, no progress, no JupyterLab state (for repeated benchmark runs)."""
        home = self.home(name)
        for item in home.iterdir():
            if item.name not in (".bashrc", ".profile", ".bash_logout"):
                shutil.rmtree(item) if item.is_dir() and not item.is_symlink() else item.unlink()

    def remove(self) -> None:
        stop_user_processes(self.names)
        for name in self.names:
            subprocess.run(["userdel", "--remove", "--force", name], capture_output=True)
        self.names = []


# ------------------------------------------------------------------------------------------------------------------
# The course as a git remote, served by git daemon on loopback
# ------------------------------------------------------------------------------------------------------------------
@dataclass
class CourseRemote:
    """A teacher's working copy of the course and the bare repository learners pull from (``git://127.0.0.1``)."""

    work: Path
    teacher: Path = field(init=False)
    bare: Path = field(init=False)
    port: int = 0
    proc: subprocess.Popen | None = None

    def __post_init__(self) -> None:
        self.teacher = self.work / "teacher" / FOLDER
        self.bare = self.work / "remote" / FOLDER

    @property
    def url(self) -> str:
        return f"git://127.0.0.1:{self.port}/{FOLDER}"

    def git(self, *args: str, cwd: Path | None = None) -> str:
        ident = ["-c", "user.name=Test Teacher", "-c", "user.email=teacher@example.org", "-c", "commit.gpgsign=false"]
        return run(["git", *ident, *args], cwd=cwd or self.teacher).stdout

    def start(self, source: Path = ROOT) -> CourseRemote:
        """Clone ``source`` (with its uncommitted changes, if any) into the teacher's copy on ``main``; serve a bare copy."""
        self.teacher.parent.mkdir(parents=True, exist_ok=True)
        run(["git", "clone", "-q", "--no-local", str(source), str(self.teacher)])
        diff = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=source, capture_output=True, check=True).stdout
        if diff.strip():
            subprocess.run(["git", "apply", "--whitespace=nowarn"], cwd=self.teacher, input=diff, check=True)
            self.git("commit", "-q", "-am", "Work in progress (uncommitted changes of the checkout under test)")
        self.git("checkout", "-q", "-B", "main")
        self.publish()
        self.bare.parent.mkdir(parents=True, exist_ok=True)
        run(["git", "clone", "-q", "--bare", str(self.teacher), str(self.bare)])
        run(["git", "symbolic-ref", "HEAD", "refs/heads/main"], cwd=self.bare)
        self.port = free_port()
        log = open(self.work / "git-daemon.log", "wb")  # closed with the process
        base = self.bare.parent
        self.proc = subprocess.Popen(
            [
                str(GIT_DAEMON),
                "--reuseaddr",
                "--listen=127.0.0.1",
                f"--port={self.port}",
                f"--base-path={base}",
                "--export-all",
                "--informative-errors",
                str(base),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while subprocess.run(["git", "ls-remote", self.url], capture_output=True).returncode:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"git daemon did not serve {self.url}: {(self.work / 'git-daemon.log').read_text()}")
            time.sleep(0.2)
        return self

    def publish(self) -> None:
        """``run.py publish``: the student release as the branch ``student``, the one learners' links pull (no solutions)."""
        env = {k: v for k, v in os.environ.items() if k not in ("SUMMITKIT_DATA", "PYTHONPATH")}
        env["PYTHONPATH"] = str(self.teacher / "src")
        run([sys.executable, "-m", "summitkit.cli", "publish"], cwd=self.teacher, env=env)

    def push(self, message: str) -> str:
        """Commit what the teacher changed, publish the student branch again and push both; the new student commit's id."""
        self.git("commit", "-q", "-am", message)
        self.publish()
        self.git("push", "-q", str(self.bare), "main", "student")
        return self.git("rev-parse", "student").strip()

    def stop(self) -> None:
        stop_process(self.proc)
        self.proc = None


# ------------------------------------------------------------------------------------------------------------------
# The hub
# ------------------------------------------------------------------------------------------------------------------
CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.authenticator_class = "dummy"  # tests only: any password
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
# The tests' page driver waits on window.jupyterapp (the kernel's widget messages): a test-only switch, no school hub needs it.
c.Spawner.args = ["--LabApp.expose_app_in_browser=True"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.environment = {{"PATH": {path!r}}}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {cookie!r}
c.JupyterHub.pid_file = {hub_pid!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.services = [{{"name": "summit-tests", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "admin", "services": ["summit-tests"]}}]
"""


@dataclass
class Hub:
    """JupyterHub + configurable-http-proxy on 127.0.0.1 (free ports), with a service token for scripted checks."""

    work: Path
    venv: Path
    port: int = 0
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    proc: subprocess.Popen | None = None
    started_in: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> Hub:
        t0 = time.monotonic()
        self.work.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        cookie = self.work / "cookie_secret"
        cookie.write_text(secrets.token_hex(32))
        cookie.chmod(0o600)
        config = self.work / "jupyterhub_config.py"
        config.write_text(
            CONFIG.format(
                port=self.port,
                hub_port=free_port(),
                api_port=free_port(),
                proxy=str(PROXY),
                proxy_pid=str(self.work / "proxy.pid"),
                singleuser=str(self.venv / "bin" / "jupyterhub-singleuser"),
                path=f"{self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
                work=self.work,
                cookie=str(cookie),
                hub_pid=str(self.work / "jupyterhub.pid"),
                token=self.token,
            )
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMITKIT", "JUPYTER", "JPY_", "PYTHON", "VIRTUAL_ENV"))}
        env["PATH"] = f"{self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin"
        log = open(self.work / "jupyterhub.log", "wb")  # closed with the process
        self.proc = subprocess.Popen(
            [str(self.venv / "bin" / "jupyterhub"), "-f", str(config)],
            cwd=self.work,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                self.api("GET", "/hub/api/")
                break
            except (OSError, ValueError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"jupyterhub did not answer within {timeout:.0f} s:\n{self.log_tail()}") from None
                time.sleep(0.3)
        self.started_in = time.monotonic() - t0
        return self

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join((self.work / "jupyterhub.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30) -> object:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.base}{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def user_server(self, name: str) -> UserServer:
        return UserServer(self, name)

    def stop(self) -> None:
        """Stop the hub (it stops the servers it spawned and its proxy), then anything of theirs still there, by PID."""
        proxy_pid = None
        with contextlib.suppress(OSError, ValueError):
            proxy_pid = int((self.work / "proxy.pid").read_text().strip())
        stop_process(self.proc, grace=30)
        self.proc = None
        if proxy_pid:
            import psutil

            with contextlib.suppress(psutil.Error):
                proc = psutil.Process(proxy_pid)
                if "configurable-http-proxy" in " ".join(proc.cmdline()):
                    proc.kill()


@dataclass
class UserServer:
    """One learner's single-user server, seen through the hub with the service token (labdriver's server interface)."""

    hub: Hub
    name: str

    @property
    def base(self) -> str:
        return f"{self.hub.base}/user/{self.name}"

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30) -> object:
        return self.hub.api(method, f"/user/{self.name}{path}", body, timeout=timeout)

    def shut_down_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions") or []:
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/sessions/{session['id']}")


def stop_in_order(*steps: Callable[[], object]) -> None:
    """Run each step (stop the hub, remove the learners, stop the remote), every one even when one before it failed;
    if any failed, the last failure is raised once every step has run."""
    with contextlib.ExitStack() as stack:
        for step in reversed(steps):  # an ExitStack unwinds last in, first out
            stack.callback(step)


def pull_link(hub: Hub, remote: CourseRemote, path: str = START, branch: str = "student") -> str:
    """The nbgitpuller link for ``path``, as ``run.py links`` prints it for this hub and remote."""
    out = run(
        [sys.executable, "run.py", "links", "--repo", remote.url, "--hub", hub.base, "--branch", branch, "--json"], cwd=ROOT
    )
    rows = {row["path"]: row for row in json.loads(out.stdout)["notebooks"]}
    return rows[path]["jupyterhub"]


def pss_kib(pid: int) -> int:
    """Proportional set size of one process, from /proc/<pid>/smaps_rollup (KiB)."""
    text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return int(re.search(r"^Pss:\s+(\d+) kB", text, re.M).group(1))


def user_pss_mib(name: str) -> tuple[float, int]:
    """(PSS in MiB of every process of this user: single-user server and kernels; how many processes)."""
    import pwd

    import psutil

    uid = pwd.getpwnam(name).pw_uid
    total, count = 0, 0
    for proc in psutil.process_iter(["uids"]):
        if proc.info["uids"] and proc.info["uids"].real == uid:
            with contextlib.suppress(OSError, psutil.Error, AttributeError):
                total += pss_kib(proc.pid)
                count += 1
    return total / 1024, count


def quote_path(path: str) -> str:
    return "/".join(urllib.parse.quote(part) for part in path.split("/"))
