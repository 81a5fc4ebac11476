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


def test_cli_page_and_png_count_the_same_located_incidents(tmp_path, capsys, gazetteer):
    import matplotlib

    matplotlib.use("Agg")
    from geo.layer import build_layer, located
    from geo.pipeline import extract
    from maps import plot_layer
    from maps.style import located_label

    html = tmp_path / "m.html"
    assert main(["map", str(DATA / "incidents"), "-o", str(html), "--offline"]) == 0
    layer = build_layer(extract([DATA / "incidents"], gazetteer=gazetteer).incidents)
    n = len(located(layer))
    label = located_label(n, len(layer) - n)
    assert n < len(layer)  # some incidents have no location: the counts could differ
    assert capsys.readouterr().out.startswith(f"map of {label}: ")
    assert f'var COUNT = "{label}";' in html.read_text(encoding="utf-8")
    ax = plot_layer(layer)
    assert ax.get_title() == label
    matplotlib.pyplot.close(ax.figure)


def test_one_incident_is_singular():
    from maps.style import located_label

    assert located_label(1) == "1 located incident"
    assert located_label(1, 1) == "1 located incident (1 without a location)"
