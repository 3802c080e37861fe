"""Benchmark the atlas against its goals and against the plain folium way, in one run.

    make bench        (or: .venv/bin/python bench/run.py [--quick])

Prints the figures and writes them to bench/RESULTS.md. Measured: build time against the floor
(importing geopandas and folium), HTML size against a default folium map of the same five layers
plus the CDN files it loads, time until the map is ready and the median stage change in headless
Chromium (offline), and the same with 1,000 and 10,000 synthetic dated features added.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "work"  # npm downloads are cached here (git-ignored)
PY = sys.executable
FIVE = ("parallel_38", "pusan_perimeter", "inchon_landing", "yalu_river", "armistice_line")
GOALS = {"build_ratio": 1.5, "html_kb": 400, "ready_ms": 500, "stage_ms": 16}


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def median_seconds(command: list[str], runs: int) -> float:
    return statistics.median(seconds(command) for _ in range(runs))


def build_command(layers: Path, out: Path) -> list[str]:
    return [PY, "build.py", "--layers", str(layers), "--out", str(out)]


def build_against_floor(out: Path, runs: int) -> dict:
    """Build and floor timed in turn, so that a busy moment of the machine weighs on both alike."""
    floors, builds = [], []
    for _ in range(runs):
        floors.append(seconds([PY, "-c", "import geopandas, folium"]))
        builds.append(seconds(build_command(ROOT / "layers", out)))
    return {
        "floor_s": statistics.median(floors),
        "build_s": statistics.median(builds),
        "ratio": statistics.median(b / f for b, f in zip(builds, floors)),
    }


def synthetic_layers(count: int, folder: Path) -> Path:
    """A copy of layers/ plus ``count`` dated features (points and short lines) spread over the war."""
    layers = folder / f"layers-{count}"
    shutil.copytree(ROOT / "layers", layers)
    rng = random.Random(count)
    west, south, east, north = gpd.read_file(ROOT / "layers" / "base" / "korea.geojson").total_bounds
    days = [f"{y}-{m:02d}-{d:02d}" for y in (1950, 1951, 1952, 1953) for m in range(1, 13) for d in (1, 15)]
    days = [d for d in days if "1950-06-25" <= d <= "1953-07-27"]
    features = []
    for i in range(count):
        x, y = rng.uniform(west, east - 0.1), rng.uniform(south, north)
        geometry = (
            {"type": "Point", "coordinates": [x, y]}
            if i % 2
            else {"type": "LineString", "coordinates": [[x, y], [x + 0.05, y + 0.03], [x + 0.1, y]]}
        )
        start = rng.choice(days)
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "name": f"Synthetic {i}",
                    "start": start,
                    "end": rng.choice([None, max(start, rng.choice(days))]),
                    "description": "A synthetic feature for the benchmark.",
                    "source": "bench/run.py",
                },
            }
        )
    (layers / "synthetic.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return layers


def plain_folium(out: Path) -> Path:
    """The same five layers the plain folium way: default Map, one GeoJson each, a LayerControl."""
    script = (
        "import folium, sys\n"
        f"m = folium.Map(location=[38, 127.5], zoom_start=6)\n"
        f"for name in {list(FIVE)!r}:\n"
        f"    folium.GeoJson(open(f'{ROOT}/layers/{{name}}.geojson').read(), name=name).add_to(m)\n"
        "folium.LayerControl().add_to(m)\n"
        "m.save(sys.argv[1])\n"
    )
    path = out / "plain_folium.html"
    subprocess.run([PY, "-c", script, str(path)], check=True)
    return path


def cdn_bytes() -> tuple[int, list[str]]:
    """Sizes of the files a default folium map loads, from the same versions in the npm registry."""
    table = json.loads((BENCH / "cdn_files.json").read_text())["files"]
    total, missing = 0, []
    WORK.mkdir(exist_ok=True)
    for url, where in table.items():
        if where is None:
            missing.append(url)
            continue
        package, inner = where
        folder = WORK / package.replace("/", "_")
        if not folder.exists():
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run(["npm", "pack", package, "--silent"], cwd=tmp, check=True, capture_output=True)
                with tarfile.open(next(Path(tmp).glob("*.tgz"))) as tar:
                    tar.extractall(folder, filter="data")
        total += (folder / "package" / inner).stat().st_size
    return total, missing


def browser_figures(html: Path, loads: int = 5) -> dict:
    """Ready time (navigation start to the slider's 'kw-ready' mark) and stage-change times, offline."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        context = browser.new_context(offline=True, viewport={"width": 1280, "height": 860})
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
        changes = page.evaluate("""() => {
            const steps = koreanWarMap.steps, times = [];
            for (let round = 0; round < 3; round++) {
                for (const date of steps) {
                    const t0 = performance.now();
                    koreanWarMap.setDate(date);
                    document.body.getBoundingClientRect();   // include style and layout, not just script
                    times.push(performance.now() - t0);
                }
            }
            times.sort((a, b) => a - b);
            const at = (q) => times[Math.floor(times.length * q)];
            return {median: at(0.5), p95: at(0.95), count: times.length};
        }""")
        browser.close()
    return {
        "ready_ms": statistics.median(ready),
        "stage_ms": changes["median"],
        "stage_p95_ms": changes["p95"],
        "changes": changes["count"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and no 10,000-feature run")
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        timing = build_against_floor(tmp / "out-0", runs + 2)
        floor = timing["floor_s"]
        rows = []
        for count in (0, 1_000) if args.quick else (0, 1_000, 10_000):
            layers = ROOT / "layers" if count == 0 else synthetic_layers(count, tmp)
            out = tmp / f"out-{count}"
            build_s = timing["build_s"] if count == 0 else median_seconds(build_command(layers, out), runs)
            html = out / "korean_war_map.html"
            rows.append(
                {
                    "features": count,
                    "build_s": build_s,
                    "html_kb": html.stat().st_size / 1024,
                    **browser_figures(html, loads=5 if count < 10_000 else 2),
                }
            )
        plain = plain_folium(tmp)
        plain_kb = plain.stat().st_size / 1024
        cdn, missing = cdn_bytes()
    base = rows[0]
    lines = [
        "# Benchmark results",
        "",
        f"Made by `bench/run.py` on {platform.machine()} ({platform.python_version()}), "
        f"{time.strftime('%Y-%m-%d')}; medians of {runs + 2} builds timed in turn with the floor, "
        f"{runs} builds with synthetic features, and 5 page loads.",
        "",
        "| figure | atlas | goal | met |",
        "|---|---|---|---|",
        f"| build time (`python build.py`) | {base['build_s']:.2f} s | ≤ {GOALS['build_ratio']}× floor "
        f"({floor:.2f} s to import geopandas and folium) | "
        f"{'yes' if timing['ratio'] <= GOALS['build_ratio'] else 'no'} ({timing['ratio']:.2f}×, median of the pairs) |",
        f"| HTML size, everything inlined | {base['html_kb']:.0f} KB | < {GOALS['html_kb']} KB | "
        f"{'yes' if base['html_kb'] < GOALS['html_kb'] else 'no'} |",
        f"| time until ready (offline Chromium) | {base['ready_ms']:.0f} ms | < {GOALS['ready_ms']} ms | "
        f"{'yes' if base['ready_ms'] < GOALS['ready_ms'] else 'no'} |",
        f"| stage change, median of {base['changes']} | {base['stage_ms']:.2f} ms (p95 {base['stage_p95_ms']:.2f}) | "
        f"< {GOALS['stage_ms']} ms | {'yes' if base['stage_ms'] < GOALS['stage_ms'] else 'no'} |",
        "",
        "## Against the plain folium way",
        "",
        "A default `folium.Map` with the same five layers as `folium.GeoJson` and a `LayerControl` "
        "(no slider, no basemap of its own: it needs OpenStreetMap tiles online):",
        "",
        "| | atlas | plain folium |",
        "|---|---|---|",
        f"| HTML file | {base['html_kb']:.0f} KB | {plain_kb:.0f} KB |",
        f"| files it loads from CDNs | 0 | {cdn / 1024:.0f} KB (+ {len(missing)} not in a registry, not counted) |",
        f"| total before any map tile | {base['html_kb']:.0f} KB | {plain_kb + cdn / 1024:.0f} KB |",
        "| works offline | yes | no |",
        "",
        "## Scale: synthetic dated features added to the layers",
        "",
        "| features added | build | HTML | ready | stage change (median / p95) |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['features']:,} | {row['build_s']:.2f} s | {row['html_kb']:,.0f} KB | {row['ready_ms']:.0f} ms | "
            f"{row['stage_ms']:.2f} / {row['stage_p95_ms']:.2f} ms |"
        )
    if len(rows) > 2:
        counts, builds = [r["features"] for r in rows], [r["build_s"] for r in rows]
        slope, intercept = statistics.linear_regression(counts, builds)
        worst = max(abs(b - (intercept + slope * c)) for c, b in zip(counts, builds))
        lines += [
            "",
            f"A straight line, {intercept:.2f} s + {slope * 1000:.3f} s per 1,000 features, passes within "
            f"{worst:.2f} s of every build above: build time grows linearly with the features.",
        ]
    text = "\n".join(lines) + "\n"
    (BENCH / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
