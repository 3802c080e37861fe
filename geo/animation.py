"""The whole war as an animation for the first day of class: one frame per front date, each drawn like a
slide snapshot, written as a GIF (in a palette built from the atlas's own colours) and an MP4. Frames are
drawn on every core and streamed to both encoders as they come, never all held at once. The MP4 is
encoded with the ffmpeg that the ``imageio-ffmpeg`` package (the ``video`` extra) ships; each file is
checked before it replaces the last good one."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import re
import subprocess
import tempfile
from collections import deque
from collections.abc import Generator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from PIL import GifImagePlugin, Image

from .catalogue import catalogue, stages, styles, war_span
from .drawing import Projected, project
from .errors import AtlasError
from .fonts import style_rc
from .map_text import EVENT_COLOUR
from .model import DrawnModel
from .output import replacing
from .snapshots import draw_situation

FRAME_DPI = 80  # a 16:9 slide at 80 dpi is 1280 x 720
SECONDS_ON_LAST = 4.0  # the armistice stays up before the loop starts again
FRAME_SECONDS = (0.3, 1.2)  # each front date's frame, by how long the front stood (the story's pace)
VIDEO_FPS = 10
VIDEO_EXTRA = "the MP4 needs the video extra: pip install 'korean-war-atlas[video]' (or make video)"


def check_encoder() -> str:
    """The path of the ffmpeg the ``video`` extra ships, or one line saying how to install it."""
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        raise AtlasError(VIDEO_EXTRA) from None
    if not exe or not os.access(exe, os.X_OK):
        raise AtlasError(VIDEO_EXTRA)
    return exe


def animation_dates(model: DrawnModel) -> list[str]:
    """Every front date of the war, from the invasion to the armistice: one frame each."""
    first, last = war_span()
    fronts = model.versions.drop_duplicates("front_date")["front_date"]
    return sorted({first, *(d for d in fronts if first <= d <= last), last})


def frame_seconds(dates: list[str]) -> list[float]:
    """How long each frame stays: longer for a front that stood longer (the square root of its days),
    so the stalemate does not race by and the summer of 1950 does not crawl; the last frame lingers."""
    from .dates import days_between

    days = np.array([max(1, days_between(a, b)) for a, b in itertools.pairwise(dates)], dtype=float)
    if not len(days):
        return [SECONDS_ON_LAST]
    low, high = FRAME_SECONDS
    scaled = low + (high - low) * (np.sqrt(days) - 1) / max(np.sqrt(days).max() - 1, 1)
    return [*np.round(scaled, 1).tolist(), SECONDS_ON_LAST]


def gif_palette() -> Image.Image:
    """A 256-colour palette made from the atlas's own colours (sides, their blends over the land,
    basemap, stage and layer colours, events), a grey ramp for text, and a colour cube for the rest:
    frames are mapped to it without dithering, so every style colour stays exactly itself."""
    base, sides = styles()["basemap"], styles()["sides"]
    hexes = [
        *base.values(),
        *(s["fill"] for s in sides.values()),
        *(s["colour"] for s in stages()),
        EVENT_COLOUR,
        "#000000",
        "#FFFFFF",
        "#1A1A1A",
        "#333333",
        "#666666",
    ]
    hexes += [c for entry in catalogue().values() for c in (entry["style"].get("color"), entry["style"].get("fillColor")) if c]
    rgb = [tuple(int(h[i : i + 2], 16) for i in (1, 3, 5)) for h in hexes]
    land = np.array(rgb[2])  # Korea's land colour, under the territory
    for side in sides.values():
        colour = np.array([int(side["fill"][i : i + 2], 16) for i in (1, 3, 5)])
        rgb += [tuple(np.round(a * colour + (1 - a) * land).astype(int)) for a in (0.2, 0.38, 0.5, 0.62, 0.75)]
    rgb += [(g, g, g) for g in range(0, 256, 17)]
    colours = list(dict.fromkeys(rgb))
    cube = [(r, g, b) for r in range(0, 256, 51) for g in range(0, 256, 51) for b in range(0, 256, 51)]
    colours += [c for c in cube if c not in colours][: 256 - len(colours)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for c in colours[:256] for v in c] + [0, 0, 0] * (256 - len(colours[:256])))
    return palette


_WORK: tuple[DrawnModel, Projected, Image.Image] | None = None
_FIGURE: dict[int, Figure] = {}  # each process's figure, drawn on again for every frame


def _frame(task: tuple[str, int]) -> tuple[np.ndarray, bytes]:
    """One date's picture, as RGB for the video and as a GIF frame (in the palette) that stays the
    given milliseconds."""
    (date, milliseconds), (model, proj, palette) = task, _WORK
    with plt.rc_context(style_rc(model.lang)):
        fig = draw_situation(model, date, "slide", FRAME_DPI, proj, fig=_FIGURE.get(os.getpid()))
        _FIGURE[os.getpid()] = fig
        fig.canvas.draw()
        picture = np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()
    image = Image.fromarray(picture).quantize(palette=palette, dither=Image.Dither.NONE)
    return picture, b"".join(GifImagePlugin.getdata(image, duration=milliseconds))


def frames(
    model: DrawnModel, dates: list[str], seconds: list[float], palette: Image.Image
) -> Generator[tuple[np.ndarray, bytes], None, None]:
    """Each date's picture (RGB, and a GIF frame in ``palette`` that stays ``seconds``), in order, drawn
    on every core the machine has (up to 4), a few frames ahead of the encoders and no more (memory
    stays flat)."""
    global _WORK
    _WORK = (model, project(model), palette)
    work = [(d, int(s * 1000)) for d, s in zip(dates, seconds)]
    workers = min(4, os.cpu_count() or 1)
    pool, frozen = None, False
    try:
        if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
            yield from map(_frame, work)
            return
        # the forked workers share the model: the collector must not touch (and so copy) its pages
        frozen = gc.get_freeze_count() == 0
        if frozen:
            gc.freeze()
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        ahead: deque[Future] = deque()
        for task in work:
            ahead.append(pool.submit(_frame, task))
            if len(ahead) > 2 * workers:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
    except BrokenProcessPool:
        raise AtlasError("animate: a process drawing the frames stopped (out of memory?); the previous files are kept") from None
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if frozen:
            gc.unfreeze()
        if (figure := _FIGURE.pop(os.getpid(), None)) is not None:
            plt.close(figure)
        _WORK = None


def write_animation(model: DrawnModel, folder: Path, span: tuple[str, str] = ("0000", "9999")) -> list[Path]:
    """``korean_war.gif`` and ``korean_war.mp4`` (``korean_war.ko.gif`` ... in Korean) in ``folder``: the
    front dates within ``span`` (first and last day, inclusive), or the whole war."""
    ffmpeg = check_encoder()
    dates = [d for d in animation_dates(model) if span[0] <= d <= span[1]]
    if not dates:
        raise AtlasError(f"animate: no front date between {span[0]} and {span[1]}")
    seconds = frame_seconds(dates)
    stem = "korean_war" if model.lang == "en" else f"korean_war.{model.lang}"
    gif, mp4 = Path(folder) / f"{stem}.gif", Path(folder) / f"{stem}.mp4"
    palette = gif_palette()
    with (
        replacing(gif) as gif_tmp,
        replacing(mp4) as mp4_tmp,
        tempfile.TemporaryFile() as log,
        closing(frames(model, dates, seconds, palette)) as pictures,
    ):
        encoder = None
        try:
            with open(gif_tmp, "wb") as out:
                for (picture, gif_frame), duration in zip(pictures, seconds):
                    if encoder is None:
                        header = Image.fromarray(picture).quantize(palette=palette, dither=Image.Dither.NONE)
                        out.write(b"".join(GifImagePlugin.getheader(header, info={"loop": 0})[0]))
                        encoder = _encoder(ffmpeg, mp4_tmp, picture.shape[1], picture.shape[0], log)
                    out.write(gif_frame)
                    for _ in range(round(duration * VIDEO_FPS)):
                        encoder.stdin.write(picture.tobytes())
                out.write(b";")
            encoder.stdin.close()
            failed = encoder.wait()
        except BrokenPipeError:
            failed = True
        except OSError as exc:
            raise AtlasError(f"{gif}: cannot write ({exc.strerror or exc}); the previous files are kept") from None
        finally:
            if encoder is not None and encoder.poll() is None:  # stop the encoder before its file goes
                encoder.kill()
                encoder.wait()
        if failed:
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip().splitlines()
            raise AtlasError(
                f"{mp4}: the video encoder failed ({(said[-1] if said else 'no message')[:160]}); the previous files are kept"
            )
        _verify(ffmpeg, gif_tmp, mp4_tmp, len(dates), round(sum(seconds) * VIDEO_FPS))
    return [gif, mp4]


def _encoder(ffmpeg: str, path: Path, width: int, height: int, log) -> subprocess.Popen:
    """ffmpeg reading raw RGB frames on its input and writing an H.264 MP4 (the same bytes for the same
    frames); its messages go to ``log``."""
    command = [
        ffmpeg,
        "-y",
        "-f",
        "rawvideo",
        "-vcodec",
        "rawvideo",
        "-s",
        f"{width}x{height}",
        "-pix_fmt",
        "rgb24",
        "-r",
        str(VIDEO_FPS),
        "-i",
        "-",
        "-an",
        "-vcodec",
        "libx264",
        "-threads",
        "1",
        "-preset",
        "veryfast",
        "-tune",
        "stillimage",
        "-pix_fmt",
        "yuv420p",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        "-map_metadata",
        "-1",
        "-v",
        "error",
        str(path),
    ]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log)


def _verify(ffmpeg: str, gif: Path, mp4: Path, gif_frames: int, video_frames: int) -> None:
    """Both files whole before they replace the last good ones: every frame there (the video's frames
    counted in its container, which must open; they are not decoded)."""
    try:
        with Image.open(gif) as image:
            found = image.n_frames
        read = subprocess.run(
            [ffmpeg, "-nostdin", "-i", str(mp4), "-map", "0:v:0", "-c", "copy", "-f", "null", "-"],
            capture_output=True,
            text=True,
            errors="replace",
        )
        progress = re.findall(r"frame=\s*(\d+)", read.stderr)
        if read.returncode or not progress:
            raise ValueError((read.stderr.strip().splitlines() or ["no frames"])[-1])
        counted = int(progress[-1])
    except (OSError, ValueError) as exc:
        raise AtlasError(
            f"{mp4.parent}: the animation could not be read back ({str(exc).splitlines()[0][:120]}); the previous files are kept"
        ) from None
    if found != gif_frames or counted != video_frames:
        raise AtlasError(
            f"{mp4.parent}: the animation came out short ({found} of {gif_frames} GIF frames, {counted} of "
            f"{video_frames} video frames); the previous files are kept"
        )
