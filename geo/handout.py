"""The tour as a printed worksheet: a title page, one page per stop with the map at that stop's date and
view (drawn by :mod:`geo.drawing`, like the snapshots), its narration, its question and ruled lines for
the answer, and an answer key at the end. One PDF, A4 or Letter, in English or Korean."""

from __future__ import annotations

import logging
import math
import textwrap
import zlib
from contextlib import contextmanager
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages

from .dates import format_date
from .drawing import draw_map, extent, project
from .errors import AtlasError
from .fonts import CHAR_EM, style_rc
from .map_text import ZOOM_6_HALF_HEIGHT_KM
from .model import DrawnModel
from .output import replacing

PAPER_IN = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}
RULED_LINES = 6


def stop_view(stop: dict) -> list[float]:
    """A stop's view as [west, south, east, north]: its box, or a square round its point at its zoom."""
    if "bbox" in stop:
        return stop["bbox"]
    half_km = ZOOM_6_HALF_HEIGHT_KM / 2 ** (stop["zoom"] - 6)
    dlat = half_km / 111.0
    dlon = half_km / (111.0 * math.cos(math.radians(stop["lat"])))
    return [stop["lon"] - dlon, stop["lat"] - dlat, stop["lon"] + dlon, stop["lat"] + dlat]


def _wrap(text: str, width_in: float, size: float, lang: str) -> str:
    return textwrap.fill(text, max(20, int(width_in * 72 / (size * CHAR_EM.get(lang, 0.6)))))


def write_handout(model: DrawnModel, folder: Path, paper: str = "a4") -> Path:
    """``handout.pdf`` (``handout.ko.pdf`` in Korean) in ``folder``."""
    if not model.tour:
        raise AtlasError("handout: the layers have no tour (add tour.geojson, or give --tour FILE)")
    size = PAPER_IN[paper]
    name = "handout.pdf" if model.lang == "en" else f"handout.{model.lang}.pdf"
    path = Path(folder) / name
    proj = project(model)
    with plt.rc_context(style_rc(model.lang)), replacing(path) as tmp, _quiet("fontTools.subset"):
        try:
            with PdfPages(tmp, metadata={"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}) as pdf:
                for page in _pages(model, proj, size):  # each drawn, saved and closed before the next
                    pdf.savefig(page)
                    plt.close(page)
        except (OSError, zlib.error) as exc:  # a full disk: PdfPages then fails to close the file as well
            cause = exc if isinstance(exc, OSError) else exc.__context__ or exc
            raise AtlasError(
                f"{path}: cannot write ({getattr(cause, 'strerror', None) or cause}); the previous file, if any, is kept"
            ) from None
    return path


@contextmanager
def _quiet(logger: str):
    """No notes from ``logger`` meanwhile: embedding a font's subset drops its hinting tables (NanumGothic
    has TSI*), as it should, and fontTools says so on the teacher's terminal."""
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _pages(model: DrawnModel, proj, size: tuple[float, float]):
    yield _title_page(model, size)
    for stop in model.tour:
        yield _stop_page(model, proj, stop, size)
    yield from _answer_key(model, size)


def _title_page(model: DrawnModel, size: tuple[float, float]):
    t, ui, lang = model.texts, model.texts["ui"], model.lang
    fig = plt.figure(figsize=size)
    fig.text(0.08, 0.92, t["title"], fontsize=24, fontweight="bold", va="top")
    fig.text(0.08, 0.86, ui["handout_subtitle"], fontsize=14, va="top")
    for i, label in enumerate((ui["handout_name"], ui["handout_class"], ui["handout_date"])):
        y = 0.78 - i * 0.045
        fig.text(0.08, y, label, fontsize=12, va="bottom")
        fig.add_artist(plt.Line2D([0.25, 0.92], [y, y], color="#333333", linewidth=0.8))
    rows = [f"{s['stop']}. {format_date(s['date'], lang)}: {s['title']}" for s in model.tour]
    fig.text(0.08, 0.62, ui["handout_stops"], fontsize=14, fontweight="bold", va="top")
    fig.text(0.08, 0.585, "\n".join(rows), fontsize=11, va="top", linespacing=1.5)
    fig.text(0.08, 0.04, _wrap(ui["credits"], size[0] * 0.84, 8, lang), fontsize=8, color="#333333", va="bottom")
    return fig


def _stop_page(model: DrawnModel, proj, stop: dict, size: tuple[float, float]):
    t, ui, lang = model.texts, model.texts["ui"], model.lang
    fig = plt.figure(figsize=size)
    fig.text(
        0.07,
        0.965,
        ui["tour_count"].replace("{n}", str(stop["stop"])).replace("{total}", str(len(model.tour))),
        fontsize=10,
        color="#333333",
        va="top",
    )
    fig.text(0.07, 0.945, stop["title"], fontsize=18, fontweight="bold", va="top")
    fig.text(0.93, 0.945, format_date(stop["date"], lang), fontsize=14, fontweight="bold", va="top", ha="right")
    box = extent(stop_view(stop))
    width, height = box[2] - box[0], box[3] - box[1]
    map_h = 0.47
    map_w = min(0.86, map_h * size[1] / size[0] * width / height)
    ax = fig.add_axes(((1 - map_w) / 2, 0.43, map_w, map_h))
    drawn = draw_map(ax, model, proj, stop["date"], box, 9)
    text_w = size[0] * 0.86
    y = 0.41
    if drawn["events"]:  # what the numbers on the map stand for
        rows = "; ".join(f"{e['number']}. {e['name']}" for e in drawn["events"])
        key = _wrap(f"{t['layers']['events']}: {rows}", text_w, 8.5, lang)
        fig.text(0.07, 0.422, key, fontsize=8.5, va="top", color="#333333", linespacing=1.3)
        y = 0.422 - (key.count("\n") + 1) * 8.5 * 1.3 / 72 / size[1] - 0.012
    narration = _wrap(stop["narration"], text_w, 11, lang)
    fig.text(0.07, y, narration, fontsize=11, va="top", linespacing=1.4)
    y -= (narration.count("\n") + 1) * 11 * 1.4 / 72 / size[1] + 0.02
    question = _wrap(f"{ui['question']} {stop['question']}", text_w, 12, lang)
    fig.text(0.07, y, question, fontsize=12, fontweight="bold", va="top", linespacing=1.3)
    y -= (question.count("\n") + 1) * 12 * 1.3 / 72 / size[1] + 0.035
    source = _wrap(f"{ui['source']}: {stop['source']}", text_w, 7.5, lang)
    fig.text(0.07, 0.025, source, fontsize=7.5, color="#333333", va="bottom")
    above_source = 0.025 + (source.count("\n") + 1) * 7.5 * 1.2 / 72 / size[1] + 0.015
    for i in range(RULED_LINES):
        line_y = y - i * 0.032
        if line_y < above_source:
            break
        fig.add_artist(plt.Line2D([0.07, 0.93], [line_y, line_y], color="#888888", linewidth=0.6))
    return fig


def _answer_key(model: DrawnModel, size: tuple[float, float]):
    """The answers, on as many pages as they take."""
    ui, lang, page, y = model.texts["ui"], model.lang, None, 0.0
    for stop in model.tour:
        block = _wrap(f"{stop['stop']}. {stop['title']}: {stop['answer']}", size[0] * 0.86, 10, lang)
        height = (block.count("\n") + 1) * 10 * 1.3 / 72 / size[1] + 0.01
        if page is None or y - height < 0.05:
            if page is not None:
                yield page
            page = plt.figure(figsize=size)
            page.text(0.07, 0.95, ui["handout_answers"], fontsize=18, fontweight="bold", va="top")
            y = 0.9
        page.text(0.07, y, block, fontsize=10, va="top", linespacing=1.3)
        y -= height
    yield page
