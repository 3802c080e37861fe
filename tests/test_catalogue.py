"""The atlas's own data files: read, checked against their schemas, and in agreement with each other;
every language has every key; the catalogue is the one home of layer ids and roles."""

from __future__ import annotations

import itertools
import json
import shutil

import pytest

from geo import catalogue
from geo.catalogue import LANGUAGES, check_package_data, computed_layers, layer_for, stages, texts
from geo.errors import AtlasError


def test_stages_are_contiguous_with_key_dates_and_key_layers_inside():
    s = stages()
    assert [x["id"] for x in s] == [1, 2, 3, 4]
    assert s[0]["start"] == "1950-06-25" and s[-1]["end"] == "1953-07-27"
    for stage, after in itertools.pairwise(s):
        assert stage["end"] < after["start"]
    for stage in s:
        assert stage["start"] <= stage["key_date"] <= stage["end"] and stage["key_layer"] in catalogue.catalogue()


def _keys(value, prefix=""):
    if isinstance(value, dict):
        return {k for key, v in value.items() for k in _keys(v, f"{prefix}{key}.")} | {prefix}
    return {prefix}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_translation_has_every_key(lang):
    assert _keys(texts(lang)) == _keys(texts("en"))
    assert len(texts(lang)["months"]) == 12


def test_the_text_schema_requires_every_english_key():
    schema = catalogue._schema("texts")
    english = texts("en")
    assert set(schema["required"]) == set(english)
    for part in ("ui", "layers", "figures", "snapshot", "sides"):
        assert set(schema["properties"][part]["required"]) == set(english[part]), part


def test_korean_names_the_layers_as_teachers_expect():
    layers = texts("ko")["layers"]
    assert layers["parallel_38"] == "38선" and layers["pusan_perimeter"] == "낙동강 방어선"
    assert layers["inchon_landing"] == "인천 상륙 작전" and layers["yalu_river"] == "압록강"
    assert layers["armistice_line"].startswith("군사분계선")


def test_unknown_language():
    with pytest.raises(AtlasError, match="unknown language 'fr'"):
        texts("fr")


def test_roles_have_one_home():
    roles = [entry.get("role") for entry in catalogue.catalogue().values() if entry.get("role")]
    assert len(roles) == len(set(roles)), "a role belongs to one layer"
    for role in (
        "territory",
        "front",
        "previous_front",
        "pre_war_line",
        "armistice_line",
        "held_areas",
        "events",
        "places",
        "tour",
        "movements",
        "front_geometries",
    ):
        assert layer_for(role) in catalogue.catalogue()
    assert set(computed_layers()) == {"control_areas", "previous_front", "places", "front_geometries"}


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    """A copy of the package's data files that a test may damage; the atlas reads it instead."""
    from importlib import resources

    folder = tmp_path / "geo"
    for part in ("data", "i18n"):
        shutil.copytree(resources.files("geo").joinpath(part), folder / part)
    monkeypatch.setattr(catalogue, "_package_file", lambda name: folder / name)
    catalogue.read.cache_clear()
    catalogue._schema.cache_clear()
    yield folder
    catalogue.read.cache_clear()
    catalogue._schema.cache_clear()


def _edit(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False))


DAMAGE = [
    (
        "script in a style",
        "data/layers.json",
        lambda d: d["layers"]["front_lines"]["style"].update(color="</script><script>alert(1)"),
        "layers.front_lines.style.color",
    ),
    (
        "unknown pane",
        "data/layers.json",
        lambda d: d["layers"]["events"].update(pane="nowhere"),
        "layers.events.pane: 'nowhere' is not a pane",
    ),
    ("language without months", "i18n/ko.json", lambda d: d.pop("months"), "'months' is a required property"),
    ("missing interface string", "i18n/en.json", lambda d: d["ui"].pop("play"), "'play' is a required property"),
    ("eleven months", "i18n/en.json", lambda d: d["months"].pop(), "months"),
    ("stage without end", "data/stages.json", lambda d: d["stages"][0].pop("end"), "stages.0"),
    ("key layer unknown", "data/stages.json", lambda d: d["stages"][0].update(key_layer="nothing"), "'nothing' is not a layer"),
    ("colour as a word", "data/styles.json", lambda d: d["sides"]["un"].update(fill="blue"), "sides.un.fill"),
    ("crs not EPSG", "data/region.json", lambda d: d.update(projected_crs="+proj=merc"), "projected_crs"),
    ("not JSON", "data/region.json", None, "cannot be read as JSON"),
]


@pytest.mark.parametrize("case, name, change, message", DAMAGE, ids=[d[0] for d in DAMAGE])
def test_a_damaged_data_file_is_one_line_naming_file_and_key(package_copy, case, name, change, message):
    path = package_copy / name
    if change is None:
        path.write_text("{ not json")
    else:
        _edit(path, change)
    with pytest.raises(AtlasError) as error:
        check_package_data()
    text = str(error.value)
    assert text.startswith(str(path)) and message in text and "\n" not in text, text
