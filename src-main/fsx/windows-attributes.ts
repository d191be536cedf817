/**
 * Windows file attributes of a folder, read without a native addon. Node's fs.Stats carries no
 * attributes (libuv folds them into `mode`), so they come from PowerShell: Get-Item reads the
 * attributes from the directory entry (FindFirstFile), which never recalls a cloud placeholder.
 * The path travels in an environment variable, never inside the script, so no quoting of a path
 * can change what runs.
 *
 * The bits that mark a folder managed by a cloud-files sync client (winnt.h FILE_ATTRIBUTE_*):
 * OneDrive Files On-Demand sets them, and iCloud for Windows and Dropbox use the same Cloud Files
 * API. A folder that is "locally available" carries none of them (only a reparse point, as a
 * junction does), so these bits confirm a sync client but their absence proves nothing.
 */
import type { CommandRunner } from './command-runner';
import { nodeCommandRunner, windowsSystemProgram } from './command-runner';

export const FILE_ATTRIBUTE = {
  OFFLINE: 0x1000,
  RECALL_ON_OPEN: 0x40000,
  PINNED: 0x80000,
  UNPINNED: 0x100000,
  RECALL_ON_DATA_ACCESS: 0x400000,
} as const;

const CLOUD_FILE_BITS =
  FILE_ATTRIBUTE.OFFLINE |
  FILE_ATTRIBUTE.RECALL_ON_OPEN |
  FILE_ATTRIBUTE.PINNED |
  FILE_ATTRIBUTE.UNPINNED |
  FILE_ATTRIBUTE.RECALL_ON_DATA_ACCESS;

/** True when the attributes say a cloud sync client manages the entry (pinned, online-only, recall...). */
export function hasCloudFileAttributes(attributes: number): boolean {
  return (attributes & CLOUD_FILE_BITS) !== 0;
}

// .NET's System.IO.FileAttributes names, as PowerShell prints the enum when it is not cast.
const DOTNET_NAMES: Record<string, number> = {
  ReadOnly: 0x1,
  Hidden: 0x2,
  System: 0x4,
  Directory: 0x10,
  Archive: 0x20,
  Device: 0x40,
  Normal: 0x80,
  Temporary: 0x100,
  SparseFile: 0x200,
  ReparsePoint: 0x400,
  Compressed: 0x800,
  Offline: 0x1000,
  NotContentIndexed: 0x2000,
  Encrypted: 0x4000,
  IntegrityStream: 0x8000,
  NoScrubData: 0x20000,
};

/**
 * Reads what PowerShell printed for an Attributes value: a decimal number ("5248544", as the
 * script below asks for) or the enum's names ("Directory, ReparsePoint"); null for anything else.
 */
export function parseAttributesOutput(stdout: string): number | null {
  const text = stdout.trim();
  if (/^[0-9]{1,10}$/.test(text)) {
    const value = Number(text);
    return value <= 0xffffffff ? value : null;
  }
  if (!/^[A-Za-z]+(, [A-Za-z]+)*$/.test(text)) return null;
  let value = 0;
  for (const name of text.split(', ')) {
    const bit = DOTNET_NAMES[name];
    if (bit === undefined) return null;
    value |= bit;
  }
  return value >>> 0;
}

const PATH_VARIABLE = 'NOTEVAULT_ATTRIBUTES_OF';
export const ATTRIBUTES_SCRIPT = `[int64](Get-Item -LiteralPath $env:${PATH_VARIABLE} -Force).Attributes`;

/** Reads a path's attributes with Windows PowerShell; null when it cannot (no PowerShell, no such path). */
export function powerShellAttributes(
  run: CommandRunner = nodeCommandRunner,
  env: Readonly<Record<string, string | undefined>> = process.env,
): (path: string) => Promise<number | null> {
  // By full path (windowsSystemProgram): a bare name would run a powershell.exe found in the
  // current folder or on PATH first.
  const powershell = windowsSystemProgram('WindowsPowerShell\\v1.0\\powershell.exe', env);
  return async (path) => {
    const result = await run(
      powershell,
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', ATTRIBUTES_SCRIPT],
      { env: { [PATH_VARIABLE]: path } },
    );
    return result.exitCode === 0 ? parseAttributesOutput(result.stdout) : null;
  };
}

/**
 * How long an answer is reused. The destinations' status asks about every folder each time it is
 * shown, and starting PowerShell is slow (not measured here: no Windows); a folder's pinned or
 * online-only state changes only when a person changes it in the sync client, and ten minutes
 * later is soon enough to notice.
 */
export const ATTRIBUTES_CACHE_MS = 10 * 60 * 1000;

/** `read` with each path's answer (null included) kept for `ttlMs`; callers at once share one call. */
export function cachedAttributes(
  read: (path: string) => Promise<number | null>,
  ttlMs: number = ATTRIBUTES_CACHE_MS,
  now: () => number = () => performance.now(),
): (path: string) => Promise<number | null> {
  const answers = new Map<string, { at: number; value: Promise<number | null> }>();
  return (path) => {
    const kept = answers.get(path);
    if (kept !== undefined && now() - kept.at < ttlMs) return kept.value;
    const value = read(path).catch(() => null);
    answers.set(path, { at: now(), value });
    return value;
  };
}
