"""Comparing two dates in one map: from the page's Compare button or the address, a divider to swipe
(5% an arrow key), each side named with its date and its own legend, the change in percentage points."""

from __future__ import annotations

import re

import pytest
from conftest import screenshot
from pages import HIDE_MARKS, SAMPLES, pixel_side

pytestmark = pytest.mark.browser


def test_compare_from_the_address_swipes_between_two_dates_with_their_figures(watched, built_map, web_atlas):
    w = watched(viewport={"width": 1280, "height": 860})
    page = w.open(built_map, "#compare=1950-09-15,1950-11-24")
    assert page.evaluate("koreanWarMap.comparing()") == ["1950-09-15", "1950-11-24"]
    page.evaluate(HIDE_MARKS)
    page.locator(".kw-compare-swipe").fill("1000")  # all of the map at the first date
    assert pixel_side(page, SAMPLES["Pyongyang"]) == "communist"
    page.locator(".kw-compare-swipe").fill("0")  # all of it at the second
    assert pixel_side(page, SAMPLES["Pyongyang"]) == "un"
    page.evaluate("document.querySelector('.leaflet-control-container').style.display = ''")
    control = web_atlas.control.set_index(["start", "side"])
    info = page.locator(".kw-compare-info").inner_text()
    for date, label in (("1950-09-15", "15 Sep 1950"), ("1950-11-24", "24 Nov 1950")):
        un = control.loc[(date, "un")]
        shown = re.search(label + r": UN Command and South Korea ([\d.]+)% \(([\d,]+) km²\)", info)
        assert abs(float(shown[1]) - un["share"]) <= 0.051 and abs(int(shown[2].replace(",", "")) - un["area_km2"]) <= 1
    figures = control[["share", "area_km2"]]
    change = figures.loc["1950-11-24"] - figures.loc["1950-09-15"]
    shown = re.search(r"\+([\d.]+) points \(\+([\d,]+) km²\)", info)
    assert shown and abs(float(shown[1]) - change.loc["un", "share"]) <= 0.051, info
    assert abs(int(shown[2].replace(",", "")) - change.loc["un", "area_km2"]) <= 1, info
    left, right = page.locator(".kw-compare-label-left").inner_text(), page.locator(".kw-compare-label-right").inner_text()
    assert "15 Sep 1950" in left and "North Korea" in left and "24 Nov 1950" in right and "North Korea and China" in right
    screenshot(page, "compare.png")
    page.click(".kw-compare-close")
    assert page.evaluate("koreanWarMap.comparing()") is None
    page.wait_for_function("location.hash === '#date=1950-09-15'")
    assert page.evaluate("[...document.querySelectorAll('.leaflet-kw-compare-territory-pane path')].length") == 0
    assert w.errors == []


def test_compare_from_the_button_with_dates_changed_in_the_page(watched, built_map):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map, "#stage=3")
    page.click(".kw-compare-open")
    assert page.evaluate("koreanWarMap.comparing()") == ["1950-11-24", "1951-01-04"], "the previous stage's key date"
    page.locator(".kw-compare-dates input").nth(0).fill("1950-06-25")
    page.locator(".kw-compare-dates input").nth(0).dispatch_event("change")
    assert page.evaluate("koreanWarMap.comparing()") == ["1950-06-25", "1951-01-04"]
    page.locator(".kw-compare-dates input").nth(1).fill("1953-07-27")
    page.locator(".kw-compare-dates input").nth(1).dispatch_event("change")
    assert page.evaluate("koreanWarMap.comparing()") == ["1950-06-25", "1953-07-27"]
    assert "1953" in page.locator(".kw-compare-label-right").inner_text()


def test_the_divider_moves_5_percent_an_arrow_key(watched, built_map):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map, "#compare=1950-09-15,1950-11-24")
    swipe = page.locator(".kw-compare-swipe")
    swipe.focus()
    before = int(swipe.input_value())
    page.keyboard.press("ArrowRight")
    assert int(swipe.input_value()) == before + 50
    line_x = page.evaluate("parseFloat(document.querySelector('.kw-compare-line').style.left)")
    assert abs(line_x - 1280 * (before + 50) / 1000) < 1


def test_comparing_fits_a_phone(watched, built_map):
    page = watched(viewport={"width": 375, "height": 667}).open(built_map, "#compare=1950-09-15,1950-11-24")
    for selector in (".kw-compare-info", ".kw-compare-label-left", ".kw-compare-label-right", ".kw-compare-swipe"):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["y"] >= 0 and box["y"] + box["height"] <= 667, selector
    left, right = page.locator(".kw-compare-label-left").bounding_box(), page.locator(".kw-compare-label-right").bounding_box()
    assert left["x"] + left["width"] <= right["x"] or left["y"] + left["height"] <= right["y"], "the two legends apart"
    screenshot(page, "compare-phone.png")


def test_any_slider_move_ends_the_comparison(watched, built_map):
    page = watched().open(built_map, "#compare=1950-09-15,1950-11-24")
    page.click(".kw-step[aria-label='Next date']")
    assert page.evaluate("koreanWarMap.comparing()") is None
    assert page.locator(".kw-compare-info").count() == 0
