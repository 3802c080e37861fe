"""The whole war as an animation for the first day of class: one frame per front date, each drawn like
a slide snapshot (title, date, legend and shares), written as a GIF and an MP4. The MP4 is encoded with
the ffmpeg that the ``imageio-ffmpeg`` package ships, so nothing is installed on the system."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import imageio.v3 as iio
import imageio_ffmpeg
import matplotlib.pyplot as plt
import numpy as np

from .catalogue import war_span
from .output import replacing
from .pipeline import Atlas, drawn_layers
from .snapshots import _style_rc, draw_situation

FRAME_DPI = 80            # a 16:9 slide at 80 dpi is 1280 x 720
SECONDS_PER_FRONT = 0.6   # 80 front dates in under a minute
SECONDS_ON_LAST = 4.0     # the armistice stays up before the loop starts again
VIDEO_FPS = 5


def animation_dates(atlas: Atlas) -> list[str]:
    """Every front date of the war, from the invasion to the armistice: one frame each."""
    first, last = war_span()
    fronts = sorted(d for d in atlas.control["start"].unique() if first <= d <= last)
    return sorted({first, *fronts, last})


def frames(atlas: Atlas, lang: str = "en") -> Iterator[np.ndarray]:
    """Each date's picture as an RGB array."""
    layers = drawn_layers(atlas, lang)
    with plt.rc_context(_style_rc(lang)):
        for date in animation_dates(atlas):
            fig = draw_situation(atlas, date, lang, "slide", FRAME_DPI, layers)
            fig.canvas.draw()
            yield np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()
            plt.close(fig)


def write_animation(atlas: Atlas, folder: Path, lang: str = "en") -> list[Path]:
    """``korean_war.gif`` and ``korean_war.mp4`` (``korean_war.ko.gif`` ... in Korean) in ``folder``."""
    pictures = list(frames(atlas, lang))
    stem = "korean_war" if lang == "en" else f"korean_war.{lang}"
    gif, mp4 = Path(folder) / f"{stem}.gif", Path(folder) / f"{stem}.mp4"
    durations = [SECONDS_PER_FRONT * 1000] * (len(pictures) - 1) + [SECONDS_ON_LAST * 1000]
    with replacing(gif) as tmp:
        iio.imwrite(tmp, pictures, extension=".gif", duration=durations, loop=0)
    height, width = pictures[0].shape[:2]
    with replacing(mp4) as tmp:
        writer = imageio_ffmpeg.write_frames(
            str(tmp), (width, height), fps=VIDEO_FPS, codec="libx264", pix_fmt_out="yuv420p", macro_block_size=8,
            ffmpeg_log_level="error", output_params=["-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1"])
        writer.send(None)
        for picture, seconds in zip(pictures, np.array(durations) / 1000):
            for _ in range(round(seconds * VIDEO_FPS)):
                writer.send(np.ascontiguousarray(picture))
        writer.close()
    return [gif, mp4]
