"""Shared fixtures: the real atlas and its drawn models, the map built once for the whole run (shared by
the parallel workers through a lock), and a headless, offline Chromium."""

from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from geo.cli import main
from geo.model import drawn_model
from geo.pipeline import build_atlas

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ROOT / "layers"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def atlas():
    return build_atlas(LAYERS)


@pytest.fixture(scope="session")
def web_atlas():
    """The atlas as the map's build makes it (web-detail land), whose shares the page shows."""
    return build_atlas(LAYERS, for_web=True)


@pytest.fixture(scope="session")
def model(atlas):
    return drawn_model(atlas)


@pytest.fixture(scope="session")
def web_model(web_atlas):
    return drawn_model(web_atlas)


@pytest.fixture(scope="session")
def layers_copy(tmp_path_factory) -> Path:
    """A copy of layers/ that tests may add files to (and remove them again)."""
    folder = tmp_path_factory.mktemp("layers") / "layers"
    shutil.copytree(LAYERS, folder)
    return folder


def run(argv: list[str]) -> int:
    """The command line as a user runs it; argparse's own exits become return codes."""
    try:
        return main(argv)
    except SystemExit as exit_:
        return exit_.code


def build_map(out: Path, *extra: str, layers: Path = LAYERS) -> Path:
    assert run(["--layers", str(layers), "--out", str(out), *extra]) == 0
    return out


@contextmanager
def shared(tmp_path_factory, name: str):
    """A folder every parallel worker of this run shares, made by the first one to ask (the others wait)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker has a folder of its own under the run's
        root = root.parent
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield folder
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def built_map(tmp_path_factory) -> Path:
    """The map, built once for the whole run."""
    with shared(tmp_path_factory, "map") as folder:
        if not (folder / "korean_war_map.html").exists():
            build_map(folder)
    return folder / "korean_war_map.html"


@pytest.fixture(scope="session")
def korean_map(tmp_path_factory) -> Path:
    with shared(tmp_path_factory, "map-ko") as folder:
        if not (folder / "korean_war_map.ko.html").exists():
            build_map(folder, "--lang", "ko")
    return folder / "korean_war_map.ko.html"


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
    """A page in an offline browser context of its own that records console errors and every network
    request."""

    def __init__(self, browser, own: bool = True, **context_options):
        self.context = browser.new_context(offline=True, **context_options)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def open(self, path: Path, fragment: str = ""):
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_function("window.koreanWarMap && window.koreanWarMap.ready", polling=20)
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


def settled(page) -> None:
    """Wait until the page's address has caught up with the slider (it is written once the slider settles)."""
    page.wait_for_function("""() => { const m = koreanWarMap, d = m.currentDate(), h = location.hash;
        return h === '#date=' + d || h.startsWith('#stage=') || h.startsWith('#compare=') || h.startsWith('#tour='); }""")


def page_parts(path: Path) -> dict[str, str]:
    """A built page's parts as the browser opens them: its HTML, its own script and its data (JSON)."""
    import re

    from geo.slider import unpacked

    html = path.read_text()
    code, data = re.search(r'KoreanWarAtlasBoot\([^,]+, "([^"]+)", "([^"]+)"\)', html).groups()
    return {"html": html, "code": unpacked(code), "data": unpacked(data)}


@pytest.fixture(scope="module")
def good_map(tmp_path_factory) -> Path:
    """A map built from the real layers: every failing build below must leave it byte for byte."""
    return build_map(tmp_path_factory.mktemp("good")) / "korean_war_map.html"
