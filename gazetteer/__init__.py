"""Place names → places: sources, name normalisation, index, mention finding, resolution."""

from __future__ import annotations

from gazetteer.errors import SourceError
from gazetteer.gazetteer import Gazetteer
from gazetteer.index import (
    GazetteerIndex,
    add_user_source,
    cache_dir,
    remove_user_source,
    user_sources,
)
from gazetteer.normalize import name_key, skeleton_key
from gazetteer.outlets import HomeRegion, outlet_of
from gazetteer.places import KINDS, Mention, Place, ResolvedMention

__all__ = [
    "KINDS",
    "Gazetteer",
    "GazetteerIndex",
    "HomeRegion",
    "Mention",
    "Place",
    "ResolvedMention",
    "SourceError",
    "add_user_source",
    "cache_dir",
    "name_key",
    "outlet_of",
    "remove_user_source",
    "skeleton_key",
    "user_sources",
]
