"""The guided tour: a story map of the war kept as data (``layers/tour.geojson``, the layer whose role in
the catalogue is the tour). Each stop is a Point (where to look) with a date, a view (``zoom`` or
``bbox``), a title, a narration, a question and its answer, a source, and their Korean texts. The tour
is read and validated here like every layer: a bad stop is one line naming the file and the stop."""

from __future__ import annotations

import math
from pathlib import Path

from .catalogue import LANGUAGES, layer_for, region, war_span
from .dates import checked_date
from .errors import AtlasError
from .load import parse_collection

TEXTS = {"title": 80, "narration": 1200, "question": 400, "answer": 800, "source": 600}  # field -> longest allowed
ZOOM = (5.0, 11.0)


def tour_path(folder: Path) -> Path | None:
    """The folder's tour file (its name is the tour layer's id, the suffix in any case), if it has one."""
    stem = layer_for("tour")
    found = sorted(p for p in Path(folder).glob("*") if p.stem == stem and p.suffix.lower() == ".geojson")
    return found[0] if found else None


def read_tour(folder: Path, path: Path | None = None) -> list[dict]:
    """The stops of the tour at ``path`` (else the folder's own tour; none if it has no tour file)."""
    path = Path(path) if path is not None else tour_path(folder)
    if path is None:
        return []
    return [
        _stop(number, feature, _stop_where(path, number, feature))
        for number, feature in enumerate(parse_collection(path)["features"], start=1)
    ]


def _stop_where(path: Path, number: int, feature: object) -> str:
    props = feature.get("properties") if isinstance(feature, dict) else None
    title = props.get("title") if isinstance(props, dict) else None
    return f"{path}, stop {number}" + (f" ({title!r})" if isinstance(title, str) and title else "")


def _stop(number: int, feature: object, where: str) -> dict:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise AtlasError(f"{where}: not a GeoJSON Feature")
    props, geometry = feature.get("properties"), feature.get("geometry")
    if not isinstance(props, dict):
        raise AtlasError(f"{where}: has no properties (a stop needs date, title, narration, question, answer, source)")
    lon, lat = _point(geometry, where)
    allowed = {"date", "zoom", "bbox", *TEXTS, *(f"{key}_{lang}" for key in TEXTS for lang in LANGUAGES if lang != "en")}
    unknown = sorted(set(props) - allowed)
    if unknown:
        raise AtlasError(f"{where}: property {unknown[0]!r} is not known (use {', '.join(sorted(allowed))})")
    stop = {"stop": number, "date": checked_date(props.get("date"), f"{where}: 'date'", war_span()), "lon": lon, "lat": lat}
    for key, longest in TEXTS.items():
        for name in (key, *(f"{key}_{lang}" for lang in LANGUAGES if lang != "en")):
            value = props.get(name)
            if value is None and name != key:
                continue
            if not isinstance(value, str) or not value.strip() or len(value) > longest:
                raise AtlasError(f"{where}: '{name}' must be text of 1 to {longest} characters")
            stop[name] = value.strip()
    stop.update(_view(props, where))
    return stop


def _point(geometry: object, where: str) -> tuple[float, float]:
    coords = geometry.get("coordinates") if isinstance(geometry, dict) and geometry.get("type") == "Point" else None
    if not (isinstance(coords, list) and len(coords) == 2 and all(_number(c) for c in coords)):
        raise AtlasError(f"{where}: a stop must be a Point with two finite coordinates (longitude, latitude)")
    west, south, east, north = region()["bbox"]
    if not (west <= coords[0] <= east and south <= coords[1] <= north):
        raise AtlasError(f"{where}: the point lies outside the Korea region (longitude, latitude in WGS84?)")
    return float(coords[0]), float(coords[1])


def _view(props: dict, where: str) -> dict:
    """Exactly one of ``zoom`` (a number) or ``bbox`` ('west,south,east,north' in degrees)."""
    if ("zoom" in props) == ("bbox" in props):
        raise AtlasError(f"{where}: give a view: either 'zoom' (a number) or 'bbox' ('west,south,east,north'), not both")
    if "zoom" in props:
        zoom = props["zoom"]
        if not _number(zoom) or not ZOOM[0] <= zoom <= ZOOM[1]:
            raise AtlasError(f"{where}: 'zoom' must be a number from {ZOOM[0]:g} to {ZOOM[1]:g}")
        return {"zoom": float(zoom)}
    try:
        west, south, east, north = (float(part) for part in str(props["bbox"]).split(","))
    except ValueError:
        raise AtlasError(f"{where}: 'bbox' must be four numbers 'west,south,east,north'") from None
    w, s, e, n = region()["bbox"]
    if not (w <= west < east <= e and s <= south < north <= n):
        raise AtlasError(f"{where}: 'bbox' must lie in the Korea region with west < east and south < north")
    return {"bbox": [west, south, east, north]}


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
