"""Chats' own feeds: finding a feed from a URL, adding and removing it, OPML lists."""
