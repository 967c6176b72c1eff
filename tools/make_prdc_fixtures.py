#!/usr/bin/env python3
"""Golden values for precision / recall / density / coverage (Tests/Fixtures/metrics/prdc.json).

A NumPy transcription of generative-evaluation-prdc 0.2 `prdc/prdc.py` (`compute_prdc`, Naeem et al.
2020), with scikit-learn's `pairwise_distances(metric='euclidean')` written out as it computes them
((-2·X·Yᵀ + ‖x‖²) + ‖y‖², clipped at 0, zero diagonal when Y is X, square root). Features are
`numpy.random.RandomState(seed).randn`, regenerated on the Swift side by
Tests/EvaluationMetricsTests/NumPyRandomState.swift, so only parameters and results are stored.

Usage: python3 tools/make_prdc_fixtures.py [Tests/Fixtures/metrics]
"""
import json
import os
import sys

import numpy as np


def pairwise_distances(x, y=None):
    same = y is None
    y = x if same else y
    d = -2 * (x @ y.T)
    d += (x * x).sum(axis=1)[:, None]
    d += (y * y).sum(axis=1)[None, :]
    np.maximum(d, 0, out=d)
    if same:
        np.fill_diagonal(d, 0)
    return np.sqrt(d)


def get_kth_value(unsorted, k, axis=-1):
    indices = np.argpartition(unsorted, k, axis=axis)[..., :k]
    return np.take_along_axis(unsorted, indices, axis=axis).max(axis=axis)


def compute_prdc(real, fake, nearest_k):
    real_radii = get_kth_value(pairwise_distances(real), nearest_k + 1)
    fake_radii = get_kth_value(pairwise_distances(fake), nearest_k + 1)
    d = pairwise_distances(real, fake)
    precision = (d < real_radii[:, None]).any(axis=0).mean()
    recall = (d < fake_radii[None, :]).any(axis=1).mean()
    density = (1.0 / float(nearest_k)) * (d < real_radii[:, None]).sum(axis=0).mean()
    coverage = (d.min(axis=1) < real_radii).mean()
    return dict(precision=float(precision), recall=float(recall), density=float(density), coverage=float(coverage))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/metrics"
    cases = []
    # (name, seed, n_real, n_fake, dim, fake shift, fake scale, k)
    for name, seed, n, m, dim, shift, scale, k in [
        ("same", 7, 120, 100, 8, 0.0, 1.0, 5),
        ("shifted", 8, 150, 90, 16, 0.7, 1.0, 5),
        ("collapsed", 9, 100, 100, 4, 0.0, 0.3, 5),
        ("k3_wide", 10, 60, 80, 32, 0.2, 1.5, 3),
    ]:
        rs = np.random.RandomState(seed)
        real = rs.randn(n, dim)
        fake = rs.randn(m, dim) * scale + shift
        r = compute_prdc(real, fake, k)
        cases.append(dict(name=name, seed=seed, n_real=n, n_fake=m, dim=dim, shift=shift, scale=scale, k=k, **r))
        print(name, r)
    with open(os.path.join(out, "prdc.json"), "w") as f:
        json.dump({"cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
