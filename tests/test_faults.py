"""Faults, injected for every writer: a full disk (a small tmpfs), a read-only output folder, kill -9 in
the middle of a write, the video encoder failing. Each ends in one line and a non-zero exit, keeps the last
good output byte for byte, and leaves nothing half-written behind for the next run."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import LAYERS, ROOT, run

from geo import animation
from geo.pipeline import build_atlas

animation_frame = animation._frame

MAP = "korean_war_map.html"
SHORT_ANIMATION = ["--from", "1950-09-15", "--to", "1950-09-18"]
WRITERS = {  # command -> the files it writes
    "map": ([], ["korean_war_map.html"]),
    "export": (["export"], ["korean_war.gpkg"]),
    "snapshots": (["snapshots", "--date", "1950-09-15"], ["snapshots/date-1950-09-15.png", "snapshots/date-1950-09-15.svg"]),
    "animate": (["animate", *SHORT_ANIMATION], ["korean_war.gif", "korean_war.mp4"]),
    "handout": (["handout"], ["handout.pdf"]),
    "embed": (["embed"], ["korean_war_map.html", "lesson.html"]),
}


def short_history(folder: Path, stops: slice) -> Path:
    """A copy of the layers with a shorter record (every sixth front date, and every date of the short
    animation) and a two-stop tour: the writers' faults, not the history, are under test, and the
    outputs stay small and quick to make."""
    shutil.copytree(LAYERS, folder)
    fronts = json.loads((LAYERS / "front_lines.geojson").read_text())
    dates = sorted({f["properties"]["start"] for f in fronts["features"]})
    kept = set(dates[::6]) | {d for d in dates if SHORT_ANIMATION[1] <= d <= SHORT_ANIMATION[3]}
    fronts["features"] = [f for f in fronts["features"] if f["properties"]["start"] in kept]
    (folder / "front_lines.geojson").write_text(json.dumps(fronts))
    tour = json.loads((LAYERS / "tour.geojson").read_text())
    tour["features"] = tour["features"][stops]
    (folder / "tour.geojson").write_text(json.dumps(tour))
    return folder


@pytest.fixture(scope="module")
def changed_layers(tmp_path_factory) -> Path:
    """A short record with a teacher's layer added and another two stops: every writer's output changes."""
    folder = short_history(tmp_path_factory.mktemp("changed") / "layers", slice(0, 2))
    notes = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [128.6, 35.87]},
        "properties": {
            "name": "Our class was here",
            "start": "1950-06-25",
            "end": None,
            "description": "A point every picture shows.",
            "source": "A teacher",
        },
    }
    (folder / "class_notes.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [notes]}))
    return folder


@pytest.fixture(scope="module")
def first_layers(tmp_path_factory) -> Path:
    return short_history(tmp_path_factory.mktemp("first") / "layers", slice(1, 3))


@pytest.fixture
def small_disk(tmp_path):
    """A 24 MB tmpfs: a disk that fills up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode:
        pytest.fail(f"cannot mount a small tmpfs here (root is needed): {made.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def snapshot(folder: Path, files: list[str]) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in files}


def leftovers(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob(".*.tmp-*")]


def fill(folder: Path, leave: int) -> None:
    """Take all of the disk's free space but ``leave`` bytes."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize - leave
    with open(folder / "filler", "wb") as out:
        while free > 0:
            free -= out.write(b"\1" * min(free, 1 << 20))


def one_line_error(capfd) -> str:
    err = capfd.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("writer", WRITERS)
def test_a_read_only_folder_or_a_full_disk_keeps_the_last_good_output(writer, small_disk, first_layers, changed_layers, capfd):
    argv, files = WRITERS[writer]
    assert run([*argv, "--layers", str(first_layers), "--out", str(small_disk)]) == 0
    good = snapshot(small_disk, files)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    capfd.readouterr()
    assert run([*argv, "--layers", str(changed_layers), "--out", str(small_disk)]) == 1
    assert "cannot write" in one_line_error(capfd)
    assert snapshot(small_disk, files) == good
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    fill(small_disk, leave=16 * 1024)
    assert run([*argv, "--layers", str(changed_layers), "--out", str(small_disk)]) == 1
    err = one_line_error(capfd)
    assert "kept" in err or "No space" in err, err
    assert snapshot(small_disk, files) == good
    assert leftovers(small_disk) == []


def forked(argv: list[str]) -> int:
    """The command run in a child of this process (its imports and atlas already in memory)."""
    pid = os.fork()
    if pid == 0:
        try:
            os._exit(run(argv))
        finally:
            os._exit(3)
    return pid


@pytest.mark.parametrize("writer", ["snapshots", "animate", "handout", "export"])
def test_a_writer_killed_mid_write_leaves_the_last_good_output(writer, tmp_path, first_layers, changed_layers):
    argv, files = WRITERS[writer]
    out = tmp_path / "out"
    assert run([*argv, "--layers", str(first_layers), "--out", str(out)]) == 0
    atlas = build_atlas(changed_layers)  # in memory before the fork, so the child gets to writing at once
    if writer == "export":
        assert not atlas.control_on_land.empty  # the territory a GeoPackage stores, cut before the fork too
    good = snapshot(out, files)
    pid = forked([*argv, "--layers", str(changed_layers), "--out", str(out)])
    deadline = time.monotonic() + 120
    while not leftovers(out) and os.waitpid(pid, os.WNOHANG) == (0, 0) and time.monotonic() < deadline:
        time.sleep(0.001)
    assert leftovers(out), "the writer was caught writing"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert snapshot(out, files) == good, "a kill -9 mid-write keeps the last good files"
    assert run([*argv, "--layers", str(changed_layers), "--out", str(out)]) == 0
    assert leftovers(out) == [], "the next run removes what the killed one left"
    assert snapshot(out, files) != good


FAULTY_ENCODERS = {  # fault -> (the encoder, as a script given the real ffmpeg's path; what the one line says)
    "fails": (lambda real: "#!/bin/sh\necho 'ffmpeg: out of order' >&2\nexit 1\n", "previous files are kept"),
    # encodes, then cuts the file short: a disk that filled as it closed
    "truncates its file": (
        lambda real: f'#!/bin/sh\n"{real}" "$@" || exit $?\nfor last; do :; done\ntruncate -s 2000 "$last"\n',
        "previous files are kept",
    ),
    # a whole, playable video that came out short: it keeps 3 of the frames it reads
    "drops frames": (
        lambda real: (
            f"#!{sys.executable}\nimport os, sys\nargs = sys.argv[1:]\n"
            "if 'libx264' in args:\n    args[-1:-1] = ['-vf', 'select=lt(n\\\\,3)', '-fps_mode', 'passthrough']\n"
            f"os.execv({real!r}, [{real!r}, *args])\n"
        ),
        "came out short",
    ),
}


@pytest.mark.parametrize("fault", FAULTY_ENCODERS)
def test_a_faulty_video_encoder_keeps_the_last_good_animation(fault, tmp_path, first_layers, capfd, monkeypatch):
    import imageio_ffmpeg

    script, said = FAULTY_ENCODERS[fault]
    argv, files = WRITERS["animate"]
    assert run([*argv, "--layers", str(first_layers), "--out", str(tmp_path)]) == 0
    good = snapshot(tmp_path, files)
    encoder = tmp_path / "ffmpeg"
    encoder.write_text(script(imageio_ffmpeg.get_ffmpeg_exe()))
    encoder.chmod(0o755)
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(encoder))
    capfd.readouterr()
    assert run([*argv, "--layers", str(first_layers), "--from", "1950-09-17", "--out", str(tmp_path)]) == 1
    assert said in one_line_error(capfd)
    assert snapshot(tmp_path, files) == good and leftovers(tmp_path) == []


def frame_that_dies(task):
    """A drawing process killed after the first frame, as the out-of-memory killer would."""
    if task[0] > "1950-09-15":
        os.kill(os.getpid(), signal.SIGKILL)
    return animation_frame(task)


@pytest.mark.timeout(120)
def test_a_drawing_process_killed_mid_animation_is_one_line_not_a_hang(tmp_path, first_layers, capfd, monkeypatch):
    argv, files = WRITERS["animate"]
    assert run([*argv, "--layers", str(first_layers), "--out", str(tmp_path)]) == 0
    good = snapshot(tmp_path, files)
    monkeypatch.setattr(animation, "_frame", frame_that_dies)
    monkeypatch.setattr(animation.os, "cpu_count", lambda: 2)  # drawn in worker processes even on one core
    capfd.readouterr()
    assert run([*argv, "--layers", str(first_layers), "--out", str(tmp_path)]) == 1
    assert "previous files are kept" in one_line_error(capfd)
    assert snapshot(tmp_path, files) == good and leftovers(tmp_path) == []


@pytest.mark.parametrize("fault", ["disk full mid-write", "read-only folder at rename"])
def test_a_writer_that_fails_mid_write_keeps_the_last_map(fault, good_map, monkeypatch, capsys):
    before = good_map.read_bytes()
    if fault == "disk full mid-write":
        real = Path.write_text

        def half_then_full(self, text, *args, **kwargs):
            real(self, text[: len(text) // 2], *args, **kwargs)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(Path, "write_text", half_then_full)
    else:
        monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.EROFS, os.strerror(errno.EROFS))))
    code, err = run(["--out", str(good_map.parent)]), capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "cannot write" in err and MAP in err
    assert good_map.read_bytes() == before
    assert not [p for p in good_map.parent.iterdir() if p.name.startswith(".")], "no temporary file is left"


def test_a_build_killed_mid_write_leaves_nothing_behind_the_next_build(tmp_path, capsys):
    target = tmp_path / MAP
    script = (
        "import os, signal, sys; from pathlib import Path; from geo.output import replacing\n"
        f"with replacing(Path({str(target)!r})) as tmp:\n"
        "    tmp.write_bytes(b'x' * 1_000_000); os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=60)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{MAP}.tmp-")], "the kill left its temp file"
    alive = tmp_path / f".{MAP}.tmp-{os.getpid()}-inuse.html"  # a build still running (this process) is left alone
    alive.write_text("busy")
    assert run(["--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([MAP, alive.name])
