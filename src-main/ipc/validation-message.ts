import type { z } from 'zod';

/**
 * Turns zod issues into one sentence a person can act on: the field (as a dotted path)
 * and what is wrong with it, e.g. `patch.title: A title can be at most 500 characters...`.
 */
export function describeValidationIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return parts.length > 0 ? parts.join('; ') : 'the arguments are not valid.';
}
