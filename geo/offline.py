"""Make a folium map self-contained, safe and reproducible: Leaflet inlined from the ``xstatic-leaflet``
package instead of CDN links, every element rendered once (text from the data is never a template),
and element ids numbered instead of random."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import folium
import folium.template
import xstatic.pkg.leaflet as xleaflet
from branca.element import Element, Figure, MacroElement
from jinja2 import Template


def _leaflet_css(folder: Path) -> str:
    """leaflet.css with its images turned into data URIs, so nothing is fetched."""
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        data = base64.b64encode((folder / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)


def number_elements(root: Element) -> None:
    """Replace every element's random id with its position in the tree (same input, same bytes)."""
    counter = iter(range(10**9))

    def walk(element: Element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            walk(child)
        if isinstance(element, Figure):
            for part in (element.header, element.html, element.script):
                walk(part)

    walk(root)


@contextmanager
def compact_json() -> Iterator[None]:
    """Render folium's ``|tojson`` output without spaces (about 10% off the page's data), sorted as usual."""
    policies = folium.GeoJson._template.environment.policies
    before = policies.get("json.dumps_kwargs")
    policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    try:
        yield
    finally:
        policies["json.dumps_kwargs"] = before


class _RenderedText(Element):
    """What a macro has rendered, passed on as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class RenderedOnce(MacroElement):
    """A macro element whose output is passed on as plain text. branca (0.8) wraps each macro's
    output in a new ``Element``, which compiles it as a Jinja template a second time, so text from
    the data such as ``{{ 7*7 }}`` would be evaluated (and could run code). Every element of the
    atlas's page derives from this class; the folium subclasses below put it in their method order
    just above ``MacroElement``, so folium's own ``render`` steps still run first."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("an element can only be rendered inside a Figure")
        for part in ("header", "html", "script"):
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_RenderedText(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class Map(folium.Map, RenderedOnce):
    pass


class GeoJson(folium.GeoJson, RenderedOnce):
    pass


class TileLayer(folium.TileLayer, RenderedOnce):
    pass


class CustomPane(folium.map.CustomPane, RenderedOnce):
    pass


class LayerControl(folium.LayerControl, RenderedOnce):
    """folium's layer control without its object literal of titles, where a layer titled
    ``__proto__`` would replace the object's prototype and two layers with one title would collapse
    into one: each layer is added to the control by a call of its own."""

    _template = folium.template.Template("""
        {% macro script(this, kwargs) %}
            let {{ this.get_name() }} = L.control.layers(null, null, {{ this.options|tojavascript }})
                .addTo({{ this._parent.get_name() }});
            {%- for layer in this.layers %}
            {{ this.get_name() }}.{{ "addOverlay" if layer.overlay else "addBaseLayer" }}(
                {{ layer.get_name() }}, {{ layer.layer_name|tojson }});
            {%- endfor %}
        {% endmacro %}
    """)

    def render(self, **kwargs) -> None:
        self.layers = [item for item in self._parent._children.values() if isinstance(item, folium.map.Layer) and item.control]
        RenderedOnce.render(self, **kwargs)


class InlineLeaflet(RenderedOnce):
    """Leaflet's script and stylesheet written into the page head."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "InlineLeaflet"
        folder = Path(xleaflet.BASE_DIR)
        self.css = _leaflet_css(folder)
        self.js = (folder / "leaflet.js").read_text(encoding="utf-8")


def offline_map(min_zoom: float, max_zoom: float, **options) -> folium.Map:
    """A folium Map that links to no CDN: only Leaflet is needed, and it is inlined."""
    m = Map(tiles=None, **options)
    # folium hands min_zoom and max_zoom to its default tile layer only; with none, the map takes them
    m.options.update(minZoom=min_zoom, maxZoom=max_zoom)
    m.default_js, m.default_css = [], []
    m.add_child(InlineLeaflet())
    return m
