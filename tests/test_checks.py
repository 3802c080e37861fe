"""What a layer's role asks of its features (geo/checks.py): each refusal names the file, the feature and
the rule; a movement's rank defaults to 2."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo.checks import check_role
from geo.errors import AtlasError

PATH = Path("layers/x.geojson")


def layer(*geometries, **columns) -> gpd.GeoDataFrame:
    names = [f"f{i}" for i in range(len(geometries))]
    return gpd.GeoDataFrame({"name": names, **columns}, geometry=list(geometries), crs="EPSG:4326")


ROUTE = shapely.LineString([(127.0, 37.0), (127.0, 37.1)])  # about 11 km
SQUARE = shapely.box(127.0, 37.0, 127.1, 37.1)
POINT = shapely.Point(127.0, 37.0)


def test_a_movement_gets_rank_2_unless_it_says_1():
    checked = check_role(layer(ROUTE, ROUTE, side=["un", "communist"], rank=[1, None]), "movements", PATH)
    assert checked["rank"].tolist() == [1, 2] and str(checked["rank"].dtype).startswith("int")
    assert check_role(layer(ROUTE, side=["un"]), "movements", PATH)["rank"].tolist() == [2]


@pytest.mark.parametrize(
    "frame, message",
    [
        (layer(ROUTE, SQUARE, side=["un", "un"]), "feature 2 ('f1'): a movement must be a LineString from where"),
        (layer(ROUTE, shapely.LineString([(127.0, 37.0), (127.0, 37.0089)]), side=["un", "un"]),
         "feature 2 ('f1'): a movement must run at least 1 km"),
        (layer(ROUTE, ROUTE, side=["un", "north"]), "feature 2 ('f1'): 'side' must be one of un, communist"),
        (layer(ROUTE), "feature 1 ('f0'): 'side' must be one of un, communist"),
        (layer(ROUTE, ROUTE, side=["un", "un"], rank=[2, 3]), "feature 2 ('f1'): 'rank' must be 1 (a main thrust) or 2"),
    ],
)  # fmt: skip
def test_a_movement_that_breaks_a_rule_is_refused_by_name(frame, message):
    with pytest.raises(AtlasError) as error:
        check_role(frame, "movements", PATH)
    assert str(error.value).startswith(f"{PATH}, {message}")


def test_a_movement_of_just_over_a_km_is_kept():
    just = shapely.LineString([(127.0, 37.0), (127.0, 37.0092)])  # about 1.02 km
    assert len(check_role(layer(just, side=["un"]), "movements", PATH)) == 1


@pytest.mark.parametrize(
    "role, good, bad, message",
    [
        ("held_areas", SQUARE, POINT, "a held area must be a Polygon or MultiPolygon"),
        ("events", POINT, SQUARE, "an event must be a Point"),
    ],
)
def test_held_areas_are_areas_and_events_are_points(role, good, bad, message):
    assert len(check_role(layer(good), role, PATH)) == 1
    with pytest.raises(AtlasError) as error:
        check_role(layer(good, bad), role, PATH)
    assert str(error.value) == f"{PATH}, feature 2 ('f1'): {message}"


def test_other_roles_ask_nothing_more():
    frame = layer(POINT, SQUARE)
    assert check_role(frame, None, PATH) is frame and check_role(frame, "front", PATH) is frame
