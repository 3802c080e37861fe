"""Build the Korean War atlas: ``python build.py --help`` lists the commands."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LAYERS, OUTPUT = ROOT / "layers", ROOT / "output"
DPI_RANGE = (50, 1200)


def shown(text: object) -> str:
    """Text safe to print on a terminal: control characters (newlines, escape sequences, bidi
    overrides) in file names or data are written as escapes, never acted on."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf") else c for c in str(text))


def say(text: object) -> None:
    print(shown(text))


class OneLineParser(argparse.ArgumentParser):
    """Command-line mistakes in one line, like every other error."""

    def error(self, message: str) -> None:
        self.exit(2, f"error: {shown(message)} (see {self.prog} --help)\n")


def dpi(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if not DPI_RANGE[0] <= number <= DPI_RANGE[1]:
        raise argparse.ArgumentTypeError(f"a whole number from {DPI_RANGE[0]} to {DPI_RANGE[1]}, not {value!r}")
    return number


def cmd_map(args: argparse.Namespace) -> None:
    from geo.embed import map_file_for
    from geo.html import render_map
    from geo.output import write_text
    from geo.pipeline import build_atlas

    path = write_text(args.out / map_file_for(args.lang), render_map(build_atlas(args.layers, for_web=True), args.lang))
    say(f"Map written to {path} ({path.stat().st_size / 1024:.0f} KB). Open it in a browser.")


def cmd_export(args: argparse.Namespace) -> None:
    from geo.output import write_geopackage
    from geo.pipeline import build_atlas

    atlas = build_atlas(args.layers)
    layers = {**atlas.layers, "control_areas": atlas.control, "front_geometries": atlas.fronts}
    path = write_geopackage(args.out / "korean_war.gpkg", layers)
    say(f"GeoPackage written to {path} with layers: {', '.join(layers)}")


def cmd_control(args: argparse.Namespace) -> None:
    from geo.control import answer_file, answer_one
    from geo.errors import AtlasError
    from geo.pipeline import build_atlas

    control = build_atlas(args.layers).control
    if args.file:
        answer_file(control, args.file, sys.stdout)
    elif args.date and args.lon is not None and args.lat is not None:
        side, front_date, note = answer_one(control, args.date, args.lon, args.lat)
        say(f"{side} ({note or f'front line of {front_date}'})")
    else:
        raise AtlasError("control: give DATE LON LAT, or --file places.csv")


def cmd_snapshots(args: argparse.Namespace) -> None:
    from geo.pipeline import build_atlas
    from geo.snapshots import DEFAULT_DPI, SLIDE_DPI, render_snapshots

    if args.dpi is None:
        args.dpi = SLIDE_DPI if args.slide else DEFAULT_DPI

    for path in render_snapshots(build_atlas(args.layers), args.out / "snapshots", lang=args.lang,
                                 dpi=args.dpi, date=args.date, layout="slide" if args.slide else "page"):
        say(f"wrote {path}")


def cmd_animate(args: argparse.Namespace) -> None:
    from geo.animation import write_animation
    from geo.pipeline import build_atlas

    for path in write_animation(build_atlas(args.layers), args.out, lang=args.lang):
        say(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


def cmd_embed(args: argparse.Namespace) -> None:
    from geo.embed import iframe_snippet, map_file_for, write_lesson

    cmd_map(args)
    say("Paste this into a lesson page kept beside the map file:")
    say(iframe_snippet(map_file_for(args.lang), stage=args.stage, lang=args.lang))
    say(f"Example lesson written to {write_lesson(args.out, lang=args.lang, stage=args.stage)}")


def parser() -> argparse.ArgumentParser:
    def common(defaults: bool) -> argparse.ArgumentParser:
        """The options every command takes, before or after the command's name."""
        options = OneLineParser(add_help=False)
        value = (lambda v: v) if defaults else (lambda v: argparse.SUPPRESS)
        options.add_argument("--layers", type=Path, default=value(LAYERS), help="folder of GeoJSON layers (default: layers/)")
        options.add_argument("--out", type=Path, default=value(OUTPUT), help="output folder (default: output/)")
        options.add_argument("--lang", default=value("en"), choices=["en", "ko"], help="interface language (default: en)")
        return options

    p = OneLineParser(prog="build.py", parents=[common(True)],
                                description="Build the Korean War atlas from the layers in layers/. "
                                "With no command it builds the interactive map, output/korean_war_map.html.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    shared = [common(False)]
    sub.add_parser("map", parents=shared, help="build the self-contained HTML map (the default)").set_defaults(run=cmd_map)
    sub.add_parser("export", parents=shared, help="write output/korean_war.gpkg, one layer per layer id, for QGIS").set_defaults(run=cmd_export)
    c = sub.add_parser("control", parents=shared, help="who held a place on a date: DATE LON LAT, or --file CSV with date,lon,lat")
    c.add_argument("date", nargs="?", help="YYYY-MM-DD")
    c.add_argument("lon", nargs="?", help="longitude, e.g. 128.59")
    c.add_argument("lat", nargs="?", help="latitude, e.g. 35.87")
    c.add_argument("--file", type=Path, help="CSV with columns date,lon,lat (others kept); writes it back with a side column")
    c.set_defaults(run=cmd_control)
    s = sub.add_parser("snapshots", parents=shared, help="write one PNG and SVG picture per stage to output/snapshots/")
    s.add_argument("--date", help="render a single date (YYYY-MM-DD) instead of the four stages")
    s.add_argument("--dpi", type=dpi, default=None, help="resolution; 300 for print (default 160: pages 1600 px wide; "
                   "slides 120: 1920 x 1080). Files get the dpi in their name, so the default ones are kept")
    s.add_argument("--slide", action="store_true", help="16:9 pictures for slides (stage-1-slide.png ...), the map large")
    s.set_defaults(run=cmd_snapshots)
    sub.add_parser("animate", parents=shared, help="write output/korean_war.gif and .mp4: the whole war, one frame per "
                   "front date, for the first day of class").set_defaults(run=cmd_animate)
    e = sub.add_parser("embed", parents=shared, help="print an iframe snippet and write output/lesson.html, an example lesson")
    e.add_argument("--stage", type=int, choices=[1, 2, 3, 4], help="stage the embedded map opens at")
    e.set_defaults(run=cmd_embed)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from geo.errors import AtlasError

    try:
        getattr(args, "run", cmd_map)(args)
    except AtlasError as exc:
        print(f"error: {shown(exc)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
