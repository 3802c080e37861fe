"""The map in a real browser (headless Chromium, offline): stages, front dates, deep links, keyboard,
embedding, printing, hostile text and accessibility. Screenshots go to tests/screenshots/."""

from __future__ import annotations

import io
import re
import shutil

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from conftest import FIXTURES, SCREENSHOTS, build_map, screenshot
from geo import process
from geo.catalogue import layer_entry, region, styles
from test_html import hostile_layer

pytestmark = pytest.mark.browser

EXPECTED = {  # stage -> (layers drawn, layers not drawn) at the stage's key date
    1: ({"parallel_38", "pusan_perimeter", "front_lines", "control_areas", "events"}, {"inchon_landing", "yalu_river", "armistice_line"}),
    2: ({"parallel_38", "inchon_landing", "yalu_river", "front_lines", "control_areas", "previous_front"}, {"pusan_perimeter", "armistice_line"}),
    3: ({"parallel_38", "yalu_river", "front_lines", "control_areas"}, {"pusan_perimeter", "inchon_landing", "armistice_line"}),
    4: ({"parallel_38", "armistice_line", "front_lines", "control_areas"}, {"pusan_perimeter", "inchon_landing", "yalu_river"}),
}
KEY_DATES = {1: "1950-09-05", 2: "1950-11-24", 3: "1951-01-04", 4: "1953-07-27"}


def test_walks_the_four_stages_offline(watched, built_map):
    w = watched(viewport={"width": 1280, "height": 860})
    page = w.open(built_map)
    stages = page.evaluate("koreanWarMap.stages")
    assert [s["id"] for s in stages] == [1, 2, 3, 4] and stages[1]["start"] == "1950-09-15"
    for n, (drawn, hidden) in EXPECTED.items():
        page.evaluate(f"koreanWarMap.setStage({n})")
        assert page.evaluate("koreanWarMap.currentDate()") == KEY_DATES[n]
        visible = set(page.evaluate("koreanWarMap.visibleLayers()"))
        assert drawn <= visible and not hidden & visible, (n, visible)
        assert page.locator(".kw-stage[aria-pressed=true]").inner_text().startswith(str(n))
        assert stages[n - 1]["title"].split()[0] in page.locator(".kw-stage[aria-pressed=true]").inner_text()
        assert screenshot(page, f"stage-{n}.png").stat().st_size > 30_000
    assert w.errors == [] and w.requests == []


def test_every_front_date_draws_its_front_and_territory(watched, built_map, atlas):
    page = watched().open(built_map)
    versions = sorted(atlas.control["start"].unique())
    steps = page.evaluate("koreanWarMap.steps")
    front_dates = [d for d in versions if d >= steps[0]]
    assert len(front_dates) >= 25 and set(front_dates) <= set(steps)
    for date in front_dates:
        page.evaluate(f"koreanWarMap.setDate('{date}')")
        fronts = page.evaluate("koreanWarMap.visibleFeatures('front_lines')")
        areas = page.evaluate("koreanWarMap.visibleFeatures('control_areas')")
        assert [f["start"] for f in fronts] == [date]
        assert sorted(a["side"] for a in areas) == ["communist", "un"] and {a["start"] for a in areas} == {date}
        previous = page.evaluate("koreanWarMap.visibleFeatures('previous_front')")
        assert len(previous) == 1
    page.evaluate("koreanWarMap.setDate('1950-09-21')")  # between two front dates: the earlier one holds
    assert [f["start"] for f in page.evaluate("koreanWarMap.visibleFeatures('front_lines')")] == ["1950-09-19"]
    share = page.locator(".kw-share").inner_text()
    assert "front line of 19 Sep 1950, 2 days old; the front was moving; no line is traced for this day" in share


def test_events_appear_on_their_date(watched, built_map):
    page = watched().open(built_map)
    page.evaluate("koreanWarMap.setDate('1950-09-14')")
    names = {e["name"] for e in page.evaluate("koreanWarMap.visibleFeatures('events')")}
    assert "Landing at Inchon" not in names and "The Pusan Perimeter is formed" in names
    page.evaluate("koreanWarMap.setDate('1950-09-15')")
    names = {e["name"] for e in page.evaluate("koreanWarMap.visibleFeatures('events')")}
    assert "Landing at Inchon" in names


@pytest.mark.parametrize("fragment, date", [("#stage=3", "1951-01-04"), ("#date=1951-01-04", "1951-01-04"),
                                            ("#date=1950-07-05", "1950-07-05"), ("#stage=9", "1950-06-25"),
                                            ("#date=1951-02-31", "1950-06-25"), ("#date=1951-02-29", "1950-06-25"),
                                            ("#date=1952-02-29", "1952-02-29")])
def test_deep_links(watched, built_map, fragment, date):
    page = watched().open(built_map, fragment)
    assert page.evaluate("koreanWarMap.currentDate()") == date


def test_the_hash_follows_the_slider(watched, built_map):
    page = watched().open(built_map)
    page.evaluate("koreanWarMap.setStage(2)")
    assert page.evaluate("location.hash") == "#stage=2"
    page.evaluate("koreanWarMap.setDate('1951-03-15')")
    assert page.evaluate("location.hash") == "#date=1951-03-15"
    page.evaluate("location.hash = '#stage=4'")
    page.wait_for_function("koreanWarMap.currentDate() === '1953-07-27'")


def test_play_steps_through_the_dates(watched, built_map):
    page = watched().open(built_map)
    page.click(".kw-play")
    page.wait_for_function("koreanWarMap.currentDate() > '1950-07-01'", timeout=5000)
    assert page.get_attribute(".kw-play", "aria-label") == "Pause"
    page.click(".kw-play")
    assert page.get_attribute(".kw-play", "aria-label") == "Play"


def test_keyboard_only_walk(watched, built_map):
    w = watched()
    page = w.open(built_map)
    page.keyboard.press("ArrowRight")  # focus is on the page, not the slider: nothing moves
    assert page.evaluate("koreanWarMap.currentDate()") == "1950-06-25"
    for _ in range(40):  # tab to the first stage button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kw-stage')"):
            break
    assert page.evaluate("document.activeElement.dataset.stage") == "1"
    for n in (1, 2, 3, 4):
        page.keyboard.press("Enter")
        assert page.evaluate("koreanWarMap.currentStage()") == n
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "focus is visible"
        assert page.locator("[role=status]").inner_text().startswith(f"Stage {n} of 4")
        page.keyboard.press("Tab")
    page.focus(".kw-slider")
    before = page.evaluate("koreanWarMap.currentDate()")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("koreanWarMap.currentDate()") < before
    page.keyboard.press("PageDown")
    assert page.evaluate("koreanWarMap.currentStage()") == 3
    screenshot(page, "keyboard-focus.png")
    assert w.errors == []


def test_embedded_in_a_lesson_page(watched, built_map, tmp_path):
    shutil.copy(built_map, tmp_path / "korean_war_map.html")
    lesson = tmp_path / "lesson.html"
    lesson.write_text("<!doctype html><html lang=en><body style='margin:0'><p id=top>Lesson</p>"
                      "<iframe src='korean_war_map.html#stage=2' width=600 height=450 title='Map'></iframe>"
                      "<div style='height:3000px'>more lesson</div></body></html>")
    w = watched(viewport={"width": 800, "height": 600})
    page = w.context.new_page()
    page.goto(lesson.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator(".kw-panel").wait_for()
    inner = page.frames[1]
    inner.wait_for_function("window.koreanWarMap && koreanWarMap.currentDate() === '1950-11-24'")
    assert page.evaluate("document.activeElement.tagName") == "BODY", "the map takes no focus"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    page.wait_for_function("window.scrollY > 300")  # arrow keys and space still scroll the lesson (smoothly)
    assert inner.evaluate("koreanWarMap.currentDate()") == "1950-11-24"
    page.evaluate("window.scrollTo(0, 0)")
    page.mouse.move(300, 250)
    page.mouse.wheel(0, 400)
    page.wait_for_function("window.scrollY > 0")
    screenshot(page, "embedded.png")
    assert w.errors == [] and w.requests == []


WORDS_BROKEN_ACROSS_LINES = """selector => [...document.querySelectorAll(selector)].flatMap(element => {
    const text = element.firstChild, words = [];
    if (!text || element.offsetParent === null) return words;
    for (const match of text.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        if (range.getClientRects().length > 1) words.push(match[0]);
    }
    return words;
})"""


@pytest.mark.parametrize("width, height", [(375, 667), (540, 800), (1920, 1080)])
def test_fits_a_phone_and_a_projector(watched, built_map, width, height):
    page = watched(viewport={"width": width, "height": height}).open(built_map)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".kw-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # no stage title spills out of its button or breaks inside a word
    assert page.evaluate("[...document.querySelectorAll('.kw-stage')].every(b => b.scrollWidth <= b.clientWidth)")
    assert page.evaluate(WORDS_BROKEN_ACROSS_LINES, ".kw-stage-title") == []
    screenshot(page, f"size-{width}x{height}.png")


PENINSULA_ON_SCREEN = """([west, south, east, north]) => {
    const map = koreanWarMap.map, a = map.latLngToContainerPoint([north, west]), b = map.latLngToContainerPoint([south, east]);
    const frame = map.getContainer().getBoundingClientRect();
    const box = r => [r.left - frame.left, r.top - frame.top, r.right - frame.left, r.bottom - frame.top];
    return {peninsula: [a.x, a.y, b.x, b.y], frame: [0, 0, frame.width, frame.height],
            covers: [".kw-panel", ".kw-legend"].map(s => box(document.querySelector(s).getBoundingClientRect()))};
}"""


def peninsula_in_free_view(page) -> dict:
    """Where the peninsula is drawn; asserts it lies in the frame and clear of the panel and legend."""
    seen = page.evaluate(PENINSULA_ON_SCREEN, region()["view"]["fit_bounds"])
    (x0, y0, x1, y1), (_, _, width, height) = seen["peninsula"], seen["frame"]
    assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height, seen
    for left, top, right, bottom in seen["covers"]:
        assert x1 <= left or right <= x0 or y1 <= top or bottom <= y0, seen
    return seen


@pytest.mark.parametrize("width, height", [(375, 667), (667, 375), (706, 720), (800, 450), (1024, 500), (1280, 860), (1920, 1080)])
def test_the_whole_peninsula_shows_beside_the_panel_and_legend(watched, built_map, width, height):
    page = watched(viewport={"width": width, "height": height}).open(built_map, "#stage=1")
    x0, y0, x1, y1 = peninsula_in_free_view(page)["peninsula"]
    assert y1 - y0 > height / 3  # and it is not a speck
    if width > height:  # a phone held sideways, a lesson iframe: the panel is a column beside the map
        assert page.locator(".kw-panel").bounding_box()["width"] < width / 2
        assert y1 - y0 > 0.6 * height
    screenshot(page, f"fit-{width}x{height}.png")


LABEL_BOXES = """() => [...document.querySelectorAll('.kw-place')]
    .filter(n => getComputedStyle(n).visibility !== 'hidden')
    .map(n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""


@pytest.mark.parametrize("width, height, at_least", [(706, 720, 6), (1280, 860, 10)])
def test_place_labels_never_overlap(watched, built_map, width, height, at_least):
    page = watched(viewport={"width": width, "height": height}).open(built_map)
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= at_least
    for i, (l1, t1, r1, b1) in enumerate(boxes):
        for l2, t2, r2, b2 in boxes[i + 1:]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, (boxes, i)
    after_map_event(page, "zoomend", page.locator(".leaflet-control-zoom-in").click)
    assert len(page.evaluate(LABEL_BOXES)) >= at_least  # closer in, room for as many labels


def after_map_event(page, event: str, action) -> None:
    """Do ``action`` and wait until the Leaflet map has fired ``event`` (its handlers have run)."""
    page.evaluate("e => { window.kwEvent = new Promise(done => koreanWarMap.map.once(e, done)); }", event)
    action()
    page.evaluate("window.kwEvent.then(() => true)")


def test_zoom_stays_within_the_map_limits(watched, built_map):
    page = watched().open(built_map)
    view = region()["view"]
    assert page.evaluate("[koreanWarMap.map.getMinZoom(), koreanWarMap.map.getMaxZoom()]") == [view["min_zoom"], view["max_zoom"]]


def test_resizing_refits_until_the_reader_moves_the_map(watched, built_map):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map)
    after_map_event(page, "resize", lambda: page.set_viewport_size({"width": 706, "height": 720}))
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")  # the new layout settles
    peninsula_in_free_view(page)
    after_map_event(page, "zoomend", page.locator(".leaflet-control-zoom-in").click)
    view = "[koreanWarMap.map.getZoom(), koreanWarMap.map.getCenter().lat.toFixed(1), koreanWarMap.map.getCenter().lng.toFixed(1)]"
    chosen = page.evaluate(view)
    after_map_event(page, "resize", lambda: page.set_viewport_size({"width": 1280, "height": 860}))
    assert page.evaluate(view) == chosen


def test_printing_shows_map_legend_caption_and_sources_without_controls(watched, built_map):
    page = watched().open(built_map, "#stage=2")
    page.emulate_media(media="print")
    assert not page.locator(".kw-row").is_visible() and not page.locator(".leaflet-control-zoom").is_visible()
    assert page.locator(".kw-legend").is_visible() and page.locator(".kw-caption.kw-current").is_visible()
    assert "Natural Earth" in page.locator(".kw-credits").inner_text()
    assert page.locator(".kw-print-title").inner_text().endswith("Stage 2: UN counteroffensive · 24 Nov 1950")
    screenshot(page, "print.png")
    page.emulate_media(media="screen")
    assert not page.locator(".kw-print-title").is_visible()


def test_hostile_text_is_shown_as_text(watched, tmp_path, layers_copy):
    path = hostile_layer(layers_copy)
    try:
        built = build_map(tmp_path, layers=layers_copy) / "korean_war_map.html"
    finally:
        path.unlink()
    w = watched()
    page = w.open(built, "#date=1951-02-01")
    assert "hostile" in page.evaluate("koreanWarMap.visibleLayers()")
    opened = page.evaluate("""() => {
        const groups = Object.keys(window).filter(k => k.startsWith('geo_json_')).map(k => window[k]).filter(g => g && g.eachLayer);
        let count = 0;
        groups.forEach(g => g.eachLayer(l => { if (l.feature && /onerror/.test(l.feature.properties.name)) { l.openPopup(); count++; } }));
        return count;
    }""")
    assert opened >= 1
    popup = page.locator(".kw-popup").first
    assert 'onerror="window.__pwned=1"' in popup.inner_text()
    assert page.locator(".kw-popup img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert w.errors == []


def test_no_serious_accessibility_violations(watched, built_map):
    from axe_playwright_python.sync_playwright import Axe

    page = watched().open(built_map, "#stage=1")
    page.click(".kw-text summary")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], len(v["nodes"])) for v in serious]


def test_korean_build(watched, tmp_path):
    built = build_map(tmp_path, "--lang", "ko") / "korean_war_map.ko.html"
    page = watched().open(built, "#stage=1")
    assert page.evaluate("document.documentElement.lang") == "ko"
    assert "북한군의 남침" in page.locator(".kw-stage[aria-pressed=true]").inner_text()
    assert "38선" in page.locator(".kw-legend").inner_text()
    assert "1950년 9월 5일" in page.locator(".kw-date").inner_text()
    assert page.evaluate("getComputedStyle(document.querySelector('.kw-caption')).wordBreak") == "keep-all"
    assert "북한 " in page.locator(".kw-share").inner_text(), "before the Chinese entry the side is North Korea alone"
    x, y = page.evaluate(CLICK_EVENT, "낙동강 방어선 형성")
    page.mouse.click(x, y)
    popup = page.locator(".kw-popup").inner_text()
    assert "왜관" in popup and "1950년 8월 4일" in popup and "낙동강을 건너자" in popup
    assert not re.search("[A-Za-z]{4,}", popup.split("출처")[0]), popup  # Korean throughout, up to the cited source
    assert "부산" in page.locator(".leaflet-tooltip-pane").inner_text()
    screenshot(page, "korean-stage-1.png")


def _blend(hex_colour: str, opacity: float, under: str) -> np.ndarray:
    """The colour a fill of ``opacity`` makes over ``under``, as RGB in 0..1."""
    rgb = lambda h: np.array([int(h[i:i + 2], 16) for i in (1, 3, 5)]) / 255  # noqa: E731
    return opacity * rgb(hex_colour) + (1 - opacity) * rgb(under)


def _territory_colours() -> dict[str, np.ndarray]:
    opacity = layer_entry("control_areas")["style"]["fillOpacity"]
    korea = styles()["basemap"]["korea"]
    return {side: _blend(s["fill"], opacity, korea) for side, s in styles()["sides"].items()}


def _near(image: np.ndarray, colour: np.ndarray, tolerance: float = 0.06) -> np.ndarray:
    return np.abs(image - colour).sum(axis=2) < tolerance


PRINTS = [((375, 667), "A4", False), ((1920, 1080), "A4", True), ((1280, 860), "Letter", False), ((800, 450), "Letter", True)]


@pytest.mark.parametrize("viewport, paper, landscape", PRINTS, ids=[f"{p}-{'landscape' if l else 'portrait'}-{v[0]}x{v[1]}" for v, p, l in PRINTS])
def test_printing_gives_the_whole_peninsula_legend_and_texts_on_one_page(watched, built_map, tmp_path, viewport, paper, landscape):
    import pypdfium2

    w = watched(viewport={"width": viewport[0], "height": viewport[1]})
    page = w.open(built_map, "#stage=2")
    page.emulate_media(media="print")
    page.wait_for_selector("html[data-kw-print]", state="attached")  # the page has laid itself out for paper
    assert page.evaluate("document.querySelector('.kw-legend').open")
    peninsula_in_free_view(page)  # Leaflet's view in the print layout: the whole peninsula, clear of legend and panel
    page.emulate_media(media="null")  # back to the screen, as a reader would be before pressing Ctrl+P
    page.wait_for_selector("html:not([data-kw-print])", state="attached")
    pdf = tmp_path / "map.pdf"
    page.pdf(path=str(pdf), format=paper, landscape=landscape, print_background=True)
    document = pypdfium2.PdfDocument(str(pdf))
    assert len(document) == 1, "one page"
    text = " ".join(document[0].get_textpage().get_text_range().split())
    for expected in ("Stage 2: UN counteroffensive", "24 Nov 1950", "The landing at Inchon", "Natural Earth", "Legend",
                     "Front line", "Yalu River", "UN Command and South Korea 80%"):
        assert expected in text, expected
    assert "Pusan Perimeter" not in text, "the printed legend lists only what is drawn"
    image = np.asarray(document[0].render(scale=1).to_pil().convert("RGB")) / 255
    colours = _territory_colours()
    un, communist = _near(image, colours["un"]), _near(image, colours["communist"])
    assert un.sum() > 2 * communist.sum() > 0, "both sides drawn, the UN holding most of the peninsula"
    rows = np.flatnonzero(un.any(axis=1))
    assert rows.max() - rows.min() > 0.3 * image.shape[0] and rows.min() > 0 and rows.max() < image.shape[0] - 1
    document[0].render(scale=1).to_pil().save(SCREENSHOTS / f"print-{paper}-{'landscape' if landscape else 'portrait'}-{viewport[0]}.png")
    peninsula_in_free_view(page)  # and the screen view is back after printing


LONLAT_TO_PIXEL = """([lon, lat]) => { const p = koreanWarMap.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }"""
HIDE_MARKS = "document.head.insertAdjacentHTML('beforeend', '<style>.leaflet-tooltip-pane, .leaflet-kw-points-pane, " \
             ".leaflet-kw-lines-pane, .leaflet-kw-areas-pane { display: none }</style>')"
SAMPLES = {"Pusan": (128.95, 35.25), "Pyongyang": (125.85, 39.05), "Chorwon": (127.2, 38.15), "Hamhung": (127.45, 39.95)}


@pytest.mark.parametrize("date", ["1950-06-25", "1950-09-05", "1950-11-24", "1951-01-04", "1952-06-01", "1953-07-27"])
def test_the_pixels_at_known_places_show_the_side_that_held_them(watched, built_map, atlas, date):
    """Screenshot colours at known places (and the Yellow Sea) against styles.json and the computed sides."""
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map, f"#date={date}")
    page.evaluate(HIDE_MARKS)
    page.evaluate("koreanWarMap.map.setView([38.3, 127.0], 7, {animate: false})")
    image = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB")) / 255
    colours = _territory_colours()
    points = gpd.GeoDataFrame({"date": [date] * len(SAMPLES)}, geometry=gpd.points_from_xy(*zip(*SAMPLES.values())), crs=4326)
    sides = process.sides_at(atlas.control, points)["side"].tolist()
    for (name, lonlat), side in zip(SAMPLES.items(), sides):
        x, y = page.evaluate(LONLAT_TO_PIXEL, list(lonlat))
        patch = image[int(y) - 2:int(y) + 3, int(x) - 2:int(x) + 3].reshape(-1, 3).mean(axis=0)
        assert np.abs(patch - colours[side]).sum() < 0.06, (name, date, side, patch)
    x, y = page.evaluate(LONLAT_TO_PIXEL, [124.5, 39.0])  # Korea Bay, in the Yellow Sea, stays sea
    sea = _blend(styles()["basemap"]["sea"], 1, "#000000")
    assert np.abs(image[int(y), int(x)] - sea).sum() < 0.06


DRAWN_PATHS = """() => Object.fromEntries([...document.querySelectorAll('.leaflet-pane[class*=kw-]')].map(pane =>
    [pane.className.match(/kw-([\\w-]+?)-pane/)[1], [...pane.querySelectorAll('path')].map(p => p.getAttribute('stroke') + ' ' + p.getAttribute('stroke-width'))]))"""


def test_each_date_draws_one_front_and_the_shares_it_computed(watched, built_map, web_atlas):
    atlas = web_atlas
    page = watched().open(built_map)
    front = layer_entry("front_lines")["style"]
    drawn_front = f"{front['color']} {front['weight']}"
    shares = atlas.control.pivot(index="start", columns="side", values="share")
    for date in ["1950-07-05", "1950-08-04", "1950-09-15", "1950-10-26", "1950-12-24", "1951-03-15", "1951-07-10", "1953-07-27"]:
        page.evaluate(f"koreanWarMap.setDate('{date}')")
        paths = page.evaluate(DRAWN_PATHS)
        assert paths["lines"].count(drawn_front) == 1, (date, paths["lines"])
        assert len(paths["territory"]) == 2, "one shape per side"
        version = process.control_at(atlas.control, pd.Series([date]))[0]
        shown = page.locator(".kw-share").inner_text()
        assert f"{shares.loc[version, 'un']:.0f}%" in shown.split("·")[0] and f"{shares.loc[version, 'communist']:.0f}%" in shown.split("·")[1]


def test_play_walks_every_step_on_the_clock(watched, built_map):
    page = watched().page
    page.clock.install()
    page.goto(built_map.as_uri())
    page.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    steps = page.evaluate("koreanWarMap.steps")
    page.click(".kw-play")
    seen = [page.evaluate("koreanWarMap.currentDate()")]
    for _ in range(len(steps)):
        page.clock.run_for(1200)
        seen.append(page.evaluate("koreanWarMap.currentDate()"))
    assert seen[:len(steps)] == steps and page.get_attribute(".kw-play", "aria-label") == "Play"


def test_the_text_version_lists_the_events_drawn_in_this_stage(watched, built_map):
    page = watched().open(built_map, "#date=1950-11-01")
    page.click(".kw-text summary")
    rows = page.locator(".kw-text table tr").all_inner_texts()[1:]
    drawn = page.evaluate("koreanWarMap.visibleFeatures('events')")
    assert len(rows) == len(drawn) >= 5
    assert {d["name"] for d in drawn} == {r.split("\t")[1].split(":")[0] for r in rows}
    assert any(r.startswith("19 Oct 1950") and "Pyongyang captured" in r for r in rows)
    assert "Stage 2: UN counteroffensive" in page.locator(".kw-text h2").inner_text()


CLICK_EVENT = """name => {
    let found = null;
    koreanWarMap.map.eachLayer(l => { if (l.feature && l.getLatLng && l.feature.properties.name === name) found = l; });
    const p = koreanWarMap.map.latLngToContainerPoint(found.getLatLng()), r = koreanWarMap.map.getContainer().getBoundingClientRect();
    return [r.left + p.x, r.top + p.y];
}"""


def test_a_click_on_an_event_opens_it_and_every_event_drawn_there(watched, built_map):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map, "#date=1950-08-04")
    x, y = page.evaluate(CLICK_EVENT, "The Pusan Perimeter is formed")  # drawn on the front line itself
    page.mouse.click(x, y)
    assert page.locator(".kw-popup strong").first.inner_text() == "The Pusan Perimeter is formed"
    assert "4 Aug 1950" in page.locator(".kw-popup .kw-dates").first.inner_text()
    page.evaluate("koreanWarMap.map.closePopup(); koreanWarMap.setDate('1951-03-15')")
    page.wait_for_selector(".kw-popup", state="detached")
    x, y = page.evaluate(CLICK_EVENT, "Seoul retaken for good")
    page.mouse.click(x, y)
    titles = page.locator(".kw-popup strong").all_inner_texts()
    assert titles == ["Seoul falls again", "Seoul retaken for good"], "events at one place open together, oldest first"
    screenshot(page, "stacked-events.png")


def test_popups_give_when_things_happened(watched, built_map):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map, "#date=1951-01-04")
    x, y = page.evaluate(CLICK_EVENT, "Battle of the Chosin Reservoir")
    page.mouse.click(x, y)
    assert page.locator(".kw-popup .kw-dates").first.inner_text() == "27 Nov 1950 – 13 Dec 1950"
    places = page.evaluate("""() => { let p = null; koreanWarMap.map.eachLayer(l => { if (l.feature && l.feature.properties.rank === 1) p = l; });
        p.openPopup(); return document.querySelector('.kw-popup').innerText; }""")
    assert "1945" not in places and "onwards" not in places


def test_a_teachers_layer_between_stops_is_reached_and_named(watched, tmp_path, layers_copy):
    shutil.copy(FIXTURES / "layers" / "refugee_routes.geojson", layers_copy / "refugee_routes.geojson")
    try:
        built = build_map(tmp_path, layers=layers_copy) / "korean_war_map.html"
    finally:
        (layers_copy / "refugee_routes.geojson").unlink()
    page = watched().page
    page.clock.install()
    page.goto(built.as_uri())
    page.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    assert "1950-07-01" in page.evaluate("koreanWarMap.steps"), "its first day is a slider stop"
    page.click(".kw-play")
    while page.evaluate("koreanWarMap.currentDate()") < "1950-07-01":
        page.clock.run_for(1200)
    assert page.evaluate("koreanWarMap.currentDate()") == "1950-07-01", "play stops on it"
    assert "refugee_routes" in page.evaluate("koreanWarMap.visibleLayers()")
    legend = [t.strip() for t in page.locator(".kw-legend li:not([hidden])").all_inner_texts()]
    assert "Refugee routes" in legend
    swatch = page.locator(".kw-legend li[data-layer=refugee_routes] .kw-swatch").get_attribute("style")
    assert "#117733" in swatch
    assert "Refugee routes" in page.locator(".leaflet-control-layers-overlays").inner_text()
    stroke = page.evaluate("[...document.querySelectorAll('.leaflet-kw-lines-pane path')].map(p => p.getAttribute('stroke'))")
    assert "#117733" in stroke
    page.clock.run_for(1200 * 3)
    assert page.evaluate("koreanWarMap.currentDate()") > "1950-07-03" and "refugee_routes" not in page.evaluate("koreanWarMap.visibleLayers()")


def _pixel_side(page, lonlat) -> str:
    image = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB")) / 255
    x, y = page.evaluate(LONLAT_TO_PIXEL, list(lonlat))
    patch = image[int(y) - 2:int(y) + 3, int(x) - 2:int(x) + 3].reshape(-1, 3).mean(axis=0)
    return min(_territory_colours().items(), key=lambda item: np.abs(patch - item[1]).sum())[0]


def test_compare_two_dates_swipes_between_them_with_their_figures(watched, built_map, web_atlas):
    w = watched(viewport={"width": 1280, "height": 860})
    page = w.open(built_map, "#compare=1950-09-15,1950-11-24")
    assert page.evaluate("koreanWarMap.comparing()") == ["1950-09-15", "1950-11-24"]
    page.evaluate(HIDE_MARKS)
    pyongyang = SAMPLES["Pyongyang"]
    page.locator(".kw-compare-swipe").fill("1000")  # all of the map at the first date
    assert _pixel_side(page, pyongyang) == "communist"
    page.locator(".kw-compare-swipe").fill("0")     # all of it at the second
    assert _pixel_side(page, pyongyang) == "un"
    screenshot(page, "compare.png")
    control = web_atlas.control.set_index(["start", "side"])
    info = page.locator(".kw-compare-info").inner_text()
    for date, label in (("1950-09-15", "15 Sep 1950"), ("1950-11-24", "24 Nov 1950")):
        un = control.loc[(date, "un")]
        shown = re.search(label + r": UN Command and South Korea ([\d.]+)% \(([\d,]+) km²\)", info)
        assert abs(float(shown[1]) - un["share"]) <= 0.051 and abs(int(shown[2].replace(",", "")) - un["area_km2"]) <= 1
    change = control.loc[("1950-11-24", "un"), "share"] - control.loc[("1950-09-15", "un"), "share"]
    assert abs(float(re.search(r"\+([\d.]+) %", info)[1]) - change) <= 0.051
    page.click(".kw-compare-close")
    assert page.evaluate("koreanWarMap.comparing()") is None and page.evaluate("location.hash") == "#date=1950-09-15"
    assert page.evaluate("[...document.querySelectorAll('.leaflet-kw-compare-territory-pane path')].length") == 0
    assert w.errors == []


THUMB_AND_BAND = """() => {
    const s = document.querySelector('.kw-slider'), r = s.getBoundingClientRect(), thumb = 16;
    const x = r.left + thumb / 2 + (r.width - thumb) * (+s.value / +s.max);
    const under = [...document.querySelectorAll('.kw-segment')].filter(b => {
        const q = b.getBoundingClientRect(); return q.left - 1 <= x && x <= q.right + 1; });
    return under.map(b => +b.dataset.stage);
}"""


@pytest.mark.parametrize("width, height", [(1280, 860), (1920, 1080)])
def test_reading_at_a_glance(watched, built_map, width, height):
    page = watched(viewport={"width": width, "height": height}).open(built_map)
    heights = set()
    for stage in page.evaluate("koreanWarMap.stages"):
        for date in (stage["start"], stage["end"]):
            page.evaluate(f"koreanWarMap.setDate('{date}')")
            assert page.evaluate(THUMB_AND_BAND) == [stage["id"]], (date, "the stage colour under the thumb")
            heights.add(round(page.locator(".kw-panel").bounding_box()["height"]))
    assert len(heights) == 1, "the panel keeps its height whatever the caption"
    page.evaluate("koreanWarMap.setStage(1)")
    assert page.locator(".kw-title").is_visible() and "UN share of the peninsula" in page.locator(".kw-chart-title").inner_text()
    legend = page.locator(".kw-legend li:not([hidden])").all_inner_texts()
    assert "North Korea" in legend and "Inchon landing" not in legend and "Armistice line (1953)" not in legend
    labels = set(page.locator(".kw-layer-label").all_inner_texts())
    assert {"38th parallel", "Pusan Perimeter"} <= labels
    page.evaluate("koreanWarMap.setStage(2)")
    assert {"Inchon landing", "Yalu River"} <= set(page.locator(".kw-layer-label").all_inner_texts())
    assert "North Korea and China" in page.locator(".kw-legend li:not([hidden])").all_inner_texts()
    page.evaluate("koreanWarMap.setStage(4)")
    assert "Armistice line (1953)" in page.locator(".kw-layer-label").all_inner_texts()
    strokes = page.evaluate("""() => [...document.querySelectorAll('.leaflet-kw-lines-pane path')].map(p =>
        [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray')])""")
    front, armistice = layer_entry("front_lines")["style"], layer_entry("armistice_line")["style"]
    assert [front["color"], None] in strokes and [armistice["color"], armistice["dashArray"]] in strokes
    assert (front["color"], front.get("dashArray")) != (armistice["color"], armistice.get("dashArray"))
    if width >= 1920:  # a projector at 100 %: read from the back of the room
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kw-caption')).fontSize)") >= 18
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kw-title')).fontSize)") >= 24
    screenshot(page, f"glance-{width}x{height}.png")


def test_tab_reaches_the_stage_controls_first_and_never_a_map_shape(watched, built_map):
    page = watched().open(built_map)
    focused = []
    for _ in range(6):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.tagName.toLowerCase() + '.' + document.activeElement.className"))
        if "kw-stage" in focused[-1]:
            break
    assert "kw-stage" in focused[-1], focused
    assert not [f for f in focused if f.startswith(("path", "svg"))]
    assert "PgUp PgDn" in page.locator(".kw-keys").inner_text()
