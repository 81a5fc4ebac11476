"""The command line run in-process leaves the caller's signal handlers as it found them."""

from __future__ import annotations

import signal

import pytest

from bordermap.cli import main


def _own_handler(signum, frame):  # pragma: no cover - never called
    raise AssertionError


def test_main_puts_back_the_callers_sigterm_handler(capsys):
    previous = signal.signal(signal.SIGTERM, _own_handler)
    try:
        with pytest.raises(SystemExit):
            main(["--version"])
        assert signal.getsignal(signal.SIGTERM) is _own_handler
        assert main(["regions", "AM", "--json"]) == 0
        assert signal.getsignal(signal.SIGTERM) is _own_handler
    finally:
        signal.signal(signal.SIGTERM, previous)
