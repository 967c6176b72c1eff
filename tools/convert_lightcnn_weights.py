#!/usr/bin/env python3
"""Converts an official Light CNN checkpoint (AlfredXiangWu/LightCNN) to the harness's safetensors file.

    python3 tools/convert_lightcnn_weights.py LightCNN_29Layers_V2_checkpoint.pth.tar \
        weights/lightcnn29v2.safetensors

Input: the `.pth.tar` the LightCNN README links (LightCNN-9 `LightCNN_9Layers_checkpoint.pth.tar`,
LightCNN-29 v2 `LightCNN_29Layers_V2_checkpoint.pth.tar`): a dict {"epoch", "arch", "state_dict"} whose
state dict was saved from `nn.DataParallel`, so every key starts with `module.`. A bare state dict is
accepted too.

Output: upstream's names without `module.` (our LightCNN9 / LightCNN29v2 modules mirror them:
`features.0.filter.weight`, `block2.1.conv1.filter.bias`, `fc2.weight`), float32, classifier head
included (its class count tells the loader how wide fc2 is). Then set the profile's
`evaluators.lightCNN.weights` to the output and `architecture` to the matching network, with
`imageSize` 128. Needs `pip install torch safetensors`.
"""
import argparse
import os
import sys

import torch
from safetensors.torch import save_file

ARCHITECTURES = {
    "lightcnn9": ("features.0.filter.weight", "fc1.filter.weight"),
    "lightcnn29v2": ("conv1.filter.weight", "fc.weight"),
}


def convert(checkpoint):
    """(architecture, state dict) of an official checkpoint or a bare state dict."""
    state = checkpoint
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    out = {}
    for name, value in state.items():
        if not torch.is_tensor(value):
            raise SystemExit(f"entry '{name}' is a {type(value).__name__}, not a tensor: is this a Light CNN checkpoint?")
        name = name[len("module."):] if name.startswith("module.") else name
        if name in out:
            raise SystemExit(f"'{name}' appears with and without the 'module.' prefix")
        out[name] = value.detach().to(torch.float32).contiguous()
    for architecture, (first, feature) in ARCHITECTURES.items():
        if first in out and feature in out and "fc2.weight" in out:
            return architecture, out
    raise SystemExit("neither LightCNN-9 (features.0 … fc1, fc2) nor LightCNN-29 v2 (conv1 … fc, fc2) weights: "
                     "LightCNN-29 v1 and v4 are not supported")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint", help="LightCNN_9Layers_checkpoint.pth.tar or LightCNN_29Layers_V2_checkpoint.pth.tar")
    parser.add_argument("output", help="safetensors file to write, e.g. weights/lightcnn29v2.safetensors")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.checkpoint):
        raise SystemExit(f"{args.checkpoint}: no such file (download it from the links in AlfredXiangWu/LightCNN's README)")
    checkpoint = torch.load(args.checkpoint, map_location="cpu", weights_only=True)
    architecture, out = convert(checkpoint)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    save_file(out, args.output, metadata={"source": os.path.basename(args.checkpoint), "network": architecture})
    print(f"{args.output}: {architecture}, {len(out)} tensors, {out['fc2.weight'].shape[0]} classes", file=sys.stderr)


if __name__ == "__main__":
    main()
