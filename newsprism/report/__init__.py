"""report stage of newsprism."""
