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


ARGUMENTS = [
    (["snapshots", "--dpi", "0"], 2, "--dpi: a whole number from 50 to 1200, not '0'"),
    (["snapshots", "--dpi", "1"], 2, "not '1'"),
    (["snapshots", "--dpi", "100000"], 2, "not '100000'"),
    (["snapshots", "--dpi", "-5"], 2, "--dpi"),
    (["snapshots", "--date", "1960-01-01"], 1, "date 1960-01-01 is outside 1945-01-01 to 1953-12-31"),
    (["snapshots", "--date", "19500915"], 1, "is not a real date"),
    (["control", "1950-08-20", "nan", "35.8"], 1, "must be finite numbers"),
    (["control", "1950-08-20", "inf", "35.8"], 1, "must be finite numbers"),
    (["control", "1950-W34-1", "128.59", "35.87"], 1, "is not a real date"),
    (["control", "1950-08-20"], 1, "give DATE LON LAT"),
    (["handout", "--paper", "a3"], 2, "invalid choice"),
    (["--tour", "/nonexistent/tour.geojson"], 1, "tour.geojson: not a readable file"),
    (["--lang", "xx"], 2, "invalid choice"),
    (["no-such-command"], 2, "invalid choice"),
]


@pytest.mark.parametrize("argv, code, message", ARGUMENTS, ids=[" ".join(a[0]) for a in ARGUMENTS])
def test_bad_arguments_get_one_line(argv, code, message, capsys, tmp_path):
    got = run([*argv, "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert (got, out) == (code, "") and message in err and err.count("\n") == 1, err


def test_out_that_is_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "out").write_text("not a folder")
    code, err = run(["--out", str(tmp_path / "out")]), capsys.readouterr().err
    assert code == 1 and "is a file, not a folder" in err and err.count("\n") == 1
