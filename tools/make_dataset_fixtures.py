#!/usr/bin/env python3
"""Golden values for the Imaging and Datasets tests (run: `make dataset-fixtures`).

Writes small JSON files:
- Tests/Fixtures/datasets/python_random.json: CPython's Mersenne Twister (random.seed(int),
  getrandbits, random, shuffle) so that the Swift port can be checked bit for bit, including
  StarGAN's CelebA test split (random.seed(1234); random.shuffle(lines); first 1999 lines).
- Tests/Fixtures/datasets/real/: miniatures of CelebA, CelebA-HQ (CelebAMask-HQ), RaFD (StarGAN layout)
  and Multi-PIE in their on-disk formats, images written by Pillow.
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


NAMES = ("5_o_Clock_Shadow Arched_Eyebrows Attractive Bags_Under_Eyes Bald Bangs Big_Lips Big_Nose Black_Hair "
         "Blond_Hair Blurry Brown_Hair Bushy_Eyebrows Chubby Double_Chin Eyeglasses Goatee Gray_Hair Heavy_Makeup "
         "High_Cheekbones Male Mouth_Slightly_Open Mustache Narrow_Eyes No_Beard Oval_Face Pale_Skin Pointy_Nose "
         "Receding_Hairline Rosy_Cheeks Sideburns Smiling Straight_Hair Wavy_Hair Wearing_Earrings Wearing_Hat "
         "Wearing_Lipstick Wearing_Necklace Wearing_Necktie Young").split()


def tiny_real_format_fixtures(root):
    """Hand-made miniatures of the real datasets, written by Pillow (an encoder independent of ours)."""
    import numpy as np
    from PIL import Image
    rng = np.random.RandomState(7)

    def image(path, w, h, fmt):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        pixels = (rng.rand(h, w, 3) * 255).astype(np.uint8)
        if fmt == "JPEG":
            Image.fromarray(pixels).save(path, "JPEG", quality=95)
        else:
            Image.fromarray(pixels).save(path, "PNG")

    def values(seed):
        r = np.random.RandomState(seed)
        return [1 if v else -1 for v in (r.rand(40) < 0.3)]

    # CelebA: list_attr_celeba.txt (count, names, "000001.jpg -1  1 ..." with CelebA's padding).
    celeba = os.path.join(root, "celeba")
    rows = [("%06d.jpg" % (i + 1), values(i)) for i in range(4)]
    with open(os.path.join(celeba, "list_attr_celeba.txt") if os.path.isdir(celeba) else _mk(celeba, "list_attr_celeba.txt"), "w") as f:
        f.write("%d\n" % len(rows))
        f.write(" ".join(NAMES) + " \n")
        for name, v in rows:
            f.write(name + " " + " ".join("%2d" % x for x in v) + "\n")
    for name, _ in rows:
        image(os.path.join(celeba, "img_align_celeba", name), 18, 22, "JPEG")
    # CelebA-HQ (CelebAMask-HQ): anno file with "3" and "k.jpg  1 -1 ...", images, mapping to CelebA rows.
    hq = os.path.join(root, "celeba_hq")
    os.makedirs(hq, exist_ok=True)
    with open(os.path.join(hq, "CelebAMask-HQ-attribute-anno.txt"), "w") as f:
        f.write("3\n" + " ".join(NAMES) + "\n")
        for k in range(3):
            f.write("%d.jpg  " % k + " ".join(str(x) for x in values(100 + k)) + "\n")
    with open(os.path.join(hq, "CelebA-HQ-to-CelebA-mapping.txt"), "w") as f:
        f.write("idx         orig_idx    orig_file\n")
        for k, orig in enumerate([2, 0, 3]):
            f.write("%-12d%-12d%06d.jpg\n" % (k, orig, orig + 1))
    for k in range(3):
        image(os.path.join(hq, "CelebA-HQ-img", "%d.jpg" % k), 16, 16, "JPEG")
    # RaFD: StarGAN's layout train/<expression>/<RaFD name>.jpg.
    rafd = os.path.join(root, "rafd")
    for name in ["Rafd090_01_Caucasian_female_angry_frontal.jpg", "Rafd090_01_Caucasian_female_happy_left.jpg",
                 "Rafd045_73_Moroccan_male_surprised_right.jpg"]:
        expression = name.split("_")[4]
        image(os.path.join(rafd, "train", expression, name), 12, 16, "JPEG")
    # Multi-PIE: data/sessionNN/multiview/SSS/RR/CC_C/SSS_NN_RR_CCC_II.png.
    mpie = os.path.join(root, "multipie", "data")
    for (s, n, r, cam, i) in [(1, 1, 1, "05_1", 6), (1, 1, 1, "24_0", 6), (201, 1, 1, "05_1", 6), (201, 1, 1, "11_0", 0),
                              (1, 1, 2, "05_1", 6)]:
        path = os.path.join(mpie, "session%02d" % n, "multiview", "%03d" % s, "%02d" % r, cam,
                            "%03d_%02d_%02d_%s_%02d.png" % (s, n, r, cam.replace("_", ""), i))
        image(path, 10, 8, "PNG")
    # Pillow's decoding of one JPEG and one PNG, to check our decoders against an independent one.
    decoded = {}
    for rel in ["celeba_hq/CelebA-HQ-img/0.jpg", "multipie/data/session01/multiview/001/01/05_1/001_01_01_051_06.png"]:
        array = np.asarray(Image.open(os.path.join(root, rel)).convert("RGB"))
        decoded[rel] = {"height": int(array.shape[0]), "width": int(array.shape[1]), "rgb": [int(v) for v in array.ravel()]}
    with open(os.path.join(root, "pillow_decoded.json"), "w") as f:
        json.dump(decoded, f, separators=(",", ":"))
    print("wrote", os.path.relpath(root))


def _mk(folder, name):
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, name)


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
    print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    write(os.path.join(ROOT, "datasets", "python_random.json"), python_random_fixture())
    write(os.path.join(ROOT, "imaging", "resize.json"), resize_fixture())
    tiny_real_format_fixtures(os.path.join(ROOT, "datasets", "real"))
