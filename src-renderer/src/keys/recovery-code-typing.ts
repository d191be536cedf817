import {
  RECOVERY_CODE_BYTES,
  RECOVERY_CODE_GROUPS,
  RECOVERY_CODE_SYMBOLS,
  formatRecoveryCode,
  parseRecoveryCode,
} from '../../../src-shared/recovery-code';

const GROUP_LENGTH = RECOVERY_CODE_SYMBOLS / RECOVERY_CODE_GROUPS;

/** What the recovery-code field says about the text typed so far. */
export interface TypedRecoveryCode {
  /** The whole code is there and every group's check symbol is right: it may be sent. */
  ready: boolean;
  /** Whole groups typed so far (0-8). */
  groupsTyped: number;
  /** One sentence naming the group to fix, or null while nothing is wrong yet. */
  problem: string | null;
}

// A code whose every group is right for its place: a typed group is checked by putting it in
// its place here and asking the shared parser, so the check-symbol rule stays in one file
// (src-shared/recovery-code.ts) while the person is still typing the groups after it.
const VALID_GROUPS = formatRecoveryCode(new Uint8Array(RECOVERY_CODE_BYTES)).split('-');

/**
 * Checks a recovery code as it is typed: each group as soon as its five characters are there,
 * so a typo is named by its group before the person types on, and the whole code at the end.
 * Only the shared parser decides; main parses the code again when it arrives.
 */
export function checkTypedRecoveryCode(text: string): TypedRecoveryCode {
  const whole = parseRecoveryCode(text);
  if (whole.ok) return { ready: true, groupsTyped: RECOVERY_CODE_GROUPS, problem: null };
  // A character no code uses is named with its group even before the code is complete.
  if (whole.reason !== 'length') return { ready: false, groupsTyped: 0, problem: whole.message };
  const symbols = text.replace(/[\s-]+/g, '');
  if (symbols.length > RECOVERY_CODE_SYMBOLS) return { ready: false, groupsTyped: 0, problem: whole.message };
  const groupsTyped = Math.floor(symbols.length / GROUP_LENGTH);
  for (let g = 0; g < groupsTyped; g++) {
    const groups = [...VALID_GROUPS];
    groups[g] = symbols.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH);
    const alone = parseRecoveryCode(groups.join('-'));
    if (!alone.ok) return { ready: false, groupsTyped, problem: alone.message };
  }
  return { ready: false, groupsTyped, problem: null };
}
