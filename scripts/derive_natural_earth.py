"""Derive the atlas's Natural Earth layers from the npm package ``world-atlas``.

Run once by a maintainer (users never need npm); the results are committed:
``layers/base/land.geojson`` (basemap, 1:50m), ``layers/base/korea.geojson`` (peninsula land
used for territorial control), and ``layers/{yalu_river,armistice_line,parallel_38}.geojson``.

    python scripts/derive_natural_earth.py [PATH/TO/world-atlas]

Without a path the package is fetched with ``npm pack`` into a temporary folder.
Parameters (bounding box, the Paektu-san split point, texts) live in natural_earth.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString
from shapely.ops import linemerge, substring

ROOT = Path(__file__).resolve().parent.parent
PARAMS = json.loads((Path(__file__).with_name("natural_earth.json")).read_text())
PRECISION = 4  # decimal degrees, about 10 m


def fetch_world_atlas(workdir: Path) -> Path:
    """``npm pack`` the pinned world-atlas release and return its unpacked folder."""
    subprocess.run(["npm", "pack", PARAMS["package"]], cwd=workdir, check=True, capture_output=True)
    tarball = next(workdir.glob("world-atlas-*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def shared_border(countries: gpd.GeoDataFrame, names: list[str]) -> LineString:
    """The border two countries share as one west-to-east line (TopoJSON keeps shared arcs identical)."""
    a, b = (countries.loc[countries["name"] == n, "geometry"].union_all() for n in names)
    merged = linemerge(shapely.intersection(a.boundary, b.boundary))
    if merged.geom_type != "LineString":
        merged = max(merged.geoms, key=lambda g: g.length)
    return merged.reverse() if merged.coords[0][0] > merged.coords[-1][0] else merged  # west to east


def yalu(countries: gpd.GeoDataFrame) -> LineString:
    """The China-North Korea border from the Yalu mouth up to Paektu-san (the Tumen lies beyond)."""
    border = shared_border(countries, PARAMS["yalu"]["countries"])
    summit = shapely.Point(PARAMS["yalu"]["paektu_summit"])
    return substring(border, 0, border.project(summit))


def parallel(korea) -> LineString:
    """The 38th parallel between the westernmost and easternmost land it crosses."""
    p = PARAMS["parallel"]
    lat, (west, east) = p["latitude"], p["search_lon"]
    crossing = shapely.intersection(LineString([(west, lat), (east, lat)]), korea)
    x0, _, x1, _ = crossing.bounds
    xs = np.append(np.arange(x0, x1, p["step_degrees"]), x1)
    return LineString([(x, lat) for x in xs])


def write(frame: gpd.GeoDataFrame, path: Path) -> None:
    frame = frame.set_geometry(shapely.set_precision(frame.geometry.values, 10**-PRECISION))
    path.write_text(frame.to_json(drop_id=True, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {path.relative_to(ROOT)}")


def layer(geometry, properties: dict) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame([properties], geometry=[geometry], crs="EPSG:4326")


def main(atlas: Path) -> None:
    countries = gpd.read_file(atlas / "countries-10m.json", layer="countries").set_crs("EPSG:4326")
    scale = PARAMS["basemap_scale"]  # context land beyond Korea needs no 1:10m detail
    land = gpd.read_file(atlas / f"land-{scale}.json", layer="land").set_crs("EPSG:4326")
    korea = countries[countries["name"].isin(PARAMS["korea_names"])].union_all()
    source = f"Natural Earth 1:10m (v{PARAMS['natural_earth_version']}) via npm {PARAMS['package']}"
    base = ROOT / "layers" / "base"
    base.mkdir(parents=True, exist_ok=True)
    write(gpd.GeoDataFrame({"name": ["Land"], "source": [source.replace("1:10m", f"1:{scale}") + ", land"]},
                           geometry=[land.clip(PARAMS["basemap_bbox"]).union_all()], crs="EPSG:4326"),
          base / "land.geojson")
    write(gpd.GeoDataFrame({"name": ["Korean peninsula"], "source": [source + ", North and South Korea merged"]},
                           geometry=[korea], crs="EPSG:4326"),
          base / "korea.geojson")
    write(layer(yalu(countries), PARAMS["yalu"]["properties"]), ROOT / "layers" / "yalu_river.geojson")
    write(layer(shared_border(countries, PARAMS["armistice"]["countries"]), PARAMS["armistice"]["properties"]),
          ROOT / "layers" / "armistice_line.geojson")
    write(layer(parallel(korea), PARAMS["parallel"]["properties"]), ROOT / "layers" / "parallel_38.geojson")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(fetch_world_atlas(Path(tmp)))
