"""How incidents look: one colour per event type, shared by HTML maps and static plots."""

from __future__ import annotations

__all__ = ["EVENT_STYLES", "located_label", "marker_radius"]

#: event_type → (colour, legend label). Colour-blind-safe hues (Okabe–Ito / Tol).
EVENT_STYLES: dict[str, tuple[str, str]] = {
    "armed_clash": ("#d62728", "Armed clash / exchange of fire"),
    "shelling": ("#e66101", "Shelling, artillery, rockets"),
    "air_drone_strike": ("#7b3294", "Air or drone strike"),
    "explosive_device": ("#8c510a", "Mine or explosive device"),
    "weapons_intercepted": ("#0072b2", "Weapons intercepted (drone shot down)"),
    "incursion": ("#009e73", "Incursion, troops advancing"),
    "arrest": ("#cc79a7", "Arrest or detention"),
    "attack_on_civilians": ("#000000", "Attack on civilians"),
    "other": ("#999999", "Other (stand-off, scuffle)"),
    "agreement_or_statement": ("#56b4e9", "Statement or agreement"),
}


def marker_radius(killed, wounded) -> float:
    """Marker radius in pixels: 5 with no casualties, growing with the square root."""
    n = (killed or 0) + (wounded or 0)
    return round(5.0 + 2.0 * n**0.5, 1)


def located_label(located: int, unlocated: int = 0) -> str:
    """How every output counts a map's incidents: "9 located incidents (2 without a location)"."""
    text = f"{located} located incident{'' if located == 1 else 's'}"
    if unlocated:
        text += f" ({unlocated} without a location)"
    return text
