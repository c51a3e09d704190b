#include <sqlite3.h>
#include "CSQLiteGuard.h"

int gradscope_sqlite_harden(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}
