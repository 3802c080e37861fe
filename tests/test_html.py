"""The HTML map as a file: self-contained, small, deterministic, safe with hostile text from any file,
and never half-written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import FIXTURES, build_map, page_parts, run

from geo.html import map_figure
from geo.offline import RenderedOnce
from geo.slider import script_json

HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script><!--'
PAGE_GOAL_KB = 350


def test_the_page_links_to_nothing_outside(built_map):
    page = built_map.read_text()
    assert "fetch(" not in page_parts(built_map)["code"] and "XMLHttpRequest" not in page_parts(built_map)["code"]
    assert not re.search(r"<script[^>]+src=", page), "every script is inlined"
    assert not re.search(r"<link[^>]+href=", page), "every stylesheet is inlined"
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert 'lang="en"' in page and "user-scalable=no" not in page


def test_page_size_meets_its_goal(built_map, korean_map):
    # bench/run.py reports the figures; the goal itself is part of the issue that set it
    for page in (built_map, korean_map):
        assert page.stat().st_size <= PAGE_GOAL_KB * 1024, (page.name, page.stat().st_size // 1024)


def test_two_builds_are_byte_identical(tmp_path, built_map):
    again = build_map(tmp_path) / "korean_war_map.html"
    assert again.read_bytes() == built_map.read_bytes()


def test_a_teacher_layer_becomes_a_map_layer(tmp_path, layers_copy):
    (layers_copy / "teacher_layer.geojson").write_text((FIXTURES / "layers" / "teacher_layer.geojson").read_text())
    try:
        data = page_parts(build_map(tmp_path, layers=layers_copy) / "korean_war_map.html")["data"]
    finally:
        (layers_copy / "teacher_layer.geojson").unlink()
    assert '"id":"teacher_layer"' in data and "Refugee school in Pusan" in data


def hostile_layer(folder: Path) -> Path:
    collection = json.loads((FIXTURES / "layers" / "teacher_layer.geojson").read_text())
    collection["atlas"] = {"title": HOSTILE[:80]}
    for feature in collection["features"]:
        feature["properties"].update(name=HOSTILE, description=HOSTILE, source=HOSTILE)
    path = folder / "hostile.geojson"
    path.write_text(json.dumps(collection))
    return path


def test_hostile_text_is_never_raw_html_in_the_page(tmp_path, layers_copy):
    path = hostile_layer(layers_copy)
    try:
        parts = page_parts(build_map(tmp_path, layers=layers_copy) / "korean_war_map.html")
    finally:
        path.unlink()
    for text in (parts["html"], parts["data"]):
        assert "<img src=x" not in text and "<script>window.__pwned" not in text and "<!--" not in text.split("<body>")[-1]
    assert "\\u003cimg src=x onerror" in parts["data"]  # kept as JSON text, to be shown with textContent


def test_script_json_never_ends_or_changes_the_script():
    text = script_json({"a": "</script><script>x</script>", "b": "<!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><script>x</script>", "b": "<!-- & \u2028"}


def test_template_syntax_in_the_data_is_kept_as_text(tmp_path, layers_copy):
    # folium's renderer once compiled its output as a Jinja template: {{ 7*7 }} in a name became 49
    collection = json.loads((FIXTURES / "layers" / "teacher_layer.geojson").read_text())
    odd = {"name": "Sums {{ 7*7 }}", "description": "{% for x in [1, 2] %}X{% endfor %} {# note #}"}
    for feature in collection["features"]:
        feature["properties"].update(odd)
    path = layers_copy / "braces.geojson"
    path.write_text(json.dumps(collection))
    try:
        data = page_parts(build_map(tmp_path, layers=layers_copy) / "korean_war_map.html")["data"]
    finally:
        path.unlink()
    for text in odd.values():
        assert script_json(text)[1:-1] in data


def test_a_bad_layer_stops_the_build_and_keeps_the_last_good_map(tmp_path, layers_copy, capfd):
    out = build_map(tmp_path)
    good = (out / "korean_war_map.html").read_bytes()
    bad = layers_copy / "broken.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [')
    capfd.readouterr()
    try:
        code = run(["--layers", str(layers_copy), "--out", str(out)])
    finally:
        bad.unlink()
    err = capfd.readouterr().err
    assert code == 1
    assert err.strip().count("\n") == 0 and "broken.geojson: not valid JSON" in err and "Traceback" not in err
    assert (out / "korean_war_map.html").read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == ["korean_war_map.html"], "no temporary file left behind"


def test_build_prints_where_the_map_is(tmp_path, capfd):
    assert run(["--out", str(tmp_path)]) == 0
    assert str(tmp_path / "korean_war_map.html") in capfd.readouterr().out


def test_no_element_of_the_page_recompiles_its_text(web_model):
    import folium
    from branca.element import MacroElement

    m = map_figure(web_model)

    def offenders(element) -> list[str]:
        bad = [type(element).__name__] if isinstance(element, MacroElement) and not isinstance(element, RenderedOnce) else []
        return bad + [name for child in element._children.values() for name in offenders(child)]

    assert offenders(m.get_root()) == []
    folium.Popup("{{ 7*7 }}").add_to(m)  # a folium class that would compile text from the data
    assert offenders(m.get_root()) == ["Popup"]
