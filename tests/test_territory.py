"""Territory from the fronts: sides of a line, pockets and held areas, the versions in time, and who
held a place."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import territory
from geo.errors import AtlasError


def shares(atlas, date: str) -> float:
    control = atlas.control
    version = territory.control_at(control, pd.Series([date]))[0]
    return float(control[(control["start"] == version) & (control["side"] == "un")]["share"].iloc[0])


def test_pre_war_south_held_about_43_percent(atlas):
    # South Korea in 1948: about 93,600 km2 of the peninsula's 220,800 km2 (42.4%)
    assert shares(atlas, "1950-06-24") == pytest.approx(42.4, abs=1.5)


def test_after_the_armistice_south_holds_about_45_percent(atlas):
    # South Korea today (south of the MDL): about 100,200 km2 of 220,800 km2 (45.4%)
    assert shares(atlas, "1953-08-01") == pytest.approx(45.4, abs=1.5)


def test_the_perimeter_was_a_small_corner(atlas):
    # about 90 x 60 miles as formed on 4 August (Montross and Canzona), plus Cheju-do: under 9% of the
    # peninsula; by early September, pushed back to Waegwan, Tabu-dong and Pohang, less
    assert 6 < shares(atlas, "1950-08-04") < 9
    assert 3 < shares(atlas, "1950-09-05") < shares(atlas, "1950-08-04")


def test_high_water_mark_and_shares_add_up(atlas):
    assert shares(atlas, "1950-11-24") > 75
    assert shares(atlas, "1950-11-24") == max(shares(atlas, d) for d in atlas.control["start"].unique())
    totals = atlas.control.groupby("start")["share"].sum()
    assert totals.to_numpy() == pytest.approx(100, abs=1e-3)


def test_every_version_has_two_sides_and_a_drawn_line(atlas):
    assert all(sorted(sides) == ["communist", "un"] for sides in atlas.control.groupby("start")["side"].apply(list))
    assert len(atlas.fronts) == atlas.control["start"].nunique() >= 100
    assert not atlas.fronts.geometry.is_empty.any()


def test_versions_table_agrees_with_the_territory(atlas):
    v = atlas.versions
    assert v["start"].is_monotonic_increasing and v["start"].is_unique
    assert (v["un"] + v["communist"]).round(6).eq(100).all()
    assert set(v["line"]) == {"pre_war", "front", "armistice"}
    assert v["next_front"].iloc[:-1].notna().all() and pd.isna(v["next_front"].iloc[-1])
    assert (v["front_date"] <= v["start"]).all() and (v["move_km"].dropna() >= 0).all()


def test_a_held_area_between_fronts_changes_the_map_on_its_own_dates(atlas):
    held = atlas.timeline[atlas.timeline["kind"] == "held"]
    fronts = set(atlas.timeline.loc[atlas.timeline["kind"] != "held", "date"])
    off_days = held[~held["start"].isin(fronts) & (held["start"] > "1950-06-25")]
    assert len(off_days), "some held area starts between two traced fronts"
    for row in off_days.itertuples():
        assert row.start in set(atlas.versions["start"]), row.name


def test_a_front_line_that_stops_inland_is_refused(atlas):
    timeline = atlas.timeline.copy()
    row = timeline.index[(timeline["kind"] == "front") & (timeline["date"] > "1950-07-01")][0]
    line = timeline.loc[row, "geometry"]
    timeline.loc[row, "geometry"] = shapely.LineString([(127.0, 37.1), *list(line.coords)[2:]])
    with pytest.raises(AtlasError, match="a front line must start and end at sea"):
        territory.control_sketches(timeline, atlas.korea, "1953-07-27")


def test_a_held_area_names_a_side_the_map_knows():
    layers = {
        "held_areas": gpd.GeoDataFrame(
            {"name": ["Cheju-do"], "start": ["1950-06-25"], "end": [None], "side": ["ROK"], "layer": ["held_areas"]},
            geometry=[shapely.box(126.1, 33.1, 127.0, 33.6)],
            crs="EPSG:4326",
        ),
        "parallel_38": gpd.GeoDataFrame(
            {"name": ["38th"], "start": ["1945-08-15"], "end": [None], "layer": ["parallel_38"]},
            geometry=[shapely.LineString([(124, 38), (130, 38)])],
            crs="EPSG:4326",
        ),
    }
    with pytest.raises(AtlasError, match="feature 'Cheju-do': side must be one of un, communist"):
        territory.front_timeline(layers)


def test_sides_at_gives_no_side_to_places_at_sea(atlas):
    points = gpd.GeoDataFrame(
        {"date": ["1950-08-20", "1950-08-20"]}, geometry=[shapely.Point(130.5, 36.0), shapely.Point(128.59, 35.87)], crs=4326
    )
    assert territory.sides_at(atlas.control, points, atlas.korea)["side"].isna().tolist() == [True, False]


def test_dates_before_the_first_front_are_refused(atlas):
    with pytest.raises(AtlasError, match="before the first front"):
        territory.control_at(atlas.control, pd.Series(["1944-01-01"]))


def test_the_faded_front_is_the_one_before_the_last_move(model):
    fronts = model.role("front").features
    previous = model.role("previous_front").features
    for date in ("1950-09-01", "1951-01-22", "1952-01-10", "1952-09-25", "1953-04-05"):
        current = fronts[(fronts["shown_from"] <= date) & (fronts["shown_until"] >= date)]
        faded = previous[(previous["shown_from"] <= date) & (previous["shown_until"] >= date)]
        assert len(current) == 1 and len(faded) == 1, date
        assert not faded.geometry.iloc[0].equals(current.geometry.iloc[0]), date
        assert faded["start"].iloc[0] < current["start"].iloc[0]
    assert previous["shown_from"].is_unique
