"""Near-duplicate clusters: LSH candidates (datasketch), verified by containment or Jaccard.

A pair is a near-duplicate when the smaller document's shingles are mostly found in the larger one
(containment >= ``DedupConfig.containment``; a copy truncated to 60%, with a paragraph dropped or a
boilerplate line added, stays above it) or when the two are simply similar (estimated Jaccard >=
``DedupConfig.jaccard``). Pairs are joined into clusters (union-find); each cluster keeps one
canonical document: the longest, then the first in input order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from sastra.dedup.signature import NUM_PERM, Signature, containment


@dataclass(frozen=True)
class DedupConfig:
    """Thresholds of near-duplicate detection (defaults measured by bench/dedup_bench.py)."""

    #: LSH bands x rows (bands * rows <= NUM_PERM). 64 x 2 makes a pair with Jaccard 0.3 a candidate
    #: with probability 0.998: a truncated copy has a low Jaccard similarity and must still be found.
    bands: int = 64
    rows: int = 2
    #: containment |A ∩ B| / min(|A|, |B|) at or above which a pair is a near-duplicate
    containment: float = 0.75
    #: estimated Jaccard similarity at or above which a pair is a near-duplicate
    jaccard: float = 0.6
    #: candidates whose estimated Jaccard similarity is below this are not examined further (a copy
    #: that keeps 60% of an article and adds boilerplate is near 0.5; unrelated news is below 0.1)
    jaccard_floor: float = 0.2
    #: documents with fewer shingles take no part (too short to call a copy)
    min_shingles: int = 40
    #: how LSH candidates are found: "numpy" (all documents banded at once, vectorised: the default),
    #: "datasketch" (datasketch.MinHashLSH, one document at a time), "bands" (the same in plain Python).
    #: All three apply the same banding to the same sketches, so they give the same clusters (tested).
    engine: str = "numpy"


@dataclass(frozen=True)
class Cluster:
    """One group of near-duplicates: ``canonical`` is kept searchable, ``members`` include it."""

    canonical: int
    members: tuple[int, ...]
    scores: dict[int, float] = field(default_factory=dict)  # member -> containment with canonical


ENGINES = ("numpy", "datasketch", "bands")
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)


def _numpy_candidates(minhash: np.ndarray, members: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Pairs (i < j, positions in ``members``) that agree on all rows of at least one band."""
    found: list[np.ndarray] = []
    n = len(members)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    sketches = minhash[members]
    with np.errstate(over="ignore"):
        for b in range(bands):
            key = sketches[:, b * rows].copy()
            for r in range(1, rows):
                key = (key * _BAND_MIX) ^ sketches[:, b * rows + r]
            order = np.argsort(key, kind="stable")
            ordered = key[order]
            same = ordered[1:] == ordered[:-1]
            if not same.any():
                continue
            # neighbours in key order: every pair of a bucket of two (nearly all buckets)
            k = np.flatnonzero(same)
            found.append(np.stack((order[k], order[k + 1]), axis=1))
            starts = np.flatnonzero(np.concatenate(([True], ~same)))
            ends = np.concatenate((starts[1:], [n]))
            big = ends - starts > 2
            for start, end in zip(starts[big], ends[big]):  # larger buckets: all their pairs
                group = order[start:end]
                i, j = np.triu_indices(len(group), 2)
                found.append(np.stack((group[i], group[j]), axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    pairs.sort(axis=1)
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack((codes // n, codes % n), axis=1)


class _Bands:
    """Banding LSH in plain Python, equivalent to datasketch's MinHashLSH with explicit params."""

    def __init__(self, bands: int, rows: int) -> None:
        self.bands, self.rows = bands, rows
        self.tables: list[dict[bytes, list[int]]] = [{} for _ in range(bands)]

    def insert_and_query(self, key: int, values: np.ndarray) -> set[int]:
        found: set[int] = set()
        raw = values.tobytes()
        width = self.rows * 8
        for b, table in enumerate(self.tables):
            band = raw[b * width:(b + 1) * width]
            bucket = table.get(band)
            if bucket is None:
                table[band] = [key]
            else:
                found.update(bucket)
                bucket.append(key)
        return found


class _Datasketch:
    def __init__(self, bands: int, rows: int) -> None:
        from datasketch import LeanMinHash, MinHashLSH

        self._lean = LeanMinHash
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=(bands, rows))

    def insert_and_query(self, key: int, values: np.ndarray) -> set[int]:
        sketch = self._lean(seed=1, hashvalues=values, scheme="affine64")
        found = set(self.lsh.query(sketch))
        self.lsh.insert(key, sketch, check_duplication=False)
        return found


def candidate_pairs(signatures: Sequence[Signature], config: DedupConfig = DedupConfig()) -> np.ndarray:
    """LSH candidate pairs ``(i, j)``, i < j, as positions in ``signatures``, sorted."""
    if config.bands * config.rows > NUM_PERM:
        from sastra.errors import ConfigError

        raise ConfigError(f"bands x rows must be <= {NUM_PERM}")
    if config.engine not in ENGINES:
        from sastra.errors import ConfigError

        raise ConfigError(f"unknown near-duplicate engine {config.engine!r}; choose one of {', '.join(ENGINES)}")
    members = np.array([i for i, s in enumerate(signatures) if s.shingles >= config.min_shingles], dtype=np.int64)
    if config.engine == "numpy":
        if len(members) < 2:
            return np.zeros((0, 2), dtype=np.int64)
        minhash = np.stack([signatures[i].minhash for i in members])
        local = _numpy_candidates(minhash, np.arange(len(members)), config.bands, config.rows)
        return members[local] if len(local) else local
    index = (_Datasketch if config.engine == "datasketch" else _Bands)(config.bands, config.rows)
    pairs = []
    for position in members:
        for other in index.insert_and_query(int(position), signatures[position].minhash):
            pairs.append((other, int(position)))
    pairs.sort()
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def near_duplicate_pairs(signatures: Sequence[Signature], config: DedupConfig = DedupConfig()
                         ) -> Iterable[tuple[int, int, float]]:
    """Verified pairs ``(earlier, later, containment)`` among ``signatures`` (by position), sorted."""
    pairs = candidate_pairs(signatures, config)
    if not len(pairs):
        return
    minhash = np.stack([s.minhash for s in signatures])
    agree = np.count_nonzero(minhash[pairs[:, 0]] == minhash[pairs[:, 1]], axis=1) / NUM_PERM
    for (a, b), similarity in zip(pairs[agree >= config.jaccard_floor].tolist(), agree[agree >= config.jaccard_floor]):
        score = containment(signatures[a], signatures[b])
        if score >= config.containment or similarity >= config.jaccard:
            yield a, b, score


def find_clusters(signatures: Sequence[Signature], lengths: Sequence[int] | None = None,
                  config: DedupConfig = DedupConfig()) -> list[Cluster]:
    """Clusters of near-duplicates (only groups of two or more), in order of their first member.

    ``lengths`` (text lengths) choose the canonical member: the longest, then the earliest.
    """
    parent = list(range(len(signatures)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, _score in near_duplicate_pairs(signatures, config):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(len(signatures)):
        groups.setdefault(root(i), []).append(i)
    sizes = lengths if lengths is not None else [s.shingles for s in signatures]
    clusters = []
    for members in groups.values():
        if len(members) < 2:
            continue
        canonical = min(members, key=lambda i: (-sizes[i], i))
        scores = {m: containment(signatures[canonical], signatures[m]) for m in members if m != canonical}
        clusters.append(Cluster(canonical, tuple(members), scores))
    clusters.sort(key=lambda c: c.members[0])
    return clusters
