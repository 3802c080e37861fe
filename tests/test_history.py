"""The record between traced days: fronts close enough together in the war of movement that no day's
answer is far from the truth, and events standing where they happened."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.catalogue import mobile_war, region

MAX_JUMP_KM = 30      # issue 16: consecutive traced fronts of the war of movement at most this far apart
MAX_EVENT_OFFSET_KM = 2


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
    jumps = [(a, b, round(km)) for a, b, km in front_jumps(atlas)
             if first <= b <= last and km > MAX_JUMP_KM and b not in explained]
    assert not jumps, f"fronts more than {MAX_JUMP_KM} km apart with no source for a one-day move: {jumps}"


def test_the_jump_rule_sees_a_missing_front(atlas):
    # the rule must notice a gap: without the fronts between them, 5 July and 20 July 1950 are far apart
    jumps = {(a, b): km for a, b, km in front_jumps(atlas)}
    assert jumps and max(jumps.values()) > MAX_JUMP_KM  # landings and evacuations, explained by their sources
    fronts = atlas.fronts.drop_duplicates("front_date").set_index("front_date").to_crs(region()["projected_crs"])
    early, late = fronts.geometry.loc["1950-07-05"], fronts.geometry.loc[fronts.index[fronts.index >= "1950-07-20"][0]]
    assert shapely.hausdorff_distance(early, late, densify=0.05) / 1000 > MAX_JUMP_KM


def test_every_event_stands_within_2_km_of_its_published_place(atlas):
    events = atlas.layers["events"]
    for column in ("location_source", "published_lon", "published_lat"):
        assert column in events.columns and events[column].notna().all(), f"every event needs {column}"
    published = gpd.GeoSeries.from_xy(events["published_lon"], events["published_lat"], crs=4326)
    metric = region()["projected_crs"]
    offset_km = events.geometry.to_crs(metric).distance(published.to_crs(metric)).to_numpy() / 1000
    far = events.loc[offset_km > MAX_EVENT_OFFSET_KM, "name"].tolist()
    assert not far, f"events more than {MAX_EVENT_OFFSET_KM} km from the place their source gives: {far}"
    assert (events["location_source"].str.len() > 20).all() and np.isfinite(offset_km).all()
