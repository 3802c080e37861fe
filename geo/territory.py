"""Territory from the traced fronts: the peninsula split by each dated front line into the ground each
side held, UN pockets and held areas laid over it, the drawn front per date, the versions of the
territory in time (with how far the front moved before the next traced one), and who held a place.

The communist side of a line is the side that reaches Manchuria, whichever way the line was walked.
Territory is sketched in EPSG:4326 (a few vertices plus the front line) and cut to the land and
measured in the projected CRS of ``region.json``."""

from __future__ import annotations

import itertools

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .catalogue import LANGUAGES, layer_for, region
from .dates import day_after, day_before
from .errors import AtlasError, FeatureError
from .process import merged, projected
from .split import COAST_SLACK_DEG, communist_side

FRONT_KINDS = ("front", "area", "held")  # a line on its date; a UN pocket on its date; an area held over start..end
HELD_SIDES = ("un", "communist")
LINES = {"pre_war_line": "pre_war", "front": "front", "armistice_line": "armistice"}  # role -> what the line was


def front_timeline(layers: dict[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Every dated front as rows (date, kind, geometry, texts): the 38th parallel before the war, the
    traced front lines, pockets and held areas, and the armistice line from 27 July 1953."""
    parts = []
    for role, line in LINES.items():
        frame = layers.get(layer_for(role))
        if frame is not None:
            parts.append(frame.assign(line=line) if role == "front" else frame.assign(kind="front", line=line))
    if not parts:
        raise AtlasError(
            "the layers folder has no " + ", ".join(layer_for(role) for role in LINES) + " layer to draw a front from"
        )
    held = layers.get(layer_for("held_areas"))
    if held is not None:
        parts.append(held.assign(kind="held", line=None))
    timeline = pd.concat(parts, ignore_index=True)
    timeline["kind"] = timeline["kind"].fillna("front")
    bad = ~timeline["kind"].isin(FRONT_KINDS)
    if bad.any():
        row = timeline[bad].iloc[0]
        raise FeatureError(row["layer"], row["name"], f"kind must be one of {', '.join(FRONT_KINDS)}")
    held = timeline["kind"] == "held"
    timeline["side"] = timeline.reindex(columns=["side"])["side"].astype(object).mask(held, lambda side: side.fillna("un"))
    bad = held & ~timeline["side"].isin(HELD_SIDES)
    if bad.any():
        row = timeline[bad].iloc[0]
        raise FeatureError(row["layer"], row["name"], f"side must be one of {', '.join(HELD_SIDES)}")
    is_line = timeline["kind"] == "front"
    wrong = np.where(is_line, timeline.geom_type != "LineString", ~timeline.geom_type.isin(["Polygon", "MultiPolygon"]))
    if wrong.any():
        row = timeline[wrong].iloc[0]
        shape = "LineString" if row["kind"] == "front" else "Polygon"
        raise FeatureError(row["layer"], row["name"], f"a {row['kind']} must be a {shape}")
    timeline["date"] = timeline["start"]
    return gpd.GeoDataFrame(timeline.sort_values("date", kind="stable"), crs="EPSG:4326").reset_index(drop=True)


def control_sketches(timeline: gpd.GeoDataFrame, korea: gpd.GeoDataFrame, last_date: str) -> gpd.GeoDataFrame:
    """Each side's territory on each front date before it is cut to the coastline: rows (start, end,
    side, geometry), a few vertices each, covering the whole frame between them.

    A front line gives the communist side its north (left) side; explicit areas are UN-held pockets
    (the Pusan Perimeter, the Inchon beachhead); a date with only areas gives the rest to the other side.
    'held' areas join their ``side`` (UN unless it says otherwise) on every front date between their
    start and end: Cheju-do throughout the war, islands that the armistice gave to one side or the other.
    ``end`` is the day before the next front date (``last_date`` for the last one)."""
    land = merged(korea)
    coast = land.boundary
    frame = tuple(region()["bbox"])
    box = shapely.box(*frame)
    fronts = timeline[timeline["kind"] == "front"]
    lines = fronts.geometry.values
    tips = np.stack([shapely.get_point(lines, 0), shapely.get_point(lines, -1)], axis=1)
    inland = shapely.contains(land, tips)
    inland[inland] = shapely.distance(tips[inland], coast) > COAST_SLACK_DEG  # the costly test, only where needed
    if inland.any():
        row = fronts[inland.any(axis=1)].iloc[0]
        raise FeatureError(
            row["layer"],
            row["name"],
            "a front line must start and end at sea, beyond the coast, so that it cuts the peninsula in two",
        )
    north = pd.Series(
        [
            communist_side(row.geometry, frame, coast, row.layer, row.name)
            for row in fronts[["geometry", "layer", "name"]].itertuples()
        ],
        index=fronts.index,
        dtype=object,
    )
    held = timeline[timeline["kind"] == "held"]
    dated = timeline[timeline["kind"] != "held"]
    texts = [("name", " "), ("description", " "), ("confidence", " "), ("source", "; "), ("line", "")]
    texts += [
        (column, " ")
        for column in dated.columns
        if column.rsplit("_", 1)[0] in ("name", "description", "confidence") and column.rsplit("_", 1)[-1] in LANGUAGES
    ]  # the texts in other languages, joined the same way
    joined = _texts_by_date(dated.reindex(columns=["date", *(key for key, _ in texts)]), texts)
    line_dates, north_shapes = fronts["date"].to_numpy(), north.to_numpy()
    area_dates, area_shapes = dated["date"].to_numpy()[dated["kind"] == "area"], dated.geometry.values[dated["kind"] == "area"]
    held_start, held_end = held["start"].to_numpy(), held["end"].fillna(last_date).to_numpy()
    held_shapes, held_by_un = held.geometry.values, held["side"].to_numpy() == "un"
    front_dates = np.array(sorted(joined.index))
    # a held area that starts or ends between two traced fronts changes the map on its own dates
    changes = np.concatenate([held_start, [day_after(d) for d in held_end]])
    versions = sorted(set(front_dates) | {d for d in changes if front_dates[0] < d <= last_date})
    rows = []
    for version in versions:
        date = front_dates[np.searchsorted(front_dates, version, side="right") - 1]
        about = joined.loc[date].to_dict()
        holding = (held_start <= version) & (held_end >= version)
        pockets = np.concatenate([area_shapes[area_dates == date], held_shapes[holding & held_by_un]])
        north_parts = north_shapes[line_dates == date]
        communist = shapely.difference(
            shapely.intersection_all(north_parts) if len(north_parts) else box, shapely.union_all(pockets)
        )
        communist = shapely.union(communist, shapely.union_all(held_shapes[holding & ~held_by_un]))
        for side, geometry in (("un", shapely.difference(box, communist)), ("communist", communist)):
            rows.append({"start": version, "side": side, "front_date": date, **about, "geometry": geometry})
    sketches = gpd.GeoDataFrame(rows, crs=korea.crs)
    next_day = {d: day_before(n) for d, n in itertools.pairwise(versions)}
    sketches["end"] = sketches["start"].map(next_day).fillna(last_date)
    return sketches


def _texts_by_date(rows: pd.DataFrame, texts: list[tuple[str, str]]) -> pd.DataFrame:
    """Each date's texts: the texts of its rows (lines and pockets) joined, each once, in file order."""
    found: dict[str, dict[str, dict]] = {}
    for record in rows.to_dict("records"):
        parts = found.setdefault(record["date"], {key: {} for key, _ in texts})
        for key, _ in texts:
            value = record[key]
            if isinstance(value, str) and value:
                parts[key].setdefault(value, None)
    return pd.DataFrame.from_dict(
        {date: {key: sep.join(parts[key]) or None for key, sep in texts} for date, parts in sorted(found.items())}, orient="index"
    )


def territory_shares(sketches: gpd.GeoDataFrame, korea: gpd.GeoDataFrame) -> pd.DataFrame:
    """``area_km2`` and ``share`` (percent of the peninsula) of each sketch row. Only the communist side
    is cut and measured: the two sides partition the frame, so the UN side is the rest of the land.
    ``korea`` may already be projected."""
    land = projected(korea)
    total_km2 = land.area.sum() / 1e6
    communist = sketches[sketches["side"] == "communist"]
    cut = shapely.intersection(projected(communist).geometry.values, merged(land))
    held = pd.Series(shapely.area(cut) / 1e6, index=communist["start"].to_numpy())
    area = sketches["start"].map(held).where(sketches["side"] == "communist", total_km2 - sketches["start"].map(held))
    return pd.DataFrame({"area_km2": area, "share": 100 * area / total_km2})


def on_land(control: gpd.GeoDataFrame, korea: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Territory cut to the peninsula's land, in the projected CRS where it is cut (the sketches are light
    to project, the land is not): what a GeoPackage stores. The atlas keeps the sketches, which
    partition the frame, and cuts only what an output draws."""
    control = projected(control)
    control["geometry"] = shapely.intersection(control.geometry.values, merged(projected(korea)))
    return control


def front_geometries(sketches: gpd.GeoDataFrame, timeline: gpd.GeoDataFrame, korea: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The drawn front on each front date: that date's traced lines and pocket outlines where they run
    over land (not the extensions out to sea that close the territory), with the date's texts."""
    drawn = timeline[timeline["kind"] != "held"]
    shapes = np.where(drawn["kind"] == "front", drawn.geometry.values, shapely.boundary(drawn.geometry.values))
    per_date = gpd.GeoDataFrame({"date": drawn["date"].to_numpy()}, geometry=shapes, crs=timeline.crs).dissolve("date")
    fronts = sketches[sketches["side"] == "communist"].drop(columns=["side"]).reset_index(drop=True)
    fronts["geometry"] = shapely.intersection(per_date.geometry.reindex(fronts["front_date"]).values, merged(korea))
    return fronts


def control_at(control: gpd.GeoDataFrame, dates: pd.Series) -> np.ndarray:
    """Index of the front version in force on each date (the latest front date not after it)."""
    versions = np.sort(control["start"].unique())
    position = np.searchsorted(versions, dates.to_numpy(dtype=str), side="right") - 1
    if (position < 0).any():
        raise AtlasError(f"date {dates[position < 0].iloc[0]} is before the first front ({versions[0]})")
    return versions[position]


def sides_at(control: gpd.GeoDataFrame, points: gpd.GeoDataFrame, korea: gpd.GeoDataFrame) -> pd.DataFrame:
    """For points with a ``date`` column: the side holding each place then and the front date used.
    A point on the peninsula, or a little offshore (within ``coast_tolerance_km``), takes the side of the
    territory it lies in; a point farther out gets no side (NaN), for the caller to report."""
    points = gpd.GeoDataFrame(
        {"date": points["date"].to_numpy()}, geometry=points.geometry.values, index=points.index, crs=points.crs
    )
    versions = control_at(control, points["date"])
    land = merged(projected(korea))
    metric = projected(points).geometry.values
    near_land = shapely.dwithin(land, metric, region()["coast_tolerance_km"] * 1000)
    # a place just offshore is asked about the nearest land (a harbour, an islet drawn too small)
    at = shapely.get_coordinates(shapely.get_point(shapely.shortest_line(land, metric), 0))
    sketches = projected(control)
    side = np.full(len(points), None, dtype=object)
    front = np.full(len(points), None, dtype=object)
    for version in np.unique(versions):
        here = sketches[sketches["start"] == version]
        ask = np.flatnonzero((versions == version) & near_land)
        inside = shapely.intersects_xy(np.asarray(here.geometry.values)[:, None], *at[ask].T)
        which = inside.argmax(axis=0)
        side[ask] = np.where(inside.any(axis=0), here["side"].to_numpy()[which], None)
        front[ask] = here["front_date"].iloc[0]
    return pd.DataFrame({"side": side, "front_date": front}, index=points.index).replace({None: np.nan})


def previous_fronts(fronts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The front before the last move, shown faded under the current one so the movement reads on the
    map. A front redrawn unchanged (the static line re-dated through the stalemate) is not a move: the
    faded line stays the one before it. Each keeps its own dates (what a reader is told)."""
    if fronts.empty:
        return fronts.assign(shown_from=[], shown_until=[])
    shapes = fronts.geometry.values
    new_line = np.concatenate([[True], ~shapely.equals(shapes[1:], shapes[:-1])])
    runs = (
        pd.DataFrame({"row": np.arange(len(fronts)), "start": fronts["start"].to_numpy(), "end": fronts["end"].to_numpy()})
        .groupby(np.cumsum(new_line))
        .agg(row=("row", "first"), shown_from=("start", "first"), shown_until=("end", "last"))
    )
    previous = fronts.iloc[runs["row"].to_numpy()[:-1]].copy()  # each run's line, shown through the next run
    previous["shown_from"], previous["shown_until"] = runs["shown_from"].to_numpy()[1:], runs["shown_until"].to_numpy()[1:]
    return previous.reset_index(drop=True)


def versions(control: gpd.GeoDataFrame, fronts: gpd.GeoDataFrame) -> pd.DataFrame:
    """The territory's versions in time, one row each: ``start``, ``end``, the traced ``front_date`` it
    comes from, the ``line`` that was (pre_war, front, armistice), the ``next_front`` traced after it and
    ``move_km``, how far the front moved by then (Hausdorff distance of the drawn fronts, in the
    projected CRS), each side's share and km². The date rules of :mod:`geo.dates` read this table."""
    table = control.pivot(index="start", columns="side", values=["share", "area_km2"])
    about = control.drop_duplicates("start").set_index("start")
    traced = fronts.drop_duplicates("front_date").sort_values("front_date")
    dates = traced["front_date"].tolist()
    shapes = projected(traced).geometry.values
    km = shapely.hausdorff_distance(shapes[:-1], shapes[1:], densify=0.05) / 1000
    moves = pd.DataFrame({"next_front": dates[1:], "move_km": km.round(1)}, index=dates[:-1])
    out = pd.DataFrame(
        {
            "start": about.index,
            "end": about["end"].to_numpy(),
            "front_date": about["front_date"].to_numpy(),
            "line": about["line"].to_numpy(),
            "un": table[("share", "un")].to_numpy(),
            "communist": table[("share", "communist")].to_numpy(),
            "un_km2": table[("area_km2", "un")].to_numpy(),
            "communist_km2": table[("area_km2", "communist")].to_numpy(),
        }
    )
    return out.join(moves, on="front_date").reset_index(drop=True)
