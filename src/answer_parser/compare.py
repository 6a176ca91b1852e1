"""Field-by-field comparison of contract dicts, with readable paths.

`diff(expected, actual)` lists every difference as a line such as
`tables[2].rows[5].cells[1].value: 1001 -> 1000`. With `subset=True` only the fields the
expected dict has are compared (a hand-written ground truth need not list bboxes or warnings).
"""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class Tolerance:
    """What a comparison forgives. Strict by default."""

    #: leave out bounding boxes
    ignore_bbox: bool = False
    #: leave out the warnings list
    ignore_warnings: bool = False
    #: numbers that differ by at most this much count as equal
    numeric: float = 0.0
    #: keys never compared
    ignore_keys: frozenset[str] = frozenset()

    def skips(self, key: str) -> bool:
        return (
            key in self.ignore_keys
            or (self.ignore_bbox and key == "bbox")
            or (self.ignore_warnings and key == "warnings")
        )


STRICT = Tolerance()


def _short(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else _json_like(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _json_like(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_json_like(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_json_like(v) for v in value) + "]"
    return repr(value)


def _numbers_equal(a: Any, b: Any, tolerance: float) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= tolerance and (tolerance > 0 or type(a) is type(b) or a == b)
    return False


def diff(
    expected: Any, actual: Any, *, subset: bool = False, tolerance: Tolerance = STRICT, path: str = ""
) -> list[str]:
    """Every difference between two JSON-like values, one readable line each."""
    out: list[str] = []
    _diff(expected, actual, subset, tolerance, path, out)
    return out


def _diff(expected: Any, actual: Any, subset: bool, tol: Tolerance, path: str, out: list[str]) -> None:
    here = path or "(document)"
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key, value in expected.items():
            if tol.skips(key):
                continue
            sub = f"{path}.{key}" if path else key
            if key not in actual:
                out.append(f"{sub}: missing (expected {_short(value)})")
            else:
                _diff(value, actual[key], subset, tol, sub, out)
        if not subset:
            for key in actual.keys() - expected.keys():
                if not tol.skips(key):
                    sub = f"{path}.{key}" if path else key
                    out.append(f"{sub}: unexpected {_short(actual[key])}")
        return
    if isinstance(expected, list) and isinstance(actual, list):
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            _diff(e, a, subset, tol, f"{path}[{i}]", out)
        for i in range(len(actual), len(expected)):
            out.append(f"{path}[{i}]: removed {_short(expected[i])}")
        for i in range(len(expected), len(actual)):
            out.append(f"{path}[{i}]: added {_short(actual[i])}")
        return
    if expected == actual and type(expected) is type(actual):
        return
    if _numbers_equal(expected, actual, tol.numeric):
        return
    out.append(f"{here}: {_short(expected)} -> {_short(actual)}")
