#!/usr/bin/env python3
"""Proves that bench/evaluator_models.py's networks are the ones our evaluators were checked against,
so the `evaluators` rows of `make bench` time the same computation on both sides.

The committed fixtures (Tests/Fixtures/evaluators, tools/make_evaluator_fixtures.py) hold the inputs and
outputs of pytorch-fid's own InceptionV3 and of the Light CNNs under seeded weights. This script fills
the bench's networks with the same seeded weights (strict state-dict load: every name and shape must
match the committed manifest) and requires the same outputs. Exit status 1 on any mismatch.

Usage: python3 tools/check_bench_evaluator_models.py [Tests/Fixtures/evaluators]
Needs torch, numpy, safetensors (no pytorch-fid, no torchvision).
"""
import json
import os
import sys

import torch
from safetensors.torch import load_file

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "bench"))
from evaluator_models import FIDInceptionV3, network_9layers, network_29layers_v2, resblock  # noqa: E402
from make_evaluator_fixtures import seeded_state_dict  # noqa: E402

FIXTURES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "Tests", "Fixtures", "evaluators")


def manifest(name):
    with open(os.path.join(FIXTURES, name + "_state_dict.json")) as f:
        return {k: tuple(v) for k, v in json.load(f).items()}


def same_names(model, expected, name):
    ours = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    if ours != expected:
        missing, extra = sorted(set(expected) - set(ours)), sorted(set(ours) - set(expected))
        wrong = sorted(k for k in set(ours) & set(expected) if ours[k] != expected[k])
        sys.exit(f"{name}: state dict differs from the manifest: missing {missing[:5]}, extra {extra[:5]}, shapes {wrong[:5]}")


def compare(name, got, want, tolerance):
    error = (got - want).abs().max().item() / max(1e-12, want.abs().max().item())
    status = "ok" if error <= tolerance else "MISMATCH"
    print(f"{name}: max |Δ| / max |reference| = {error:.2e} (tolerance {tolerance:.0e}) {status}")
    return error <= tolerance


def check_inception():
    shapes = manifest("fid_inception_v3")
    model = FIDInceptionV3()
    same_names(model, shapes, "FIDInceptionV3")
    model.load_state_dict(seeded_state_dict(shapes, 11), strict=True)
    model.eval()
    io = load_file(os.path.join(FIXTURES, "fid_inception_v3_io.safetensors"))
    with torch.no_grad():
        blocks = model.blocks(io["x"])
    ok = compare("FIDInceptionV3 block0 map", blocks[0][:, :4], io["block0_map"], 1e-5)
    for i, b in enumerate(blocks):
        ok &= compare(f"FIDInceptionV3 block{i}", torch.nn.functional.adaptive_avg_pool2d(b, (1, 1)).flatten(1),
                      io[f"block{i}"], 1e-5)
    with torch.no_grad():
        ok &= compare("FIDInceptionV3 forward (pool3)", model(io["x"]), io["block3"], 1e-5)
    return ok


def check_light_cnn(name, model, seed, gain):
    shapes = manifest(name)
    same_names(model, shapes, name)
    model.load_state_dict(seeded_state_dict(shapes, seed, gain), strict=True)
    model.eval()
    io = load_file(os.path.join(FIXTURES, name + "_io.safetensors"))
    with torch.no_grad():
        logits, feature = model(io["x"])
    return compare(f"{name} feature", feature, io["feature"], 1e-5) & compare(f"{name} logits", logits, io["logits"], 1e-5)


def main():
    torch.set_num_threads(1)
    ok = check_inception()
    ok &= check_light_cnn("light_cnn9", network_9layers(num_classes=7), 21, 3.0)
    ok &= check_light_cnn("light_cnn29v2", network_29layers_v2(resblock, [1, 2, 3, 4], num_classes=7), 22, 1.5)
    if not ok:
        sys.exit("bench/evaluator_models.py does not reproduce the committed evaluator fixtures")
    print("bench/evaluator_models.py reproduces the committed evaluator fixtures")


if __name__ == "__main__":
    main()
