"""Stages, styles and translations: product facts kept as data files in the package, only read here."""

from __future__ import annotations

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
    return _read("data/styles.json")


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
