/**
 * The Windows side of the private-root scenario (private-root.ts): `node.exe private-root.cjs
 * <result file> <victim folder>` under Wine. Resolves and creates the CLI's private temp root as
 * NoteVault does, plants a dead job's leftover with links to the victim folder inside it, a link
 * named like a leftover, an unrecognised folder and a running job's folder, runs the start-up
 * sweep over the root and writes what it saw. Links are planted where Wine can make them; an
 * attempt that fails is reported with its error, not treated as a pass of the sweep.
 */
import { lstatSync, mkdirSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startupSweep } from '../../src-main/backup/startup-sweep';
import { createPrivateTempDir } from '../../src-main/fsx/private-temp';
import { cliTempRoot, ensurePrivateTempRoot } from '../../src-main/fsx/private-temp-root';
import type { LinkAttempt, PrivateRootProbe } from './private-root';
import { PLANTED } from './private-root';
import { plaintextFor } from './scenarios';

/** A PID no process has now (Windows PIDs are multiples of 4; libuv answers ESRCH for none). */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid += 4) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

function plant(root: string, at: string, target: string, kind: LinkAttempt['kind']): LinkAttempt {
  const type = kind === 'junction' ? 'junction' : kind === 'dir-symlink' ? 'dir' : 'file';
  try {
    symlinkSync(target, join(root, at), type);
    // Wine 8 answers success for some link kinds and makes nothing: only what lstat sees counts.
    return { kind, at, made: true, lstatIsLink: lstatSync(join(root, at)).isSymbolicLink() };
  } catch (error) {
    return { kind, at, made: false, error: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

async function probe(victim: string): Promise<PrivateRootProbe> {
  const root = await ensurePrivateTempRoot(cliTempRoot());
  const pid = deadPid();
  const dead = PLANTED.deadJob(pid);
  mkdirSync(join(root, dead));
  writeFileSync(join(root, dead, 'snapshot.db'), plaintextFor('dead job snapshot', 500));
  const links = [
    plant(root, `${dead}/junction`, victim, 'junction'),
    plant(root, `${dead}/dir-link`, victim, 'dir-symlink'),
    plant(root, `${dead}/file-link`, join(victim, 'notes.txt'), 'file-symlink'),
    plant(root, PLANTED.linkAsLeftover(pid), victim, 'junction'),
  ];
  mkdirSync(join(root, PLANTED.foreign));
  writeFileSync(join(root, PLANTED.foreign, PLANTED.foreignFile), 'not NoteVault’s\n');
  const live = await createPrivateTempDir(root, 'backup');
  writeFileSync(join(live, 'snapshot.db'), plaintextFor('running job snapshot', 10));
  // As the CLI sweeps after a job: this process's own folders may be in use.
  const report = await startupSweep({ tempParent: root, databaseFolder: root, backupFolders: [] });
  return {
    localAppData: process.env['LOCALAPPDATA'],
    root,
    liveFolder: live.slice(root.length + 1),
    links,
    sweep: {
      wipedTempDirs: report.wipedTempDirs,
      skipped: report.skipped.map(({ path, reason }) => ({ path, reason })),
      failures: report.failures,
    },
    remaining: readdirSync(root).sort(),
  };
}

const [resultFile, victim] = process.argv.slice(2);
if (!resultFile || !victim) {
  console.error('Usage: node.exe private-root.cjs <result file> <victim folder>');
  process.exitCode = 2;
} else {
  void probe(victim)
    .catch((error: unknown): PrivateRootProbe => ({
      localAppData: process.env['LOCALAPPDATA'],
      root: '',
      liveFolder: '',
      links: [],
      sweep: { wipedTempDirs: [], skipped: [], failures: [] },
      remaining: [],
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }))
    .then((result) => {
      writeFileSync(`${resultFile}.tmp`, JSON.stringify(result, null, 2));
      renameSync(`${resultFile}.tmp`, resultFile);
    });
}
