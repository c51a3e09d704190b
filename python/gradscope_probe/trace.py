"""The trace file: one SQLite database, schema version 1 (docs/trace-schema.md).

WAL mode, one transaction per optimizer step, so a writer killed mid-step
loses only that step. The file is created exclusively: an existing path is
refused unless `overwrite=True`.
"""
from __future__ import annotations

import datetime
import json
import os
import sqlite3

from . import stats

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE modules (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, is_leaf INTEGER NOT NULL);
CREATE TABLE parameters (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, module_id INTEGER NOT NULL,
  shape TEXT NOT NULL, dtype TEXT NOT NULL);
CREATE TABLE steps (
  step INTEGER PRIMARY KEY, loss REAL, loss_class TEXT, grad_norm REAL, grad_norm_class TEXT,
  scale REAL, skipped INTEGER NOT NULL, full INTEGER NOT NULL, wall_seconds REAL NOT NULL);
CREATE TABLE learning_rates (
  step INTEGER NOT NULL, group_index INTEGER NOT NULL, lr REAL NOT NULL,
  PRIMARY KEY (step, group_index));
CREATE TABLE stats (
  step INTEGER NOT NULL, seq INTEGER NOT NULL, pass TEXT NOT NULL, kind TEXT NOT NULL,
  module_id INTEGER, call_index INTEGER NOT NULL, param_id INTEGER, operation TEXT, operand INTEGER,
  dtype TEXT NOT NULL, n INTEGER NOT NULL, nan INTEGER NOT NULL, pos_inf INTEGER NOT NULL,
  neg_inf INTEGER NOT NULL, zeros INTEGER NOT NULL, absmax REAL NOT NULL, absmin REAL, mean REAL,
  rms REAL, f16_subnormal INTEGER, hist BLOB,
  PRIMARY KEY (step, seq));
CREATE INDEX stats_nonfinite ON stats(step, seq) WHERE nan + pos_inf + neg_inf > 0;
"""

_STATS_INSERT = ("INSERT INTO stats VALUES "
                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def value_class(x: float | None) -> str | None:
    """'finite' | 'nan' | '+inf' | '-inf', or None for a value not recorded."""
    if x is None:
        return None
    if x != x:
        return "nan"
    if x == float("inf"):
        return "+inf"
    if x == float("-inf"):
        return "-inf"
    return "finite"


def finite_or_none(x: float | None) -> float | None:
    return x if value_class(x) == "finite" else None


class TraceWriter:
    """Creates the trace at `path` and appends one transaction per step."""

    def __init__(self, path, overwrite: bool = False):
        self.path = os.fspath(path)
        if overwrite:
            for p in (self.path, self.path + "-wal", self.path + "-shm", self.path + "-journal"):
                if os.path.lexists(p):
                    os.remove(p)
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            raise FileExistsError(
                f"{self.path} already exists; choose a new path or pass overwrite=True to replace it."
            ) from None
        os.close(fd)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")

    def begin(self, meta: dict, modules, parameters):
        """Writes the schema, `meta`, the modules (id, name, type, is_leaf) and parameters."""
        with self._transaction() as db:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()])
            db.executemany("INSERT INTO modules VALUES (?, ?, ?, ?)", modules)
            db.executemany("INSERT INTO parameters VALUES (?, ?, ?, ?, ?)",
                           [(i, name, m, json.dumps(list(shape)), dtype)
                            for i, name, m, shape, dtype in parameters])

    def begin_or_remove(self, meta: dict, modules, parameters):
        """`begin`, or on failure the file this writer created is removed (no half-written trace)."""
        try:
            self.begin(meta, modules, parameters)
        except BaseException:
            self.db.close()
            for p in (self.path, self.path + "-wal", self.path + "-shm"):
                if os.path.lexists(p):
                    os.remove(p)
            raise

    def write_step(self, step: dict, learning_rates, rows):
        """One step in one transaction: its `steps` row, learning rates and stats rows."""
        with self._transaction() as db:
            db.execute("INSERT INTO steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (
                step["step"], finite_or_none(step["loss"]), value_class(step["loss"]),
                finite_or_none(step["grad_norm"]), value_class(step["grad_norm"]),
                step["scale"], int(step["skipped"]), int(step["full"]), step["wall_seconds"]))
            db.executemany("INSERT INTO learning_rates VALUES (?, ?, ?)",
                           [(step["step"], i, lr) for i, lr in enumerate(learning_rates)])
            db.executemany(_STATS_INSERT, rows)

    def close(self):
        self.db.close()

    def _transaction(self):
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN")
        return self.db

    def __exit__(self, kind, value, tb):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


def meta(model, every: int, ops: bool, device: str, probe_version: str, torch_version: str) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "format": "gradscope-trace",
        "probe_version": probe_version,
        "torch_version": torch_version,
        "created": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "model_class": type(model).__name__,
        "every": every,
        "ops": "1" if ops else "0",
        "device": device,
        "histogram_min_exponent": stats.HIST_MIN_EXPONENT,
        "histogram_max_exponent": stats.HIST_MAX_EXPONENT,
    }
