#ifndef CSQLITEGUARD_H
#define CSQLITEGUARD_H

typedef struct sqlite3 sqlite3;

/// Turns on SQLite's defensive mode (no writes to the schema, no corrupting pragmas) on a
/// connection that reads a hostile file. sqlite3_db_config is variadic, which Swift cannot call.
/// Returns SQLite's result code.
int gradscope_sqlite_harden(sqlite3 *db);

#endif
