"""Render the atlas as one self-contained folium HTML page with the stage slider."""

from __future__ import annotations

import html
import json

import folium
import geopandas as gpd
import numpy as np
import shapely

from .catalogue import region, stages, styles, texts, war_span
from .offline import CustomPane, GeoJson, LayerControl, TileLayer, compact_json, number_elements, offline_map
from .pipeline import Atlas
from .process import merged, previous_fronts
from .slider import StageSlider

FIGURES = ("length_km", "area_km2", "distance_to_seoul_km", "share")
POPUP_FIELDS = ("name", "name_today", "place", "place_today", "start", "end", "description", "source",
                "confidence", "side", "rank", "label")
BRIEF_FIELDS = {"control_areas": ("name", "side", "start", "end"), "previous_front": ("name", "start", "end"),
                "places": ("name", "label", "label_side", "rank", "start", "end")}
DRAWING_ORDER = ("control_areas", "pusan_perimeter", "parallel_38", "yalu_river", "armistice_line",
                 "previous_front", "front_lines", "inchon_landing", "events")
PRINT_AND_ZOOM = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'


def _figures(row: dict, labels: dict) -> list[list[str]]:
    """Figures a popup shows, as [label, formatted value] pairs."""
    out = []
    for key in FIGURES:
        value = row.get(key)
        if value is None or (isinstance(value, float) and np.isnan(value)):
            continue
        unit = {"area_km2": " km²", "share": "%"}.get(key, " km")
        out.append([labels[key], f"{value:,.0f}{unit}" if key != "share" else f"{value:.1f}{unit}"])
    return out


def _features(frame: gpd.GeoDataFrame, labels: dict, fields: tuple[str, ...] = POPUP_FIELDS) -> dict:
    """A GeoJSON FeatureCollection with rounded coordinates and only the fields the page uses."""
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs("EPSG:4326")
    precision = region()["web"]["precision_deg"]
    geometry = shapely.set_precision(frame.geometry.values, precision)
    features = []
    for row, shape in zip(frame.to_dict("records"), geometry):
        if shape is None or shape.is_empty:
            continue
        props = {key: row[key] for key in fields if key in row and _present(row[key])}
        props.setdefault("end", None)
        props["figures"] = _figures(row, labels)
        features.append({"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(shape))})
    return {"type": "FeatureCollection", "features": features}


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value))


def _style(layer_id: str) -> dict:
    layer_styles = styles()["layers"]
    return layer_styles.get(layer_id, layer_styles["default"])


def _overlay(frame: gpd.GeoDataFrame, layer_id: str, title: str, labels: dict) -> GeoJson:
    style = dict(_style(layer_id))
    pane, radius = f"kw-{style.pop('pane')}", style.pop("radius", 6)
    style["fill"] = "fillOpacity" in style
    sides = styles()["sides"]

    def style_function(feature: dict) -> dict:
        side = feature["properties"].get("side")
        if layer_id == "control_areas" and side in sides:
            return {**style, "fillColor": sides[side]["fill"], "color": sides[side]["fill"]}
        return style

    features = _features(frame, labels, BRIEF_FIELDS.get(layer_id, POPUP_FIELDS))
    return GeoJson(features, name=html.escape(title), style_function=style_function,
                          marker=folium.CircleMarker(radius=radius, pane=pane), pane=pane)


def _basemap(m: folium.Map, atlas: Atlas) -> None:
    """A sea mask with a hole for Korea, and the neighbouring land on top. The page background is
    Korea's land colour, so territory drawn beneath the mask shows only on the peninsula, without a
    coastline-heavy polygon for every date."""
    base = styles()["basemap"]
    korea = merged(atlas.korea)
    for shape, fill, weight in ((shapely.box(*region()["web"]["basemap_bbox"]).difference(korea), base["sea"], 0.7),
                                (merged(atlas.land).difference(korea), base["land"], 0)):
        frame = gpd.GeoDataFrame(geometry=[shape], crs="EPSG:4326")
        GeoJson(_features(frame, {}), interactive=False, control=False, pane="kw-mask",
                       style_function=lambda _f, fill=fill, weight=weight: {
                           "fillColor": fill, "fillOpacity": 1, "color": base["coast"], "weight": weight}).add_to(m)


def _legend(t: dict) -> list[dict]:
    """Legend entries: label, swatch shape and CSS, from the style file."""
    layer_styles, sides = styles()["layers"], styles()["sides"]

    def line(layer_id: str) -> dict:
        s = layer_styles[layer_id]
        dash = "dashed" if s.get("dashArray") else "solid"
        return {"label": t["layers"][layer_id], "shape": "line",
                "css": f"border-top:{max(2, s['weight'])}px {dash} {s['color']};opacity:{s.get('opacity', 1)}"}

    def point(layer_id: str) -> dict:
        s = layer_styles[layer_id]
        return {"label": t["layers"][layer_id], "shape": "point", "css": f"background:{s['fillColor']};border:2px solid {s['color']}"}

    items = [{"label": t["sides"][side], "shape": "area", "css": f"background:{sides[side]['fill']};opacity:0.55"}
             for side in ("un", "communist")]
    items += [line(i) for i in ("front_lines", "previous_front", "parallel_38", "yalu_river", "armistice_line")]
    s = layer_styles["pusan_perimeter"]
    items.append({"label": t["layers"]["pusan_perimeter"], "shape": "area", "css": f"border:3px solid {s['color']}"})
    items += [point(i) for i in ("inchon_landing", "events")]
    return items


def slider_config(atlas: Atlas, t: dict) -> dict:
    """What the page's script needs: stages with their texts, slider steps and ticks, shares, legend."""
    first, last = war_span()
    front_dates = sorted(d for d in atlas.control["start"].unique() if first <= d <= last)
    stage_list = [{**s, **t["stages"][str(s["id"])]} for s in stages()]
    steps = sorted({first, last, *front_dates, *(s["start"] for s in stage_list), *(s["key_date"] for s in stage_list)})
    pivot = atlas.control.pivot(index="start", columns="side", values="share").round(2)
    shares = {date: {"un": float(row["un"]), "communist": float(row["communist"])} for date, row in pivot.iterrows()}
    return {"first": first, "last": last, "start": first, "stages": stage_list, "steps": steps,
            "ticks": sorted({last, *(s[k] for s in stage_list for k in ("start", "key_date"))}), "texts": t, "legend": _legend(t),
            "shares": shares, "play_ms": 1200, "fit_bounds": _lat_lon_bounds(region()["view"]["fit_bounds"])}


def _lat_lon_bounds(bounds: list[float]) -> list[list[float]]:
    """``[west, south, east, north]`` as Leaflet's ``[[south, west], [north, east]]``."""
    west, south, east, north = bounds
    return [[south, west], [north, east]]


def _places(atlas: Atlas, t: dict) -> gpd.GeoDataFrame:
    places = atlas.places.copy()
    if t["lang"] == "ko":
        places["label"] = places["name_ko"] + " (" + places["name"] + ")"
    else:
        today = places["name_today"].where(places["name_today"] != places["name"])
        places["label"] = (places["name"] + (" (" + today + ")").fillna("")).fillna(places["name"])
    places["start"], places["end"] = region()["date_range"][0], None
    places["name"] = places["label"]
    return places


def map_figure(atlas: Atlas, lang: str = "en") -> folium.Map:
    """The page as a folium map: basemap, date-filtered overlays, layer control and stage slider."""
    t = texts(lang)
    view = region()["view"]
    west, south, east, north = region()["web"]["basemap_bbox"]  # no panning past the drawn land
    m = offline_map(location=view["center"], zoom_start=view["zoom"], min_zoom=view["min_zoom"],
                    max_zoom=view["max_zoom"], zoom_snap=view["zoom_snap"], control_scale=True, max_bounds=True,
                    min_lat=south, max_lat=north, min_lon=west, max_lon=east)
    m.get_root().title = t["title"]
    for name, z_index in styles()["panes"].items():
        CustomPane(f"kw-{name}", z_index=z_index, pointer_events=name != "mask").add_to(m)
    _basemap(m, atlas)

    control = atlas.control.assign(name=atlas.control["side"].map(t["sides"]))
    frames = {"control_areas": control, "front_lines": atlas.fronts, "previous_front": previous_fronts(atlas.fronts),
              **{k: v for k, v in atlas.layers.items() if k != "front_lines"}}
    order = [k for k in DRAWING_ORDER if k in frames] + sorted(k for k in frames if k not in DRAWING_ORDER)
    overlays = []
    for layer_id in order:
        layer = _overlay(frames[layer_id], layer_id, t["layers"].get(layer_id, layer_id), t["figures"])
        layer.add_to(m)
        overlays.append((layer_id, layer))
    places = _overlay(_places(atlas, t), "places", t["layers"]["places"], t["figures"])
    places.add_to(m)
    overlays.append(("places", places))
    TileLayer("OpenStreetMap", name=html.escape(t["ui"]["online_tiles"]), overlay=True, show=False).add_to(m)
    LayerControl(collapsed=True).add_to(m)
    m.add_child(StageSlider(slider_config(atlas, t), overlays))
    number_elements(m.get_root())
    return m


def render_map(atlas: Atlas, lang: str = "en") -> str:
    """The whole page as a string."""
    with compact_json():
        page = map_figure(atlas, lang).get_root().render()
    return _finish_page(page, lang)


def _finish_page(page: str, lang: str) -> str:
    """Declare the language and allow pinch-zoom (folium's viewport meta disables it)."""
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    start = page.find('<meta name="viewport"')
    if start != -1:
        end = page.find(">", start) + 1
        page = page[:start] + PRINT_AND_ZOOM + page[end:]
    return page
