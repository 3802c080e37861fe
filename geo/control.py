"""Answer "who held this place on this date" from the territory computed by :mod:`geo.process`."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import geopandas as gpd
import pandas as pd

from .catalogue import checked_date
from .errors import AtlasError
from .process import sides_at

COLUMNS = ("date", "lon", "lat")


def _points(dates: list[str], lons: list[float], lats: list[float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"date": dates}, geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")


def answer_one(control: gpd.GeoDataFrame, date: str, lon: float, lat: float) -> tuple[str, str]:
    """(side, front date used) for one place and date."""
    where = f"{date} {lon} {lat}"
    answer = sides_at(control, _points([checked_date(date, where)], [lon], [lat])).iloc[0]
    return answer["side"], answer["front_date"]


def answer_file(control: gpd.GeoDataFrame, path: Path, out: TextIO) -> None:
    """Read a CSV with ``date,lon,lat`` (other columns kept) and write it to ``out`` with ``side`` added."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise AtlasError(f"{path}: file not found") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise AtlasError(f"{path}: not a readable CSV file ({str(exc).splitlines()[0]})") from None
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise AtlasError(f"{path}: missing column(s) {', '.join(missing)} (need date,lon,lat)")
    dates, coords = [], []
    for line, row in zip(range(2, len(table) + 2), table.itertuples(index=False)):
        where = f"{path}, line {line}"
        dates.append(checked_date(row.date, where))
        try:
            coords.append((float(row.lon), float(row.lat)))
        except ValueError:
            raise AtlasError(f"{where}: lon {row.lon!r} / lat {row.lat!r} must be numbers") from None
    try:
        answers = sides_at(control, _points(dates, [c[0] for c in coords], [c[1] for c in coords]))
    except AtlasError as exc:
        raise AtlasError(f"{path}: {exc}") from None
    table["side"] = answers["side"].to_numpy()
    table.to_csv(out, index=False, lineterminator="\n")
