"""The drawn model: what every output shows, built once per build and language from the atlas. Each
layer comes with its role, title, style, legend symbol and display windows, its texts in the page's
language, events numbered, and the date rules' table of territory versions. The page, snapshots,
animation and handout only read it; none of them reaches back into the pipeline."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from . import dates, process, territory
from .catalogue import catalogue, layer_for, layer_title, legend_symbol, read, region, stages, texts, war_span
from .pipeline import Atlas

BASE_ROLES = {"territory", "front", "previous_front", "places"}  # drawn from what the pipeline computed


@dataclass(frozen=True)
class DrawnLayer:
    """One layer as drawn: its features (EPSG:4326, texts in the language, ``shown_from`` and
    ``shown_until``) and how it looks."""

    id: str
    role: str | None
    title: str
    entry: dict  # the catalogue entry: pane, style, legend, dates, label, radius
    symbol: str | None  # legend symbol: sides, line, point, area, outline, arrows, or None
    features: gpd.GeoDataFrame


@dataclass(frozen=True)
class DrawnModel:
    """Every drawn layer in drawing order (bottom first), with what the date rules and texts need."""

    lang: str
    layers: dict[str, DrawnLayer]
    versions: pd.DataFrame  # see geo.territory.versions
    stages: list[dict]  # id, start, end, key_date, key_layer, colour, title, caption
    steps: list[str]  # every day the slider stops at
    tour: list[dict]  # stops with their texts in the language
    land: gpd.GeoDataFrame
    korea: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    texts: dict = field(repr=False)

    def role(self, role: str) -> DrawnLayer | None:
        """The drawn layer that has ``role`` (territory, front, previous_front, events, places ...)."""
        return next((layer for layer in self.layers.values() if layer.role == role), None)

    def shown(self, layer_id: str, date: str) -> gpd.GeoDataFrame:
        return shown_on(self.layers[layer_id].features, date)

    def situation(self, date: str) -> dict:
        return dates.situation(self.versions, date)

    def note(self, date: str) -> str:
        return dates.front_note(self.situation(date), self.lang)


def drawn_model(atlas: Atlas, lang: str = "en") -> DrawnModel:
    """The drawn model of the atlas in ``lang``."""
    t = texts(lang)
    frames = _computed(atlas, lang)
    for layer_id, frame in atlas.layers.items():
        entry = atlas.catalogue[layer_id]
        if entry["drawn"] and entry["role"] not in BASE_ROLES:
            frames[layer_id] = process.tapered_arrows(frame) if entry["role"] == "movements" else process.with_arrowheads(frame)
    builtin = [k for k in catalogue() if k in frames]  # teacher layers go on top, by id
    order = builtin + sorted(k for k in frames if k not in builtin)
    layers = {}
    for layer_id in order:
        entry = atlas.catalogue[layer_id]
        frame = _in_language(frames[layer_id], lang, by_date=entry["role"] in ("front", "previous_front"))
        if entry["role"] == "events":
            frame = numbered(frame)
        frame = display_windows(frame, entry["visible"])
        symbol = legend_symbol(entry, set(frame.geom_type))
        layers[layer_id] = DrawnLayer(layer_id, entry["role"], layer_title(layer_id, entry, lang), entry, symbol, frame)
    stage_list = [{**s, **t["stages"][str(s["id"])]} for s in stages()]
    return DrawnModel(
        lang=lang,
        layers=layers,
        versions=atlas.versions,
        stages=stage_list,
        steps=slider_steps(layers, stage_list),
        tour=_tour(atlas.tour, lang),
        land=atlas.land,
        korea=atlas.korea,
        places=atlas.places,
        texts=t,
    )


def _computed(atlas: Atlas, lang: str) -> dict[str, gpd.GeoDataFrame]:
    """The layers the pipeline computed, under the ids the catalogue gives their roles."""
    control = atlas.control.assign(
        name=[dates.side_name(side, date, lang) for side, date in zip(atlas.control["side"], atlas.control["start"])]
    )
    # a front stands until the next traced line (the armistice line included); the 38th parallel and the
    # armistice line are drawn as layers of their own, never again as a front
    next_line = atlas.versions.drop_duplicates("front_date").set_index("front_date")["next_front"]
    fronts = atlas.fronts.drop_duplicates("front_date").query("line == 'front'")
    fronts = fronts.assign(
        start=fronts["front_date"],
        end=[dates.day_before(next_line[d]) if isinstance(next_line[d], str) else war_span()[1] for d in fronts["front_date"]],
    )
    return {
        layer_for("territory"): control,
        layer_for("front"): fronts,
        layer_for("previous_front"): territory.previous_fronts(fronts),
        layer_for("places"): _places(atlas, lang),
    }


def _places(atlas: Atlas, lang: str) -> gpd.GeoDataFrame:
    """Places labelled with their 1950 name (and today's, or the Korean one), shown throughout."""
    places = atlas.places.copy()
    if lang == "ko":
        places["label"] = places["name_ko"] + " (" + places["name"] + ")"
    else:
        today = places["name_today"].where(places["name_today"] != places["name"])
        places["label"] = (places["name"] + (" (" + today + ")").fillna("")).fillna(places["name"])
    places["start"], places["end"] = region()["date_range"][0], None
    places["name"] = places["label"]
    return places


def _in_language(frame: gpd.GeoDataFrame, lang: str, by_date: bool = False) -> gpd.GeoDataFrame:
    """Texts in the page's language: ``name_ko``, ``place_ko``, ``description_ko`` and
    ``confidence_ko`` where the data has them (today's names go: the Korean ones are today's); fronts
    (``by_date``) are named by their date."""
    frame = frame.copy()
    if lang != "en":
        for key in ("name", "place", "description", "confidence"):
            if f"{key}_{lang}" in frame.columns:
                frame[key] = frame[f"{key}_{lang}"].fillna(frame[key]) if key in frame.columns else frame[f"{key}_{lang}"]
        frame = frame.drop(columns=[c for c in ("name_today", "place_today") if c in frame.columns])
    if by_date:
        front_of = texts(lang)["ui"]["front_of"]
        frame["name"] = [front_of.replace("{date}", dates.format_date(d, lang)) for d in frame["start"]]
    return frame


def numbered(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Events numbered 1, 2, ... in the order they happened: the number the map, the timeline, print,
    snapshots and frames all show beside each event."""
    order = events.assign(_row=np.arange(len(events))).sort_values(["start", "_row"], kind="stable")
    return order.drop(columns="_row").assign(number=np.arange(1, len(order) + 1)).reset_index(drop=True)


def display_windows(frame: gpd.GeoDataFrame, visible: str) -> gpd.GeoDataFrame:
    """``shown_from`` and ``shown_until``: when the map shows each feature, kept apart from its
    ``start`` and ``end`` (when it happened). ``visible`` is the layer's catalogue rule: ``dates`` shows
    a feature from start to end; ``stage`` from its start to the end of its stage, or to its own end
    if that is later, so a stage's events stay on the map while the stage lasts."""
    if "shown_from" in frame.columns:
        return frame
    until = frame["end"]
    if visible == "stage":
        last_day = frame["end"].fillna(frame["start"]).to_numpy(dtype=str)
        stage_last = frame["start"].map(dates.stage_end).to_numpy(dtype=str)
        until = np.where(stage_last > last_day, stage_last, last_day)
    return frame.assign(shown_from=frame["start"], shown_until=until)


def shown_mask(frame: gpd.GeoDataFrame, date: str) -> np.ndarray:
    """Which features of a frame with display windows the map shows on ``date``, as a boolean array."""
    # on plain arrays: a picture asks this of every layer, and pandas' own comparisons cost more than the work
    start, until = frame["shown_from"].to_numpy(), frame["shown_until"].to_numpy()
    open_ended = pd.isna(until)
    return (start <= date) & (open_ended | (np.where(open_ended, date, until) >= date))


def shown_on(frame: gpd.GeoDataFrame, date: str) -> gpd.GeoDataFrame:
    """The features of a frame with display windows that the map shows on ``date``."""
    return frame[shown_mask(frame, date)]


def slider_steps(layers: dict[str, DrawnLayer], stage_list: list[dict]) -> list[str]:
    """Every day the slider stops at: the first and last day, each stage's start and key date, and
    every day a feature appears, so a feature that lasts a few days is never skipped."""
    first, last = war_span()
    appears = {d for layer in layers.values() for d in layer.features["shown_from"].dropna()}
    return sorted(
        {
            first,
            last,
            *(d for d in appears if first <= d <= last),
            *(s["start"] for s in stage_list),
            *(s["key_date"] for s in stage_list),
        }
    )


def _tour(stops: list[dict], lang: str) -> list[dict]:
    """The tour's stops with their texts in ``lang`` (the English text where a translation is missing)."""
    keys = ("title", "narration", "question", "answer")
    return [
        {**{k: v for k, v in stop.items() if "_" not in k}, **{key: stop.get(f"{key}_{lang}", stop[key]) for key in keys}}
        for stop in stops
    ]


def play_schedule(model: DrawnModel) -> list[int]:
    """Milliseconds each slider step stays on screen when ▶ plays at 1x: time spent by the story, not by
    the number of traced fronts. Each stage gets its share of the whole (``play_share``), and within a
    stage each step a time that grows with the square root of the days it covers."""
    total_ms = read("data/stages.json").get("play_seconds", 60) * 1000
    steps = model.steps
    days = [max(1, dates.days_between(a, b)) for a, b in itertools.pairwise(steps)] + [1]
    out = [0] * len(steps)
    for stage in model.stages:
        inside = [i for i, d in enumerate(steps) if stage["start"] <= d <= stage["end"]]
        if not inside:
            continue
        weights = np.sqrt([days[i] for i in inside])
        share = stage.get("play_share", 1 / len(model.stages))
        for i, w in zip(inside, weights / weights.sum() * share * total_ms):
            out[i] = round(w)
    return out
