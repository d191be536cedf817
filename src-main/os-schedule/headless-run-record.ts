/**
 * headless-run.json in userData: when the OS scheduler last started NoteVault while it was
 * closed, and what that run did. Written by the headless run (app/headless-scheduled-run.ts),
 * read for Settings (osSchedule:status). The backup itself is recorded where every run is, in
 * backup-state.json; this file only says that the OS scheduler is doing its part. A missing or
 * damaged file reads as "never".
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { PRIVATE_FILE_MODE } from '../fsx/private-modes';
import type { FileLayerOptions } from '../fsx/retry';

export const HEADLESS_RUN_FILE = 'headless-run.json';

/** The one place that says where the record lives: in the user data folder. */
export function headlessRunPath(userDataDir: string): string {
  return join(userDataDir, HEADLESS_RUN_FILE);
}

export const HEADLESS_OUTCOMES = ['backed-up', 'failed', 'not-due', 'off'] as const;
export type HeadlessOutcome = (typeof HEADLESS_OUTCOMES)[number];

const recordSchema = z.object({
  at: z.number().int().nonnegative(),
  outcome: z.enum(HEADLESS_OUTCOMES),
});
export type HeadlessRunRecord = z.infer<typeof recordSchema>;

export async function readHeadlessRun(file: string): Promise<HeadlessRunRecord | null> {
  try {
    const parsed = recordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeHeadlessRun(
  file: string,
  record: HeadlessRunRecord,
  options: FileLayerOptions = {},
): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(record)}\n`, { ...options, mode: PRIVATE_FILE_MODE });
}
