"""Writing outputs: the GeoPackage as a GIS client reads it (typed dates, one geometry type per layer),
byte-identical from run to run."""

from __future__ import annotations

import time

import pyogrio
import pytest
from conftest import run


@pytest.fixture(scope="module")
def geopackage(tmp_path_factory):
    out = tmp_path_factory.mktemp("gpkg")
    assert run(["export", "--out", str(out)]) == 0
    return out / "korean_war.gpkg"


def test_one_layer_per_layer_id_split_by_geometry(geopackage):
    names = {name for name, _ in pyogrio.list_layers(geopackage)}
    assert {
        "parallel_38",
        "pusan_perimeter",
        "yalu_river",
        "armistice_line",
        "events",
        "held_areas",
        "movements",
        "front_lines_lines",
        "front_lines_areas",
        "inchon_landing_points",
        "control_areas",
        "front_geometries",
    } <= names


def test_every_layer_has_one_geometry_type_and_dates_as_dates(geopackage):
    for name, _kind in pyogrio.list_layers(geopackage):
        info = pyogrio.read_info(geopackage, layer=name)
        assert info["geometry_type"].startswith("Multi"), (name, info["geometry_type"])
        types = dict(zip(info["fields"], info["ogr_types"]))
        assert types.get("start") == "OFTDate", (name, types.get("start"))
        if "end" in types:
            assert types["end"] == "OFTDate", name
    control = pyogrio.read_dataframe(geopackage, layer="control_areas")
    assert str(control["start"].dtype).startswith("datetime64") and control["area_km2"].dtype.kind == "f"
    parallel = pyogrio.read_dataframe(geopackage, layer="parallel_38")
    assert parallel["end"].isna().all(), "an open end is null, not a string"
    for name in ("control_areas", "front_geometries"):  # after the armistice its line still stands
        frame = pyogrio.read_dataframe(geopackage, layer=name)
        last = frame["start"] == frame["start"].max()
        assert frame.loc[last, "end"].isna().all() and frame.loc[~last, "end"].notna().all(), name


def test_the_geopackage_is_byte_identical_from_run_to_run(tmp_path, geopackage):
    time.sleep(1.1)  # GDAL stamps tables with the time to the second
    assert run(["export", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "korean_war.gpkg").read_bytes() == geopackage.read_bytes()
