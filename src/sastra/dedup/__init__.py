"""Near-duplicate detection: MinHash/LSH on character shingles of folded text, plus containment.

``signature(text)`` is computed per document (in the pipeline's workers); ``find_clusters`` runs once
over all signatures (in the driver). See docs/pipeline.md for the method and its measured figures.
"""

from __future__ import annotations

from sastra.dedup.clusters import Cluster, DedupConfig, find_clusters, near_duplicate_pairs
from sastra.dedup.signature import (NUM_PERM, SHINGLE_CHARS, Signature, containment, dedup_key,
                                    jaccard, signature)

__all__ = ["signature", "Signature", "dedup_key", "containment", "jaccard", "find_clusters",
           "near_duplicate_pairs", "Cluster", "DedupConfig", "NUM_PERM", "SHINGLE_CHARS"]
