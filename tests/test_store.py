"""The page's compact geometry store: what goes in comes out at the web's precision, shapes that meet
share their coordinates, and the polyline encoding round-trips any integers."""

from __future__ import annotations

import numpy as np
import shapely
from hypothesis import given
from hypothesis import strategies as st

from geo.store import decode_arc, encode_arc, encode_store, encode_unshared


def rebuild(store, ref):
    """The geometry a reference points at, as the page's decoder builds it."""

    def arc(i):
        points = decode_arc(store.arcs[i if i >= 0 else ~i])
        return points if i >= 0 else points[::-1]

    def chain(ids):
        out = []
        for i in ids:
            out += arc(i) if not out else arc(i)[1:]
        return np.array(out) / store.scale

    kind, data = ref
    if kind == "P":
        return shapely.Point(np.array(data) / store.scale)
    if kind == "L":
        return shapely.LineString(chain(data))
    if kind == "ML":
        return shapely.MultiLineString([chain(ids) for ids in data])
    if kind == "A":
        return shapely.Polygon(chain(data[0]), [chain(r) for r in data[1:]])
    return shapely.MultiPolygon([shapely.Polygon(chain(p[0]), [chain(r) for r in p[1:]]) for p in data])


def vertex_distance(a, b) -> float:
    """The farthest any vertex of one shape lies from the nearest vertex of the other."""
    pa, pb = shapely.get_coordinates(a), shapely.get_coordinates(b)
    d = np.hypot(pa[:, None, 0] - pb[None, :, 0], pa[:, None, 1] - pb[None, :, 1])
    return max(d.min(axis=1).max(), d.min(axis=0).max())


def test_every_drawn_shape_comes_back_at_the_web_precision(web_model):
    shapes = [g for layer in web_model.layers.values() for g in layer.features.geometry.values]
    store = encode_store(shapes, 0.001)
    drawn = 0
    for shape, ref in zip(shapes, store.refs):
        if ref is not None:
            back = rebuild(store, ref)
            assert back.geom_type.removeprefix("Multi") == shape.geom_type.removeprefix("Multi")
            if shape.geom_type.endswith("Polygon"):  # rings that collapse at the precision (slivers) may go
                assert back.symmetric_difference(shape).area <= 0.001 * shape.length, shape.geom_type
            else:  # a line that is a single point at the precision draws nothing, and may go
                kept = [part for part in getattr(shape, "geoms", [shape]) if part.geom_type == "Point" or part.length >= 0.001]
                assert vertex_distance(back, shapely.GeometryCollection(kept)) <= 0.0008, shape.geom_type
            drawn += 1
    assert drawn >= 0.99 * len(shapes)


def test_a_front_and_the_territory_it_cuts_share_their_coordinates(web_model):
    fronts = list(web_model.role("front").features.geometry.values)
    territory = web_model.role("territory").features
    shapes = fronts + list(territory[territory["side"] == "communist"].geometry.values)
    shared, alone = encode_store(shapes, 0.001), encode_unshared(shapes, 0.001)
    assert sum(map(len, shared.arcs)) < 0.7 * sum(map(len, alone.arcs))


def test_a_ring_given_twice_is_stored_once():
    ring = shapely.box(126, 36, 127, 37)
    store = encode_store([ring, ring, shapely.Polygon(list(ring.exterior.coords)[::-1])], 0.001)
    assert len(store.arcs) == 1 and store.refs[0] == store.refs[1]


def test_an_empty_or_degenerate_shape_has_no_reference():
    store = encode_store([None, shapely.Point(), shapely.LineString([(126, 36), (126.0001, 36.0001)])], 0.001)
    assert store.refs == [None, None, None]


@given(st.lists(st.tuples(st.integers(-200_000, 200_000), st.integers(-200_000, 200_000)), min_size=1, max_size=50))
def test_polyline_encoding_round_trips(points):
    text = encode_arc(points)
    assert decode_arc(text) == points
    assert all(63 <= ord(c) <= 126 for c in text) and "<" not in text and ">" not in text
