"""What a class must see stays in sight, at a phone's, a laptop's and a projector's size, at every stage:
the stage's key line visible along at least 85% of its length (measured from screenshots), no two names
on the map overlapping, every event named by its number, the whole peninsula beside the controls."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import screenshot
from pages import EVENT_BADGE, after_map_event, frames_settled, peninsula_in_free_view, screen

from geo.catalogue import region, stages

pytestmark = pytest.mark.browser

SIZES = [(375, 667), (1280, 800), (1920, 1080)]

# the key layer's drawn paths as points every few pixels along them, in the map's container
KEY_LINE_POINTS = """id => {
    const map = koreanWarMap.map, out = [], step = 2, size = map.getSize();
    map.eachLayer(l => {
        if (!l.atlasFeature || l.atlasFeature.layer.id !== id || !l.getLatLngs) return;
        const walk = x => { if (!x.length) return; if (x[0] instanceof L.LatLng) {
            const pts = x.map(p => map.latLngToContainerPoint(p));
            if (l instanceof L.Polygon) pts.push(pts[0]);
            for (let i = 1; i < pts.length; i++) {
                const a = pts[i - 1], b = pts[i], n = Math.max(1, Math.round(a.distanceTo(b) / step));
                for (let k = 0; k < n; k++) out.push([a.x + (b.x - a.x) * k / n, a.y + (b.y - a.y) * k / n]);
            } } else x.forEach(walk); };
        walk(l.getLatLngs());
    });
    return out.filter(p => p[0] >= 0 && p[1] >= 0 && p[0] < size.x && p[1] < size.y);
}"""

# hide what is drawn above a pane, and the controls: what is left shows the key line unobstructed
ONLY_UP_TO = """z => {
    const style = document.createElement('style');
    style.id = 'kw-test-bare';
    style.textContent = '.leaflet-control-container, .kw-compare-info, .kw-tour { visibility: hidden !important; }';
    document.head.appendChild(style);
    document.querySelectorAll('.leaflet-pane').forEach(p => {
        const own = +getComputedStyle(p).zIndex;
        if (p.classList.contains('leaflet-map-pane')) return;
        if (own > z) p.style.visibility = 'hidden';
    });
}"""


def key_line_visible(page, layer_id: str) -> float:
    """The share of the key layer's drawn length that shows, by comparing the screen with and without
    everything drawn above it (names, events, controls)."""
    points = page.evaluate(KEY_LINE_POINTS, layer_id)
    assert len(points) > 30, (layer_id, len(points))
    seen = screen(page)
    z = page.evaluate(
        """id => { let z = 0; koreanWarMap.map.eachLayer(l => { if (l.atlasFeature && l.atlasFeature.layer.id === id)
        z = +getComputedStyle(koreanWarMap.map.getPane(l.options.pane)).zIndex; }); return z; }""",
        layer_id,
    )
    page.evaluate(ONLY_UP_TO, z)
    bare = screen(page)
    page.evaluate("""() => { document.getElementById('kw-test-bare').remove();
        document.querySelectorAll('.leaflet-pane').forEach(p => p.style.visibility = ''); }""")
    same = [np.abs(seen[int(y), int(x)] - bare[int(y), int(x)]).sum() < 0.04 for x, y in points]
    return float(np.mean(same))


LABEL_BOXES = """() => [...document.querySelectorAll('.kw-layer-label, .kw-place, .kw-event-badge:not(.kw-in-text)')]
    .filter(n => !n.hidden && n.offsetParent !== null && getComputedStyle(n).visibility !== 'hidden')
    .map(n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, n.textContent]; })"""


def overlapping(boxes) -> list:
    found = []
    for i, (l1, t1, r1, b1, a) in enumerate(boxes):
        for l2, t2, r2, b2, b in boxes[i + 1 :]:
            if l1 < r2 - 0.5 and l2 < r1 - 0.5 and t1 < b2 - 0.5 and t2 < b1 - 0.5:
                found.append((a, b))
    return found


@pytest.mark.parametrize("width, height", SIZES)
def test_at_every_stage_the_key_line_shows_the_names_stay_apart_and_every_event_is_named(watched, built_map, width, height):
    page = watched(viewport={"width": width, "height": height}).open(built_map)
    for stage in stages():
        page.evaluate(f"koreanWarMap.setStage({stage['id']})")
        frames_settled(page)
        share = key_line_visible(page, stage["key_layer"])
        screenshot(page, f"key-line-{stage['id']}-{width}x{height}.png")
        assert share >= 0.85, f"stage {stage['id']}: {stage['key_layer']} visible along {share:.0%} of its length"
        boxes = page.evaluate(LABEL_BOXES)
        assert len(boxes) >= 3 and overlapping(boxes) == [], (stage["id"], overlapping(boxes))
        numbers = [e["number"] for e in page.evaluate("koreanWarMap.visibleFeatures('events')")]
        for number in numbers:
            at = page.evaluate(EVENT_BADGE, number)
            assert at is not None and 0 <= at[0] <= width and 0 <= at[1] <= height, (stage["id"], number)


@pytest.mark.parametrize(
    "width, height", [(375, 667), (667, 375), (706, 720), (800, 450), (1024, 500), (1280, 860), (1920, 1080)]
)
def test_the_whole_peninsula_shows_beside_the_panel_and_legend(watched, built_map, width, height):
    page = watched(viewport={"width": width, "height": height}).open(built_map, "#stage=1")
    _x0, y0, _x1, y1 = peninsula_in_free_view(page)["peninsula"]
    assert y1 - y0 > height / 3  # and it is not a speck
    if width > height:  # a phone held sideways, a lesson iframe: the panel is a column beside the map
        assert page.locator(".kw-panel").bounding_box()["width"] < width / 2
        assert y1 - y0 > 0.6 * height
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"fit-{width}x{height}.png")


def test_zoom_stays_within_the_map_limits(watched, built_map):
    page = watched().open(built_map)
    view = region()["view"]
    assert page.evaluate("[koreanWarMap.map.getMinZoom(), koreanWarMap.map.getMaxZoom()]") == [view["min_zoom"], view["max_zoom"]]


def test_resizing_refits_until_the_reader_moves_the_map(watched, built_map):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map)
    after_map_event(page, "resize", lambda: page.set_viewport_size({"width": 706, "height": 720}))
    frames_settled(page)
    peninsula_in_free_view(page)
    after_map_event(page, "zoomend", page.locator(".leaflet-control-zoom-in").click)
    view = (
        "[koreanWarMap.map.getZoom(), koreanWarMap.map.getCenter().lat.toFixed(1), koreanWarMap.map.getCenter().lng.toFixed(1)]"
    )
    chosen = page.evaluate(view)
    after_map_event(page, "resize", lambda: page.set_viewport_size({"width": 1280, "height": 860}))
    assert page.evaluate(view) == chosen


def test_names_move_with_the_map_and_stay_apart_closer_in(watched, built_map):
    page = watched(viewport={"width": 1280, "height": 860}).open(built_map, "#stage=3")
    before = len(page.evaluate(LABEL_BOXES))
    after_map_event(page, "zoomend", page.locator(".leaflet-control-zoom-in").click)
    frames_settled(page)
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= before - 2 and overlapping(boxes) == []
