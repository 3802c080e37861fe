"""The map in a real browser (headless Chromium, offline), read from what Leaflet drew and from pixels:
stages, every front date, events, deep links, popups, a teacher's layer, hostile text, and the compact
geometry store drawing exactly what plain GeoJSON draws."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from conftest import FIXTURES, build_map, page_parts, screenshot, settled
from pages import HIDE_MARKS, LONLAT_TO_PIXEL, SAMPLES, blend, click_event, event_number, screen, territory_colours
from test_html import hostile_layer

from geo.catalogue import layer_entry
from geo.dates import format_date, front_note, situation
from geo.html import render_map
from geo.territory import control_at

pytestmark = pytest.mark.browser

EXPECTED = {  # stage -> (layers drawn, layers not drawn) at the stage's key date
    1: (
        {"parallel_38", "pusan_perimeter", "front_lines", "control_areas", "events"},
        {"inchon_landing", "yalu_river", "armistice_line"},
    ),
    2: (
        {"parallel_38", "inchon_landing", "yalu_river", "front_lines", "control_areas", "previous_front"},
        {"pusan_perimeter", "armistice_line"},
    ),
    3: ({"parallel_38", "yalu_river", "front_lines", "control_areas"}, {"pusan_perimeter", "inchon_landing", "armistice_line"}),
    4: ({"parallel_38", "armistice_line", "control_areas"}, {"pusan_perimeter", "inchon_landing", "yalu_river", "front_lines"}),
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
        assert screenshot(page, f"stage-{n}.png").stat().st_size > 30_000
    assert w.errors == [] and w.requests == []


def test_every_front_date_draws_its_front_and_territory(watched, built_map, web_model):
    page = watched().open(built_map)
    fronts = web_model.role("front").features["start"].tolist()
    assert len(fronts) >= 150 and set(fronts) <= set(page.evaluate("koreanWarMap.steps"))
    drawn = page.evaluate(
        """dates => dates.map(d => { koreanWarMap.setDate(d); return [
        koreanWarMap.visibleFeatures('front_lines').map(f => f.start),
        koreanWarMap.visibleFeatures('control_areas').map(f => f.side + ' ' + f.start),
        koreanWarMap.visibleFeatures('previous_front').length]; })""",
        fronts,
    )
    for date, (front, territory, previous) in zip(fronts, drawn):
        assert front == [date], date
        assert sorted(territory) == [f"communist {date}", f"un {date}"], date
        assert previous == (0 if date == fronts[0] else 1), date


def test_between_two_front_dates_the_earlier_holds_and_the_page_says_so(watched, built_map, web_atlas):
    import pandas as pd

    page = watched().open(built_map)
    v = web_atlas.versions[web_atlas.versions["line"] == "front"]
    days = (pd.to_datetime(v["front_date"]) + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    for day, row in list(zip(days, v.itertuples()))[::15]:
        if day >= row.next_front:
            continue
        page.evaluate(f"koreanWarMap.setDate('{day}')")
        assert [f["start"] for f in page.evaluate("koreanWarMap.visibleFeatures('front_lines')")] == [row.front_date]
        assert front_note(situation(web_atlas.versions, day)) in page.locator(".kw-share").inner_text()


def test_events_appear_on_their_date(watched, built_map):
    page = watched().open(built_map)
    page.evaluate("koreanWarMap.setDate('1950-09-14')")
    names = {e["name"] for e in page.evaluate("koreanWarMap.visibleFeatures('events')")}
    assert "Landing at Inchon" not in names
    page.evaluate("koreanWarMap.setDate('1950-09-15')")
    assert "Landing at Inchon" in {e["name"] for e in page.evaluate("koreanWarMap.visibleFeatures('events')")}


@pytest.mark.parametrize(
    "fragment, date",
    [
        ("#stage=3", "1951-01-04"),
        ("#date=1951-01-04", "1951-01-04"),
        ("#date=1950-07-05", "1950-07-05"),
        ("#stage=9", "1950-06-25"),
        ("#date=1951-02-31", "1950-06-25"),
        ("#date=1951-02-29", "1950-06-25"),
        ("#date=1952-02-29", "1952-02-29"),
        ("#tour=99", "1950-06-25"),
    ],
)
def test_deep_links(watched, built_map, fragment, date):
    page = watched().open(built_map, fragment)
    assert page.evaluate("koreanWarMap.currentDate()") == date


def test_the_address_follows_the_slider_once_it_settles(watched, built_map):
    page = watched().open(built_map)
    page.evaluate("koreanWarMap.setStage(2)")
    settled(page)
    assert page.evaluate("location.hash") == "#stage=2"
    page.evaluate("koreanWarMap.setDate('1951-03-15')")
    assert page.evaluate("location.hash") == "#stage=2", "not on every step"
    page.wait_for_function("location.hash === '#date=1951-03-15'")
    page.evaluate("location.hash = '#stage=4'")
    page.wait_for_function("koreanWarMap.currentDate() === '1953-07-27'")


def test_the_pixels_at_known_places_show_the_side_that_held_them(watched, built_map, web_atlas):
    """Screenshot colours at known places (and the Yellow Sea) against styles.json and the computed sides."""
    import geopandas as gpd

    from geo.catalogue import styles
    from geo.territory import sides_at

    page = watched(viewport={"width": 1280, "height": 860}).open(built_map)
    page.evaluate(HIDE_MARKS)
    colours = territory_colours()
    for date in ["1950-06-25", "1950-09-05", "1950-11-24", "1951-01-04", "1952-06-01", "1953-07-27"]:
        page.evaluate(f"koreanWarMap.setDate('{date}'); koreanWarMap.map.setView([38.3, 127.0], 7, {{animate: false}}); null")
        image = screen(page)
        points = gpd.GeoDataFrame({"date": [date] * len(SAMPLES)}, geometry=gpd.points_from_xy(*zip(*SAMPLES.values())), crs=4326)
        sides = sides_at(web_atlas.control, points, web_atlas.korea)["side"].tolist()
        for (name, lonlat), side in zip(SAMPLES.items(), sides):
            x, y = page.evaluate(LONLAT_TO_PIXEL, list(lonlat))
            patch = image[int(y) - 2 : int(y) + 3, int(x) - 2 : int(x) + 3].reshape(-1, 3).mean(axis=0)
            assert np.abs(patch - colours[side]).sum() < 0.06, (name, date, side, patch)
        x, y = page.evaluate(LONLAT_TO_PIXEL, [124.5, 39.0])  # Korea Bay, in the Yellow Sea, stays sea
        assert np.abs(image[int(y), int(x)] - blend(styles()["basemap"]["sea"], 1, "#000000")).sum() < 0.06


DRAWN_PATHS = """() => Object.fromEntries([...document.querySelectorAll('.leaflet-pane[class*=kw-]')].map(pane =>
    [pane.className.match(/kw-([\\w-]+?)-pane/)[1], [...pane.querySelectorAll('path')].map(p =>
        p.getAttribute('stroke') + ' ' + p.getAttribute('stroke-width'))]))"""


def test_each_date_draws_one_front_and_the_shares_it_computed(watched, built_map, web_atlas):
    page = watched().open(built_map)
    front = layer_entry("front_lines")["style"]
    drawn_front = f"{front['color']} {front['weight']}"
    shares = web_atlas.control.pivot(index="start", columns="side", values="share")
    for date in ["1950-07-05", "1950-08-04", "1950-09-15", "1950-10-26", "1950-12-24", "1951-03-15", "1951-07-10", "1953-07-26"]:
        page.evaluate(f"koreanWarMap.setDate('{date}')")
        paths = page.evaluate(DRAWN_PATHS)
        assert paths["lines"].count(drawn_front) == 1, (date, paths["lines"])
        assert len(paths["territory"]) == 2, "one shape per side"
        version = control_at(web_atlas.control, __import__("pandas").Series([date]))[0]
        shown = page.locator(".kw-share").inner_text()
        assert (
            f"{shares.loc[version, 'un']:.0f}%" in shown.split("·")[0]
            and f"{shares.loc[version, 'communist']:.0f}%" in shown.split("·")[1]
        )


def test_a_click_on_an_event_opens_it_and_every_event_drawn_there(watched, built_map, web_model):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map, "#date=1950-08-10")
    number = event_number(web_model, "The Pusan Perimeter is formed")
    click_event(page, number)
    assert "The Pusan Perimeter is formed" in page.locator(".kw-popup strong").all_inner_texts()
    events = web_model.role("events").features
    first = events[events["name"] == "The Pusan Perimeter is formed"].iloc[0]
    assert format_date(first["start"]) in page.locator(".kw-popup .kw-dates").first.inner_text()
    page.evaluate("koreanWarMap.map.closePopup(); koreanWarMap.setDate('1951-03-15')")
    page.wait_for_selector(".kw-popup", state="detached")
    click_event(page, event_number(web_model, "Seoul retaken for good"))
    titles = page.locator(".kw-popup strong").all_inner_texts()
    assert "Seoul retaken for good" in titles and "Seoul falls again" in titles, "events at one place open together"
    assert titles.index("Seoul falls again") < titles.index("Seoul retaken for good"), "oldest first"
    screenshot(page, "stacked-events.png")


def test_a_teachers_layer_between_stops_is_reached_and_named(watched, tmp_path, layers_copy):
    shutil.copy(FIXTURES / "layers" / "refugee_routes.geojson", layers_copy / "refugee_routes.geojson")
    try:
        built = build_map(tmp_path, layers=layers_copy) / "korean_war_map.html"
    finally:
        (layers_copy / "refugee_routes.geojson").unlink()
    page = watched().page
    page.clock.install(time="2026-01-01T00:00:00")
    page.clock.pause_at("2026-01-01T00:00:01")
    page.goto(built.as_uri())
    page.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    assert "1950-07-01" in page.evaluate("koreanWarMap.steps"), "its first day is a slider stop"
    page.click(".kw-play")
    while page.evaluate("koreanWarMap.currentDate()") < "1950-07-01":
        page.clock.run_for(40)
    assert page.evaluate("koreanWarMap.currentDate()") == "1950-07-01", "play stops on it"
    assert "refugee_routes" in page.evaluate("koreanWarMap.visibleLayers()")
    legend = [t.strip() for t in page.locator(".kw-legend li:not([hidden])").all_inner_texts()]
    assert "Refugee routes" in legend
    assert "#117733" in page.locator(".kw-legend li[data-layer=refugee_routes] .kw-swatch").get_attribute("style")
    stroke = page.evaluate("[...document.querySelectorAll('.leaflet-kw-lines-pane path')].map(p => p.getAttribute('stroke'))")
    assert "#117733" in stroke
    assert "Refugee routes" in page.locator(".leaflet-control-layers-overlays").inner_text()


def test_hostile_text_is_shown_as_text(watched, tmp_path, layers_copy):
    path = hostile_layer(layers_copy)
    try:
        built = build_map(tmp_path, layers=layers_copy) / "korean_war_map.html"
    finally:
        path.unlink()
    w = watched()
    page = w.open(built, "#date=1951-02-01")
    assert "hostile" in page.evaluate("koreanWarMap.visibleLayers()")
    opened = page.evaluate("""() => { let count = 0;
        koreanWarMap.map.eachLayer(l => { if (l.feature && /onerror/.test(l.feature.properties.name)) {
            l.openPopup(); count++; } });
        return count; }""")
    assert opened >= 1
    assert 'onerror="window.__pwned=1"' in page.locator(".kw-popup").first.inner_text()
    assert page.locator(".kw-popup img").count() == 0 and page.evaluate("window.__pwned") is None
    assert "onerror" in page.locator(".kw-legend").inner_text(), "a title from the file is shown as text too"
    assert w.errors == []


def test_the_compact_store_draws_what_plain_geometry_draws(watched, web_model, tmp_path, built_map):
    plain = tmp_path / "plain.html"
    plain.write_text(render_map(web_model, plain_geometry=True))
    arcs = [sum(map(len, json.loads(page_parts(p)["data"])["store"]["arcs"])) for p in (plain, built_map)]
    assert arcs[0] > 2 * arcs[1], "shapes share their coordinates"
    pictures = []
    for path in (built_map, plain):
        page = watched(viewport={"width": 1280, "height": 860}).open(path, "#date=1951-01-04")
        pictures.append(screen(page))
    difference = np.abs(pictures[0] - pictures[1]).sum(axis=2)
    assert (difference > 0.01).mean() < 0.0005, "the same pixels"
