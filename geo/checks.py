"""What a layer's role asks of its features, beyond what every layer asks (geo/load.py): movement arrows
are routes with a side and a rank, held areas are areas with a side, events are points. A feature that
does not fit its role is one line naming the file and the feature."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from .errors import AtlasError

SIDES = ("un", "communist")
RANKS = (1, 2)


def check_role(frame: gpd.GeoDataFrame, role: str | None, path: Path) -> gpd.GeoDataFrame:
    """``frame`` checked for the layer's ``role``; returned with defaults filled in (a movement's rank)."""
    if role == "movements":
        _geometry(frame, path, ("LineString",), "a movement must be a LineString from where it started to where it ended")
        lengths = shapely.length(frame.to_crs("EPSG:5179").geometry.values)
        _each(frame, path, lengths < 1000, "a movement must run at least 1 km")
        _each(
            frame,
            path,
            ~frame.get("side", gpd.pd.Series(None, index=frame.index)).isin(SIDES),
            f"'side' must be one of {', '.join(SIDES)}",
        )
        rank = frame.get("rank", gpd.pd.Series(None, index=frame.index))
        _each(frame, path, ~(rank.isna() | rank.isin(RANKS)), "'rank' must be 1 (a main thrust) or 2")
        return frame.assign(rank=rank.fillna(2).astype(int))
    if role == "held_areas":
        _geometry(frame, path, ("Polygon", "MultiPolygon"), "a held area must be a Polygon or MultiPolygon")
    if role == "events":
        _geometry(frame, path, ("Point",), "an event must be a Point")
    return frame


def _geometry(frame: gpd.GeoDataFrame, path: Path, kinds: tuple[str, ...], message: str) -> None:
    _each(frame, path, ~frame.geom_type.isin(kinds).to_numpy(), message)


def _each(frame: gpd.GeoDataFrame, path: Path, wrong, message: str) -> None:
    wrong = np.asarray(wrong, dtype=bool)
    if wrong.any():
        i = int(np.flatnonzero(wrong)[0])
        raise AtlasError(f"{path}, feature {i + 1} ({frame['name'].iloc[i]!r}): {message}")
