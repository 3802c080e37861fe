"""`animate`: the war as a GIF and an MP4, one frame per front date (a few dates here; bench/run.py times
the whole war), with the atlas's colours kept exactly in the GIF, each file checked before it lands."""

from __future__ import annotations

import imageio_ffmpeg
import numpy as np
import pytest
from conftest import run
from PIL import Image

from geo import animation
from geo.animation import animation_dates, frame_seconds, gif_palette

DATES = ["1950-08-04", "1950-09-15", "1950-11-24", "1953-07-27"]
UN_BLUE = np.array([152, 192, 215])  # the UN fill as the pictures blend it over land


@pytest.fixture(scope="module")
def animated(tmp_path_factory):
    out = tmp_path_factory.mktemp("animation")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(animation, "animation_dates", lambda model: DATES)
        assert run(["animate", "--out", str(out)]) == 0
    return out


def gif_frames(path) -> list[np.ndarray]:
    with Image.open(path) as image:
        frames = []
        for i in range(image.n_frames):
            image.seek(i)
            frames.append(np.asarray(image.convert("RGB")))
    return frames


def test_one_frame_per_date_with_the_war_turning(animated):
    frames = gif_frames(animated / "korean_war.gif")
    assert len(frames) == len(DATES) and frames[0].shape[:2] == (720, 1280)
    blue = [float((np.abs(f.astype(int) - UN_BLUE).sum(axis=2) < 40).mean()) for f in frames]
    assert blue[2] > 4 * blue[0], "the UN share grows from the perimeter to the Yalu"


def test_the_gif_keeps_the_style_colours(animated):
    palette = {tuple(c) for c in np.array(gif_palette().getpalette()[:768]).reshape(-1, 3)}
    for colour in ("#F0E442", "#0072B2", "#D55E00", "#E69F00", "#CC79A7", "#000000"):
        assert tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5)) in palette, colour
    frame = gif_frames(animated / "korean_war.gif")[1]  # 15 Sep 1950: the yellow Inchon symbol
    assert (np.abs(frame.astype(int) - [0xF0, 0xE4, 0x42]).sum(axis=2) == 0).sum() > 20, "yellow, not salmon"


def test_the_video_runs_for_the_frames_times(animated):
    video = animated / "korean_war.mp4"
    _frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(video))
    assert seconds == pytest.approx(sum(frame_seconds(DATES)), abs=0.2)
    assert video.stat().st_size < 10_000_000


def test_the_same_war_gives_the_same_bytes(animated, tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(animation, "animation_dates", lambda model: DATES)
        assert run(["animate", "--out", str(tmp_path)]) == 0
    for name in ("korean_war.gif", "korean_war.mp4"):
        assert (tmp_path / name).read_bytes() == (animated / name).read_bytes(), name


def test_one_date_is_an_animation_of_one_frame(tmp_path):
    assert run(["animate", "--from", "1953-07-27", "--out", str(tmp_path)]) == 0
    with Image.open(tmp_path / "korean_war.gif") as image:
        assert image.n_frames == 1


def test_the_whole_war_lasts_about_a_minute(model):
    dates = animation_dates(model)
    assert dates[0] == "1950-06-25" and dates[-1] == "1953-07-27" and len(dates) >= 150
    assert 40 <= sum(frame_seconds(dates)) <= 120


def test_korean_animation(tmp_path, capfd, monkeypatch):
    monkeypatch.setattr(animation, "animation_dates", lambda model: DATES[:2])
    assert run(["animate", "--lang", "ko", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "korean_war.ko.gif").exists() and (tmp_path / "korean_war.ko.mp4").exists()
    assert "korean_war.ko.gif" in capfd.readouterr().out


def test_without_the_video_extra_one_line_says_how_to_get_it(tmp_path, capfd, monkeypatch):
    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", lambda: (_ for _ in ()).throw(RuntimeError("no ffmpeg")))
    assert run(["animate", "--out", str(tmp_path)]) == 1
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "pip install 'korean-war-atlas[video]'" in err and not list(tmp_path.iterdir())
