"""``python -m bordermap``."""

from __future__ import annotations

import sys

from bordermap.cli import main

sys.exit(main())
