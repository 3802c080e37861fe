"""The peer page: the atlas's own drawn fronts as a plain folium ``TimestampedGeoJson`` (Leaflet.TimeDimension
1.1.1), the way a folium user would make a time slider. TimeDimension mishandles dates before 1970, so the
peer's dates are moved 28 years on (1950 -> 1978: the same weekdays and leap years). Its CDN files are
served from the npm registry's packages of the same versions, so it runs offline like the atlas."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from pathlib import Path

import shapely

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work"  # npm packages are cached here (git-ignored)
SHIFT_YEARS = 28
# the files TimestampedGeoJson loads, by the end of their CDN address: npm package, file inside it
CDN = {
    "leaflet.js": ("leaflet@1.9.3", "dist/leaflet.js"),
    "leaflet.css": ("leaflet@1.9.3", "dist/leaflet.css"),
    "jquery.min.js": ("jquery@3.7.1", "dist/jquery.min.js"),
    "iso8601.min.js": ("iso8601-js-period@0.2.1", "iso8601.js"),  # the package ships the unminified file
    "leaflet.timedimension.min.js": ("leaflet-timedimension@1.1.1", "dist/leaflet.timedimension.min.js"),
    "leaflet.timedimension.control.css": ("leaflet-timedimension@1.1.1", "dist/leaflet.timedimension.control.css"),
    "moment.min.js": ("moment@2.18.1", "min/moment.min.js"),
}


def shifted(date: str) -> str:
    return f"{int(date[:4]) + SHIFT_YEARS}{date[4:]}"


def peer_page(fronts, out: Path) -> Path:
    """``fronts`` (the atlas's drawn fronts: ``start`` and a line per version) as a TimestampedGeoJson page,
    each front shown on its own date only."""
    import folium
    from folium.plugins import TimestampedGeoJson

    features = []
    for row in fronts.itertuples():
        geometry = shapely.geometry.mapping(row.geometry)
        parts = len(geometry["coordinates"])  # one time per point of a line, or per line of a multi-line
        features.append({"type": "Feature", "geometry": geometry, "properties": {"times": [shifted(row.start)] * parts}})
    m = folium.Map(location=[38, 127.5], zoom_start=6, tiles=None)
    TimestampedGeoJson(
        {"type": "FeatureCollection", "features": features},
        period="P1D",
        duration="P1D",
        add_last_point=False,
        auto_play=False,
    ).add_to(m)
    path = out / "peer_timestamped_geojson.html"
    m.save(path)
    return path


def local_file(url: str) -> Path | None:
    """The npm copy of a CDN file the peer loads, or None for a file it can do without."""
    for suffix, (package, inner) in CDN.items():
        if url.endswith("/" + suffix):
            folder = WORK / package.replace("/", "_").replace("@", "_")
            if not folder.exists():
                with tempfile.TemporaryDirectory() as tmp:
                    subprocess.run(["npm", "pack", package, "--silent"], cwd=tmp, check=True, capture_output=True)
                    with tarfile.open(next(Path(tmp).glob("*.tgz"))) as tar:
                        tar.extractall(folder, filter="data")
            return folder / "package" / inner
    return None


def serve_offline(route) -> None:
    """A Playwright route handler: pages from disk as they are, the peer's CDN files from npm, the rest empty."""
    url = route.request.url
    if url.startswith("file:"):
        route.continue_()
        return
    path = local_file(url)
    kind = "text/css" if url.endswith(".css") else "application/javascript"
    route.fulfill(status=200, content_type=kind, body=path.read_bytes() if path else b"")
