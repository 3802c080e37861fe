"""The page's compact geometry store: every shape of the map sent once. Coordinates are quantised to the
web precision of ``region.json`` (integers), lines and rings are cut into arcs where shapes meet (as
TopoJSON does), each arc is stored once, and arcs are written as delta-encoded polyline strings. A
front, the territory cut by it and the faded previous front share their coordinates.
``geo/assets/slider/store.js`` decodes it (the same format, read by a small function of our own).

A geometry reference is ``[kind, data]``: ``"P"`` a point ``[x, y]``; ``"MP"`` points; ``"L"`` a line
(arc ids); ``"ML"`` lines; ``"A"`` a polygon (rings of arc ids); ``"MA"`` polygons. Arc id ``~i``
(``-i - 1``) is arc ``i`` walked backwards."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely

Point = tuple[int, int]


@dataclass(frozen=True)
class Store:
    scale: int  # quantised coordinate = round(degrees * scale)
    arcs: list[str]  # polyline-encoded arcs (x then y, deltas after the first point)
    refs: list[list | None]  # one reference per geometry given, None for an empty one


def encode_store(geometries: Sequence[shapely.Geometry | None], precision_deg: float) -> Store:
    """Quantise ``geometries`` (EPSG:4326) and store them as shared arcs."""
    scale = round(1 / precision_deg)
    parts = [_quantised(g, scale) for g in geometries]
    sequences = [seq for kind, data in parts if kind in ("L", "ML", "A", "MA") for seq in _sequences(kind, data)]
    junctions = _junctions(sequences)
    arcs: list[tuple[Point, ...]] = []
    index: dict[tuple[Point, ...], int] = {}

    def arc_ids(seq: tuple[Point, ...], ring: bool) -> list[int]:
        ids = []
        for piece in _cut(seq, junctions, ring):
            if piece in index:
                ids.append(index[piece])
            elif piece[::-1] in index:
                ids.append(~index[piece[::-1]])
            else:
                index[piece] = len(arcs)
                ids.append(len(arcs))
                arcs.append(piece)
        return ids

    refs = [_ref(kind, data, arc_ids) for kind, data in parts]
    return Store(scale, [encode_arc(a) for a in arcs], refs)


def encode_unshared(geometries: Sequence[shapely.Geometry | None], precision_deg: float) -> Store:
    """The same geometries with no arc shared between two of them (for the test that sharing changes
    nothing drawn)."""
    arcs: list[str] = []
    refs: list[list | None] = []
    for geometry in geometries:
        single = encode_store([geometry], precision_deg)
        refs.append(_shifted(single.refs[0], len(arcs)))
        arcs += single.arcs
    return Store(round(1 / precision_deg), arcs, refs)


def _shifted(ref: list | None, by: int) -> list | None:
    if ref is None or ref[0] in ("P", "MP"):
        return ref

    def walk(x):
        return [walk(v) for v in x] if isinstance(x, list) else (x + by if x >= 0 else x - by)

    return [ref[0], walk(ref[1])]


def _quantised(geometry: shapely.Geometry | None, scale: int) -> tuple[str | None, object]:
    """(kind, data) with integer coordinates and repeated points removed; degenerate parts dropped."""
    if geometry is None or geometry.is_empty:
        return None, None
    kind = geometry.geom_type

    def seq(coords: np.ndarray, ring: bool) -> tuple[Point, ...] | None:
        q = np.round(np.asarray(coords)[:, :2] * scale).astype(np.int64)
        keep = np.concatenate([[True], (np.diff(q, axis=0) != 0).any(axis=1)])
        q = q[keep]
        if ring and len(q) > 1 and (q[0] == q[-1]).all():
            q = q[:-1]  # rings are stored open; the decoder closes them
        return tuple(map(tuple, q.tolist())) if len(q) >= (3 if ring else 2) else None

    if kind == "Point":
        return "P", tuple(np.round(np.asarray(geometry.coords[0][:2]) * scale).astype(np.int64).tolist())
    if kind == "MultiPoint":
        return "MP", [tuple(np.round(np.asarray(p.coords[0][:2]) * scale).astype(np.int64).tolist()) for p in geometry.geoms]
    if kind == "LineString":
        line = seq(geometry.coords, False)
        return ("L", line) if line else (None, None)
    if kind == "MultiLineString":
        lines = [s for s in (seq(g.coords, False) for g in geometry.geoms) if s]
        return ("ML", lines) if lines else (None, None)
    polygons = [geometry] if kind == "Polygon" else list(getattr(geometry, "geoms", []))
    rings = [[r for r in (seq(p.exterior.coords, True), *(seq(i.coords, True) for i in p.interiors)) if r] for p in polygons]
    rings = [p for p in rings if p and len(p[0]) >= 3]
    if not rings:
        return None, None
    return ("A", rings[0]) if kind == "Polygon" else ("MA", rings)


def _sequences(kind: str, data) -> Iterable[tuple[tuple[Point, ...], bool]]:
    if kind == "L":
        yield data, False
    elif kind == "ML":
        yield from ((line, False) for line in data)
    elif kind == "A":
        yield from ((ring, True) for ring in data)
    else:
        yield from ((ring, True) for polygon in data for ring in polygon)


def _junctions(sequences: list[tuple[tuple[Point, ...], bool]]) -> set[Point]:
    """Points where shapes meet or part: line ends, and points reached from different neighbours."""
    neighbours: dict[Point, frozenset] = {}
    junctions: set[Point] = set()
    for seq, ring in sequences:
        n = len(seq)
        if not ring:
            junctions.update((seq[0], seq[-1]))
        for i, point in enumerate(seq):
            if not ring and i in (0, n - 1):
                continue
            pair = frozenset((seq[i - 1], seq[(i + 1) % n]))
            seen = neighbours.setdefault(point, pair)
            if seen != pair:
                junctions.add(point)
    return junctions


def _cut(seq: tuple[Point, ...], junctions: set[Point], ring: bool) -> list[tuple[Point, ...]]:
    """``seq`` cut into arcs at its junctions. A ring without any starts at its smallest point, so the
    same ring drawn twice is one arc."""
    if ring:
        cuts = [i for i, p in enumerate(seq) if p in junctions]
        start = cuts[0] if cuts else min(range(len(seq)), key=seq.__getitem__)
        seq = seq[start:] + seq[:start] + seq[start : start + 1]
    pieces, begin = [], 0
    for i in range(1, len(seq)):
        if (seq[i] in junctions and i < len(seq) - 1) or i == len(seq) - 1:
            pieces.append(seq[begin : i + 1])
            begin = i
    return pieces


def _ref(kind: str | None, data, arc_ids) -> list | None:
    if kind is None:
        return None
    if kind in ("P", "MP"):
        return [kind, list(data) if kind == "P" else [list(p) for p in data]]
    if kind == "L":
        return [kind, arc_ids(data, False)]
    if kind == "ML":
        return [kind, [arc_ids(line, False) for line in data]]
    if kind == "A":
        return [kind, [arc_ids(ring, True) for ring in data]]
    return [kind, [[arc_ids(ring, True) for ring in polygon] for polygon in data]]


def encode_arc(points: Sequence[Point]) -> str:
    """Polyline encoding of integer points: zigzag varints of 5 bits, offset into printable ASCII
    (63-126, never '<' or '>'), the first point absolute and the others as deltas."""
    out, px, py = [], 0, 0
    for x, y in points:
        for value in (x - px, y - py):
            value = ~(value << 1) if value < 0 else value << 1
            while value >= 0x20:
                out.append(chr((0x20 | (value & 0x1F)) + 63))
                value >>= 5
            out.append(chr(value + 63))
        px, py = x, y
    return "".join(out)


def decode_arc(text: str) -> list[Point]:
    """The inverse of :func:`encode_arc` (the page does the same in JavaScript)."""
    values, value, shift = [], 0, 0
    for char in text:
        chunk = ord(char) - 63
        value |= (chunk & 0x1F) << shift
        shift += 5
        if chunk < 0x20:
            values.append(~(value >> 1) if value & 1 else value >> 1)
            value, shift = 0, 0
    points, x, y = [], 0, 0
    for dx, dy in zip(values[::2], values[1::2]):
        x, y = x + dx, y + dy
        points.append((x, y))
    return points
