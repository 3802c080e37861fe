"""Stages, styles and translations: product facts kept as data files in the package, only read here."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from .errors import AtlasError

LANGUAGES = ("en", "ko")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@cache
def _read(name: str) -> Any:
    return json.loads(resources.files("geo").joinpath(name).read_text(encoding="utf-8"))


def stages() -> list[dict]:
    """The war's four stages: id, start, end (inclusive), key date and colour."""
    return _read("data/stages.json")["stages"]


def stage_end(date: str) -> str:
    """The last day of the stage ``date`` falls in."""
    return stage_for(date)["end"]


def war_span() -> tuple[str, str]:
    """First and last date the time slider covers."""
    data = _read("data/stages.json")
    return data["first_date"], data["last_date"]


def stage_for(date: str) -> dict:
    """The stage a date ('YYYY-MM-DD') falls in; dates outside the war clamp to the first or last stage."""
    for stage in stages():
        if date <= stage["end"]:
            return stage
    return stages()[-1]


def styles() -> dict:
    """Colours of the two sides and of the basemap, and the z-order of the map's panes."""
    return _read("data/styles.json")


def layer_entry(layer_id: str, override: dict | None = None) -> dict:
    """One layer's catalogue entry (``data/layers.json``; ``default`` for a teacher's layer), with a
    layer file's own ``atlas`` member (title, colour, legend) laid over it."""
    data = _read("data/layers.json")
    entry = copy.deepcopy(data["layers"].get(layer_id, data["default"]))
    override = override or {}
    if "colour" in override:
        entry["style"].update(color=override["colour"], fillColor=override["colour"])
    if "legend" in override:
        entry["legend"] = override["legend"]
    entry["titles"] = {key: value for key, value in override.items() if key == "title" or key.startswith("title_")}
    return entry


def legend_symbol(entry: dict, geometry_types: set[str]) -> str | None:
    """How the legend shows a layer: the catalogue's symbol, or for 'auto' the layer's main geometry."""
    return geometry_symbol(geometry_types) if entry["legend"] == "auto" else entry["legend"]


def geometry_symbol(geometry_types: set[str]) -> str:
    """'area', 'line' or 'point': what a layer's geometries mostly draw as."""
    if geometry_types & {"Polygon", "MultiPolygon"}:
        return "area"
    return "line" if geometry_types & {"LineString", "MultiLineString"} else "point"


def layer_order() -> list[str]:
    """Built-in layer ids in drawing order, bottom first."""
    return list(_read("data/layers.json")["layers"])


def layer_title(layer_id: str, entry: dict, lang: str = "en") -> str:
    """What a layer is called in the legend and the layer list: a layer file's own title for the
    language, else the interface text for a built-in layer, else the file's title, else its id."""
    titles = entry.get("titles", {})
    return titles.get(f"title_{lang}") or texts(lang)["layers"].get(layer_id) or titles.get("title") or layer_id


def front_note(front_date: str, date: str, lang: str = "en") -> str:
    """How the front line in force on ``date`` stands to that day: nothing on a front's own date, else its
    age and, while the war was mobile, that the day's own line is not known."""
    if front_date == date:
        return ""
    days = (dt.date.fromisoformat(date) - dt.date.fromisoformat(front_date)).days
    ui = texts(lang)["ui"]
    first, last = mobile_war()
    note = ui["front_age"].replace("{date}", front_date).replace("{days}", str(days))
    return f"{note}; {ui['front_moving'] if first <= date <= last else ui['front_static']}"


def mobile_war() -> list[str]:
    """First and last day of the war of movement; after it the front was nearly static."""
    return _read("data/stages.json")["mobile_war"]


def chinese_entry() -> str:
    """The day the Chinese People's Volunteers crossed the Yalu into Korea."""
    return _read("data/stages.json")["chinese_entry"]


def side_name(side: str, date: str, lang: str = "en") -> str:
    """The name of a side on a date: before the Chinese armies crossed the Yalu the Communist side
    was North Korea alone."""
    names = texts(lang)["sides"]
    if side == "communist" and date < chinese_entry():
        return names["communist_before_china"]
    return names[side]


def texts(lang: str = "en") -> dict:
    """All interface text for one language (stage titles, captions, labels)."""
    if lang not in LANGUAGES:
        raise AtlasError(f"unknown language '{lang}': choose one of {', '.join(LANGUAGES)}")
    return _read(f"i18n/{lang}.json")


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


def format_date(date: str, lang: str = "en") -> str:
    """'1950-09-15' as '15 Sep 1950' (en) or '1950년 9월 15일' (ko), without date arithmetic."""
    year, month, day = (int(part) for part in date.split("-"))
    t = texts(lang)
    if t["date_format"] == "ymd":
        return f"{year}년 {t['months'][month - 1]} {day}일"
    return f"{day} {t['months'][month - 1]} {year}"


def region() -> dict:
    """Where and when layers may lie: bounding box, projected CRS for measuring, date range, map view."""
    return _read("data/region.json")
