/*
 * sqlite-holder.exe <database file> <signal folder> <hold ms>
 *
 * The holder that is SQLite itself: the amalgamation shipped inside better-sqlite3, compiled for
 * Windows, so the file is opened by SQLite's own Windows VFS (winOpen: GENERIC_READ | GENERIC_WRITE,
 * FILE_SHARE_READ | FILE_SHARE_WRITE) exactly as NoteVault's database is held by a running NoteVault.
 * It opens the database read-write, starts a transaction and reads a row, so it also holds SQLite's
 * SHARED lock (LockFileEx on the lock bytes at the 1 GiB mark), then follows the signal protocol in
 * holder-signals.h. Exit codes as holder.c; 2 also when SQLite cannot open or read the database.
 */
#include "holder-signals.h"
#include "sqlite3.h"

static char *utf8_of(const wchar_t *wide) {
  int size = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
  char *out = malloc((size_t)size);
  if (out) WideCharToMultiByte(CP_UTF8, 0, wide, -1, out, size, NULL, NULL);
  return out;
}

static int fail(const wchar_t *signals, sqlite3 *db, const char *what) {
  char reason[400];
  snprintf(reason, sizeof reason, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
  for (char *c = reason; *c; c++)
    if (*c == '"' || *c == '\\') *c = '\'';
  signal_failed(signals, reason, GetLastError());
  if (db) sqlite3_close(db);
  return 2;
}

int wmain(int argc, wchar_t **argv) {
  if (argc != 4) {
    fwprintf(stderr, L"usage: sqlite-holder.exe <database file> <signal folder> <hold ms>\n");
    return 1;
  }
  const wchar_t *signals = argv[2];
  long hold_ms = wcstol(argv[3], NULL, 10);
  char *path = utf8_of(argv[1]);
  sqlite3 *db = NULL;
  sqlite3_stmt *row = NULL;

  if (!path || sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    return fail(signals, db, "sqlite3_open_v2");
  /* A database is opened lazily: BEGIN plus a read makes SQLite open the file and take its lock. */
  if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) return fail(signals, db, "BEGIN");
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &row, NULL) != SQLITE_OK ||
      sqlite3_step(row) != SQLITE_ROW)
    return fail(signals, db, "reading the schema");
  sqlite3_finalize(row);

  signal_ready(signals);
  if (!wait_for_go(signals)) {
    sqlite3_close(db);
    signal_released(signals, "no-go", "");
    return 3;
  }
  const char *why = hold(signals, hold_ms);
  /* The database may have been overwritten or renamed meanwhile; ending a read transaction and
   * closing must still release the handle, and that is all that matters here. */
  int commit = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  int close = sqlite3_close(db);
  signal_released(signals, why, commit == SQLITE_OK && close == SQLITE_OK ? "closed" : "closed-with-error");
  return 0;
}
