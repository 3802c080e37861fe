"""The atlas's own data files (stages, styles, region, the layer catalogue and the interface texts), read
once and validated against their schemas: product facts live in ``geo/data`` and ``geo/i18n``; code only
reads them. A damaged file stops the build with one line naming the file and the key."""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from .errors import AtlasError

LANGUAGES = ("en", "ko")
SCHEMAS = {
    "data/layers.json": "layers",
    "data/stages.json": "stages",
    "data/styles.json": "styles",
    "data/region.json": "region",
    "data/works.json": "works",
    **{f"i18n/{lang}.json": "texts" for lang in LANGUAGES},
}


def _package_file(name: str):
    return resources.files("geo").joinpath(name)


@cache
def _schema(kind: str) -> dict:
    return json.loads(_package_file(f"data/schemas/{kind}.schema.json").read_text(encoding="utf-8"))


@cache
def read(name: str) -> Any:
    """A package data file (``data/stages.json``, ``i18n/ko.json`` ...), checked against its schema."""
    path = _package_file(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AtlasError(f"{path}: cannot be read as JSON ({str(exc).splitlines()[0]})") from None
    if name in SCHEMAS:
        validator = jsonschema.Draft202012Validator(_schema(SCHEMAS[name]))
        error = jsonschema.exceptions.best_match(validator.iter_errors(data))
        if error is not None:
            where = ".".join(str(part) for part in error.absolute_path) or "(top level)"
            raise AtlasError(f"{path}: {where}: {error.message[:200]}")
    return data


def check_package_data() -> None:
    """Validate every package data file and what they say of each other (panes, stages, layers)."""
    for name in SCHEMAS:
        read(name)
    panes, layers = set(styles()["panes"]), catalogue()
    for layer_id, entry in {**layers, "default": read("data/layers.json")["default"]}.items():
        if entry.get("pane") is not None and entry["pane"] not in panes:
            raise AtlasError(
                f"{_package_file('data/layers.json')}: layers.{layer_id}.pane: {entry['pane']!r} "
                f"is not a pane of styles.json ({', '.join(sorted(panes))})"
            )
    for stage in stages():
        if stage["key_layer"] not in layers:
            raise AtlasError(
                f"{_package_file('data/stages.json')}: stages.{stage['id']}.key_layer: "
                f"{stage['key_layer']!r} is not a layer of layers.json"
            )
    english = texts("en")
    for lang in LANGUAGES:
        missing = [k for part in ("ui", "layers", "figures", "snapshot") for k in english[part] if k not in texts(lang)[part]]
        if missing:
            raise AtlasError(f"{_package_file(f'i18n/{lang}.json')}: missing {', '.join(missing[:5])}")


def stages() -> list[dict]:
    """The war's four stages: id, start, end (inclusive), key date, key layer and colour."""
    return read("data/stages.json")["stages"]


def war_span() -> tuple[str, str]:
    """First and last date the time slider covers."""
    data = read("data/stages.json")
    return data["first_date"], data["last_date"]


def mobile_war() -> list[str]:
    """First and last day of the war of movement (fronts traced at most 7 days and 30 km apart)."""
    return read("data/stages.json")["mobile_war"]


def moving_km() -> float:
    """A front that moves less than this before the next traced one is called static."""
    return read("data/stages.json")["moving_km"]


def chinese_entry() -> str:
    """The day the Chinese People's Volunteers crossed the Yalu into Korea."""
    return read("data/stages.json")["chinese_entry"]


def styles() -> dict:
    """Colours of the two sides and of the basemap, and the z-order of the map's panes."""
    return read("data/styles.json")


def region() -> dict:
    """Where and when layers may lie: bounding box, projected CRS for measuring, date range, map view."""
    return read("data/region.json")


def works() -> list[dict]:
    """The works the layers cite: how each is spelt, the names that identify it, whether the credits name it."""
    return read("data/works.json")["works"]


def texts(lang: str = "en") -> dict:
    """All interface text for one language (stage titles, captions, labels)."""
    if lang not in LANGUAGES:
        raise AtlasError(f"unknown language '{lang}': choose one of {', '.join(LANGUAGES)}")
    return read(f"i18n/{lang}.json")


def catalogue() -> dict[str, dict]:
    """The built-in layers, bottom first: id -> entry (role, pane, style, legend, dates, visible, label)."""
    return read("data/layers.json")["layers"]


def layer_entry(layer_id: str, override: dict | None = None) -> dict:
    """One layer's catalogue entry (``default`` for a teacher's layer), with a layer file's own ``atlas``
    member (title, colour, legend) laid over it."""
    entry = copy.deepcopy(catalogue().get(layer_id, read("data/layers.json")["default"]))
    entry.setdefault("role", None)
    entry.setdefault("drawn", True)
    override = override or {}
    if "colour" in override:
        entry["style"].update(color=override["colour"], fillColor=override["colour"])
    if "legend" in override:
        entry["legend"] = override["legend"]
    entry["titles"] = {key: value for key, value in override.items() if key == "title" or key.startswith("title_")}
    return entry


def layer_for(role: str) -> str:
    """The id of the built-in layer that has ``role`` (the catalogue is the one home of ids)."""
    for layer_id, entry in catalogue().items():
        if entry.get("role") == role:
            return layer_id
    raise AtlasError(f"{_package_file('data/layers.json')}: no layer has the role {role!r}")


def computed_layers() -> tuple[str, ...]:
    """Ids of the layers the atlas computes itself: a layer file may not take them."""
    return tuple(layer_id for layer_id, entry in catalogue().items() if entry.get("computed"))


def legend_symbol(entry: dict, geometry_types: set[str]) -> str | None:
    """How the legend shows a layer: the catalogue's symbol, or for 'auto' the layer's main geometry."""
    return geometry_symbol(geometry_types) if entry["legend"] == "auto" else entry["legend"]


def geometry_symbol(geometry_types: set[str]) -> str:
    """'area', 'line' or 'point': what a layer's geometries mostly draw as."""
    if geometry_types & {"Polygon", "MultiPolygon"}:
        return "area"
    return "line" if geometry_types & {"LineString", "MultiLineString"} else "point"


def layer_title(layer_id: str, entry: dict, lang: str = "en") -> str:
    """What a layer is called in the legend and the layer list: a layer file's own title for the
    language, else the interface text for a built-in layer, else the file's title, else its id."""
    titles = entry.get("titles", {})
    return titles.get(f"title_{lang}") or texts(lang)["layers"].get(layer_id) or titles.get("title") or layer_id
