"""What every feature of every layer must be, whatever its role: a GeoJSON Feature with the required
properties as plain, safe values, a supported and valid 2D geometry inside the Korea region, a unique id,
in WGS84. Each check names the file and the feature, so a teacher can fix it."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import shapely
from shapely.validation import explain_validity

from .catalogue import region
from .errors import AtlasError

REQUIRED = ("name", "start", "end", "description", "source")


TEXT = (
    "name",
    "description",
    "source",
    "confidence",
    "name_today",
    "place",
    "place_today",
    "label",
    "side",
    "kind",
    "name_ko",
    "description_ko",
    "label_side",
)


GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"}


RESERVED_PROPERTIES = (
    "layer",
    "geometry",
    "geom",
    "fid",
    "figures",
    "length_km",
    "area_km2",
    "share",
    "distance_to_km",
    "front_date",
    "number",
    "shown_from",
    "shown_until",
)


SAFE_INTEGER = 2**53  # larger integers do not survive JavaScript or a GeoPackage's 64-bit columns intact


def check_crs(crs: object, path: Path) -> None:
    """Only WGS84 longitude/latitude, named in either form the 2008 GeoJSON spec allowed (a name or an
    EPSG code); anything else is refused with the name it gives, as text."""
    if crs is None:
        return
    props = crs.get("properties") if isinstance(crs, dict) else None
    props = props if isinstance(props, dict) else {}
    name, code = props.get("name"), props.get("code")
    epsg = isinstance(crs, dict) and crs.get("type") == "EPSG" and code == 4326 and not isinstance(code, bool)
    if (isinstance(name, str) and name in WGS84_NAMES) or epsg:
        return
    given = name if isinstance(name, str) else f"EPSG {code}" if isinstance(code, int) else "not named"
    raise AtlasError(f"{path}: coordinates are in another CRS ({given[:60]!r}); save the file as WGS84 longitude/latitude")


def feature_at(path: Path, number: int, feature: object) -> str:
    props = feature.get("properties") if isinstance(feature, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    label = f"feature {number}" + (f" ({name!r})" if isinstance(name, str) and name else "")
    return f"{path}, {label}"


def feature_properties(feature: object, where: str) -> dict:
    """The feature's properties, checked: the required ones present, texts as text, no reserved or
    clashing names, every value a plain, safe scalar."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise AtlasError(f"{where}: not a GeoJSON Feature")
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise AtlasError(f"{where}: has no properties (each feature needs {', '.join(REQUIRED)})")
    missing = [key for key in REQUIRED if key not in props]
    if missing:
        raise AtlasError(f"{where}: missing {', '.join(missing)}")
    seen: dict[str, str] = {}
    for key, value in props.items():
        if key.lower() in RESERVED_PROPERTIES:
            raise AtlasError(f"{where}: property {key!r} is a name the atlas uses itself; rename it")
        if key.lower() in seen:
            raise AtlasError(f"{where}: properties {seen[key.lower()]!r} and {key!r} differ only in case; keep one")
        seen[key.lower()] = key
        _check_value(key, value, where)
    for key in ("name", "description", "source"):
        if not isinstance(props[key], str) or not props[key].strip():
            raise AtlasError(f"{where}: '{key}' must be non-empty text")
    for key in TEXT:
        if props.get(key) is not None and not isinstance(props[key], str):
            raise AtlasError(f"{where}: '{key}' must be text, not {props[key]!r}")
    if "arrow" in props and not isinstance(props["arrow"], (bool, type(None))):
        raise AtlasError(f"{where}: 'arrow' must be true or false")
    return props


def _check_value(key: str, value: object, where: str) -> None:
    if isinstance(value, (dict, list)):
        raise AtlasError(f"{where}: property {key!r} holds a list or object; use text, a number, true/false or null")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > SAFE_INTEGER:
        raise AtlasError(f"{where}: property {key!r} is a number too large to keep exactly")
    if isinstance(value, float) and not math.isfinite(value):
        raise AtlasError(f"{where}: property {key!r} is not a finite number")


def feature_geometry(feature: dict, where: str) -> shapely.Geometry:
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in GEOMETRY_TYPES:
        raise AtlasError(f"{where}: geometry type {kind!r} is not supported (use {', '.join(sorted(GEOMETRY_TYPES))})")
    try:
        shape = shapely.geometry.shape(geometry)
        finite = np.isfinite(shapely.get_coordinates(shape)).all()
    except Exception:  # shapely reports malformed coordinates with several exception types
        raise AtlasError(f"{where}: malformed {kind} coordinates") from None
    if shape.is_empty:
        raise AtlasError(f"{where}: empty geometry")
    if not finite:
        raise AtlasError(f"{where}: coordinates must be finite numbers")
    # a point given twice in a row adds nothing and would leave a line's direction undefined at its end;
    # heights are not the atlas's to draw
    return shapely.remove_repeated_points(shapely.force_2d(shape))


def check_geometries(path: Path, features: list, geometries: np.ndarray, bbox: str = "bbox") -> None:
    """Validity and extent (the ``bbox`` of ``region.json``) over the whole layer at once; name the first
    failing feature."""
    invalid = ~shapely.is_valid(geometries)
    if invalid.any():
        i = int(np.flatnonzero(invalid)[0])
        raise AtlasError(f"{feature_at(path, i + 1, features[i])}: invalid geometry ({explain_validity(geometries[i])})")
    west, south, east, north = region()["web"]["basemap_bbox"] if bbox == "basemap" else region()["bbox"]
    bounds = shapely.bounds(geometries)
    outside = (bounds[:, 0] < west) | (bounds[:, 1] < south) | (bounds[:, 2] > east) | (bounds[:, 3] > north)
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        raise AtlasError(
            f"{feature_at(path, i + 1, features[i])}: coordinates lie outside the Korea region "
            "(expected longitude/latitude in WGS84; is the file in another CRS?)"
        )


def check_unique_ids(path: Path, features: list) -> None:
    seen: dict[object, int] = {}
    for number, feature in enumerate(features, start=1):
        fid = feature.get("id", feature["properties"].get("id"))
        if fid is None:
            continue
        if isinstance(fid, (dict, list)):
            raise AtlasError(f"{feature_at(path, number, feature)}: id must be text or a number")
        if fid in seen:
            raise AtlasError(f"{feature_at(path, number, feature)}: duplicate id {fid!r} (also feature {seen[fid]})")
        seen[fid] = number
