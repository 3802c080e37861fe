"""Read and validate the layer files in ``layers/``: files in, GeoDataFrames out.

Every ``*.geojson`` directly in the folder is a layer whose id is the file stem. A problem stops
the build with an :class:`AtlasError` naming the file and the feature, so a teacher can fix it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.validation import explain_validity

from .catalogue import region
from .errors import AtlasError

REQUIRED = ("name", "start", "end", "description", "source")
GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326",
               "urn:ogc:def:crs:EPSG::4326"}
LAYER_ID = re.compile(r"^[A-Za-z0-9_-]+$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_layers(folder: Path) -> dict[str, gpd.GeoDataFrame]:
    """Every layer in ``folder``, keyed by id, in file-name order."""
    paths = sorted(Path(folder).glob("*.geojson"))
    if not paths:
        raise AtlasError(f"{folder}: no .geojson layer files found")
    return {path.stem: read_layer(path) for path in paths}


def read_base(folder: Path) -> dict[str, gpd.GeoDataFrame]:
    """The basemap files in ``layers/base``: land, the Korean peninsula and places (derived data, read
    as it is: the derivation script made them valid)."""
    base = Path(folder) / "base"
    frames = {}
    for name in ("land", "korea", "places"):
        path = base / f"{name}.geojson"
        try:
            frames[name] = gpd.GeoDataFrame.from_features(json.loads(path.read_text(encoding="utf-8")), crs="EPSG:4326")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise AtlasError(f"{path}: basemap file missing or unreadable ({exc}); run scripts/derive_natural_earth.py") from None
    return frames


def read_layer(path: Path) -> gpd.GeoDataFrame:
    """One layer file, validated feature by feature, as a GeoDataFrame in EPSG:4326."""
    if not LAYER_ID.match(path.stem):
        raise AtlasError(f"{path}: rename the file using only letters, digits, '_' and '-' (it becomes the layer id)")
    collection = _parse(path)
    features = collection["features"]
    records, geometries = [], []
    for number, feature in enumerate(features, start=1):
        where = _where(path, number, feature)
        records.append(_properties(feature, where))
        geometries.append(_geometry(feature, where))
    _check_geometries(path, features, np.array(geometries, dtype=object))
    _check_unique_ids(path, features)
    frame = gpd.GeoDataFrame(records, geometry=geometries, crs="EPSG:4326")
    frame.insert(0, "layer", path.stem)
    return frame


def _parse(path: Path) -> dict:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise AtlasError(f"{path}: not a text file (GeoJSON must be UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise AtlasError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise AtlasError(f"{path}: not GeoJSON (expected a FeatureCollection at the top level)")
    crs = collection.get("crs")
    if crs is not None:
        name = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) else None
        if name not in WGS84_NAMES:
            raise AtlasError(f"{path}: coordinates are in another CRS ({name}); save the file as WGS84 longitude/latitude")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise AtlasError(f"{path}: has no features")
    return collection


def _where(path: Path, number: int, feature: object) -> str:
    name = feature.get("properties", {}).get("name") if isinstance(feature, dict) else None
    label = f"feature {number}" + (f" ({name!r})" if isinstance(name, str) and name else "")
    return f"{path}, {label}"


def _properties(feature: object, where: str) -> dict:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise AtlasError(f"{where}: not a GeoJSON Feature")
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise AtlasError(f"{where}: has no properties")
    missing = [key for key in REQUIRED if key not in props]
    if missing:
        raise AtlasError(f"{where}: missing {', '.join(missing)}")
    for key in ("name", "description", "source"):
        if not isinstance(props[key], str) or not props[key].strip():
            raise AtlasError(f"{where}: '{key}' must be non-empty text")
    earliest, latest = region()["date_range"]
    start = _date(props["start"], "start", where)
    end = None if props["end"] is None else _date(props["end"], "end", where)
    if not earliest <= start <= latest:
        raise AtlasError(f"{where}: start {start} is outside {earliest[:4]}-{latest[:4]}")
    if end is not None and end < start:
        raise AtlasError(f"{where}: end {end} is before start {start}")
    if end is not None and end > latest:
        raise AtlasError(f"{where}: end {end} is after {latest}; leave end empty (null) for 'still shown'")
    return {**props, "start": start, "end": end}


def _date(value: object, key: str, where: str) -> str:
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise AtlasError(f"{where}: '{key}' must be a real date written YYYY-MM-DD, not {value!r}")


def _geometry(feature: dict, where: str) -> shapely.Geometry:
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in GEOMETRY_TYPES:
        raise AtlasError(f"{where}: geometry type {kind!r} is not supported (use {', '.join(sorted(GEOMETRY_TYPES))})")
    try:
        shape = shapely.geometry.shape(geometry)
    except Exception:  # shapely reports malformed coordinates with several exception types
        raise AtlasError(f"{where}: malformed {kind} coordinates") from None
    if shape.is_empty:
        raise AtlasError(f"{where}: empty geometry")
    return shape


def _check_geometries(path: Path, features: list, geometries: np.ndarray) -> None:
    """Validity and extent over the whole layer at once; name the first failing feature."""
    invalid = ~shapely.is_valid(geometries)
    if invalid.any():
        i = int(np.flatnonzero(invalid)[0])
        raise AtlasError(f"{_where(path, i + 1, features[i])}: invalid geometry ({explain_validity(geometries[i])})")
    west, south, east, north = region()["bbox"]
    bounds = shapely.bounds(geometries)
    outside = (bounds[:, 0] < west) | (bounds[:, 1] < south) | (bounds[:, 2] > east) | (bounds[:, 3] > north)
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        raise AtlasError(f"{_where(path, i + 1, features[i])}: coordinates lie outside the Korea region "
                         "(expected longitude/latitude in WGS84; is the file in another CRS?)")


def _check_unique_ids(path: Path, features: list) -> None:
    seen: dict[object, int] = {}
    for number, feature in enumerate(features, start=1):
        fid = feature.get("id", feature["properties"].get("id"))
        if fid is None:
            continue
        if fid in seen:
            raise AtlasError(f"{_where(path, number, feature)}: duplicate id {fid!r} (also feature {seen[fid]})")
        seen[fid] = number
