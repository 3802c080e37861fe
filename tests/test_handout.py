"""`handout`: the tour as a printed worksheet: a title page, a page per stop with its map, narration,
question and lines to write on, then the answer key; A4 or Letter, English or Korean."""

from __future__ import annotations

import re
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pypdfium2
import pytest
from conftest import LAYERS, ROOT, run

from geo.tour import read_tour

STOPS = [0, 4, 11, 19, 23]  # a stop of each stage, a box and a zoom, the first and the last
TOUR = [read_tour(LAYERS)[i] for i in STOPS]


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    import json

    out = tmp_path_factory.mktemp("handout")
    collection = json.loads((LAYERS / "tour.geojson").read_text())
    collection["features"] = [collection["features"][i] for i in STOPS]
    (out / "tour.geojson").write_text(json.dumps(collection))
    assert run(["handout", "--tour", str(out / "tour.geojson"), "--out", str(out)]) == 0
    return pypdfium2.PdfDocument(str(out / "handout.pdf"))


def page_text(document, i: int) -> str:
    return " ".join(document[i].get_textpage().get_text_range().split())


def test_a_title_page_a_page_per_stop_and_an_answer_key(handout):
    assert len(handout) >= 1 + len(TOUR) + 1
    assert "The Korean War" in page_text(handout, 0)
    key = " ".join(page_text(handout, i) for i in range(1 + len(TOUR), len(handout)))
    assert "Answer key" in key
    for stop in TOUR:
        assert " ".join(stop["answer"].split())[:40] in key, stop["title"]


def test_each_stop_page_has_its_text_a_map_and_lines_to_write_on(handout):
    width_pt, height_pt = handout[1].get_size()
    assert (round(width_pt), round(height_pt)) == (595, 842), "A4"
    for i, stop in enumerate(TOUR, start=1):
        text = page_text(handout, i)
        assert stop["title"] in text and " ".join(stop["question"].split())[:40] in text, stop["title"]
        image = np.asarray(handout[i].render(scale=0.5).to_pil().convert("RGB")).astype(int)
        top = image[: image.shape[0] // 2]
        drawn = (top < 240).any(axis=2)  # land, sea and territory: the page itself is white
        assert drawn.mean() > 0.25, f"stop {i}: a map in the top half"
        rows = image[int(image.shape[0] * 0.62) :]
        ruled = ((rows.mean(axis=2) < 200).mean(axis=1) > 0.6).sum()
        assert ruled >= 3, f"stop {i}: lines to write the answer on"


def short_tour(tmp_path, stops: int = 2):
    import json

    collection = json.loads((LAYERS / "tour.geojson").read_text())
    collection["features"] = collection["features"][:stops]
    path = tmp_path / "short_tour.geojson"
    path.write_text(json.dumps(collection))
    return path


def test_letter_paper_in_korean(tmp_path):
    argv = ["handout", "--lang", "ko", "--paper", "letter", "--tour", str(short_tour(tmp_path)), "--out", str(tmp_path)]
    said = subprocess.run([sys.executable, "build.py", *argv], cwd=ROOT, capture_output=True, text=True, check=True)
    assert said.stderr == "", "the worksheet is written without messages a teacher cannot act on"
    document = pypdfium2.PdfDocument(str(tmp_path / "handout.ko.pdf"))
    width_pt, height_pt = document[0].get_size()
    assert (round(width_pt), round(height_pt)) == (612, 792)
    assert read_tour(LAYERS)[0]["title_ko"] in page_text(document, 1) and "정답" in page_text(document, len(document) - 1)


def test_another_tour_file(tmp_path):
    assert run(["handout", "--tour", str(short_tour(tmp_path)), "--out", str(tmp_path)]) == 0
    assert len(pypdfium2.PdfDocument(str(tmp_path / "handout.pdf"))) == 4


def test_every_place_a_question_names_is_named_on_its_map_and_every_number_is_keyed(model):
    """'Find Osan and Seoul on the map': the worksheet's map names them (second-rank places included in
    a stop's close view); every event number on the map is spelt out under it."""
    from geo.drawing import extent, project
    from geo.handout import PAPER_IN, _stop_page, stop_view

    proj = project(model)
    for stop in model.tour:
        x0, y0, x1, y1 = extent(stop_view(stop))
        asked = [
            row.name
            for row in proj.places.itertuples()
            if re.search(rf"\b{re.escape(row.name)}\b(?! Perimeter)", stop["question"])  # the town, not the line
            and x0 < row.geometry.x < x1
            and y0 < row.geometry.y < y1
        ]
        fig = _stop_page(model, proj, stop, PAPER_IN["a4"])
        fig.canvas.draw()
        named = {t.get_text().split(" (")[0] for t in fig.axes[0].texts}
        assert set(asked) <= named, (stop["title"], set(asked) - named)
        numbers = sorted(int(t.get_text()) for t in fig.axes[0].texts if t.get_text().isdigit())
        key = next((" ".join(t.get_text().split()) for t in fig.texts if t.get_text().startswith("Events:")), "")
        keyed = sorted(int(n) for n in re.findall(r"(?:: |; )(\d+)\. ", key))
        assert keyed == numbers, (stop["title"], "the key spells out exactly the numbers on the map")
        plt.close(fig)


def test_every_stop_map_has_its_whole_frame(model):
    """The grey frame on all four edges of each worksheet map (a view wider than the page allows lost
    its right and bottom edges to clipping)."""
    from geo.drawing import project
    from geo.handout import PAPER_IN, _stop_page

    proj = project(model)
    for stop in model.tour[::4] + [s for s in model.tour if "bbox" in s]:
        fig = _stop_page(model, proj, stop, PAPER_IN["a4"])
        fig.set_dpi(90)
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
        height = pixels.shape[0]
        x0, y0, x1, y1 = fig.axes[0].get_window_extent().extents
        top, bottom = height - y1, height - y0
        edges = {
            "left": [pixels[int(y), int(x0) - 1 : int(x0) + 2] for y in np.linspace(top + 5, bottom - 5, 20)],
            "right": [pixels[int(y), int(x1) - 1 : int(x1) + 2] for y in np.linspace(top + 5, bottom - 5, 20)],
            "top": [pixels[int(top) - 1 : int(top) + 2, int(x)] for x in np.linspace(x0 + 5, x1 - 5, 20)],
            "bottom": [pixels[int(bottom) - 1 : int(bottom) + 2, int(x)] for x in np.linspace(x0 + 5, x1 - 5, 20)],
        }
        for edge, samples in edges.items():
            grey = sum(bool((s.max(axis=1) <= 130).any()) for s in samples)
            assert grey >= 18, (stop["title"], edge, grey)
        plt.close(fig)


def test_the_ruled_lines_stay_above_a_long_source(model):
    from geo.drawing import project
    from geo.handout import PAPER_IN, _stop_page

    stop = {**model.tour[12], "source": "; ".join([model.tour[12]["source"]] * 4)}
    fig = _stop_page(model, project(model), stop, PAPER_IN["letter"])
    fig.canvas.draw()
    source = next(t for t in fig.texts if t.get_text().startswith("Source")).get_window_extent()
    lines = [a for a in fig.artists if isinstance(a, plt.Line2D)]
    assert lines and min(line.get_window_extent().y0 for line in lines) > source.y1
    plt.close(fig)
