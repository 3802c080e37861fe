"""Adversarial inputs and faults: whatever a teacher drops into ``layers/``, types on the command line or
does to the machine mid-build ends in one line naming the file (and feature), a non-zero exit, and the
last good map untouched; or, where the input means something, in a correct map. The tables below are
the record of the cases; hypothesis adds arbitrary property values and date strings."""

from __future__ import annotations

import copy
import json
import os
import pathlib
import subprocess
import sys

import pytest
import shapely
from conftest import FIXTURES, ROOT, build_map, page_parts
from conftest import run as run_cli

from geo.pipeline import build_atlas

TEACHER = json.loads((FIXTURES / "layers" / "teacher_layer.geojson").read_text())
MAP = "korean_war_map.html"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = run_cli(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def layers(tmp_path) -> pathlib.Path:
    """A folder of the atlas's layers that a test may add to or change: links to the real files (a test
    that changes one writes a file of its own in the link's place)."""
    folder = tmp_path / "layers"
    (folder / "base").mkdir(parents=True)
    for path in [*(ROOT / "layers").glob("*.geojson"), *(ROOT / "layers" / "base").glob("*.geojson")]:
        (folder / path.relative_to(ROOT / "layers")).symlink_to(path)
    return folder


def replace_file(path: pathlib.Path, text: str) -> None:
    path.unlink()
    path.write_text(text)


def teacher(feature: dict | None = None, **changes) -> dict:
    """The teacher fixture with its first feature replaced by ``feature``, or its properties changed."""
    collection = copy.deepcopy(TEACHER)
    if feature is not None:
        collection["features"][0] = feature
    else:
        collection["features"][0]["properties"].update(changes)
    return collection


POINT = {"type": "Point", "coordinates": [129.03, 35.10]}


def write(name: str, content) -> callable:
    def make(folder: pathlib.Path) -> None:
        data = content if isinstance(content, str) else json.dumps(content)
        (folder / name).unlink(missing_ok=True)
        (folder / name).write_text(data)

    return make


def link(name: str, target: str) -> callable:
    def make(folder: pathlib.Path) -> None:
        os.symlink(folder / target, folder / name)

    return make


def folder_named(name: str) -> callable:
    return lambda folder: (folder / name).mkdir()


def front_lines(mutate) -> callable:
    def make(folder: pathlib.Path) -> None:
        path = folder / "front_lines.geojson"
        collection = json.loads(path.read_text())
        mutate(collection)
        replace_file(path, json.dumps(collection))

    return make


def crossing_front(collection: dict) -> None:
    line = next(f for f in collection["features"] if f["properties"].get("kind", "front") == "front")
    coords = line["geometry"]["coordinates"]
    coords[1], coords[-2] = coords[-2], coords[1]  # a zig-zag that crosses itself


# (case, what to do to a copy of layers/, text the one-line error must hold)
REFUSED = [
    (
        "properties null",
        write("t.geojson", teacher(feature={"type": "Feature", "properties": None, "geometry": POINT})),
        "t.geojson, feature 1: has no properties",
    ),
    (
        "properties a list",
        write("t.geojson", teacher(feature={"type": "Feature", "properties": [1], "geometry": POINT})),
        "feature 1: has no properties",
    ),
    ("property named layer", write("t.geojson", teacher(layer="x")), "property 'layer' is a name the atlas uses itself"),
    ("property named geom", write("t.geojson", teacher(geom="x")), "property 'geom' is a name the atlas uses itself"),
    ("property named FID", write("t.geojson", teacher(FID=3)), "property 'FID' is a name the atlas uses itself"),
    ("property named share", write("t.geojson", teacher(share="most")), "property 'share' is a name the atlas uses itself"),
    ("name and NAME", write("t.geojson", teacher(NAME="x")), "properties 'name' and 'NAME' differ only in case"),
    ("numeric confidence", write("t.geojson", teacher(confidence=3)), "'confidence' must be text, not 3"),
    ("nested property", write("t.geojson", teacher(extra={"a": [1]})), "property 'extra' holds a list or object"),
    ("huge integer", write("t.geojson", teacher(people=10**30)), "property 'people' is a number too large"),
    (
        "integer of 5000 digits",
        write("t.geojson", json.dumps(TEACHER).replace('"Class project"', "9" * 5000, 1)),
        "t.geojson: not usable JSON",
    ),
    (
        "coordinate 1e400",
        write("t.geojson", json.dumps(TEACHER).replace("129.03", "1e400")),
        "coordinates must be finite numbers",
    ),
    ("NaN coordinate", write("t.geojson", json.dumps(TEACHER).replace("129.03", "NaN")), "coordinates must be finite numbers"),
    (
        "NaN property",
        write("t.geojson", json.dumps(teacher(people=1)).replace('"people": 1', '"people": NaN')),
        "property 'people' is not a finite number",
    ),
    (
        "deep nesting",
        write("t.geojson", '{"type": "FeatureCollection", "features": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        "t.geojson: nested too deeply",
    ),
    (
        "id an object",
        write("t.geojson", {**TEACHER, "features": [{**TEACHER["features"][0], "id": {"a": 1}}]}),
        "id must be text or a number",
    ),
    ("layer path a folder", folder_named("t.geojson"), "t.geojson: not a readable file"),
    ("broken symlink", link("t.geojson", "nowhere.geojson"), "t.geojson: not a readable file"),
    (
        "symlink loop",
        lambda f: (os.symlink(f / "u.geojson", f / "t.geojson"), os.symlink(f / "t.geojson", f / "u.geojson")),
        "not a readable file",
    ),
    (
        "id control_areas",
        write("control_areas.geojson", TEACHER),
        "'control_areas' is the name of a layer the atlas computes itself",
    ),
    ("id front_geometries", write("front_geometries.geojson", TEACHER), "'front_geometries' is the name of a layer"),
    ("id previous_front", write("previous_front.geojson", TEACHER), "'previous_front' is the name of a layer"),
    ("id Places", write("Places.geojson", TEACHER), "'Places' is the name of a layer"),
    ("title clash Events", write("Events.geojson", TEACHER), "events.geojson: same layer id as Events.geojson"),
    (
        "atlas colour",
        write("t.geojson", {**TEACHER, "atlas": {"colour": "green"}}),
        "t.geojson: atlas 'colour' must be written #RRGGBB, not 'green'",
    ),
    ("atlas unknown key", write("t.geojson", {**TEACHER, "atlas": {"titel": "x"}}), "atlas 'titel' is not known"),
    ("atlas a list", write("t.geojson", {**TEACHER, "atlas": ["x"]}), "'atlas' must be an object"),
    ("file name with a newline", write("a\nb.geojson", TEACHER), "rename the file"),
    ("file name with a terminal escape", write("a\x1b[31mb.geojson", TEACHER), "rename the file"),
    ("corrupt basemap", write("base/korea.geojson", []), "korea.geojson: not GeoJSON"),
    (
        "basemap of points",
        write(
            "base/korea.geojson",
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": POINT}]},
        ),
        "a korea feature must be a Polygon or MultiPolygon",
    ),
    (
        "basemap place without a name",
        lambda f: write(
            "base/places.geojson",
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "", "name_today": "x", "name_ko": "x", "rank": 1},
                        "geometry": POINT,
                    }
                ],
            },
        )(f),
        "'name' must be non-empty text",
    ),
    ("front crossing itself", front_lines(crossing_front), "front_lines.geojson, feature"),
]


@pytest.mark.parametrize("case, make, message", REFUSED, ids=[c[0] for c in REFUSED])
def test_bad_input_is_refused_in_one_line_and_the_map_is_kept(case, make, message, layers, good_map, capsys):
    before = good_map.read_bytes()
    make(layers)
    code, out, err = run(["--layers", str(layers), "--out", str(good_map.parent)], capsys)
    assert code == 1, (case, err)
    assert message in err, err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert "\x1b" not in err
    if case.startswith("front"):
        assert err.startswith(f"error: {layers / 'front_lines.geojson'}"), "the error names the folder given, not layers/"
    assert good_map.read_bytes() == before and out == ""


def test_a_pipe_named_like_a_layer_is_refused_without_hanging(layers, tmp_path):
    os.mkfifo(layers / "pipe.geojson")
    result = subprocess.run(
        [sys.executable, "build.py", "--layers", str(layers), "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "pipe.geojson: not a readable file" in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_upper_case_suffix_is_a_layer_too(layers, tmp_path):
    (layers / "shout.GEOJSON").write_text(json.dumps(TEACHER))
    data = page_parts(build_map(tmp_path, layers=layers) / MAP)["data"]
    assert '"id":"shout"' in data and "Refugee school in Pusan" in data


def test_a_point_given_twice_at_a_line_end_changes_nothing(layers, tmp_path, good_map):
    for name in ("front_lines", "inchon_landing"):
        path = layers / f"{name}.geojson"
        collection = json.loads(path.read_text())
        for feature in collection["features"]:
            if feature["geometry"]["type"] == "LineString":
                feature["geometry"]["coordinates"].append(feature["geometry"]["coordinates"][-1])
        replace_file(path, json.dumps(collection))
    assert (build_map(tmp_path, layers=layers) / MAP).read_bytes() == good_map.read_bytes()


def test_a_front_drawn_east_to_west_holds_the_same_ground(layers, atlas):
    path = layers / "front_lines.geojson"
    collection = json.loads(path.read_text())
    for feature in collection["features"]:
        if feature["properties"].get("kind", "front") == "front":
            feature["geometry"]["coordinates"].reverse()
    replace_file(path, json.dumps(collection))
    reversed_ = build_atlas(layers).control
    assert (reversed_["side"].tolist(), reversed_["start"].tolist()) == (
        atlas.control["side"].tolist(),
        atlas.control["start"].tolist(),
    )
    assert reversed_["share"].round(6).tolist() == atlas.control["share"].round(6).tolist()
    assert (
        shapely.equals_exact(reversed_.geometry.values, atlas.control.geometry.values, 1e-6).all()
        or (shapely.area(shapely.symmetric_difference(reversed_.geometry.values, atlas.control.geometry.values)) < 1).all()
    )


@pytest.mark.browser
def test_javascript_built_in_names_are_ordinary_layer_ids(watched, layers, tmp_path):
    page = watched().page
    builtins = page.evaluate("Object.getOwnPropertyNames(Object.prototype)")
    assert "__proto__" in builtins and "constructor" in builtins
    for name in builtins:
        (layers / f"{name}.geojson").write_text(json.dumps(TEACHER))
    w = watched()
    page = w.open(build_map(tmp_path, layers=layers) / MAP)
    page.evaluate("koreanWarMap.setDate('1951-06-01')")
    visible = page.evaluate("koreanWarMap.visibleLayers()")
    assert set(builtins) <= set(visible), set(builtins) - set(visible)
    # drawn, per Leaflet: each teacher layer's school point and road line are on the map
    drawn = page.evaluate(
        """names => names.map(n => {
        let count = 0;
        koreanWarMap.map.eachLayer(l => { if (l.feature && l.feature.properties.name === 'Refugee road') count++; });
        return count; })""",
        builtins,
    )
    assert drawn[0] == len(builtins)
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert {label.strip() for label in labels} >= set(builtins)
    page.evaluate("koreanWarMap.setDate('1950-06-25')")
    assert not set(builtins) & set(page.evaluate("koreanWarMap.visibleLayers()"))
    assert w.errors == []
