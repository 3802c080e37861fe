"""Printing: one page, A4 or Letter, portrait or landscape, from any window: the map fills the page with the
whole peninsula, the open legend, title, stage, date, caption (no smaller than the body text), shares,
numbered events, a scale bar in km and the sources; no buttons. A tour's stop prints with its text."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SCREENSHOTS
from pages import near, peninsula_in_free_view, territory_colours

pytestmark = pytest.mark.browser

PRINTS = [((375, 667), "A4", False), ((1920, 1080), "A4", True), ((1280, 860), "Letter", False), ((800, 450), "Letter", True)]


def printed(page, tmp_path, paper: str, landscape: bool):
    import pypdfium2

    page.emulate_media(media="print")
    page.wait_for_selector("html[data-kw-print]", state="attached")  # the page has laid itself out for paper
    assert page.evaluate("document.querySelector('.kw-legend').open")
    peninsula_in_free_view(page)
    page.emulate_media(media="null")  # back to the screen, as a reader would be before pressing Ctrl+P
    page.wait_for_selector("html:not([data-kw-print])", state="attached")
    pdf = tmp_path / "map.pdf"
    page.pdf(path=str(pdf), format=paper, landscape=landscape, print_background=True)
    return pypdfium2.PdfDocument(str(pdf))


@pytest.mark.parametrize(
    "viewport, paper, landscape",
    PRINTS,
    ids=[f"{p}-{'landscape' if land else 'portrait'}-{v[0]}x{v[1]}" for v, p, land in PRINTS],
)
def test_printing_fills_one_page_with_the_map_legend_and_texts(watched, built_map, tmp_path, viewport, paper, landscape):
    page = watched(viewport={"width": viewport[0], "height": viewport[1]}).open(built_map, "#stage=2")
    document = printed(page, tmp_path, paper, landscape)
    assert len(document) == 1, "one page"
    text = " ".join(document[0].get_textpage().get_text_range().split())
    for expected in (
        "Stage 2: UN counteroffensive",
        "24 Nov 1950",
        "The landing at Inchon",
        "Natural Earth",
        "Legend",
        "Front line",
        "Yalu River",
        "UN Command and South Korea 80%",
        "Pyongyang captured",
        "km",
    ):
        assert expected in text, expected
    assert "Pusan Perimeter" not in text, "the printed legend lists only what is drawn"
    assert "Compare" not in text and "Speed" not in text, "no buttons"
    image = np.asarray(document[0].render(scale=1).to_pil().convert("RGB")) / 255
    colours = territory_colours()
    un, communist = near(image, colours["un"]), near(image, colours["communist"])
    assert un.sum() > 2 * communist.sum() > 0, "both sides drawn, the UN holding most of the peninsula"
    inked = (image < 0.97).any(axis=2)  # the sea, land, texts and boxes: everything but bare paper
    rows, columns = np.flatnonzero(inked.any(axis=1)), np.flatnonzero(inked.any(axis=0))
    height, width = inked.shape
    assert (rows.max() - rows.min()) / height > 0.85 and (columns.max() - columns.min()) / width > 0.85, "the map fills the page"
    from test_snapshots import empty_bands

    margin = int(0.04 * min(height, width))  # the page's own margins are not the map's to fill
    assert empty_bands(image[margin:-margin, margin:-margin]) == []
    document[0].render(scale=1).to_pil().save(
        SCREENSHOTS / f"print-{paper}-{'landscape' if landscape else 'portrait'}-{viewport[0]}.png"
    )
    peninsula_in_free_view(page)  # and the screen view is back after printing


def test_the_printed_caption_is_no_smaller_than_body_text(watched, built_map):
    page = watched().open(built_map, "#stage=2")
    page.emulate_media(media="print")
    sizes = page.evaluate("""() => ['.kw-caption.kw-current', '.kw-share', '.kw-print-title'].map(s =>
        parseFloat(getComputedStyle(document.querySelector(s)).fontSize))""")
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kw-panel')).fontSize)")
    assert sizes[0] >= body and sizes[0] >= 13, sizes  # 13 px is 10 pt
    assert page.locator(".leaflet-control-scale-line").inner_text().endswith("km")


def test_a_tour_stop_prints_with_its_text(watched, built_map, tmp_path):
    from conftest import LAYERS

    from geo.tour import read_tour

    stop = read_tour(LAYERS)[4]
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map, "#tour=5")
    document = printed(page, tmp_path, "A4", False)
    text = " ".join(document[0].get_textpage().get_text_range().split())
    assert len(document) == 1 and stop["title"] in text and stop["question"][:40] in text
