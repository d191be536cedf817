/*
 * sync-holder.exe <watched folder> <signal folder> <hold ms>
 *
 * Behaves like a cloud sync client (OneDrive, Dropbox) watching its folder: every file that appears
 * there is opened as soon as it is seen, to be hashed and uploaded, with FILE_SHARE_READ |
 * FILE_SHARE_WRITE and no FILE_SHARE_DELETE, and held for <hold ms>. While it is held the file cannot
 * be renamed or deleted (EBUSY) or replaced (EPERM). Files present before "go" are not touched.
 * The folder is polled (FindFirstFileW) every millisecond: a client reacting to change notifications
 * is no faster than that.
 *
 * Signals (holder-signals.h), beyond "ready", "go", "release" and "released":
 *   held-<n>     after it opened the n-th new file: {"name":"<file name>","openedAt":<epoch ms>}
 *   let-go-<n>   after it closed it: {"name":"...","releasedAt":<epoch ms>,"why":"timeout|requested"}
 * It stops when the runner writes "release" (closing a file it holds at once), or a minute after
 * "go". Exit codes: 0 done, 1 bad arguments, 2 no folder to watch, 3 no "go" in time, 4 could not
 * write a signal.
 */
#include "holder-signals.h"

#define MAX_SEEN 256

static wchar_t seen[MAX_SEEN][MAX_PATH];
static int seen_count = 0;

static int was_seen(const wchar_t *name) {
  for (int i = 0; i < seen_count; i++)
    if (wcscmp(seen[i], name) == 0) return 1;
  return 0;
}

static void remember(const wchar_t *name) {
  if (seen_count < MAX_SEEN) {
    wcsncpy(seen[seen_count], name, MAX_PATH - 1);
    seen[seen_count][MAX_PATH - 1] = L'\0';
    seen_count++;
  }
}

/* Calls back for every file (not folder) in the folder; stops when the callback returns 1. */
static int first_file(const wchar_t *folder, int (*pick)(const wchar_t *), wchar_t *out) {
  wchar_t pattern[MAX_PATH * 2];
  _snwprintf(pattern, MAX_PATH * 2, L"%ls\\*", folder);
  pattern[MAX_PATH * 2 - 1] = L'\0';
  WIN32_FIND_DATAW data;
  HANDLE find = FindFirstFileW(pattern, &data);
  if (find == INVALID_HANDLE_VALUE) return 0;
  int found = 0;
  do {
    if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) continue;
    if (pick(data.cFileName)) {
      wcsncpy(out, data.cFileName, MAX_PATH - 1);
      out[MAX_PATH - 1] = L'\0';
      found = 1;
      break;
    }
  } while (FindNextFileW(find, &data));
  FindClose(find);
  return found;
}

static int remember_all(const wchar_t *name) {
  remember(name);
  return 0;
}

static int is_new(const wchar_t *name) { return !was_seen(name); }

static void utf8(const wchar_t *wide, char *out, int size) {
  if (!WideCharToMultiByte(CP_UTF8, 0, wide, -1, out, size, NULL, NULL)) out[0] = '\0';
  for (char *c = out; *c; c++)
    if (*c == '"' || *c == '\\') *c = '_';
}

int wmain(int argc, wchar_t **argv) {
  if (argc != 4) {
    fwprintf(stderr, L"usage: sync-holder.exe <watched folder> <signal folder> <hold ms>\n");
    return 1;
  }
  const wchar_t *folder = argv[1];
  const wchar_t *signals = argv[2];
  long hold_ms = wcstol(argv[3], NULL, 10);
  wchar_t name[MAX_PATH];

  DWORD attributes = GetFileAttributesW(folder);
  if (attributes == INVALID_FILE_ATTRIBUTES || !(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
    signal_failed(signals, "the folder to watch is not there", GetLastError());
    return 2;
  }
  first_file(folder, remember_all, name);
  signal_ready(signals);
  if (!wait_for_go(signals)) {
    signal_released(signals, "no-go", "");
    return 3;
  }
  long long deadline = epoch_ms() + HOLDER_GO_TIMEOUT_MS;
  const char *why = "deadline";
  int held = 0;
  while (epoch_ms() < deadline) {
    if (signal_exists(signals, L"release")) {
      why = "requested";
      break;
    }
    if (!first_file(folder, is_new, name)) {
      Sleep(1);
      continue;
    }
    wchar_t path[MAX_PATH * 2];
    _snwprintf(path, MAX_PATH * 2, L"%ls\\%ls", folder, name);
    path[MAX_PATH * 2 - 1] = L'\0';
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
      /* Gone again, or not openable yet: look again at the next poll. */
      Sleep(1);
      continue;
    }
    remember(name);
    held++;
    char name8[MAX_PATH * 3];
    utf8(name, name8, sizeof name8);
    wchar_t signal[32];
    char text[MAX_PATH * 3 + 128];
    snprintf(text, sizeof text, "{\"name\":\"%s\",\"openedAt\":%lld}", name8, epoch_ms());
    _snwprintf(signal, 32, L"held-%d", held);
    write_signal(signals, signal, text);
    const char *how = hold(signals, hold_ms);
    CloseHandle(h);
    snprintf(text, sizeof text, "{\"name\":\"%s\",\"releasedAt\":%lld,\"why\":\"%s\"}", name8, epoch_ms(), how);
    _snwprintf(signal, 32, L"let-go-%d", held);
    write_signal(signals, signal, text);
    if (strcmp(how, "requested") == 0) {
      why = "requested";
      break;
    }
  }
  char note[64];
  snprintf(note, sizeof note, "%d new file(s) held", held);
  signal_released(signals, why, note);
  return 0;
}
