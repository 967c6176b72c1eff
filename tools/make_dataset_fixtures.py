#!/usr/bin/env python3
"""Golden values for the Imaging and Datasets tests (run: `make dataset-fixtures`).

Writes small JSON files:
- Tests/Fixtures/datasets/python_random.json: CPython's Mersenne Twister (random.seed(int),
  getrandbits, random, shuffle) so that the Swift port can be checked bit for bit, including
  StarGAN's CelebA test split (random.seed(1234); random.shuffle(lines); first 1999 lines).
- Tests/Fixtures/imaging/resize.json: PyTorch F.interpolate (area, bilinear, bicubic;
  align_corners=False, no antialias) and Pillow Image.resize (bilinear, bicubic; float 'F' mode,
  per channel, as clean-fid does) on a fixed random image.
Needs: Python 3 (random), numpy, torch, Pillow. Only the JSON files are committed.
"""
import json
import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures")


def python_random_fixture():
    out = {"python": sys.version.split()[0]}
    seeds = {}
    for seed in [0, 1, 1234, 100, 2**32 + 7, 2**70 + 12345]:
        r = random.Random(seed)
        bits32 = [r.getrandbits(32) for _ in range(5)]
        bits7 = [r.getrandbits(7) for _ in range(5)]
        bits53 = [r.getrandbits(53) for _ in range(3)]
        floats = [r.random() for _ in range(5)]
        below = [r.randrange(n) for n in (1, 2, 3, 10, 1000, 2**31 + 11)]
        seeds[str(seed)] = {"getrandbits32": bits32, "getrandbits7": bits7, "getrandbits53": bits53,
                            "random": [repr(f) for f in floats], "randbelow": below}
    out["seeds"] = seeds
    r = random.Random(1234)
    order = list(range(2000))
    r.shuffle(order)
    out["shuffle_2000_seed1234"] = order
    # StarGAN data_loader.CelebA.preprocess on the real list_attr_celeba.txt (202599 data lines):
    # random.seed(1234); random.shuffle(lines); line i goes to test when (i+1) < 2000.
    random.seed(1234)
    lines = ["%06d.jpg" % (i + 1) for i in range(202599)]
    random.shuffle(lines)
    out["stargan_celeba_test_202599"] = lines[:1999]
    out["stargan_celeba_first_train_202599"] = lines[1999:2009]
    # The same on a small CelebA-like annotation (30 lines), the size of a hand-made fixture.
    random.seed(1234)
    small = ["%d.png" % i for i in range(30)]
    random.shuffle(small)
    out["shuffle_30_names_seed1234"] = small
    return out


def resize_fixture():
    import numpy as np
    import torch
    import torch.nn.functional as F
    from PIL import Image
    import PIL
    rng = np.random.RandomState(2024)
    image = rng.rand(3, 13, 17).astype(np.float32)  # C, H, W in [0, 1]
    sizes = [(5, 7), (20, 25), (13, 9), (6, 17)]  # down, up, mixed, one axis
    cases = []
    x = torch.from_numpy(image)[None]
    for (h, w) in sizes:
        for mode in ["area", "bilinear", "bicubic"]:
            kwargs = {} if mode == "area" else {"align_corners": False}
            y = F.interpolate(x, size=(h, w), mode=mode, **kwargs)[0].numpy()
            cases.append({"filter": mode, "height": h, "width": w, "output": [float("%.8g" % v) for v in y.ravel()]})
        for name, flag in [("pilBilinear", Image.BILINEAR), ("pilBicubic", Image.BICUBIC)]:
            planes = [np.asarray(Image.fromarray(image[c], mode="F").resize((w, h), flag)) for c in range(3)]
            y = np.stack(planes)
            cases.append({"filter": name, "height": h, "width": w, "output": [float("%.8g" % v) for v in y.ravel()]})
    return {"torch": torch.__version__, "pillow": PIL.__version__,
            "input_chw": [3, 13, 17], "input": [float("%.9g" % v) for v in image.ravel()], "cases": cases}


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
    print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    write(os.path.join(ROOT, "datasets", "python_random.json"), python_random_fixture())
    write(os.path.join(ROOT, "imaging", "resize.json"), resize_fixture())
