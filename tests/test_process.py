"""Processing: figures against published values, territory against the historical record."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from conftest import FIXTURES
from geo import process
from geo.catalogue import mobile_war, region, war_span
from geo.errors import AtlasError

MILE_KM = 1.609344
HELD = pd.read_csv(FIXTURES / "held_places.csv")


def figure(atlas, layer_id: str, column: str, row: int = 0) -> float:
    return float(atlas.layers[layer_id][column].iloc[row])


def test_pusan_perimeter_front_runs_its_west_and_north_sides(atlas):
    # Montross and Canzona, The Pusan Perimeter (USMC, 1954): in the first days of August a beachhead
    # about 90 miles long and 60 wide; its front is the west and north sides (150 miles), longer for the
    # Naktong's bends
    assert figure(atlas, "pusan_perimeter", "length_km") == pytest.approx(150 * MILE_KM, rel=0.2)


def test_pusan_perimeter_area_fits_its_90_by_60_mile_beachhead(atlas):
    # Montross and Canzona (USMC, 1954): about 90 by 60 miles, irregular in shape, as formed in early August
    area = figure(atlas, "pusan_perimeter", "area_km2")
    assert 0.7 * 90 * 60 * MILE_KM**2 < area < 1.1 * 90 * 60 * MILE_KM**2


def test_armistice_line_length(atlas):
    # The MDL runs about 148 miles (238 km); Natural Earth 1:10m smooths its bends
    assert figure(atlas, "armistice_line", "length_km") == pytest.approx(238, rel=0.15)


def test_38th_parallel_crosses_the_peninsula(atlas):
    line = atlas.layers["parallel_38"].geometry.iloc[0]
    assert line.coords[0][0] == pytest.approx(125.1, abs=0.1) and line.coords[-1][0] == pytest.approx(128.75, abs=0.1)
    assert figure(atlas, "parallel_38", "length_km") == pytest.approx(319, rel=0.02)


def test_inchon_is_about_20_miles_from_seoul(atlas):
    # Appleman, on the Inchon landing: Inchon lies some 20 to 25 miles west of Seoul (25 by road); straight line about 20
    landing = atlas.layers["inchon_landing"]
    red_beach = landing[landing["name"] == "Red Beach, Inchon"]["distance_to_seoul_km"].iloc[0]
    assert red_beach == pytest.approx(20 * MILE_KM, rel=0.1)


def test_yalu_follows_the_river_to_paektu(atlas):
    yalu = atlas.layers["yalu_river"].geometry.iloc[0]
    assert len(yalu.coords) > 200, "traced from Natural Earth, not sketched"
    assert yalu.coords[0][0] == pytest.approx(124.37, abs=0.1)      # mouth near Sinuiju
    assert yalu.coords[-1][1] == pytest.approx(42.0, abs=0.05)      # source at Paektu-san
    hyesanjin = atlas.places.loc[atlas.places["name"] == "Hyesanjin"].to_crs(5179).geometry.iloc[0]
    assert gpd.GeoSeries([yalu], crs=4326).to_crs(5179).distance(hyesanjin).iloc[0] < 5000


def test_pusan_perimeter_is_clipped_to_land(atlas):
    perimeter = atlas.layers["pusan_perimeter"].geometry.iloc[0]
    assert atlas.korea.union_all().buffer(1e-6).contains(perimeter)


@pytest.mark.parametrize("row", list(HELD.itertuples(index=False)), ids=[f"{r.place}-{r.date}" for r in HELD.itertuples()])
def test_who_held_a_town_on_a_date(atlas, row):
    points = gpd.GeoDataFrame({"date": [row.date]}, geometry=[shapely.Point(row.lon, row.lat)], crs=4326)
    assert process.sides_at(atlas.control, points)["side"].iloc[0] == row.side, row.source


def test_enough_historical_facts_cover_every_period_both_coasts_and_islands():
    assert len(HELD) >= 120 and HELD["source"].str.len().gt(20).all()
    assert HELD["date"].min() < "1950-06-25" and HELD["date"].max() > "1953-07-27"
    periods = [("1950-06-25", "1950-08-03"), ("1950-08-04", "1950-09-14"), ("1950-09-15", "1950-11-24"),
               ("1950-11-25", "1951-01-24"), ("1951-01-25", "1951-06-14"), ("1951-06-15", "1953-07-27")]
    for start, end in periods:
        assert HELD["date"].between(start, end).sum() >= 10, (start, end)
        assert HELD["side"][HELD["date"].between(start, end)].nunique() == 2, (start, end)
    assert (HELD["lon"] < 126.8).sum() >= 15 and (HELD["lon"] > 128.8).sum() >= 15   # west and east coasts
    assert HELD["place"].str.contains("-do$|Ulleungdo").sum() >= 10                    # islands


def test_no_front_stays_in_force_longer_than_the_record_allows(atlas):
    # issue 9: at most about 7 days between traced fronts in the war of movement, 90 in the stalemate
    dates = pd.to_datetime(pd.Series(sorted(atlas.control["start"].unique())))
    first, last = pd.to_datetime(mobile_war())
    for period_start, period_end, limit in ((first, last, 7), (last, pd.Timestamp(war_span()[1]), 90)):
        inside = dates[(dates > period_start) & (dates < period_end)]
        in_force = pd.concat([dates[dates <= period_start].tail(1), inside, pd.Series([period_end])])
        longest = in_force.diff().dt.days.max()
        assert longest <= limit, f"a front stays in force {longest} days between {period_start:%Y-%m-%d} and {period_end:%Y-%m-%d}"
    assert len(dates) >= 80, "issue 9 asks for 80 or more dated fronts"


def test_the_faded_front_is_the_one_before_the_last_move(atlas):
    # the static line re-dated through the stalemate is not a move: the faded line stays the one before it
    previous = process.previous_fronts(atlas.fronts)
    for date in ("1950-09-01", "1951-01-22", "1952-01-10", "1952-09-25", "1953-04-05"):
        current = atlas.fronts[atlas.fronts["start"] == process.control_at(atlas.control, pd.Series([date]))[0]]
        faded = process.shown_on(previous, date)
        assert len(faded) == 1 and not faded.geometry.iloc[0].equals(current.geometry.iloc[0]), date
        assert faded["start"].iloc[0] < current["start"].iloc[0]
    assert previous["shown_from"].is_unique


def islands(atlas) -> gpd.GeoDataFrame:
    parts = atlas.korea.explode(index_parts=False).reset_index(drop=True)
    return parts.drop(index=parts.to_crs(region()["projected_crs"]).area.idxmax())


def test_every_front_reaches_the_sea_without_taking_an_island(atlas):
    # a front's ends lie off the coast, and neither the line nor the way its ends are carried out to the
    # frame crosses an island: islands change hands only as held areas of their own
    land = process.merged(atlas.korea)
    coast, frame = land.boundary, tuple(region()["bbox"])
    island_shapes = islands(atlas).geometry.values
    held = atlas.timeline[atlas.timeline["kind"] == "held"]
    fronts = atlas.timeline[atlas.timeline["kind"] == "front"]
    assert len(fronts) >= 60
    for row in fronts.itertuples():
        if row.layer == "front_lines":
            tips = shapely.points([row.geometry.coords[0], row.geometry.coords[-1]])
            assert not shapely.intersects(tips, land).any(), f"{row.name}: an end lies on land"
        reach = shapely.union_all([row.geometry, *process.sea_extensions(row.geometry, frame, coast)])
        crossed = island_shapes[shapely.intersects(island_shapes, reach)]
        in_force = held[(held["start"] <= row.date) & (held["end"].fillna("9999") >= row.date)]
        covered = shapely.union_all(in_force.geometry.values).buffer(1e-9)
        loose = [shapely.get_coordinates(shape.representative_point()).round(2).tolist()[0] for shape in crossed
                 if not covered.contains(shape)]
        assert not loose, f"{row.name} ({row.date}) cuts islands at {loose} that no held area gives a side"


def shares(atlas, date: str) -> float:
    control = atlas.control
    version = process.control_at(control, pd.Series([date]))[0]
    return float(control[(control["start"] == version) & (control["side"] == "un")]["share"].iloc[0])


def test_pre_war_south_held_about_43_percent(atlas):
    # South Korea in 1948: about 93,600 km2 of the peninsula's 220,800 km2 (42.4%)
    assert shares(atlas, "1950-06-24") == pytest.approx(42.4, abs=1.5)


def test_after_the_armistice_south_holds_about_45_percent(atlas):
    # South Korea today (south of the MDL): about 100,200 km2 of 220,800 km2 (45.4%)
    assert shares(atlas, "1953-08-01") == pytest.approx(45.4, abs=1.5)


def test_the_perimeter_was_a_small_corner(atlas):
    # about 90 x 60 miles as formed on 4 August (Montross and Canzona), plus Cheju-do: under 8% of the
    # peninsula; by early September, pushed back to Waegwan, Tabu-dong and Pohang, nearer 5%
    assert 6 < shares(atlas, "1950-08-04") < 8
    assert 3 < shares(atlas, "1950-09-05") < shares(atlas, "1950-08-04")


def test_high_water_mark_and_shares_add_up(atlas):
    assert shares(atlas, "1950-11-24") > 75
    assert shares(atlas, "1950-11-24") == max(shares(atlas, d) for d in atlas.control["start"].unique())
    totals = atlas.control.groupby("start")["share"].sum()
    assert totals.to_numpy() == pytest.approx(100, abs=1e-3)


def test_every_front_has_two_sides_and_a_drawn_line(atlas):
    assert all(sorted(sides) == ["communist", "un"] for sides in atlas.control.groupby("start")["side"].apply(list))
    assert len(atlas.fronts) == atlas.control["start"].nunique() >= 25
    assert not atlas.fronts.geometry.is_empty.any()


def test_at_least_25_front_lines_and_25_events(atlas):
    fronts = atlas.layers["front_lines"]
    assert (fronts["kind"] == "front").sum() + fronts.loc[fronts["kind"] == "area", "start"].nunique() >= 25
    assert len(atlas.layers["events"]) >= 25
    assert fronts["confidence"].notna().all() and atlas.layers["events"]["source"].notna().all()


def test_a_front_line_that_stops_inland_is_refused(atlas):
    timeline = atlas.timeline.copy()
    row = timeline.index[timeline["name"].str.startswith("Front on 5 July 1950")][0]
    line = timeline.loc[row, "geometry"]
    timeline.loc[row, "geometry"] = shapely.LineString([(127.0, 37.1), *list(line.coords)[2:]])
    with pytest.raises(AtlasError, match="'Front on 5 July 1950: Task Force Smith at Osan': a front line must start and end at sea"):
        process.control_sketches(timeline, atlas.korea, "1953-07-27")


def test_a_held_area_names_a_side_the_map_knows():
    layers = {"front_lines": gpd.GeoDataFrame(
        {"name": ["Cheju-do"], "start": ["1950-06-25"], "end": [None], "kind": ["held"], "side": ["ROK"],
         "layer": ["front_lines"]}, geometry=[shapely.box(126.1, 33.1, 127.0, 33.6)], crs="EPSG:4326")}
    with pytest.raises(AtlasError, match="feature 'Cheju-do': side must be one of un, communist"):
        process.front_timeline(layers)


def test_north_side_of_a_west_east_line_is_north():
    frame = (0.0, 0.0, 10.0, 10.0)
    north = process.north_side(shapely.LineString([(1, 5), (9, 5)]), frame, shapely.Point(-50, -50))
    assert north.contains(shapely.Point(5, 8)) and not north.contains(shapely.Point(5, 2))


def test_north_side_of_a_perimeter_arc_is_everything_outside_the_pocket():
    frame = (0.0, 0.0, 10.0, 10.0)
    arc = shapely.LineString([(6, 1), (6, 6), (9, 6)])   # from the south coast, north, then east to the sea
    north = process.north_side(arc, frame, shapely.Point(-50, -50))
    assert north.contains(shapely.Point(2, 2)) and north.contains(shapely.Point(8, 8))
    assert not north.contains(shapely.Point(8, 3))


def test_sides_at_gives_no_side_to_places_at_sea(atlas):
    points = gpd.GeoDataFrame({"date": ["1950-08-20", "1950-08-20"]},
                              geometry=[shapely.Point(130.5, 36.0), shapely.Point(128.59, 35.87)], crs=4326)
    assert process.sides_at(atlas.control, points)["side"].isna().tolist() == [True, False]


def test_dates_before_the_first_front_are_refused(atlas):
    with pytest.raises(AtlasError, match="before the first front"):
        process.control_at(atlas.control, pd.Series(["1944-01-01"]))


def test_simplify_for_web_drops_islets_and_rows_left_without_land():
    # 0.01 degree is about 1 km: a 1 km2 islet is below min_island_km2 and goes, with its row
    mainland, islet = shapely.box(127.0, 36.0, 128.0, 37.0), shapely.box(126.0, 34.0, 126.01, 34.01)
    frame = gpd.GeoDataFrame({"name": ["islet", "mainland and islet"]},
                             geometry=[islet, shapely.MultiPolygon([mainland, islet])], crs="EPSG:4326")
    web = process.simplify_for_web(frame)
    assert web["name"].tolist() == ["mainland and islet"]
    assert shapely.get_num_geometries(web.geometry.iloc[0]) == 1
    assert web.geometry.iloc[0].area == pytest.approx(mainland.area, rel=0.01)
