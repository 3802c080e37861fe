"""``python -m geo``: the ``korean-war-atlas`` command."""

import sys

from .cli import main

sys.exit(main(prog="python -m geo"))
