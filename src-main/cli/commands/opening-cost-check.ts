import { NoteVaultError } from '../../../src-shared/errors';
import type { KdfParams } from '../../backup/format/kdf';
import { openingCostBeyondDefaults } from '../../backup/format/opening-cost';
import type { CliIo, OptionSpec } from '../cli-types';
import { readStdinLine } from '../passkey/read-stdin-line';
import { UsageError } from '../usage-error';

/** `--yes` of the commands that open a backup. */
export const YES_OPTION: OptionSpec = {
  type: 'boolean',
  short: 'y',
  description: 'open a backup that takes more time and memory than usual without asking',
};

/** For each such command's help. */
export const OPENING_COST_HELP =
  'A backup whose key-derivation settings take more time or memory than the backups NoteVault ' +
  'makes (up to about 20 s and 1 GiB) is not opened without asking first: at a terminal you are ' +
  'asked to confirm; in a script, give --yes, or the command stops with exit code 2 before doing ' +
  'anything.';

/**
 * Runs before the passkey is asked for and before any key is derived (`kdf`: the v1 header's,
 * or the v2 passkey slot's; undefined when no Argon2id will run): a header at the
 * format's caps makes Argon2id take about 20 s and 1 GiB, which a person should agree to
 * and a script should opt into, rather than find out from a frozen terminal.
 */
export async function confirmOpeningCost(
  io: CliIo,
  kdf: Pick<KdfParams, 'opslimit' | 'memlimit'> | undefined,
  options: { yes: boolean; commandName: string },
): Promise<void> {
  const cost = openingCostBeyondDefaults(kdf);
  if (cost === null || options.yes) return;
  const takes = `about ${cost.seconds} s and ${cost.memoryMiB} MiB of memory`;
  if (!io.isTTY) {
    throw new UsageError(
      `this backup takes ${takes} to open, more than backups NoteVault makes; give --yes to open it ` +
        'anyway (there is no terminal to ask on)',
      options.commandName,
    );
  }
  io.stderr.write(`This backup takes ${takes} to open. Continue? [y/N] `);
  const answer = await readStdinLine(io.stdin);
  if (!/^\s*y(es)?\s*$/i.test(answer)) {
    throw new NoteVaultError('CANCELLED', 'Did not open the backup; nothing was done.');
  }
}
