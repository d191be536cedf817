import { z } from 'zod';

const HEX_64 = /^[0-9a-f]{64}$/;

/**
 * The manifest member of a backup's metadata (docs/backup-format.md section 7), as read from a
 * file: authentic once decrypted, but still checked, like every other member. Its meaning is in
 * backup-manifest.ts; this file holds only its shape, so the format code needs no database code.
 */
export const backupManifestSchema = z.object({
  notes: z.int().nonnegative(),
  attachments: z.int().nonnegative(),
  notesDigest: z.string().regex(HEX_64),
  attachmentsDigest: z.string().regex(HEX_64),
});
