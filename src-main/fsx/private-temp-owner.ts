/**
 * Which process made a private temp folder, written into the folder's own name. Partial files
 * carry the same owner tag in theirs (partial-names.ts).
 *
 * The start-up sweep wipes `notevault-tmp-*` folders that a crashed run left behind; without
 * knowing the owner it cannot tell them from the folder of a backup another NoteVault process
 * (the command-line tool next to the app) is making right now. The owner goes into the name,
 * not a marker file inside, because mkdtemp then creates folder and owner in one step: there is
 * no moment at which a sweep could find the folder without its owner.
 *
 *   notevault-tmp-<purpose>-pid<pid>[-st<start ticks>]-th<thread id>-<6 characters from mkdtemp>
 *
 * - pid: the creating process. A live process with that PID keeps its folders.
 * - st (Linux only): the process's start time in clock ticks since boot, field 22 of
 *   /proc/<pid>/stat. PIDs are reused; the pair (pid, start) is not, so a folder whose PID now
 *   belongs to some other process is still recognised as abandoned. Other systems have no cheap
 *   equivalent (it would mean running `ps` or PowerShell), so there the PID alone decides and a
 *   reused PID only delays the wipe until that process ends.
 * - th: the worker_threads thread id (0 = main thread). Backup jobs run in worker threads of
 *   the app or CLI process, so the PID alone cannot tell a crashed job's folder from the main
 *   thread's (a browse session's) that is still in use.
 *
 * Every part uses lowercase letters, digits and hyphens, so the whole name still matches the
 * pattern earlier versions sweep: an older NoteVault keeps recognising (and wiping) it.
 */
import { readFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

export interface TempDirOwner {
  pid: number;
  /** Linux: start time in clock ticks since boot, as /proc/<pid>/stat prints it (digits). */
  startTicks?: string;
  threadId: number;
}

/** What a private temp folder's name says about its owner. */
export type OwnerInName =
  | { kind: 'none' } // made by a version before owners were recorded
  | { kind: 'owner'; owner: TempDirOwner }
  | { kind: 'unreadable'; detail: string };

const PREFIX = 'notevault-tmp-';
// The one pattern of an owner tag, for temp folders and partial files alike: groups pid, start ticks, thread.
const OWNER_TAG_SOURCE = 'pid([1-9][0-9]{0,9})(?:-st(0|[1-9][0-9]{0,19}))?-th(0|[1-9][0-9]{0,9})';
const OWNER_TAG = new RegExp(`^${OWNER_TAG_SOURCE}$`);
// The purpose is matched lazily so the first segment starting with "pid" begins the owner; purposes may not start a segment with "pid".
const OWNED_NAME = new RegExp(`^notevault-tmp-[a-z0-9]+(?:-[a-z0-9]+)*?-${OWNER_TAG_SOURCE}-[A-Za-z0-9]{6}$`);
// process.kill accepts only 32-bit signed PIDs; 0 and negative numbers would address process groups.
const MAX_PID = 2 ** 31 - 1;

/** The `pid…-th…` part of a folder name for `owner`. */
export function ownerTag(owner: TempDirOwner): string {
  const start = owner.startTicks === undefined ? '' : `-st${owner.startTicks}`;
  return `pid${owner.pid}${start}-th${owner.threadId}`;
}

/**
 * The owner an owner tag ("pid12-st34-th5", as ownerTag writes it) names; undefined for any other
 * text, including a tag whose PID process.kill could not take.
 */
export function parseOwnerTag(tag: string): TempDirOwner | undefined {
  return ownerFromMatch(OWNER_TAG.exec(tag));
}

function ownerFromMatch(match: RegExpExecArray | null): TempDirOwner | undefined {
  const [, pidText, startTicks, threadText] = match ?? [];
  const pid = Number(pidText);
  if (pidText === undefined || threadText === undefined || pid > MAX_PID) return undefined;
  return { pid, threadId: Number(threadText), ...(startTicks === undefined ? {} : { startTicks }) };
}

/** True when a purpose label would be mistaken for the start of an owner tag. */
export function clashesWithOwnerTag(purpose: string): boolean {
  return purpose.split('-').some((segment) => segment.startsWith('pid'));
}

/**
 * Reads the owner from a folder name that already passed isPrivateTempDirName. A name with no
 * segment starting with "pid" is from an older version; one with such a segment that does not
 * parse (edited by hand, another program, a future format) is reported as unreadable.
 */
export function ownerFromName(name: string): OwnerInName {
  if (!name.startsWith(PREFIX)) return { kind: 'none' };
  // The last segment is mkdtemp's random part, which may start with "pid" by chance.
  const segments = name.slice(PREFIX.length).split('-').slice(0, -1);
  if (!segments.some((segment) => segment.startsWith('pid'))) return { kind: 'none' };
  const owner = ownerFromMatch(OWNED_NAME.exec(name));
  if (owner === undefined) {
    return {
      kind: 'unreadable',
      detail:
        `The folder name "${name}" has an owner part NoteVault cannot read ` +
        '(expected "pid<number>[-st<number>]-th<number>" before the last six characters).',
    };
  }
  return { kind: 'owner', owner };
}

/**
 * State and start time from the text of /proc/<pid>/stat. The command name (field 2) is in
 * parentheses and may itself contain spaces and parentheses, so fields are counted from the
 * last ")": state is field 3, start time field 22.
 */
export function parseProcStat(text: string): { state: string; startTicks: string } | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const state = fields[0];
  const startTicks = fields[19];
  if (state === undefined || startTicks === undefined || !/^[0-9]+$/.test(startTicks)) return undefined;
  return { state, startTicks };
}

let ownStartTicks: string | null | undefined;

/** This process's start ticks on Linux (read once: it never changes), undefined elsewhere. */
function readOwnStartTicks(): string | undefined {
  if (ownStartTicks === undefined) {
    ownStartTicks = null;
    if (process.platform === 'linux') {
      try {
        ownStartTicks = parseProcStat(readFileSync('/proc/self/stat', 'utf8'))?.startTicks ?? null;
      } catch {
        // No /proc (a locked-down sandbox): the PID alone will identify this process.
      }
    }
  }
  return ownStartTicks ?? undefined;
}

/** The calling process and thread, as createPrivateTempDir records it. */
export function currentOwner(): TempDirOwner {
  const startTicks = readOwnStartTicks();
  return { pid: process.pid, threadId, ...(startTicks === undefined ? {} : { startTicks }) };
}
