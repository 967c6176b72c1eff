#!/usr/bin/env python3
"""Converts pytorch-fid's Inception weights to the harness's safetensors file.

    python3 tools/convert_inception_weights.py pt_inception-2015-12-05-6726825d.pth \
        weights/fid_inception_v3.safetensors

Input: the state dict pytorch-fid downloads (FID_WEIGHTS_URL in pytorch_fid/inception.py, the TF
2015-12-05 graph ported to torchvision's Inception3 with the FIDInception blocks); torch-fidelity's
`weights-inception-2015-12-05-6726825d.pth` has the same keys. A checkpoint saved from a
DataParallel model (`module.` prefix) or wrapped in {"state_dict": …} is accepted too.

Output: the same names (our FIDInceptionV3 module mirrors torchvision's attribute names), float32,
without the 1008-class `fc` head, which the 2048-d pool3 features never reach, and with a zero
`num_batches_tracked` for every batch norm that lacks one (pre-1.0 checkpoints), as PyTorch's
BatchNorm loader does. Needs `pip install torch safetensors`.
"""
import argparse
import os
import sys

import torch
from safetensors.torch import save_file


def keep(name):
    """Whether a state-dict entry belongs in the converted file (everything but the fc head)."""
    return not name.startswith("fc.")


def convert(state):
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    out = {}
    for name, value in state.items():
        if not torch.is_tensor(value):
            raise SystemExit(f"entry '{name}' is a {type(value).__name__}, not a tensor: is this a state dict?")
        name = name[len("module."):] if name.startswith("module.") else name
        if not keep(name):
            continue
        out[name] = value.detach().to(torch.int64 if name.endswith("num_batches_tracked") else torch.float32).contiguous()
    for name in list(out):
        if name.endswith(".running_var"):
            counter = name[: -len("running_var")] + "num_batches_tracked"
            out.setdefault(counter, torch.zeros([], dtype=torch.int64))
    if "Conv2d_1a_3x3.conv.weight" not in out or "Mixed_7c.branch_pool.conv.weight" not in out:
        raise SystemExit("no Conv2d_1a_3x3 / Mixed_7c weights: not a pytorch-fid Inception-v3 state dict")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint", help="pt_inception-2015-12-05-6726825d.pth (pytorch-fid's FID weights)")
    parser.add_argument("output", help="safetensors file to write, e.g. weights/fid_inception_v3.safetensors")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.checkpoint):
        raise SystemExit(f"{args.checkpoint}: no such file (download FID_WEIGHTS_URL from pytorch_fid/inception.py)")
    state = torch.load(args.checkpoint, map_location="cpu", weights_only=True)
    out = convert(state)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    save_file(out, args.output, metadata={"source": os.path.basename(args.checkpoint), "network": "fid_inception_v3"})
    print(f"{args.output}: {len(out)} tensors, {sum(v.numel() for v in out.values())} values", file=sys.stderr)


if __name__ == "__main__":
    main()
