"""Read and validate the layer files in ``layers/`` and the basemap in ``layers/base``: files in,
GeoDataFrames out.

Every ``*.geojson`` file directly in the folder (the suffix in any case) is a layer whose id is the
file stem. A problem stops the build with an :class:`AtlasError` naming the file and the feature, so a
teacher can fix it; nothing a file holds reaches the rest of the pipeline unchecked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import numpy as np

from .catalogue import computed_layers, layer_entry, region
from .checks import check_role
from .dates import checked_date
from .errors import AtlasError
from .features import (
    check_crs,
    check_geometries,
    check_unique_ids,
    feature_at,
    feature_geometry,
    feature_properties,
)

LAYER_ID = re.compile(r"[A-Za-z0-9_-]+")
# names a GeoPackage or the pipeline uses for its own columns (the reserved layer ids are the catalogue's)
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
LEGEND_SYMBOLS = ("line", "point", "area", "outline", None)
BASE_FILES = {"land": ("Polygon", "MultiPolygon"), "korea": ("Polygon", "MultiPolygon"), "places": ("Point",)}


def layer_paths(folder: Path) -> list[Path]:
    """The layer files in ``folder``, in file-name order, with their ids checked against each other."""
    folder = Path(folder)
    if not folder.is_dir():
        raise AtlasError(f"{folder}: not a folder of layer files")
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".geojson")
    if not paths:
        raise AtlasError(f"{folder}: no .geojson layer files found")
    seen: dict[str, Path] = {}
    for path in paths:
        layer_id = path.name[: -len(path.suffix)]
        if not LAYER_ID.fullmatch(layer_id):
            raise AtlasError(f"{path}: rename the file using only letters, digits, '_' and '-' (it becomes the layer id)")
        if layer_id.lower() in computed_layers():
            raise AtlasError(f"{path}: '{layer_id}' is the name of a layer the atlas computes itself; rename the file")
        if layer_id.lower() in seen:
            raise AtlasError(f"{path}: same layer id as {seen[layer_id.lower()].name} (ids must differ in more than case)")
        seen[layer_id.lower()] = path
    return paths


def read_layers(folder: Path) -> dict[str, gpd.GeoDataFrame]:
    """Every map layer in ``folder``, keyed by id, in file-name order (the tour, which is not a layer
    of features in time, is read by :mod:`geo.tour`)."""
    paths = [path for path in layer_paths(folder) if layer_entry(_layer_id(path))["role"] != "tour"]
    return {_layer_id(path): read_layer(path) for path in paths}


def _layer_id(path: Path) -> str:
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def read_layer(path: Path) -> gpd.GeoDataFrame:
    """One layer file, validated feature by feature, as a GeoDataFrame in EPSG:4326."""
    path = Path(path)
    layer_id = _layer_id(path)
    if not LAYER_ID.fullmatch(layer_id):
        raise AtlasError(f"{path}: rename the file using only letters, digits, '_' and '-' (it becomes the layer id)")
    earliest, latest = region()["date_range"]
    collection = parse_collection(path)
    features = collection["features"]
    records, geometries = [], []
    for number, feature in enumerate(features, start=1):
        where = feature_at(path, number, feature)
        props = feature_properties(feature, where)
        start = checked_date(props["start"], f"{where}: 'start'", (earliest, latest))
        end = None if props["end"] is None else checked_date(props["end"], f"{where}: 'end'", (earliest, latest))
        if end is not None and end < start:
            raise AtlasError(f"{where}: end {end} is before start {start}")
        records.append({**props, "start": start, "end": end})
        geometries.append(feature_geometry(feature, where))
    check_geometries(path, features, np.array(geometries, dtype=object))
    check_unique_ids(path, features)
    frame = gpd.GeoDataFrame(records, geometry=geometries, crs="EPSG:4326")
    frame.insert(0, "layer", layer_id)
    frame = check_role(frame, layer_entry(layer_id)["role"], path)
    frame.attrs["atlas"] = _atlas_member(collection.get("atlas"), path)
    return frame


def _atlas_member(member: object, path: Path) -> dict:
    """A layer file's own ``atlas`` member: how the map shows the layer (title, title_ko, colour, legend)."""
    if member is None:
        return {}
    if not isinstance(member, dict):
        raise AtlasError(f'{path}: \'atlas\' must be an object such as {{"title": "My layer", "colour": "#6A3D9A"}}')
    for key, value in member.items():
        if key == "title" or key.startswith("title_"):
            if not isinstance(value, str) or not value.strip() or len(value) > 80:
                raise AtlasError(f"{path}: atlas {key!r} must be text of 1 to 80 characters")
        elif key == "colour":
            if not isinstance(value, str) or not COLOUR.fullmatch(value):
                raise AtlasError(f"{path}: atlas 'colour' must be written #RRGGBB, not {value!r}")
        elif key == "legend":
            if value not in LEGEND_SYMBOLS:
                raise AtlasError(f"{path}: atlas 'legend' must be one of {', '.join(map(str, LEGEND_SYMBOLS))}")
        else:
            raise AtlasError(f"{path}: atlas {key!r} is not known (use title, title_ko, colour or legend)")
    return member


def read_base(folder: Path) -> dict[str, gpd.GeoDataFrame]:
    """The basemap files in ``layers/base``: land, the Korean peninsula and places, checked like layers
    (a damaged basemap would draw a blank map with 'NaN %' shares)."""
    frames = {}
    for name, kinds in BASE_FILES.items():
        path = Path(folder) / "base" / f"{name}.geojson"
        features = parse_collection(path, hint="; run scripts/derive_natural_earth.py to make it again")["features"]
        geometries = []
        for number, feature in enumerate(features, start=1):
            where = feature_at(path, number, feature)
            props = feature.get("properties") if isinstance(feature, dict) else None
            if not isinstance(props, dict):
                raise AtlasError(f"{where}: has no properties")
            if name == "places":
                for key in ("name", "name_today", "name_ko"):
                    if not isinstance(props.get(key), str) or not props[key].strip():
                        raise AtlasError(f"{where}: '{key}' must be non-empty text")
                if not isinstance(props.get("rank"), int) or isinstance(props["rank"], bool):
                    raise AtlasError(f"{where}: 'rank' must be a whole number")
            shape = feature_geometry(feature, where)
            if shape.geom_type not in kinds:
                raise AtlasError(f"{where}: a {name} feature must be a {' or '.join(kinds)}, not a {shape.geom_type}")
            geometries.append(shape)
        check_geometries(path, features, np.array(geometries, dtype=object), "basemap" if name == "land" else "bbox")
        frames[name] = gpd.GeoDataFrame([f["properties"] for f in features], geometry=geometries, crs="EPSG:4326")
    return frames


def parse_collection(path: Path, hint: str = "") -> dict:
    """The file's JSON, if it is a regular, readable file holding a FeatureCollection with features."""
    if not path.is_file():  # also false for a broken link, a link loop, a folder or a pipe (reading one would hang)
        raise AtlasError(f"{path}: not a readable file (missing, a folder, a broken link or a pipe){hint}")
    try:
        collection = json.loads(path.read_bytes().decode("utf-8-sig"))  # a byte-order mark, as some editors write, is fine
    except UnicodeDecodeError:
        raise AtlasError(f"{path}: not a text file (GeoJSON must be UTF-8 text){hint}") from None
    except json.JSONDecodeError as exc:
        raise AtlasError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}){hint}") from None
    except RecursionError:
        raise AtlasError(f"{path}: nested too deeply to be GeoJSON{hint}") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise AtlasError(f"{path}: not usable JSON ({str(exc).splitlines()[0]}){hint}") from None
    except OSError as exc:
        raise AtlasError(f"{path}: cannot be read ({exc.strerror}){hint}") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise AtlasError(f"{path}: not GeoJSON (expected a FeatureCollection at the top level){hint}")
    check_crs(collection.get("crs"), path)
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise AtlasError(f"{path}: has no features{hint}")
    return collection
