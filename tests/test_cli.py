"""The command: `korean-war-atlas` (installed), `python -m geo` and build.py give the same map; the layers
travel with the package; every command and option is explained."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, run
from geo.cli import packaged_layers


def test_help_explains_every_command(capfd):
    assert run(["--help"]) == 0
    text = capfd.readouterr().out
    for command in ("map", "export", "control", "snapshots", "animate", "handout", "embed", "--lang", "--tour", "--layers"):
        assert command in text


def test_the_layers_travel_with_the_package():
    assert (packaged_layers() / "front_lines.geojson").is_file() and (packaged_layers() / "base" / "korea.geojson").is_file()


def test_python_m_geo_and_build_py_write_the_same_bytes(tmp_path, built_map):
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "geo"], cwd=empty, check=True, capture_output=True, env=env, timeout=120)
    assert (empty / "output" / "korean_war_map.html").read_bytes() == built_map.read_bytes()


def test_an_installed_command_builds_from_an_empty_folder(tmp_path, built_map):
    """A wheel installed in a fresh environment: the command, the packaged layers, the same map."""
    script = os.path.join(os.path.dirname(sys.executable), "korean-war-atlas")
    if not os.access(script, os.X_OK):
        pytest.fail(f"{script} is missing: pyproject.toml's [project.scripts] is not installed")
    empty = tmp_path / "class"
    empty.mkdir()
    result = subprocess.run([script], cwd=empty, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (empty / "output" / "korean_war_map.html").read_bytes() == built_map.read_bytes()
