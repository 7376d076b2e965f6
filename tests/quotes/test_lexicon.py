"""One lexicon: every word list of the quote engine is defined once.

Pronouns, titles, prepositions and cue verbs used to be written out in three
or four modules, each a little different; a fix to one never reached the
others. These tests fail when a list is written out twice: two module-level
word sets with the same words anywhere in the engine, or a list of pronouns,
dotted titles or prepositions outside bot/quotes/lexicon.py.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import bot.quotes
from bot.quotes import lexicon

ENGINE = Path(bot.quotes.__file__).parent
# the lists every module takes from the lexicon instead of writing its own
SHARED = {
    "PRONOUNS": lexicon.PRONOUNS,
    "DOT_TITLES": lexicon.DOT_TITLES,
    "PREPOSITIONS": lexicon.PREPOSITIONS,
    "CUE_VERBS": lexicon.CUE_VERBS,
}


def _written_words(node: ast.AST) -> frozenset[str]:
    """The words an assignment writes out itself (string literals, split on spaces);
    a set built from other lists ("PREPOSITIONS | {'as'}") writes out only its extras."""
    words: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            words.update(sub.value.split())
    return frozenset(words)


def _word_sets() -> list[tuple[str, str, frozenset[str]]]:
    """(module, name, words written out) for each word set a module of the engine assigns."""
    found = []
    for path in sorted(ENGINE.glob("*.py")):
        module = importlib.import_module(f"bot.quotes.{path.stem}")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                value = getattr(module, target.id, None) if isinstance(target, ast.Name) else None
                if isinstance(value, frozenset | set) and all(isinstance(w, str) for w in value):
                    words = _written_words(node.value)
                    if len(words) >= 3:
                        found.append((path.stem, target.id, words))
    return found


def test_no_word_list_is_written_twice():
    seen: dict[frozenset[str], str] = {}
    twice = []
    for module, name, words in _word_sets():
        where = f"{module}.{name}"
        if words in seen and seen[words] != where:
            twice.append(f"{seen[words]} == {where}")
        seen.setdefault(words, where)
    assert not twice, f"word lists defined twice: {twice}"


def test_pronouns_titles_prepositions_and_cue_verbs_live_in_the_lexicon():
    strays = _copies(_word_sets())
    assert not strays, "\n".join(strays)


def _copies(word_sets) -> list[str]:
    strays = []
    for module, name, words in word_sets:
        if module == "lexicon":
            continue
        for shared, listed in SHARED.items():
            common = words & listed
            # mostly the shared list's words: a copy of it (or of a part of it) made by hand
            if len(common) >= 4 and len(common) >= 0.6 * len(words):
                strays.append(f"{module}.{name} copies lexicon.{shared}: {sorted(common)[:6]}")
    return strays


def test_the_check_sees_a_copied_list():
    """The check can fail: a module writing out the pronouns or a few titles again is caught."""
    assign = ast.parse('_MINE = frozenset("he she they we i".split())').body[0].value
    titles = ast.parse('_T = frozenset(("mr", "mrs", "ms", "dr", "sen"))').body[0].value
    fake = [("engine", "_MINE", _written_words(assign)), ("speakers", "_T", _written_words(titles))]
    assert len(_copies(fake)) == 2
