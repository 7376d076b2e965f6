"""The model: prompts, an OpenAI-compatible client, verification of its text, the briefing writer."""
