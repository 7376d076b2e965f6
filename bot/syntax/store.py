"""The shipped model file: three perceptrons in one compressed numpy archive.

Weights are kept as float16 (half the size; the parser's decisions are
unchanged at that precision) and widened to float32 on load. Feature names
are stored as one string joined by a separator no feature contains.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from bot.syntax.perceptron import Perceptron

_SEP = "\x1f"
PARTS = ("tagger", "moves", "labels")


def save(path: Path, parts: dict[str, Perceptron]) -> None:
    arrays: dict[str, np.ndarray] = {}
    for name in PARTS:
        p = parts[name]
        arrays[f"{name}.classes"] = np.frombuffer(_SEP.join(p.classes).encode("utf-8"), dtype=np.uint8)
        arrays[f"{name}.features"] = np.frombuffer(_SEP.join(p.features()).encode("utf-8"), dtype=np.uint8)
        arrays[f"{name}.weights"] = p.weights.astype(np.float16)
    # The layout np.load reads (.npz): one deflated `<name>.npy` member per array. Written
    # member by member because np.savez_compressed takes the names as keywords, where one
    # could land on its own allow_pickle option; no pickles, as load() refuses them anyway.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, array in arrays.items():
            with archive.open(f"{member}.npy", "w", force_zip64=True) as out:
                np.lib.format.write_array(out, array, allow_pickle=False)


def load(path: Path) -> dict[str, Perceptron]:
    with np.load(path, allow_pickle=False) as z:
        parts = {}
        for name in PARTS:
            classes = z[f"{name}.classes"].tobytes().decode("utf-8").split(_SEP)
            features = z[f"{name}.features"].tobytes().decode("utf-8").split(_SEP)
            parts[name] = Perceptron(classes, features, z[f"{name}.weights"].astype(np.float32))
    return parts
