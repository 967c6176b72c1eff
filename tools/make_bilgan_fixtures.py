#!/usr/bin/env python3
"""Golden values for BiL-GAN's losses (Sources/BiLGAN/Losses), from PyTorch (CPU, float32).

Each loss is written here directly from the paper's equations as restated in
../shared/reference/bilgan-method.md (an independent transcription of the same maths), evaluated on
fixed random inputs; values and input gradients go to Tests/Fixtures/bilgan_losses.safetensors, read by
Tests/BiLGANTests/LossFixtureTests.swift. Run: python3 tools/make_bilgan_fixtures.py Tests/Fixtures
"""
import math
import os
import sys

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures"
gen = torch.Generator().manual_seed(20190415)


def randn(*shape, scale=1.0, shift=0.0):
    return (torch.randn(*shape, generator=gen) * scale + shift).requires_grad_(True)


t = {}
# Teacher target t(x) = clamp(patch mean, 0, 1): one sample below 0, one above 1, two inside.
teacher = torch.randn(4, 1, 3, 3, generator=gen) * 0.3 + torch.tensor([-0.6, 0.4, 0.7, 1.5]).view(4, 1, 1, 1)
target = teacher.mean(dim=(1, 2, 3)).clamp(0, 1)
t.update({"teacher.patch": teacher, "teacher.target": target})

# Inherited D loss (Eq. 4, LSGAN form) on patch maps [4, 1, 2, 2].
real, fake = randn(4, 1, 2, 2, shift=0.5), randn(4, 1, 2, 2, shift=-0.2)
loss_d = (fake ** 2).mean() + ((real - target.view(4, 1, 1, 1)) ** 2).mean()
g_real, g_fake = torch.autograd.grad(loss_d, [real, fake])
t.update({"d.real": real, "d.fake": fake, "d.loss": loss_d.reshape(1), "d.grad_real": g_real, "d.grad_fake": g_fake})

# Importance weights (Eq. 5) and the weighted G loss.
scores = torch.tensor([0.1, 0.8, 0.35, 0.6])
rejection = 1 - scores
omega = 1 + (rejection - rejection.min()) / (rejection.max() - rejection.min())
fake_g = randn(4, 1, 2, 2, shift=0.3)
loss_g = (omega.view(4, 1, 1, 1) / 2 * (fake_g - 1) ** 2).mean()
(g_fake_g,) = torch.autograd.grad(loss_g, [fake_g])
t.update({"w.scores": scores, "w.omega": omega, "g.fake": fake_g, "g.loss": loss_g.reshape(1), "g.grad_fake": g_fake_g})

# InfoNCE with f(a, b) = -||a^ - b^||, in-batch negatives.
x, y = randn(5, 8), randn(5, 8)
a, c = F.normalize(x, dim=1), F.normalize(y, dim=1)
scores_xy = -(a[:, None, :] - c[None, :, :]).norm(dim=2)
info = torch.diagonal(F.log_softmax(scores_xy, dim=1)).mean() + math.log(5)
g_x, g_y = torch.autograd.grad(info, [x, y])
t.update({"nce.x": x, "nce.y": y, "nce.scores": scores_xy, "nce.info": info.reshape(1), "nce.grad_x": g_x, "nce.grad_y": g_y})

# MINE (Donsker-Varadhan) with a statistics network on (a^, b^) and a fixed derangement.
torch.manual_seed(3)
net = torch.nn.Sequential(torch.nn.Linear(16, 12), torch.nn.ReLU(), torch.nn.Linear(12, 12), torch.nn.ReLU(), torch.nn.Linear(12, 1))
xm, ym = randn(5, 8), randn(5, 8)
pairing = [3, 0, 4, 1, 2]
am, bm = F.normalize(xm, dim=1), F.normalize(ym, dim=1)
joint = net(torch.cat([am, bm], 1)).view(5)
marginal = net(torch.cat([am, bm[pairing]], 1)).view(5)
dv = joint.mean() - torch.logsumexp(marginal, 0) + math.log(5)
grads = torch.autograd.grad(dv, [xm, ym] + list(net.parameters()))
t.update({"mine.x": xm, "mine.y": ym, "mine.pairing": torch.tensor(pairing, dtype=torch.float32), "mine.dv": dv.reshape(1),
          "mine.grad_x": grads[0], "mine.grad_y": grads[1]})
for (name, p), g in zip(net.named_parameters(), grads[2:]):
    t[f"mine.net.{name}"] = p
    t[f"mine.grad.net.{name}"] = g

save_file({k: v.detach().float().contiguous() for k, v in t.items()}, os.path.join(OUT, "bilgan_losses.safetensors"))
print(f"bilgan_losses: {len(t)} tensors")
