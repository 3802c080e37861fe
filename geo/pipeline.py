"""The whole pipeline from files to processed GeoDataFrames, shared by every output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from . import process
from .catalogue import war_span
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
    control: gpd.GeoDataFrame            # territory per side and front date, full detail
    fronts: gpd.GeoDataFrame             # the drawn front per front date


def build_atlas(folder: Path) -> Atlas:
    """Read, validate and process every layer in ``folder`` (``layers/``)."""
    layers = read_layers(folder)
    base = read_base(folder)
    korea = base["korea"]
    measured = process.measure({k: process.with_arrowheads(v) for k, v in layers.items()}, korea, base["places"])
    clipped = {layer_id: process.clip_to_land(frame, korea) for layer_id, frame in measured.items()}
    timeline = process.front_timeline(layers)
    sketches = process.control_sketches(timeline, korea, war_span()[1])
    return Atlas(layers=clipped, land=base["land"], korea=korea, places=base["places"], timeline=timeline,
                 sketches=sketches, control=process.control_areas(sketches, korea),
                 fronts=process.front_geometries(sketches, timeline, korea))


def web_version(atlas: Atlas) -> Atlas:
    """The atlas for the browser: lighter land outlines, and territory as uncut sketches (a few vertices
    each) that the page draws beneath a sea mask, with the figures of the full-detail atlas."""
    korea = process.simplify_for_web(atlas.korea)
    sketches = atlas.sketches.copy()
    sketches[["area_km2", "share"]] = atlas.control[["area_km2", "share"]].to_numpy()
    layers = {layer_id: process.clip_to_land(frame, korea) for layer_id, frame in atlas.layers.items()}
    return Atlas(layers=layers, land=process.simplify_for_web(atlas.land, "context_simplify_m"), korea=korea,
                 places=atlas.places, timeline=atlas.timeline, sketches=atlas.sketches, control=sketches,
                 fronts=process.front_geometries(sketches, atlas.timeline, korea))
