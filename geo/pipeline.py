"""The whole pipeline from files to processed GeoDataFrames, run once per build and shared by every
output: the layers read and validated, measured and clipped, the territory of every front date, the
drawn fronts and the territory's versions in time."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import process, territory
from .catalogue import catalogue as builtin_layers
from .catalogue import check_package_data, layer_entry, war_span
from .errors import AtlasError, FeatureError
from .load import read_base, read_layers
from .tour import read_tour


@dataclass(frozen=True)
class Atlas:
    """Everything the outputs draw, already validated and processed."""

    layers: dict[str, gpd.GeoDataFrame]  # layer id -> features with figures, polygons clipped to land
    land: gpd.GeoDataFrame  # basemap land
    korea: gpd.GeoDataFrame  # the peninsula's land
    places: gpd.GeoDataFrame
    timeline: gpd.GeoDataFrame  # every dated front line, pocket and held area, as traced
    sketches: gpd.GeoDataFrame  # each side's territory per version, before cutting to land
    control: gpd.GeoDataFrame  # the same with area_km2 and share, uncut (control_on_land is cut)
    fronts: gpd.GeoDataFrame  # the drawn front per version
    versions: pd.DataFrame  # the territory's versions in time (geo.territory.versions)
    catalogue: dict[str, dict]  # layer id -> catalogue entry (data/layers.json and the file's 'atlas')
    tour: list[dict]  # the guided tour's stops, if the folder has a tour
    for_web: bool = False

    @cached_property
    def control_on_land(self) -> gpd.GeoDataFrame:
        """The territory cut to the coastline, as a GIS user gets it: cut once, on first use."""
        return territory.on_land(self.control, self.korea)


def build_atlas(folder: Path, for_web: bool = False, tour: Path | None = None) -> Atlas:
    """Read, validate and process every layer in ``folder`` (``layers/``).

    ``for_web`` first simplifies the land to what the map's zoom levels show (``region.json``): the
    browser gets light outlines, and the figures move by under 1% (shares by under 0.05 points).
    Territory is then left uncut, for the page to draw beneath its sea mask. ``tour`` reads the tour
    from another file than the folder's own. The same files give the same atlas, which is kept for the
    next command of the same process (its frames are read, never changed)."""
    folder = Path(folder)
    try:
        return _cached(folder.resolve(), for_web, tour and Path(tour).resolve(), _fingerprint(folder, tour))
    except FeatureError as exc:
        raise exc.in_folder(folder) from None
    except OSError as exc:
        raise AtlasError(f"{folder}: cannot be read ({exc.strerror or exc})") from None


def _fingerprint(folder: Path, tour: Path | None) -> tuple:
    """What the atlas is made from, as the files' names, sizes and modification times: any edit shows."""
    files = [*sorted(folder.glob("*")), *sorted((folder / "base").glob("*")), *([Path(tour)] if tour else [])]
    return tuple((str(p), *((s.st_size, s.st_mtime_ns) if (s := _stat(p)) else ())) for p in files)


def _stat(path: Path):
    try:
        return path.stat()
    except OSError:
        return None


@lru_cache(maxsize=4)
def _cached(folder: Path, for_web: bool, tour: Path | None, fingerprint: tuple) -> Atlas:
    return _build(folder, for_web, tour)


def _build(folder: Path, for_web: bool, tour: Path | None) -> Atlas:
    check_package_data()
    layers = read_layers(folder)
    catalogue = {layer_id: layer_entry(layer_id, frame.attrs.get("atlas")) for layer_id, frame in layers.items()}
    for builtin in builtin_layers():  # computed layers, and built-in roles a folder may lack, keep their entries
        catalogue.setdefault(builtin, layer_entry(builtin))
    base = read_base(folder)
    korea, land = base["korea"], base["land"]
    web_korea = process.simplify_for_web(korea)
    if for_web:
        korea, land = web_korea, process.simplify_for_web(land, "context_simplify_m")
    measured = process.measure(layers, korea, base["places"], catalogue)
    clipped = {layer_id: process.clip_to_land(frame, korea) for layer_id, frame in measured.items()}
    timeline = territory.front_timeline(layers)
    sketches = territory.control_sketches(timeline, korea, war_span()[1])
    control = sketches.join(territory.territory_shares(sketches, korea))
    fronts = territory.front_geometries(sketches, timeline, korea)
    # the versions' moves are measured on the web coastline in every build, so page and control agree
    web_fronts = fronts if for_web else territory.front_geometries(sketches, timeline, web_korea)
    return Atlas(
        layers=clipped,
        land=land,
        korea=korea,
        places=base["places"],
        timeline=timeline,
        sketches=sketches,
        control=control,
        fronts=fronts,
        versions=territory.versions(control, web_fronts),
        catalogue=catalogue,
        tour=read_tour(folder, tour),
        for_web=for_web,
    )
