"""Inside a lesson's iframe the map takes no focus, keys or scrolling from the page around it."""

from __future__ import annotations

import shutil

import pytest
from conftest import screenshot

pytestmark = pytest.mark.browser


def test_embedded_in_a_lesson_page(watched, built_map, tmp_path):
    shutil.copy(built_map, tmp_path / "korean_war_map.html")
    lesson = tmp_path / "lesson.html"
    lesson.write_text(
        "<!doctype html><html lang=en><body style='margin:0'><p id=top>Lesson</p>"
        "<iframe src='korean_war_map.html#stage=2' width=600 height=450 title='Map'></iframe>"
        "<div style='height:3000px'>more lesson</div></body></html>"
    )
    w = watched(viewport={"width": 800, "height": 600})
    page = w.context.new_page()
    page.goto(lesson.as_uri())
    page.frame_locator("iframe").locator(".kw-panel").wait_for()
    inner = page.frames[1]
    inner.wait_for_function("window.koreanWarMap && koreanWarMap.currentDate() === '1950-11-24'")
    assert page.evaluate("document.activeElement.tagName") == "BODY", "the map takes no focus"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    page.wait_for_function("window.scrollY > 300")
    assert inner.evaluate("koreanWarMap.currentDate()") == "1950-11-24"
    page.evaluate("window.scrollTo(0, 0)")
    page.mouse.move(300, 250)
    page.mouse.wheel(0, 400)
    page.wait_for_function("window.scrollY > 0")
    screenshot(page, "embedded.png")
    assert w.errors == [] and w.requests == []
