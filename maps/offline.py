"""Make a folium HTML page self-contained: every script and stylesheet inlined.

Every bordermap page is self-contained, online or offline, in a saved file and
in a notebook alike (:func:`self_contained` gives the map a figure that
inlines whatever it renders); only an online map's tiles come from the
network. The assets come from the installed ``folium-offline`` package, whose resource
table maps folium 0.20's CDN URLs to the files' contents; bordermap ships no
third-party JavaScript or CSS of its own. A URL the table lacks is an error,
never a CDN link left behind.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import folium

__all__ = ["MissingAssetError", "inline_assets", "self_contained"]

_SCRIPT = re.compile(r'<script\s+src="(?P<url>https?://[^"]+)"\s*>\s*</script>', re.I)
_LINK = re.compile(r'<link\s+[^>]*href="(?P<url>https?://[^"]+)"[^>]*/?>', re.I)
_CSS_URL = re.compile(r"url\(\s*(?![\"']?data:)[^)]*\)", re.I)
_FETCH = re.compile(r"""(?:src|href)\s*=\s*["']https?://""", re.I)


class MissingAssetError(RuntimeError):
    """An asset the page needs is not available offline."""


@functools.cache
def asset_text(name: str) -> str:
    """The text of one of bordermap's own browser assets (``maps/assets/NAME``).

    Parameters
    ----------
    name : str
        File name inside the package's ``assets`` folder, e.g. ``"bordermap.css"``.

    Returns
    -------
    str
    """
    from importlib.resources import files

    return (files("maps") / "assets" / name).read_text(encoding="utf-8")


def _resources() -> dict[str, str]:
    try:
        from offlinefolium.elements import _res
    except ImportError as exc:  # pragma: no cover - it is a dependency
        raise MissingAssetError(
            "offline maps need the 'folium-offline' package (pip install folium-offline)"
        ) from exc
    return _res


def _script_safe(code: str) -> str:
    return code.replace("</script", "<\\/script")


def inline_assets(html: str) -> str:
    """Replace every ``<script src=http…>`` and stylesheet ``<link href=http…>`` with its content.

    Relative ``url(...)`` references inside stylesheets (icons next to the CDN
    file) are dropped, since they cannot load from a single file.

    Raises
    ------
    MissingAssetError
        When an asset is not in the offline resource table, or a fetch is left.
    """
    res = _resources()

    def content(url: str) -> str:
        if url not in res:
            raise MissingAssetError(f"no offline copy of {url}; cannot write an offline map")
        return res[url]

    def script(m: re.Match) -> str:
        return f"<script>{_script_safe(content(m['url']))}</script>"

    def link(m: re.Match) -> str:
        css = _CSS_URL.sub("none", content(m["url"])).replace("</style", "<\\/style")
        return f"<style>{css}</style>"

    # checked before inlining: the libraries' own code may contain links as text
    rest = _LINK.sub("", _SCRIPT.sub("", html))
    left = _FETCH.search(rest)
    if left:
        snippet = rest[left.start() : left.start() + 120]
        raise MissingAssetError(f"an online resource is still referenced: {snippet!r}")
    return _LINK.sub(link, _SCRIPT.sub(script, html))


@functools.cache
def _figure_class():
    from branca.element import Figure
    from jinja2 import Template

    class SelfContainedFigure(Figure):
        """A folium figure whose page inlines its assets and escapes its title."""

        inlines_assets = True

        _template = Template(asset_text("page.html.j2"))

        def render(self, **kwargs) -> str:
            return inline_assets(super().render(**kwargs))

    return SelfContainedFigure


def self_contained(m: folium.Map, title: str | None = None) -> folium.Map:
    """Put a map in a figure whose every rendering is self-contained.

    ``m.get_root().render()``, ``m.save()`` and the notebook's
    ``m._repr_html_()`` then inline every script and stylesheet
    (:func:`inline_assets`), and the page's ``<title>`` is HTML-escaped.

    Parameters
    ----------
    m : folium.Map
    title : str, optional
        The page's ``<title>``.

    Returns
    -------
    folium.Map
        ``m`` itself.
    """
    figure = _figure_class()(title=title)
    figure.add_child(m)
    return m
