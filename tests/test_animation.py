"""`build.py animate`: the whole war as a GIF and an MP4, one frame per front date, small enough to mail."""

from __future__ import annotations

import imageio.v3 as iio
import imageio_ffmpeg
import numpy as np
import pytest

import build
from geo.animation import SECONDS_ON_LAST, SECONDS_PER_FRONT, animation_dates

UN_BLUE = np.array([152, 192, 215])  # the UN fill as snapshots blend it over land


@pytest.fixture(scope="module")
def animated(tmp_path_factory):
    out = tmp_path_factory.mktemp("animation")
    assert build.main(["animate", "--out", str(out)]) == 0
    return out


def _blue_share(frame: np.ndarray) -> float:
    return float((np.abs(frame.astype(int) - UN_BLUE).sum(axis=2) < 40).mean())


def test_one_frame_per_front_date_with_the_war_turning(animated, atlas):
    frames = iio.imread(animated / "korean_war.gif", index=None)
    dates = animation_dates(atlas)
    assert dates[0] == "1950-06-25" and dates[-1] == "1953-07-27" and len(dates) >= 30
    assert frames.shape[0] == len(dates) and frames.shape[1:3] == (720, 1280)
    blue = [_blue_share(frame) for frame in frames]
    perimeter, yalu = dates.index("1950-08-04"), dates.index("1950-11-24")
    assert blue[yalu] > 4 * blue[perimeter], "the UN share grows from the perimeter to the Yalu"
    assert (animated / "korean_war.gif").stat().st_size < 10_000_000


def test_the_video_runs_the_whole_war(animated, atlas):
    video = animated / "korean_war.mp4"
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(video))
    expected = (len(animation_dates(atlas)) - 1) * SECONDS_PER_FRONT + SECONDS_ON_LAST
    assert seconds == pytest.approx(expected, abs=0.5) and video.stat().st_size < 10_000_000
    assert iio.imread(video, index=0).shape[:2] == (720, 1280)


def test_korean_animation(tmp_path, capsys, monkeypatch):
    # three dates are enough to see the Korean files written; the English run draws them all
    monkeypatch.setattr("geo.animation.animation_dates", lambda atlas: ["1950-06-25", "1950-11-24", "1953-07-27"])
    assert build.main(["animate", "--lang", "ko", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "korean_war.ko.gif").exists() and (tmp_path / "korean_war.ko.mp4").exists()
    assert "korean_war.ko.gif" in capsys.readouterr().out
