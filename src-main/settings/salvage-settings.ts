import type { z } from 'zod';
import { retentionSchema, settingsSchema } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import { untrustedPathReason } from '../fsx/trusted-path';

export interface SalvagedSettings {
  settings: Settings;
  /** One line per member that was present but invalid and fell back to its default. */
  problems: string[];
}

/**
 * Reads whatever a settings file holds, keeping every valid member.
 *
 * Decision: settings are salvaged member by member rather than all-or-nothing. One bad value
 * (a hand edit, a half-applied change by some sync tool) should not silently also reset the
 * backup folder and the schedule, which are exactly the settings a person forgets to check.
 * - A missing member takes its default without a problem: an older NoteVault wrote the file
 *   before that setting existed.
 * - A present but invalid member takes its default and is reported.
 * - Unknown members (a newer NoteVault's settings, the `version` marker) are dropped silently.
 * `retention` is salvaged one level deeper for the same reasons.
 */
export function salvageSettings(
  raw: unknown,
  defaults: Settings,
  platform: string = process.platform,
): SalvagedSettings {
  // A hand-edited file is a way in for a path too: the same rule as the folder dialog's answer.
  const isTrustedFolder = (folder: string) => untrustedPathReason(folder, platform) === null;
  if (!isPlainObject(raw)) {
    return { settings: clone(defaults), problems: ['the file does not hold a settings object'] };
  }
  const problems: string[] = [];
  const settings = clone(defaults);
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    if (key === 'retention' || !Object.hasOwn(raw, key)) continue;
    const parsed = schema.safeParse(raw[key]);
    if (!parsed.success) problems.push(`${key}: ${firstMessage(parsed.error)}`);
    else if (key === 'backupFolder' && typeof parsed.data === 'string' && !isTrustedFolder(parsed.data))
      problems.push(`backupFolder: refused because ${untrustedPathReason(parsed.data, platform)}`);
    else if (key === 'extraDestinations' && Array.isArray(parsed.data)) {
      // Each destination is probed, copied into and cleaned up: the backup folder's rule, one by one.
      const extras = parsed.data;
      for (const extra of extras.filter((candidate) => !isTrustedFolder(candidate.folder)))
        problems.push(
          `extraDestinations: "${extra.folder}" refused because ${untrustedPathReason(extra.folder, platform)}`,
        );
      settings.extraDestinations = extras.filter((candidate) => isTrustedFolder(candidate.folder));
    } else Object.assign(settings, { [key]: parsed.data });
  }
  if (Object.hasOwn(raw, 'retention')) {
    const retention = raw['retention'];
    if (!isPlainObject(retention)) {
      problems.push('retention: expected an object with keepLast and thinDailyWeekly');
    } else {
      for (const [key, schema] of Object.entries(retentionSchema.shape)) {
        if (!Object.hasOwn(retention, key)) continue;
        const parsed = schema.safeParse(retention[key]);
        if (parsed.success) Object.assign(settings.retention, { [key]: parsed.data });
        else problems.push(`retention.${key}: ${firstMessage(parsed.error)}`);
      }
    }
  }
  // The member-wise result must still be a whole valid settings object; if the schema ever
  // gains cross-member rules this is where they would be enforced.
  return { settings: settingsSchema.parse(settings), problems };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone(settings: Settings): Settings {
  return { ...settings, retention: { ...settings.retention } };
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid value';
}
