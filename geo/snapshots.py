"""Render stage snapshots for slides and handouts with matplotlib, from the same GeoDataFrames and
layer catalogue as the HTML map: one PNG and one SVG per stage (or for any date), as a portrait page
or a 16:9 slide, in a projected CRS so the scale bar is true."""

from __future__ import annotations

import importlib.util
import textwrap
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar  # noqa: E402

from .catalogue import checked_date, format_date, layer_title, legend_symbol, region, side_name, stage_for, stages, styles, texts  # noqa: E402
from .output import replacing  # noqa: E402
from .pipeline import Atlas, drawn_layers  # noqa: E402
from .process import control_at, projected, shown_on  # noqa: E402

DEFAULT_DPI = 160  # a page 1600 px wide
SLIDE_DPI = 120    # a slide 1920 x 1080


@dataclass(frozen=True)
class Layout:
    """Where things go on the picture, as fractions of the figure."""

    size_in: tuple[float, float]
    map_box: tuple[float, float, float, float]
    legend_at: tuple[float, float]
    caption_at: tuple[float, float]
    caption_width: int
    title_size: float
    text_size: float


LAYOUTS = {
    "page": Layout((10, 12.5), (0.02, 0.1, 0.6, 0.78), (1.03, 1.0), (0.645, 0.45), 40, 20, 11),
    "slide": Layout((16, 9), (0.02, 0.08, 0.255, 0.79), (1.06, 1.0), (0.315, 0.40), 62, 28, 15),
}


def _korean_fonts() -> list[str]:
    """Register NanumGothic (regular and bold) and return its family name. The koreanize-matplotlib
    package ships the fonts; they are found without importing the package, which would restyle every plot."""
    folder = Path(importlib.util.find_spec("koreanize_matplotlib").submodule_search_locations[0]) / "fonts"
    for path in (folder / "NanumGothic.ttf", folder / "NanumGothicBold.ttf"):  # regular and bold: titles are bold
        font_manager.fontManager.addfont(str(path))
    return [font_manager.FontProperties(fname=str(folder / "NanumGothic.ttf")).get_name()]


def _style_rc(lang: str) -> dict:
    family = [*_korean_fonts(), "DejaVu Sans"] if lang == "ko" else ["DejaVu Sans"]
    return {"font.family": family, "svg.hashsalt": "korean-war-atlas", "svg.fonttype": "none", "hatch.linewidth": 0.6,
            "axes.unicode_minus": False, "text.parse_math": False}  # text from data is never TeX


def _dashes(style: dict) -> object:
    return (0, [float(v) for v in style["dashArray"].split()]) if style.get("dashArray") else "solid"


def _draw_layer(ax, shown: gpd.GeoDataFrame, symbol: str | None, style: dict, radius: float, zorder: int) -> None:
    """One layer's features on the axes, each geometry kind as the page draws it."""
    metric = projected(shown[~shown.is_empty])
    colour, fill = style.get("color", "#000000"), style.get("fillColor", style.get("color", "#000000"))
    polygons = metric[metric.geom_type.str.contains("Polygon")]
    lines = metric[metric.geom_type.str.contains("LineString")]
    points = metric[metric.geom_type.str.contains("Point")]
    if not polygons.empty:
        if symbol == "outline":
            polygons.boundary.plot(ax=ax, color=colour, linewidth=2.2, zorder=zorder)
        else:
            polygons.plot(ax=ax, facecolor=fill, alpha=max(0.3, style.get("fillOpacity", 0.3)), edgecolor=colour,
                          linewidth=1, zorder=zorder)
    if not lines.empty:
        lines.plot(ax=ax, color=colour, linewidth=style.get("weight", 2) * 0.8, linestyle=_dashes(style),
                   alpha=style.get("opacity", 1), zorder=zorder)
    if not points.empty:
        points.plot(ax=ax, color=fill, edgecolor=colour, markersize=radius * 9, linewidth=1, zorder=zorder + 1)


def _handle(symbol: str, style: dict, label: str) -> object:
    colour, fill = style.get("color", "#000000"), style.get("fillColor", style.get("color", "#000000"))
    if symbol == "point":
        return Line2D([], [], marker="o", linestyle="none", markerfacecolor=fill, markeredgecolor=colour, markersize=8, label=label)
    if symbol == "outline":
        return Line2D([], [], color=colour, linewidth=2.2, label=label)
    if symbol == "area":
        return Patch(facecolor=fill, alpha=0.5, edgecolor=colour, label=label)
    return Line2D([], [], color=colour, linewidth=style.get("weight", 2) * 0.8, linestyle=_dashes(style),
                  alpha=style.get("opacity", 1), label=label)


def draw_situation(atlas: Atlas, date: str, lang: str = "en", layout: str = "page", dpi: int = DEFAULT_DPI,
                   frames: dict[str, gpd.GeoDataFrame] | None = None) -> Figure:
    """The situation on ``date`` as a matplotlib figure: territory, fronts and every layer the map shows
    then (from the layer catalogue), with title, legend, shares, scale bar, north arrow and credits."""
    t = texts(lang)
    box = LAYOUTS[layout]
    sides, base = styles()["sides"], styles()["basemap"]
    stage = stage_for(date)
    caption = t["stages"][str(stage["id"])]
    frames = frames if frames is not None else drawn_layers(atlas, lang)
    fig = plt.figure(figsize=box.size_in, dpi=dpi)
    # geopandas redraws the whole figure after every layer it plots; the picture is drawn once, when saved
    fig.canvas.draw_idle = lambda *args, **kwargs: None
    ax = fig.add_axes(box.map_box)
    west, south, east, north = region()["snapshot_extent"]
    corners = gpd.GeoSeries.from_xy([west, east], [south, north], crs=4326)
    x0, y0, x1, y1 = projected(gpd.GeoDataFrame(geometry=corners)).total_bounds
    ax.set_facecolor(base["sea"])
    projected(atlas.land).plot(ax=ax, color=base["land"], edgecolor=base["coast"], linewidth=0.4)

    version = control_at(atlas.control, gpd.pd.Series([date]))[0]
    control = projected(atlas.control[atlas.control["start"] == version])
    for side in ("un", "communist"):
        part = control[(control["side"] == side) & ~control.is_empty]
        if part.empty:
            continue
        part.plot(ax=ax, facecolor=sides[side]["fill"], alpha=0.38, edgecolor="none")
        if sides[side]["hatch"]:
            part.plot(ax=ax, facecolor="none", edgecolor=sides[side]["fill"], hatch=sides[side]["hatch"], linewidth=0)
    projected(atlas.korea).boundary.plot(ax=ax, color=base["coast"], linewidth=0.5)
    handles = [Patch(facecolor=sides[s]["fill"], alpha=0.5, hatch=sides[s]["hatch"], edgecolor=sides[s]["fill"],
                     label=f"{side_name(s, date, lang)} ({control.loc[control['side'] == s, 'share'].iloc[0]:.0f}%)")
               for s in ("un", "communist")]

    for zorder, (layer_id, frame) in enumerate(frames.items(), start=4):
        if layer_id in ("control_areas", "places"):
            continue
        shown = shown_on(frame, date)
        if shown.empty:
            continue
        entry = atlas.catalogue[layer_id]
        symbol = legend_symbol(entry, set(frame.geom_type))
        _draw_layer(ax, shown, symbol, entry["style"], entry.get("radius", 6), zorder)
        if symbol is not None:
            handles.append(_handle(symbol, entry["style"], layer_title(layer_id, entry, lang)))

    places = projected(atlas.places[atlas.places["rank"] == 1])
    for row in places.itertuples():
        label = row.name_ko if lang == "ko" else row.name + (f" ({row.name_today})" if row.name_today != row.name else "")
        left = getattr(row, "label_side", None) == "left"
        ax.plot(row.geometry.x, row.geometry.y, "o", color="#1a1a1a", markersize=3, zorder=40)
        ax.annotate(label, (row.geometry.x, row.geometry.y), xytext=(-5 if left else 5, 3), textcoords="offset points",
                    ha="right" if left else "left", fontsize=box.text_size - 2, zorder=40,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8, "linewidth": 0})

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.add_patch(plt.Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor="none", edgecolor="#666666", linewidth=0.8, zorder=50))
    ax.add_artist(AnchoredSizeBar(ax.transData, 100_000, f"100 {t['snapshot']['scale']}", "lower right", pad=0.6,
                                  size_vertical=2500, frameon=True, borderpad=0.8))
    ax.annotate(t["snapshot"]["north"], xy=(0.94, 0.95), xytext=(0.94, 0.87), xycoords="axes fraction",
                ha="center", va="center", fontsize=14, fontweight="bold",
                arrowprops={"arrowstyle": "-|>", "color": "#1a1a1a", "linewidth": 2})
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=box.legend_at, fontsize=box.text_size - 1, frameon=False,
              title=t["ui"]["legend"], title_fontproperties={"weight": "bold", "size": box.text_size + 1}, alignment="left")

    fig.suptitle(f"{t['ui']['stage']} {stage['id']}: {caption['title']}", x=0.02, y=0.975, ha="left",
                 fontsize=box.title_size, fontweight="bold")
    fig.text(0.02, 0.93 if layout == "page" else 0.9, f"{format_date(stage['start'], lang)} – {format_date(stage['end'], lang)}"
             f"   ·   {t['snapshot']['key_date']} {format_date(date, lang)}", fontsize=box.text_size + 1, fontweight="bold")
    wrap = box.caption_width if lang == "en" else box.caption_width * 3 // 5
    fig.text(*box.caption_at, textwrap.fill(caption["caption"], wrap), fontsize=box.text_size, va="top", linespacing=1.5)
    sources = "; ".join(dict.fromkeys(control["source"].iloc[0].split("; ")))
    fig.text(0.02, 0.035 if layout == "page" else 0.02, textwrap.fill(f"{t['ui']['credits']} {t['ui']['front_on']}: {sources}",
             150 if layout == "page" else 190), fontsize=7, va="top" if layout == "page" else "bottom", color="#333333")
    return fig


def render_snapshot(atlas: Atlas, date: str, stem: Path, lang: str = "en", dpi: int = DEFAULT_DPI,
                    layout: str = "page") -> list[Path]:
    """One picture of the situation on ``date``, written as ``stem``.png and ``stem``.svg."""
    written = []
    with plt.rc_context(_style_rc(lang)):
        fig = draw_situation(atlas, date, lang, layout, dpi)
        for suffix in (".png", ".svg"):
            path = stem.with_suffix(suffix)
            with replacing(path) as tmp:
                fig.savefig(tmp, format=suffix[1:], dpi=dpi,
                            metadata={"Date": None} if suffix == ".svg" else {"Software": None})
            written.append(path)
        plt.close(fig)
    return written


def snapshot_stem(name: str, lang: str, dpi: int, layout: str) -> str:
    """A file name for each kind of picture, so a print or slide run never overwrites the default one:
    ``stage-1``, ``stage-1-ko``, ``stage-1-300dpi``, ``stage-1-slide``."""
    usual = SLIDE_DPI if layout == "slide" else DEFAULT_DPI
    parts = [name, *([lang] if lang != "en" else []), *([layout] if layout != "page" else []),
             *([f"{dpi}dpi"] if dpi != usual else [])]
    return "-".join(parts)


def render_snapshots(atlas: Atlas, folder: Path, lang: str = "en", dpi: int = DEFAULT_DPI, date: str | None = None,
                     layout: str = "page") -> list[Path]:
    """``stage-1`` to ``stage-4`` at each stage's key date, or one picture for ``date``."""
    folder = Path(folder)
    if date is not None:
        date = checked_date(date, "snapshots --date", tuple(region()["date_range"]))
        return render_snapshot(atlas, date, folder / snapshot_stem(f"date-{date}", lang, dpi, layout), lang, dpi, layout)
    return [path for stage in stages() for path in
            render_snapshot(atlas, stage["key_date"], folder / snapshot_stem(f"stage-{stage['id']}", lang, dpi, layout),
                            lang, dpi, layout)]
