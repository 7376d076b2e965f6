"""Running as several processes: the worker loop, the one elected sender, heartbeats and status."""
