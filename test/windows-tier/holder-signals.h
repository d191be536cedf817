/*
 * The signal protocol shared by both holders (holder.c and sqlite-holder.c) and the Windows-side
 * runner (runner.ts): plain files in a per-case folder, because under Wine a Windows program cannot
 * write to a pipe the Linux driver reads, and files are what both sides can see.
 *
 *   holder writes "ready"     after it opened the file (content: epoch milliseconds)
 *   runner writes "go"        just before its first attempt; the hold time counts from here, so the
 *                             start-up time of node.exe never eats into a short hold
 *   runner writes "release"   to end a long hold early once the operation has given up
 *   holder writes "released"  right after closing the file (content: epoch ms and why it let go)
 *   holder writes "failed"    instead of "ready" when it could not open the file (content: the reason)
 *
 * Each signal is written to "<name>.tmp" and renamed into place, so a reader that sees the name also
 * sees the whole content.
 */
#ifndef NOTEVAULT_HOLDER_SIGNALS_H
#define NOTEVAULT_HOLDER_SIGNALS_H

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <windows.h>

/* Give up waiting for "go" after this long: the runner has crashed, and a holder must never linger. */
#define HOLDER_GO_TIMEOUT_MS 60000
#define HOLDER_POLL_MS 5

static long long epoch_ms(void) {
  FILETIME ft;
  ULARGE_INTEGER t;
  GetSystemTimeAsFileTime(&ft);
  t.LowPart = ft.dwLowDateTime;
  t.HighPart = ft.dwHighDateTime;
  /* FILETIME counts 100 ns steps since 1601-01-01; JavaScript's Date.now() counts ms since 1970. */
  return (long long)((t.QuadPart - 116444736000000000ULL) / 10000ULL);
}

static void signal_path(wchar_t *out, size_t size, const wchar_t *dir, const wchar_t *name) {
  _snwprintf(out, size, L"%ls\\%ls", dir, name);
  out[size - 1] = L'\0';
}

static int signal_exists(const wchar_t *dir, const wchar_t *name) {
  wchar_t path[MAX_PATH * 2];
  signal_path(path, MAX_PATH * 2, dir, name);
  return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

static void write_signal(const wchar_t *dir, const wchar_t *name, const char *text) {
  wchar_t path[MAX_PATH * 2];
  wchar_t tmp[MAX_PATH * 2 + 8];
  signal_path(path, MAX_PATH * 2, dir, name);
  _snwprintf(tmp, MAX_PATH * 2 + 8, L"%ls.tmp", path);
  tmp[MAX_PATH * 2 + 7] = L'\0';
  HANDLE h = CreateFileW(tmp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    fwprintf(stderr, L"holder: cannot create %ls (error %lu)\n", tmp, GetLastError());
    exit(4);
  }
  DWORD written = 0;
  WriteFile(h, text, (DWORD)strlen(text), &written, NULL);
  CloseHandle(h);
  if (!MoveFileExW(tmp, path, MOVEFILE_REPLACE_EXISTING)) {
    fwprintf(stderr, L"holder: cannot publish %ls (error %lu)\n", path, GetLastError());
    exit(4);
  }
}

/* Waits for "go"; 0 on time-out. */
static int wait_for_go(const wchar_t *dir) {
  long long deadline = epoch_ms() + HOLDER_GO_TIMEOUT_MS;
  while (!signal_exists(dir, L"go")) {
    if (epoch_ms() > deadline) return 0;
    Sleep(HOLDER_POLL_MS);
  }
  return 1;
}

/* Holds until hold_ms have passed since "go" or the runner asks for release; says which. */
static const char *hold(const wchar_t *dir, long hold_ms) {
  long long until = epoch_ms() + hold_ms;
  for (;;) {
    if (signal_exists(dir, L"release")) return "requested";
    if (epoch_ms() >= until) return "timeout";
    Sleep(HOLDER_POLL_MS);
  }
}

static void signal_released(const wchar_t *dir, const char *why, const char *note) {
  char text[512];
  snprintf(text, sizeof text, "{\"releasedAt\":%lld,\"why\":\"%s\",\"note\":\"%s\"}", epoch_ms(), why, note);
  write_signal(dir, L"released", text);
}

static void signal_ready(const wchar_t *dir) {
  char text[64];
  snprintf(text, sizeof text, "%lld", epoch_ms());
  write_signal(dir, L"ready", text);
}

static void signal_failed(const wchar_t *dir, const char *reason, unsigned long error) {
  char text[512];
  snprintf(text, sizeof text, "%s (Windows error %lu)", reason, error);
  write_signal(dir, L"failed", text);
}

#endif
