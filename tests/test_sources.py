"""The works a picture's footer names: each once, spelt one way, never a fragment of a citation, on every
date the slider reaches; a teacher's own sources as written."""

from __future__ import annotations

import json

import pytest
from conftest import LAYERS

from geo.catalogue import works
from geo.drawing import project
from geo.snapshots import sources_for
from geo.sources import DATED, _citations, _known, works_cited

CITES = {work["cite"] for work in works() if not work.get("credited")}


def layer_sources() -> list[str]:
    return [
        feature["properties"]["source"]
        for path in sorted([*LAYERS.glob("*.geojson"), *LAYERS.glob("base/*.geojson")])
        for feature in json.loads(path.read_text())["features"]
        if isinstance(feature["properties"].get("source"), str)
    ]


def test_every_work_the_layers_cite_is_in_the_bibliography():
    """A citation with a dated bracket names a work: it must be one of works.json (a new spelling of a
    known work, or a new work, shows up here, not as a second line in a footer)."""
    unknown = {part for source in layer_sources() for part in _citations(source) if DATED.search(part) and not _known(part)}
    assert not unknown


def test_every_work_in_the_bibliography_is_cited():
    cited = {cite for source in layer_sources() for cite in works_cited(source)}
    assert CITES - cited == set()


def test_every_footer_on_every_date_names_works_each_once(model):
    layers = project(model).layers
    for date in model.steps:
        named = sources_for(model, date, layers)
        assert named and len(named) == len(set(named)), date
        assert set(named) <= CITES, (date, set(named) - CITES)


def test_the_credited_basemap_is_left_to_the_credits():
    assert works_cited("Latitude 38 degrees N between the coasts of Natural Earth 1:10m land (v4.1.0)") == []


@pytest.mark.parametrize(
    ("source", "cited"),
    [
        ("My textbook, p. 12; Atlas of X (Press, 2001), plate 3 (a; b)", ["My textbook, p. 12", "Atlas of X (Press, 2001)"]),
        ("Class notes: the retreat", ["Class notes"]),
        (
            "Appleman, South to the Naktong (CMH, 1961), on Taejon; Smith, A Memoir (Press, 1999); the 24th Division",
            ["Appleman, South to the Naktong, North to the Yalu (US Army CMH, 1961)", "Smith, A Memoir (Press, 1999)"],
        ),
        ("Mossman, Ebb and Flow, on Chipyong-ni; second battle of Maryang-san", [works()[2]["cite"]]),
        ("Natural Earth (v4.1.0); my sketch of the front", ["my sketch of the front"]),
        ("Smith, On reading South to the Naktong (Blog, 2020)", ["Smith, On reading South to the Naktong (Blog, 2020)"]),
        ("Wikipedia, Battle of Osan", ["Wikipedia, Battle of Osan"]),
        ("", []),
    ],
)
def test_a_source_names_its_works(source, cited):
    assert works_cited(source) == cited


@pytest.mark.timeout(30)
def test_a_very_long_source_is_read_in_one_pass():
    """A hostile source of 2 MB: cited once, not read again for every semicolon (that took minutes)."""
    assert works_cited("Book (Press, 1999); " * 100_000) == ["Book (Press, 1999)"]
