"""The bundled demo: sample articles → resolved places → GeoJSON."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import geopandas as gpd

from geo.export import write_geojson

__all__ = ["run_demo", "sample_articles"]


def sample_articles() -> list[Path]:
    """Paths of the sample articles shipped with bordermap (written for the demo)."""
    root = resources.files("bordermap").joinpath("samples")
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(".md"))


def _body(text: str) -> tuple[dict[str, str], str]:
    """Split ``key: value`` front matter from the body (full article reading: see issue 4)."""
    meta: dict[str, str] = {}
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
        for line in head.splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip()] = value.strip()
        return meta, body
    return meta, text


def run_demo(out_dir: str | Path = "bordermap-demo") -> dict[str, Path | int]:
    """Resolve the places of the sample articles and write them as GeoJSON.

    Returns
    -------
    dict
        ``places`` (GeoJSON path), ``articles`` and ``mentions`` counts.
    """
    from gazetteer import Gazetteer

    gaz = Gazetteer.load()
    rows = []
    paths = sample_articles()
    for path in paths:
        meta, body = _body(path.read_text(encoding="utf-8"))
        for r in gaz.resolve(body):
            if r.place is None:
                continue
            p = r.place
            rows.append(
                {
                    "mention": r.mention.surface,
                    "start": r.mention.start,
                    "end": r.mention.end,
                    "place_id": p.id,
                    "place": p.name,
                    "kind": p.kind,
                    "country": p.country,
                    "admin1_code": p.admin1_code,
                    "score": round(r.score, 3),
                    "file": path.name,
                    "title": meta.get("title", ""),
                    "published": meta.get("date", ""),
                    "lon": p.lon,
                    "lat": p.lat,
                }
            )
    gdf = gpd.GeoDataFrame(
        rows,
        geometry=gpd.points_from_xy([r["lon"] for r in rows], [r["lat"] for r in rows]),
        crs="EPSG:4326",
    ).drop(columns=["lon", "lat"])
    out = Path(out_dir)
    path = write_geojson(gdf, out / "places.geojson")
    return {"places": path, "articles": len(paths), "mentions": len(rows)}
