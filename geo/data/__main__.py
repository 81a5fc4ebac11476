"""Command line of the data-pack builder: ``python -m geo.data build``."""

from __future__ import annotations

import sys

from geo.data.build import main

if __name__ == "__main__":
    sys.exit(main())
