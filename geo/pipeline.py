"""The whole pipeline from files to processed GeoDataFrames, shared by every output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from . import process
from .catalogue import format_date, layer_entry, layer_order, region, side_name, texts, war_span
from .errors import FeatureError
from .load import read_base, read_layers


@dataclass(frozen=True)
class Atlas:
    """Everything the outputs draw, already validated and processed."""

    layers: dict[str, gpd.GeoDataFrame]  # layer id -> features with figures, polygons clipped to land
    land: gpd.GeoDataFrame               # basemap land (full detail)
    korea: gpd.GeoDataFrame              # the peninsula's land (full detail)
    places: gpd.GeoDataFrame
    timeline: gpd.GeoDataFrame           # every dated front line and area, as traced
    sketches: gpd.GeoDataFrame           # each side's territory per front date, before cutting to land
    control: gpd.GeoDataFrame            # the same with area_km2 and share; cut to land (EPSG:5179)
                                         # except for the web, which draws it uncut beneath a sea mask
    fronts: gpd.GeoDataFrame             # the drawn front per front date
    catalogue: dict[str, dict]           # layer id -> catalogue entry (data/layers.json and the file's 'atlas')


def build_atlas(folder: Path, for_web: bool = False) -> Atlas:
    """Read, validate and process every layer in ``folder`` (``layers/``).

    ``for_web`` first simplifies the land to what the map's zoom levels show (``region.json``): the
    browser gets light outlines, and the figures move by under 1% (shares by under 0.05 points).
    Territory is then left uncut, for the page to draw beneath its sea mask."""
    try:
        return _build(Path(folder), for_web)
    except FeatureError as exc:
        raise exc.in_folder(folder) from None


def _build(folder: Path, for_web: bool) -> Atlas:
    layers = read_layers(folder)
    catalogue = {layer_id: layer_entry(layer_id, frame.attrs.get("atlas")) for layer_id, frame in layers.items()}
    for computed in ("control_areas", "front_lines", "previous_front", "places"):
        catalogue.setdefault(computed, layer_entry(computed))
    base = read_base(folder)
    korea, land = base["korea"], base["land"]
    if for_web:
        korea, land = process.simplify_for_web(korea), process.simplify_for_web(land, "context_simplify_m")
    measured = process.measure({k: process.with_arrowheads(v) for k, v in layers.items()}, korea, base["places"])
    clipped = {layer_id: process.clip_to_land(frame, korea) for layer_id, frame in measured.items()}
    timeline = process.front_timeline(layers)
    sketches = process.control_sketches(timeline, korea, war_span()[1])
    if for_web:
        control = sketches.join(process.territory_shares(sketches, korea))
    else:
        control = process.control_areas(sketches, korea)
    return Atlas(layers=clipped, land=land, korea=korea, places=base["places"], timeline=timeline, sketches=sketches,
                 control=control, fronts=process.front_geometries(sketches, timeline, korea), catalogue=catalogue)


def _places(atlas: Atlas, lang: str) -> gpd.GeoDataFrame:
    """Places labelled with their 1950 name (and today's, or the Korean one), shown throughout."""
    places = atlas.places.copy()
    if lang == "ko":
        places["label"] = places["name_ko"] + " (" + places["name"] + ")"
    else:
        today = places["name_today"].where(places["name_today"] != places["name"])
        places["label"] = (places["name"] + (" (" + today + ")").fillna("")).fillna(places["name"])
    places["shown_from"], places["shown_until"] = region()["date_range"][0], None
    places["name"] = places["label"]
    return places


def _in_language(frame: gpd.GeoDataFrame, lang: str, by_date: bool = False) -> gpd.GeoDataFrame:
    """Texts in the page's language: ``name_ko``, ``place_ko`` and ``description_ko`` where the data
    has them (today's names go: the Korean ones are today's); fronts (``by_date``) are named by their date."""
    if lang == "en":
        return frame
    frame = frame.copy()
    for key in ("name", "place", "description"):
        if f"{key}_{lang}" in frame.columns:
            frame[key] = frame[f"{key}_{lang}"].fillna(frame[key]) if key in frame.columns else frame[f"{key}_{lang}"]
    if by_date:
        frame["name"] = [texts(lang)["ui"]["front_of"].replace("{date}", format_date(d, lang)) for d in frame["start"]]
    return frame.drop(columns=[c for c in ("name_today", "place_today") if c in frame.columns])


def drawn_layers(atlas: Atlas, lang: str = "en") -> dict[str, gpd.GeoDataFrame]:
    """Every layer the map draws, in drawing order, with display windows: the computed territory and
    fronts, the data layers, and the places."""
    control = atlas.control.assign(name=[side_name(side, date, lang) for side, date in
                                         zip(atlas.control["side"], atlas.control["start"])])
    frames = {"control_areas": control, "front_lines": atlas.fronts, "previous_front": process.previous_fronts(atlas.fronts),
              **{k: v for k, v in atlas.layers.items() if k not in ("front_lines", "held_areas")}, "places": _places(atlas, lang)}
    frames = {k: _in_language(frame, lang, by_date=k in ("front_lines", "previous_front")) for k, frame in frames.items()}
    builtin = layer_order()  # place dots lie beneath events, so a click on an event opens the event
    order = [k for k in builtin if k in frames] + sorted(k for k in frames if k not in builtin)
    return {k: process.display_windows(frames[k], atlas.catalogue[k]["visible"]) for k in order}
