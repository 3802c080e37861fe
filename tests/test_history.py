"""History is the product: who held what on dated facts from the sources, fronts dense enough in the war
of movement that no day's answer is far off, no island swept to a side by a line drawn out to sea, and
events standing where they happened."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from conftest import FIXTURES

from geo import split, territory
from geo.catalogue import mobile_war, region, war_span

HELD = pd.read_csv(FIXTURES / "held_places.csv")
MAX_JUMP_KM = 30  # consecutive traced fronts of the war of movement at most this far apart (issue 16)
MAX_EVENT_OFFSET_KM = 2


def test_who_held_each_place_on_each_dated_fact(atlas):
    points = gpd.GeoDataFrame({"date": HELD["date"]}, geometry=gpd.points_from_xy(HELD["lon"], HELD["lat"]), crs=4326)
    found = territory.sides_at(atlas.control, points, atlas.korea)["side"].to_numpy()
    wrong = [
        f"{r.place} {r.date}: {side} (the record: {r.side}; {r.source})"
        for r, side in zip(HELD.itertuples(), found)
        if side != r.side
    ]
    assert not wrong, "\n".join(wrong)


def test_enough_historical_facts_cover_every_period_both_coasts_islands_and_pockets():
    assert len(HELD) >= 250 and HELD["source"].str.len().gt(20).all()
    assert HELD["date"].min() < "1950-06-25" and HELD["date"].max() > "1953-07-27"
    periods = [
        ("1950-06-25", "1950-08-03"),
        ("1950-08-04", "1950-09-14"),
        ("1950-09-15", "1950-11-24"),
        ("1950-11-25", "1951-01-24"),
        ("1951-01-25", "1951-06-14"),
        ("1951-06-15", "1953-07-27"),
    ]
    for start, end in periods:
        assert HELD["date"].between(start, end).sum() >= 20, (start, end)
        assert HELD["side"][HELD["date"].between(start, end)].nunique() == 2, (start, end)
    assert (HELD["lon"] < 126.8).sum() >= 30 and (HELD["lon"] > 128.8).sum() >= 25  # west and east coasts
    assert HELD["place"].str.contains("-do$|Ulleungdo").sum() >= 30  # islands
    pockets = HELD["place"].str.contains("Yudam-ni|Hagaru-ri|Koto-ri|Chinhung-ni|Sinhung-ni")
    assert pockets.sum() >= 10 and HELD.loc[pockets, "side"].nunique() == 2


def test_no_front_stays_in_force_longer_than_the_record_allows(atlas):
    dates = pd.to_datetime(pd.Series(sorted(atlas.fronts["front_date"].unique())))
    first, last = pd.to_datetime(mobile_war())
    for period_start, period_end, limit in ((first, last, 7), (last, pd.Timestamp(war_span()[1]), 90)):
        inside = dates[(dates > period_start) & (dates < period_end)]
        in_force = pd.concat([dates[dates <= period_start].tail(1), inside, pd.Series([period_end])])
        longest = in_force.diff().dt.days.max()
        assert longest <= limit, (
            f"a front stays in force {longest} days between {period_start:%Y-%m-%d} and {period_end:%Y-%m-%d}"
        )
    assert len(dates) >= 150


def front_jumps(atlas) -> list[tuple[str, str, float]]:
    """(date before, date, Hausdorff distance in km) for each pair of consecutive traced fronts as drawn."""
    fronts = atlas.fronts.drop_duplicates("front_date").sort_values("front_date")
    shapes = fronts.to_crs(region()["projected_crs"]).geometry.values
    dates = fronts["front_date"].tolist()
    km = shapely.hausdorff_distance(shapes[:-1], shapes[1:], densify=0.05) / 1000
    return list(zip(dates[:-1], dates[1:], km))


def test_no_front_jumps_more_than_30_km_in_the_war_of_movement_without_a_source(atlas):
    first, last = mobile_war()
    reasons = atlas.timeline.reindex(columns=["date", "jump_reason"]).dropna()
    explained = set(reasons.loc[reasons["jump_reason"].str.len() > 20, "date"])
    jumps = [
        (a, b, round(km)) for a, b, km in front_jumps(atlas) if first <= b <= last and km > MAX_JUMP_KM and b not in explained
    ]
    assert not jumps, f"fronts more than {MAX_JUMP_KM} km apart with no source for a one-day move: {jumps}"


def test_the_jump_rule_sees_a_missing_front(atlas):
    # the rule notices a gap: without the fronts between them, the fronts of mid-July and early August 1950
    # are far apart
    fronts = atlas.fronts.drop_duplicates("front_date").set_index("front_date").to_crs(region()["projected_crs"])
    early = fronts.geometry.loc[fronts.index[fronts.index >= "1950-07-05"][0]]
    late = fronts.geometry.loc[fronts.index[fronts.index >= "1950-08-01"][0]]
    assert shapely.hausdorff_distance(early, late, densify=0.05) / 1000 > MAX_JUMP_KM


def islands(atlas) -> gpd.GeoDataFrame:
    parts = atlas.korea.explode(index_parts=False).reset_index(drop=True)
    return parts.drop(index=parts.to_crs(region()["projected_crs"]).area.idxmax())


def test_every_front_reaches_the_sea_without_taking_an_island(atlas):
    # a front's ends lie off the coast, and neither the line nor the way its ends are carried out to the
    # frame crosses an island: islands change hands only as held areas of their own
    land = atlas.korea.union_all()
    coast, frame = land.boundary, tuple(region()["bbox"])
    island_shapes = islands(atlas).geometry.values
    held = atlas.timeline[atlas.timeline["kind"] == "held"]
    fronts = atlas.timeline[atlas.timeline["kind"] == "front"]
    assert len(fronts) >= 100
    for row in fronts.itertuples():
        if row.layer == "front_lines":
            tips = shapely.points([row.geometry.coords[0], row.geometry.coords[-1]])
            assert not shapely.intersects(tips, land).any(), f"{row.name}: an end lies on land"
        reach = shapely.union_all([row.geometry, *split.sea_extensions(row.geometry, frame, coast)])
        crossed = island_shapes[shapely.intersects(island_shapes, reach)]
        in_force = held[(held["start"] <= row.date) & (held["end"].fillna("9999") >= row.date)]
        covered = shapely.union_all(in_force.geometry.values).buffer(1e-9)
        loose = [
            shapely.get_coordinates(shape.representative_point()).round(2).tolist()[0]
            for shape in crossed
            if not covered.contains(shape)
        ]
        assert not loose, f"{row.name} ({row.date}) cuts islands at {loose} that no held area gives a side"


def test_every_event_stands_within_2_km_of_its_published_place(atlas):
    for layer_id in ("events", "inchon_landing"):
        events = atlas.layers[layer_id]
        events = events[events.geom_type == "Point"]
        for column in ("location_source", "published_lon", "published_lat"):
            assert column in events.columns and events[column].notna().all(), f"{layer_id}: every point needs {column}"
        published = gpd.GeoSeries.from_xy(events["published_lon"], events["published_lat"], crs=4326)
        metric = region()["projected_crs"]
        offset_km = events.geometry.to_crs(metric).distance(published.to_crs(metric)).to_numpy() / 1000
        far = events.loc[offset_km > MAX_EVENT_OFFSET_KM, "name"].tolist()
        assert not far, f"{layer_id}: more than {MAX_EVENT_OFFSET_KM} km from the place their source gives: {far}"
        assert (events["location_source"].str.len() > 20).all() and np.isfinite(offset_km).all()


def test_every_feature_names_its_source_and_precision(atlas):
    for layer_id in ("front_lines", "held_areas", "movements", "events"):
        frame = atlas.layers[layer_id]
        assert frame["source"].str.len().gt(20).all(), layer_id
    for layer_id in ("front_lines", "held_areas"):
        frame = atlas.layers[layer_id]
        assert frame["confidence"].notna().all() and frame["description_ko"].notna().all(), layer_id


ANCHORS = pd.read_csv(FIXTURES / "traced_anchors.csv")


def test_the_positions_the_fronts_were_traced_from_stay_on_their_side(atlas):
    # a regression guard: the dated positions (from the same volumes) each front was drawn through
    points = gpd.GeoDataFrame({"date": ANCHORS["date"]}, geometry=gpd.points_from_xy(ANCHORS["lon"], ANCHORS["lat"]), crs=4326)
    found = territory.sides_at(atlas.control, points, atlas.korea)["side"]
    wrong = ANCHORS.loc[found.to_numpy() != ANCHORS["side"].to_numpy(), ["date", "place", "side"]].values.tolist()
    assert len(ANCHORS) >= 200 and not wrong, wrong
