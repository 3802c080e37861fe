"""Splitting the land by a front line: which side of a line drawn coast to coast (its ends carried
out to the frame of the region) lay to the north, whichever way the line was walked."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

from .errors import FeatureError

COAST_SLACK_DEG = 0.01  # a line drawn to the coastline, not beyond it, still cuts the land


def sea_extensions(line: LineString, frame: tuple[float, float, float, float], coast) -> tuple[LineString, LineString]:
    """How a front line's two ends reach the frame: an end drawn out to sea goes on along its last
    segment; an end that stops on the coastline (the parallel, the armistice line) goes straight west or
    east. Islands those extensions pass are held by a side of their own (``kind: held``), never swept."""
    box = shapely.box(*frame)
    coords = np.asarray(line.coords)

    def ray(tip: np.ndarray, before: np.ndarray, outward: float) -> LineString:
        if shapely.distance(shapely.Point(tip), coast) <= COAST_SLACK_DEG:
            direction = np.array([outward, 0.0])
        else:
            direction = (tip - before) / np.linalg.norm(tip - before)
        exit_at = shapely.intersection(LineString([tip, tip + direction * 1e3]), box.exterior).coords[0]
        return LineString([tip, exit_at])

    return ray(coords[0], coords[1], -1.0), ray(coords[-1], coords[-2], 1.0)


def north_side(line: LineString, frame: tuple[float, float, float, float], coast) -> Polygon:
    """The area left of a front line walked west to east (or from the south coast round to the east
    coast), its ends carried to the frame by :func:`sea_extensions`, the ring then closed
    counter-clockwise round the frame."""
    west, south, east, north = frame
    coords = np.asarray(line.coords)

    def ccw_position(p: np.ndarray) -> float:  # distance along the frame, counter-clockwise from south-west
        width, height = east - west, north - south
        x, y = p
        if np.isclose(y, south):
            return x - west
        if np.isclose(x, east):
            return width + y - south
        if np.isclose(y, north):
            return width + height + east - x
        return 2 * width + height + north - y

    start, end = (np.asarray(ray.coords[-1]) for ray in sea_extensions(line, frame, coast))
    corners = [(west, south), (east, south), (east, north), (west, north)]
    perimeter = 2 * ((east - west) + (north - south))
    a, b = ccw_position(end), ccw_position(start)
    span = (b - a) % perimeter
    walk = sorted(((ccw_position(np.array(c)) - a) % perimeter, c) for c in corners)
    ring = [tuple(start), *map(tuple, coords), tuple(end)] + [c for d, c in walk if 0 < d < span]
    return Polygon(ring)


def communist_side(
    line: LineString, frame: tuple[float, float, float, float], coast, layer_id: str = "front_lines", name: str = ""
) -> Polygon:
    """The side of a front line away from the south: :func:`north_side` of the line as drawn or, if the
    line was drawn east to west, of the line reversed. The communist side always reaches the frame's
    northern edge (Manchuria) and never its southern edge (the Korea Strait), whichever way the line
    was walked, so a reversed file can never silently swap who held what."""
    west, south, east, north = frame
    top, bottom = shapely.Point((west + east) / 2, north - 1e-6), shapely.Point((west + east) / 2, south + 1e-6)
    for candidate in (line, line.reverse()):
        side = north_side(candidate, frame, coast)
        if side.is_valid and side.contains(top) and not side.contains(bottom):
            return side
    raise FeatureError(
        layer_id,
        name,
        "the line must run from coast to coast without crossing itself or doubling "
        "back, with the north on one side and the south on the other",
    )
