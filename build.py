"""Build the Korean War atlas from a checkout: ``python build.py --help`` lists the commands. The same
command as ``korean-war-atlas`` (geo/cli.py), writing to this checkout's output/ folder."""

import sys
from pathlib import Path

from geo.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="build.py", out=Path(__file__).resolve().parent / "output"))
