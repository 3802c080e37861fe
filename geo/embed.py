"""Embedding the map in a lesson: an iframe snippet and an example lesson page."""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from .catalogue import format_date, stages, texts
from .output import write_text

MAP_FILE = "korean_war_map.html"


def map_file_for(lang: str) -> str:
    """The map's file name: ``korean_war_map.html`` in English, ``korean_war_map.ko.html`` in Korean."""
    return MAP_FILE if lang == "en" else MAP_FILE.replace(".html", f".{lang}.html")


def iframe_snippet(map_file: str = MAP_FILE, stage: int | None = None, lang: str = "en") -> str:
    """An ``<iframe>`` that opens the map (at ``stage`` if given) and sizes itself to its column."""
    src = map_file + (f"#stage={stage}" if stage else "")
    return (f'<iframe name="atlas" src="{html.escape(src)}" title="{html.escape(texts(lang)["title"])}" '
            'width="100%" height="600" style="border:0;max-width:100%" loading="lazy"></iframe>')


def write_lesson(out: Path, lang: str = "en", stage: int | None = None) -> Path:
    """``lesson.html`` beside the map: the map in an iframe next to the four stage captions, each a link
    that moves the embedded map to its stage."""
    t = texts(lang)
    template = Environment(autoescape=True).from_string(
        resources.files("geo").joinpath("assets/lesson.html").read_text(encoding="utf-8"))
    map_file = map_file_for(lang)
    items = [{"id": s["id"], "title": t["stages"][str(s["id"])]["title"], "caption": t["stages"][str(s["id"])]["caption"],
              "dates": f"{format_date(s['start'], lang)} – {format_date(s['end'], lang)}"} for s in stages()]
    page = template.render(lang=lang, title=t["title"], stages=items, map_file=map_file, stages_heading=t["ui"]["stages"],
                           iframe=Markup(iframe_snippet(map_file, stage, lang)))
    name = "lesson.html" if lang == "en" else f"lesson.{lang}.html"
    return write_text(Path(out) / name, page)
