"""Render the drawn model as one self-contained folium HTML page: a Leaflet map whose every shape comes
from the page's compact geometry store (:mod:`geo.store`), drawn and dated by the stage slider plugin
(:mod:`geo.slider`) as the layer catalogue says."""

from __future__ import annotations

import html

import geopandas as gpd
import numpy as np
import shapely

from .catalogue import chinese_entry, geometry_symbol, moving_km, region, styles, war_span
from .model import DrawnLayer, DrawnModel, play_schedule
from .offline import compact_json, number_elements, offline_map
from .process import merged
from .slider import StageSlider
from .store import encode_store, encode_unshared

FIGURES = ("length_km", "area_km2", "distance_to_km", "share")
POPUP_FIELDS = (
    "name",
    "name_today",
    "place",
    "place_today",
    "start",
    "end",
    "description",
    "source",
    "confidence",
    "side",
    "number",
    "kind",
)
# the page names territory by its side and fronts by their date, and takes a territory's figures from the
# versions table: those are not sent again with every shape
BRIEF_FIELDS = {
    "territory": ("side", "start", "end"),
    "previous_front": ("start",),
    "places": ("name", "rank", "label_side"),
    "front": tuple(f for f in POPUP_FIELDS if f != "name"),
}
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'


def render_map(model: DrawnModel, plain_geometry: bool = False) -> str:
    """The whole page as a string. ``plain_geometry`` sends shapes without sharing arcs (one arc per
    line or ring): the same picture, bigger, for the test that the store draws what it is given."""
    with compact_json():
        page = map_figure(model, plain_geometry).get_root().render()
    return _finish_page(page, model.lang)


def map_figure(model: DrawnModel, plain_geometry: bool = False) -> object:
    """The page as a folium map: Leaflet inlined, and the stage slider with everything it draws."""
    view = region()["view"]
    west, south, east, north = region()["web"]["basemap_bbox"]  # no panning past the drawn land
    m = offline_map(
        location=view["center"],
        zoom_start=view["zoom"],
        min_zoom=view["min_zoom"],
        max_zoom=view["max_zoom"],
        zoom_snap=view["zoom_snap"],
        control_scale=False,
        max_bounds=True,
        min_lat=south,
        max_lat=north,
        min_lon=west,
        max_lon=east,
    )
    m.get_root().title = html.escape(model.texts["title"])
    m.add_child(StageSlider(page_config(model, plain_geometry)))
    number_elements(m.get_root())
    return m


def page_config(model: DrawnModel, plain_geometry: bool = False) -> dict:
    """Everything the page's script reads: stages and texts, the date rules' table, slider steps and
    play times, the legend, and every layer's features with references into one geometry store."""
    geometries: list = [*_basemap(model)]
    layers = []
    for layer in model.layers.values():
        features, shapes = layer.features, list(layer.features.geometry.values)
        refs = list(range(len(geometries), len(geometries) + len(shapes)))
        if layer.role == "territory":  # the UN side is drawn as the frame less the communist side
            sides = features["side"].tolist()
            communist = {start: r for start, side, r in zip(features["start"], sides, refs) if side == "communist"}
            refs = [communist[start] if side == "un" else r for start, side, r in zip(features["start"], sides, refs)]
            shapes = [None if side == "un" else g for side, g in zip(sides, shapes)]
        geometries += shapes
        layers.append(_layer(layer, features, refs, model))
    encode = encode_unshared if plain_geometry else encode_store
    store = encode(geometries, region()["web"]["precision_deg"])
    for layer in layers:  # a shape with nothing left to draw at the web's precision is left out
        layer["features"] = [{**f, "g": store.refs[f["g"]]} for f in layer["features"] if store.refs[f["g"]] is not None]
    first, last = war_span()
    return {
        "lang": model.lang,
        "first": first,
        "last": last,
        "stages": model.stages,
        "steps": model.steps,
        "ticks": sorted({last, *(s[k] for s in model.stages for k in ("start", "key_date"))}),
        "play": play_schedule(model),
        "chinese_entry": chinese_entry(),
        "moving_km": moving_km(),
        "versions": _versions(model.versions),
        "texts": {k: model.texts[k] for k in ("title", "date_format", "months", "ui", "sides", "figures")},
        "legend": _legend(model),
        "layers": layers,
        "store": {"scale": store.scale, "arcs": store.arcs},
        "basemap": {"sea": store.refs[0], "land": store.refs[1], "style": styles()["basemap"]},
        "sides": styles()["sides"],
        "panes": styles()["panes"],
        "tour": model.tour,
        "tiles": region()["web"]["online_tiles"],
        "fit_bounds": _lat_lon_bounds(region()["view"]["fit_bounds"]),
        "frame": _lat_lon_bounds(region()["bbox"]),
    }


def _versions(versions) -> dict[str, list]:
    """The date rules' table, by column: shares to 0.01 point and areas to the km², as the page shows them."""
    digits = {"un": 2, "communist": 2, "un_km2": 0, "communist_km2": 0, "move_km": 1}
    out = {}
    for column in ("start", "front_date", "line", "next_front", "move_km", "un", "communist", "un_km2", "communist_km2"):
        values = versions[column].tolist()
        if column in digits:
            values = [
                None if v is None or np.isnan(v) else (round(v, digits[column]) if digits[column] else round(v)) for v in values
            ]
        out[column] = [None if isinstance(v, float) and np.isnan(v) else v for v in values]
    return out


def _basemap(model: DrawnModel) -> tuple[shapely.Geometry, shapely.Geometry]:
    """A sea mask with a hole for Korea, and the neighbouring land: the page background is Korea's land
    colour, so territory drawn uncut beneath the mask shows only on the peninsula."""
    korea = merged(model.korea)
    sea = shapely.box(*region()["web"]["basemap_bbox"]).difference(korea)
    return sea, merged(model.land).difference(korea)


def _layer(layer: DrawnLayer, features: gpd.GeoDataFrame, refs: list[int], model: DrawnModel) -> dict:
    entry = layer.entry
    fields = BRIEF_FIELDS.get(layer.role, POPUP_FIELDS)
    place = entry.get("distance_to")
    labels = {
        **model.texts["figures"],
        "distance_to_km": model.texts["figures"]["distance_to_km"].replace("{place}", _place_name(model, place) if place else ""),
    }
    records = []
    for row, ref in zip(features.to_dict("records"), refs):
        props = {key: row[key] for key in fields if key in row and _present(row[key])}
        for key, same_as in (("shown_from", "start"), ("shown_until", "end")):
            if key in row and props.get(same_as) != _or_none(row[key]):
                props[key] = _or_none(row[key])
        figures = _figures(row, labels) if layer.role != "territory" else None
        if figures:
            props["figures"] = figures
        records.append({"p": props, "g": ref, **({"un": 1} if layer.role == "territory" and row["side"] == "un" else {})})
    pane = entry["pane"] or {"area": "areas", "line": "lines", "point": "points"}[geometry_symbol(set(features.geom_type))]
    label_at = _label_point(features, entry.get("label"))
    return {
        "id": layer.id,
        "role": layer.role,
        "title": layer.title,
        "pane": pane,
        "style": entry["style"],
        "radius": entry.get("radius", 6),
        "dates": entry["dates"],
        "legend": layer.symbol,
        "label": layer.title if entry.get("label") is not None else None,
        "label_at": label_at,
        "features": records,
    }


def _place_name(model: DrawnModel, name: str) -> str:
    places = model.places[model.places["name"] == name]
    if places.empty:
        return name
    return places["name_ko"].iloc[0] if model.lang == "ko" else name


def _figures(row: dict, labels: dict) -> list[list[str]]:
    """Figures a popup shows, as [label, formatted value] pairs."""
    out = []
    for key in FIGURES:
        value = row.get(key)
        if not _present(value):
            continue
        unit = {"area_km2": " km²", "share": "%"}.get(key, " km")
        out.append([labels[key], f"{value:,.0f}{unit}" if key != "share" else f"{value:.1f}{unit}"])
    return out


def _or_none(value: object) -> object:
    return value if _present(value) else None


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value))


def _label_point(frame: gpd.GeoDataFrame, fraction: float | None) -> list[list[float]] | None:
    """The layer's first line or outline as [lat, lon] points, where the page looks for room to write
    the layer's name beside it (from ``fraction`` of the way along, the catalogue's choice, outwards)."""
    shapes = frame.geometry.values
    lines_or_areas = np.flatnonzero(np.isin(shapely.get_type_id(shapes), [1, 3, 5, 6]))
    if fraction is None or not len(lines_or_areas):
        return None
    shape = shapes[lines_or_areas[0]]
    line = shape.boundary if shape.geom_type.endswith("Polygon") else shape
    if line.geom_type.startswith("Multi"):
        line = max(line.geoms, key=lambda g: g.length)
    steps = np.linspace(0, 1, 21)
    order = np.argsort(np.abs(steps - fraction), kind="stable")
    points = shapely.line_interpolate_point(line, steps[order], normalized=True)
    return [[round(p.y, 4), round(p.x, 4)] for p in points]


def _swatch(symbol: str, style: dict) -> str:
    """CSS for a legend swatch drawn like the layer (colours and dashes are checked by the schema)."""
    colour, fill = style.get("color", "#000000"), style.get("fillColor", style.get("color", "#000000"))
    if symbol == "line":
        dash = "dashed" if style.get("dashArray") else "solid"
        return f"border-top:{max(2, style.get('weight', 2))}px {dash} {colour};opacity:{style.get('opacity', 1)}"
    if symbol == "point":
        return f"background:{fill};border:2px solid {colour}"
    if symbol == "outline":
        return f"border:3px solid {colour}"
    return f"background:{fill};opacity:0.6;border:1px solid {colour}"


def _legend(model: DrawnModel) -> list[dict]:
    """Legend entries in drawing order: label, swatch shape and CSS, and the layer whose drawn features
    make the entry shown (the page lists only what is on the map at its date)."""
    sides = styles()["sides"]
    territory = model.role("territory")
    items = [
        {
            "label": model.texts["sides"][side],
            "shape": "area",
            "layer": territory.id,
            "side": side,
            "css": f"background:{sides[side]['fill']};opacity:0.55",
        }
        for side in ("un", "communist")
    ]
    for layer in model.layers.values():
        if layer.role == "territory" or layer.symbol is None:
            continue
        if layer.symbol == "arrows":
            items += [
                {
                    "label": f"{layer.title}: {model.texts['sides'][side]}",
                    "shape": "arrow",
                    "layer": layer.id,
                    "side": side,
                    "css": f"background:{sides[side]['fill']}",
                }
                for side in ("un", "communist")
            ]
            continue
        shape = {"outline": "area"}.get(layer.symbol, layer.symbol)
        items.append(
            {"label": layer.title, "shape": shape, "layer": layer.id, "css": _swatch(layer.symbol, layer.entry["style"])}
        )
    return items


def _lat_lon_bounds(bounds: list[float]) -> list[list[float]]:
    """``[west, south, east, north]`` as Leaflet's ``[[south, west], [north, east]]``."""
    west, south, east, north = bounds
    return [[south, west], [north, east]]


def _finish_page(page: str, lang: str) -> str:
    """Declare the language and allow pinch-zoom (folium's viewport meta disables it)."""
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    start = page.find('<meta name="viewport"')
    if start != -1:
        end = page.find(">", start) + 1
        page = page[:start] + VIEWPORT + page[end:]
    return page
