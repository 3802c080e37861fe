"""Make a folium map self-contained and reproducible: Leaflet inlined from the ``xstatic-leaflet``
package instead of CDN links, and element ids numbered instead of random."""

from __future__ import annotations

import base64
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import branca.element
import folium
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


class InlineLeaflet(MacroElement):
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
    m = folium.Map(tiles=None, **options)
    # folium hands min_zoom and max_zoom to its default tile layer only; with none, the map takes them
    m.options.update(minZoom=min_zoom, maxZoom=max_zoom)
    m.default_js, m.default_css = [], []
    m.add_child(InlineLeaflet())
    return m


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


@contextmanager
def rendered_once() -> Iterator[None]:
    """Render every template once. branca (0.8.2) wraps each macro's output in a new ``Element`` whose
    text it compiles as a Jinja template again, so text from the data such as ``{{ 7*7 }}`` would be
    evaluated (and could run code); this keeps that output as plain text (and skips ~40 compilations)."""
    original = branca.element.Element
    branca.element.Element = _RenderedText
    try:
        yield
    finally:
        branca.element.Element = original
