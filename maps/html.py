"""Interactive Leaflet incident maps with folium, online or fully offline.

Layers (each in the layer control): the offline basemap (countries and admin-1
units from the data pack, labelled) or OpenStreetMap tiles; an admin-1
choropleth of incidents; international borders, the incidents' borders
emphasised; incident footprints; incident markers by type (clustered when
dense); statements and agreements, off by default.

Article text is untrusted. It never enters the page as HTML: incidents travel
as JSON data (with ``<``, ``>`` and ``&`` escaped so no string can close the
script), and popups and tooltips are built in the browser with ``textContent``;
only ``http(s)`` source URLs become links.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from geo.layer import ensure_joined, json_cell, located, optional_int, optional_str
from maps.basemap import basemap_borders, basemap_countries, extent
from maps.style import EVENT_STYLES, located_label, marker_radius

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

__all__ = ["CLUSTER_THRESHOLD", "incident_map", "save_map"]

#: Markers are clustered when there are more than this many ...
CLUSTER_THRESHOLD = 2000
#: ... and up to this many; beyond, plain canvas markers draw faster than any clustering.
CLUSTER_LIMIT = 20_000
#: Offline basemaps outline admin-1 units when incidents span at most this many countries.
MAX_ADMIN1_COUNTRIES = 12
_EPOCH = dt.date(1970, 1, 1)
_TYPES = list(EVENT_STYLES)


def _json_for_script(value) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, no HTML parsing surprises."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _day(value) -> int | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return (dt.date.fromisoformat(str(value)[:10]) - _EPOCH).days


def _sources(value) -> list:
    out = []
    for s in json_cell(value):
        out.append(
            [
                s.get("title") or "",
                s.get("publisher") or "",
                s.get("published") or "",
                s.get("url") or "",
            ]
        )
    return out


def incident_data(layer: gpd.GeoDataFrame) -> dict:
    """The columnar, string-deduplicated data the map's script renders."""
    strings: dict[str, int] = {}

    def sid(v) -> int:
        v = "" if v is None else str(v)
        if v not in strings:
            strings[v] = len(strings)
        return strings[v]

    rows = located(layer)
    cols: dict[str, list] = {
        k: []
        for k in [
            "x",
            "y",
            "t",
            "d0",
            "d1",
            "dp",
            "r",
            "k",
            "w",
            "p",
            "g",
            "a1",
            "a2",
            "c",
            "dn",
            "q",
            "s",
            "ev",
            "id",
        ]
    }
    for r in rows.itertuples(index=False):
        g = r.geometry
        cols["x"].append(round(g.x, 6))
        cols["y"].append(round(g.y, 6))
        cols["t"].append(
            _TYPES.index(r.event_type) if r.event_type in _TYPES else _TYPES.index("other")
        )
        cols["d0"].append(_day(r.date_start))
        cols["d1"].append(_day(r.date_end))
        cols["dp"].append(sid(r.date_precision))
        cols["r"].append(marker_radius(optional_int(r.killed), optional_int(r.wounded)))
        cols["k"].append(optional_int(r.killed))
        cols["w"].append(optional_int(r.wounded))
        cols["p"].append(sid(optional_str(r.place) or optional_str(r.location) or ""))
        cols["g"].append(optional_int(r.geo_precision))
        cols["a1"].append(sid(optional_str(r.actor1)))
        cols["a2"].append(sid(optional_str(r.actor2)))
        cols["c"].append(sid(optional_str(r.claimed_by)))
        cols["dn"].append(sid(optional_str(r.denied_by)))
        cols["q"].append(sid(optional_str(r.quote)))
        cols["s"].append([[sid(x) for x in src] for src in _sources(r.sources)])
        cols["ev"].append(
            [
                [sid(e.get("field")), sid(e.get("text"))]
                for e in json_cell(getattr(r, "evidence", None))
            ]
        )
        cols["id"].append(sid(r.incident_id))
    cols["strings"] = list(strings)
    cols["types"] = [[t, EVENT_STYLES[t][0], EVENT_STYLES[t][1]] for t in _TYPES]
    return cols


def _simplified(gdf: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Polygons simplified as a coverage, coordinates rounded to a tenth of the tolerance.

    Neighbours keep their shared edges, and the page stays small.
    """
    out = gdf.copy()
    out["geometry"] = _rounded(shapely.coverage_simplify(out.geometry.values, tolerance), tolerance)
    return out


def _rounded(geoms, tolerance: float):
    """Coordinates rounded to about a tenth of ``tolerance`` (short numbers in the page)."""
    decimals = max(2, int(np.ceil(-np.log10(tolerance / 10))))
    return shapely.transform(geoms, lambda xy: np.round(xy, decimals))


def _tolerance(layer: gpd.GeoDataFrame, fine: float) -> float:
    """Simplification tolerance in degrees for the map's extent.

    ``fine`` for a region, coarser as the extent grows (a world map needs no
    1 km detail).
    """
    x0, y0, x1, y1 = extent(layer, pad=0.0)
    return max(fine, max(x1 - x0, y1 - y0) / 1000)


def _basemap(m: folium.Map, layer: gpd.GeoDataFrame, offline: bool) -> None:
    """Countries and admin-1 units from the data pack: the offline basemap.

    Offline it is the map's ground, labelled, with country tooltips. Online it
    lies in a pane under the tiles (unlabelled: the tiles have labels), so a
    page whose tiles cannot load still shows where its incidents are.
    """
    import folium
    from folium.map import CustomPane

    from geo.regions import admin1

    pane = {}
    if not offline:
        CustomPane("bm-basemap", z_index=150).add_to(m)  # Leaflet's tiles are at 200
        pane = {"pane": "bm-basemap"}
    x0, y0, x1, y1 = extent(layer, pad=8.0)
    box = shapely.box(x0, y0, x1, y1)
    c = basemap_countries()
    c = c[c.intersects(box)]
    codes = set(layer["country"].dropna()) if "country" in layer else set()
    a = admin1()
    # admin-1 outlines help a regional map; on a map of many countries they are clutter
    a = a[a["country"].isin(codes)] if len(codes) <= MAX_ADMIN1_COUNTRIES else a.iloc[:0]
    tol = _tolerance(layer, 0.01)
    group = folium.FeatureGroup(name="Basemap (Natural Earth)", control=True, show=True)
    countries_json = _simplified(c[["country", "name", "geometry"]], max(tol, 0.02))
    countries_json["name"] = countries_json["name"].map(lambda v: html.escape(str(v)))
    folium.GeoJson(
        countries_json.to_json(),
        name="countries",
        style_function=lambda f: {
            "fillColor": "#f2efe9",
            "color": "#9e9e9e",
            "weight": 0.8,
            "fillOpacity": 1.0,
        },
        tooltip=folium.GeoJsonTooltip(["name"], labels=False) if offline else None,
        **pane,
    ).add_to(group)
    if len(a):
        folium.GeoJson(
            _simplified(a[["iso_3166_2", "geometry"]], tol).to_json(),
            name="admin-1",
            style_function=lambda f: {"fill": False, "color": "#bdbdbd", "weight": 0.6},
            **pane,
        ).add_to(group)
    if not offline:
        group.add_to(m)
        return
    from geo.measure import area_km2

    # label the countries a reader can see at this scale: a world map labels few
    span = max(x1 - x0, y1 - y0)
    big = c[area_km2(c.geometry.values) > max(20_000, 8.0 * span**2)]
    for row in big.itertuples():
        p = row.geometry.representative_point()
        folium.Marker(
            [p.y, p.x],
            icon=folium.DivIcon(
                html=f'<div class="bm-label">{html.escape(str(row.name))}</div>',
                icon_size=(120, 16),
                icon_anchor=(60, 8),
            ),
            interactive=False,
        ).add_to(group)
    group.add_to(m)


def _choropleth(m: folium.Map, layer: gpd.GeoDataFrame) -> list[tuple[str, str]]:
    import folium

    from geo.layer import admin1_summary

    s = admin1_summary(layer)
    if s.empty:
        return []
    cols = ["admin1_code", "admin1", "incidents", "killed", "wounded", "geometry"]
    s = _simplified(s[cols], _tolerance(layer, 0.01))
    top = max(int(s["incidents"].max()), 1)
    bins = sorted({1, max(1, top // 4), max(1, top // 2), top})
    colours = ["#fee5d9", "#fcae91", "#fb6a4a", "#cb181d"][-len(bins) :]

    def colour(n: int) -> str:
        for b, col in zip(reversed(bins), reversed(colours), strict=True):
            if n >= b:
                return col
        return colours[0]

    for col in ("admin1", "admin1_code"):
        s[col] = s[col].map(lambda v: html.escape(str(v)))
    folium.GeoJson(
        s.to_json(),
        name="Incidents per admin-1 unit",
        style_function=lambda f: {
            "fillColor": colour(f["properties"]["incidents"]),
            "color": "#67000d",
            "weight": 0.7,
            "fillOpacity": 0.55,
        },
        tooltip=folium.GeoJsonTooltip(
            ["admin1", "incidents", "killed", "wounded"],
            aliases=["Admin-1", "Incidents", "Killed", "Wounded"],
        ),
    ).add_to(m)
    legend = []
    for i, b in enumerate(bins):
        hi = bins[i + 1] - 1 if i + 1 < len(bins) else None
        label = f"{b}" if hi in (None, b) else f"{b}–{hi}"
        legend.append((colours[i], label + ("+" if hi is None and b > 1 else "")))
    return legend


def _borders(m: folium.Map, layer: gpd.GeoDataFrame) -> None:
    import folium

    x0, y0, x1, y1 = extent(layer, pad=8.0)
    b = basemap_borders()
    b = b[b.intersects(shapely.box(x0, y0, x1, y1))].copy()
    hot = set(layer["border"].dropna()) if "border" in layer else set()
    b["incident_border"] = b["border"].isin(hot)
    tol = _tolerance(layer, 0.005)
    b["geometry"] = _rounded(shapely.simplify(b.geometry.values, tol), tol)
    folium.GeoJson(
        b[["border", "length_km", "incident_border", "geometry"]].to_json(),
        name="International borders",
        style_function=lambda f: (
            {"color": "#b2182b", "weight": 3.5, "opacity": 0.9}
            if f["properties"]["incident_border"]
            else {"color": "#4d4d4d", "weight": 1.2, "opacity": 0.7, "dashArray": "4 3"}
        ),
        tooltip=folium.GeoJsonTooltip(["border", "length_km"], aliases=["Border", "Length km"]),
    ).add_to(m)


def _footprints(m: folium.Map, layer: gpd.GeoDataFrame) -> None:
    import folium
    import geopandas as gpd

    if "footprint" not in layer:
        return
    fp = gpd.GeoDataFrame(
        {
            "place": layer["place"].map(lambda v: html.escape(str(v))),
            "kind": layer["location_kind"],
        },
        geometry=layer["footprint"].values,
        crs=4326,
    )
    fp = fp[fp.geometry.notna() & ~fp.geometry.is_empty & (fp.geom_type != "Point")]
    if fp.empty:
        return
    fp = fp.drop_duplicates(subset=["place"])
    tol = _tolerance(layer, 0.002)
    fp["geometry"] = _rounded(shapely.simplify(fp.geometry.values, tol), tol)
    folium.GeoJson(
        fp.to_json(),
        name="Incident footprints",
        style_function=lambda f: (
            {"color": "#ff7f00", "weight": 6, "opacity": 0.8}
            if f["properties"]["kind"] == "border_section"
            else {"color": "#ff7f00", "weight": 2, "fill": False, "dashArray": "6 4"}
        ),
        tooltip=folium.GeoJsonTooltip(["place"], labels=False),
    ).add_to(m)


def _incident_layer_element(
    data: dict, legend: list, cluster: bool, control_name: str, unlocated: int
):
    from branca.element import MacroElement
    from folium.elements import JSCSSMixin
    from jinja2 import Template

    from maps.offline import asset_text

    class IncidentMarkers(JSCSSMixin, MacroElement):
        _template = Template(asset_text("incident_markers.js.j2"))
        default_js = (
            [
                (
                    "markerclusterjs",
                    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
                    "leaflet.markercluster.js",
                )
            ]
            if cluster
            else []
        )
        default_css = (
            [
                (
                    "markerclustercss",
                    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
                    "MarkerCluster.css",
                ),
                (
                    "markerclusterdefaultcss",
                    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
                    "MarkerCluster.Default.css",
                ),
            ]
            if cluster
            else []
        )

        def __init__(self):
            super().__init__()
            self._name = "IncidentMarkers"
            self.data_json = _json_for_script(data)
            self.choropleth_json = _json_for_script(legend)
            self.cluster = cluster
            self.window_days = 30
            self.layer_control = control_name
            self.count_json = _json_for_script(located_label(len(data["x"]), unlocated))
            note = f" ({unlocated} without a location)" if unlocated else ""
            self.empty_json = _json_for_script("No located incidents to show" + note)

    return IncidentMarkers()


def incident_map(
    layer: gpd.GeoDataFrame,
    *,
    offline: bool = False,
    cluster: bool | None = None,
    title: str | None = None,
) -> folium.Map:
    """An interactive Leaflet map of an incident layer.

    Parameters
    ----------
    layer : geopandas.GeoDataFrame
        The incident layer (:func:`geo.layer.build_layer`).
    offline : bool
        No tiles: countries and admin-1 units from the data pack are the
        basemap. Online maps load OpenStreetMap tiles over the same basemap.
        Either way every script and stylesheet is inlined, in saved files and
        in notebooks (:func:`maps.offline.self_contained`).
    cluster : bool, optional
        Cluster markers; by default when there are more than
        :data:`CLUSTER_THRESHOLD` and at most :data:`CLUSTER_LIMIT` (larger layers
        are drawn on a canvas, which opens faster than clustering them).
    title : str, optional
        The page's ``<title>`` (escaped), by default "bordermap incidents".

    Returns
    -------
    folium.Map
    """
    import folium
    from folium.plugins import Fullscreen, MeasureControl, MiniMap

    from maps.offline import asset_text, self_contained

    layer = ensure_joined(layer)
    m = folium.Map(tiles=None, prefer_canvas=True, control_scale=True, zoom_control=True)
    self_contained(m, title="bordermap incidents" if title is None else title)
    # only Leaflet itself: no Bootstrap, jQuery or icon fonts a marker might depend on
    m.default_js = [js for js in m.default_js if js[0] == "leaflet"]
    m.default_css = [css for css in m.default_css if css[0] == "leaflet_css"]
    _basemap(m, layer, offline)
    if not offline:
        import xyzservices.providers as xyz

        osm = xyz.OpenStreetMap.Mapnik
        folium.TileLayer(
            tiles=osm.build_url(), attr=osm.html_attribution, name="OpenStreetMap", max_zoom=19
        ).add_to(m)
    legend = _choropleth(m, layer)
    _borders(m, layer)
    _footprints(m, layer)
    control = folium.LayerControl(collapsed=False)
    control.add_to(m)
    data = incident_data(layer)
    n = len(data["x"])
    if cluster is None:
        cluster = CLUSTER_THRESHOLD < n <= CLUSTER_LIMIT
    unlocated = len(layer) - n
    m.add_child(_incident_layer_element(data, legend, cluster, control.get_name(), unlocated))
    Fullscreen().add_to(m)
    MeasureControl(primary_length_unit="kilometers", primary_area_unit="sqkilometers").add_to(m)
    if not offline:
        MiniMap(toggle_display=True).add_to(m)
    m.get_root().header.add_child(folium.Element(f"<style>\n{asset_text('bordermap.css')}</style>"))
    x0, y0, x1, y1 = extent(layer, pad=0.3)
    m.fit_bounds([[y0, x0], [y1, x1]])
    return m


def save_map(m: folium.Map, path: str | os.PathLike) -> Path:
    """Write a map to one self-contained HTML file (every asset inlined), atomically.

    Raises
    ------
    maps.offline.MissingAssetError
        For a map whose assets are not all available offline.
    """
    from geo.export import atomic_path
    from maps.offline import inline_assets

    root = m.get_root()
    page = root.render()
    if not getattr(root, "inlines_assets", False):  # a map not made by incident_map
        page = inline_assets(page)
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
