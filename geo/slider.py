"""The stage slider as a folium plugin, in the shape of folium's own: a ``MacroElement`` with a Jinja
template, its script and stylesheet kept as package files (``geo/assets/slider/``), joined in a fixed
order and minified into the page. The script and the page's data (safe JSON) travel deflated and
base64-encoded, a third of their size; a few plain lines (``boot.js``) open them in the browser."""

from __future__ import annotations

import base64
import json
import zlib
from importlib import resources
from typing import ClassVar

import rcssmin
import rjsmin
from jinja2 import Template

from .offline import RenderedOnce

# the script's rooms, in the order they are joined: each only uses the rooms above it
SCRIPTS = (
    "util",
    "dates",
    "store",
    "state",
    "canvaspoints",
    "layers",
    "popup",
    "labels",
    "legend",
    "panel",
    "timeline",
    "controls",
    "text",
    "fit",
    "compare",
    "tour",
    "url",
    "api",
)
STYLES = ("base", "panel", "labels", "compare", "tour", "sizes", "print")


def _asset(name: str) -> str:
    return resources.files("geo").joinpath(f"assets/slider/{name}").read_text(encoding="utf-8")


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element whatever its strings hold: ``<``, ``>`` and ``&``
    are written as escapes, so ``</script>`` or ``<!--`` in any text can never end or change the script."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def packed(text: str) -> str:
    """``text`` deflated (raw, level 9: the same bytes every build) and base64-encoded."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.b64encode(deflate.compress(text.encode("utf-8")) + deflate.flush()).decode("ascii")


def unpacked(text: str) -> str:
    """The inverse of :func:`packed` (what the page's ``boot.js`` does)."""
    return zlib.decompress(base64.b64decode(text), -15).decode("utf-8")


class StageSlider(RenderedOnce):
    """A time slider over the war's stages that draws each layer's features on the days the map shows
    them, with captions, a legend, the event timeline, compare, the tour, deep links and the page API
    ``window.koreanWarMap``.

    Parameters
    ----------
    config : dict
        What the page draws and says: see :func:`geo.html.page_config`.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.boot }}
        KoreanWarAtlasBoot({{ this._parent.get_name() }}, "{{ this.code }}", "{{ this.data }}");
        {% endmacro %}
    """)

    default_js: ClassVar[list] = []
    default_css: ClassVar[list] = []

    def __init__(self, config: dict) -> None:
        super().__init__()
        self._name = "StageSlider"
        js = "\n".join(_asset(f"{name}.js") for name in SCRIPTS)
        self.code = packed(rjsmin.jsmin(f'(function () {{\n"use strict";\n{js}\n}})();'))
        self.data = packed(script_json(config))
        self.boot = rjsmin.jsmin(_asset("boot.js"))
        self.css = rcssmin.cssmin("\n".join(_asset(f"{name}.css") for name in STYLES))
