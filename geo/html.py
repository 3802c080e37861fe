"""Render the atlas as one self-contained folium HTML page with the stage slider. Every layer is drawn
as its entry in the layer catalogue (``data/layers.json``) says: pane, style, legend, dates."""

from __future__ import annotations

import html
import json

import folium
import geopandas as gpd
import numpy as np
import shapely

from .catalogue import chinese_entry, geometry_symbol, layer_title, legend_symbol, mobile_war, region, stages, styles, texts, war_span
from .offline import CustomPane, GeoJson, LayerControl, TileLayer, compact_json, number_elements, offline_map
from .pipeline import Atlas, drawn_layers
from .process import merged
from .slider import StageSlider

FIGURES = ("length_km", "area_km2", "distance_to_seoul_km", "share")
POPUP_FIELDS = ("name", "name_today", "place", "place_today", "start", "end", "description", "source",
                "confidence", "side", "rank", "label", "label_at")
BRIEF_FIELDS = {"control_areas": ("name", "side", "start"), "previous_front": ("name", "start"),
                "places": ("name", "label", "label_side", "rank")}
SHOWN = ("shown_from", "shown_until")
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
    """A GeoJSON FeatureCollection with rounded coordinates, only the fields the page uses, and when
    the map shows each feature."""
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs("EPSG:4326")
    precision = region()["web"]["precision_deg"]
    geometry = shapely.set_precision(frame.geometry.values, precision)
    features = []
    for row, shape in zip(frame.to_dict("records"), geometry):
        if shape is None or shape.is_empty:
            continue
        props = {key: row[key] for key in fields if key in row and _present(row[key])}
        # the page reads start and end when the display window is the same (most features), saving bytes
        for key, same_as in zip(SHOWN, ("start", "end")):
            if key in row and props.get(same_as) != _or_none(row[key]):
                props[key] = _or_none(row[key])
        figures = _figures(row, labels)
        if figures:
            props["figures"] = figures
        features.append({"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(shape))})
    return {"type": "FeatureCollection", "features": features}


def _or_none(value: object) -> object:
    return value if _present(value) else None


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value))


def _pane(frame: gpd.GeoDataFrame, entry: dict) -> str:
    return entry["pane"] or {"area": "areas", "line": "lines", "point": "points"}[geometry_symbol(set(frame.geom_type))]


def _overlay(frame: gpd.GeoDataFrame, layer_id: str, entry: dict, title: str, labels: dict) -> GeoJson:
    style = dict(entry["style"])
    pane = f"kw-{_pane(frame, entry)}"
    style["fill"] = "fillOpacity" in style
    sides = styles()["sides"]

    def style_function(feature: dict) -> dict:
        side = feature["properties"].get("side")
        if layer_id == "control_areas" and side in sides:
            return {**style, "fillColor": sides[side]["fill"], "color": sides[side]["fill"]}
        return style

    marker = folium.CircleMarker(radius=entry.get("radius", 6))
    marker.options["pane"] = pane  # folium keeps only path options; without it dots fall beneath the lines
    features = _features(_label_point(frame, entry.get("label")), labels, BRIEF_FIELDS.get(layer_id, POPUP_FIELDS))
    # show=False: the slider puts the layer on the map once the opening date's features are chosen, so
    # the page never draws every front date's territory at once while it opens
    return GeoJson(features, name=html.escape(title), style_function=style_function, marker=marker, pane=pane,
                   show=False)


def _label_point(frame: gpd.GeoDataFrame, fraction: float | None) -> gpd.GeoDataFrame:
    """``label_at`` ([lat, lon]) on the layer's first line or outline, ``fraction`` of the way along it,
    where the page writes the layer's name."""
    shapes = frame.geometry.values
    lines_or_areas = np.flatnonzero(np.isin(shapely.get_type_id(shapes), [1, 3, 5, 6]))
    if fraction is None or not len(lines_or_areas):
        return frame
    first = lines_or_areas[0]
    line = shapes[first].boundary if shapes[first].geom_type.endswith("Polygon") else shapes[first]
    point = shapely.line_interpolate_point(line, fraction, normalized=True)
    labels = [None] * len(frame)
    labels[first] = [round(point.y, 4), round(point.x, 4)]
    return frame.assign(label_at=labels)


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


def _swatch(symbol: str, style: dict) -> str:
    """CSS for a legend swatch drawn like the layer."""
    colour, fill = style.get("color", "#000000"), style.get("fillColor", style.get("color", "#000000"))
    if symbol == "line":
        dash = "dashed" if style.get("dashArray") else "solid"
        return f"border-top:{max(2, style.get('weight', 2))}px {dash} {colour};opacity:{style.get('opacity', 1)}"
    if symbol == "point":
        return f"background:{fill};border:2px solid {colour}"
    if symbol == "outline":
        return f"border:3px solid {colour}"
    return f"background:{fill};opacity:0.6;border:1px solid {colour}"


def _legend(frames: dict[str, gpd.GeoDataFrame], atlas: Atlas, lang: str) -> list[dict]:
    """Legend entries in drawing order: label, swatch shape and CSS, and the layer whose drawn features
    make the entry shown (the page lists only what is on the map at its date)."""
    t, sides = texts(lang), styles()["sides"]
    items = [{"label": t["sides"][side], "shape": "area", "layer": "control_areas", "side": side,
              "css": f"background:{sides[side]['fill']};opacity:0.55"} for side in ("un", "communist")]
    for layer_id, frame in frames.items():
        entry = atlas.catalogue[layer_id]
        symbol = legend_symbol(entry, set(frame.geom_type))
        if layer_id == "control_areas" or symbol is None:
            continue
        shape = {"outline": "area"}.get(symbol, symbol)
        items.append({"label": layer_title(layer_id, entry, lang), "shape": shape, "layer": layer_id,
                      "css": _swatch(symbol, entry["style"])})
    return items


def slider_config(atlas: Atlas, frames: dict[str, gpd.GeoDataFrame], lang: str) -> dict:
    """What the page's script needs: stages with their texts, slider steps (every front date and every
    day a feature appears, so each can be reached) and ticks, shares, legend."""
    t = texts(lang)
    first, last = war_span()
    appears = {d for frame in frames.values() for d in frame["shown_from"].dropna()}
    stage_list = [{**s, **t["stages"][str(s["id"])]} for s in stages()]
    steps = sorted({first, last, *(d for d in appears if first <= d <= last),
                    *(s["start"] for s in stage_list), *(s["key_date"] for s in stage_list)})
    share = atlas.control.pivot(index="start", columns="side", values="share").round(2)
    km2 = atlas.control.pivot(index="start", columns="side", values="area_km2").round(0)
    shares = {date: {"un": float(row["un"]), "communist": float(row["communist"]),
                     "un_km2": float(km2.loc[date, "un"]), "communist_km2": float(km2.loc[date, "communist"])}
              for date, row in share.iterrows()}
    return {"first": first, "last": last, "start": first, "stages": stage_list, "steps": steps,
            "ticks": sorted({last, *(s[k] for s in stage_list for k in ("start", "key_date"))}), "texts": t,
            "legend": _legend(frames, atlas, lang), "shares": shares, "play_ms": 1200,
            "chinese_entry": chinese_entry(), "mobile_war": mobile_war(), "fit_bounds": _lat_lon_bounds(region()["view"]["fit_bounds"])}


def _lat_lon_bounds(bounds: list[float]) -> list[list[float]]:
    """``[west, south, east, north]`` as Leaflet's ``[[south, west], [north, east]]``."""
    west, south, east, north = bounds
    return [[south, west], [north, east]]


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
    frames = drawn_layers(atlas, lang)
    overlays = []
    for layer_id, frame in frames.items():
        entry = atlas.catalogue[layer_id]
        title = layer_title(layer_id, entry, lang)
        layer = _overlay(frame, layer_id, entry, title, t["figures"])
        layer.add_to(m)
        overlays.append((layer_id, layer, {"dates": entry["dates"], "label": title if entry.get("label") is not None else None}))
    TileLayer("OpenStreetMap", name=html.escape(t["ui"]["online_tiles"]), overlay=True, show=False).add_to(m)
    LayerControl(collapsed=True).add_to(m)
    m.add_child(StageSlider(slider_config(atlas, frames, lang), overlays))
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
