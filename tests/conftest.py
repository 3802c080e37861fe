"""Shared fixtures: the real atlas, a map built into a temporary folder, and a headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import build
from geo.pipeline import build_atlas

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def atlas():
    return build_atlas(ROOT / "layers")


@pytest.fixture(scope="session")
def web_atlas():
    """The atlas as the map's build makes it (web-detail land), whose shares the page shows."""
    return build_atlas(ROOT / "layers", for_web=True)


@pytest.fixture(scope="session")
def layers_copy(tmp_path_factory) -> Path:
    """A copy of layers/ that tests may add files to."""
    folder = tmp_path_factory.mktemp("layers") / "layers"
    shutil.copytree(ROOT / "layers", folder)
    return folder


def build_map(out: Path, *extra: str, layers: Path = ROOT / "layers") -> Path:
    assert build.main(["--layers", str(layers), "--out", str(out), *extra]) == 0
    return out


@pytest.fixture(scope="session")
def built_map(tmp_path_factory) -> Path:
    return build_map(tmp_path_factory.mktemp("out")) / "korean_war_map.html"


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("ATLAS_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page in an offline browser context that records console errors and every network request."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(offline=True, **context_options)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def open(self, path: Path, fragment: str = ""):
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_function("window.koreanWarMap && window.koreanWarMap.ready")
        return self.page


@pytest.fixture
def watched(browser):
    made = []

    def make(**options) -> Watched:
        w = Watched(browser, **options)
        made.append(w)
        return w

    yield make
    for w in made:
        w.context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path))
    return path
