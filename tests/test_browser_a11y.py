"""Accessibility checked by axe-core (no violation of any impact, moderate ones included) in each of the
page's states, and the Korean page throughout."""

from __future__ import annotations

import re

import pytest
from conftest import screenshot

pytestmark = pytest.mark.browser


def violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


@pytest.mark.parametrize(
    "fragment, action",
    [
        ("#stage=1", ".kw-text summary"),
        ("#compare=1950-09-15,1950-11-24", None),
        ("#tour=3", ".kw-tour-show"),
        ("#date=1951-04-25", ".kw-legend summary"),
    ],
)
def test_no_accessibility_violations(watched, built_map, fragment, action):
    page = watched().open(built_map, fragment)
    if action:
        page.click(action)
    assert violations(page) == []


def test_no_accessibility_violations_on_a_phone_in_korean(watched, korean_map):
    page = watched(viewport={"width": 375, "height": 667}).open(korean_map, "#stage=3")
    assert violations(page) == []


def test_korean_build(watched, korean_map, web_atlas):
    from geo.model import drawn_model

    model = drawn_model(web_atlas, "ko")
    page = watched().open(korean_map, "#stage=1")
    assert page.evaluate("document.documentElement.lang") == "ko"
    assert "북한군의 남침" in page.locator(".kw-stage[aria-pressed=true]").inner_text()
    assert "38선" in page.locator(".kw-legend").inner_text()
    assert "1950년 9월 5일" in page.locator(".kw-big-date").inner_text()
    assert page.evaluate("getComputedStyle(document.querySelector('.kw-caption')).wordBreak") == "keep-all"
    assert "CJK" in page.evaluate("getComputedStyle(document.querySelector('.kw-panel')).fontFamily")
    assert "북한 " in page.locator(".kw-share").inner_text(), "before the Chinese entry the side is North Korea alone"
    events = model.role("events").features
    number = int(events.loc[events["name"].str.contains("낙동강 방어선"), "number"].iloc[0])
    from pages import click_event

    click_event(page, number)
    popup = page.locator(".kw-popup").inner_text()
    assert "낙동강" in popup and "1950년 8월" in popup
    assert not re.search("[A-Za-z]{4,}", popup.split("출처")[0]), popup  # Korean throughout, up to the cited source
    page.evaluate("koreanWarMap.map.closePopup(); koreanWarMap.setDate('1951-03-01')")
    opened = page.evaluate("""() => { let text = null; koreanWarMap.map.eachLayer(l => {
        if (!text && l.atlasFeature && l.atlasFeature.layer.role === 'front') {
            l.openPopup(); text = [...document.querySelectorAll('.kw-popup')].pop().innerText; } });
        return text; }""")
    title = opened.splitlines()[0]
    assert title.endswith("전선") and opened.count(title) == 1, "the front's title once, in Korean"
    assert not re.search("[A-Za-z]{4,}", opened.split("출처")[0]), opened  # description and precision in Korean too
    assert "부산" in page.locator(".leaflet-kw-labels-pane").inner_text()
    screenshot(page, "korean-stage-1.png")
