"""Read and validate the layer files in ``layers/`` and the basemap in ``layers/base``: files in,
GeoDataFrames out.

Every ``*.geojson`` file directly in the folder (the suffix in any case) is a layer whose id is the
file stem. A problem stops the build with an :class:`AtlasError` naming the file and the feature, so a
teacher can fix it; nothing a file holds reaches the rest of the pipeline unchecked.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.validation import explain_validity

from .catalogue import computed_layers, layer_entry, region
from .checks import check_role
from .dates import checked_date
from .errors import AtlasError

REQUIRED = ("name", "start", "end", "description", "source")
TEXT = ("name", "description", "source", "confidence", "name_today", "place", "place_today", "label", "side", "kind",
        "name_ko", "description_ko", "label_side")
GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326",
               "urn:ogc:def:crs:EPSG::4326"}
LAYER_ID = re.compile(r"[A-Za-z0-9_-]+")
# names a GeoPackage or the pipeline uses for its own columns (the reserved layer ids are the catalogue's)
RESERVED_PROPERTIES = ("layer", "geometry", "geom", "fid", "figures", "length_km", "area_km2", "share",
                       "distance_to_km", "front_date", "number", "shown_from", "shown_until")
SAFE_INTEGER = 2**53  # larger integers do not survive JavaScript or a GeoPackage's 64-bit columns intact
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
    collection = _parse(path)
    features = collection["features"]
    records, geometries = [], []
    for number, feature in enumerate(features, start=1):
        where = _where(path, number, feature)
        props = _properties(feature, where)
        start = checked_date(props["start"], f"{where}: 'start'", (earliest, latest))
        end = None if props["end"] is None else checked_date(props["end"], f"{where}: 'end'", (earliest, latest))
        if end is not None and end < start:
            raise AtlasError(f"{where}: end {end} is before start {start}")
        records.append({**props, "start": start, "end": end})
        geometries.append(_geometry(feature, where))
    _check_geometries(path, features, np.array(geometries, dtype=object))
    _check_unique_ids(path, features)
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
        raise AtlasError(f"{path}: 'atlas' must be an object such as {{\"title\": \"My layer\", \"colour\": \"#6A3D9A\"}}")
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
        features = _parse(path, hint="; run scripts/derive_natural_earth.py to make it again")["features"]
        geometries = []
        for number, feature in enumerate(features, start=1):
            where = _where(path, number, feature)
            props = feature.get("properties") if isinstance(feature, dict) else None
            if not isinstance(props, dict):
                raise AtlasError(f"{where}: has no properties")
            if name == "places":
                for key in ("name", "name_today", "name_ko"):
                    if not isinstance(props.get(key), str) or not props[key].strip():
                        raise AtlasError(f"{where}: '{key}' must be non-empty text")
                if not isinstance(props.get("rank"), int) or isinstance(props["rank"], bool):
                    raise AtlasError(f"{where}: 'rank' must be a whole number")
            shape = _geometry(feature, where)
            if shape.geom_type not in kinds:
                raise AtlasError(f"{where}: a {name} feature must be a {' or '.join(kinds)}, not a {shape.geom_type}")
            geometries.append(shape)
        _check_geometries(path, features, np.array(geometries, dtype=object), "basemap" if name == "land" else "bbox")
        frames[name] = gpd.GeoDataFrame([f["properties"] for f in features], geometry=geometries, crs="EPSG:4326")
    return frames


def _parse(path: Path, hint: str = "") -> dict:
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
    _check_crs(collection.get("crs"), path)
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise AtlasError(f"{path}: has no features{hint}")
    return collection


def _check_crs(crs: object, path: Path) -> None:
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


def _where(path: Path, number: int, feature: object) -> str:
    props = feature.get("properties") if isinstance(feature, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    label = f"feature {number}" + (f" ({name!r})" if isinstance(name, str) and name else "")
    return f"{path}, {label}"


def _properties(feature: object, where: str) -> dict:
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


def _geometry(feature: dict, where: str) -> shapely.Geometry:
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


def _check_geometries(path: Path, features: list, geometries: np.ndarray, bbox: str = "bbox") -> None:
    """Validity and extent (the ``bbox`` of ``region.json``) over the whole layer at once; name the first
    failing feature."""
    invalid = ~shapely.is_valid(geometries)
    if invalid.any():
        i = int(np.flatnonzero(invalid)[0])
        raise AtlasError(f"{_where(path, i + 1, features[i])}: invalid geometry ({explain_validity(geometries[i])})")
    west, south, east, north = region()["web"]["basemap_bbox"] if bbox == "basemap" else region()["bbox"]
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
        if isinstance(fid, (dict, list)):
            raise AtlasError(f"{_where(path, number, feature)}: id must be text or a number")
        if fid in seen:
            raise AtlasError(f"{_where(path, number, feature)}: duplicate id {fid!r} (also feature {seen[fid]})")
        seen[fid] = number
