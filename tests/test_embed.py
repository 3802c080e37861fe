"""Embedding: the iframe snippet and the example lesson page with the tour's stops and questions."""

from __future__ import annotations

import pytest
from conftest import LAYERS, run, screenshot

from geo.embed import iframe_snippet
from geo.tour import read_tour


def test_snippet_opens_at_a_stage_and_may_go_full_screen():
    snippet = iframe_snippet(stage=3)
    assert snippet.startswith("<iframe") and 'src="korean_war_map.html#stage=3"' in snippet and 'title="' in snippet
    assert 'allow="fullscreen *"' in snippet and "allowfullscreen" in snippet


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    out = tmp_path_factory.mktemp("lesson")
    assert run(["embed", "--stage", "2", "--out", str(out)]) == 0
    return out


def test_embed_writes_the_map_and_a_lesson_with_stages_stops_and_questions(lesson):
    page = (lesson / "lesson.html").read_text()
    assert (lesson / "korean_war_map.html").exists()
    for title in ("North Korean offensive", "UN counteroffensive", "Chinese intervention", "Stalemate and talks"):
        assert title in page
    tour = read_tour(LAYERS)
    assert page.count('href="korean_war_map.html#tour=') == len(tour) + 1, "each stop, and the tour's start"
    assert page.count("<details>") == len(tour), "every question with its answer folded"
    assert page.count('target="atlas"') == 4 + len(tour) + 1


def test_the_korean_embed_points_at_the_korean_map(tmp_path, capfd):
    assert run(["embed", "--lang", "ko", "--out", str(tmp_path)]) == 0
    assert 'src="korean_war_map.ko.html"' in capfd.readouterr().out and (tmp_path / "korean_war_map.ko.html").exists()
    assert "둘러보기" in (tmp_path / "lesson.ko.html").read_text()


@pytest.mark.browser
def test_lesson_links_move_the_embedded_map(watched, lesson):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.context.new_page()
    page.goto((lesson / "lesson.html").as_uri())
    inner = page.frame(name="atlas")
    inner.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    page.get_by_role("link", name="Chinese intervention").click()
    inner.wait_for_function("koreanWarMap.currentStage() === 3")
    page.locator("a[href$='#tour=5']").click()
    inner.wait_for_function("koreanWarMap.currentTourStop() === 5")
    screenshot(page, "lesson.png")
    assert w.errors == [] and w.requests == []


@pytest.mark.browser
def test_on_a_phone_the_links_stay_with_the_map(watched, lesson):
    w = watched(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    page = w.context.new_page()
    page.goto((lesson / "lesson.html").as_uri())
    page.frame(name="atlas").wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    page.locator("a[href$='#stage=4']").scroll_into_view_if_needed()
    frame = page.locator("iframe").bounding_box()
    link = page.locator("a[href$='#stage=4']").bounding_box()
    assert frame["y"] >= -1 and frame["y"] + frame["height"] <= 667 and 0 <= link["y"] <= 667, "map and link on screen together"
    screenshot(page, "lesson-phone.png")
