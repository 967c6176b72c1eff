#!/usr/bin/env python3
"""Golden fixtures for the tensor core, from PyTorch (CPU, float32).

Each fixture is a small safetensors file: inputs, parameters, outputs and gradients of
L = sum(r * f(inputs)) for a fixed random r, under names the Swift tests read
(Tests/TensorCoreTests/PyTorchFixtureTests.swift). Run `make fixtures` (needs `pip install torch
safetensors`); the files are committed, PyTorch is not needed to run the tests.
"""
import os
import sys

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures"
torch.manual_seed(0)
torch.set_default_dtype(torch.float32)


def leaf(*shape, scale=1.0):
    return (torch.randn(*shape) * scale).requires_grad_(True)


def vjp(out, inputs):
    """Gradients of sum(r * out) for a random r; returns (r, grads)."""
    r = torch.randn_like(out)
    grads = torch.autograd.grad(out, inputs, grad_outputs=r, allow_unused=True)
    return r, grads


def save(name, tensors):
    tensors = {k: v.detach().float().clone().contiguous() for k, v in tensors.items()}
    save_file(tensors, os.path.join(OUT, name + ".safetensors"))
    print(f"{name}: {len(tensors)} tensors")


def convolution_cases(name, op, cases, bias_channels_axis):
    """Output and gradients of `op` (F.conv2d or F.conv_transpose2d) for each case."""
    t = {}
    for case, c in cases.items():
        c = dict(c)
        x, w = leaf(*c.pop("x")), leaf(*c.pop("w"), scale=0.3)
        b = leaf(w.shape[bias_channels_axis]) if c.pop("bias") else None
        y = op(x, w, b, **c)
        r, g = vjp(y, [x, w] + ([b] if b is not None else []))
        t.update({f"{case}.x": x, f"{case}.w": w, f"{case}.y": y, f"{case}.r": r,
                  f"{case}.dx": g[0], f"{case}.dw": g[1]})
        if b is not None:
            t[f"{case}.b"], t[f"{case}.db"] = b, g[2]
    save(name, t)


def conv2d():
    convolution_cases("conv2d", F.conv2d, {
        "s2p1": dict(x=(2, 3, 7, 6), w=(4, 3, 3, 3), stride=2, padding=1, dilation=1, bias=True),
        "s1p0": dict(x=(2, 5, 4, 4), w=(3, 5, 1, 1), stride=1, padding=0, dilation=1, bias=False),
        "k4s2p1": dict(x=(1, 2, 8, 8), w=(3, 2, 4, 4), stride=2, padding=1, dilation=1, bias=True),
        "k7p3": dict(x=(2, 4, 6, 5), w=(2, 4, 7, 7), stride=1, padding=3, dilation=1, bias=False),
        "dil2": dict(x=(1, 2, 9, 9), w=(2, 2, 3, 3), stride=1, padding=2, dilation=2, bias=True),
    }, bias_channels_axis=0)


def conv_transpose2d():
    convolution_cases("conv_transpose2d", F.conv_transpose2d, {
        "k4s2p1": dict(x=(2, 4, 5, 5), w=(4, 3, 4, 4), stride=2, padding=1, output_padding=0, bias=True),
        "k3s2p1op1": dict(x=(1, 3, 4, 3), w=(3, 2, 3, 3), stride=2, padding=1, output_padding=1, bias=False),
    }, bias_channels_axis=1)


def norms():
    t = {}
    x = leaf(2, 3, 5, 6, scale=2.0)
    x.data += 0.5
    w, b = leaf(3), leaf(3)
    y = F.instance_norm(x, weight=w, bias=b, eps=1e-5)
    r, g = vjp(y, [x, w, b])
    t.update({"in.x": x, "in.w": w, "in.b": b, "in.y": y, "in.r": r, "in.dx": g[0], "in.dw": g[1], "in.db": g[2]})
    y2 = F.instance_norm(x, eps=1e-5)
    r2, g2 = vjp(y2, [x])
    t.update({"in_plain.y": y2, "in_plain.r": r2, "in_plain.dx": g2[0]})

    bn = torch.nn.BatchNorm2d(3, momentum=0.1, eps=1e-5)
    with torch.no_grad():
        bn.weight.copy_(torch.randn(3))
        bn.bias.copy_(torch.randn(3))
    xb = leaf(4, 3, 5, 5, scale=1.5)
    bn.train()
    yb = bn(xb)
    rb, gb = vjp(yb, [xb, bn.weight, bn.bias])
    t.update({"bn.x": xb, "bn.w": bn.weight, "bn.b": bn.bias, "bn.y": yb, "bn.r": rb, "bn.dx": gb[0],
              "bn.dw": gb[1], "bn.db": gb[2], "bn.running_mean": bn.running_mean, "bn.running_var": bn.running_var})
    bn.eval()
    xe = torch.randn(2, 3, 4, 4)
    t.update({"bn_eval.x": xe, "bn_eval.y": bn(xe)})
    save("norms", t)


def norm_modules():
    """nn.InstanceNorm2d(affine, track_running_stats) and nn.BatchNorm2d after three training forwards:
    outputs, running statistics and num_batches_tracked (InstanceNorm never counts; BatchNorm does)."""
    gen = torch.Generator().manual_seed(7)
    inorm = torch.nn.InstanceNorm2d(3, affine=True, track_running_stats=True)
    bnorm = torch.nn.BatchNorm2d(3)
    t = {}
    with torch.no_grad():
        inorm.weight.copy_(torch.randn(3, generator=gen))
        inorm.bias.copy_(torch.randn(3, generator=gen))
        for step in range(3):
            x = torch.randn(2, 3, 4, 5, generator=gen) * 1.5 + 0.3
            t[f"step{step}.x"] = x
            t[f"step{step}.in_y"] = inorm.train()(x)
            t[f"step{step}.bn_y"] = bnorm.train()(x)
    t.update({"in.weight": inorm.weight, "in.bias": inorm.bias})
    for prefix, module in [("in", inorm), ("bn", bnorm)]:
        for name, buffer in module.named_buffers():
            t[f"{prefix}.{name}"] = buffer.float()
    save("norm_modules", t)


def pooling():
    t = {}
    x = leaf(2, 2, 7, 7)
    y = F.max_pool2d(x, 3, stride=2, padding=1, ceil_mode=True)
    r, g = vjp(y, [x])
    t.update({"max.x": x, "max.y": y, "max.r": r, "max.dx": g[0]})
    x2 = leaf(1, 2, 6, 6)
    y2 = F.max_pool2d(x2, 2, stride=2, ceil_mode=False)
    r2, g2 = vjp(y2, [x2])
    t.update({"max2.x": x2, "max2.y": y2, "max2.r": r2, "max2.dx": g2[0]})
    for name, cip in [("avg_incl", True), ("avg_excl", False)]:
        xa = leaf(2, 2, 7, 6)
        ya = F.avg_pool2d(xa, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=cip)
        ra, ga = vjp(ya, [xa])
        t.update({f"{name}.x": xa, f"{name}.y": ya, f"{name}.r": ra, f"{name}.dx": ga[0]})
    save("pooling", t)


def resampling():
    t = {}
    x = leaf(1, 8, 3, 3)
    y = F.pixel_shuffle(x, 2)
    t.update({"shuffle.x": x, "shuffle.y": y})
    for name, size in [("up", (8, 11)), ("down", (3, 2)), ("mixed", (4, 13))]:
        xb = leaf(1, 2, 5, 7)
        yb = F.interpolate(xb, size=size, mode="bilinear", align_corners=False)
        r, g = vjp(yb, [xb])
        t.update({f"bilinear_{name}.x": xb, f"bilinear_{name}.y": yb, f"bilinear_{name}.r": r, f"bilinear_{name}.dx": g[0]})
    xn = torch.randn(1, 2, 5, 7)
    t.update({"nearest.x": xn, "nearest.y": F.interpolate(xn, size=(8, 3), mode="nearest"),
              "nearest_exact.y": F.interpolate(xn, size=(8, 3), mode="nearest-exact")})
    xr = leaf(1, 2, 4, 5)
    yr = F.pad(xr, (2, 1, 3, 1), mode="reflect")
    r, g = vjp(yr, [xr])
    t.update({"reflect.x": xr, "reflect.y": yr, "reflect.r": r, "reflect.dx": g[0]})
    save("resampling", t)


def losses():
    t = {}
    logits, targets = leaf(4, 5, scale=3.0), torch.rand(4, 5).round()
    v = F.binary_cross_entropy_with_logits(logits, targets)
    (g,) = torch.autograd.grad(v, [logits])
    t.update({"bce.logits": logits, "bce.targets": targets, "bce.loss": v, "bce.dlogits": g})
    # StarGAN's CelebA classification loss: sum over attributes / batch.
    v2 = F.binary_cross_entropy_with_logits(logits, targets, reduction="sum") / logits.size(0)
    t["bce_stargan.loss"] = v2
    ce_logits, labels = leaf(6, 4, scale=2.0), torch.tensor([0, 3, 1, 1, 2, 0])
    v = F.cross_entropy(ce_logits, labels)
    (g,) = torch.autograd.grad(v, [ce_logits])
    t.update({"ce.logits": ce_logits, "ce.labels": labels.float(), "ce.loss": v, "ce.dlogits": g})
    a, b = leaf(3, 4), leaf(3, 4)
    for name, fn in [("mse", F.mse_loss), ("l1", F.l1_loss)]:
        v = fn(a, b)
        ga, gb = torch.autograd.grad(v, [a, b])
        t.update({f"{name}.a": a, f"{name}.b": b, f"{name}.loss": v, f"{name}.da": ga, f"{name}.db": gb})
    x = leaf(3, 7)
    t.update({"softmax.x": x, "softmax.y": F.softmax(x, dim=1), "log_softmax.y": F.log_softmax(x, dim=1)})
    save("losses", t)


def adam():
    t = {}
    p = torch.randn(5, 3).requires_grad_(True)
    t["p0"] = p.detach().clone()
    opt = torch.optim.Adam([p], lr=1e-2, betas=(0.5, 0.999), eps=1e-8, weight_decay=1e-3)
    for step in range(3):
        g = torch.randn(5, 3)
        t[f"g{step}"] = g
        p.grad = g.clone()
        opt.step()
        t[f"p{step + 1}"] = p.detach().clone()
    save("adam", t)


def wgan_gp():
    """WGAN-GP through a small StarGAN-style discriminator (solver.py gradient_penalty)."""
    t = {}
    c_dim = 3
    d = torch.nn.ModuleDict({
        "c1": torch.nn.Conv2d(3, 8, 4, 2, 1), "c2": torch.nn.Conv2d(8, 16, 4, 2, 1),
        "src": torch.nn.Conv2d(16, 1, 3, 1, 1, bias=False), "cls": torch.nn.Conv2d(16, c_dim, 2, bias=False),
    })

    def forward(x):
        h = F.leaky_relu(d["c1"](x), 0.01)
        h = F.leaky_relu(d["c2"](h), 0.01)
        return d["src"](h), d["cls"](h).view(x.size(0), -1)

    x_real, x_fake = torch.randn(2, 3, 8, 8), torch.randn(2, 3, 8, 8)
    alpha = torch.rand(2, 1, 1, 1)
    x_hat = (alpha * x_real + (1 - alpha) * x_fake).requires_grad_(True)
    out_src, _ = forward(x_hat)
    dydx = torch.autograd.grad(out_src, x_hat, grad_outputs=torch.ones_like(out_src),
                               create_graph=True, retain_graph=True)[0]
    gp = torch.mean((dydx.view(dydx.size(0), -1).norm(2, dim=1) - 1) ** 2)
    params = dict(d.named_parameters())
    grads = torch.autograd.grad(gp, list(params.values()), allow_unused=True)
    # The classification head does not reach the penalty: its gradient is zero.
    grads = [torch.zeros_like(v) if g is None else g for v, g in zip(params.values(), grads)]
    t.update({"x_real": x_real, "x_fake": x_fake, "alpha": alpha, "gp": gp, "dydx": dydx})
    for (k, v), g in zip(params.items(), grads):
        t["param." + k] = v
        t["grad." + k] = g
    save("wgan_gp", t)


def stargan_state_dicts():
    """StarGAN's G and D (bench/torch_models.py, the yunjey/stargan layer lists): state-dict names and
    shapes at full size (JSON), and a small G saved with `safetensors.torch.save_file` exactly as a
    user would convert a checkpoint (int64 num_batches_tracked included), with its output on a fixed
    input, so the Swift side proves converted weights load by name and compute the same function."""
    import json
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "bench"))
    from torch_models import Discriminator, Generator

    shapes = {"G": {k: list(v.shape) for k, v in Generator().state_dict().items()},
              "D": {k: list(v.shape) for k, v in Discriminator(image_size=128).state_dict().items()},
              "G_parameters": sum(p.numel() for p in Generator().parameters()),
              "D_parameters": sum(p.numel() for p in Discriminator(image_size=128).parameters())}
    with open(os.path.join(OUT, "stargan_state_dict.json"), "w") as f:
        json.dump(shapes, f, indent=1, sort_keys=True)
    g = Generator(conv_dim=8, c_dim=2, repeat_num=1)
    with torch.no_grad():
        for m in g.modules():
            if isinstance(m, torch.nn.InstanceNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
    g.train()
    x, c = torch.rand(2, 3, 16, 16) * 2 - 1, torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    y = g(x, c)
    sd = {k: v.clone().contiguous() for k, v in g.state_dict().items()}
    save_file(sd, os.path.join(OUT, "stargan_small_G.safetensors"))
    save("stargan_small_G_io", {"x": x, "c": c, "y": y})


def xoshiro_reference():
    """Reference outputs of the RandomGenerator algorithm (SplitMix64-seeded xoshiro256**), from an
    independent Python implementation of Vigna's reference code, so the Swift stream is checked
    against the published algorithm rather than against itself."""
    import json
    M = (1 << 64) - 1

    def splitmix(state):
        state = (state + 0x9E3779B97F4A7C15) & M
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return state, z ^ (z >> 31)

    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & M

    def stream(seed, stream_id, n):
        x = seed ^ ((0x9E3779B97F4A7C15 * (stream_id + 1)) & M)
        s = []
        for _ in range(4):
            x, z = splitmix(x)
            s.append(z)
        out = []
        for _ in range(n):
            out.append((rotl((s[1] * 5) & M, 7) * 9) & M)
            t = (s[1] << 17) & M
            s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
            s[2] ^= t
            s[3] = rotl(s[3], 45)
        return out

    data = {f"{seed}/{sid}": [str(v) for v in stream(seed, sid, 8)] for seed, sid in [(0, 0), (42, 0), (42, 3), (2**63 + 5, 7)]}
    with open(os.path.join(OUT, "xoshiro256.json"), "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    only = set(sys.argv[2:])  # optional: regenerate just these fixtures
    for f in [conv2d, conv_transpose2d, norms, norm_modules, pooling, resampling, losses, adam, wgan_gp, stargan_state_dicts, xoshiro_reference]:
        if not only or f.__name__ in only:
            f()
