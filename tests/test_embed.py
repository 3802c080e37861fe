"""Embedding: the iframe snippet and the example lesson page, including in a real browser."""

from __future__ import annotations

import pytest

import build
from conftest import screenshot
from geo.embed import iframe_snippet


def test_snippet_opens_at_a_stage():
    snippet = iframe_snippet(stage=3)
    assert snippet.startswith("<iframe") and 'src="korean_war_map.html#stage=3"' in snippet and 'title="' in snippet


def test_embed_command_prints_the_snippet_and_writes_the_lesson(tmp_path, capsys):
    assert build.main(["embed", "--stage", "2", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert 'src="korean_war_map.html#stage=2"' in out
    lesson = (tmp_path / "lesson.html").read_text()
    assert (tmp_path / "korean_war_map.html").exists()
    for title in ("North Korean offensive", "UN counteroffensive", "Chinese intervention", "Stalemate and talks"):
        assert title in lesson
    assert lesson.count('target="atlas"') == 4


def test_the_korean_embed_points_at_the_korean_map(tmp_path, capsys):
    assert build.main(["embed", "--lang", "ko", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert 'src="korean_war_map.ko.html"' in out and (tmp_path / "korean_war_map.ko.html").exists()


@pytest.mark.browser
def test_lesson_links_move_the_embedded_map(watched, tmp_path):
    assert build.main(["embed", "--out", str(tmp_path)]) == 0
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.context.new_page()
    page.goto((tmp_path / "lesson.html").as_uri())
    inner = page.frame(name="atlas")
    inner.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    page.get_by_role("link", name="Chinese intervention").click()
    inner.wait_for_function("koreanWarMap.currentStage() === 3")
    screenshot(page, "lesson.png")
    assert w.errors == [] and w.requests == []
