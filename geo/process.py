"""Process validated layers with geopandas and shapely: measure lines and areas, clip polygons to land,
draw assault arrowheads and lighten the land for the web. Lengths and areas are computed in the
projected CRS of ``region.json`` (EPSG:5179, Korea 2000 unified); layers stay in EPSG:4326 for
drawing. Territory is :mod:`geo.territory`'s."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .catalogue import region
from .errors import AtlasError


def projected(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame.to_crs(region()["projected_crs"])


def merged(frame: gpd.GeoDataFrame) -> shapely.Geometry:
    """One prepared geometry for a land layer (a one-row layer is used as is: re-uniting the islands
    of a multipolygon is slow and changes nothing)."""
    shape = frame.geometry.values[0] if len(frame) == 1 else frame.union_all()
    shapely.prepare(shape)
    return shape


def clip_to_land(frame: gpd.GeoDataFrame, land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Polygons cut to the coastline (areas are drawn and measured on land only); other shapes unchanged."""
    frame = frame.copy()
    is_area = frame.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()
    frame.loc[is_area, "geometry"] = shapely.intersection(frame.geometry.values[is_area], merged(land))
    return frame


def measure(
    layers: dict[str, gpd.GeoDataFrame], korea: gpd.GeoDataFrame, places: gpd.GeoDataFrame, entries: dict[str, dict]
) -> dict[str, gpd.GeoDataFrame]:
    """Add the figures popups show: length of lines and of land fronts, area of land polygons, and for
    a layer whose catalogue entry names a place in ``distance_to``, each point's distance to it."""
    land = merged(projected(korea))
    out = {}
    for layer_id, frame in layers.items():
        metric = projected(frame)
        lines = metric.geom_type.str.contains("LineString")
        areas = metric.geom_type.str.contains("Polygon")
        frame = frame.copy()
        frame["length_km"] = np.where(lines, metric.length / 1000, np.nan)
        # a polygon's length is its front on land: the outline minus the stretches out at sea
        frame.loc[areas, "length_km"] = shapely.length(shapely.intersection(metric.boundary[areas].values, land)) / 1000
        frame["area_km2"] = np.nan
        frame.loc[areas, "area_km2"] = shapely.area(shapely.intersection(metric.geometry[areas].values, land)) / 1e6
        target = entries[layer_id].get("distance_to")
        if target is not None:
            place = projected(places[places["name"] == target]).geometry
            if place.empty:
                raise AtlasError(f"base/places.geojson in the layers folder: no place named {target!r}")
            points = frame.geom_type == "Point"
            frame["distance_to_km"] = np.nan
            frame.loc[points, "distance_to_km"] = metric[points].distance(place.iloc[0]).to_numpy() / 1000
        out[layer_id] = frame
    return out


def simplify_for_web(frame: gpd.GeoDataFrame, tolerance: str = "simplify_m") -> gpd.GeoDataFrame:
    """Land shapes light enough for a browser: islands under ``min_island_km2`` dropped and outlines
    simplified to the ``tolerance`` setting of ``region.json`` (the map's zooms never show finer)."""
    web = region()["web"]
    metric = projected(frame)
    # simplify each row whole, so its islands keep clear of one another, then drop the small ones
    simple = shapely.simplify(metric.geometry.values, web[tolerance], preserve_topology=True)
    parts, row = shapely.get_parts(simple, return_index=True)
    keep = shapely.area(parts) >= web["min_island_km2"] * 1e6
    kept_rows, position = np.unique(row[keep], return_inverse=True)
    shapes = shapely.multipolygons(parts[keep], indices=position)
    return gpd.GeoDataFrame(metric.drop(columns="geometry").iloc[kept_rows], geometry=shapes, crs=metric.crs).to_crs("EPSG:4326")


def with_arrowheads(frame: gpd.GeoDataFrame, size_m: float = 6000) -> gpd.GeoDataFrame:
    """Add a triangular head at the end of every line whose ``arrow`` property is true (an assault route)."""
    if "arrow" not in frame.columns:
        return frame
    arrows = frame[(frame["arrow"] == True) & (frame.geom_type == "LineString")]  # noqa: E712  (column may hold None)
    if arrows.empty:
        return frame
    metric = projected(arrows).geometry
    tip = shapely.get_coordinates(shapely.get_point(metric.values, -1))
    back = shapely.get_coordinates(shapely.get_point(metric.values, -2))
    unit = (tip - back) / np.linalg.norm(tip - back, axis=1, keepdims=True)
    normal = np.stack([-unit[:, 1], unit[:, 0]], axis=1)
    base = tip - unit * size_m
    rings = np.stack([tip, base + normal * size_m / 2, base - normal * size_m / 2, tip], axis=1)
    heads = gpd.GeoDataFrame(
        arrows.drop(columns="geometry"), geometry=shapely.polygons(rings), crs=region()["projected_crs"]
    ).to_crs(frame.crs)
    return pd.concat([frame, heads], ignore_index=True)


ARROW_BODY_KM = {1: 15.0, 2: 10.0}  # half-widths at the head's base, by rank (1: a main thrust)


def tapered_arrows(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Each movement's route (a LineString, tail to tip) as a tapered arrow, the way campaign atlases
    draw offensives: narrow at the tail, widening along the route, with a head a quarter as long as the
    route (at most 40 km). Built in the projected CRS, returned in EPSG:4326; other columns kept."""
    metric = projected(frame)
    arrows = []
    for line, rank in zip(metric.geometry.values, frame.get("rank", pd.Series(2, index=frame.index)).fillna(2)):
        body = ARROW_BODY_KM.get(int(rank), ARROW_BODY_KM[2]) * 1000
        length = line.length
        head = min(0.3 * length, 60_000.0, 4 * body)
        stops = np.linspace(0, length - head, 24)
        points = shapely.get_coordinates(shapely.line_interpolate_point(line, stops))
        ahead = shapely.get_coordinates(shapely.line_interpolate_point(line, np.minimum(stops + 500, length)))
        direction = ahead - points
        direction /= np.linalg.norm(direction, axis=1, keepdims=True)
        normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
        half = (0.35 + 0.65 * stops / max(stops[-1], 1))[:, None] * body * 0.55
        tip = shapely.get_coordinates(shapely.line_interpolate_point(line, length))[0]
        base, n = points[-1], normal[-1]
        ring = np.concatenate([points + normal * half, [base + n * body, tip, base - n * body], (points - normal * half)[::-1]])
        arrows.append(shapely.make_valid(shapely.Polygon(ring)).buffer(0))
    return gpd.GeoDataFrame(frame.drop(columns="geometry"), geometry=arrows, crs=metric.crs).to_crs("EPSG:4326")
