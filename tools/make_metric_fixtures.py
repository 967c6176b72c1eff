#!/usr/bin/env python3
"""Golden values for the Metrics tests (Tests/Fixtures/metrics/*.json).

Every input is regenerated on the Swift side from a documented generator, so the fixtures hold only
parameters and expected numbers (a few KB):
  * images: SplitMix64 streams (same constants as Sources/EvaluationMetrics/Support/SplitMix64.swift);
  * features: numpy.random.RandomState(seed).randn(N, C), ported in Tests/EvaluationMetricsTests/NumPyRandomState.swift
    (MT19937 + the legacy polar Gaussian), as torch-fidelity's tests/torch_pure/misc/test_fid_stats_fn.py draws them.

References:
  * MS-SSIM / SSIM: pytorch-msssim (VainF) `ms_ssim` / `ssim` on float64 tensors, with the window passed in
    float64 (its default window is built in float32); TF-style odd-side padding via a NumPy port of
    tf.image.ssim_multiscale's `do_pad` (SYMMETRIC bottom/right) — pytorch-msssim has no such mode.
  * FID: scipy.linalg.sqrtm route with TTUR's eps retry and imaginary check (torch-fidelity <= 0.3.0,
    NaN when the check fails), the complex-eigenvalue route of torch-fidelity >= 0.4, and an "exact" value
    from the singular values of R1 R2^T (see fid_exact_reference) that shows how far the first two are off
    when the covariances are singular.
  * KID: clean-fid's `kernel_distance` loop over the given subsets.

Usage: pip install numpy scipy torch pytorch-msssim; python3 tools/make_metric_fixtures.py Tests/Fixtures/metrics
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.linalg
import torch
import pytorch_msssim

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        return self.next() % bound

    def unit(self):
        """Uniform in [0, 1) with 53 bits: (next >> 11) * 2^-53."""
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)

    def sample_without_replacement(self, count, population):
        idx = list(range(population))
        for i in range(count):
            j = i + self.below(population - i)
            idx[i], idx[j] = idx[j], idx[i]
        return idx[:count]


def image_pair(seed, channels, height, width, amplitude, mode):
    """Planar (C,H,W) float64 pair in 0..255. x: bytes (next >> 56); y: clamp(x + a*(2u - 1)) or 255 - x."""
    rng = SplitMix64(seed)
    n = channels * height * width
    x = np.array([float(rng.next() >> 56) for _ in range(n)])
    if mode == "inverted":
        y = 255.0 - x
    else:
        y = np.empty(n)
        for i in range(n):
            t = 2.0 * rng.unit() - 1.0
            y[i] = min(max(x[i] + amplitude * t, 0.0), 255.0)
    return x.reshape(channels, height, width), y.reshape(channels, height, width)


def gauss_window64(size=11, sigma=1.5):
    coords = np.arange(size, dtype=np.float64) - (size - 1) / 2
    g = np.exp(-(coords ** 2) / (2 * sigma ** 2))
    return g / g.sum()


def torch_ms_ssim(x, y, data_range):
    X = torch.tensor(x[None], dtype=torch.float64)
    Y = torch.tensor(y[None], dtype=torch.float64)
    win = torch.tensor(gauss_window64(), dtype=torch.float64)[None, None].repeat(x.shape[0], 1, 1, 1)
    ms = pytorch_msssim.ms_ssim(X, Y, data_range=data_range, win=win, size_average=False).item()
    ss = pytorch_msssim.ssim(X, Y, data_range=data_range, win=win, size_average=False).item()
    ms_default_window = pytorch_msssim.ms_ssim(X, Y, data_range=data_range, size_average=False).item()
    return ms, ss, ms_default_window


def numpy_ms_ssim_tf_padding(x, y, data_range, weights=(0.0448, 0.2856, 0.3001, 0.2363, 0.1333)):
    """NumPy port of tf.image.ssim_multiscale's per-channel algorithm (SYMMETRIC bottom/right pad)."""
    w = gauss_window64()
    c1, c2 = (0.01 * data_range) ** 2, (0.03 * data_range) ** 2

    def filt(p):
        k = len(w)
        h = sum(w[t] * p[:, t:p.shape[1] - k + 1 + t] for t in range(k))
        return sum(w[t] * h[t:h.shape[0] - k + 1 + t, :] for t in range(k))

    def pool(p):
        p = np.pad(p, ((0, p.shape[0] % 2), (0, p.shape[1] % 2)), mode="symmetric")
        return (p[0::2, 0::2] + p[1::2, 0::2] + p[0::2, 1::2] + p[1::2, 1::2]) / 4

    values = []
    for c in range(x.shape[0]):
        a, b = x[c], y[c]
        prod = 1.0
        for s, wt in enumerate(weights):
            mx, my = filt(a), filt(b)
            vx, vy, cxy = filt(a * a) - mx * mx, filt(b * b) - my * my, filt(a * b) - mx * my
            cs = (2 * cxy + c2) / (vx + vy + c2)
            lum = (2 * mx * my + c1) / (mx * mx + my * my + c1)
            term = (lum * cs).mean() if s == len(weights) - 1 else cs.mean()
            prod *= max(term, 0.0) ** wt
            a, b = pool(a), pool(b)
        values.append(prod)
    return float(np.mean(values))


def ms_ssim_cases():
    specs = [
        dict(name="rgb256-noise40", seed=11, channels=3, height=256, width=256, amplitude=40.0, mode="noise", data_range=255.0),
        dict(name="gray161-noise100", seed=12, channels=1, height=161, width=161, amplitude=100.0, mode="noise", data_range=255.0),
        dict(name="rgb-odd171x199-noise20", seed=13, channels=3, height=171, width=199, amplitude=20.0, mode="noise", data_range=255.0),
        dict(name="rgb200x180-inverted", seed=14, channels=3, height=200, width=180, amplitude=0.0, mode="inverted", data_range=255.0),
        dict(name="rgb180x240-unit-range-noise60", seed=15, channels=3, height=180, width=240, amplitude=60.0, mode="noise", data_range=1.0),
    ]
    cases = []
    for spec in specs:
        x, y = image_pair(spec["seed"], spec["channels"], spec["height"], spec["width"], spec["amplitude"], spec["mode"])
        if spec["data_range"] == 1.0:
            x, y = x / 255.0, y / 255.0
        ms, ss, ms_f32win = torch_ms_ssim(x, y, spec["data_range"])
        case = dict(spec)
        case.update(
            first_pixels_x=x.reshape(-1)[:4].tolist(), first_pixels_y=y.reshape(-1)[:4].tolist(),
            ms_ssim_pytorch_msssim=ms, ssim_pytorch_msssim=ss, ms_ssim_pytorch_msssim_float32_window=ms_f32win,
            ms_ssim_tf_symmetric_padding_numpy=numpy_ms_ssim_tf_padding(x, y, spec["data_range"]),
        )
        cases.append(case)
    return dict(generator="see tools/make_metric_fixtures.py image_pair", pytorch_msssim=pytorch_msssim.__version__ if hasattr(pytorch_msssim, "__version__") else "1.x",
                torch=torch.__version__, cases=cases)


def fid_sqrtm_reference(mu1, s1, mu2, s2, eps=1e-6):
    """TTUR / pytorch-fid / torch-fidelity <= 0.3.0: scipy sqrtm, eps retry, imaginary check (NaN on failure)."""
    diff = mu1 - mu2
    covmean = scipy.linalg.sqrtm(s1.dot(s2))
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * eps
        covmean = scipy.linalg.sqrtm((s1 + offset).dot(s2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            return float("nan")
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def fid_eig_reference(mu1, s1, mu2, s2):
    """torch-fidelity >= 0.4 metric_fid.py: sum of sqrt of complex eigenvalues of s1 s2, real part."""
    diff = mu1 - mu2
    tr = np.sum(np.sqrt(np.linalg.eigvals(s1.dot(s2)).astype(np.complex128)).real)
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * tr)


def fid_buggy_real_eig(mu1, s1, mu2, s2):
    diff = mu1 - mu2
    with np.errstate(invalid="ignore"):
        tr = np.sum(np.sqrt(np.linalg.eigvals(s1.dot(s2))).real)
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * tr)


def fid_exact_reference(f1, f2):
    """FID with tr sqrt(S1 S2) from a better-conditioned route: with A the centred features, S = A^T A/(N-1),
    so the eigenvalues of S1 S2 are the squared singular values of A1 A2^T/(N-1) and tr sqrt(S1 S2) is its
    nuclear norm; with A = QR (QR of the N x C matrix), that is the nuclear norm of R1 R2^T/(N-1). No product
    of covariances is formed and no square root of a rounding-level eigenvalue is taken, so this stays exact
    to ~1e-12 where sqrtm and eigvals carry ~1e-5 of noise (singular S, N <= C)."""
    n = f1.shape[0]
    a1, a2 = f1 - f1.mean(axis=0), f2 - f2.mean(axis=0)
    r1, r2 = np.linalg.qr(a1, mode="r"), np.linalg.qr(a2, mode="r")
    tr = np.linalg.svd(r1 @ r2.T, compute_uv=False).sum() / (n - 1)
    s1, s2 = np.atleast_2d(np.cov(f1, rowvar=False)), np.atleast_2d(np.cov(f2, rowvar=False))
    diff = f1.mean(axis=0) - f2.mean(axis=0)
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * tr)


def fid_case(n, c, seed):
    rng = np.random.RandomState(seed)
    f1, f2 = rng.randn(n, c), rng.randn(n, c)
    mu1, mu2 = f1.mean(axis=0), f2.mean(axis=0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    s1, s2 = np.atleast_2d(s1), np.atleast_2d(s2)
    out = dict(n=n, c=c, seed=seed, first_feature=float(f1[0, 0]), last_feature=float(f2[-1, -1]),
               sqrtm=fid_sqrtm_reference(mu1, s1, mu2, s2), eig=fid_eig_reference(mu1, s1, mu2, s2),
               exact=fid_exact_reference(f1, f2))
    return out, (mu1, s1, mu2, s2)


def fid_cases():
    grid = []
    for n_log2 in range(1, 16):
        for c_log2 in range(1, 9):
            grid.append(fid_case(2 ** n_log2, 2 ** c_log2, 2023)[0])
    nan_case, stats = fid_case(4, 4, 1)
    nan_case["buggy_real_eig_is_nan"] = bool(np.isnan(fid_buggy_real_eig(*stats)))
    assert nan_case["buggy_real_eig_is_nan"], "the (4, 4, seed 1) case no longer trips the real-eigvals bug"
    return dict(scipy=scipy.__version__, numpy=np.__version__, grid=grid, nan_case=nan_case)


def kid_case(name, n_real, n_gen, dim, shift, subsets, max_subset, seed_features, seed_subsets):
    rng = np.random.RandomState(seed_features)
    real = rng.randn(n_real, dim)
    gen = rng.randn(n_gen, dim) + shift
    m = min(n_real, n_gen, max_subset)
    sm = SplitMix64(seed_subsets)
    chosen = []
    for _ in range(subsets):
        g = sm.sample_without_replacement(m, n_gen)
        r = sm.sample_without_replacement(m, n_real)
        chosen.append((g, r))
    # clean-fid cleanfid/fid.py kernel_distance, with feats1 = real, feats2 = generated and the subsets above.
    mmds = []
    for g, r in chosen:
        x, y = gen[g], real[r]
        a = (x @ x.T / dim + 1) ** 3 + (y @ y.T / dim + 1) ** 3
        b = (x @ y.T / dim + 1) ** 3
        mmds.append(((a.sum() - np.diag(a).sum()) / (m - 1) - b.sum() * 2 / m) / m)
    mmds = np.array(mmds)
    return dict(name=name, n_real=n_real, n_generated=n_gen, dim=dim, shift=shift, subsets=subsets,
                max_subset=max_subset, seed_features=seed_features, seed_subsets=seed_subsets, subset_size=m,
                first_subset_generated=chosen[0][0][:5], first_subset_real=chosen[0][1][:5],
                mean=float(mmds.mean()), std=float(mmds.std()), per_subset=mmds.tolist())


def kid_cases():
    return dict(cases=[
        kid_case("same-distribution", 60, 50, 16, 0.0, 10, 1000, 7, 42),
        kid_case("shifted-small-subsets", 120, 90, 8, 0.5, 5, 40, 8, 43),
        kid_case("default-100-subsets", 40, 45, 4, 0.25, 100, 1000, 9, 44),
    ])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/metrics"
    os.makedirs(out, exist_ok=True)
    for name, payload in (("ms_ssim", ms_ssim_cases()), ("fid", fid_cases()), ("kid", kid_cases())):
        path = os.path.join(out, name + ".json")
        with open(path, "w") as f:
            json.dump(payload, f, indent=1)
            f.write("\n")
        print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
