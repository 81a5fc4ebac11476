"""``bordermap map``: HTML (online/offline) and PNG from articles."""

from __future__ import annotations

from pathlib import Path

from bordermap.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"


def test_map_offline_with_png(tmp_path, capsys):
    html, png = tmp_path / "m.html", tmp_path / "m.png"
    code = main(["map", str(DATA / "incidents"), "-o", str(html), "--offline", "--png", str(png)])
    assert code == 0
    out = capsys.readouterr().out
    assert str(html.resolve()) in out and str(png.resolve()) in out
    page = html.read_text(encoding="utf-8")
    assert "<title>bordermap incidents</title>" in page
    assert "tile.openstreetmap.org" not in page
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_map_reports_bad_input_and_still_writes(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    html = tmp_path / "m.html"
    code = main(
        ["map", str(tmp_path / "bad.txt"), str(DATA / "maps" / "safe_link.md"), "-o", str(html)]
    )
    assert code == 1
    assert "bad.txt" in capsys.readouterr().err
    assert html.exists()
