"""Answer "who held this place on this date" from the territory computed by :mod:`geo.process`."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TextIO

import geopandas as gpd
import pandas as pd

from .catalogue import checked_date, front_note, region
from .errors import AtlasError
from .process import sides_at

COLUMNS = ("date", "lon", "lat")


def _points(dates: list[str], lons: list[float], lats: list[float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"date": dates}, geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")


def checked_place(date: object, lon: object, lat: object, control: gpd.GeoDataFrame, where: str) -> tuple[str, float, float]:
    """A question's date and coordinates, checked: a strict date the fronts cover, finite numbers."""
    first = control["start"].min()
    date = checked_date(date, where, (first, region()["date_range"][1]))
    try:
        x, y = float(lon), float(lat)
    except (TypeError, ValueError):
        raise AtlasError(f"{where}: lon {lon!r} / lat {lat!r} must be numbers") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise AtlasError(f"{where}: lon {lon!r} / lat {lat!r} must be finite numbers")
    return date, x, y


def _not_on_land(where: str, lon: float, lat: float) -> AtlasError:
    return AtlasError(f"{where}: {lon:.4f} {lat:.4f} is not on the Korean peninsula")


def answer_one(control: gpd.GeoDataFrame, date: str, lon: float, lat: float) -> tuple[str, str, str]:
    """(side, front date used, a note on how old that front is on ``date``) for one place and date."""
    date, lon, lat = checked_place(date, lon, lat, control, "control")
    answer = sides_at(control, _points([date], [lon], [lat])).iloc[0]
    if pd.isna(answer["side"]):
        raise _not_on_land("control", lon, lat)
    return answer["side"], answer["front_date"], front_note(answer["front_date"], date)


def answer_file(control: gpd.GeoDataFrame, path: Path, out: TextIO) -> None:
    """Read a CSV with ``date,lon,lat`` (other columns kept) and write it to ``out`` with ``side``,
    ``front_date`` (the traced front used) and ``front_note`` (its age, when it is not that day's) added.
    Problems name the data row (the first row under the header is row 1), as a spreadsheet shows it."""
    path = Path(path)
    if not path.is_file():
        raise AtlasError(f"{path}: not a readable file (missing, a folder or a pipe)")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError) as exc:
        raise AtlasError(f"{path}: not a readable CSV file ({str(exc).splitlines()[0]})") from None
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise AtlasError(f"{path}: missing column(s) {', '.join(missing)} (need date,lon,lat)")
    if table.empty:
        raise AtlasError(f"{path}: has a header but no rows of places")
    rows = [checked_place(row.date, row.lon, row.lat, control, f"{path}, row {number}")
            for number, row in enumerate(table.itertuples(index=False), start=1)]
    dates, lons, lats = zip(*rows)
    answers = sides_at(control, _points(list(dates), list(lons), list(lats)))
    off_land = answers["side"].isna().to_numpy()
    if off_land.any():
        number = int(off_land.argmax())
        raise _not_on_land(f"{path}, row {number + 1}", lons[number], lats[number])
    table["side"] = answers["side"].to_numpy()
    table["front_date"] = answers["front_date"].to_numpy()
    table["front_note"] = [front_note(front, date) for front, date in zip(answers["front_date"], dates)]
    table.to_csv(out, index=False, lineterminator="\n")
