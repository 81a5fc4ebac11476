"""The bundled demo: sample articles → incidents → GeoJSON."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["run_demo", "sample_articles"]


def sample_articles() -> list[Path]:
    """Paths of the sample articles shipped with bordermap (written for the demo)."""
    root = resources.files("bordermap").joinpath("samples")
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".md"))


def run_demo(out_dir: str | Path = "bordermap-demo") -> dict:
    """Extract the incidents of the sample articles and write them as GeoJSON.

    Returns
    -------
    dict
        ``incidents`` (GeoJSON path), ``articles`` and ``count`` (incidents).
    """
    from geo.export import write_incidents
    from geo.layer import incident_frame
    from geo.pipeline import extract

    result = extract(sample_articles())
    out = Path(out_dir)
    frame = incident_frame(result.incidents)
    path = write_incidents(frame, out / "incidents.geojson")
    return {
        "incidents": path,
        "articles": result.articles,
        "count": len(frame),
        "extraction": result,
    }
