#!/usr/bin/env python3
"""Golden values for the R1 penalty (Sources/Training/GAN/GradientPenalty.swift, `r1`), from PyTorch.

R1 (Mescheder et al. 2018) as BiL-GAN's `studentGradientPenalty` uses it on a patch critic: s(x) is the
mean of the critic's output map per sample, and R1 = mean_i ||d s(x_i) / d x_i||^2 over real samples,
differentiated into the critic's weights (create_graph). The critic is a small StarGAN-style D
(two stride-2 4x4 convs with LeakyReLU 0.01, then a 3x3 patch head). Writes
Tests/Fixtures/training/r1_penalty.safetensors. Run: python3 tools/make_r1_fixture.py Tests/Fixtures
"""
import os
import sys

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures"
gen = torch.Generator().manual_seed(20181019)
params = {
    "c1.weight": torch.randn(4, 3, 4, 4, generator=gen) * 0.3, "c1.bias": torch.randn(4, generator=gen) * 0.1,
    "c2.weight": torch.randn(6, 4, 4, 4, generator=gen) * 0.3, "c2.bias": torch.randn(6, generator=gen) * 0.1,
    "src.weight": torch.randn(1, 6, 3, 3, generator=gen) * 0.3,
}
for p in params.values():
    p.requires_grad_(True)


def critic(x):
    h = F.leaky_relu(F.conv2d(x, params["c1.weight"], params["c1.bias"], stride=2, padding=1), 0.01)
    h = F.leaky_relu(F.conv2d(h, params["c2.weight"], params["c2.bias"], stride=2, padding=1), 0.01)
    return F.conv2d(h, params["src.weight"], padding=1)


real = torch.rand(3, 3, 16, 16, generator=gen) * 2 - 1
x = real.clone().requires_grad_(True)
scores = critic(x).flatten(1).mean(1)
(slope,) = torch.autograd.grad(scores.sum(), x, create_graph=True)
r1 = slope.flatten(1).pow(2).sum(1).mean()
grads = torch.autograd.grad(r1, list(params.values()))
t = {"real": real, "slope": slope, "r1": r1.reshape(1)}
for (name, p), g in zip(params.items(), grads):
    t["param." + name] = p
    t["grad." + name] = g
os.makedirs(os.path.join(OUT, "training"), exist_ok=True)
save_file({k: v.detach().float().contiguous() for k, v in t.items()}, os.path.join(OUT, "training", "r1_penalty.safetensors"))
print(f"r1_penalty: {len(t)} tensors, R1 = {r1.item():.6f}")
