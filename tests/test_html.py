"""The HTML map as a file: self-contained, deterministic, safe with hostile text, and never
half-written."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import build
from conftest import FIXTURES, build_map

HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'


def test_the_page_links_to_nothing_outside(built_map):
    page = built_map.read_text()
    assert not re.search(r"<script[^>]+src=", page), "every script is inlined"
    assert not re.search(r"<link[^>]+href=", page), "every stylesheet is inlined"
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert 'lang="en"' in page and "user-scalable=no" not in page


def test_page_size_stays_small(built_map):
    assert built_map.stat().st_size < 650 * 1024  # bench/run.py measures it; this only catches a blow-up (81 front dates: 570 KB)


def test_two_builds_are_byte_identical(tmp_path, built_map):
    again = build_map(tmp_path) / "korean_war_map.html"
    assert again.read_bytes() == built_map.read_bytes()


def test_a_teacher_layer_becomes_a_map_layer(tmp_path, layers_copy):
    shutil.copy(FIXTURES / "layers" / "teacher_layer.geojson", layers_copy / "teacher_layer.geojson")
    try:
        page = (build_map(tmp_path, layers=layers_copy) / "korean_war_map.html").read_text()
    finally:
        (layers_copy / "teacher_layer.geojson").unlink()
    assert '{id:"teacher_layer"' in page.replace(" ", "") and "Refugee school in Pusan" in page


def hostile_layer(folder: Path) -> Path:
    collection = json.loads((FIXTURES / "layers" / "teacher_layer.geojson").read_text())
    for feature in collection["features"]:
        feature["properties"].update(name=HOSTILE, description=HOSTILE, source=HOSTILE)
    path = folder / "hostile.geojson"
    path.write_text(json.dumps(collection))
    return path


def test_hostile_text_is_never_raw_html_in_the_page(tmp_path, layers_copy):
    path = hostile_layer(layers_copy)
    try:
        page = (build_map(tmp_path, layers=layers_copy) / "korean_war_map.html").read_text()
    finally:
        path.unlink()
    assert "<img src=x" not in page and "<script>window.__pwned" not in page
    assert "\\u003cimg src=x onerror" in page  # kept as JSON text, to be shown with textContent


def test_template_syntax_in_the_data_is_kept_as_text(tmp_path, layers_copy):
    # folium's renderer once compiled its output as a Jinja template: {{ 7*7 }} in a name became 49
    collection = json.loads((FIXTURES / "layers" / "teacher_layer.geojson").read_text())
    odd = {"name": "Sums {{ 7*7 }}", "description": "{% for x in [1, 2] %}X{% endfor %} {# note #}"}
    for feature in collection["features"]:
        feature["properties"].update(odd)
    path = layers_copy / "braces.geojson"
    path.write_text(json.dumps(collection))
    try:
        page = (build_map(tmp_path, layers=layers_copy) / "korean_war_map.html").read_text()
    finally:
        path.unlink()
    for text in odd.values():
        assert json.dumps(text)[1:-1] in page


def run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    code = build.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_bad_layer_stops_the_build_and_keeps_the_last_good_map(tmp_path, layers_copy, capsys):
    out = build_map(tmp_path)
    good = (out / "korean_war_map.html").read_bytes()
    bad = layers_copy / "broken.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [')
    try:
        code, stdout, stderr = run_cli(["--layers", str(layers_copy), "--out", str(out)], capsys)
    finally:
        bad.unlink()
    assert code == 1
    assert stderr.strip().count("\n") == 0 and "broken.geojson: not valid JSON" in stderr
    assert "Traceback" not in stderr
    assert (out / "korean_war_map.html").read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == ["korean_war_map.html"], "no temporary file left behind"


def test_build_prints_where_the_map_is(tmp_path, capsys):
    code, stdout, _ = run_cli(["--out", str(tmp_path)], capsys)
    assert code == 0 and str(tmp_path / "korean_war_map.html") in stdout


def test_export_writes_one_geopackage_layer_per_layer_id(tmp_path, capsys):
    import pyogrio

    code, stdout, _ = run_cli(["--out", str(tmp_path), "export"], capsys)
    assert code == 0
    names = {name for name, _ in pyogrio.list_layers(tmp_path / "korean_war.gpkg")}
    assert {"parallel_38", "pusan_perimeter", "inchon_landing", "yalu_river", "armistice_line", "events",
            "front_lines", "control_areas"} <= names


def test_help_explains_every_command(capsys):
    with pytest.raises(SystemExit):
        build.main(["--help"])
    text = capsys.readouterr().out
    for command in ("map", "export", "control", "snapshots", "embed", "--lang"):
        assert command in text
