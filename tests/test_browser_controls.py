"""The panel's controls in a real browser: keys, tab order, play by the story's clock with its speed, loop
and stage options (and the page API), the event timeline, the text version, the big date and full screen."""

from __future__ import annotations

import pytest
from conftest import screenshot
from pages import frames_settled

from geo.model import play_schedule

pytestmark = pytest.mark.browser


def test_keyboard_only_walk(watched, built_map):
    w = watched()
    page = w.open(built_map)
    page.keyboard.press("ArrowRight")  # focus is on the page, not the slider: nothing moves
    assert page.evaluate("koreanWarMap.currentDate()") == "1950-06-25"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kw-stage')"):
            break
    assert page.evaluate("document.activeElement.dataset.stage") == "1"
    for n in (1, 2, 3, 4):
        page.keyboard.press("Enter")
        assert page.evaluate("koreanWarMap.currentStage()") == n
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "focus is visible"
        assert page.locator(".kw-panel [role=status]").inner_text().startswith(f"Stage {n} of 4")
        page.keyboard.press("Tab")
    page.focus(".kw-slider")
    before = page.evaluate("koreanWarMap.currentDate()")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("koreanWarMap.currentDate()") < before
    page.keyboard.press("PageDown")
    assert page.evaluate("koreanWarMap.currentStage()") == 3
    page.keyboard.press("Home")
    assert page.evaluate("koreanWarMap.currentDate()") == "1950-06-25"
    screenshot(page, "keyboard-focus.png")
    assert w.errors == []


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


def open_on_a_clock(watched, built_map):
    """The page on a paused clock: time moves only when the test runs it."""
    page = watched().page
    page.clock.install(time="2026-01-01T00:00:00")
    page.clock.pause_at("2026-01-01T00:00:01")
    page.goto(built_map.as_uri())
    page.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    return page


def test_play_walks_every_step_by_the_story_and_stops_at_the_end(watched, built_map, web_model):
    page = open_on_a_clock(watched, built_map)
    steps, times = page.evaluate("koreanWarMap.steps"), play_schedule(web_model)
    page.click(".kw-play")
    seen = [page.evaluate("koreanWarMap.currentDate()")]
    for ms in times[:-1]:
        page.clock.run_for(ms)
        seen.append(page.evaluate("koreanWarMap.currentDate()"))
    assert seen == steps
    assert page.get_attribute(".kw-play", "aria-label") == "Pause" and page.evaluate("koreanWarMap.playing()")
    page.clock.run_for(times[-1] + 10)
    assert page.get_attribute(".kw-play", "aria-label") == "Play" and not page.evaluate("koreanWarMap.playing()")
    assert 55_000 <= sum(times) <= 65_000


def test_play_speed_loop_and_one_stage_through_the_page_and_the_api(watched, built_map, web_model):
    page = open_on_a_clock(watched, built_map)
    steps, times = page.evaluate("koreanWarMap.steps"), play_schedule(web_model)
    page.evaluate("koreanWarMap.setStage(2)")
    page.select_option(".kw-speed", "4")
    page.check(".kw-stage-only input")
    page.click(".kw-play")
    stage = web_model.stages[1]
    inside = [i for i, d in enumerate(steps) if stage["start"] <= d <= stage["end"]]
    assert page.evaluate("koreanWarMap.currentDate()") == steps[inside[0]], "a stage plays from its start"
    page.clock.run_for(sum(times[i] for i in inside) / 4 + 100)
    assert not page.evaluate("koreanWarMap.playing()") and page.evaluate("koreanWarMap.currentDate()") == steps[inside[-1]]
    page.evaluate("koreanWarMap.play({speed: 2, loop: true, stage: 4})")
    last = [i for i, d in enumerate(steps) if d >= web_model.stages[3]["start"]]
    page.clock.run_for(sum(times[i] for i in last) / 2 + 200)
    assert page.evaluate("koreanWarMap.playing()"), "a loop does not stop"
    assert web_model.stages[3]["start"] <= page.evaluate("koreanWarMap.currentDate()") <= web_model.stages[3]["end"]
    page.evaluate("koreanWarMap.stop()")
    assert not page.evaluate("koreanWarMap.playing()")


def test_the_play_button_does_not_move_anything_when_it_changes(watched, built_map):
    page = open_on_a_clock(watched, built_map)
    before = page.evaluate("[...document.querySelectorAll('.kw-row > *')].map(n => n.getBoundingClientRect().x)")
    page.click(".kw-play")
    assert page.inner_text(".kw-play") == "❚❚"
    after = page.evaluate("[...document.querySelectorAll('.kw-row > *')].map(n => n.getBoundingClientRect().x)")
    assert before == after


def test_the_event_timeline_follows_the_slider_and_takes_you_to_an_event(watched, built_map, web_model):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map, "#date=1950-09-20")
    items = page.locator(".kw-events .kw-event-item")
    stage2 = web_model.role("events").features.query("'1950-09-15' <= start <= '1950-11-24'")
    assert items.count() == len(stage2)
    assert page.locator(".kw-event-item[aria-current=true] span").last.inner_text() == "Breakout from the perimeter"
    assert page.locator(".kw-timeline .kw-tick").count() == len(web_model.role("events").features)
    target = stage2[stage2["name"] == "Pyongyang captured"].iloc[0]
    page.locator(f".kw-event-item[data-number='{target['number']}']").click()
    assert page.evaluate("koreanWarMap.currentDate()") == target["start"]
    page.wait_for_selector(".kw-popup")
    assert "Pyongyang captured" in page.locator(".kw-popup").inner_text(), "the map shows the event"


def test_the_text_version_lists_the_events_drawn_in_this_stage(watched, built_map):
    page = watched().open(built_map, "#date=1950-11-01")
    page.click(".kw-text summary")
    page.wait_for_selector(".kw-text table tr")
    rows = page.locator(".kw-text table tr").all_inner_texts()[1:]
    drawn = page.evaluate("koreanWarMap.visibleFeatures('events')")
    assert len(rows) == len(drawn) >= 5
    assert {d["name"] for d in drawn} == {r.split("\t")[2].split(":")[0] for r in rows}
    assert any("19 Oct 1950" in r and "Pyongyang captured" in r for r in rows)
    assert "Stage 2: UN counteroffensive" in page.locator(".kw-text h2").inner_text()


@pytest.mark.parametrize("width, height", [(1280, 860), (1920, 1080)])
def test_reading_at_a_glance(watched, built_map, width, height):
    page = watched(viewport={"width": width, "height": height}).open(built_map)
    heights = set()
    band = """() => { const s = document.querySelector('.kw-slider'), r = s.getBoundingClientRect(), thumb = 16;
        const x = r.left + thumb / 2 + (r.width - thumb) * (+s.value / +s.max);
        return [...document.querySelectorAll('.kw-segment')].filter(b => { const q = b.getBoundingClientRect();
            return q.left - 0.1 <= x && x <= q.right + 0.1; }).map(b => +b.dataset.stage); }"""
    for stage in page.evaluate("koreanWarMap.stages"):
        for date in (stage["start"], stage["end"]):
            page.evaluate(f"koreanWarMap.setDate('{date}')")
            assert page.evaluate(band) == [stage["id"]], (date, "the stage colour under the thumb")
            heights.add(round(page.locator(".kw-panel").bounding_box()["height"]))
    assert len(heights) == 1, "the panel keeps its height whatever the caption"
    page.evaluate("koreanWarMap.setStage(1)")
    legend = page.locator(".kw-legend li:not([hidden])").all_inner_texts()
    assert "North Korea" in legend and "Inchon landing" not in legend and "Armistice line (1953)" not in legend
    assert {"38th parallel", "Pusan Perimeter"} <= set(page.locator(".kw-layer-label:not([hidden])").all_inner_texts())
    page.evaluate("koreanWarMap.setStage(2)")
    assert "North Korea and China" in page.locator(".kw-legend li:not([hidden])").all_inner_texts()
    page.evaluate("koreanWarMap.setStage(4)")
    assert "Armistice line (1953)" in page.locator(".kw-layer-label:not([hidden])").all_inner_texts()
    big = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kw-big-date')).fontSize)")
    assert page.locator(".kw-big-date").inner_text() == "27 Jul 1953"
    if width >= 1920:  # a projector at 100 %: read from the back of the room
        assert big >= 32
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kw-caption')).fontSize)") >= 18
    screenshot(page, f"glance-{width}x{height}.png")


def test_full_screen_from_the_panel(watched, built_map):
    page = watched().open(built_map)
    page.click(".kw-fullscreen")
    page.wait_for_function("document.fullscreenElement === document.documentElement")
    # the button follows the fullscreenchange event, which the browser fires a frame after the switch
    page.wait_for_function("document.querySelector('.kw-fullscreen').getAttribute('aria-pressed') === 'true'", timeout=5000)
    page.click(".kw-fullscreen")
    page.wait_for_function("document.fullscreenElement === null")


def test_full_screen_inside_a_lesson_iframe(watched, built_map, tmp_path):
    import shutil

    from geo.embed import iframe_snippet

    shutil.copy(built_map, tmp_path / "korean_war_map.html")
    (tmp_path / "lesson.html").write_text(f"<!doctype html><html lang=en><body>{iframe_snippet()}</body></html>")
    w = watched(viewport={"width": 900, "height": 700})
    page = w.context.new_page()
    page.goto((tmp_path / "lesson.html").as_uri())
    inner = page.frame(name="atlas")
    inner.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    inner.click(".kw-fullscreen")
    inner.wait_for_function("document.fullscreenElement !== null")
    frames_settled(inner)
