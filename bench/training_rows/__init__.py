"""PyTorch peers of `tensor-bench`'s training rows, one module per method (`stargan.py`, ...).

Each module defines `METHOD` (the method's key in a profile file) and `build(training, settings,
seed)`, which builds the method's networks and optimisers from that profile entry and returns a
`TimedStep` (`_common.py`): the work of one timed unit and how many training images it consumes.
A new row is one new module here and one new file in bench/TensorBench/TrainingRows.
"""
import importlib
import pkgutil


def rows():
    """{method: module} for every row module in this folder (names not starting with '_')."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found[module.METHOD] = module
    return found
