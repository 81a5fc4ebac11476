"""The bundled demo: sample articles → incidents → GeoJSON and an offline HTML map."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["run_demo", "sample_articles"]


def sample_articles() -> list[Path]:
    """Paths of the sample articles shipped with bordermap (written for the demo)."""
    root = resources.files("bordermap").joinpath("samples")
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".md"))


def run_demo(out_dir: str | Path = "bordermap-demo") -> dict:
    """Extract the incidents of the sample articles; write GeoJSON and an offline map.

    Returns
    -------
    dict
        ``incidents`` (GeoJSON path), ``map`` (HTML path), ``articles``, ``count``
        (incidents), ``layer`` (the incident layer) and ``extraction``.
    """
    from geo.export import write_incidents
    from geo.layer import build_layer
    from geo.pipeline import extract

    result = extract(sample_articles())
    out = Path(out_dir)
    frame = build_layer(result.incidents)
    path = write_incidents(frame, out / "incidents.geojson")
    from maps import incident_map, save_map

    result_map = save_map(
        incident_map(frame, offline=True, title="bordermap demo: incidents in the sample articles"),
        out / "incidents-map.html",
    )
    return {
        "incidents": path,
        "map": result_map,
        "articles": result.articles,
        "count": len(frame),
        "layer": frame,
        "extraction": result,
    }
