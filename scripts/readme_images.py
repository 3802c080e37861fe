"""Regenerate the pictures in docs/ that the README shows: the map at stage 2 and the four snapshots.

.venv/bin/python scripts/readme_images.py     (after `make map`; needs /usr/bin/chromium)
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.model import drawn_model  # noqa: E402
from geo.pipeline import build_atlas  # noqa: E402
from geo.snapshots import render_snapshots  # noqa: E402

docs = ROOT / "docs"
for path in render_snapshots(drawn_model(build_atlas(ROOT / "layers")), docs, dpi=64):  # small pictures for the README
    if path.suffix == ".png":
        path.replace(docs / path.name.replace("-64dpi", ""))
    else:
        path.unlink()
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((ROOT / "output" / "korean_war_map.html").as_uri() + "#stage=2")
    page.wait_for_function("window.koreanWarMap && koreanWarMap.ready")
    page.screenshot(path=str(docs / "map.png"))
    browser.close()
print("wrote docs/map.png and docs/stage-1.png to stage-4.png")
