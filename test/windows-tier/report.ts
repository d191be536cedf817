/**
 * The tier's tables: operations down, holder share modes across, one table per hold length. A cell
 * shows the outcome, the time from the first attempt to it, and the pauses the retry helper made by
 * error code; "MISMATCH" marks a cell whose case failed a check (the reasons follow the tables).
 */
import type { CaseRecord } from './case-run';
import type { HolderMode, Phase } from './protocol';
import { HOLDER_MODES } from './protocol';
import type { Operation } from './scenarios';

export const MODE_TITLES: Record<HolderMode, string> = {
  sqlite: 'sqlite (R/W share, no delete)',
  'sqlite-vfs': 'SQLite VFS (real db, read txn)',
  'share-delete': 'share-delete (R/W/D)',
  exclusive: 'exclusive (no share)',
};

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function retriesText(retries: Record<string, number>): string {
  const parts = Object.entries(retries)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${n}x${code}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export function cellText(record: CaseRecord | undefined): string {
  if (!record) return 'not run';
  const { result, verdict } = record;
  const mark = verdict.problems.length > 0 ? ' MISMATCH' : '';
  if (!result) return `no result${mark}`;
  return `${result.outcome} ${seconds(result.elapsedMs)}${retriesText(result.retries)}${mark}`;
}

export function phaseTable(
  operations: readonly Operation[],
  records: CaseRecord[],
  phase: Phase,
  modes: readonly HolderMode[] = HOLDER_MODES,
): string {
  const header = `| operation | ${modes.map((m) => MODE_TITLES[m]).join(' | ')} |`;
  const rule = `|---|${modes.map(() => '---').join('|')}|`;
  const rows = operations
    .filter((op) => records.some((r) => r.plan.op.id === op.id && r.plan.phase === phase))
    .map((op) => {
      const cells = modes.map((mode) =>
        cellText(
          records.find((r) => r.plan.op.id === op.id && r.plan.mode === mode && r.plan.phase === phase),
        ),
      );
      return `| ${op.title} | ${cells.join(' | ')} |`;
    });
  return [header, rule, ...rows].join('\n');
}

/** Anything judged like a case: the file-layer cases and the copy-in cases. */
type JudgedCase = Pick<CaseRecord, 'verdict' | 'caseDir' | 'runnerLog'> & { plan: { id: string } };

export function problemsText(records: JudgedCase[]): string {
  return records
    .filter((r) => r.verdict.problems.length > 0)
    .map(
      (r) =>
        `MISMATCH ${r.plan.id} (expected ${r.verdict.expected}, got ${r.verdict.outcome}; files in ${r.caseDir}, runner output in ${r.runnerLog}):\n` +
        r.verdict.problems.map((p) => `  - ${p}`).join('\n'),
    )
    .join('\n');
}

/** The worst-case measurements: how long giving up takes with the default budget, and what it says. */
export function worstCaseText(records: CaseRecord[]): string {
  if (records.length === 0) return '- (not in this selection of cases)';
  return records
    .map((r) => {
      const result = r.result;
      if (!result) return `- ${r.plan.op.title}, ${r.plan.mode}: no result`;
      return (
        `- ${r.plan.op.title}, holder ${r.plan.mode}: ${result.outcome} after ${seconds(result.elapsedMs)} ` +
        `from the first attempt${retriesText(result.retries)}\n  message: ${result.message ?? '(none)'}`
      );
    })
    .join('\n');
}
