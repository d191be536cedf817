/**
 * The Windows side of the cloud-sync detection scenario (cloud-sync.ts): `node.exe
 * cloud-sync.cjs <result file> <home> <elsewhere>` under Wine. Asks detectCloudSyncFolder about
 * each folder with this process's own platform, realpath and attribute reader (PowerShell, which
 * Wine lacks), and writes the answers.
 */
import { writeFileSync } from 'node:fs';
import { detectCloudSyncFolder } from '../../src-main/fsx/cloud-sync-folder';
import { powerShellAttributes } from '../../src-main/fsx/windows-attributes';
import type { CloudSyncProbeResult } from './cloud-sync';
import { cloudSyncEnv, cloudSyncQuestions } from './cloud-sync';

async function main(resultFile: string, home: string, elsewhere: string) {
  const env = cloudSyncEnv(home, elsewhere);
  const answers: CloudSyncProbeResult['answers'] = [];
  for (const question of cloudSyncQuestions(home, elsewhere)) {
    const t0 = performance.now();
    try {
      const kind = await detectCloudSyncFolder(question.folder, { platform: process.platform, home, env });
      answers.push({ ...question, kind, ms: performance.now() - t0 });
    } catch (error) {
      answers.push({ ...question, kind: 'error', ms: performance.now() - t0, error: String(error) });
    }
  }
  const t0 = performance.now();
  const value = await powerShellAttributes()(home);
  const result: CloudSyncProbeResult = {
    platform: process.platform,
    answers,
    powerShell: { value, ms: performance.now() - t0 },
  };
  writeFileSync(resultFile, JSON.stringify(result, null, 2));
}

const [resultFile, home, elsewhere] = process.argv.slice(2);
if (!resultFile || !home || !elsewhere) {
  console.error('Usage: node.exe cloud-sync.cjs <result file> <home> <elsewhere>');
  process.exitCode = 2;
} else {
  main(resultFile, home, elsewhere).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
}
