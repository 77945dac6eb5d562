"""newsprism: what the coverage of a story really says, fact by fact, with evidence."""

__version__ = "0.1.0"
