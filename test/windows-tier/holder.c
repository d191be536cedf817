/*
 * holder.exe <mode> <file> <signal folder> <hold ms>
 *
 * Opens <file> the way another Windows program would hold it while NoteVault works on it, then
 * follows the signal protocol in holder-signals.h. Modes (the share mode passed to CreateFileW):
 *   sqlite        FILE_SHARE_READ | FILE_SHARE_WRITE: what SQLite's Windows layer passes (winOpen in
 *                 sqlite3.c), and what most editors and sync clients do: no FILE_SHARE_DELETE, so the
 *                 file cannot be renamed, replaced or deleted while held
 *   share-delete  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE: a polite holder (Node itself,
 *                 some antivirus scanners)
 *   exclusive     no sharing at all: nothing else may even open the file
 * The file is opened for reading and writing, as SQLite opens a database, and never created.
 * Exit codes: 0 held and released, 1 bad arguments, 2 could not open the file, 3 no "go" in time,
 * 4 could not write a signal.
 */
#include "holder-signals.h"

static int share_mode_for(const wchar_t *mode, DWORD *share) {
  if (wcscmp(mode, L"sqlite") == 0) *share = FILE_SHARE_READ | FILE_SHARE_WRITE;
  else if (wcscmp(mode, L"share-delete") == 0) *share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
  else if (wcscmp(mode, L"exclusive") == 0) *share = 0;
  else return 0;
  return 1;
}

int wmain(int argc, wchar_t **argv) {
  DWORD share;
  if (argc != 5 || !share_mode_for(argv[1], &share)) {
    fwprintf(stderr, L"usage: holder.exe sqlite|share-delete|exclusive <file> <signal folder> <hold ms>\n");
    return 1;
  }
  const wchar_t *file = argv[2];
  const wchar_t *signals = argv[3];
  long hold_ms = wcstol(argv[4], NULL, 10);

  HANDLE h = CreateFileW(file, GENERIC_READ | GENERIC_WRITE, share, NULL, OPEN_EXISTING,
                         FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    signal_failed(signals, "CreateFileW could not open the file to hold", GetLastError());
    return 2;
  }
  signal_ready(signals);
  if (!wait_for_go(signals)) {
    CloseHandle(h);
    signal_released(signals, "no-go", "");
    return 3;
  }
  const char *why = hold(signals, hold_ms);
  CloseHandle(h);
  signal_released(signals, why, "");
  return 0;
}
