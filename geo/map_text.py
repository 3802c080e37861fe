"""What is written on a matplotlib map: place names, numbered event badges kept apart with leaders, a
scale bar in km and a north arrow. Shared by snapshots, slides, the handout and the animation."""

from __future__ import annotations

import itertools
import math

import geopandas as gpd
import numpy as np
from matplotlib.patches import BoxStyle
from matplotlib.transforms import Bbox

EVENT_COLOUR = "#E69F00"
ZOOM_6_HALF_HEIGHT_KM = 520  # half the height the page shows at zoom 6 (the whole peninsula); it halves per zoom level
DETAIL_VIEW_KM = 700  # views this tall or less (zoom 7, 520 km, or closer): the page names second-rank places there


def place_names(ax, places: gpd.GeoDataFrame, lang: str, text_size: float, box, avoid: list[Bbox]) -> None:
    """The first-rank places inside ``box`` (and the second-rank ones in a view the page would show at
    zoom 7 or closer, as the page does), the most important first, each named beside its dot: its
    catalogue side first, then the other; above, then below; close, then 16 points away; wherever the
    name first covers nothing of what ``avoid`` holds (the events' badges, the scale bar and the north
    arrow, in display pixels), no other name or dot, and lies wholly on the map. A place with no such
    spot keeps its dot unnamed."""
    x0, y0, x1, y1 = box
    named = places[places["rank"] <= (2 if y1 - y0 <= DETAIL_VIEW_KM * 1000 else 1)].sort_values("rank", kind="stable")
    inside = named[named.geometry.x.between(x0, x1, inclusive="neither") & named.geometry.y.between(y0, y1, inclusive="neither")]
    ax.plot(inside.geometry.x, inside.geometry.y, "o", linestyle="none", color="#1a1a1a", markersize=3, zorder=39.9)
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    dot = renderer.points_to_pixels(3) / 2
    dots = ax.transData.transform(np.column_stack([inside.geometry.x, inside.geometry.y]).reshape(-1, 2))
    taken = [*avoid, *(Bbox.from_extents(u - dot, v - dot, u + dot, v + dot) for u, v in dots)]
    for row in inside.itertuples():
        x, y = row.geometry.x, row.geometry.y
        label = row.name_ko if lang == "ko" else row.name + (f" ({row.name_today})" if row.name_today != row.name else "")
        first_left = getattr(row, "label_side", None) == "left"
        for away, up, left in itertools.product((5, 16), (3, -13), (first_left, not first_left)):
            name = ax.annotate(
                label,
                (x, y),
                xytext=(-away if left else away, up),
                textcoords="offset points",
                ha="right" if left else "left",
                fontsize=text_size - 2,
                zorder=40,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8, "linewidth": 0},
            )
            extent = _drawn_extent(name, renderer)
            on_map = frame.x0 <= extent.x0 and extent.x1 <= frame.x1 and frame.y0 <= extent.y0 and extent.y1 <= frame.y1
            if on_map and not any(extent.overlaps(t) for t in taken):
                taken.append(extent)
                break
            name.remove()


def _drawn_extent(text, renderer) -> Bbox:
    """Where a text and the box drawn round it (a badge's circle, a name's white box) cover the figure,
    in display pixels: matplotlib pads the text's extent by the box style's pad, in font sizes."""
    extent = text.get_window_extent(renderer)
    style = text.get_bbox_patch().get_boxstyle()
    pad = style.pad * renderer.points_to_pixels(text.get_fontsize())
    if isinstance(style, BoxStyle.Circle):
        r = max(extent.width, extent.height) / 2 + pad
        (x, y) = extent.x0 + extent.width / 2, extent.y0 + extent.height / 2
        return Bbox.from_extents(x - r, y - r, x + r, y + r)
    return extent.padded(pad)


def event_badges(ax, events: gpd.GeoDataFrame, text_size: float, box) -> tuple[list[dict], list[Bbox]]:
    """Numbered badges on the events inside ``box`` (the axes' limits), moved round their place with a
    leader where badges would touch: the events numbered, and where their badges are drawn (display
    pixels)."""
    x0, y0, x1, y1 = box
    events = events[events.geometry.x.between(x0, x1) & events.geometry.y.between(y0, y1)]
    if events.empty:
        return [], []
    renderer = ax.figure.canvas.get_renderer()
    style = {
        "ha": "center",
        "va": "center",
        "fontsize": text_size - 3,
        "fontweight": "bold",
        "zorder": 46,
        "bbox": {"boxstyle": "circle,pad=0.25", "facecolor": EVENT_COLOUR, "edgecolor": "#000000", "linewidth": 1},
    }
    widest = ax.annotate(str(events["number"].max()), (box[0], box[1]), **style)
    per_pixel = (box[2] - box[0]) / ax.get_window_extent(renderer).width
    unit = 1.1 * per_pixel * _drawn_extent(widest, renderer).width  # a badge's width on the map, and a little room
    widest.remove()
    placed: list[tuple[float, float]] = []
    out, boxes = [], []
    for row in events.sort_values("number").itertuples():
        x, y = row.geometry.x, row.geometry.y
        spot = _free_spot((x, y), placed, unit)
        placed.append(spot)
        if spot != (x, y):
            ax.plot([x, spot[0]], [y, spot[1]], color="#1a1a1a", linewidth=0.8, zorder=44)
            ax.plot(x, y, "o", color="#1a1a1a", markersize=2.5, zorder=44)
        badge = ax.annotate(str(row.number), spot, **style)
        out.append({"number": int(row.number), "name": row.name, "start": row.start})
        boxes.append(_drawn_extent(badge, renderer))
    return out, boxes


RING_ANGLES = np.linspace(math.pi / 2, math.pi / 2 + 2 * math.pi, 9)[:-1]  # upwards first, then round


def _free_spot(at: tuple[float, float], placed: list[tuple[float, float]], unit: float) -> tuple[float, float]:
    """The event's own place if no badge lies within ``unit`` of it, else the first such spot on rings
    round it, one badge wider each; the roomiest of them all if none is free."""
    x, y = at
    tries = [at, *((x + ring * unit * math.cos(a), y + ring * unit * math.sin(a)) for ring in range(1, 5) for a in RING_ANGLES)]
    room = [min((math.dist(p, q) for q in placed), default=math.inf) for p in tries]
    return next((p for p, r in zip(tries, room) if r >= unit), tries[int(np.argmax(room))])


def scale_and_north(ax, labels: dict, text_size: float) -> list[Bbox]:
    """A scale bar in km (a round length about a quarter of the map's width) and a north arrow (true in
    the projected CRS); where they are drawn (display pixels)."""
    from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

    x0, x1 = ax.get_xlim()
    km = max(k for k in (5, 10, 20, 50, 100, 200, 500) if k * 1000 <= 0.3 * (x1 - x0) or k == 5)
    bar = ax.add_artist(
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
    north = ax.annotate(
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
    renderer = ax.figure.canvas.get_renderer()
    return [bar.get_window_extent(renderer), north.get_window_extent(renderer)]
