"""Answer "who held this place on this date" from the territory computed by :mod:`geo.territory`, with the
date rules of :mod:`geo.dates`: the traced front in force, how old it is, and whether the place changed
hands before the next traced front (then the day's answer is uncertain, and it says so)."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import TextIO

import geopandas as gpd
import pandas as pd

from .catalogue import region, texts
from .dates import checked_date, format_date, front_note, situation
from .errors import AtlasError
from .pipeline import Atlas
from .territory import sides_at

COLUMNS = ("date", "lon", "lat")
ANSWERS = ("atlas_side", "atlas_front_date", "atlas_note", "atlas_problem")  # names no teacher's column takes


def checked_place(date: object, lon: object, lat: object, atlas: Atlas, where: str) -> tuple[str, float, float]:
    """A question's date and coordinates, checked: a strict date the fronts cover, finite numbers."""
    date = checked_date(date, where, (atlas.versions["start"].iloc[0], region()["date_range"][1]))
    try:
        x, y = float(lon), float(lat)
    except (TypeError, ValueError):
        raise AtlasError(f"{where}: lon {lon!r} / lat {lat!r} must be numbers") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise AtlasError(f"{where}: lon {lon!r} / lat {lat!r} must be finite numbers")
    return date, x, y


def answers(atlas: Atlas, dates: list[str], lons: list[float], lats: list[float], lang: str = "en") -> pd.DataFrame:
    """For each place and date: ``side`` (un, communist, or NaN off the peninsula), ``front_date`` and
    ``note`` (the line used, its age, how far the front moved, and whether this place changed hands
    before the next traced front)."""
    points = gpd.GeoDataFrame({"date": dates}, geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")
    found = sides_at(atlas.control, points, atlas.korea)
    notes, ui = [], texts(lang)["ui"]
    known = {d: situation(atlas.versions, d) for d in dict.fromkeys(dates)}  # a class list repeats its dates
    states = [known[d] for d in dates]
    noted = {d: front_note(s, lang) for d, s in known.items()}
    later = points.assign(date=[s["next_front"] or s["date"] for s in states])
    after = sides_at(atlas.control, later, atlas.korea)["side"]
    for s, side, side_after in zip(states, found["side"], after):
        note = noted[s["date"]]
        if s["age_days"] and s["next_front"] and isinstance(side, str) and side != side_after:
            note += "; " + ui["note_uncertain"].replace("{date}", format_date(s["front_date"], lang)).replace(
                "{next}", format_date(s["next_front"], lang)
            )
        notes.append(note)
    return pd.DataFrame({"side": found["side"].to_numpy(), "front_date": [s["front_date"] for s in states], "note": notes})


def answer_one(atlas: Atlas, date: str, lon: float, lat: float, lang: str = "en") -> tuple[str, str]:
    """(side, note) for one place and date, the note in ``lang``."""
    date, lon, lat = checked_place(date, lon, lat, atlas, "control")
    answer = answers(atlas, [date], [lon], [lat], lang).iloc[0]
    if pd.isna(answer["side"]):
        raise AtlasError(f"control: {lon:.4f} {lat:.4f} is not on the Korean peninsula")
    return answer["side"], answer["note"]


def answer_file(atlas: Atlas, path: Path, out: TextIO, lang: str = "en") -> bool:
    """Read a CSV with ``date,lon,lat`` and write it to ``out`` with every column kept and the answers
    added as ``atlas_side``, ``atlas_front_date``, ``atlas_note`` and ``atlas_problem``. Every row is
    answered that can be; a row that cannot says why in ``atlas_problem``. True if all were answered."""
    path = Path(path)
    if not path.is_file():
        raise AtlasError(f"{path}: not a readable file (missing, a folder or a pipe)")
    try:
        # the separator a spreadsheet chose (a comma, a semicolon, a tab) and its byte-order mark are read as written
        table = pd.read_csv(
            path, dtype=str, keep_default_na=False, skip_blank_lines=True, sep=None, engine="python", encoding="utf-8-sig"
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError, csv.Error) as exc:
        raise AtlasError(f"{path}: not a readable CSV file ({str(exc).splitlines()[0]})") from None
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise AtlasError(f"{path}: missing column(s) {', '.join(missing)} (need date,lon,lat)")
    clash = [c for c in ANSWERS if c in table.columns]
    if clash:
        raise AtlasError(f"{path}: already has a column {clash[0]!r}, where the atlas writes its answers; rename it")
    if table.empty:
        raise AtlasError(f"{path}: has a header but no rows of places")
    good, problems = {}, [""] * len(table)
    for number, row in enumerate(table.itertuples(index=False), start=1):
        try:
            good[number - 1] = checked_place(row.date, row.lon, row.lat, atlas, f"row {number}")
        except AtlasError as exc:
            problems[number - 1] = str(exc).split(": ", 1)[1]
    result = pd.DataFrame(index=table.index, columns=list(ANSWERS[:3]), dtype=object).fillna("")
    if good:
        rows = list(good)
        found = answers(atlas, *(list(v) for v in zip(*good.values())), lang=lang)
        for i, answer in zip(rows, found.itertuples(index=False)):
            if pd.isna(answer.side):
                problems[i] = f"{good[i][1]:.4f} {good[i][2]:.4f} is not on the Korean peninsula"
            else:
                result.loc[i] = [answer.side, answer.front_date, answer.note]
    table = pd.concat([table, result], axis=1).assign(atlas_problem=problems)
    table.to_csv(out, index=False, lineterminator="\n")
    return not any(problems)
