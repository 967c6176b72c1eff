#!/usr/bin/env python3
"""Golden fixtures for the evaluator networks (Tests/Fixtures/evaluators), from PyTorch (CPU, float32).

The networks are too large to commit with random weights (FID Inception-v3 alone is 95 MB), so both
sides fill the weights from one documented seeded stream instead (`seeded_state_dict` below; the Swift
port is Tests/EvaluatorsTests/SeededWeights.swift): NumPy `RandomState(seed).random_sample` (MT19937,
`genrand_res53`) drawn tensor by tensor in sorted state-dict-name order. Only inputs, outputs and the
state-dict manifests (names and shapes) are committed, a few hundred KB.

  * FID Inception-v3: pytorch-fid 0.3.0's own `InceptionV3` (resize_input, normalize_input, the
    FIDInceptionA/C/E_1/E_2 blocks), with the weight download replaced by the seeded state dict pushed
    through tools/convert_inception_weights.py, so the converter is exercised on the way.
    Needs `pip install pytorch-fid torchvision pillow`. When torchvision's compiled ops do not match the
    installed torch (a CPU-only torch beside a CUDA torchvision wheel) its fake-op registrations fail
    at import; the models do not need them, so that one module is stubbed out.
  * Light CNN-9 and Light CNN-29 v2: transcribed from AlfredXiangWu/LightCNN `light_cnn.py` (not on PyPI)
    into bench/evaluator_models.py (the networks `make bench` times), with a small classifier head (the feature is the 256-d fc output, independent of the head).
  * The attribute classifier of evaluators.md §7.1 (STGAN att_classification/models.py) in PyTorch.

Usage: python3 tools/make_evaluator_fixtures.py [Tests/Fixtures/evaluators]
"""
import importlib
import json
import math
import os
import sys
import tempfile
import types

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import convert_inception_weights  # noqa: E402
import convert_lightcnn_weights  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from evaluator_models import network_9layers, network_29layers_v2, resblock  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/evaluators"
torch.set_default_dtype(torch.float32)


# MARK: Seeded weights (mirrored in Swift)

def seeded_value(name, shape, u, gain):
    """Maps uniform draws u ∈ [0, 1) (float64) to a tensor's values: conv/linear weights uniform in
    ±√(gain/fan_in) (gain 6 = He for ReLU networks, 3 for the max-feature-map ones, so activations keep
    their scale through ~50 layers), BN scales and running variances in [0.5, 1.5), biases and running
    means in ±0.2."""
    if name.endswith("running_var") or (len(shape) == 1 and name.endswith("weight")):
        v = 0.5 + u
    elif len(shape) == 1:
        v = 0.2 * (2 * u - 1)
    else:
        fan_in = int(np.prod(shape[1:]))
        v = (2 * u - 1) * math.sqrt(gain / fan_in)
    return v.astype(np.float32).reshape(shape)


def seeded_state_dict(shapes, seed, gain=6.0):
    """{name: tensor} for every name in `shapes` except num_batches_tracked (zero), in sorted order."""
    rs = np.random.RandomState(seed)
    out = {}
    for name in sorted(shapes):
        shape = list(shapes[name])
        if name.endswith("num_batches_tracked"):
            out[name] = torch.zeros(shape, dtype=torch.int64)
            continue
        u = rs.random_sample(int(np.prod(shape)) if shape else 1)
        out[name] = torch.from_numpy(seeded_value(name, shape, u, gain))
    return out


def save(name, tensors):
    tensors = {k: v.detach().float().contiguous() for k, v in tensors.items()}
    save_file(tensors, os.path.join(OUT, name + ".safetensors"))
    print(f"{name}: " + ", ".join(f"{k} {list(v.shape)}" for k, v in sorted(tensors.items())))


def save_manifest(name, state_dict):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({k: list(v.shape) for k, v in state_dict.items()}, f, indent=0, sort_keys=True)


# MARK: FID Inception-v3 (pytorch-fid)

def import_pytorch_fid():
    try:
        return importlib.import_module("pytorch_fid.inception")
    except RuntimeError:
        for m in [m for m in sys.modules if m.startswith("torchvision")]:
            del sys.modules[m]
        sys.modules["torchvision._meta_registrations"] = types.ModuleType("torchvision._meta_registrations")
        return importlib.import_module("pytorch_fid.inception")


def fid_inception(seed=11):
    fid = import_pytorch_fid()
    reference = fid._inception_v3(num_classes=1008, aux_logits=False, weights=None)
    shapes = {k: v.shape for k, v in reference.state_dict().items()}
    # The converter keeps everything but the 1008-class head, so the seeded stream runs over the
    # converted names; the head gets its own stream (pool3 features never see it).
    ours = {k: s for k, s in shapes.items() if convert_inception_weights.keep(k)}
    weights = seeded_state_dict(ours, seed)
    weights.update(seeded_state_dict({k: s for k, s in shapes.items() if k not in ours}, seed + 1))
    with tempfile.TemporaryDirectory() as tmp:
        pth, converted = os.path.join(tmp, "pt_inception.pth"), os.path.join(tmp, "fid_inception_v3.safetensors")
        torch.save(weights, pth)
        convert_inception_weights.main([pth, converted])
        from safetensors.torch import load_file
        back = load_file(converted)
    assert sorted(back) == sorted(ours), "converter output names differ from the kept names"
    for k in ours:
        assert torch.equal(back[k].to(weights[k].dtype), weights[k]), k
    save_manifest("fid_inception_v3_state_dict", back)

    fid.load_state_dict_from_url = lambda *args, **kwargs: weights
    model = fid.InceptionV3(output_blocks=[0, 1, 2, 3]).eval()
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(2, 3, 37, 45, generator=g)
    with torch.no_grad():
        blocks = model(x)
    t = {"x": x}
    for i, b in enumerate(blocks):
        t[f"block{i}"] = F.adaptive_avg_pool2d(b, (1, 1)).flatten(1)
    t["block0_map"] = blocks[0][:, :4]
    save("fid_inception_v3_io", t)


# MARK: Light CNN (AlfredXiangWu/LightCNN light_cnn.py; the classes live in bench/evaluator_models.py,
# which the bench times too)

def light_cnn(name, model, seed, gain):
    """Logits and features on a fixed gray batch in evaluation mode, and the input gradient of
    sum(r·feature) and of the logits' cross-entropy, which is how the network is trained."""
    weights = seeded_state_dict({k: v.shape for k, v in model.state_dict().items()}, seed, gain)
    # Through tools/convert_lightcnn_weights.py, from the official checkpoint layout (DataParallel's
    # `module.` prefix inside {"epoch", "arch", "state_dict"}, written by torch.save as upstream does),
    # so the fixtures prove the converter: same names as our modules, same features.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name + "_checkpoint.pth.tar")
        torch.save({"epoch": 1, "arch": name, "state_dict": {"module." + k: v for k, v in weights.items()}}, path)
        converted_path = os.path.join(folder, name + ".safetensors")
        convert_lightcnn_weights.main([path, converted_path])
        from safetensors.torch import load_file
        converted = load_file(converted_path)
    model.load_state_dict(converted, strict=True)
    model.eval()
    save_manifest(name + "_state_dict", model.state_dict())
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(2, 1, 128, 128, generator=g).requires_grad_(True)
    logits, feature = model(x)
    r = torch.randn(feature.shape, generator=g)
    labels = torch.tensor([1, 4])
    loss = (r * feature).sum() + F.cross_entropy(logits, labels)
    params = dict(model.named_parameters())
    dx, dw = torch.autograd.grad(loss, [x, params["conv1.filter.weight" if "conv1.filter.weight" in params else "features.0.filter.weight"]])
    save(name + "_io", {"x": x, "logits": logits, "feature": feature, "r": r, "labels": labels.float(),
                        "loss": loss, "dx": dx, "dw_first": dw})


# MARK: Attribute classifier (evaluators.md §7.1, STGAN att_classification/models.py)

class AttributeClassifier(nn.Module):
    """Five stages of [conv3×3 (no bias) → BN → ReLU]×2 → maxpool 2, widths dim/2·(1, 2, 4, 8, 16),
    then fc 512 → ReLU → fc n."""

    def __init__(self, dim=32, attributes=40, image_size=128):
        super().__init__()
        layers, c_in = [], 3
        for i in range(5):
            c = dim // 2 * 2 ** i
            for _ in range(2):
                layers += [nn.Conv2d(c_in, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c, momentum=0.1, eps=1e-5), nn.ReLU()]
                c_in = c
            layers.append(nn.MaxPool2d(2, 2))
        self.features = nn.Sequential(*layers)
        side = image_size // 32
        self.fc1 = nn.Linear(c_in * side * side, 512)
        self.fc2 = nn.Linear(512, attributes)

    def forward(self, x):
        h = self.features(x).flatten(1)
        return self.fc2(F.relu(self.fc1(h)))


def attribute_classifier(seed=31):
    model = AttributeClassifier(dim=8, attributes=5, image_size=64)
    model.load_state_dict(seeded_state_dict({k: v.shape for k, v in model.state_dict().items()}, seed))
    save_manifest("attribute_classifier_small_state_dict", model.state_dict())
    g = torch.Generator().manual_seed(seed)
    x = (torch.rand(3, 3, 64, 64, generator=g) * 2 - 1).requires_grad_(True)
    targets = (torch.rand(3, 5, generator=g) > 0.5).float()
    t = {"x": x, "targets": targets}
    model.eval()
    t["eval_logits"] = model(x)
    model.train()  # batch statistics, as in training; the loss is the training loss
    logits = model(x)
    loss = F.binary_cross_entropy_with_logits(logits, targets)
    params = dict(model.named_parameters())
    grads = torch.autograd.grad(loss, [x, params["features.0.weight"], params["fc2.weight"]])
    t.update({"train_logits": logits, "loss": loss, "dx": grads[0], "dw_first": grads[1], "dw_fc2": grads[2]})
    for k, v in model.state_dict().items():
        if "running" in k and k.startswith("features.1."):
            t["after." + k] = v
    save("attribute_classifier_small_io", t)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    fid_inception()
    light_cnn("light_cnn9", network_9layers(num_classes=7), seed=21, gain=3.0)
    light_cnn("light_cnn29v2", network_29layers_v2(resblock, [1, 2, 3, 4], num_classes=7), seed=22, gain=1.5)
    attribute_classifier()
