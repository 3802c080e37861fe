"""The stage slider as a folium plugin: a MacroElement, a Jinja template, and its JS and CSS
kept as package files in ``geo/assets``."""

from __future__ import annotations

from importlib import resources

import folium
import rcssmin
import rjsmin
from jinja2 import Template

from .offline import RenderedOnce


def _asset(name: str) -> str:
    return resources.files("geo").joinpath(f"assets/{name}").read_text(encoding="utf-8")


class StageSlider(RenderedOnce):
    """A time slider over the war's stages that shows each overlay's features between their
    ``start`` and ``end`` dates, with captions, a legend, deep links and ``window.koreanWarMap``.

    Parameters
    ----------
    config : dict
        Stages, slider steps, ticks, texts, legend and control shares (serialised to JSON).
    overlays : list of (layer id, folium layer, {"dates": ..., "label": ...})
        The layers whose features the slider filters by date, how their popups give dates (the
        catalogue's ``dates``) and the title to write on the map beside them, if any.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.js }}
        KoreanWarStageSlider({{ this._parent.get_name() }}, {{ this.config|tojson }}, [
        {%- for layer_id, layer, about in this.overlays %}
            {id: {{ layer_id|tojson }}, group: {{ layer.get_name() }}, dates: {{ about.dates|tojson }}, label: {{ about.label|tojson }}}{{ "," if not loop.last }}
        {%- endfor %}
        ]);
        {% endmacro %}
    """)

    default_js: list = []
    default_css: list = []

    def __init__(self, config: dict, overlays: list[tuple[str, folium.GeoJson, dict]]) -> None:
        super().__init__()
        self._name = "StageSlider"
        self.config = config
        self.overlays = overlays
        self.js = rjsmin.jsmin(_asset("stage_slider.js"))  # the package files stay readable; the page gets them minified
        self.css = rcssmin.cssmin(_asset("stage_slider.css"))
