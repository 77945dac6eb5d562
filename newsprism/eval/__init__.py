"""eval stage of newsprism."""
