"""group stage of newsprism."""
