"""Topics: the keyword query syntax and matching new articles to topics."""
