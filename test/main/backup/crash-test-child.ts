/**
 * Test-only child process (started through crash-test-child.test-shim.mjs): runs one real
 * backup or restore and SIGKILLs itself the moment a chosen progress point is reached, the
 * way a crash, a power cut or the task manager would end it. No finally block, no cleanup
 * runs: the parent then checks what the start-up sweep and SQLite make of the remains.
 */
import { createBackup } from '../../../src-main/backup/create-backup';
import type { CreateBackupRequest } from '../../../src-main/backup/create-backup';
import type { KdfParams } from '../../../src-main/backup/format/kdf';
import type { JobProgress } from '../../../src-main/backup/progress';
import { restoreBackup } from '../../../src-main/backup/restore-backup';
import type { RestoreBackupRequest } from '../../../src-main/backup/restore-backup';

export interface CrashScenario {
  op: 'backup' | 'restore';
  request:
    Omit<CreateBackupRequest, 'keySource'> | Omit<RestoreBackupRequest, 'keySource' | 'safetyKeySource'>;
  keyHex: string;
  kdf: Omit<KdfParams, 'salt'> & { saltHex: string };
  killAt: { phase: JobProgress['phase']; when: 'start' | 'midway' | 'end' };
}

function reached(p: JobProgress, killAt: CrashScenario['killAt']): boolean {
  if (p.phase !== killAt.phase) return false;
  if (killAt.when === 'start') return true;
  if (killAt.when === 'end') return p.bytesTotal > 0 && p.bytesDone === p.bytesTotal;
  return p.bytesDone > 0 && p.bytesDone < p.bytesTotal;
}

async function run(scenario: CrashScenario): Promise<void> {
  const { saltHex, ...params } = scenario.kdf;
  const keySource = {
    key: new Uint8Array(Buffer.from(scenario.keyHex, 'hex')),
    kdf: { ...params, salt: new Uint8Array(Buffer.from(saltHex, 'hex')) },
  };
  const onProgress = (p: JobProgress): void => {
    if (reached(p, scenario.killAt)) process.kill(process.pid, 'SIGKILL');
  };
  if (scenario.op === 'backup') {
    await createBackup({ ...(scenario.request as CreateBackupRequest), keySource }, { onProgress });
  } else {
    await restoreBackup(
      { ...(scenario.request as RestoreBackupRequest), keySource, safetyKeySource: keySource },
      { onProgress },
    );
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (part: string) => (input += part));
process.stdin.on('end', () => {
  run(JSON.parse(input) as CrashScenario).then(
    () => process.stdout.write('finished without reaching the kill point\n'),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
});
