"""Turning fetched bytes into articles: feed parsing, page extraction, de-duplication."""
