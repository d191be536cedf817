import type { z } from 'zod';
import { NoteVaultError } from './errors';

/**
 * Turns zod issues into one sentence a person can act on: the field (as a dotted path)
 * and what is wrong with it, e.g. `patch.title: A title is 501 characters long...`.
 */
export function describeValidationIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return parts.length > 0 ? parts.join('; ') : 'the arguments are not valid.';
}

/** The parsed value, or NoteVaultError('VALIDATION') saying what is wrong. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new NoteVaultError('VALIDATION', describeValidationIssues(parsed.error.issues));
  return parsed.data;
}
