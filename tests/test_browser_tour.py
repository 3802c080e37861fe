"""The guided tour in the page: a Tour button, Next and Back (and the arrow keys), each stop setting the
slider to its date and the map to its view, the question with its answer on request, Esc to leave, a live
region, #tour=N, the page API; on a phone, in print and in Korean."""

from __future__ import annotations

import pytest
from conftest import LAYERS, screenshot
from pages import frames_settled

from geo.tour import read_tour

pytestmark = pytest.mark.browser

TOUR = read_tour(LAYERS)


def test_a_keyboard_tour_from_the_button(watched, built_map):
    w = watched(viewport={"width": 1280, "height": 860})
    page = w.open(built_map)
    page.focus(".kw-tour-open")
    page.keyboard.press("Enter")
    assert page.evaluate("koreanWarMap.currentTourStop()") == 1
    assert page.evaluate("document.activeElement.classList.contains('kw-tour-title')"), "focus moves to the stop"
    for n in range(1, 6):
        stop = TOUR[n - 1]
        assert page.evaluate("koreanWarMap.currentTourStop()") == n
        assert page.evaluate("koreanWarMap.currentDate()") == stop["date"]
        assert page.locator(".kw-tour-title").inner_text() == stop["title"]
        assert stop["question"] in page.locator(".kw-tour-question").inner_text()
        assert page.locator(".kw-tour [role=status]").inner_text().endswith(stop["title"])
        assert not page.locator(".kw-tour-answer").is_visible()
        centre = page.evaluate("[koreanWarMap.map.getBounds().contains([{:f}, {:f}])]".format(stop["lat"], stop["lon"]))
        assert centre == [True], "the stop's place is in view"
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("koreanWarMap.currentTourStop()") == 5
    page.focus(".kw-tour-show")
    page.keyboard.press("Enter")
    assert page.locator(".kw-tour-answer").is_visible() and TOUR[4]["answer"] in page.locator(".kw-tour-answer").inner_text()
    screenshot(page, "tour.png")
    page.keyboard.press("Escape")
    assert page.evaluate("koreanWarMap.currentTourStop()") is None and not page.locator(".kw-tour").is_visible()
    assert page.locator(".kw-panel").is_visible(), "the controls come back"
    assert w.errors == []


def test_a_link_opens_a_stop_and_the_api_moves_the_tour(watched, built_map):
    page = watched().open(built_map, "#tour=7")
    assert page.evaluate("koreanWarMap.currentTourStop()") == 7 and page.evaluate("koreanWarMap.currentDate()") == TOUR[6]["date"]
    stops = page.evaluate("koreanWarMap.tour()")
    assert [s["title"] for s in stops] == [s["title"] for s in TOUR] and stops[0]["date"] == TOUR[0]["date"]
    page.evaluate("koreanWarMap.tourStop(12)")
    assert page.evaluate("koreanWarMap.currentDate()") == TOUR[11]["date"]
    page.wait_for_function("location.hash === '#tour=12'")


def test_a_zoomed_stop_shows_its_box(watched, built_map):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map)
    n = next(i for i, s in enumerate(TOUR, start=1) if "bbox" in s)
    page.evaluate(f"koreanWarMap.tourStop({n})")
    west, south, east, north = TOUR[n - 1]["bbox"]
    shown = page.evaluate(
        "(() => { const b = koreanWarMap.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; })()"
    )
    assert shown[0] <= west + 0.05 and shown[1] <= south + 0.05 and shown[2] >= east - 0.05 and shown[3] >= north - 0.05
    assert shown[2] - shown[0] < 4 * (east - west) + 2, "close in, not the whole region"


def test_a_student_can_take_the_tour_on_a_phone(watched, built_map):
    page = watched(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True).open(built_map, "#tour=5")
    for selector in (".kw-tour-title", ".kw-tour-next", ".kw-tour-back", ".kw-tour-exit"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["y"] >= 0 and box["y"] + box["height"] <= 667, (
            selector
        )
    page.tap(".kw-tour-next")
    assert page.evaluate("koreanWarMap.currentTourStop()") == 6
    frames_settled(page)
    tour = page.locator(".kw-tour").bounding_box()
    stop = TOUR[5]
    x, y = page.evaluate(
        "p => { const q = koreanWarMap.map.latLngToContainerPoint(p); return [q.x, q.y]; }", [stop["lat"], stop["lon"]]
    )
    assert y > tour["y"] + tour["height"] and 0 <= x <= 375 and y <= 667, "the place shows below the narration"
    screenshot(page, "tour-phone.png")


def test_the_korean_tour(watched, korean_map):
    page = watched().open(korean_map, "#tour=1")
    assert page.locator(".kw-tour-title").inner_text() == TOUR[0]["title_ko"]
    assert (
        "1곳 중" not in page.locator(".kw-tour-count").inner_text()
        and "24곳 중 1번째" in page.locator(".kw-tour-count").inner_text()
    )
    assert page.locator(".kw-tour-show").inner_text() == "답 보기"
