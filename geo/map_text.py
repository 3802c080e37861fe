"""What is written on a matplotlib map: place names, numbered event badges kept apart with leaders, a
scale bar in km and a north arrow. Shared by snapshots, slides, the handout and the animation."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np

EVENT_COLOUR = "#E69F00"


def _per_point(ax) -> float:
    """Metres of the map per typographic point on the figure."""
    x0, x1 = ax.get_xlim()
    width_pt = ax.get_window_extent().width * 72 / ax.figure.dpi
    return (x1 - x0) / width_pt


def place_names(ax, places: gpd.GeoDataFrame, lang: str, text_size: float, box) -> None:
    """The first-rank places inside ``box``, each labelled on its catalogue side."""
    x0, y0, x1, y1 = box
    first = places[places["rank"] == 1]
    inside = first[first.geometry.x.between(x0, x1, inclusive="neither") & first.geometry.y.between(y0, y1, inclusive="neither")]
    ax.plot(inside.geometry.x, inside.geometry.y, "o", linestyle="none", color="#1a1a1a", markersize=3, zorder=39.9)
    for row in inside.itertuples():
        x, y = row.geometry.x, row.geometry.y
        label = row.name_ko if lang == "ko" else row.name + (f" ({row.name_today})" if row.name_today != row.name else "")
        left = getattr(row, "label_side", None) == "left"
        ax.annotate(
            label,
            (x, y),
            xytext=(-5 if left else 5, 3),
            textcoords="offset points",
            ha="right" if left else "left",
            fontsize=text_size - 2,
            zorder=40,
            annotation_clip=True,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8, "linewidth": 0},
        )


def event_badges(ax, events: gpd.GeoDataFrame, text_size: float, box) -> list[dict]:
    """Numbered badges on the events, moved round their place with a leader where badges would touch."""
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])
    unit = _per_point(ax) * (text_size + 6)  # a badge's width on the map
    placed: list[tuple[float, float]] = []
    out = []
    for row in events.sort_values("number").itertuples():
        x, y = row.geometry.x, row.geometry.y
        spot = (x, y)
        for ring in range(0, 5):
            tries = (
                [(x, y)]
                if ring == 0
                else [
                    (x + ring * unit * math.cos(a), y + ring * unit * math.sin(a))
                    for a in np.linspace(math.pi / 2, math.pi / 2 + 2 * math.pi, 9)[:-1]
                ]
            )
            free = [p for p in tries if all(math.dist(p, q) >= unit for q in placed)]
            if free:
                spot = free[0]
                break
        placed.append(spot)
        if spot != (x, y):
            ax.plot([x, spot[0]], [y, spot[1]], color="#1a1a1a", linewidth=0.8, zorder=44)
            ax.plot(x, y, "o", color="#1a1a1a", markersize=2.5, zorder=44)
        ax.annotate(
            str(row.number),
            spot,
            ha="center",
            va="center",
            fontsize=text_size - 3,
            fontweight="bold",
            zorder=46,
            bbox={"boxstyle": "circle,pad=0.25", "facecolor": EVENT_COLOUR, "edgecolor": "#000000", "linewidth": 1},
        )
        out.append({"number": int(row.number), "name": row.name, "start": row.start})
    return out


def scale_and_north(ax, labels: dict, text_size: float) -> None:
    """A scale bar in km (a round length about a quarter of the map's width) and a north arrow (true in
    the projected CRS)."""
    from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

    x0, x1 = ax.get_xlim()
    km = max(k for k in (5, 10, 20, 50, 100, 200, 500) if k * 1000 <= 0.3 * (x1 - x0) or k == 5)
    ax.add_artist(
        AnchoredSizeBar(
            ax.transData,
            km * 1000,
            f"{km} {labels['scale']}",
            "lower right",
            pad=0.6,
            size_vertical=km * 25,
            frameon=True,
            borderpad=0.8,
            fontproperties={"size": text_size - 2},
        )
    )
    ax.annotate(
        labels["north"],
        xy=(0.94, 0.95),
        xytext=(0.94, 0.87),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=text_size + 2,
        fontweight="bold",
        arrowprops={"arrowstyle": "-|>", "color": "#1a1a1a", "linewidth": 2},
    )
