"""environment.yml, binder/environment.yml and pyproject.toml name the same runtime dependencies."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT
from environment_file import conda_deps


def _pyproject_deps() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    out = {}
    for spec in data["project"]["dependencies"]:
        name = re.split(r"[<>=!\[ ]", spec)[0]
        out[name] = spec[len(name) :].strip()
    return out


def test_environment_files_match_pyproject():
    wanted = _pyproject_deps()
    assert set(wanted) == {"jupyterlab", "ipywidgets", "matplotlib"}
    for path in (ROOT / "environment.yml", ROOT / "binder" / "environment.yml"):
        assert conda_deps(path) == wanted, path


def test_conda_env_installs_the_package_and_binder_needs_no_install():
    assert re.search(r"^\s+- -e \.", (ROOT / "environment.yml").read_text(), re.M)
    assert "-e ." not in (ROOT / "binder" / "environment.yml").read_text().split("#")[0]
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert "pip install" not in post_build and "binder/overrides.json" in post_build


def _dockerfile_pip(path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    line = next(line for line in text.splitlines() if "pip install" in line)
    out = {}
    for spec in re.findall(r'"([^"]+)"', line):
        name = re.split(r"[<>=!\[ ]", spec)[0]
        out[name] = spec[len(name) :].strip()
    return out


def test_z2jh_image_holds_the_runtime_packages_and_nbgitpuller_only():
    """The Zero to JupyterHub image (teacher guide, "Beyond one machine") keeps in step with pyproject.toml."""
    packages = _dockerfile_pip(ROOT / "docs" / "z2jh" / "Dockerfile")
    assert packages.pop("nbgitpuller", None) is not None
    assert packages == _pyproject_deps()
    commands = [
        line for line in (ROOT / "docs" / "z2jh" / "Dockerfile").read_text().splitlines() if not line.lstrip().startswith("#")
    ]
    assert not [line for line in commands if "summitkit" in line or "-e ." in line]  # the course comes by nbgitpuller


def test_z2jh_image_and_binder_use_the_course_jupyterlab_settings():
    import json

    dockerfile = (ROOT / "docs" / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    written = json.loads(re.search(r"echo '(\{.*\})'", dockerfile).group(1))
    assert written == json.loads((ROOT / "binder" / "overrides.json").read_text(encoding="utf-8"))


def test_z2jh_config_gives_each_learner_a_volume_and_no_shared_filesystem():
    import yaml

    config = yaml.safe_load((ROOT / "docs" / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    user = config["singleuser"]
    assert user["storage"]["type"] == "dynamic" and user["defaultUrl"] == "/lab"
    assert "extraVolumes" not in user["storage"] and "extraVolumeMounts" not in user["storage"]
    assert user["image"]["name"]


def test_the_teacher_guide_shows_the_z2jh_values_file_as_it_is():
    """The values shown in the teacher guide are those of docs/z2jh/config.yaml (comments aside)."""
    import yaml

    guide = (ROOT / "docs" / "teacher_guide.md").read_text(encoding="utf-8")
    shown = yaml.safe_load(re.search(r"```yaml\n(.*?)```", guide, re.S).group(1))
    config = yaml.safe_load((ROOT / "docs" / "z2jh" / "config.yaml").read_text(encoding="utf-8"))

    def within(part, whole, where="") -> None:
        for key, value in part.items():
            assert key in whole, f"{where}{key} is in the guide but not in docs/z2jh/config.yaml"
            if isinstance(value, dict):
                within(value, whole[key], f"{where}{key}.")
            else:
                assert whole[key] == value, f"{where}{key}: guide {value!r}, config.yaml {whole[key]!r}"

    within(shown, config)
