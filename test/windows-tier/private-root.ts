/**
 * The private temp root under Windows (issue #13): what the probe (private-root-probe.ts, under
 * node.exe in Wine) reports, and the driver's verdict on it. The probe resolves the CLI's root
 * the way NoteVault does (cliTempRoot: %LOCALAPPDATA%\NoteVault\tmp), plants what a crashed job
 * and a hostile neighbour would leave there, runs the start-up sweep and reports; the driver
 * then checks the root and the victim folder the links point at from the Linux side.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesFor } from './scenarios';

/** A link the probe tried to plant: made, or the error code Wine gave. */
export interface LinkAttempt {
  kind: 'junction' | 'file-symlink' | 'dir-symlink';
  /** Relative to the root, with '/'. */
  at: string;
  made: boolean;
  error?: string;
  /** How lstat saw it after it was made (a link must look like one, or the sweep would enter it). */
  lstatIsLink?: boolean;
}

export interface PrivateRootProbe {
  localAppData: string | undefined;
  root: string;
  /** A temp folder of a job still running (the probe's own): the sweep must keep it. */
  liveFolder: string;
  links: LinkAttempt[];
  sweep: {
    wipedTempDirs: string[];
    skipped: { path: string; reason: string }[];
    failures: { path: string; code: string; message: string }[];
  };
  /** Entries left in the root after the sweep (names, sorted). */
  remaining: string[];
  /** Present when the probe itself failed. */
  error?: string;
}

/** Names the probe uses, shared so the driver checks exactly what was planted. */
export const PLANTED = {
  /** A leftover of a job whose process is gone: the sweep must wipe it. */
  deadJob: (pid: number) => `notevault-tmp-backup-pid${pid}-th0-Ab12Cd`,
  /** A junction to the victim named like a dead job's leftover: skipped, never entered. */
  linkAsLeftover: (pid: number) => `notevault-tmp-backup-pid${pid}-th0-Lnk999`,
  /** A folder whose name the sweep does not recognise: never touched. */
  foreign: 'notevault-tmp-notes',
  foreignFile: 'keep.txt',
} as const;

/** The victim folder's files: outside the root, reachable only through the planted links. */
export const VICTIM_FILES: Record<string, Buffer> = {
  'notes.txt': Buffer.from("The person's own notes, outside NoteVault's temp root.\n", 'utf8'),
  'photo.bin': bytesFor('victim photo', 6000),
};

/** What is wrong with the probe's report and the victim folder; empty when all is well. */
export function privateRootProblems(probe: PrivateRootProbe | undefined, victimDir: string): string[] {
  if (!probe) return ['The private-root probe wrote no result.'];
  if (probe.error !== undefined) return [`The private-root probe failed: ${probe.error}`];
  const problems: string[] = [];
  const lad = probe.localAppData;
  if (lad === undefined || lad === '') problems.push('%LOCALAPPDATA% was not set under Wine.');
  else if (probe.root.toLowerCase() !== `${lad}\\NoteVault\\tmp`.toLowerCase()) {
    problems.push(`The root "${probe.root}" is not %LOCALAPPDATA%\\NoteVault\\tmp ("${lad}").`);
  }
  const dead = probe.remaining.filter((n) => n.endsWith('-Ab12Cd'));
  if (dead.length > 0 || probe.sweep.wipedTempDirs.length !== 1) {
    problems.push(
      `The dead job's leftover was not wiped (wiped: ${JSON.stringify(probe.sweep.wipedTempDirs)}).`,
    );
  }
  if (!probe.remaining.includes(probe.liveFolder)) {
    problems.push(`The running job's folder "${probe.liveFolder}" was removed.`);
  }
  if (!probe.remaining.includes(PLANTED.foreign)) {
    problems.push(`The unrecognised folder "${PLANTED.foreign}" was removed.`);
  }
  for (const link of probe.links.filter((l) => l.made)) {
    if (link.lstatIsLink !== true)
      problems.push(`lstat did not report the ${link.kind} at "${link.at}" as a link.`);
  }
  if (probe.sweep.failures.length > 0) {
    problems.push(`The sweep reported failures: ${JSON.stringify(probe.sweep.failures)}.`);
  }
  const victim = readdirSync(victimDir).sort();
  const expected = Object.keys(VICTIM_FILES).sort();
  if (JSON.stringify(victim) !== JSON.stringify(expected)) {
    problems.push(`The victim folder now lists ${JSON.stringify(victim)}, not ${JSON.stringify(expected)}.`);
  }
  for (const [name, bytes] of Object.entries(VICTIM_FILES)) {
    if (victim.includes(name) && !readFileSync(join(victimDir, name)).equals(bytes)) {
      problems.push(`The victim file "${name}" was changed through a link.`);
    }
  }
  return problems;
}

/** One paragraph for the tier's report. */
export function privateRootText(probe: PrivateRootProbe | undefined, problems: string[], ms: number): string {
  const links = (probe?.links ?? [])
    .map((l) => `${l.kind} ${l.at}: ${l.made ? 'planted' : `not possible under Wine (${l.error})`}`)
    .join('; ');
  return [
    `Private temp root under %LOCALAPPDATA% (${(ms / 1000).toFixed(1)} s): ${problems.length === 0 ? 'PASS' : 'FAIL'}`,
    `  root ${probe?.root ?? '?'}; links: ${links || 'none'}`,
    ...problems.map((p) => `  - ${p}`),
  ].join('\n');
}
