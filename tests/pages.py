"""What the browser tests read off a page: where things are drawn, their pixels, Leaflet's drawn state."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from geo.catalogue import layer_entry, region, styles

PENINSULA_ON_SCREEN = """([west, south, east, north]) => {
    const map = koreanWarMap.map, a = map.latLngToContainerPoint([north, west]), b = map.latLngToContainerPoint([south, east]);
    const frame = map.getContainer().getBoundingClientRect();
    const box = r => [r.left - frame.left, r.top - frame.top, r.right - frame.left, r.bottom - frame.top];
    return {peninsula: [a.x, a.y, b.x, b.y], frame: [0, 0, frame.width, frame.height],
            covers: [".kw-panel", ".kw-legend"].map(s => box(document.querySelector(s).getBoundingClientRect()))};
}"""

LONLAT_TO_PIXEL = """([lon, lat]) => { const p = koreanWarMap.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }"""
HIDE_MARKS = (
    "document.head.insertAdjacentHTML('beforeend', '<style>.leaflet-tooltip-pane, .leaflet-kw-points-pane, "
    ".leaflet-kw-lines-pane, .leaflet-kw-areas-pane, .leaflet-kw-key-pane, .leaflet-kw-arrows-pane, "
    ".leaflet-kw-labels-pane, .leaflet-kw-leaders-pane, .leaflet-control-container { display: none }</style>')"
)
SAMPLES = {"Pusan": (128.95, 35.25), "Pyongyang": (125.85, 39.05), "Chorwon": (127.2, 38.15), "Hamhung": (127.45, 39.95)}

# where an event's badge is, on the screen: the event named by its number or within a group's range
EVENT_BADGE = """number => {
    const badge = [...document.querySelectorAll('.kw-event-badge:not(.kw-in-text)')].find(b => !b.hidden &&
        (b.textContent === String(number) || (/[–,]/.test(b.textContent) && (() => {
            const parts = b.textContent.split(/[–,] ?/).map(Number);
            return b.textContent.includes('–') ? parts[0] <= number && number <= parts[1] : parts.includes(number); })())));
    if (!badge) return null;
    const r = badge.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
}"""


def peninsula_in_free_view(page) -> dict:
    """Where the peninsula is drawn; asserts it lies in the frame and clear of the panel and legend."""
    seen = page.evaluate(PENINSULA_ON_SCREEN, region()["view"]["fit_bounds"])
    (x0, y0, x1, y1), (_, _, width, height) = seen["peninsula"], seen["frame"]
    assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height, seen
    for left, top, right, bottom in seen["covers"]:
        assert x1 <= left or right <= x0 or y1 <= top or bottom <= y0, seen
    return seen


def after_map_event(page, event: str, action) -> None:
    """Do ``action`` and wait until the Leaflet map has fired ``event`` (its handlers have run)."""
    page.evaluate("e => { window.kwEvent = new Promise(done => koreanWarMap.map.once(e, done)); }", event)
    action()
    page.evaluate("window.kwEvent.then(() => true)")


def frames_settled(page) -> None:
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def blend(hex_colour: str, opacity: float, under: str) -> np.ndarray:
    """The colour a fill of ``opacity`` makes over ``under``, as RGB in 0..1."""
    rgb = lambda h: np.array([int(h[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return opacity * rgb(hex_colour) + (1 - opacity) * rgb(under)


def territory_colours() -> dict[str, np.ndarray]:
    opacity = layer_entry("control_areas")["style"]["fillOpacity"]
    korea = styles()["basemap"]["korea"]
    return {side: blend(s["fill"], opacity, korea) for side, s in styles()["sides"].items()}


def near(image: np.ndarray, colour: np.ndarray, tolerance: float = 0.06) -> np.ndarray:
    return np.abs(image - colour).sum(axis=2) < tolerance


def screen(page) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB")) / 255


def pixel_side(page, lonlat) -> str:
    image = screen(page)
    x, y = page.evaluate(LONLAT_TO_PIXEL, list(lonlat))
    patch = image[int(y) - 2 : int(y) + 3, int(x) - 2 : int(x) + 3].reshape(-1, 3).mean(axis=0)
    return min(territory_colours().items(), key=lambda item: np.abs(patch - item[1]).sum())[0]


def click_event(page, number: int) -> None:
    """Click an event's badge as a reader would."""
    x, y = page.evaluate(EVENT_BADGE, number)
    page.mouse.click(x, y)


def event_number(model, name: str) -> int:
    events = model.role("events").features
    return int(events.loc[events["name"] == name, "number"].iloc[0])
