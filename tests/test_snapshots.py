"""Stage snapshots: one designed picture per stage (PNG and SVG), any date, print resolution, Korean."""

from __future__ import annotations

import re
import warnings
from dataclasses import replace

import matplotlib.image as mpimg
import numpy as np
import pytest

import build
from geo.snapshots import render_snapshot, render_snapshots


@pytest.fixture(scope="module")
def four(atlas, tmp_path_factory):
    folder = tmp_path_factory.mktemp("snapshots")
    return render_snapshots(atlas, folder)


def colour_share(png, rgb) -> float:
    """Share of pixels near a colour (the territory fills blend with the sea and land colours)."""
    image = mpimg.imread(png)[..., :3]
    return float((np.abs(image - np.array(rgb) / 255).sum(axis=2) < 0.12).mean())


UN_FILL, COMMUNIST_FILL = (152, 192, 215), (237, 178, 138)   # the 38% blends of #0072B2 and #D55E00 over land


def test_four_stages_in_png_and_svg(four):
    assert sorted(p.name for p in four) == [f"stage-{n}.{ext}" for n in (1, 2, 3, 4) for ext in ("png", "svg")]
    for png in [p for p in four if p.suffix == ".png"]:
        assert mpimg.imread(png).shape[1] >= 1600


def test_each_stage_shows_its_territory(four):
    pngs = {p.stem: p for p in four if p.suffix == ".png"}
    un = {stem: colour_share(p, UN_FILL) for stem, p in pngs.items()}
    communist = {stem: colour_share(p, COMMUNIST_FILL) for stem, p in pngs.items()}
    assert communist["stage-1"] > 5 * un["stage-1"], "the perimeter is a small pocket"
    assert un["stage-2"] > 2 * communist["stage-2"], "the UN near the Yalu"
    assert un["stage-4"] == pytest.approx(communist["stage-4"], rel=0.5)


def test_svg_has_title_legend_scale_and_north(four):
    svg = next(p for p in four if p.name == "stage-2.svg").read_text()
    for text in ("Stage 2: UN counteroffensive", "15 Sep 1950", "Legend", "Front line", "100 km", ">N<", "Natural Earth"):
        assert text in svg, text


def test_builds_are_identical(atlas, tmp_path):
    first = render_snapshot(atlas, "1950-09-15", tmp_path / "a")
    second = render_snapshot(atlas, "1950-09-15", tmp_path / "b")
    for one, two in zip(first, second):
        assert one.read_bytes() == two.read_bytes()


def test_print_resolution_and_a_single_date_keep_the_default_files(tmp_path, capsys):
    assert build.main(["snapshots", "--date", "1950-09-15", "--out", str(tmp_path)]) == 0
    default = (tmp_path / "snapshots" / "date-1950-09-15.png").read_bytes()
    assert build.main(["snapshots", "--date", "1950-09-15", "--dpi", "300", "--out", str(tmp_path)]) == 0
    png = tmp_path / "snapshots" / "date-1950-09-15-300dpi.png"
    assert mpimg.imread(png).shape[1] == 3000 and (tmp_path / "snapshots" / "date-1950-09-15-300dpi.svg").exists()
    assert "date-1950-09-15-300dpi.png" in capsys.readouterr().out
    assert (tmp_path / "snapshots" / "date-1950-09-15.png").read_bytes() == default, "a print run keeps the default file"


def test_slides_are_16_by_9_with_the_map_large(tmp_path):
    assert build.main(["snapshots", "--slide", "--date", "1950-11-24", "--out", str(tmp_path)]) == 0
    png = tmp_path / "snapshots" / "date-1950-11-24-slide.png"
    image = mpimg.imread(png)
    assert image.shape[:2] == (1080, 1920)
    # the peninsula's territory fills most of the slide's height: rows holding UN blue span > 55% of it
    un_rows = np.flatnonzero((np.abs(image[..., :3] - np.array(UN_FILL) / 255).sum(axis=2) < 0.12).any(axis=1))
    assert un_rows.max() - un_rows.min() > 0.55 * 1080


def test_a_bad_date_is_one_line(tmp_path, capsys):
    assert build.main(["snapshots", "--date", "1950-13-01", "--out", str(tmp_path)]) == 1
    assert "not a real date" in capsys.readouterr().err


def test_korean_snapshots_have_every_glyph(atlas, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no missing glyph, no font fallback
        paths = render_snapshot(atlas, "1953-07-27", tmp_path / "ko", lang="ko")
    assert paths[0].stat().st_size > 100_000
    assert re.search(r"font-weight: 700[^>]*NanumGothic[^>]*>범례<", paths[1].read_text()), "headings are bold Hangul"
    from matplotlib import font_manager

    bold = font_manager.findfont(font_manager.FontProperties(family="NanumGothic", weight="bold"), fallback_to_default=False)
    assert str(bold).endswith("NanumGothicBold.ttf"), "titles are set in a real bold Hangul face"


def test_text_from_the_data_is_printed_as_written(atlas, tmp_path):
    odd = "Map of 1951 ($2 print, $3 poster); x_1^2 {{ 7*7 }}"
    written = render_snapshot(replace(atlas, control=atlas.control.assign(source=odd)), "1950-09-05", tmp_path / "odd")
    svg = next(p for p in written if p.suffix == ".svg").read_text()
    drawn = re.sub(r"<!--.*?-->", "", svg, flags=re.S)  # matplotlib repeats every text in a comment
    assert "($2 print, $3 poster); x_1^2 {{ 7*7 }}" in drawn


def test_a_teachers_layer_is_drawn_and_named_in_snapshots(tmp_path, layers_copy):
    import shutil

    from conftest import FIXTURES
    from geo.pipeline import build_atlas

    shutil.copy(FIXTURES / "layers" / "refugee_routes.geojson", layers_copy / "refugee_routes.geojson")
    try:
        atlas = build_atlas(layers_copy)
    finally:
        (layers_copy / "refugee_routes.geojson").unlink()
    png, svg = render_snapshot(atlas, "1950-07-02", tmp_path / "teacher")
    assert "Refugee routes" in svg.read_text()
    green = (0x11, 0x77, 0x33)
    drawn = colour_share(png, green)
    png, svg = render_snapshot(atlas, "1950-07-10", tmp_path / "later")
    assert "Refugee routes" not in svg.read_text(), "and only while it is shown"
    assert drawn > 0.0001 and colour_share(png, green) < drawn / 10, "its line is drawn in its own colour"
    png, svg = render_snapshot(atlas, "1950-07-02", tmp_path / "ko", lang="ko")
    assert "피란길" in svg.read_text()
