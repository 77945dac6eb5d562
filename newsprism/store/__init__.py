"""store stage of newsprism: SQLite schema, migrations, queries and FTS5 search."""

from newsprism.store.db import Store, content_hash
from newsprism.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "content_hash", "migrate"]
