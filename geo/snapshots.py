"""Stage snapshots for slides and handouts: one designed picture per stage (or for any date), as a
portrait page or a 16:9 slide, PNG and SVG. The map fills the picture's height; title, the big date,
a caption for the day, the legend with each side's share, the numbered events and the sources (each once)
fill the rest. Drawn with :mod:`geo.drawing` from the drawn model, like the animation's frames."""

from __future__ import annotations

import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .catalogue import region, stages
from .dates import checked_date, format_date, stage_for
from .drawing import Projected, draw_map, extent, project
from .fonts import CHAR_EM, korean_family, style_rc
from .model import DrawnModel, shown_mask
from .output import replacing
from .sources import works_cited

DEFAULT_DPI = 160  # a page 1600 px wide
SLIDE_DPI = 120  # a slide 1920 x 1080


@dataclass(frozen=True)
class Layout:
    """Where things go on the picture, as fractions of the figure, and the type sizes (points)."""

    size_in: tuple[float, float]
    map_box: tuple[float, float, float, float]  # left, bottom, width, height
    text_left: float  # where the text column starts
    text_top: float  # where the caption starts (the title is above it)
    title_left: float  # the title's left edge (across the top of a page)
    columns: int  # legend and events side by side (2) or one under the other
    title_size: float
    text_size: float
    footer_size: float


LAYOUTS = {
    "page": Layout((10, 12.5), (0.01, 0.075, 0.60, 0.80), 0.63, 0.86, 0.02, 1, 20, 11, 8),
    "slide": Layout((16, 9), (0.005, 0.01, 0.36, 0.98), 0.375, 0.78, 0.375, 2, 28, 15, 10),
}


def caption_for(model: DrawnModel, date: str, stage_picture: bool) -> str:
    """The words under a picture's title: the stage's caption for a stage's picture; for any other date,
    what the front in force says of that day, its age, and the events of the day."""
    if stage_picture:
        return next(s["caption"] for s in model.stages if s["id"] == stage_for(date)["id"])
    s = model.situation(date)
    line = model.role("front") if s["line"] == "front" else None
    parts = []
    if line is not None:
        said = line.features["description"].to_numpy()[line.features["start"].to_numpy() == s["front_date"]]
        if len(said) and isinstance(said[0], str):
            parts.append(said[0])
    parts.append(model.note(date)[:1].upper() + model.note(date)[1:] + ".")
    events = model.role("events")
    if events is not None:
        today = events.features["start"].to_numpy() == date
        parts += [f"{n}. {name}." for n, name in zip(events.features["number"][today], events.features["name"][today])]
    return " ".join(parts)


def sources_for(model: DrawnModel, date: str, frames: dict[str, gpd.GeoDataFrame] | None = None) -> list[str]:
    """The works behind what the picture shows that day, each named once (a source's subject and date
    are in the map's popups; a footer names the work). ``frames``: the layers' features by id, if
    already at hand in fewer columns (:class:`geo.drawing.Projected`)."""
    found: dict[str, None] = {}
    for layer_id, layer in model.layers.items():
        frame = (frames or {}).get(layer_id, layer.features)
        if layer.role == "places" or "source" not in frame.columns:
            continue
        shown = shown_mask(frame, date)
        if layer.role == "territory":
            shown &= frame["start"].to_numpy() == model.situation(date)["version"]
        for text in frame["source"].to_numpy()[shown]:
            found.update(dict.fromkeys(works_cited(text) if isinstance(text, str) else ()))
    return list(found)


def _wrap(text: str, width_fraction: float, box: Layout, size: float, lang: str) -> str:
    chars = int(width_fraction * box.size_in[0] * 72 / (size * CHAR_EM.get(lang, 0.6)))
    return "\n".join(textwrap.fill(part, max(20, chars)) for part in text.split("\n"))


def _height(text: str, size: float, box: Layout, spacing: float = 1.35) -> float:
    """The height of a block of text, as a fraction of the figure."""
    return (text.count("\n") + 1) * size * spacing / 72 / box.size_in[1]


def draw_situation(
    model: DrawnModel,
    date: str,
    layout: str = "page",
    dpi: int = DEFAULT_DPI,
    proj: Projected | None = None,
    stage_picture: bool = False,
    view: list[float] | None = None,
    fig: Figure | None = None,
) -> Figure:
    """The situation on ``date`` as a matplotlib figure (see the module's docstring). ``fig``: a figure
    of this layout and dpi to draw on again (a run of frames: its text sizes are measured once, not per
    frame); its own size and dpi are kept."""
    t, box = model.texts, LAYOUTS[layout]
    stage = stage_for(date)
    stage_texts = next(s for s in model.stages if s["id"] == stage["id"])
    if fig is None:
        fig = plt.figure(figsize=box.size_in, dpi=dpi)
        fig.canvas.draw_idle = lambda *args, **kwargs: None  # drawn once, when saved
        ax = fig.add_axes(box.map_box)
    else:
        ax = _emptied(fig)
    proj = proj or project(model)
    drawn = draw_map(ax, model, proj, date, extent(view), box.text_size)
    x, lang = box.text_left, model.lang
    fig.text(
        box.title_left,
        0.975,
        f"{t['ui']['stage']} {stage['id']}: {stage_texts['title']}",
        ha="left",
        va="top",
        fontsize=box.title_size,
        fontweight="bold",
    )
    fig.text(
        box.title_left,
        0.975 - _height("x", box.title_size, box, 1.2),
        format_date(date, lang),
        ha="left",
        va="top",
        fontsize=box.title_size * 1.25,
        fontweight="bold",
        color="#1a1a1a",
    )
    y = box.text_top
    span = f"{t['ui']['stage']} {stage['id']}: {format_date(stage['start'], lang)} – {format_date(stage['end'], lang)}"
    fig.text(x, y, span, ha="left", va="top", fontsize=box.text_size, color="#333333")
    y -= _height(span, box.text_size, box) + 0.01
    caption = _wrap(caption_for(model, date, stage_picture), 0.985 - x, box, box.text_size, lang)
    fig.text(x, y, caption, ha="left", va="top", fontsize=box.text_size, linespacing=1.35)
    y -= _height(caption, box.text_size, box) + 0.025
    _legend_and_events(fig, drawn, model, box, x, y)
    footer = _wrap(
        f"{t['ui']['sources']}: " + "; ".join(sources_for(model, date, proj.layers)) + ". " + t["ui"]["credits"],
        0.985 - x,
        box,
        box.footer_size,
        lang,
    )
    fig.text(x, 0.012, footer, ha="left", va="bottom", fontsize=box.footer_size, color="#333333", linespacing=1.25)
    return fig


def _emptied(fig: Figure) -> Axes:
    """The figure's map axes with nothing of the last picture left on it or on the figure (a new axes
    for every frame would cost more than the frame's own texts)."""
    ax = fig.axes[0]
    for artist in [*ax.collections, *ax.lines, *ax.texts, *ax.patches, *ax.artists, *fig.texts, *fig.legends]:
        artist.remove()
    return ax


def _legend_and_events(fig, drawn: dict, model: DrawnModel, box: Layout, x: float, top: float) -> None:
    """The legend, and the numbered events beside it (a slide) or under it (a page)."""
    t, size = model.texts, box.text_size - 1
    column = ((0.985 - x) / box.columns - 0.01) * box.size_in[0] * 72 / (size * CHAR_EM.get(model.lang, 0.6)) - 4
    for handle in drawn["handles"]:  # a long label wraps within its column, beside its swatch
        handle.set_label(textwrap.fill(handle.get_label(), max(16, int(column))))
    fig.legend(
        handles=drawn["handles"],
        loc="upper left",
        bbox_to_anchor=(x, top),
        fontsize=size,
        frameon=False,
        title=t["ui"]["legend"],
        title_fontproperties={"weight": "bold", "size": box.text_size + 1},
        alignment="left",
        borderaxespad=0,
        borderpad=0,
        labelspacing=0.45,
    )
    if not drawn["events"]:
        return
    lines = sum(h.get_label().count("\n") + 1 for h in drawn["handles"])
    legend_height = _height("x", box.text_size + 1, box, 1.6) + lines * size * 1.5 / 72 / box.size_in[1]
    events_x = x + (0.985 - x) / 2 if box.columns == 2 else x
    events_top = top if box.columns == 2 else top - legend_height - 0.02
    rows = [f"{e['number']}. {e['name']} ({format_date(e['start'], model.lang)})" for e in drawn["events"]]
    room = int((events_top - 0.09) / (size * 1.35 / 72 / box.size_in[1]))
    if len(rows) > room:  # a long stage: the latest events
        rows = rows[-room:]
    fig.text(events_x, events_top, t["layers"]["events"], ha="left", va="top", fontsize=box.text_size + 1, fontweight="bold")
    width = int((0.985 - events_x) * box.size_in[0] * 72 / (size * CHAR_EM.get(model.lang, 0.6)))
    fig.text(
        events_x,
        events_top - _height("x", box.text_size + 1, box, 1.5),
        "\n".join(textwrap.shorten(r, width, placeholder="…") for r in rows),
        ha="left",
        va="top",
        fontsize=size,
        linespacing=1.35,
    )


def render_snapshot(
    model: DrawnModel,
    date: str,
    stem: Path,
    dpi: int = DEFAULT_DPI,
    layout: str = "page",
    proj: Projected | None = None,
    stage_picture: bool = False,
) -> list[Path]:
    """One picture of the situation on ``date``, written as ``stem``.png and ``stem``.svg."""
    written = []
    with plt.rc_context(style_rc(model.lang)), warnings.catch_warnings():
        if model.lang != "en" and not korean_family():  # warned once already: no glyph-by-glyph warnings
            warnings.simplefilter("ignore", UserWarning)
        fig = draw_situation(model, date, layout, dpi, proj, stage_picture)
        for suffix in (".png", ".svg"):
            path = stem.with_suffix(suffix)
            with replacing(path) as tmp:
                fig.savefig(tmp, format=suffix[1:], dpi=dpi, metadata={"Date": None} if suffix == ".svg" else {"Software": None})
            written.append(path)
        plt.close(fig)
    return written


def snapshot_stem(name: str, lang: str, dpi: int, layout: str) -> str:
    """A file name for each kind of picture, so a print or slide run never overwrites the default one:
    ``stage-1``, ``stage-1-ko``, ``stage-1-300dpi``, ``stage-1-slide``."""
    usual = SLIDE_DPI if layout == "slide" else DEFAULT_DPI
    parts = [
        name,
        *([lang] if lang != "en" else []),
        *([layout] if layout != "page" else []),
        *([f"{dpi}dpi"] if dpi != usual else []),
    ]
    return "-".join(parts)


def render_snapshots(
    model: DrawnModel, folder: Path, dpi: int = DEFAULT_DPI, date: str | None = None, layout: str = "page"
) -> list[Path]:
    """``stage-1`` to ``stage-4`` at each stage's key date, or one picture for ``date``."""
    folder, proj = Path(folder), project(model)
    if date is not None:
        date = checked_date(date, "snapshots --date", tuple(region()["date_range"]))
        return render_snapshot(model, date, folder / snapshot_stem(f"date-{date}", model.lang, dpi, layout), dpi, layout, proj)
    return [
        path
        for stage in stages()
        for path in render_snapshot(
            model,
            stage["key_date"],
            folder / snapshot_stem(f"stage-{stage['id']}", model.lang, dpi, layout),
            dpi,
            layout,
            proj,
            stage_picture=True,
        )
    ]
