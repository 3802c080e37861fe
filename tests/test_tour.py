"""The guided tour as data: its stops read and validated like every layer (a bad stop is one line naming
the file and the stop), across all four stages, with Korean texts."""

from __future__ import annotations

import copy
import json

import pytest
from conftest import LAYERS

from geo.catalogue import stages
from geo.dates import stage_for
from geo.errors import AtlasError
from geo.tour import read_tour

STOPS = json.loads((LAYERS / "tour.geojson").read_text())


def test_the_tour_leads_through_all_four_stages():
    tour = read_tour(LAYERS)
    assert len(tour) >= 16
    assert {stage_for(s["date"])["id"] for s in tour} == {s["id"] for s in stages()}
    assert [s["date"] for s in tour] == sorted(s["date"] for s in tour)
    for stop in tour:
        assert stop["narration"].count(".") >= 2 and stop["question"].endswith("?"), stop["title"]
        assert all(stop.get(f"{key}_ko") for key in ("title", "narration", "question", "answer")), stop["title"]
        assert ("zoom" in stop) != ("bbox" in stop)
    titles = " ".join(s["title"] for s in tour)
    for moment in ("Inchon", "Chosin", "Hungnam", "Chipyong", "Kapyong", "armistice"):
        assert moment.lower() in titles.lower(), moment


def _bad(change):
    collection = copy.deepcopy(STOPS)
    change(collection["features"][2])
    return collection


BAD = [
    ("no date", lambda f: f["properties"].pop("date"), "'date': date None is not a real date"),
    ("impossible date", lambda f: f["properties"].update(date="1950-02-30"), "'date': date '1950-02-30' is not a real date"),
    ("after the war", lambda f: f["properties"].update(date="1960-01-01"), "is outside 1950-06-25 to 1953-07-27"),
    ("no view", lambda f: [f["properties"].pop(k, None) for k in ("zoom", "bbox")], "give a view"),
    ("both views", lambda f: f["properties"].update(zoom=7, bbox="126,36,127,37"), "give a view"),
    (
        "zoom a word",
        lambda f: [f["properties"].pop("bbox", None), f["properties"].update(zoom="close")],
        "'zoom' must be a number",
    ),
    (
        "bbox upside down",
        lambda f: [f["properties"].pop("zoom", None), f["properties"].update(bbox="127,37,126,36")],
        "'bbox' must lie",
    ),
    (
        "a line, not a point",
        lambda f: f.update(geometry={"type": "LineString", "coordinates": [[126, 37], [127, 37]]}),
        "must be a Point",
    ),
    ("in Paris", lambda f: f.update(geometry={"type": "Point", "coordinates": [2.35, 48.85]}), "outside the Korea region"),
    ("empty question", lambda f: f["properties"].update(question=" "), "'question' must be text"),
    ("a typo", lambda f: f["properties"].update(naration="x"), "property 'naration' is not known"),
    ("Korean answer a number", lambda f: f["properties"].update(answer_ko=3), "'answer_ko' must be text"),
]


@pytest.mark.parametrize("case, change, message", BAD, ids=[b[0] for b in BAD])
def test_a_bad_stop_is_one_line_naming_file_and_stop(tmp_path, case, change, message):
    path = tmp_path / "tour.geojson"
    path.write_text(json.dumps(_bad(change)))
    with pytest.raises(AtlasError) as error:
        read_tour(tmp_path, path)
    text = str(error.value)
    assert text.startswith(f"{path}, stop 3") and message in text and "\n" not in text, text


def test_a_folder_without_a_tour_has_none(tmp_path):
    assert read_tour(tmp_path) == []
