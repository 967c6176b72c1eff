#!/usr/bin/env python3
"""PyTorch CPU side of `make bench`: the same cases as bench/TensorBench, timed the same way
(warm-up, then the median of N runs). Prints one JSON object {case: seconds} on stdout.

Usage: python3 bench/torch_bench.py [--quick] [--threads N]
Needs PyTorch: pip install torch (CPU wheels: --index-url https://download.pytorch.org/whl/cpu).
"""
import argparse
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def timed(fn, repeats, warmup=1):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


class ResidualBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.InstanceNorm2d(c, affine=True, track_running_stats=True),
            nn.ReLU(inplace=True),
            nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.InstanceNorm2d(c, affine=True, track_running_stats=True))

    def forward(self, x):
        return x + self.main(x)


class Generator(nn.Module):
    """yunjey/stargan model.py Generator."""

    def __init__(self, conv_dim=64, c_dim=5, repeat_num=6):
        super().__init__()
        layers = [nn.Conv2d(3 + c_dim, conv_dim, 7, 1, 3, bias=False),
                  nn.InstanceNorm2d(conv_dim, affine=True, track_running_stats=True), nn.ReLU(inplace=True)]
        c = conv_dim
        for _ in range(2):
            layers += [nn.Conv2d(c, c * 2, 4, 2, 1, bias=False),
                       nn.InstanceNorm2d(c * 2, affine=True, track_running_stats=True), nn.ReLU(inplace=True)]
            c *= 2
        layers += [ResidualBlock(c) for _ in range(repeat_num)]
        for _ in range(2):
            layers += [nn.ConvTranspose2d(c, c // 2, 4, 2, 1, bias=False),
                       nn.InstanceNorm2d(c // 2, affine=True, track_running_stats=True), nn.ReLU(inplace=True)]
            c //= 2
        layers += [nn.Conv2d(c, 3, 7, 1, 3, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, x, c):
        c = c.view(c.size(0), c.size(1), 1, 1).repeat(1, 1, x.size(2), x.size(3))
        return self.main(torch.cat([x, c], dim=1))


class Discriminator(nn.Module):
    """yunjey/stargan model.py Discriminator."""

    def __init__(self, image_size=128, conv_dim=64, c_dim=5, repeat_num=6):
        super().__init__()
        layers = [nn.Conv2d(3, conv_dim, 4, 2, 1), nn.LeakyReLU(0.01)]
        c = conv_dim
        for _ in range(1, repeat_num):
            layers += [nn.Conv2d(c, c * 2, 4, 2, 1), nn.LeakyReLU(0.01)]
            c *= 2
        self.main = nn.Sequential(*layers)
        self.conv1 = nn.Conv2d(c, 1, 3, 1, 1, bias=False)
        self.conv2 = nn.Conv2d(c, c_dim, image_size // 2 ** repeat_num, bias=False)

    def forward(self, x):
        h = self.main(x)
        return self.conv1(h), self.conv2(h).view(h.size(0), -1)


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller batch and image (smoke run)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
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
