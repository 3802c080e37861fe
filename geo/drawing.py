"""Draw the situation on a date as the map shows it, on a matplotlib axes, from the drawn model: land and
sea, each side's territory (the Communist side hatched, so it reads in greyscale), every layer the map
shows that day in its catalogue style, movement arrows by side, numbered events (fanned out where they
crowd, with leaders), towns and key lines named, a scale bar in km and a north arrow. Snapshots, slides,
animation frames and the worksheet all draw with this, in the projected CRS so distances are true."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import matplotlib
import numpy as np
import shapely

matplotlib.use("Agg")
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.path import Path as MplPath

from .catalogue import region, styles
from .dates import side_name
from .map_text import EVENT_COLOUR, event_badges, place_names, scale_and_north
from .model import DrawnModel, shown_mask
from .process import projected


@dataclass(frozen=True)
class Projected:
    """The model in the projected CRS, projected once for every picture of a build: the ground as
    matplotlib paths, the layers as frames of the columns pictures read."""

    land: list[MplPath]  # the ground, as paths once: every picture draws it
    korea: list[MplPath]
    korea_outline: list[np.ndarray]  # the peninsula's coast, as line segments
    korea_shape: shapely.Geometry  # the peninsula as one prepared shape, to cut territory to
    layers: dict[str, gpd.GeoDataFrame]  # only the columns pictures read
    places: gpd.GeoDataFrame


# what draw_map, _draw_layer, event_badges and snapshots.sources_for read of a layer
DRAWN_COLUMNS = ["shown_from", "shown_until", "start", "side", "number", "name", "source", "geometry"]


def project(model: DrawnModel) -> Projected:
    korea = projected(model.korea).geometry
    shape = korea.union_all() if len(korea) > 1 else korea.iloc[0]
    shapely.prepare(shape)
    return Projected(
        land=_paths(projected(model.land).geometry.values),
        korea=_paths(korea.values),
        korea_outline=_segments(korea.boundary.values),
        korea_shape=shape,
        layers={
            k: projected(layer.features[[c for c in DRAWN_COLUMNS if c in layer.features.columns]])
            for k, layer in model.layers.items()
        },
        places=projected(model.places),
    )


def extent(bbox: list[float] | None = None) -> tuple[float, float, float, float]:
    """A [west, south, east, north] box (the snapshot extent by default) in projected metres."""
    west, south, east, north = bbox or region()["snapshot_extent"]
    corners = gpd.GeoSeries.from_xy([west, east, west, east], [south, north, north, south], crs=4326)
    return tuple(corners.to_crs(region()["projected_crs"]).total_bounds)


def _path(geometry: shapely.Geometry) -> MplPath | None:
    """A matplotlib path for a polygon or polygons, holes included (even-odd)."""
    rings = [r for p in getattr(geometry, "geoms", [geometry]) if p.geom_type == "Polygon" for r in (p.exterior, *p.interiors)]
    if not rings:
        return None
    return MplPath.make_compound_path(*(MplPath(np.asarray(r.coords)[:, :2], closed=True) for r in rings))


def _paths(shapes) -> list[MplPath]:
    return [p for p in (_path(g) for g in shapes if g is not None and not g.is_empty) if p is not None]


def _segments(shapes) -> list[np.ndarray]:
    return [
        np.asarray(part.coords)[:, :2]
        for g in shapes
        if g is not None and not g.is_empty
        for part in getattr(g, "geoms", [g])
        if part.geom_type in ("LineString", "LinearRing")
    ]


def _add_paths(ax, paths: list[MplPath], zorder: float, **style) -> None:
    if paths:
        ax.add_collection(PathCollection(paths, zorder=zorder, **style))


def _add_segments(ax, segments: list[np.ndarray], zorder: float, **style) -> None:
    if segments:
        ax.add_collection(LineCollection(segments, zorder=zorder, **style))


def _fill(ax, shapes, zorder: float, **style) -> None:
    _add_paths(ax, _paths(shapes), zorder, **style)


def _lines(ax, shapes, zorder: float, **style) -> None:
    _add_segments(ax, _segments(shapes), zorder, **style)


def _dashes(style: dict) -> object:
    return (0, [float(v) for v in style["dashArray"].split()]) if style.get("dashArray") else "solid"


def draw_map(ax, model: DrawnModel, proj: Projected, date: str, box: tuple[float, float, float, float], text_size: float) -> dict:
    """Draw ``date`` on ``ax`` within ``box`` (projected metres), framed, with a scale bar and a north arrow.
    Returns what was drawn: legend handles and the numbered events shown."""
    sides, base = styles()["sides"], styles()["basemap"]
    ax.set_facecolor(base["sea"])
    _add_paths(ax, proj.land, 1, facecolor=base["land"], edgecolor=base["coast"], linewidth=0.4)
    _add_paths(ax, proj.korea, 1.5, facecolor=base["korea"], edgecolor="none")
    handles, events = [], None
    s = model.situation(date)
    for layer_id, layer in model.layers.items():
        frame = proj.layers[layer_id]
        shown = shown_mask(frame, date)
        if layer.role == "territory":
            shown &= frame["start"].to_numpy() == s["version"]
            shapes_of, side_of = np.asarray(frame.geometry.values), frame["side"].to_numpy()
            for side in ("un", "communist"):
                held = _paths(shapely.intersection(shapes_of[shown & (side_of == side)], proj.korea_shape))
                _add_paths(ax, held, 2, facecolor=sides[side]["fill"], alpha=0.38, edgecolor="none")
                if sides[side]["hatch"]:
                    _add_paths(
                        ax, held, 2.1, facecolor="none", edgecolor=sides[side]["fill"], hatch=sides[side]["hatch"], linewidth=0
                    )
                share = model.versions.iloc[s["index"]][side]
                handles.append(
                    Patch(
                        facecolor=sides[side]["fill"],
                        alpha=0.5,
                        hatch=sides[side]["hatch"],
                        edgecolor=sides[side]["fill"],
                        label=f"{side_name(side, date, model.lang)} ({share:.0f}%)",
                    )
                )
            _add_segments(ax, proj.korea_outline, 2.5, colors=base["coast"], linewidths=0.5)
            continue
        if layer.role == "places" or not shown.any():
            continue
        if layer.role == "events":
            events = frame[shown]
            continue
        handles += _draw_layer(ax, layer, frame[shown], model, date)
    x0, y0, x1, y1 = box
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.apply_aspect()  # names are placed where they are drawn: the axes in their final shape
    # the map's frame, unclipped: on the axes' edge a clipped line lost its outer half, at some sizes all of it
    ax.add_patch(
        Rectangle(
            (0, 0), 1, 1, transform=ax.transAxes, facecolor="none", edgecolor="#666666", linewidth=0.8, zorder=50, clip_on=False
        )
    )
    furniture = scale_and_north(ax, model.texts["snapshot"], text_size)
    numbered, badges = event_badges(ax, events, text_size, box) if events is not None else ([], [])
    place_names(ax, proj.places, model.lang, text_size, box, avoid=[*badges, *furniture])
    if numbered:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markerfacecolor=EVENT_COLOUR,
                markeredgecolor="#000000",
                markersize=10,
                label=model.layers[model.role("events").id].title,
            )
        )
    return {"handles": handles, "events": numbered}


def _draw_layer(ax, layer, frame: gpd.GeoDataFrame, model: DrawnModel, date: str) -> list:
    """One layer's features in its catalogue style; its legend handles."""
    style, symbol, zorder = (
        layer.entry["style"],
        layer.symbol,
        {"areas": 3, "arrows": 3.5, "lines": 4, "key": 4.5}.get(layer.entry.get("pane"), 5),
    )
    colour, fill = style.get("color", "#000000"), style.get("fillColor", style.get("color", "#000000"))
    shapes = np.asarray(frame.geometry.values)
    kinds = shapely.get_type_id(shapes)
    areas, lines, points = (
        shapes[np.isin(kinds, (3, 6))],  # polygons, multipolygons
        shapes[np.isin(kinds, (1, 5))],  # lines, multilines
        shapes[np.isin(kinds, (0, 4))],  # points, multipoints
    )
    handles = []
    if layer.role == "movements":
        side_of = frame["side"].to_numpy()[np.isin(kinds, (3, 6))]
        for side in sorted({v for v in side_of if isinstance(v, str)}):
            c = styles()["sides"].get(side, {"fill": fill})["fill"]
            _fill(ax, areas[side_of == side], zorder, facecolor=c, alpha=0.75, edgecolor="#1a1a1a", linewidth=0.4)
            handles.append(
                Patch(facecolor=c, alpha=0.75, edgecolor="#1a1a1a", label=f"{layer.title}: {side_name(side, date, model.lang)}")
            )
        return handles
    if len(areas):
        if symbol == "outline":
            _lines(ax, shapely.boundary(areas), zorder, colors=colour, linewidths=2.2)
        else:
            _fill(
                ax,
                areas,
                zorder,
                facecolor=fill,
                alpha=max(0.3, style.get("fillOpacity", 0.3)),
                edgecolor=colour,
                linewidth=1,
            )
    if len(lines):
        _lines(
            ax,
            lines,
            zorder,
            colors=colour,
            linewidths=style.get("weight", 2) * 0.8,
            linestyles=_dashes(style),
            alpha=style.get("opacity", 1),
        )
    if len(points):
        xy = shapely.get_coordinates(points)
        ax.scatter(
            xy[:, 0], xy[:, 1], s=layer.entry.get("radius", 6) * 9, c=fill, edgecolors=colour, linewidths=1, zorder=zorder + 1
        )
    if symbol is not None:
        handles.append(legend_handle(symbol, style, layer.title))
    return handles


def legend_handle(symbol: str, style: dict, label: str) -> object:
    colour, fill = style.get("color", "#000000"), style.get("fillColor", style.get("color", "#000000"))
    if symbol == "point":
        return Line2D(
            [], [], marker="o", linestyle="none", markerfacecolor=fill, markeredgecolor=colour, markersize=8, label=label
        )
    if symbol == "outline":
        return Line2D([], [], color=colour, linewidth=2.2, label=label)
    if symbol == "area":
        return Patch(facecolor=fill, alpha=0.5, edgecolor=colour, label=label)
    return Line2D(
        [],
        [],
        color=colour,
        linewidth=style.get("weight", 2) * 0.8,
        linestyle=_dashes(style),
        alpha=style.get("opacity", 1),
        label=label,
    )
