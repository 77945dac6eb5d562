"""Sorted tables: integer keys to integer values (oldest first), compact in memory.

A table is two numpy arrays, ``keys`` sorted with a key repeated once per value and
``values`` beside them (equal keys: oldest value first), plus a dict of the entries added
since the last merge (key -> one value, or a list of them, oldest first). A dict costs about
100 bytes a key; the arrays cost the key and value item sizes an entry (8 bytes for uint32
keys and int32 values). :func:`due` says when the dict has grown enough to be merged in
(:func:`merge`): geometric, so each entry is merged O(1) times amortised. ``cap`` keeps only
the newest ``cap`` values of a key (an inverted index with bounded postings). The owner keeps
the arrays and the dict as plain attributes: they pickle as numpy arrays and a dict.

Used by the near-duplicate band table (:mod:`newsprism.group.dedup`) and the story postings
(:mod:`newsprism.group.stories`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import numpy as np

#: Entries kept in the dict before they are merged into the sorted arrays: at least MERGE_MIN,
#: else 1 / MERGE_SHARE of the merged entries (geometric: O(1) amortised per entry).
MERGE_MIN = 2048
MERGE_SHARE = 8

Recent = dict[int, Any]  # key -> int | list[int]: entries not merged yet, oldest first


def due(pending: int, merged: int) -> bool:
    """Whether ``pending`` entries in the dict should be merged into ``merged`` sorted ones."""
    return pending >= max(MERGE_MIN, merged // MERGE_SHARE)


def insert(recent: Recent, keys: Iterable[int], value: int, cap: int | None = None) -> int:
    """Add ``value`` under each of ``keys`` in the dict (a key's own list keeps its newest
    ``cap``); returns the entries added. A key of one value holds the bare int (less memory)."""
    n = 0
    for key in keys:
        n += 1
        hit = recent.get(key)
        if hit is None:
            recent[key] = value
        elif type(hit) is int:
            recent[key] = [hit, value] if cap is None else [hit, value][-cap:]
        else:
            hit.append(value)
            if cap is not None and len(hit) > cap:
                del hit[0]
    return n


def merge(
    keys: np.ndarray, values: np.ndarray, recent: Recent, cap: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """New sorted arrays holding ``keys``/``values`` and the dict's entries (equal keys: older
    first; with ``cap``, a key's newest ``cap`` values only). The inputs are not changed."""
    new_keys: list[int] = []
    new_values: list[int] = []
    for key, hit in recent.items():
        if type(hit) is int:
            new_keys.append(key)
            new_values.append(hit)
        else:
            new_keys.extend([key] * len(hit))
            new_values.extend(hit)
    all_keys = np.concatenate([keys, np.array(new_keys, dtype=keys.dtype)])
    all_values = np.concatenate([values, np.array(new_values, dtype=values.dtype)])
    order = np.argsort(all_keys, kind="stable")  # a sorted run plus the new ones: timsort
    all_keys, all_values = all_keys[order], all_values[order]
    if cap is not None and len(all_keys) > cap:
        last = np.flatnonzero(np.append(all_keys[1:] != all_keys[:-1], True))  # each key's last entry
        run_last = np.repeat(last, np.diff(last, prepend=-1))
        keep = run_last - np.arange(len(all_keys)) < cap
        if not keep.all():
            all_keys, all_values = all_keys[keep], all_values[keep]
    return all_keys, all_values


def lookup(
    keys: np.ndarray, values: np.ndarray, recent: Recent, query: Any, cap: int | None = None
) -> list[int]:
    """The values of each key of ``query`` (a sequence or array of ints), oldest first and
    the newest ``cap`` of them with ``cap``, concatenated in the order of ``query``."""
    q = np.asarray(query, dtype=keys.dtype)  # the arrays' dtype: no copy of them to compare
    if len(keys):
        lo = keys.searchsorted(q).tolist()
        hi = keys.searchsorted(q, side="right").tolist()
    else:
        lo = hi = [0] * len(q)
    merged = memoryview(values)  # slices cheaper than numpy's
    get = recent.get
    out: list[int] = []
    for key, start, end in zip(q.tolist(), lo, hi, strict=True):
        new = get(key)
        if start == end:
            if new is None:
                continue
            if type(new) is int:
                out.append(new)
            else:
                out += new
            continue
        if new is None:
            out += merged[start:end].tolist()
            continue
        found = merged[start:end].tolist()
        if type(new) is int:
            found.append(new)
        else:
            found += new
        if cap is not None and len(found) > cap:
            del found[:-cap]
        out += found
    return out


def entries(recent: Recent) -> int:
    """Entries held in the dict."""
    return sum(1 if type(v) is int else len(v) for v in recent.values())


def nbytes(keys: np.ndarray, values: np.ndarray, recent: Recent) -> int:
    """Bytes held by the arrays and the dict (its keys and lists; bare int values not counted)."""
    table = sys.getsizeof(recent) + sum(
        sys.getsizeof(k) + (0 if type(v) is int else sys.getsizeof(v)) for k, v in recent.items()
    )
    return keys.nbytes + values.nbytes + table
