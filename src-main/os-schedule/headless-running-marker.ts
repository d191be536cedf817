/**
 * headless-running.json in userData: "a run started by the OS scheduler holds NoteVault's
 * single-instance lock now" (process id and start time). Written by the headless run as it
 * starts (app/headless-electron.ts) and removed as it ends; a NoteVault started by the person
 * meanwhile reads it to tell that run apart from an open NoteVault window, and waits for it
 * instead of quitting (app/wait-for-headless-run.ts). The process id is what makes it true: a
 * marker left by a run that crashed names a process that is gone.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fsx/private-modes';
import { unlinkIfExists } from '../fsx/retry';

export function headlessRunningPath(userDataDir: string): string {
  return join(userDataDir, 'headless-running.json');
}

const markerSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.number().int().nonnegative(),
});
export type HeadlessRunningMarker = z.infer<typeof markerSchema>;

/** null when there is no marker or it cannot be read. */
export async function readHeadlessRunning(file: string): Promise<HeadlessRunningMarker | null> {
  try {
    const parsed = markerSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeHeadlessRunning(file: string, marker: HeadlessRunningMarker): Promise<void> {
  // The very first run may come before NoteVault ever made its user data folder.
  await mkdir(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  await writeFileAtomic(file, `${JSON.stringify(marker)}\n`, { mode: PRIVATE_FILE_MODE });
}

export async function removeHeadlessRunning(file: string): Promise<void> {
  await unlinkIfExists(file);
}
