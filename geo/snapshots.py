"""Render stage snapshots for slides and handouts with matplotlib, from the same GeoDataFrames as
the HTML map: one PNG and one SVG per stage (or for any date), in a projected CRS so the scale bar
is true."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from matplotlib import font_manager  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar  # noqa: E402

from .catalogue import checked_date, format_date, region, stage_for, stages, styles, texts  # noqa: E402
from .output import replacing  # noqa: E402
from .pipeline import Atlas  # noqa: E402
from .process import control_at, previous_fronts, projected  # noqa: E402

SIZE_IN = (10, 12.5)


def _korean_font() -> str:
    """Register NanumGothic and return its family name. The koreanize-matplotlib package ships the
    font; it is found without importing the package, which would restyle every plot."""
    folder = importlib.util.find_spec("koreanize_matplotlib").submodule_search_locations[0]
    path = str(Path(folder) / "fonts" / "NanumGothic.ttf")
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def _visible(frame: gpd.GeoDataFrame, date: str) -> gpd.GeoDataFrame:
    return frame[(frame["start"] <= date) & (frame["end"].isna() | (frame["end"] >= date))]


def _style_rc(lang: str) -> dict:
    family = [_korean_font(), "DejaVu Sans"] if lang == "ko" else ["DejaVu Sans"]
    return {"font.family": family, "svg.hashsalt": "korean-war-atlas", "svg.fonttype": "none", "hatch.linewidth": 0.6,
            "axes.unicode_minus": False, "text.parse_math": False}  # text from data is never TeX


def render_snapshot(atlas: Atlas, date: str, stem: Path, lang: str = "en", dpi: int = 160) -> list[Path]:
    """One picture of the situation on ``date``: territory, front, layers and events then, with title,
    legend, scale bar, north arrow and credits. Writes ``stem``.png and ``stem``.svg."""
    t = texts(lang)
    style, sides, base = styles()["layers"], styles()["sides"], styles()["basemap"]
    stage = stage_for(date)
    caption = t["stages"][str(stage["id"])]
    with plt.rc_context(_style_rc(lang)):
        fig = plt.figure(figsize=SIZE_IN, dpi=dpi)
        ax = fig.add_axes((0.02, 0.1, 0.6, 0.78))
        west, south, east, north = region()["snapshot_extent"]
        frame = gpd.GeoSeries.from_xy([west, east], [south, north], crs=4326)
        x0, y0, x1, y1 = projected(gpd.GeoDataFrame(geometry=frame)).total_bounds
        ax.set_facecolor(base["sea"])
        projected(atlas.land).plot(ax=ax, color=base["land"], edgecolor=base["coast"], linewidth=0.4)

        version = control_at(atlas.control, gpd.pd.Series([date]))[0]
        control = projected(atlas.control[atlas.control["start"] == version])
        for side in ("un", "communist"):
            part = control[(control["side"] == side) & ~control.is_empty]
            part.plot(ax=ax, facecolor=sides[side]["fill"], alpha=0.38, edgecolor="none")
            if sides[side]["hatch"]:
                part.plot(ax=ax, facecolor="none", edgecolor=sides[side]["fill"], hatch=sides[side]["hatch"], linewidth=0)
        projected(atlas.korea).boundary.plot(ax=ax, color=base["coast"], linewidth=0.5)

        handles = [Patch(facecolor=sides[s]["fill"], alpha=0.5, hatch=sides[s]["hatch"], edgecolor=sides[s]["fill"],
                         label=f"{t['sides'][s]} ({control.loc[control['side'] == s, 'share'].iloc[0]:.0f}%)") for s in ("un", "communist")]

        def line_layer(frame: gpd.GeoDataFrame, layer_id: str, zorder: int) -> None:
            shown = _visible(frame, date)
            if shown.empty:
                return
            s = style[layer_id]
            dashes = (0, [float(v) for v in s["dashArray"].split()]) if s.get("dashArray") else "solid"
            projected(shown).plot(ax=ax, color=s["color"], linewidth=s["weight"] * 0.8, linestyle=dashes,
                                  alpha=s.get("opacity", 1), zorder=zorder)
            handles.append(Line2D([], [], color=s["color"], linewidth=s["weight"] * 0.8, linestyle=dashes,
                                  alpha=s.get("opacity", 1), label=t["layers"].get(layer_id, layer_id)))

        layers = atlas.layers
        perimeter = _visible(layers["pusan_perimeter"], date) if "pusan_perimeter" in layers else gpd.GeoDataFrame()
        if not perimeter.empty:
            s = style["pusan_perimeter"]
            projected(perimeter).boundary.plot(ax=ax, color=s["color"], linewidth=2.2, zorder=4)
            handles.append(Line2D([], [], color=s["color"], linewidth=2.2, label=t["layers"]["pusan_perimeter"]))
        for layer_id in ("parallel_38", "yalu_river", "armistice_line"):
            if layer_id in layers:
                line_layer(layers[layer_id], layer_id, 5)
        line_layer(previous_fronts(atlas.fronts), "previous_front", 6)
        line_layer(atlas.fronts, "front_lines", 7)

        for layer_id in ("inchon_landing", "events"):
            if layer_id not in layers:
                continue
            shown = projected(_visible(layers[layer_id], date))
            if layer_id == "events":
                shown = shown[shown["start"] >= stage["start"]]
            points = shown[shown.geom_type == "Point"]
            if points.empty:
                continue
            s = style[layer_id]
            points.plot(ax=ax, color=s["fillColor"], edgecolor=s["color"], markersize=s["radius"] * 9, linewidth=1, zorder=8)
            routes = shown[shown.geom_type != "Point"]
            if not routes.empty:
                routes.plot(ax=ax, color=s["color"], linewidth=2, zorder=8)
            handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor=s["fillColor"],
                                  markeredgecolor=s["color"], markersize=8, label=t["layers"][layer_id]))

        places = projected(atlas.places[atlas.places["rank"] == 1])
        for row in places.itertuples():
            label = row.name_ko if lang == "ko" else row.name + (f" ({row.name_today})" if row.name_today != row.name else "")
            left = getattr(row, "label_side", None) == "left"
            ax.plot(row.geometry.x, row.geometry.y, "o", color="#1a1a1a", markersize=3, zorder=9)
            ax.annotate(label, (row.geometry.x, row.geometry.y), xytext=(-5 if left else 5, 3), textcoords="offset points",
                        ha="right" if left else "left", fontsize=9, zorder=9,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8, "linewidth": 0})

        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.add_patch(plt.Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor="none", edgecolor="#666666", linewidth=0.8, zorder=10))
        ax.add_artist(AnchoredSizeBar(ax.transData, 100_000, f"100 {t['snapshot']['scale']}", "lower right", pad=0.6,
                                      size_vertical=2500, frameon=True, borderpad=0.8))
        ax.annotate(t["snapshot"]["north"], xy=(0.94, 0.95), xytext=(0.94, 0.87), xycoords="axes fraction",
                    ha="center", va="center", fontsize=14, fontweight="bold",
                    arrowprops={"arrowstyle": "-|>", "color": "#1a1a1a", "linewidth": 2})
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.03, 1.0), fontsize=10, frameon=False,
                  title=t["ui"]["legend"], title_fontproperties={"weight": "bold", "size": 12}, alignment="left")

        fig.suptitle(f"{t['ui']['stage']} {stage['id']}: {caption['title']}", x=0.02, y=0.975, ha="left",
                     fontsize=20, fontweight="bold")
        fig.text(0.02, 0.925, f"{format_date(stage['start'], lang)} – {format_date(stage['end'], lang)}   ·   "
                 f"{t['snapshot']['key_date']} {format_date(date, lang)}", fontsize=12)
        fig.text(0.645, 0.45, textwrap.fill(caption["caption"], 44 if lang == "en" else 26), fontsize=11, va="top",
                 linespacing=1.5)
        sources = "; ".join(dict.fromkeys(control["source"].iloc[0].split("; ")))
        fig.text(0.02, 0.035, textwrap.fill(f"{t['ui']['credits']} {t['ui']['front_on']}: {sources}", 150),
                 fontsize=7, va="top", color="#333333")
        written = []
        for suffix in (".png", ".svg"):
            path = stem.with_suffix(suffix)
            with replacing(path) as tmp:
                fig.savefig(tmp, format=suffix[1:], dpi=dpi,
                            metadata={"Date": None} if suffix == ".svg" else {"Software": None})
            written.append(path)
        plt.close(fig)
    return written


def render_snapshots(atlas: Atlas, folder: Path, lang: str = "en", dpi: int = 160, date: str | None = None) -> list[Path]:
    """``stage-1`` to ``stage-4`` at each stage's key date, or one picture for ``date``."""
    folder = Path(folder)
    if date is not None:
        date = checked_date(date, "snapshots --date", tuple(region()["date_range"]))
        return render_snapshot(atlas, date, folder / f"date-{date}", lang, dpi)
    suffix = "" if lang == "en" else f"-{lang}"
    return [path for stage in stages()
            for path in render_snapshot(atlas, stage["key_date"], folder / f"stage-{stage['id']}{suffix}", lang, dpi)]
