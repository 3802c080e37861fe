"""Embedding the map in a lesson: an iframe snippet and an example lesson page with the stages, the
tour's stops and their questions, every link moving the embedded map."""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from .catalogue import texts
from .dates import format_date, stage_for
from .model import DrawnModel
from .output import write_text

MAP_FILE = "korean_war_map.html"


def map_file_for(lang: str) -> str:
    """The map's file name: ``korean_war_map.html`` in English, ``korean_war_map.ko.html`` in Korean."""
    return MAP_FILE if lang == "en" else MAP_FILE.replace(".html", f".{lang}.html")


def iframe_snippet(map_file: str = MAP_FILE, stage: int | None = None, lang: str = "en") -> str:
    """An ``<iframe>`` that opens the map (at ``stage`` if given), sizes itself to its column and may go
    full screen."""
    src = map_file + (f"#stage={stage}" if stage else "")
    return (
        f'<iframe name="atlas" src="{html.escape(src)}" title="{html.escape(texts(lang)["title"])}" '
        'width="100%" height="600" style="border:0;max-width:100%" loading="lazy" allow="fullscreen *" '
        "allowfullscreen></iframe>"
    )


def write_lesson(model: DrawnModel, out: Path, stage: int | None = None) -> Path:
    """``lesson.html`` beside the map: the map in an iframe beside the four stages, each with its caption,
    the tour's stops in it and their questions (answers folded), every link moving the embedded map."""
    t = model.texts
    template = Environment(autoescape=True).from_string(
        resources.files("geo").joinpath("assets/lesson.html").read_text(encoding="utf-8")
    )
    map_file = map_file_for(model.lang)
    stops = [{**s, "when": format_date(s["date"], model.lang), "stage": stage_for(s["date"])["id"]} for s in model.tour]
    items = [
        {
            **s,
            "dates": f"{format_date(s['start'], model.lang)} – {format_date(s['end'], model.lang)}",
            "stops": [x for x in stops if x["stage"] == s["id"]],
        }
        for s in model.stages
    ]
    page = template.render(
        lang=model.lang,
        title=t["title"],
        stages=items,
        map_file=map_file,
        ui=t["ui"],
        has_tour=bool(stops),
        iframe=Markup(iframe_snippet(map_file, stage, model.lang)),
    )
    name = "lesson.html" if model.lang == "en" else f"lesson.{model.lang}.html"
    return write_text(Path(out) / name, page)
