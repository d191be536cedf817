export const SCANNED: string[];
export const EXCLUDED_CHECKS: Record<string, string>;

export interface Finding {
  rule: string;
  /** Relative to the scanned root with '/' separators, or '(global)'. */
  file: string;
  line: number | undefined;
  /** The flagged line, trimmed; '' for global findings. */
  source: string;
  manualReview: boolean;
  message: string;
}

export interface AllowlistEntry {
  rule: string;
  file: string;
  match?: string | undefined;
  reason: string;
}

export interface Review {
  allowed: { finding: Finding; entry: AllowlistEntry }[];
  unlisted: Finding[];
  stale: AllowlistEntry[];
}

export function stageSources(root: string, stage: string): string[];
export function findUnparseable(files: string[]): { file: string; reason: string }[];
export function runElectronegativity(
  stage: string,
  sarifFile: string,
  version: string,
  timeoutMs?: number,
): Promise<string>;
export function readFindings(sarifText: string, stage: string): Finding[];
export function parseAllowlist(text: string, path: string): AllowlistEntry[];
export function reviewFindings(findings: Finding[], entries: AllowlistEntry[]): Review;
export function formatReview(review: Review, allowlistPath: string): { ok: boolean; text: string };
