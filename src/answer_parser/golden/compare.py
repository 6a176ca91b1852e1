"""Field-by-field comparison of contract dicts, with readable paths.

`diff(expected, actual)` lists every difference as a line such as
`tables[2].rows[5].cells[1].value: 1001 -> 1000`, or `question.asker: removed {...}` for a field
the actual side lacks (`added` for one only it has). With `subset=True` only the fields the
expected dict has are compared (a hand-written ground truth need not list bboxes or warnings).

Lists of different lengths are aligned first, so that a table, row or item that appeared or
disappeared reads as one line (`tables[1]: removed table 'Aantal ...' (5 rows, 3 columns)`)
instead of a difference in every element after it. An element that moved reads as
`tables[2->1]`: position 2 in the expected list, 1 in the actual one.

`merge(expected, actual)` is the other half of updating a golden file: the actual values, kept in
the expected file's shape (a partial file stays partial, ignored fields keep their old values).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

import attrs


def _frozen_keys(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(keys)


@attrs.frozen
class Tolerance:
    """What a comparison forgives. Strict by default."""

    #: leave out bounding boxes
    ignore_bbox: bool = False
    #: leave out the warnings list
    ignore_warnings: bool = False
    #: numbers that differ by at most this much (absolute) count as equal
    numeric: float = 0.0
    #: keys never compared, wherever they stand
    ignore_keys: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_keys)

    def __attrs_post_init__(self) -> None:
        if not self.numeric >= 0:  # also refuses NaN
            raise ValueError(f"numeric tolerance must be a number >= 0, not {self.numeric!r}")

    def skips(self, key: str) -> bool:
        return (
            key in self.ignore_keys
            or (self.ignore_bbox and key == "bbox")
            or (self.ignore_warnings and key == "warnings")
        )


STRICT = Tolerance()

# keys holding an element's own position: left out when matching up the elements of two lists
_POSITION_KEYS = frozenset({"index"})
# above this many candidate pairs an unequal block of a list is paired up in order
_MAX_PAIRING_WORK = 2500


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


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def describe(value: Any) -> str:
    """A short human name for a value: a table, row, item or warning by what it shows."""
    if not isinstance(value, dict):
        return _short(value)
    if "rows" in value and "columns" in value:
        number = f"{value['number']} " if isinstance(value.get("number"), int) else ""
        caption = value.get("caption")
        title = f" {_short(_clip(caption))}" if isinstance(caption, str) else ""
        size = []
        if isinstance(value["rows"], list):
            size.append(f"{len(value['rows'])} rows")
        if isinstance(value["columns"], list):
            size.append(f"{len(value['columns'])} columns")
        return f"table {number}".rstrip() + title + (f" ({', '.join(size)})" if size else "")
    if "label" in value and "cells" in value:
        label = value["label"]
        name = " / ".join(map(str, label)) if isinstance(label, list) else str(label)
        cells = value["cells"]
        raws = [c.get("raw") for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []
        shown = f": {' | '.join(str(r) if r else repr('') for r in raws)}" if raws else ""
        return "row " + _clip(repr(name) + shown, 70)
    if "text" in value and "number" in value:
        number = f"{value['number']} " if value["number"] is not None else "(unnumbered) "
        text = value["text"]
        return f"item {number}" + (_short(_clip(text)) if isinstance(text, str) else "")
    if "code" in value and "message" in value:
        return _clip(f"warning {value['code']}: {value['message']}", 80)
    return _short(value)


def _numbers_equal(a: Any, b: Any, tolerance: float) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= tolerance
    return False


def _same_leaf(expected: Any, actual: Any, tol: Tolerance) -> bool:
    if expected == actual and type(expected) is type(actual):
        return True
    return _numbers_equal(expected, actual, tol.numeric)


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
                out.append(f"{sub}: removed {describe(value)}")
            else:
                _diff(value, actual[key], subset, tol, sub, out)
        if not subset:
            for key in actual:
                if key not in expected and not tol.skips(key):
                    sub = f"{path}.{key}" if path else key
                    out.append(f"{sub}: added {describe(actual[key])}")
        return
    if isinstance(expected, list) and isinstance(actual, list):
        for step, i, j in align(expected, actual, subset=subset, tolerance=tol):
            if step == "pair":
                _diff(
                    expected[i],
                    actual[j],
                    subset,
                    tol,
                    f"{path}[{i}]" if i == j else f"{path}[{i}->{j}]",
                    out,
                )
            elif step == "removed":
                out.append(f"{path}[{i}]: removed {describe(expected[i])}")
            else:
                out.append(f"{path}[{j}]: added {describe(actual[j])}")
        return
    if _same_leaf(expected, actual, tol):
        return
    out.append(f"{here}: {_short(expected)} -> {_short(actual)}")


# --- aligning two lists -------------------------------------------------------------------------

Step = Literal["pair", "removed", "added"]


def align(
    expected: list[Any], actual: list[Any], *, subset: bool = False, tolerance: Tolerance = STRICT
) -> Iterator[tuple[Step, int, int]]:
    """Match up the elements of two lists: ("pair", i, j), ("removed", i, -1), ("added", -1, j).

    Lists of equal length pair element by element. Otherwise elements that are equal (leaving out
    their position and whatever the comparison ignores) are matched as a longest common
    subsequence, and what lies between is paired by likeness, the rest removed or added.
    """
    if len(expected) == len(actual):
        for i in range(len(expected)):
            yield "pair", i, i
        return
    shape = _shape_of(expected) if subset else None
    ekeys = [_key(e, shape, tolerance) for e in expected]
    akeys = [_key(a, shape, tolerance) for a in actual]
    matcher = difflib.SequenceMatcher(None, ekeys, akeys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                yield "pair", i1 + k, j1 + k
        elif op == "delete":
            for i in range(i1, i2):
                yield "removed", i, -1
        elif op == "insert":
            for j in range(j1, j2):
                yield "added", -1, j
        else:
            yield from _pair_block(ekeys, akeys, i1, i2, j1, j2)


def _pair_block(
    ekeys: list[str], akeys: list[str], i1: int, i2: int, j1: int, j2: int
) -> Iterator[tuple[Step, int, int]]:
    """Pair min(n, m) elements of a replaced block, in order, choosing the most alike."""
    n, m = i2 - i1, j2 - j1
    if n == m or n * m > _MAX_PAIRING_WORK:
        pairs = [(i1 + k, j1 + k) for k in range(min(n, m))]
    else:
        pairs = _best_pairs(ekeys[i1:i2], akeys[j1:j2])
        pairs = [(i1 + i, j1 + j) for i, j in pairs]
    i, j = i1, j1
    for pi, pj in pairs:
        while i < pi:
            yield "removed", i, -1
            i += 1
        while j < pj:
            yield "added", -1, j
            j += 1
        yield "pair", pi, pj
        i, j = pi + 1, pj + 1
    for ri in range(i, i2):
        yield "removed", ri, -1
    for aj in range(j, j2):
        yield "added", -1, aj


def _best_pairs(ekeys: list[str], akeys: list[str]) -> list[tuple[int, int]]:
    """The order-keeping pairing of min(n, m) elements with the greatest total likeness."""
    if len(ekeys) > len(akeys):
        return [(i, j) for j, i in _best_pairs(akeys, ekeys)]
    n, m = len(ekeys), len(akeys)
    like = [[difflib.SequenceMatcher(None, e, a, autojunk=False).quick_ratio() for a in akeys] for e in ekeys]
    # best[i][j]: the greatest likeness pairing ekeys[i:] with some of akeys[j:] (m - j >= n - i)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - (n - i), -1, -1):
            take = like[i][j] + best[i + 1][j + 1]
            best[i][j] = max(take, best[i][j + 1]) if m - (j + 1) >= n - i else take
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n:
        if m - (j + 1) < n - i or like[i][j] + best[i + 1][j + 1] >= best[i][j + 1]:
            pairs.append((i, j))
            i += 1
        j += 1
    return pairs


def _shape_of(values: list[Any]) -> Any:
    """The keys the values of a (partial) expected list use, merged: a dict of shapes, [shape], None."""
    dicts = [v for v in values if isinstance(v, dict)]
    if dicts:
        grouped: dict[str, list[Any]] = {}
        for value in dicts:
            for key, sub in value.items():
                grouped.setdefault(key, []).append(sub)
        return {key: _shape_of(subs) for key, subs in grouped.items()}
    lists = [v for v in values if isinstance(v, list)]
    if lists:
        return [_shape_of([x for v in lists for x in v])]
    return None


def _project(value: Any, shape: Any, tol: Tolerance, top: bool) -> Any:
    if isinstance(value, dict):
        keys = shape.keys() if isinstance(shape, dict) else value.keys()
        return {
            key: _project(value[key], shape.get(key) if isinstance(shape, dict) else None, tol, False)
            for key in keys
            if key in value and not tol.skips(key) and not (top and key in _POSITION_KEYS)
        }
    if isinstance(value, list):
        inner = shape[0] if isinstance(shape, list) and shape else None
        return [_project(v, inner, tol, False) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 1000 and 1000.0 are the same number here
    return value


def _key(value: Any, shape: Any, tol: Tolerance) -> str:
    return json.dumps(_project(value, shape, tol, True), sort_keys=True, ensure_ascii=False)


# --- updating ------------------------------------------------------------------------------------


def merge(expected: Any, actual: Any, *, subset: bool = False, tolerance: Tolerance = STRICT) -> Any:
    """`actual` in the shape of `expected`: what a golden file becomes when it is brought up to date.

    Values the comparison forgives stay as they were (a number within the numeric tolerance, a
    key it ignores); with `subset` only the keys `expected` has are kept, so a partial file stays
    partial. Afterwards `diff(merge(e, a), a, ...)` with the same options is empty.
    """
    if isinstance(expected, dict) and isinstance(actual, dict):
        return _merge_dicts(expected, actual, subset, tolerance)
    if isinstance(expected, list) and isinstance(actual, list):
        out: list[Any] = [None] * len(actual)
        for step, i, j in align(expected, actual, subset=subset, tolerance=tolerance):
            if step == "pair":
                out[j] = merge(expected[i], actual[j], subset=subset, tolerance=tolerance)
            elif step == "added":
                out[j] = actual[j]
        return out
    if _same_leaf(expected, actual, tolerance):
        return expected
    return actual


def _merge_dicts(
    expected: Mapping[str, Any], actual: Mapping[str, Any], subset: bool, tol: Tolerance
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    keys = [k for k in expected if k in actual or tol.skips(k)] if subset else list(actual)
    if not subset:
        # keep ignored keys the expected side has and the actual side lacks
        keys += [k for k in expected if k not in actual and tol.skips(k)]
    for key in keys:
        if tol.skips(key):
            if key in expected:  # an ignored key the file lacks stays out of it
                out[key] = expected[key]
        elif key in expected:
            out[key] = merge(expected[key], actual[key], subset=subset, tolerance=tol)
        else:
            out[key] = actual[key]
    return out
