"""scale stage of newsprism."""
