"""Loading and validating layer files: good files load, every kind of bad file gets one clear line."""

from __future__ import annotations

import copy
import json
import shutil

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import AtlasError
from geo.load import read_layer, read_layers

TEACHER = json.loads((FIXTURES / "layers" / "teacher_layer.geojson").read_text())


def test_reads_every_layer_with_the_schema():
    layers = read_layers(ROOT / "layers")
    assert {
        "parallel_38",
        "pusan_perimeter",
        "inchon_landing",
        "yalu_river",
        "armistice_line",
        "front_lines",
        "held_areas",
        "events",
        "movements",
    } <= set(layers)
    assert "tour" not in layers, "the tour is read by geo.tour, not as a layer of dated features"
    for layer_id, frame in layers.items():
        assert frame.crs.to_epsg() == 4326
        assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any(), layer_id
        assert frame["source"].str.len().gt(10).all(), f"{layer_id}: every feature names its source"
        assert (frame["end"].isna() | (frame["end"] >= frame["start"])).all()


def test_a_teacher_layer_is_read_with_its_file_stem_as_id():
    frame = read_layer(FIXTURES / "layers" / "teacher_layer.geojson")
    assert list(frame["layer"].unique()) == ["teacher_layer"]
    assert list(frame["name"]) == ["Refugee school in Pusan", "Refugee road"]
    assert frame["end"].isna().tolist() == [False, True]


def _feature(collection: dict, i: int = 0) -> dict:
    return collection["features"][i]


def _set(path: str, value):
    def mutate(c):
        target = _feature(c)
        *keys, last = path.split(".")
        for key in keys:
            target = target[key]
        target[last] = value
        return c

    return mutate


def _delete(key: str):
    def mutate(c):
        del _feature(c)["properties"][key]
        return c

    return mutate


def _duplicate_ids(c):
    c["features"][1]["id"] = c["features"][0]["id"]
    return c


BAD_COLLECTIONS = [
    (
        "empty geometry",
        _set("geometry", {"type": "LineString", "coordinates": []}),
        "feature 1 ('Refugee school in Pusan'): empty geometry",
    ),
    (
        "invalid geometry",
        _set("geometry", {"type": "Polygon", "coordinates": [[[127, 36], [128, 37], [128, 36], [127, 37], [127, 36]]]}),
        "invalid geometry (Self-intersection",
    ),
    (
        "unknown geometry type",
        _set("geometry", {"type": "Circle", "coordinates": [127, 36]}),
        "geometry type 'Circle' is not supported",
    ),
    (
        "geometry collection",
        _set("geometry", {"type": "GeometryCollection", "geometries": []}),
        "geometry type 'GeometryCollection' is not supported",
    ),
    ("malformed coordinates", _set("geometry", {"type": "Point", "coordinates": ["a"]}), "malformed Point coordinates"),
    ("outside the region", _set("geometry", {"type": "Point", "coordinates": [2.35, 48.85]}), "outside the Korea region"),
    ("projected coordinates", _set("geometry", {"type": "Point", "coordinates": [1100000, 1700000]}), "outside the Korea region"),
    ("missing start", _delete("start"), "missing start"),
    ("missing source", _delete("source"), "missing source"),
    ("empty name", _set("properties.name", " "), "'name' must be non-empty text"),
    (
        "impossible date",
        _set("properties.start", "1950-02-30"),
        "'start': date '1950-02-30' is not a real date written YYYY-MM-DD",
    ),
    ("american date", _set("properties.start", "06/25/1950"), "'start': date '06/25/1950' is not a real date"),
    ("end before start", _set("properties.end", "1950-01-01"), "end 1950-01-01 is before start 1951-01-10"),
    ("before 1945", _set("properties.start", "1939-09-01"), "'start': date 1939-09-01 is outside 1945-01-01 to 1953-12-31"),
    ("after 1953", _set("properties.end", "1960-01-01"), "'end': date 1960-01-01 is outside 1945-01-01 to 1953-12-31"),
    ("duplicate ids", _duplicate_ids, "duplicate id 'school' (also feature 1)"),
]


@pytest.mark.parametrize("case, mutate, message", BAD_COLLECTIONS, ids=[c[0] for c in BAD_COLLECTIONS])
def test_bad_feature_names_file_and_feature(tmp_path, case, mutate, message):
    path = tmp_path / "bad_layer.geojson"
    path.write_text(json.dumps(mutate(copy.deepcopy(TEACHER))))
    with pytest.raises(AtlasError) as error:
        read_layer(path)
    text = str(error.value)
    assert text.startswith(f"{path}"), text
    assert message in text
    assert "\n" not in text


BAD_FILES = [
    ("not json", b"{ this is not json", "not valid JSON (line 1"),
    ("not utf-8", b"\xff\xfe\x00\x01binary", "not a text file"),
    ("json but not geojson", b"[1, 2, 3]", "not GeoJSON (expected a FeatureCollection"),
    ("a lone feature", json.dumps(TEACHER["features"][0]).encode(), "not GeoJSON"),
    ("no features", b'{"type": "FeatureCollection", "features": []}', "has no features"),
    (
        "another crs",
        json.dumps({**TEACHER, "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::5179"}}}).encode(),
        "coordinates are in another CRS ('urn:ogc:def:crs:EPSG::5179')",
    ),
    (
        "another crs by code",
        json.dumps({**TEACHER, "crs": {"type": "EPSG", "properties": {"code": 5179}}}).encode(),
        "coordinates are in another CRS ('EPSG 5179')",
    ),
    ("crs a string", json.dumps({**TEACHER, "crs": "EPSG:4326"}).encode(), "coordinates are in another CRS ('not named')"),
    (
        "crs with a list",
        json.dumps({**TEACHER, "crs": {"type": "name", "properties": {"name": [1]}}}).encode(),
        "coordinates are in another CRS ('not named')",
    ),
    ("not a feature", json.dumps({"type": "FeatureCollection", "features": [42]}).encode(), "feature 1: not a GeoJSON Feature"),
]


@pytest.mark.parametrize("case, content, message", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_is_named(tmp_path, case, content, message):
    path = tmp_path / "bad_layer.geojson"
    path.write_bytes(content)
    with pytest.raises(AtlasError, match=None) as error:
        read_layer(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


@pytest.mark.parametrize(
    "crs",
    [
        {"type": "name", "properties": {"name": "EPSG:4326"}},
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        {"type": "EPSG", "properties": {"code": 4326}},
    ],
)
def test_wgs84_named_in_either_old_form_is_read(tmp_path, crs):
    path = tmp_path / "named.geojson"
    path.write_text(json.dumps({**TEACHER, "crs": crs}))
    assert len(read_layer(path)) == 2


def test_a_file_name_that_cannot_be_an_id(tmp_path):
    path = tmp_path / "my layer!.geojson"
    shutil.copy(FIXTURES / "layers" / "teacher_layer.geojson", path)
    with pytest.raises(AtlasError, match="rename the file"):
        read_layer(path)


def test_an_empty_folder(tmp_path):
    with pytest.raises(AtlasError, match=r"no \.geojson layer files"):
        read_layers(tmp_path)


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@given(
    extra=st.dictionaries(st.text(max_size=8), json_value, max_size=4),
    feature_props=st.none() | st.lists(st.integers(), max_size=2),
)
@settings(max_examples=150, deadline=None)
def test_any_property_values_load_or_fail_in_one_line(tmp_path_factory, extra, feature_props):
    path = tmp_path_factory.mktemp("h") / "t.geojson"
    collection = copy.deepcopy(TEACHER)
    collection["features"][0]["properties"].update(extra)
    if feature_props is not None:
        collection["features"][1]["properties"] = feature_props
    path.write_text(json.dumps(collection, allow_nan=True))
    try:
        read_layer(path)
    except AtlasError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
