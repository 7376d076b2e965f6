"""Prompt files: named $variables checked against the code's at load time."""

import pytest

from bot.llm.prompts import PromptError, PromptLibrary
from bot.llm.writer import BRIEFING_PROMPTS


def write(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_shipped_prompts_match_the_code():
    library = PromptLibrary.load(required=BRIEFING_PROMPTS)
    assert "briefing.user" in library and "briefing.system" in library


def test_values_are_substituted_once_and_braces_are_left_alone(tmp_path):
    library = PromptLibrary.load(write(tmp_path, greet="Hi $who, {not a var} $$5 ${who}!"), required={"greet": {"who"}})
    assert library.render("greet", who="$name {x}") == "Hi $name {x}, {not a var} $5 $name {x}!"


BAD = {
    "template uses a variable the code lacks": ({"p": "$a $b"}, {"p": {"a"}}, "does not provide: ['b']"),
    "code provides a variable the template lacks": ({"p": "$a"}, {"p": {"a", "b"}}, "does not use variables"),
    "prompt file missing": ({"p": "$a"}, {"q": {"a"}}, "prompt q not found"),
    "stray dollar sign": ({"p": "costs $5"}, {"p": set()}, "write $$ for a dollar sign"),
}


@pytest.mark.parametrize(("files", "required", "message"), BAD.values(), ids=BAD.keys())
def test_mismatch_is_an_error_at_load(tmp_path, files, required, message):
    with pytest.raises(PromptError, match=message.replace("[", r"\[").replace("]", r"\]").replace("$", r"\$")):
        PromptLibrary.load(write(tmp_path, **files), required=required)


def test_render_with_a_missing_value_is_an_error(tmp_path):
    library = PromptLibrary.load(write(tmp_path, p="$a"))
    with pytest.raises(PromptError, match="missing"):
        library.render("p")


def test_missing_directory(tmp_path):
    with pytest.raises(PromptError, match="not found"):
        PromptLibrary.load(tmp_path / "nope")


def test_a_broken_prompt_fails_only_its_own_feature(tmp_path):
    library = PromptLibrary.load(write(tmp_path, good="$a", broken="costs $5"), required={"good": {"a"}})
    assert library.render("good", a="x") == "x"
    with pytest.raises(PromptError, match="dollar"):
        library.render("broken")
