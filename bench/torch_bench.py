#!/usr/bin/env python3
"""PyTorch CPU side of `make bench`: the same cases as bench/TensorBench, timed the same way
(warm-up, then the median of N runs). Prints one JSON object on stdout.

Usage: python3 bench/torch_bench.py [--quick] [--threads N] [--repeats N]
           tensor-op cases: {case: seconds}
       python3 bench/torch_bench.py --training-row METHOD --profile FILE [--threads N] [--repeats N]
           one training row (bench/training_rows/METHOD.py) at that profile's settings:
           {"seconds_per_unit", "images_per_unit", "images_per_second", "unit"}
       python3 bench/torch_bench.py --memory-child METHOD --profile FILE [--threads N]
           that row's peak iteration in this fresh process: {"peak_bytes", "before_bytes", "start_bytes"} (VmHWM)
       python3 bench/torch_bench.py --evaluator-row NAME --batch N --size S [--threads N] [--repeats N]
           one evaluator forward (bench/evaluator_models.py; NAME fid_inception_v3 or light_cnn29v2) on a
           random batch, eval mode, no gradients: {"seconds", "images", "images_per_second", "features"}
Needs PyTorch: pip install torch (CPU wheels: --index-url https://download.pytorch.org/whl/cpu).
"""
import argparse
import json
import resource
import statistics
import sys
import time

import torch
import torch.nn.functional as F

from torch_models import Discriminator, Generator


def timed(fn, repeats, warmup=1):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def stargan_iteration(G, D, g_opt, d_opt, x_real, label_org, label_trg):
    """One D step with gradient penalty and one G step (yunjey/stargan solver.py train())."""
    out_src, out_cls = D(x_real)
    d_loss_real = -torch.mean(out_src)
    d_loss_cls = F.binary_cross_entropy_with_logits(out_cls, label_org, reduction="sum") / out_cls.size(0)
    x_fake = G(x_real, label_trg)
    out_src, _ = D(x_fake.detach())
    d_loss_fake = torch.mean(out_src)
    alpha = torch.rand(x_real.size(0), 1, 1, 1)
    x_hat = (alpha * x_real.data + (1 - alpha) * x_fake.data).requires_grad_(True)
    out_src, _ = D(x_hat)
    dydx = torch.autograd.grad(out_src, x_hat, torch.ones_like(out_src), retain_graph=True, create_graph=True)[0]
    d_loss_gp = torch.mean((dydx.view(dydx.size(0), -1).norm(2, dim=1) - 1) ** 2)
    d_loss = d_loss_real + d_loss_fake + d_loss_cls + 10 * d_loss_gp
    g_opt.zero_grad(); d_opt.zero_grad()
    d_loss.backward()
    d_opt.step()

    x_fake = G(x_real, label_trg)
    out_src, out_cls = D(x_fake)
    g_loss_fake = -torch.mean(out_src)
    g_loss_cls = F.binary_cross_entropy_with_logits(out_cls, label_trg, reduction="sum") / out_cls.size(0)
    x_rec = G(x_fake, label_org)
    g_loss_rec = torch.mean(torch.abs(x_real - x_rec))
    g_loss = g_loss_fake + 10 * g_loss_rec + g_loss_cls
    g_opt.zero_grad(); d_opt.zero_grad()
    g_loss.backward()
    g_opt.step()


def profile_entry(path, method):
    """The profile file's `methods.METHOD` entry; errors name the file and the method."""
    try:
        with open(path) as f:
            methods = json.load(f)["methods"]
    except (OSError, ValueError, KeyError) as error:
        sys.exit(f"torch_bench: cannot read profile {path}: {error}")
    if method not in methods:
        sys.exit(f"torch_bench: {path} has no settings for method '{method}' (it has: {', '.join(sorted(methods))})")
    return methods[method]


def build_row(method, profile, seed=0):
    from training_rows import rows
    available = rows()
    if method not in available:
        sys.exit(f"torch_bench: no training row '{method}' (rows: {', '.join(sorted(available))})")
    entry = profile_entry(profile, method)
    return available[method].build(entry["training"], entry["settings"], seed)


def max_rss_bytes():
    """Peak resident set size of this process so far: VmHWM from /proc/self/status on Linux (ru_maxrss
    there carries over the parent's RSS across fork and exec), else ru_maxrss (bytes on macOS)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def training_row(args):
    step = build_row(args.training_row, args.profile)
    seconds = timed(step.run, args.repeats)
    return {"seconds_per_unit": seconds, "images_per_unit": step.images_per_unit,
            "images_per_second": step.images_per_unit / seconds, "unit": step.unit,
            "_meta": {"torch": torch.__version__, "threads": torch.get_num_threads()}}


def memory_child(args):
    start = max_rss_bytes()
    step = build_row(args.memory_child, args.profile)
    description, work = step.peak_iteration
    before = max_rss_bytes()
    work()
    return {"peak_bytes": max_rss_bytes(), "before_bytes": before, "start_bytes": start, "unit": description}


def evaluator_row(args):
    """Inference as the evaluators run it: eval mode, no autograd, default-initialised weights (the
    timing does not depend on their values), a uniform [0, 1] batch (RGB for Inception, grey faces for
    Light CNN)."""
    from evaluator_models import FIDInceptionV3, network_29layers_v2, resblock
    if args.batch is None or args.size is None or args.batch < 1 or args.size < 1:
        sys.exit("torch_bench: --evaluator-row needs --batch N and --size S (positive)")
    if args.evaluator_row == "fid_inception_v3":
        model, images = FIDInceptionV3(), torch.rand(args.batch, 3, args.size, args.size)
        features = lambda: model(images)  # noqa: E731
    elif args.evaluator_row == "light_cnn29v2":
        if args.size % 16:
            sys.exit(f"torch_bench: --size {args.size}: Light CNN-29 v2 needs a multiple of 16")
        model = network_29layers_v2(resblock, [1, 2, 3, 4], num_classes=args.classes, input_size=args.size)
        images = torch.rand(args.batch, 1, args.size, args.size)
        features = lambda: model(images)[1]  # noqa: E731
    else:
        sys.exit(f"torch_bench: no evaluator row '{args.evaluator_row}' (rows: fid_inception_v3, light_cnn29v2)")
    model.eval()
    with torch.no_grad():
        out = features()
        seconds = timed(features, args.repeats)
    return {"seconds": seconds, "images": args.batch, "images_per_second": args.batch / seconds,
            "features": list(out.shape), "_meta": {"torch": torch.__version__, "threads": torch.get_num_threads()}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller batch and image (smoke run)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--training-row", metavar="METHOD", help="time one training row (bench/training_rows/)")
    ap.add_argument("--memory-child", metavar="METHOD", help="peak memory of one unit of a training row")
    ap.add_argument("--evaluator-row", metavar="NAME", help="time one evaluator forward (bench/evaluator_models.py)")
    ap.add_argument("--batch", type=int, help="batch of --evaluator-row")
    ap.add_argument("--size", type=int, help="square input side of --evaluator-row")
    ap.add_argument("--classes", type=int, default=80013, help="Light CNN classifier width (upstream 80013)")
    ap.add_argument("--profile", metavar="FILE", help="profile JSON for --training-row / --memory-child")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    if args.evaluator_row:
        json.dump(evaluator_row(args), sys.stdout)
        return
    if args.training_row or args.memory_child:
        if not args.profile:
            sys.exit("torch_bench: --training-row and --memory-child need --profile FILE")
        json.dump(training_row(args) if args.training_row else memory_child(args), sys.stdout)
        return
    b, size = (4, 64) if args.quick else (16, 128)
    r = {}

    x = torch.randn(b, 256, 32, 32)
    w = torch.randn(256, 256, 3, 3) * 0.02
    r["conv2d_forward"] = timed(lambda: F.conv2d(x, w, padding=1), args.repeats)
    xg, wg = x.clone().requires_grad_(True), w.clone().requires_grad_(True)
    y = F.conv2d(xg, wg, padding=1)
    gy = torch.randn_like(y)
    r["conv2d_backward"] = timed(lambda: torch.autograd.grad(y, [xg, wg], gy, retain_graph=True), args.repeats)

    xi = torch.randn(b, 64, size, size, requires_grad=True)
    gamma, beta = torch.ones(64, requires_grad=True), torch.zeros(64, requires_grad=True)
    gi = torch.randn(b, 64, size, size)

    def instance_norm():
        yi = F.instance_norm(xi, weight=gamma, bias=beta)
        torch.autograd.grad(yi, [xi, gamma, beta], gi)
    r["instance_norm_fwd_bwd"] = timed(instance_norm, args.repeats)

    G, D = Generator(), Discriminator(image_size=size)
    images = torch.rand(b, 3, size, size) * 2 - 1
    labels = torch.randint(0, 2, (b, 5)).float()
    trg = labels[torch.randperm(b)]
    r["generator_forward"] = timed(lambda: G(images, trg), max(2, args.repeats // 2))
    g_opt = torch.optim.Adam(G.parameters(), 1e-4, (0.5, 0.999))
    d_opt = torch.optim.Adam(D.parameters(), 1e-4, (0.5, 0.999))
    r["stargan_iteration"] = timed(lambda: stargan_iteration(G, D, g_opt, d_opt, images, labels, trg),
                                   max(2, args.repeats // 2))
    r["_meta"] = {"torch": torch.__version__, "threads": torch.get_num_threads(), "batch": b, "size": size}
    json.dump(r, sys.stdout)


if __name__ == "__main__":
    main()
