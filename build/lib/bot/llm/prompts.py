"""Prompts as data: text files with named `$variables`, checked at start-up.

`string.Template` syntax is used because article text is full of braces and
never of `$name` placeholders we would expand: values are substituted once and
never parsed again, so an article cannot inject a variable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Template

# The repository's top-level prompts/; an installed wheel ships them as bot/prompts/.
_PROMPT_DIRS = (Path(__file__).resolve().parents[2] / "prompts", Path(__file__).resolve().parents[1] / "prompts")


def default_prompts_dir() -> Path:
    return next((d for d in _PROMPT_DIRS if d.is_dir()), _PROMPT_DIRS[0])


class PromptError(Exception):
    """A prompt file is missing, malformed, or disagrees with the code's variables."""


@dataclass(frozen=True, slots=True)
class Prompt:
    name: str
    template: Template
    variables: frozenset[str]

    def render(self, **values: object) -> str:
        missing = self.variables - values.keys()
        extra = values.keys() - self.variables
        if missing or extra:
            raise PromptError(f"prompt {self.name}: missing {sorted(missing)}, unexpected {sorted(extra)}")
        return self.template.substitute({k: str(v) for k, v in values.items()})


class PromptLibrary:
    """The prompts of one directory, by name (file name without `.txt`)."""

    def __init__(self, prompts: dict[str, Prompt | PromptError]) -> None:
        self._prompts = prompts

    @classmethod
    def load(cls, directory: str | Path | None = None, required: dict[str, set[str]] | None = None) -> PromptLibrary:
        """Read every `*.txt` in `directory`; check each `required` prompt's variables exactly."""
        directory = Path(directory) if directory is not None else default_prompts_dir()
        if not directory.is_dir():
            raise PromptError(f"prompt directory not found: {directory}")
        prompts: dict[str, Prompt | PromptError] = {}
        for path in sorted(directory.glob("*.txt")):
            try:
                prompts[path.stem] = _parse(path.stem, path.read_text(encoding="utf-8"))
            except PromptError as error:  # another feature's broken prompt fails that feature only
                prompts[path.stem] = error
        for name, variables in (required or {}).items():
            prompt = prompts.get(name)
            if prompt is None:
                raise PromptError(f"prompt {name} not found in {directory.name}/")
            if isinstance(prompt, PromptError):
                raise prompt
            _check_variables(prompt, set(variables))
        return cls(prompts)

    def __contains__(self, name: str) -> bool:
        return name in self._prompts

    def __getitem__(self, name: str) -> Prompt:
        prompt = self._prompts.get(name)
        if prompt is None:
            raise PromptError(f"no prompt named {name}")
        if isinstance(prompt, PromptError):
            raise prompt
        return prompt

    def render(self, name: str, **values: object) -> str:
        return self[name].render(**values)


def _parse(name: str, text: str) -> Prompt:
    template = Template(text)
    if not template.is_valid():
        raise PromptError(f"prompt {name}: a '$' that is not a variable (write $$ for a dollar sign)")
    return Prompt(name, template, frozenset(template.get_identifiers()))


def _check_variables(prompt: Prompt, declared: set[str]) -> None:
    unknown = prompt.variables - declared
    unused = declared - prompt.variables
    if unknown:
        raise PromptError(f"prompt {prompt.name} uses variables the code does not provide: {sorted(unknown)}")
    if unused:
        raise PromptError(f"prompt {prompt.name} does not use variables the code provides: {sorted(unused)}")
