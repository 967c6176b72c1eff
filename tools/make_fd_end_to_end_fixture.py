#!/usr/bin/env python3
"""Fixture for the FD end-to-end test (Tests/EvaluationTests/FrechetEndToEndTests.swift).

Two folders of seeded 16x16 RGB PNGs (a: smooth blobs, b: the same with a brightness shift and noise)
and the Frechet distance between them as pytorch-fid computes it (`calculate_frechet_distance`:
scipy.linalg.sqrtm of sigma1 @ sigma2, eps retry, real part), on features every side can compute
exactly: the 4x4 average pool of each image's [0, 1] pixels, flattened in C, H, W order (48-d).
The Swift test decodes the same PNGs, extracts the same features through the harness's
`FeatureExtractor` batching, and must match.

    python3 tools/make_fd_end_to_end_fixture.py   # writes Tests/Fixtures/evaluation/fd_end_to_end/
"""
import json
import os

import struct
import zlib

import numpy as np
import scipy.linalg

ROOT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "evaluation", "fd_end_to_end")
COUNT, SIDE = 60, 16


def write_png(path, rgb):
    """8-bit RGB PNG without filters (no imaging library needed)."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def images(seed, shift, noise):
    rng = np.random.RandomState(seed)
    ys, xs = np.mgrid[0:SIDE, 0:SIDE] / (SIDE - 1)
    out = []
    for _ in range(COUNT):
        img = np.zeros((SIDE, SIDE, 3))
        for c in range(3):
            cx, cy, s = rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8), rng.uniform(0.15, 0.4)
            img[:, :, c] = rng.uniform(0.3, 0.9) * np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * s * s))
        img = np.clip(img + shift + noise * rng.standard_normal(img.shape), 0, 1)
        out.append(np.round(img * 255).astype(np.uint8))
    return out


def features(batch):
    x = np.stack(batch).astype(np.float64) / 255.0           # N, H, W, C
    x = x.transpose(0, 3, 1, 2)                               # N, C, H, W
    n = x.shape[0]
    pooled = x.reshape(n, 3, SIDE // 4, 4, SIDE // 4, 4).mean(axis=(3, 5))
    return pooled.reshape(n, -1)


def frechet(mu1, s1, mu2, s2, eps=1e-6):
    """pytorch-fid 0.3.0 `calculate_frechet_distance`."""
    diff = mu1 - mu2
    covmean, _ = scipy.linalg.sqrtm(s1.dot(s2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * eps
        covmean = scipy.linalg.sqrtm((s1 + offset).dot(s2 + offset))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def main():
    sets = {"a": images(1, 0.0, 0.02), "b": images(2, 0.08, 0.05)}
    stats = {}
    for name, batch in sets.items():
        folder = os.path.join(ROOT, name)
        os.makedirs(folder, exist_ok=True)
        for k, img in enumerate(batch):
            write_png(os.path.join(folder, f"{k:03d}.png"), img)
        f = features(batch)
        stats[name] = (f.mean(axis=0), np.cov(f, rowvar=False))
    expected = {
        "count": COUNT, "side": SIDE, "pool": 4,
        "fd_a_b": frechet(*stats["a"], *stats["b"]),
        "fd_a_a": frechet(*stats["a"], *stats["a"]),
    }
    with open(os.path.join(ROOT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2)
    print(expected)


if __name__ == "__main__":
    main()
