"""Figures from headless Chromium (Debian's, offline): time until a page is ready, and the time of every
slider step forward and back (bench/step_timer.js), for the atlas and for the peer page."""

from __future__ import annotations

import statistics
from contextlib import contextmanager
from pathlib import Path

from peer import serve_offline

TIMER = (Path(__file__).resolve().parent / "step_timer.js").read_text()
ATLAS_STEPS = """() => timeSteps(koreanWarMap.steps.length, i => koreanWarMap.setDate(koreanWarMap.steps[i]),
    () => document.querySelectorAll('.leaflet-overlay-pane path, .leaflet-pane[class*=kw-] path').length)"""
PEER_STEPS = """() => {
    const m = window[Object.keys(window).find(k => /^map_/.test(k))], td = m.timeDimension;
    // the slider's times are the fronts' dates, as on the atlas (folium's default fills in every day)
    const layer = Object.values(m._layers).find(l => l._availableTimes);
    td.setAvailableTimes(layer._availableTimes, 'replace');
    return timeSteps(td.getAvailableTimes().length, i => td.setCurrentTimeIndex(i),
        () => document.querySelectorAll('.leaflet-overlay-pane path').length);
}"""


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        context = browser.new_context(offline=True, viewport={"width": 1280, "height": 860})
        context.route("**/*", serve_offline)
        context.add_init_script(TIMER)
        try:
            yield context
        finally:
            browser.close()


def atlas_figures(context, html: Path, loads: int = 5) -> dict:
    """Median ready time over ``loads`` loads (navigation start to the page's 'kw-ready' mark) and the steps."""
    ready = []
    for _ in range(loads):
        page = context.new_page()
        page.goto(html.as_uri())
        page.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
        ready.append(page.evaluate("performance.getEntriesByName('kw-ready')[0].startTime"))
        page.close()
    page = context.new_page()
    page.goto(html.as_uri())
    page.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    steps = page.evaluate(ATLAS_STEPS)
    page.close()
    return {"ready_ms": statistics.median(ready), **_step_figures(steps)}


def peer_figures(context, html: Path) -> dict:
    page = context.new_page()
    page.goto(html.as_uri())
    page.wait_for_function("Object.keys(window).some(k => /^map_/.test(k) && window[k].timeDimension)")
    page.wait_for_load_state("load")
    steps = page.evaluate(PEER_STEPS)
    page.close()
    return _step_figures(steps)


def _step_figures(steps: dict) -> dict:
    if min(steps["drawn"]) == 0:
        raise SystemExit("a step drew nothing: the timed page is broken")
    return {
        "steps": steps["all"]["count"] // 6,
        "step_median_ms": steps["all"]["median"],
        "step_p95_ms": steps["all"]["p95"],
        "forward_median_ms": steps["forward"]["median"],
        "forward_p95_ms": steps["forward"]["p95"],
        "back_median_ms": steps["back"]["median"],
        "back_p95_ms": steps["back"]["p95"],
    }
