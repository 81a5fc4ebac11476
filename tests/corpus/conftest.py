from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents"


def write_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct articles in ``folder``: the development corpus's texts, each edition new."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))
    for k in range(n):
        src = texts[k % len(texts)]
        body = src.read_text(encoding="utf-8")
        (folder / f"{k:05d}{src.suffix}").write_text(f"{body}\nEdition {k}.\n", encoding="utf-8")
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DaskProcesses:
    """A ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1."""

    def __init__(self, workers: int = 2):
        dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or "dask"
        port = _free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        self.procs: list[subprocess.Popen] = []
        self.procs.append(
            subprocess.Popen(
                [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        self.workers = [
            subprocess.Popen(
                [
                    dask,
                    "worker",
                    self.address,
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        self.procs.extend(self.workers)
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(self.address, timeout="5s") as c:
                    c.wait_for_workers(workers, timeout=60)
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.close()
                    raise
                time.sleep(0.3)

    def close(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@pytest.fixture
def dask_cluster(gazetteer):
    """A real scheduler and two worker processes (the gazetteer index is built first)."""
    cluster = DaskProcesses(2)
    try:
        yield cluster
    finally:
        cluster.close()
