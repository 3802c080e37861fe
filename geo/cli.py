"""The ``korean-war-atlas`` command (also ``python -m geo`` and ``build.py``): builds the map and the other
outputs from a folder of layers (the ones that travel with the package, unless ``--layers`` names
another) into ``./output``. Every mistake is one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import argparse
import importlib.util
import sys
import unicodedata
from pathlib import Path

DPI_RANGE = (50, 1200)


def packaged_layers() -> Path:
    """The layers that travel with the package: ``geo/layers`` in an installed wheel, ``layers/`` beside
    ``geo/`` in a checkout."""
    spec = importlib.util.find_spec("geo.layers")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "layers"


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


def war_date(value: str) -> str:
    from .dates import checked_date
    from .errors import AtlasError

    try:
        return checked_date(value, "date")
    except AtlasError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("date: ")) from None


def _atlas(args: argparse.Namespace, for_web: bool = False):
    from .pipeline import build_atlas

    return build_atlas(args.layers, for_web=for_web, tour=args.tour)


def cmd_map(args: argparse.Namespace) -> None:
    from .embed import map_file_for
    from .html import render_map
    from .model import drawn_model
    from .output import write_text

    page = render_map(drawn_model(_atlas(args, for_web=True), args.lang))
    path = write_text(args.out / map_file_for(args.lang), page)
    say(f"Map written to {path} ({path.stat().st_size / 1024:.0f} KB). Open it in a browser.")


def cmd_export(args: argparse.Namespace) -> None:
    from .output import write_geopackage

    path, names = write_geopackage(args.out / "korean_war.gpkg", _atlas(args))
    say(f"GeoPackage written to {path} with layers: {', '.join(names)}")


def cmd_control(args: argparse.Namespace) -> None:
    from .control import answer_file, answer_one
    from .errors import AtlasError

    if args.file:
        if not answer_file(_atlas(args), args.file, sys.stdout, args.lang):
            raise AtlasError(f"{args.file}: some rows could not be answered (see their atlas_problem column)")
    elif args.date and args.lon is not None and args.lat is not None:
        side, note = answer_one(_atlas(args), args.date, args.lon, args.lat, args.lang)
        say(f"{side} ({note})")
    else:
        raise AtlasError("control: give DATE LON LAT, or --file places.csv")


def cmd_snapshots(args: argparse.Namespace) -> None:
    from .model import drawn_model
    from .snapshots import DEFAULT_DPI, SLIDE_DPI, render_snapshots

    chosen = args.dpi or (SLIDE_DPI if args.slide else DEFAULT_DPI)
    for path in render_snapshots(
        drawn_model(_atlas(args), args.lang),
        args.out / "snapshots",
        dpi=chosen,
        date=args.date,
        layout="slide" if args.slide else "page",
    ):
        say(f"wrote {path}")


def cmd_animate(args: argparse.Namespace) -> None:
    from .animation import check_encoder, write_animation
    from .model import drawn_model

    check_encoder()
    span = (args.first or "0000", args.last or "9999")
    for path in write_animation(drawn_model(_atlas(args), args.lang), args.out, span):
        say(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


def cmd_handout(args: argparse.Namespace) -> None:
    from .handout import write_handout
    from .model import drawn_model

    path = write_handout(drawn_model(_atlas(args), args.lang), args.out, paper=args.paper)
    say(f"Worksheet written to {path} ({path.stat().st_size / 1e6:.1f} MB)")


def cmd_embed(args: argparse.Namespace) -> None:
    from .embed import iframe_snippet, map_file_for, write_lesson
    from .model import drawn_model

    cmd_map(args)
    say("Paste this into a lesson page kept beside the map file:")
    say(iframe_snippet(map_file_for(args.lang), stage=args.stage, lang=args.lang))
    model = drawn_model(_atlas(args), args.lang)
    say(f"Example lesson written to {write_lesson(model, args.out, stage=args.stage)}")


COMMANDS = {
    "map": (cmd_map, "build the self-contained HTML map (the default)"),
    "export": (cmd_export, "write output/korean_war.gpkg, one layer per layer id, for QGIS"),
    "control": (cmd_control, "who held a place on a date: DATE LON LAT, or --file CSV with date,lon,lat"),
    "snapshots": (cmd_snapshots, "write one PNG and SVG picture per stage to output/snapshots/"),
    "animate": (cmd_animate, "write output/korean_war.gif and .mp4: the whole war, one frame per front date"),
    "handout": (cmd_handout, "write output/handout.pdf: a worksheet, one page per tour stop, with an answer key"),
    "embed": (cmd_embed, "print an iframe snippet and write output/lesson.html, an example lesson"),
}


def parser(prog: str = "korean-war-atlas", out: Path = Path("output")) -> argparse.ArgumentParser:
    def common(defaults: bool) -> argparse.ArgumentParser:
        """The options every command takes, before or after the command's name."""
        options = OneLineParser(add_help=False)
        value = (lambda v: v) if defaults else (lambda v: argparse.SUPPRESS)
        options.add_argument(
            "--layers", type=Path, default=value(packaged_layers()), help="folder of GeoJSON layers (default: the atlas's own)"
        )
        options.add_argument("--out", type=Path, default=value(out), help=f"output folder (default: {out})")
        options.add_argument("--lang", default=value("en"), choices=["en", "ko"], help="interface language (default: en)")
        options.add_argument("--tour", type=Path, default=value(None), help="a tour file to use instead of the layers' own")
        return options

    p = OneLineParser(
        prog=prog,
        parents=[common(True)],
        description="Build the Korean War atlas. With no command it "
        "builds the interactive map, korean_war_map.html, in the output folder.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    shared = [common(False)]
    commands = {name: sub.add_parser(name, parents=shared, help=text) for name, (_, text) in COMMANDS.items()}
    for name, command in commands.items():
        command.set_defaults(run=COMMANDS[name][0])
    c = commands["control"]
    c.add_argument("date", nargs="?", help="YYYY-MM-DD")
    c.add_argument("lon", nargs="?", help="longitude, e.g. 128.59")
    c.add_argument("lat", nargs="?", help="latitude, e.g. 35.87")
    c.add_argument(
        "--file",
        type=Path,
        help="CSV with columns date,lon,lat (others kept); prints it with the answers "
        "in atlas_side, atlas_front_date, atlas_note and atlas_problem columns",
    )
    s = commands["snapshots"]
    s.add_argument("--date", help="render a single date (YYYY-MM-DD) instead of the four stages")
    s.add_argument(
        "--dpi",
        type=dpi,
        default=None,
        help="resolution; 300 for print (default 160: pages 1600 px wide; "
        "slides 120: 1920 x 1080). Files get the dpi in their name, so the default ones are kept",
    )
    s.add_argument("--slide", action="store_true", help="16:9 pictures for slides (stage-1-slide.png ...), the map large")
    commands["embed"].add_argument("--stage", type=int, choices=[1, 2, 3, 4], help="stage the embedded map opens at")
    a = commands["animate"]
    a.add_argument("--from", dest="first", type=war_date, help="first date to animate (YYYY-MM-DD; default the invasion)")
    a.add_argument("--to", dest="last", type=war_date, help="last date to animate (default the armistice)")
    commands["handout"].add_argument("--paper", choices=["a4", "letter"], default="a4", help="paper size (default: a4)")
    return p


def main(argv: list[str] | None = None, prog: str = "korean-war-atlas", out: Path = Path("output")) -> int:
    args = parser(prog, out).parse_args(argv)
    from .errors import AtlasError

    try:
        from .output import check_folder

        check_folder(Path(args.out))  # said before the work, not after it
        getattr(args, "run", cmd_map)(args)
    except AtlasError as exc:
        print(f"error: {shown(exc)}", file=sys.stderr)
        return 1
    return 0
