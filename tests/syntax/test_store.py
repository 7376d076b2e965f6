"""The model file: what training saves is what the bot loads, in numpy's .npz layout."""

from __future__ import annotations

import random
from importlib import resources

import numpy as np

from bot.syntax import store
from bot.syntax.perceptron import Perceptron
from bot.syntax.training import jackknife_tags
from bot.syntax.treebank import Tree


def _part(classes, features):
    # weights that float16 holds exactly, so the round trip compares equal
    weights = np.arange(len(features) * len(classes), dtype=np.float32).reshape(len(features), len(classes)) / 4
    return Perceptron(classes, features, weights)


def test_a_saved_model_loads_back_as_it_was(tmp_path):
    parts = {
        "tagger": _part(["NOUN", "VERB", "PROPN"], ["w=said", "w=mayor", "p1=PROPN"]),
        "moves": _part(["shift", "left", "right"], ["s0t=VERB", "b0t=NOUN"]),
        "labels": _part(["nsubj", "ccomp"], ["h=said", "d=mayor", "d=run", "h=run"]),
    }
    path = tmp_path / "model.npz"
    store.save(path, parts)

    with np.load(path, allow_pickle=False) as archive:
        members = {f"{part}.{array}" for part in store.PARTS for array in ("classes", "features", "weights")}
        assert set(archive.files) == members
        assert archive["moves.weights"].dtype == np.float16
    loaded = store.load(path)
    for name, part in parts.items():
        assert loaded[name].classes == part.classes
        assert loaded[name].features() == part.features()
        assert np.array_equal(loaded[name].weights, part.weights)
        assert loaded[name].weights.dtype == np.float32


def test_the_shipped_model_saves_to_the_same_arrays(tmp_path):
    shipped = resources.files("bot.syntax") / "model" / "ewt.npz"
    with resources.as_file(shipped) as path:
        store.save(tmp_path / "again.npz", store.load(path))
        with np.load(path) as before, np.load(tmp_path / "again.npz") as after:
            assert sorted(after.files) == sorted(before.files)
            for member in before.files:
                assert after[member].dtype == before[member].dtype
                assert np.array_equal(after[member], before[member])


def test_each_fold_of_the_jackknife_marks_its_log_lines():
    trees = [
        Tree(["Ruiz", "said", "so"], ["PROPN", "VERB", "ADV"], [2, 0, 2], ["nsubj", "root", "advmod"]),
        Tree(["The", "mayor", "agreed"], ["DET", "NOUN", "VERB"], [2, 3, 0], ["det", "nsubj", "root"]),
        Tree(["Ferries", "run", "daily"], ["NOUN", "VERB", "ADV"], [2, 0, 2], ["nsubj", "root", "advmod"]),
        Tree(["Ana", "spoke"], ["PROPN", "VERB"], [2, 0], ["nsubj", "root"]),
    ]
    lines: list[str] = []
    tags = jackknife_tags(trees, folds=2, epochs=1, rng=random.Random(1), log=lines.append)
    assert [len(t) for t in tags] == [len(t.words) for t in trees]
    assert {line.split(":")[0] for line in lines} == {"fold 1", "fold 2"}
    assert all(line.startswith(("fold 1: tagger epoch 1", "fold 2: tagger epoch 1")) for line in lines)
