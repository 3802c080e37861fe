"""The map in a real browser (headless Chromium, offline): stages, front dates, deep links, keyboard,
embedding, printing, hostile text and accessibility. Screenshots go to tests/screenshots/."""

from __future__ import annotations

import shutil

import pytest

from conftest import build_map, screenshot
from geo.catalogue import region
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
    page.evaluate("koreanWarMap.setDate('1950-09-20')")  # between two front dates: the earlier one holds
    assert [f["start"] for f in page.evaluate("koreanWarMap.visibleFeatures('front_lines')")] == ["1950-09-15"]
    share = page.locator(".kw-share").inner_text()
    assert "15 Sep 1950" in share and "%" in share


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


@pytest.mark.parametrize("width, height", [(375, 667), (706, 720), (800, 450), (1280, 860), (1920, 1080)])
def test_the_whole_peninsula_shows_beside_the_panel_and_legend(watched, built_map, width, height):
    page = watched(viewport={"width": width, "height": height}).open(built_map, "#stage=1")
    x0, y0, x1, y1 = peninsula_in_free_view(page)["peninsula"]
    assert y1 - y0 > height / 3  # and it is not a speck


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
    assert "부산" in page.locator(".leaflet-tooltip-pane").inner_text()
    screenshot(page, "korean-stage-1.png")
