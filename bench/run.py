"""Benchmark the atlas against its goals and beside a peer page, in one run.

    make bench        (or: .venv/bin/python bench/run.py [--quick])

Prints the figures and writes them to bench/results.json and bench/RESULTS.md: build time against the
floor (importing geopandas and folium), page size (English and Korean), time until ready and every slider
step forward and back in headless Chromium (offline, layout forced), the same for a folium
TimestampedGeoJson page of the same fronts (bench/peer.py), 10,000 dated features and 100,000 points
added, and the whole war's animation (time, and peak memory of all its processes).
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
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import atlas_figures, chromium, peer_figures
from peer import SHIFT_YEARS, peer_page

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PY = sys.executable
MAP = "korean_war_map.html"
GOALS = {
    "build_ratio": 1.5,
    "page_kb": 350,
    "step_median_ms": 3,
    "step_p95_ms": 10,
    "peer_ratio": 0.5,
    "ready_ms": 500,
    "step_10k_ms": 16,
    "step_100k_ms": 50,
    "animate_s": 20,
    "animate_mib": 500,
}


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def build(layers: Path, out: Path, *extra: str) -> list[str]:
    return [PY, "build.py", "--layers", str(layers), "--out", str(out), *extra]


def build_against_floor(out: Path, runs: int) -> dict:
    """Build and floor timed in turn, so that a busy moment of the machine weighs on both alike."""
    floors, builds = [], []
    for _ in range(runs):
        floors.append(seconds([PY, "-c", "import geopandas, folium"]))
        builds.append(seconds(build(ROOT / "layers", out)))
    return {
        "floor_s": statistics.median(floors),
        "build_s": statistics.median(builds),
        "build_ratio": statistics.median(b / f for b, f in zip(builds, floors)),
    }


def synthetic_layers(count: int, folder: Path, points_only: bool) -> Path:
    """A copy of layers/ plus ``count`` dated features (points, or points and short lines) over the war."""
    import geopandas as gpd

    layers = folder / f"layers-{count}"
    shutil.copytree(ROOT / "layers", layers)
    rng = random.Random(count)
    west, south, east, north = gpd.read_file(ROOT / "layers" / "base" / "korea.geojson").total_bounds
    days = [f"{y}-{m:02d}-{d:02d}" for y in (1950, 1951, 1952, 1953) for m in range(1, 13) for d in (1, 15)]
    days = [d for d in days if "1950-06-25" <= d <= "1953-07-27"]
    features = []
    for i in range(count):
        x, y = rng.uniform(west, east - 0.1), rng.uniform(south, north)
        line = {"type": "LineString", "coordinates": [[x, y], [x + 0.05, y + 0.03], [x + 0.1, y]]}
        start = rng.choice(days)
        properties = {"name": f"Synthetic {i}", "start": start, "end": rng.choice([None, max(start, rng.choice(days))])}
        properties |= {"description": "A synthetic feature for the benchmark.", "source": "bench/run.py"}
        geometry = {"type": "Point", "coordinates": [x, y]} if points_only or i % 2 else line
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    (layers / "synthetic.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return layers


def animation_figures(out: Path) -> dict:
    """The whole war's GIF and MP4: wall time, and the peak memory of all its processes together (the
    drawing workers and the encoder too), as proportional set size so pages the workers share with the
    main process count once, sampled every 0.1 s."""
    try:
        import imageio_ffmpeg  # noqa: F401
    except ImportError:
        return {"animate_skipped": "the [video] extra is not installed (make video)"}
    start = time.perf_counter()
    process = subprocess.Popen([PY, "build.py", "animate", "--out", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL)
    if not Path(f"/proc/{process.pid}/task/{process.pid}/children").exists():
        process.kill()
        raise SystemExit("cannot follow the animation's processes: this kernel has no /proc/PID/task/PID/children")
    peak, largest = 0, 0
    while process.poll() is None:
        sizes = [_pss_kib(pid) for pid in _process_tree(process.pid)]
        peak, largest = max(peak, sum(sizes)), max(largest, *sizes)
        time.sleep(0.1)
    if process.returncode:
        raise SystemExit(f"animate failed ({process.returncode})")
    return {"animate_s": time.perf_counter() - start, "animate_mib": peak / 1024, "animate_largest_mib": largest / 1024}


def _process_tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _process_tree(int(child)))]


def _pss_kib(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)


def measure(quick: bool) -> dict:
    from geo.pipeline import build_atlas

    runs = 3 if quick else 7
    figures: dict = {"machine": f"{platform.machine()}, Python {platform.python_version()}", "date": time.strftime("%Y-%m-%d")}
    with tempfile.TemporaryDirectory() as tmp, chromium() as context:
        tmp = Path(tmp)
        figures |= build_against_floor(tmp / "en", runs)
        subprocess.run(build(ROOT / "layers", tmp / "ko", "--lang", "ko"), check=True, cwd=ROOT, capture_output=True)
        figures["page_kb"] = (tmp / "en" / MAP).stat().st_size / 1024
        figures["page_ko_kb"] = (tmp / "ko" / "korean_war_map.ko.html").stat().st_size / 1024
        figures |= atlas_figures(context, tmp / "en" / MAP)
        peer = peer_page(build_atlas(ROOT / "layers", for_web=True).fronts, tmp)
        figures |= {f"peer_{k}": v for k, v in peer_figures(context, peer).items()}
        figures["peer_page_kb"] = peer.stat().st_size / 1024
        figures["peer_ratio"] = figures["step_median_ms"] / figures["peer_step_median_ms"]
        for count, points_only, name in ((10_000, False, "10k"), (100_000, True, "100k")):
            if quick and count > 10_000:
                continue
            layers = synthetic_layers(count, tmp, points_only)
            figures[f"build_{name}_s"] = seconds(build(layers, tmp / name))
            figures[f"page_{name}_kb"] = (tmp / name / MAP).stat().st_size / 1024
            scaled = atlas_figures(context, tmp / name / MAP, loads=3)
            figures |= {f"{key}_{name}": value for key, value in scaled.items()}
        figures |= animation_figures(tmp / "animation")
    return figures


def verdicts(f: dict) -> dict[str, bool]:
    met = {
        "build_ratio": f["build_ratio"] <= GOALS["build_ratio"],
        "page_kb": max(f["page_kb"], f["page_ko_kb"]) <= GOALS["page_kb"],
        "step_median_ms": f["step_median_ms"] <= GOALS["step_median_ms"],
        "step_p95_ms": f["step_p95_ms"] <= GOALS["step_p95_ms"],
        "peer_ratio": f["peer_ratio"] <= GOALS["peer_ratio"],
        "ready_ms": f["ready_ms"] <= GOALS["ready_ms"],
        "step_10k_ms": f["step_p95_ms_10k"] <= GOALS["step_10k_ms"],
    }
    if "step_p95_ms_100k" in f:
        met["step_100k_ms"] = f["step_p95_ms_100k"] <= GOALS["step_100k_ms"]
    if "animate_s" in f:
        met["animate_s"] = f["animate_s"] <= GOALS["animate_s"]
        met["animate_mib"] = f["animate_mib"] <= GOALS["animate_mib"]
    return met


def _scaled(f: dict, name: str) -> str:
    return (
        f"{f[f'step_p95_ms_{name}']:.2f} ms (median {f[f'step_median_ms_{name}']:.2f}; build {f[f'build_{name}_s']:.2f} s, "
        f"page {f[f'page_{name}_kb']:.0f} KB, ready {f[f'ready_ms_{name}']:.0f} ms)"
    )


def report(f: dict, met: dict[str, bool]) -> str:
    yes = {True: "yes", False: "**no**"}
    rows = [
        (
            "build (`python build.py`)",
            f"{f['build_s']:.2f} s = {f['build_ratio']:.2f}× floor ({f['floor_s']:.2f} s)",
            "≤ 1.5×",
            "build_ratio",
        ),
        ("page size, English / Korean", f"{f['page_kb']:.0f} / {f['page_ko_kb']:.0f} KB", "≤ 350 KB", "page_kb"),
        ("ready, from a file", f"{f['ready_ms']:.0f} ms", "≤ 500 ms", "ready_ms"),
        (
            f"step median ({f['steps']} dates, forward and back, 3 rounds)",
            f"{f['step_median_ms']:.2f} ms (forward {f['forward_median_ms']:.2f}, back {f['back_median_ms']:.2f})",
            "≤ 3 ms",
            "step_median_ms",
        ),
        (
            "step p95",
            f"{f['step_p95_ms']:.2f} ms (forward {f['forward_p95_ms']:.2f}, back {f['back_p95_ms']:.2f})",
            "≤ 10 ms",
            "step_p95_ms",
        ),
        (
            f"step against the peer's ({f['peer_steps']} times)",
            f"{f['peer_ratio']:.2f}× (peer {f['peer_step_median_ms']:.2f} ms median, p95 {f['peer_step_p95_ms']:.2f})",
            "≤ 0.5×",
            "peer_ratio",
        ),
        ("10,000 features added: step p95", _scaled(f, "10k"), "≤ 16 ms", "step_10k_ms"),
        ("100,000 points added: step p95", _scaled(f, "100k") if "build_100k_s" in f else "", "≤ 50 ms", "step_100k_ms"),
        ("animate, the whole war (GIF + MP4)", f"{f.get('animate_s', 0):.1f} s", "≤ 20 s", "animate_s"),
        (
            "animate, peak memory (all its processes, PSS)",
            f"{f.get('animate_mib', 0):.0f} MiB (largest process {f.get('animate_largest_mib', 0):.0f})",
            "≤ 500 MiB",
            "animate_mib",
        ),
    ]
    lines = [
        "# Benchmark results",
        "",
        f"`bench/run.py` on {f['machine']}, {f['date']}. Steps are timed in headless Chromium with style and "
        "layout forced after each; the peer is a folium `TimestampedGeoJson` page of the same drawn fronts "
        f"(dates moved {SHIFT_YEARS} years on: Leaflet.TimeDimension mishandles dates before 1970), "
        f"{f['peer_page_kb']:.0f} KB plus its CDN files, which draws fronts only (no territory, events or labels).",
        "",
        "| figure | measured | goal | met |",
        "|---|---|---|---|",
        *(f"| {name} | {value} | {goal} | {yes[met[key]]} |" for name, value, goal, key in rows if key in met),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer builds, no 100,000-point run")
    figures = measure(parser.parse_args().quick)
    met = verdicts(figures)
    rounded = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}
    (BENCH / "results.json").write_text(json.dumps({"figures": rounded, "goals": GOALS, "met": met}, indent=2) + "\n")
    text = report(figures, met)
    (BENCH / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
