"""The date rules of the atlas, in one place: the one strict date parser, the stage of a date, which
traced front is in force on a day, how old it is, whether the front was moving then, and what a side
was called. ``geo/assets/slider/dates.js`` applies the same rules in the page; a browser test checks
that the two agree on every day of the war.

Dates are ISO strings ('1950-09-15') compared as text, which sorts them by date."""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Sequence

import pandas as pd

from .catalogue import chinese_entry, moving_km, stages, texts
from .errors import AtlasError

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def checked_date(value: object, where: str, within: tuple[str, str] | None = None) -> str:
    """``value`` if it is a real date written exactly ``YYYY-MM-DD`` (the one date parser for layers, the
    command line, CSV files and the page's links), else an :class:`AtlasError` naming ``where``. With
    ``within`` the date must also lie in that inclusive range."""
    text = value if isinstance(value, str) else None
    try:
        if text is None or not ISO_DATE.fullmatch(text):
            raise ValueError
        date = dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise AtlasError(f"{where}: date {value!r} is not a real date written YYYY-MM-DD") from None
    if within is not None and not within[0] <= date <= within[1]:
        raise AtlasError(f"{where}: date {date} is outside {within[0]} to {within[1]}")
    return date


def days_between(first: str, last: str) -> int:
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days


def day_after(date: str) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


def day_before(date: str) -> str:
    return (dt.date.fromisoformat(date) - dt.timedelta(days=1)).isoformat()


def stage_for(date: str) -> dict:
    """The stage a date falls in; dates outside the war clamp to the first or last stage."""
    for stage in stages():
        if date <= stage["end"]:
            return stage
    return stages()[-1]


def stage_end(date: str) -> str:
    """The last day of the stage ``date`` falls in."""
    return stage_for(date)["end"]


def format_date(date: str, lang: str = "en") -> str:
    """'1950-09-15' as '15 Sep 1950' (en) or '1950년 9월 15일' (ko), without date arithmetic."""
    year, month, day = (int(part) for part in date.split("-"))
    t = texts(lang)
    if t["date_format"] == "ymd":
        return f"{year}년 {t['months'][month - 1]} {day}일"
    return f"{day} {t['months'][month - 1]} {year}"


def side_name(side: str, date: str, lang: str = "en") -> str:
    """The name of a side on a date: before the Chinese armies crossed the Yalu the Communist side was
    North Korea alone."""
    names = texts(lang)["sides"]
    if side == "communist" and date < chinese_entry():
        return names["communist_before_china"]
    return names[side]


def version_index(starts: Sequence[str], date: str) -> int:
    """Position of the territory version in force on ``date`` (the last start not after it), or -1."""
    return bisect.bisect_right(starts, date) - 1


def situation(versions: pd.DataFrame, date: str) -> dict:
    """What the map shows on ``date``: the territory version, the traced line it comes from (``line``:
    pre_war, front or armistice), that line's age in days, the next traced front and how far the front
    moved by then (``move_km``; ``moving`` when it is at least ``moving_km``)."""
    starts = versions["start"].tolist()
    i = version_index(starts, date)
    if i < 0:
        raise AtlasError(f"date {date} is before the first front ({starts[0]})")
    row = versions.iloc[i]
    move = None if pd.isna(row["move_km"]) else float(row["move_km"])
    return {
        "date": date,
        "stage": stage_for(date)["id"],
        "version": row["start"],
        "front_date": row["front_date"],
        "age_days": days_between(row["front_date"], date),
        "line": row["line"],
        "next_front": None if pd.isna(row["next_front"]) else row["next_front"],
        "move_km": move,
        "moving": move is not None and move >= moving_km(),
        "index": i,
    }


def front_note(s: dict, lang: str = "en") -> str:
    """How the line drawn on a day stands to that day, in words: the 38th parallel before the war, the
    armistice line after it, a front's date, and on an untraced day its age and how far the front moved
    before the next traced line (within that distance of the line, an answer may be wrong)."""
    ui = texts(lang)["ui"]
    if s["line"] == "pre_war":
        return ui["note_pre_war"]
    if s["line"] == "armistice":
        return ui["note_armistice"].replace("{date}", format_date(s["front_date"], lang))
    note = ui["note_traced"].replace("{date}", format_date(s["front_date"], lang))
    if s["age_days"] == 0:
        return note
    age = ui["note_age_one"] if s["age_days"] == 1 else ui["note_age"]
    note += age.replace("{days}", str(s["age_days"]))
    if s["next_front"] is None:
        return note
    km = str(max(1, math.ceil(s["move_km"])))
    moved = ui["note_moving"] if s["moving"] else ui["note_static"]
    return note + moved.replace("{km}", km).replace("{next}", format_date(s["next_front"], lang))
