"""What every feature must be (geo/features.py): each refusal names the file and the feature by number and
name, and says what is wrong in words a teacher can act on."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo.errors import AtlasError
from geo.features import check_geometries
from geo.load import read_layer


def feature(name: str, geometry: dict | None = None, **props) -> dict:
    properties = {"name": name, "start": "1950-06-25", "end": None, "description": "d", "source": "s", **props}
    return {"type": "Feature", "properties": properties, "geometry": geometry or {"type": "Point", "coordinates": [127, 37]}}


def refused(tmp_path: Path, features: list[dict], **collection) -> str:
    path = tmp_path / "t.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features, **collection}))
    with pytest.raises(AtlasError) as error:
        read_layer(path)
    message = str(error.value)
    assert message.startswith(f"{path}") and "\n" not in message
    return message.removeprefix(f"{path}")


@pytest.mark.parametrize("lon, lat", [(114.5, 37), (127, 29.5), (135.5, 37), (127, 46.5)])
def test_a_feature_outside_the_region_on_any_side_is_named(tmp_path, lon, lat):
    outside = feature("far", {"type": "Point", "coordinates": [lon, lat]})
    assert refused(tmp_path, [feature("near"), outside]) == (
        ", feature 2 ('far'): coordinates lie outside the Korea region "
        "(expected longitude/latitude in WGS84; is the file in another CRS?)"
    )


def test_the_basemap_may_reach_further_than_the_layers():
    features = [feature("a"), feature("b")]
    wide = np.array([shapely.Point(127, 37), shapely.Point(150, 50)], dtype=object)
    check_geometries(Path("land.geojson"), features, wide, "basemap")
    with pytest.raises(AtlasError, match=r"^land.geojson, feature 2 \('b'\): coordinates lie outside"):
        check_geometries(Path("land.geojson"), features, wide)


def test_an_invalid_geometry_is_named_with_the_reason(tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[127, 37], [128, 38], [128, 37], [127, 38], [127, 37]]]}
    message = refused(tmp_path, [feature("fine"), feature("bowtie", bowtie)])
    assert message.startswith(", feature 2 ('bowtie'): invalid geometry (Self-intersection")


def test_ids_are_text_or_numbers_and_unique(tmp_path):
    ids = [feature("a", id="x"), feature("b"), feature("c")]
    ids[2]["id"] = "x"
    assert refused(tmp_path, ids) == ", feature 3 ('c'): duplicate id 'x' (also feature 1)"
    listed = [feature("a"), feature("b")]
    listed[1]["id"] = [1]
    assert refused(tmp_path, listed) == ", feature 2 ('b'): id must be text or a number"


def test_property_rules_name_the_feature(tmp_path):
    bare = feature("a")
    del bare["properties"]["start"], bare["properties"]["end"]
    assert refused(tmp_path, [feature("ok"), bare]) == ", feature 2 ('a'): missing start, end"
    empty = {"type": "Feature", "properties": None, "geometry": {"type": "Point", "coordinates": [127, 37]}}
    assert (
        refused(tmp_path, [empty]) == ", feature 1: has no properties (each feature needs name, start, end, description, source)"
    )
    assert refused(tmp_path, [feature("a", arrow="yes")]) == ", feature 1 ('a'): 'arrow' must be true or false"
    assert (
        refused(tmp_path, [feature("a", Share=1)])
        == ", feature 1 ('a'): property 'Share' is a name the atlas uses itself; rename it"
    )
    assert refused(tmp_path, [feature("a", Note="x", note="y")]) == (
        ", feature 1 ('a'): properties 'Note' and 'note' differ only in case; keep one"
    )
    assert refused(tmp_path, [feature("a", kind=3)]) == ", feature 1 ('a'): 'kind' must be text, not 3"


def test_the_largest_safe_integer_is_kept(tmp_path):
    path = tmp_path / "t.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature("a", count=2**53)]}))
    assert read_layer(path)["count"].iloc[0] == 2**53
    assert (
        refused(tmp_path, [feature("a", count=2**53 + 1)])
        == ", feature 1 ('a'): property 'count' is a number too large to keep exactly"
    )


def test_an_unsupported_geometry_lists_the_supported_ones(tmp_path):
    circle = {"type": "GeometryCollection", "geometries": []}
    assert refused(tmp_path, [feature("a", circle)]) == (
        ", feature 1 ('a'): geometry type 'GeometryCollection' is not supported "
        "(use LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon)"
    )


def test_another_crs_is_named_as_given(tmp_path):
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::5179" + "x" * 60}}
    given = ("urn:ogc:def:crs:EPSG::5179" + "x" * 60)[:60]
    assert refused(tmp_path, [feature("a")], crs=crs) == (
        f": coordinates are in another CRS ({given!r}); save the file as WGS84 longitude/latitude"
    )
