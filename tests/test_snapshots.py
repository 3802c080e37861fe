"""Stage snapshots and slides: one designed picture per stage (PNG and SVG), any date with its own caption,
print resolution, Korean; the frame used to its edges, no text clipped, events named by number."""

from __future__ import annotations

import math
import re
import warnings

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import FIXTURES, run
from matplotlib.text import Text

from geo.dates import side_name
from geo.fonts import style_rc
from geo.model import drawn_model
from geo.pipeline import build_atlas
from geo.snapshots import caption_for, draw_situation, render_snapshot, render_snapshots, sources_for


@pytest.fixture(scope="module")
def four(model, tmp_path_factory):
    return render_snapshots(model, tmp_path_factory.mktemp("snapshots"))


def colour_share(png, rgb) -> float:
    image = mpimg.imread(png)[..., :3]
    return float((np.abs(image - np.array(rgb) / 255).sum(axis=2) < 0.12).mean())


UN_FILL, COMMUNIST_FILL = (152, 192, 215), (237, 178, 138)  # the 38% blends of #0072B2 and #D55E00 over land


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


def test_svg_has_title_legend_scale_north_and_numbered_events(four, model):
    svg = next(p for p in four if p.name == "stage-2.svg").read_text()
    for text in (
        "Stage 2: UN counteroffensive",
        "24 Nov 1950",
        "Legend",
        "Front line",
        " km",
        ">N<",
        "Natural Earth",
        "Events",
        "9. Landing at Inchon",
    ):
        assert text in svg, text
    inchon = model.role("events").features.query("name == 'Landing at Inchon'")["number"].iloc[0]
    assert re.search(rf">{inchon}<", svg), "the event's number is written on the map"


def test_the_legend_names_each_side_as_it_was_with_its_share_that_day(four, model):
    """The legend's share is the territory's own, rounded as printed, and the side's name follows the date
    (China joins the name once it entered the war)."""
    versions = model.versions.set_index("start").sort_index()
    for stage in model.stages:
        svg = next(p for p in four if p.name == f"stage-{stage['id']}.svg").read_text()
        shares = versions.loc[versions.index[versions.index <= stage["key_date"]][-1]]
        for side in ("un", "communist"):
            label = f"{side_name(side, stage['key_date'])} ({shares[side]:.0f}%)"
            assert label in svg, (stage["id"], label)
        assert round(shares["un"]) + round(shares["communist"]) in (99, 100, 101)
    assert "North Korea and China" in next(p for p in four if p.name == "stage-3.svg").read_text()
    assert "North Korea and China" not in next(p for p in four if p.name == "stage-1.svg").read_text()


def test_the_communist_side_is_hatched_so_it_reads_in_greyscale(four):
    """Hatching draws lines of the full side colour across the pale fill: many such pixels where the
    Communist side holds most of the land, few where it holds a sliver."""
    lines = {p.stem: colour_share(p, (213, 94, 0)) for p in four if p.suffix == ".png"}
    assert lines["stage-1"] > 0.003 and lines["stage-1"] > 3 * lines["stage-2"], lines
    svg = next(p for p in four if p.name == "stage-1.svg").read_text()
    assert "<pattern" in svg and "url(#h" in svg


def test_a_date_has_its_own_caption_not_its_stage(model):
    caption = caption_for(model, "1950-09-15", stage_picture=False)
    assert "Yalu" not in caption and "Inchon" in caption and "front line of 15 sep 1950" in caption.lower()
    assert caption_for(model, "1950-11-24", stage_picture=True) == model.stages[1]["caption"]


def test_the_footer_names_each_source_once(model):
    sources = sources_for(model, "1951-01-04")
    assert len(sources) == len(set(sources)) and any("Mossman" in s for s in sources)
    assert not any(":" in s.split(")")[-1] for s in sources), "volumes, not their subjects"


def pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_a_figure_drawn_on_again_shows_only_the_new_date(model):
    """The animation draws every frame on one figure: nothing of the frame before may stay."""
    with plt.rc_context(style_rc("en")):
        again = draw_situation(model, "1950-11-24", "slide", 40, fig=draw_situation(model, "1950-08-04", "slide", 40))
        fresh = draw_situation(model, "1950-11-24", "slide", 40)
        assert np.array_equal(pixels(again), pixels(fresh))
        plt.close("all")


@pytest.mark.parametrize("layout", ["page", "slide"])
def test_no_name_covers_an_event_badge_or_another_name(model, layout):
    """Measured on the drawn boxes (white round boxes for names, circles for event numbers), at every
    stage's key date and every eighth slider step (the animation's frames are slides)."""
    dates = sorted({s["key_date"] for s in model.stages} | set(model.steps[::8]))
    with plt.rc_context(style_rc("en")):
        for date in dates:
            fig = draw_situation(model, date, layout, 60)
            fig.canvas.draw()
            ax = fig.axes[0]
            drawn = [(t.get_text(), t.get_bbox_patch().get_window_extent()) for t in ax.texts if t.get_bbox_patch()]
            names, badges = [b for s, b in drawn if not s.isdigit()], [b for s, b in drawn if s.isdigit()]
            furniture = [a.get_window_extent() for a in ax.artists] + [
                t.get_window_extent() for t in ax.texts if not t.get_bbox_patch()
            ]
            frame = ax.get_window_extent()
            assert len(names) >= 5, (date, "most towns keep their names")
            for i, box in enumerate(names):
                assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, (
                    date,
                    "off the map",
                )
                assert not any(box.overlaps(other) for other in badges + furniture + names[i + 1 :]), (date, drawn)
            circles = [((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2, b.width / 2) for b in badges]
            for i, (x, y, r) in enumerate(circles):
                assert all(math.dist((x, y), (u, v)) >= r + q - 1 for u, v, q in circles[i + 1 :]), (
                    date,
                    "badges overlap",
                )
            plt.close(fig)


def test_builds_are_identical(model, tmp_path):
    first = render_snapshot(model, "1950-09-15", tmp_path / "a", dpi=60)
    second = render_snapshot(model, "1950-09-15", tmp_path / "b", dpi=60)
    for one, two in zip(first, second):
        assert one.read_bytes() == two.read_bytes()


def test_print_resolution_and_a_single_date_keep_the_default_files(tmp_path, capfd):
    assert run(["snapshots", "--date", "1950-09-15", "--out", str(tmp_path)]) == 0
    default = (tmp_path / "snapshots" / "date-1950-09-15.png").read_bytes()
    assert run(["snapshots", "--date", "1950-09-15", "--dpi", "100", "--out", str(tmp_path)]) == 0
    png = tmp_path / "snapshots" / "date-1950-09-15-100dpi.png"
    assert mpimg.imread(png).shape[1] == 1000 and (tmp_path / "snapshots" / "date-1950-09-15-100dpi.svg").exists()
    assert "date-1950-09-15-100dpi.png" in capfd.readouterr().out
    assert (tmp_path / "snapshots" / "date-1950-09-15.png").read_bytes() == default, "a print run keeps the default file"


def empty_bands(image: np.ndarray, fraction: float = 0.10) -> list[str]:
    """Bands of the picture wider than ``fraction`` of it that hold nothing but the background."""
    ink = np.abs(image[..., :3] - image[0, -1, :3]).sum(axis=2) > 0.05
    found = []
    for axis, name in ((0, "columns"), (1, "rows")):
        filled = ink.any(axis=axis)
        run_length = longest = 0
        for value in filled:
            run_length = 0 if value else run_length + 1
            longest = max(longest, run_length)
        if longest > fraction * len(filled):
            found.append(f"{name}: {longest} of {len(filled)}")
    return found


def test_slides_use_the_whole_frame_with_the_map_full_height(tmp_path):
    assert run(["snapshots", "--slide", "--date", "1950-11-24", "--out", str(tmp_path)]) == 0
    image = mpimg.imread(tmp_path / "snapshots" / "date-1950-11-24-slide.png")
    assert image.shape[:2] == (1080, 1920)
    un_rows = np.flatnonzero((np.abs(image[..., :3] - np.array(UN_FILL) / 255).sum(axis=2) < 0.12).any(axis=1))
    assert un_rows.max() - un_rows.min() > 0.55 * 1080, "the peninsula fills most of the slide's height"
    assert empty_bands(image) == []


@pytest.mark.parametrize("layout, dpi", [("slide", 120), ("slide", 80), ("page", 160)])
def test_no_text_is_clipped_and_the_footer_is_legible(model, layout, dpi):
    with plt.rc_context(style_rc("en")):
        fig = draw_situation(model, "1950-09-15", layout, dpi)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        box = fig.bbox
        for text in fig.findobj(Text):
            if not text.get_visible() or not text.get_text().strip():
                continue
            extent = text.get_window_extent(renderer)
            assert box.x0 - 1 <= extent.x0 and extent.x1 <= box.x1 + 1 and box.y0 - 1 <= extent.y0 and extent.y1 <= box.y1 + 1, (
                text.get_text()[:60]
            )
        smallest = min(t.get_fontsize() for t in fig.findobj(Text) if t.get_text().strip()) * dpi / 72
        assert smallest >= 8, f"smallest text {smallest:.1f} px high"
        plt.close(fig)


def test_a_bad_date_is_one_line(tmp_path, capfd):
    assert run(["snapshots", "--date", "1950-13-01", "--out", str(tmp_path)]) == 1
    assert "not a real date" in capfd.readouterr().err


def test_korean_snapshots_have_every_glyph_and_a_bold_face(atlas, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no missing glyph, no font fallback
        paths = render_snapshot(drawn_model(atlas, "ko"), "1953-07-27", tmp_path / "ko")
    assert paths[0].stat().st_size > 100_000
    assert re.search(r"font-weight: 700[^>]*NanumGothic[^>]*>범례<", paths[1].read_text()), "headings are bold Hangul"
    from matplotlib import font_manager

    bold = font_manager.findfont(font_manager.FontProperties(family="NanumGothic", weight="bold"), fallback_to_default=False)
    assert str(bold).endswith("NanumGothicBold.ttf"), "titles are set in a real bold Hangul face"


def test_text_from_the_data_is_printed_as_written(model, tmp_path):
    from dataclasses import replace

    odd = "Map of 1951 ($2 print, $3 poster); x_1^2 {{ 7*7 }}"
    territory = model.role("territory")
    layers = {**model.layers, territory.id: replace(territory, features=territory.features.assign(source=odd))}
    written = render_snapshot(replace(model, layers=layers), "1950-09-05", tmp_path / "odd")
    svg = next(p for p in written if p.suffix == ".svg").read_text()
    drawn = re.sub(r"<!--.*?-->", "", svg, flags=re.S)  # matplotlib repeats every text in a comment
    for piece in ("($2", "print,", "$3", "poster)", "x_1^2", "{{", "7*7", "}}"):  # the footer may wrap between words
        assert piece in drawn, piece


def test_a_teachers_layer_is_drawn_and_named_in_snapshots(tmp_path, layers_copy):
    import shutil

    shutil.copy(FIXTURES / "layers" / "refugee_routes.geojson", layers_copy / "refugee_routes.geojson")
    try:
        atlas = build_atlas(layers_copy)
    finally:
        (layers_copy / "refugee_routes.geojson").unlink()
    model = drawn_model(atlas)
    png, svg = render_snapshot(model, "1950-07-02", tmp_path / "teacher", dpi=80)
    assert "Refugee routes" in svg.read_text()
    green = (0x11, 0x77, 0x33)
    drawn = colour_share(png, green)
    png, svg = render_snapshot(model, "1950-07-10", tmp_path / "later", dpi=80)
    assert "Refugee routes" not in svg.read_text(), "and only while it is shown"
    assert drawn > 0.0001 and colour_share(png, green) < drawn / 10, "its line is drawn in its own colour"
    png, svg = render_snapshot(drawn_model(atlas, "ko"), "1950-07-02", tmp_path / "ko", dpi=60)
    assert "피란길" in svg.read_text()
