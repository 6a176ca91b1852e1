"""Where `answer_parser.names` used to live: display names are in `answer_parser.dutch.names`."""

from __future__ import annotations

from .dutch.names import PARTICLES, display_name, is_all_caps_name

__all__ = [
    "PARTICLES",
    "display_name",
    "is_all_caps_name",
]
