"""Briefings: what goes into one (model) and how it is written (extractive or LLM) and shown (render)."""
