"""Fusion: the same happening reported by several articles becomes one event.

Records only (no text analysis): reports are grouped per block (type and party set) in an
order-independent way, each group is merged into one event, and every merge keeps the
reasons it was made.  See ``cluster`` for the algorithm and ``compare`` for the rules.
"""

from __future__ import annotations

from .cluster import Cluster, Link, canonical_key, fuse_reports
from .compare import Comparison, compare
from .evaluate import PairScore, evaluate_corpus, evaluate_gold_file, pairwise_score
from .locality import components, neighbour_keys, time_key
from .merge import fusion_lines, merge_cluster
from .reports import Report, block_key, parties

FUSION_VERSION = "parley.fuse.v1"

__all__ = [
    "FUSION_VERSION",
    "Cluster",
    "Comparison",
    "Link",
    "PairScore",
    "Report",
    "block_key",
    "canonical_key",
    "compare",
    "components",
    "evaluate_corpus",
    "evaluate_gold_file",
    "fuse_reports",
    "fusion_lines",
    "merge_cluster",
    "neighbour_keys",
    "pairwise_score",
    "parties",
    "time_key",
]
