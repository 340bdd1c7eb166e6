"""Schema migrations: the versioned SQL files in ``migrations/``, each applied in one transaction.

No Alembic: a handful of tables, only ever added to, do not need an ORM's migration engine.  The
``schema_version`` table lists the files applied; an advisory lock keeps two hub processes starting at
once from applying the same file twice.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import psycopg
from psycopg.rows import tuple_row

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_LOCK_KEY = 0x706F732D687562  # "pos-hub"


class SchemaTooNewError(RuntimeError):
    """The database was migrated by a newer hub; refuse rather than guess."""


def migration_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped, in order."""
    folder = resources.files("pos_app.hub") / "migrations"
    found = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(conn: psycopg.Connection[Any]) -> list[str]:
    """Apply what is missing; return the names applied.  ``conn`` must be in autocommit mode."""
    applied: list[str] = []
    files = migration_files()
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        cur = conn.cursor(row_factory=tuple_row)
        row = cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        current = int(row[0]) if row else 0
        if files and current > files[-1][0]:
            raise SchemaTooNewError(f"database schema {current} is newer than this hub ({files[-1][0]})")
        for version, name, sql in files:
            if version <= current:
                continue
            with conn.transaction():
                conn.execute(sql.encode("utf-8"))
                conn.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)", (version, name))
            applied.append(name)
    return applied
